"""Shape checks: ``empty_target``, ``identical_to_source``, ``length_ratio``, ``doubled_word``."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache

import regex

from localize.qa.base import BLANK, CheckEnv, Hit, Segment, quote, register

# Invisible characters that make a target look non-empty (Weibo pads posts with U+200B).
_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff"


def visible(text: str) -> str:
    return text.translate({ord(c): None for c in _INVISIBLE}).strip()


@register(
    "empty_target",
    severity="error",
    summary="the target is empty (or only whitespace) while the source is not",
)
def empty_target(seg: Segment, options: object, env: CheckEnv) -> Iterator[Hit]:
    if not visible(seg.target) and visible(seg.source):
        yield Hit("the target is empty")


@dataclass
class IdenticalOptions:
    # Letters (Han or Latin) the source needs outside entities before a copy counts: a post that
    # is only a link, an emoji or "OK" may legitimately stay as it is.
    min_letters: int = 3


@register(
    "identical_to_source",
    severity="warning",
    summary="the target is a copy of the source (source and target languages differ)",
    options=IdenticalOptions,
)
def identical_to_source(seg: Segment, options: IdenticalOptions, env: CheckEnv) -> Iterator[Hit]:
    # Between two scripts of one language (zh-Hans -> zh-Hant) an unchanged text is often right;
    # script_mismatch catches the conversions that did not happen.
    if seg.source_lang is not None and seg.source_lang == seg.target_lang:
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


_NOT_CONTENT = regex.compile(rf"[\s{BLANK}]+")


def _content_length(plain: str) -> int:
    return len(_NOT_CONTENT.sub("", plain))


@register(
    "length_ratio",
    severity="warning",
    summary="the target is much shorter or longer than the source usually makes it",
    options=LengthOptions,
)
def length_ratio(seg: Segment, options: LengthOptions, env: CheckEnv) -> Iterator[Hit]:
    source_len = _content_length(seg.source_plain)
    target_len = _content_length(seg.target_plain)
    if source_len < options.min_source_chars or target_len == 0:
        return  # empty_target speaks for empty targets
    pair = f"{seg.source_lang}>{seg.target_lang}"
    expected = options.expected.get(pair, 1.0)
    ratio = target_len / source_len / expected
    if ratio < options.min or ratio > options.max:
        size = "short" if ratio < options.min else "long"
        yield Hit(
            f"the target is {ratio:.2f}× the expected length ({target_len} characters for "
            f"{source_len} in the source): too {size}",
            {"ratio": round(ratio, 2), "source_chars": source_len, "target_chars": target_len},
        )


@dataclass
class DoubledOptions:
    # English words that are often right when doubled.
    allow: list[str] = field(
        default_factory=lambda: [
            "had", "that", "is", "bye", "ha", "haha", "very", "so", "no", "knock", "really",
            "well", "now", "chop", "cha", "dum", "hip",
        ]
    )  # fmt: skip
    # Chinese reduplication (看看, 研究研究, 高高兴兴) is grammar; only longer repeats are errors.
    min_han_unit: int = 3


_EN_DOUBLE = regex.compile(r"\b([A-Za-z][A-Za-z']*)\s+(\1)\b", regex.IGNORECASE)


@cache
def _han_double(min_unit: int) -> regex.Pattern[str]:
    return regex.compile(rf"(\p{{Han}}{{{max(min_unit, 1)},12}}?)\1")


@register(
    "doubled_word",
    severity="warning",
    summary='a word written twice in a row ("the the", "加拿大加拿大")',
    options=DoubledOptions,
)
def doubled_word(seg: Segment, options: DoubledOptions, env: CheckEnv) -> Iterator[Hit]:
    allowed = {w.lower() for w in options.allow}
    source = seg.source.lower()
    seen: set[str] = set()
    for m in _EN_DOUBLE.finditer(seg.target_plain):
        word = m.group(1).lower()
        double = f"{word} {word}"
        if word in allowed or double in seen or double in " ".join(source.split()):
            continue
        seen.add(double)
        yield Hit(f"doubled word {quote(m.group())}", {"word": m.group(1)})
    for m in _han_double(options.min_han_unit).finditer(seg.target_plain):
        unit = m.group(1)
        if len(set(unit)) == 1:
            continue  # 哈哈哈哈哈哈 is laughter, not a doubled word
        if m.group() in seg.source or m.group() in seen:
            continue
        seen.add(m.group())
        yield Hit(f"doubled word {quote(m.group())}", {"word": unit})
