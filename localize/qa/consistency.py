"""Consistency across posts: ``inconsistent_translation`` and ``inconsistent_source``.

Within one run (one ``localize check``, or the life of a pipeline's ``check`` step), the same
source sentence translated two ways, and two different source sentences given the same
translation, are reported on the later post with both post ids, as Xbench, Okapi CheckMate and
Weblate do.

Posts stream, so nothing here keeps their text: each sentence is normalised (NFKC, case, spacing,
entities dropped) and kept as a 64-bit hash with the id of the first post that had it, at most
``max_sentences`` of them (the oldest are forgotten first). Memory is bounded by that number,
whatever the size of the input. A post's sentences are paired by position when source and
target have as many; otherwise the whole post is one pair.

Checks that need the whole batch keep their state in :attr:`CheckEnv.cache`, which lives as long
as the :class:`~localize.qa.Checker`: one per ``localize check`` and one per pipeline step.

With ``localize run --jobs N`` each worker sees only its share of the posts, so its checker
*defers* these checks (:attr:`CheckEnv.pending` is a list): each becomes a :class:`PendingCheck`
(the post's sentence hashes), and the parent process, which gets the results back in input
order, judges them with one :class:`Ledger` for the whole run. The findings are then those of
one process, in the same place among the post's issues.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import partial
from itertools import count, repeat
from operator import add
from typing import Any

from localize.qa.base import BLANK, BatchFunc, CheckEnv, Hit, Segment, quote, register

# A sentence ends after 。！？!? (and closing quotes), or after "." followed by a space:
#     [。！？!?…]+[」』”’"')）]?\s*  |  \.["'”’)]?\s+
# written to start with one character class, so that the stdlib re skips through the text to
# the next mark in C (it does for a leading class, not for a choice of two; 22% less time on
# Weibo posts): the lookbehind tells which of the two kinds of end the first character began.
_SENTENCE_SPLIT = re.compile(
    r"([。！？!?….](?:(?<=[。！？!?…])[。！？!?…]*[」』”’\"')）]?\s*|(?<=\.)[\"'”’)]?\s+))"
)
_EMPTY = f" {BLANK}"  # a piece of nothing but these is no sentence
# What never makes two sentences different: white space and these invisible characters.
_INVISIBLE = (BLANK, "\u200b", "\u200c", "\u200d", "\u200e", "\u200f", "\u2060", "\ufeff")
_LETTER = re.compile(r"[^\W_]")  # a letter or digit, in any script
_SEPARATOR = "\x00"  # between the texts normalise_all and pair_hashes join
_SENTENCE_MARK = "\x01"  # after each sentence end, in pair_hashes
_IS_NFKC = partial(unicodedata.is_normalized, "NFKC")


@dataclass
class ConsistencyOptions:
    # Sentences with fewer letters or digits than this are too short to judge ("OK", "谢谢").
    min_chars: int = 4
    # How many sentence hashes to remember per direction (about 200 bytes each).
    max_sentences: int = 200_000


@dataclass
class _Memory:
    """Normalised-sentence hashes seen so far: the other side's hash and the first post id
    (at most ``limit``, the oldest forgotten first; see :func:`_judged`)."""

    limit: int
    seen: dict[int, tuple[int, str]] = field(default_factory=dict)


def normalise(sentence: str) -> str:
    """The form two sentences must share to count as the same."""
    text = sentence
    if not unicodedata.is_normalized("NFKC", text):  # a quick C scan; mostly true
        text = unicodedata.normalize("NFKC", text)
    text = text.casefold()
    return _without_noise(text)  # spacing never makes two sentences different


def normalise_all(texts: list[str]) -> list[str]:
    """``[normalise(t) for t in texts]``, with one call to fold case and drop spacing for all of
    them (joined by NUL): per sentence, the calls cost more than the work.

    Exact: case folding and the removal of spacing go character by character and leave NUL
    alone; a text that holds a NUL itself sends the lot the slow way. NFKC stays per text, and
    only where needed (see :func:`_nfkc_pieces`).
    """
    joined = _SEPARATOR.join(texts)
    if not texts or joined.count(_SEPARATOR) != len(texts) - 1:
        return [normalise(text) for text in texts]
    joined = _nfkc_pieces(joined, _SEPARATOR)
    return _without_noise(joined.casefold()).split(_SEPARATOR)


# Full-width forms common in Chinese text and their NFKC (a test holds each to unicodedata).
_WIDE_FORMS = (
    *((wide, chr(ord(wide) - 0xFEE0)) for wide in "，？！：；（）％～"),
    ("\u3000", " "),
)


def _nfkc_pieces(joined: str, separator: str) -> str:
    """Each piece of ``joined`` (cut at ``separator``, a control character) in NFKC.

    Chinese text is rarely in NFKC only for its full-width punctuation (，？！：), so those are
    replaced first, in a few C searches over the whole text, and most texts are then normal:
    one quick check, no NFKC call per sentence (about a quarter of them held such a mark).
    Exact: NFKC decomposes each character fully first, so it gives the same for a text and for
    the text with a character replaced by its full compatibility decomposition (each of these
    is one ASCII character that decomposes no further), and a text in NFKC is its own NFKC.
    Control characters compose with nothing, so normalising the pieces together or one by one
    is the same."""
    if _IS_NFKC(joined):
        return joined
    for wide, narrow in _WIDE_FORMS:
        if wide in joined:
            joined = joined.replace(wide, narrow)
    if _IS_NFKC(joined):
        return joined
    nfkc = unicodedata.normalize
    pieces = joined.split(separator)
    return separator.join(
        [t if ok else nfkc("NFKC", t) for t, ok in zip(pieces, map(_IS_NFKC, pieces), strict=True)]
    )


def _without_noise(text: str) -> str:
    """``text`` without white space and ``_INVISIBLE`` characters. Not one regex
    substitution (``[\\s\\ufffc\\u200b-\\u200f\\u2060\\ufeff]+``), which tests every character
    in Python's regex engine: each invisible character is looked for (a quick C search) and
    removed with ``str.replace`` where present, and white space with ``str.split()``, which
    splits on the characters ``\\s`` matches (both ask ``Py_UNICODE_ISSPACE``); 3-4x faster."""
    for invisible in _INVISIBLE:
        if invisible in text:
            text = text.replace(invisible, "")
    return "".join(text.split())


def sentences(text: str) -> list[str]:
    """``text`` cut after each sentence-final mark (the marks stay with their sentence)."""
    # split() with the marks captured gives [sentence, marks, sentence, marks, ..., rest]: each
    # sentence is glued to its marks in C, not in a loop over the matches.
    parts = _SENTENCE_SPLIT.split(text)
    if len(parts) == 1:
        return parts if text.strip(_EMPTY) else []  # no mark: one sentence (or none)
    pieces = list(map(add, parts[:-1:2], parts[1::2]))
    pieces.append(parts[-1])
    return [p for p in pieces if p.strip(_EMPTY)]


def sentence_pairs(source: str, target: str) -> list[tuple[str, str]]:
    """Source and target sentences paired by position, or the whole texts as one pair."""
    src = sentences(source)
    if len(src) < 2:
        return [(source, target)]  # whatever the target's sentences: no need to cut it
    tgt = sentences(target)
    if len(src) == len(tgt):
        return list(zip(src, tgt, strict=True))
    return [(source, target)]


_MEMORIES = "consistency"  # where a checker keeps the sentences it has seen (env.cache)


def forget_posts(env: CheckEnv) -> None:
    """Start the checks across posts afresh: no post seen so far is compared with later ones."""
    env.cache.pop(_MEMORIES, None)


def _memories(env: CheckEnv, options: ConsistencyOptions) -> tuple[_Memory, _Memory]:
    memories = env.cache.get(_MEMORIES)
    if memories is None:
        memories = env.cache[_MEMORIES] = (
            _Memory(options.max_sentences),
            _Memory(options.max_sentences),
        )
    return memories


def _sentence_pairs(seg: Segment) -> list[tuple[str, str]]:
    pairs: list[tuple[str, str]] | None = seg.cache.get("consistency:sentences")
    if pairs is None:
        pairs = seg.cache["consistency:sentences"] = sentence_pairs(
            seg.source_plain, seg.target_plain
        )
    return pairs


def _pairs(seg: Segment, options: ConsistencyOptions) -> list[tuple[int, int, int]]:
    """``(index, source hash, target hash)`` of each sentence pair worth comparing; the index
    is the pair's place in :func:`sentence_pairs`, to quote it if it is reported."""
    key = ("consistency", options.min_chars)
    if key not in seg.cache:
        prefetch_pairs([seg], options)
    pairs: list[tuple[int, int, int]] = seg.cache[key]
    return pairs


