"""``placeholder_leftover``: an internal mask that survived into the output.

Besides the internal form (``XQ7QX``, :mod:`localize.text.placeholders`) this looks for the forms a
translation model may have been given instead (:data:`localize.text.placeholders.CANDIDATES`, e.g.
``ZZ7ZZ``) and for masks a model mangled on the way out (``XQ 7 QX``, ``xq7qx``). Text of these
shapes that the source itself contains is not a leftover, so only occurrences beyond the
source's count are reported.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator, Sequence

from localize.qa.base import CheckEnv, Hit, Segment, quote, register, texts_matching
from localize.text.placeholders import CANDIDATES, PLACEHOLDER_RE, PlaceholderForm

_MANGLED = r"(?<![A-Za-z])X\s?Q\s*\d+\s*Q\s?X(?![A-Za-z])"
_MANGLED_INTERNAL = re.compile(_MANGLED, re.IGNORECASE)
_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("internal placeholder", PLACEHOLDER_RE),
    ("mangled placeholder", _MANGLED_INTERNAL),
    *(
        ("model placeholder", PlaceholderForm(t).pattern)
        for t in CANDIDATES
        if not PlaceholderForm(t).is_internal
    ),
)


# What comes right before the number of every form: Q, X, Z, <, [, {, # or, in a mangled mask
# (XQ 7 QX, xq7qx), white space or q. A text without any such pair holds no mask: one search
# of a character class (scanned in C) settles most texts; a post with a digit would otherwise
# go through _ANY_MASK's alternation at every character.
_BEFORE_NUMBER = re.compile(r"[QqXZ<\[{#\s]\d")
# Any of the patterns anywhere: one scan settles the usual text, which holds no mask.
_ANY_MASK = re.compile(
    "|".join(
        f"(?i:{_MANGLED})" if pattern is _MANGLED_INTERNAL else f"(?:{pattern.pattern})"
        for _, pattern in _PATTERNS
    )
)


def mask_spans(text: str) -> list[tuple[str, int, int]]:
    """``(description, start, end)`` of every mask-shaped string in ``text``, left to right."""
    if _BEFORE_NUMBER.search(text) is None or _ANY_MASK.search(text) is None:
        return []  # every form holds a number, after one of _BEFORE_NUMBER's characters
    return every_mask_span(text)


def every_mask_span(text: str) -> list[tuple[str, int, int]]:
    """:func:`mask_spans` without the quick tests: each form's pattern over the whole text."""
    taken: list[tuple[str, int, int]] = []
    for description, pattern in _PATTERNS:
        for m in pattern.finditer(text):
            if not any(m.start() < end and start < m.end() for _, start, end in taken):
                taken.append((description, m.start(), m.end()))
    return sorted(taken, key=lambda t: t[1])


def find_masks(text: str) -> Counter[tuple[str, str]]:
    """How often each ``(description, text)`` mask occurs in ``text``."""
    return _counted(text, mask_spans(text))


def _counted(text: str, spans: list[tuple[str, int, int]]) -> Counter[tuple[str, str]]:
    return Counter((d, text[s:e]) for d, s, e in spans)


def _maybe_masked(segs: Sequence[Segment], options: object, env: CheckEnv) -> list[bool]:
    return texts_matching(_BEFORE_NUMBER, [seg.target for seg in segs])


@register(
    "placeholder_leftover",
    severity="error",
    summary="an internal placeholder (XQ7QX or a model's form of it) left in the target",
    screen=_maybe_masked,
)
def placeholder_leftover(seg: Segment, options: object, env: CheckEnv) -> Iterator[Hit]:
    spans = mask_spans(seg.target)
    if not spans:
        return  # the usual case, settled before a Counter is built (which costs more)
    target = _counted(seg.target, spans)
    source = find_masks(seg.source)
    for (description, text), count in target.items():
        extra = count - source[(description, text)]
        if extra > 0:
            times = f" ({extra}×)" if extra > 1 else ""
            yield Hit(f"{description} {quote(text)} left in the target{times}", {"mask": text})
