"""Which texts of a batch hold a match, found in one scan of them all joined.

On Weibo-length posts a search costs more in the call than in the scan, so quick tests that run
on every post of a batch (the QA checks' screens, :mod:`localize.qa.base`) join the texts with a
separator and scan once. Exact when no match can hold the separator: each match then falls
inside one text, and a scan that resumes from the end of its last match (inside the text
before, or earlier in the same one) finds a match in every text that has one.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Iterable, Sequence
from itertools import accumulate, repeat
from operator import add


def texts_with_matches(
    match_starts: Callable[[str], Iterable[int]], texts: Sequence[str], separator: str
) -> list[bool]:
    """For each of ``texts``, whether ``match_starts`` (the start of each match a scan of a
    text finds) finds anything in it, from one call on the texts joined by ``separator``."""
    if len(texts) == 1:
        return [any(True for _ in match_starts(texts[0]))]
    found = [False] * len(texts)
    # Where each text starts in the joined text, added up in C.
    lengths = map(add, map(len, texts[:-1]), repeat(len(separator)))
    starts = list(accumulate(lengths, initial=0))
    for start in match_starts(separator.join(texts)):
        found[bisect_right(starts, start) - 1] = True
    return found