def prefetch_pairs(segs: list[Segment], options: ConsistencyOptions) -> None:
    """Cache :func:`_pairs` for each of ``segs``, all cut and normalised together
    (:func:`pair_hashes`)."""
    key = ("consistency", options.min_chars)
    todo = [seg for seg in segs if key not in seg.cache]
    texts = [text for seg in todo for text in (seg.source_plain, seg.target_plain)]
    for seg, found in zip(todo, pair_hashes(texts, options.min_chars), strict=True):
        seg.cache[key] = found


def pair_hashes(texts: list[str], min_chars: int) -> list[list[tuple[int, int, int]]]:
    """For each source and target in ``texts`` (source, target, source, target, ...): ``(index,
    source hash, target hash)`` of each pair of :func:`sentence_pairs` worth comparing, its
    texts normalised as :func:`normalise` does.

    The sentences of all the texts are cut and normalised in a few calls over them all, not a
    few per text (on Weibo posts the calls cost more than the work): each sentence end gets a
    mark, ``_SENTENCE_MARK``, the texts are joined by ``_SEPARATOR`` and normalised together,
    and cut at the marks. Exact: the two characters are in no text (else each pair
    goes :func:`pairs_alone`), in no sentence end and no white space, and normalising leaves
    them and the rest alone (NFKC composes nothing with a control character, and case
    folding and dropping white space go character by character): so the normalised pieces
    are each piece normalised.
    """
    joined = _SEPARATOR.join(texts)
    if joined.count(_SEPARATOR) != len(texts) - 1 or _SENTENCE_MARK in joined or not texts:
        return [pairs_alone(s, t, min_chars) for s, t in zip(texts[::2], texts[1::2], strict=True)]
    # split() with the ends captured gives [sentence, end, sentence, end, ..., rest]: each end
    # gets its mark and all is joined again in C (sub() with a template would expand it in
    # Python, once per sentence).
    parts = _SENTENCE_SPLIT.split(joined)
    parts[1::2] = map(add, parts[1::2], repeat(_SENTENCE_MARK))
    marked = "".join(parts)
    pieces = marked.split(_SEPARATOR)
    # normalise(marked), with NFKC sentence by sentence where needed (see _nfkc_pieces).
    marked = _nfkc_pieces(marked, _SENTENCE_MARK)
    normalised = _without_noise(marked.casefold()).split(_SEPARATOR)
    out = []
    for k in range(0, len(pieces), 2):
        src, tgt = normalised[k].split(_SENTENCE_MARK), normalised[k + 1].split(_SENTENCE_MARK)
        # sentences() keeps the pieces that hold more than spaces and blanks: every piece but
        # the last ends with a sentence end's first mark, so only the last may go. Dropped, it
        # normalises to "" and joins into the whole text's form (below) as nothing.
        if not pieces[k].rpartition(_SENTENCE_MARK)[2].strip(_EMPTY):
            del src[-1]
        if not pieces[k + 1].rpartition(_SENTENCE_MARK)[2].strip(_EMPTY):
            del tgt[-1]
        if len(src) < 2 or len(src) != len(tgt):
            # The whole texts as one pair (see sentence_pairs).
            src, tgt = ["".join(src)], ["".join(tgt)]
        out.append(_worth_comparing(src, tgt, min_chars))
    return out


