"""Shape checks: ``empty_target``, ``identical_to_source``, ``length_ratio``, ``doubled_word``."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

import regex

from localize.qa.base import BLANK, CheckEnv, Hit, Segment, quote, register, texts_matching

# Invisible characters that make a target look non-empty (Weibo pads posts with U+200B).
_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff"


_DROP_INVISIBLE = {ord(c): None for c in _INVISIBLE}


def visible(text: str) -> str:
    return text.translate(_DROP_INVISIBLE).strip()


def _starts_visible(text: str) -> bool:
    first = text[:1]
    return bool(first) and not first.isspace() and first not in _INVISIBLE


def _maybe_empty(segs: Sequence[Segment], options: object, env: CheckEnv) -> list[bool]:
    return [not _starts_visible(seg.target) for seg in segs]


@register(
    "empty_target",
    severity="error",
    summary="the target is empty (or only whitespace) while the source is not",
    screen=_maybe_empty,
)
def empty_target(seg: Segment, options: object, env: CheckEnv) -> Iterator[Hit]:
    if _starts_visible(seg.target):
        return  # a visible first character: the usual case, settled without a copy
    if not visible(seg.target) and visible(seg.source):
        yield Hit("the target is empty")


@dataclass
class IdenticalOptions:
    # Letters (Han or Latin) the source needs outside entities before a copy counts: a post that
    # is only a link, an emoji or "OK" may legitimately stay as it is.
    min_letters: int = 3


def _across_languages(segs: Sequence[Segment], options: object, env: CheckEnv) -> list[bool]:
    # Between two scripts of one language (zh-Hans -> zh-Hant) an unchanged text is often right;
    # script_mismatch catches the conversions that did not happen.
    return [seg.source_lang is None or seg.source_lang != seg.target_lang for seg in segs]


@register(
    "identical_to_source",
    severity="warning",
    summary="the target is a copy of the source (source and target languages differ)",
    options=IdenticalOptions,
    screen=_across_languages,
)
def identical_to_source(seg: Segment, options: IdenticalOptions, env: CheckEnv) -> Iterator[Hit]:
    if not _across_languages([seg], options, env)[0]:
        return
    if visible(seg.source) != visible(seg.target):
        return
    letters = sum(1 for ch in seg.source_plain if ch.isalpha() and ch != BLANK)
    if letters >= options.min_letters:
        yield Hit("the target is identical to the source: was it translated?")


@dataclass
class LengthOptions:
    # Bounds on (target length / source length) / expected ratio for the language pair.
    min: float = 0.4
    max: float = 2.5
    # Shorter sources (counted without entities) vary too much to judge.
    min_source_chars: int = 12
    # Expected target/source length in characters: English runs about three characters per Han
    # character. Keys are "source>target" languages; same-language pairs expect 1.
    expected: dict[str, float] = field(default_factory=lambda: {"zh>en": 3.0, "en>zh": 1 / 3})


# White space to str.split(), not to regex's \s.
_SPLIT_ONLY = ("\x1c", "\x1d", "\x1e", "\x1f")


def _content_length(plain: str) -> int:
    """Characters of ``plain`` other than white space (as regex's ``\\s`` has it) and BLANK.
    Counted with str.split(), which drops white space in C, twice as fast as a regex
    substitution; the four separators it also drops, which ``\\s`` keeps, are counted back."""
    length = len("".join(plain.split())) - plain.count(BLANK)
    if not plain.isprintable():  # only then can it hold one of _SPLIT_ONLY
        length += sum(map(plain.count, _SPLIT_ONLY))
    return length


def _content_lengths(plains: list[str]) -> list[int]:
    """``_content_length`` of each of ``plains``, with white space dropped from them all in one
    call (joined by NUL, which is no white space; a text holding NUL or one of _SPLIT_ONLY goes
    the way of one text)."""
    joined = "\x00".join(plains)
    if joined.count("\x00") != len(plains) - 1 or any(c in joined for c in _SPLIT_ONLY):
        return [_content_length(plain) for plain in plains]
    return [len(p) - p.count(BLANK) for p in "".join(joined.split()).split("\x00")]


def _expected(seg: Segment, options: LengthOptions) -> float:
    return options.expected.get(f"{seg.source_lang}>{seg.target_lang}", 1.0)


def _out_of_range(seg: Segment, options: LengthOptions, source_len: int, target_len: int) -> bool:
    """Whether the target's length over the source's, over what the language pair usually
    gives, is outside the bounds. A short source is too short to judge, and empty_target
    speaks for empty targets."""
    if source_len < options.min_source_chars or target_len == 0:
        return False
    ratio = target_len / source_len / _expected(seg, options)
    return ratio < options.min or ratio > options.max


def _maybe_out_of_range(
    segs: Sequence[Segment], options: LengthOptions, env: CheckEnv
) -> list[bool]:
    # length_ratio's whole test, for a batch: the content lengths of all its texts at once.
    plains = [seg.source_plain for seg in segs] + [seg.target_plain for seg in segs]
    lengths = _content_lengths(plains)
    sources, targets = lengths[: len(segs)], lengths[len(segs) :]
    return [
        _out_of_range(seg, options, source_len, target_len)
        for seg, source_len, target_len in zip(segs, sources, targets, strict=True)
    ]


@register(
    "length_ratio",
    severity="warning",
    summary="the target is much shorter or longer than the source usually makes it",
    options=LengthOptions,
    screen=_maybe_out_of_range,
)
def length_ratio(seg: Segment, options: LengthOptions, env: CheckEnv) -> Iterator[Hit]:
    source_len = _content_length(seg.source_plain)
    if source_len < options.min_source_chars:
        return  # too short to judge: the target need not be measured
    target_len = _content_length(seg.target_plain)
    if _out_of_range(seg, options, source_len, target_len):
        expected = _expected(seg, options)
        ratio = target_len / source_len / expected
        size = "short" if ratio < options.min else "long"
        usual = target_len / ratio
        per = _per_char(expected)
        pair_words = f"{_LANGUAGE.get(seg.source_lang or '', 'the source language')} to " + (
            _LANGUAGE.get(seg.target_lang or "", "the target language")
        )
        yield Hit(
            f"the target is too {size}: {target_len} characters for {source_len} in the source,"
            f" where {pair_words} usually gives about {usual:.0f} ({per}); that is"
            f" {ratio:.2f} times the usual length, outside {options.min:g}–{options.max:g}"
            " (spaces, links, mentions, hashtags and emoji not counted)",
            {"ratio": round(ratio, 2), "source_chars": source_len, "target_chars": target_len},
        )


_LANGUAGE = {"zh": "Chinese", "en": "English"}


def _per_char(expected: float) -> str:
    if expected >= 1:
        return f"{expected:g} characters per source character"
    return f"1 character per {1 / expected:g} source characters"


@dataclass
class DoubledOptions:
    # A doubled English word is allowed when a reference corpus writes it doubled at least this
    # often (localize/data/doubled-words-en.tsv: "had had", "that that"; never "is is").
    min_corpus_doubles: int = 2
    # Doubles to allow besides the corpus's (a team's own, e.g. "bye").
    allow: list[str] = field(default_factory=list)
    # Chinese repeats of this many characters or more are errors (加拿大加拿大); a two-character
    # unit doubled (研究研究, 我们我们) is grammar only for verbs and adjectives, as jieba's
    # dictionary tags them; one character doubled (看看, 慢慢) always is.
    min_han_unit: int = 2


# Not inside a hyphenated compound: a "high-power power line" repeats no word.
_EN_DOUBLE = regex.compile(r"(?<!-)\b([A-Za-z][A-Za-z']*)\s+(\1)\b(?!-)", regex.IGNORECASE)
# What comes right before the white space of every English double: a letter or an apostrophe
# (as _EN_DOUBLE's case-insensitive class has them, which adds İ ı ſ K), and white space as the
# stdlib re has it (a superset of regex's \s: it adds \x1c-\x1f). One stdlib search of that
# pair settles a target without one (nearly every Chinese one) before _EN_DOUBLE's slower scan.
_MAYBE_EN_DOUBLE = re.compile(r"[A-Za-z'\u0130\u0131\u017f\u212a]\s")
_HAN_DOUBLE = regex.compile(r"(\p{Han}{2,12}?)\1")
# The blocks that hold every \p{Han} character (tests/qa/test_length.py checks each code point),
# and more. The stdlib re looks for a double of those about 3x faster than regex does for
# _HAN_DOUBLE: where it finds none (nearly every post), there is no Han double either.
_HAN_BLOCKS = (
    "\u2e80-\u2fdf\u3005\u3007\u3021-\u3029\u3038-\u303b\u3400-\u9fff\uf900-\ufaff"
    "\U00016fe0-\U00016fff\U00020000-\U0003ffff"
)
_MAYBE_HAN_DOUBLE = re.compile(rf"([{_HAN_BLOCKS}]{{2,12}}?)\1")
# Either, for a batch of targets at once (see _maybe_doubled).
_MAYBE_DOUBLE = re.compile(f"{_MAYBE_HAN_DOUBLE.pattern}|{_MAYBE_EN_DOUBLE.pattern}")
# jieba's part-of-speech tags of words that reduplicate: verbs, adjectives, distinguishers.
_REDUPLICATING_TAGS = ("v", "a", "b", "z")


@cache
def corpus_doubles() -> dict[str, int]:
    """Word -> times a reference corpus writes it twice in a row."""
    raw = resources.files("localize.data").joinpath("doubled-words-en.tsv").read_text("utf-8")
    rows = (line.split("\t") for line in raw.splitlines() if line and not line.startswith("#"))
    return {row[0]: int(row[1]) for row in rows}


@cache
def reduplicating_words() -> frozenset[str]:
    """Two-character words jieba's dictionary tags as verbs or adjectives (read on first use:
    only a doubled two-character unit needs it)."""
    import jieba

    words: set[str] = set()
    with jieba.get_dict_file() as handle:
        for raw in handle:
            line = raw.decode("utf-8") if isinstance(raw, bytes) else raw
            parts = line.split()
            if len(parts) == 3 and len(parts[0]) == 2 and parts[2].startswith(_REDUPLICATING_TAGS):
                words.add(parts[0])
    return frozenset(words)


def _han_double_allowed(unit: str) -> bool:
    if len(set(unit)) == 1:
        return True  # 哈哈哈哈 is laughter
    return len(unit) == 2 and unit in reduplicating_words()


def _maybe_doubled(segs: Sequence[Segment], options: DoubledOptions, env: CheckEnv) -> list[bool]:
    # The quick tests of doubled_word over the targets as they are: a match in a target's plain
    # text is one in the target (blanking only replaces characters neither test matches).
    return texts_matching(_MAYBE_DOUBLE, [seg.target for seg in segs])


@register(
    "doubled_word",
    severity="error",
    summary='a word written twice in a row ("is is", "加拿大加拿大"), unless a corpus shows the'
    ' double is English ("had had")',
    options=DoubledOptions,
    screen=_maybe_doubled,
)
def doubled_word(seg: Segment, options: DoubledOptions, env: CheckEnv) -> Iterator[Hit]:
    seen: set[str] = set()
    if _MAYBE_EN_DOUBLE.search(seg.target_plain) is not None:
        yield from _english_doubles(seg, options, seen)
    if _MAYBE_HAN_DOUBLE.search(seg.target_plain) is None:
        return
    for m in _HAN_DOUBLE.finditer(seg.target_plain):
        unit = m.group(1)
        if len(unit) < options.min_han_unit or m.group() in seg.source or m.group() in seen:
            continue
        if _han_double_allowed(unit):
            continue
        seen.add(m.group())
        yield Hit(f"doubled word {quote(m.group())}", {"word": unit})


def _english_doubles(seg: Segment, options: DoubledOptions, seen: set[str]) -> Iterator[Hit]:
    corpus = corpus_doubles()
    allowed = {w.lower() for w in options.allow}
    source: str | None = None  # the source as words, made when a double needs it
    for m in _EN_DOUBLE.finditer(seg.target_plain):
        word = m.group(1).lower()
        double = f"{word} {word}"
        if word in allowed or corpus.get(word, 0) >= options.min_corpus_doubles:
            continue
        if source is None:
            source = " ".join(seg.source.lower().split())
        if double in seen or double in source:
            continue
        seen.add(double)
        yield Hit(f"doubled word {quote(m.group())}", {"word": m.group(1)})