def pairs_alone(source: str, target: str, min_chars: int) -> list[tuple[int, int, int]]:
    """:func:`pair_hashes` of one source and target, the plain way."""
    pairs = sentence_pairs(source, target)
    normalised = normalise_all([text for pair in pairs for text in pair])
    return _worth_comparing(normalised[::2], normalised[1::2], min_chars)


def _worth_comparing(
    sources: list[str], targets: list[str], min_chars: int
) -> list[tuple[int, int, int]]:
    """``(index, source hash, target hash)`` of the normalised pairs worth judging (see
    :class:`ConsistencyOptions`), in one comprehension: cheaper than a loop that appends."""
    return [
        (i, hash(src), hash(tgt))
        for i, src, tgt in zip(count(), sources, targets)
        if len(src) >= min_chars
        and tgt
        # Counting letters only where punctuation could make up the length, and not where the
        # first min_chars characters are letters (most Chinese sentences): str.isalnum() is
        # _LETTER's class (both ask Py_UNICODE_ISALNUM).
        and (
            len(src) >= 3 * min_chars
            or src[:min_chars].isalnum()
            or len(_LETTER.findall(src)) >= min_chars
        )
        # A target that starts with a letter or digit (most) needs no search for one.
        and (tgt[0].isalnum() or _LETTER.search(tgt) is not None)
    ]


def _shown(seg: Segment, index: int) -> tuple[str, str]:
    source, target = _sentence_pairs(seg)[index]
    return source.strip(f" {BLANK}"), target.strip(f" {BLANK}")


@dataclass(frozen=True)
class PendingCheck:
    """One check across posts on one post, left for another process to judge in input order.

    ``pairs``: ``(index, source hash, target hash)`` of the post's sentence pairs (workers share
    one hash seed, so hashes from different workers compare). ``position``: where among the
    post's issues a finding goes; ``memory``: which check step's memory (a pipeline may have
    two). Small on purpose: it travels back with every post.
    """

    check: str  # inconsistent_translation | inconsistent_source
    post: str
    pairs: tuple[tuple[int, int, int], ...]
    limit: int  # max_sentences of the memory
    position: int = 0
    severity: str = "warning"
    fails: bool = False
    memory: int = 0

    def placed(
        self, position: int, severity: str, fails: bool, memory: int | None = None
    ) -> PendingCheck:
        """This check with its findings' place and level (and its memory, if given): built
        directly, as ``dataclasses.replace`` took 5x as long, twice per post in a worker."""
        return PendingCheck(
            self.check,
            self.post,
            self.pairs,
            self.limit,
            position,
            severity,
            fails,
            self.memory if memory is None else memory,
        )

    def __reduce__(self) -> tuple[type[PendingCheck], tuple[Any, ...]]:
        # One per post comes back to the --jobs parent: pickled as its values (in field order,
        # as __init__ set them) and unpickled by calling the class, it is 15% smaller and
        # 10-20% quicker to load than the default state dict per object.
        return PendingCheck, tuple(vars(self).values())


def _defer(check: str, seg: Segment, options: ConsistencyOptions, env: CheckEnv) -> bool:
    """In a ``--jobs`` worker: leave this check on this post to the parent; True if deferred."""
    if env.pending is None:
        return False
    pairs = _pairs(seg, options)
    if pairs:
        env.pending.append(PendingCheck(check, seg.id, tuple(pairs), options.max_sentences))
    return True


def _translation_hit(earlier: str, post: str, source: str, target: str) -> Hit:
    return Hit(
        f"the source sentence {quote(source)} was translated differently in post"
        f" {earlier!r}; here (post {post!r}) it is {quote(target)}",
        {"posts": [earlier, post], "source": source, "target": target},
    )


def _source_hit(earlier: str, post: str, source: str, target: str) -> Hit:
    return Hit(
        f"the translation {quote(target)} was also given to a different source sentence"
        f" in post {earlier!r}; here (post {post!r}) its source is {quote(source)}",
        {"posts": [earlier, post], "source": source, "target": target},
    )


def _judged(
    check: str,
    memories: tuple[_Memory, _Memory],
    post: str,
    pairs: Iterable[tuple[int, int, int]],
    seg: Segment | None,
) -> list[Hit]:
    """Remember a post's sentence pairs in ``check``'s memory and report what it contradicts,
    quoting the pair from ``seg`` (None: remember only, nothing is reported)."""
    by_translation = check == "inconsistent_translation"
    memory = memories[0] if by_translation else memories[1]
    hit = _translation_hit if by_translation else _source_hit
    hits = []
    # Inline, not a _Memory method: a call per sentence cost more than its work.
    seen, limit = memory.seen, memory.limit
    for index, src, tgt in pairs:
        key, other = (src, tgt) if by_translation else (tgt, src)
        known = seen.get(key)
        if known is None:
            if len(seen) >= limit:
                del seen[next(iter(seen))]  # forget the oldest
            seen[key] = (other, post)
        elif known[0] != other and known[1] != post and seg is not None:
            hits.append(hit(known[1], post, *_shown(seg, index)))
    return hits


class Ledger:
    """The memories of a whole ``--jobs`` run, fed the workers' pending checks in input order."""

    def __init__(self) -> None:
        self._memories: dict[int, tuple[_Memory, _Memory]] = {}

    def judge(self, pending: PendingCheck, texts: tuple[str, str] | None) -> list[Hit]:
        """What the check would have reported on this post had it seen every post so far.
        ``texts``: the post's source and target as the check saw them, to quote sentences
        (None: only remember the post, which is not written)."""
        memories = self._memories.get(pending.memory)
        if memories is None:
            limit = pending.limit
            memories = self._memories[pending.memory] = (_Memory(limit), _Memory(limit))
        # Its sentences are split only if a pair is reported.
        seg = None if texts is None else Segment(pending.post, *texts)
        return _judged(pending.check, memories, pending.post, pending.pairs, seg)


def _judged_each(check: str) -> BatchFunc:
    """``check`` on a batch of segments (outside a ``--jobs`` worker): each segment's pairs
    judged in turn, with the memory looked up and the pairs cut once for the batch."""

    def judge(
        segs: Sequence[Segment], options: ConsistencyOptions, env: CheckEnv
    ) -> list[list[Hit]]:
        memories = _memories(env, options)
        key = ("consistency", options.min_chars)
        prefetch_pairs(list(segs), options)  # a no-op where prepare cut them already
        return [_judged(check, memories, seg.id, seg.cache[key], seg) for seg in segs]

    return judge


@register(
    "inconsistent_translation",
    severity="warning",
    summary="a source sentence translated differently in an earlier post of the same run",
    options=ConsistencyOptions,
    batch=_judged_each("inconsistent_translation"),
)
def inconsistent_translation(
    seg: Segment, options: ConsistencyOptions, env: CheckEnv
) -> Iterator[Hit]:
    if _defer("inconsistent_translation", seg, options, env):
        return
    memories = _memories(env, options)
    yield from _judged("inconsistent_translation", memories, seg.id, _pairs(seg, options), seg)


@register(
    "inconsistent_source",
    severity="warning",
    summary="one translation given to two different source sentences in the same run",
    options=ConsistencyOptions,
    batch=_judged_each("inconsistent_source"),
)
def inconsistent_source(seg: Segment, options: ConsistencyOptions, env: CheckEnv) -> Iterator[Hit]:
    if _defer("inconsistent_source", seg, options, env):
        return
    memories = _memories(env, options)
    yield from _judged("inconsistent_source", memories, seg.id, _pairs(seg, options), seg)
