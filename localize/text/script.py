"""Script detection: which Han characters belong to one script only, and a post's script.

A character is Simplified-only when OpenCC maps it to Traditional and none of its Traditional
candidates is itself (发 -> 發/髮); Traditional-only likewise (發 -> 发). Characters valid in both
scripts (后 queen / 後 after, 乾, 的) are neither, so a Traditional post is never blamed for them.
The table is generated from OpenCC by ``tools/gen_script_chars.py`` because the Python API only
exposes the first candidate of each mapping; it also stores the per-character conversions the
glossary matcher and the region standards need, so that no OpenCC converter is built for them
(building one costs about 0.1-0.2 s).

:func:`detect` makes a cheap guess of a post's script: zh-Hans, zh-Hant, en, mixed or other.
Entities (URLs, @mentions, hashtags, ...) are left out first, so an English post that mentions
@旅游达人 is still English. Between the two Chinese scripts only script-specific characters
count; a post with none (e.g. 中文) counts as zh-Hans.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from functools import cache
from importlib import resources
from operator import itemgetter
from typing import Any

import daachorse

from localize.text.entities import find_entities
from localize.text.joined import texts_with_matches


@cache
def _data() -> dict[str, Any]:
    raw = resources.files("localize.data").joinpath("script_chars.json").read_text("utf-8")
    data: dict[str, Any] = json.loads(raw)
    return data


@cache
def _tables() -> tuple[frozenset[str], frozenset[str]]:
    data = _data()
    return frozenset(data["simplified_only"]), frozenset(data["traditional_only"])


@cache
def simplified_only_chars(locale: str | None = None) -> frozenset[str]:
    """Simplified-only characters; for zh-Hant-HK/TW minus those the region's standard keeps.

    Regional standards keep a few characters that are Simplified-only in OpenCC's tables: Hong
    Kong writes 温 and 着 (HKVariants), so an s2hk result must not be blamed for them. The
    table stores what s2hk/s2tw leave unchanged, so no converter is built here.
    """
    kept = _data()["kept_by_region"].get(locale or "")
    return _tables()[0] - frozenset(kept) if kept else _tables()[0]


def t2s_chars() -> dict[str, str]:
    """Traditional-only character -> its Simplified form, where OpenCC's t2s gives one."""
    table: dict[str, str] = _data()["t2s"]
    return table


def traditional_only_chars() -> frozenset[str]:
    return _tables()[1]


@cache
def _finder(chars: frozenset[str]) -> daachorse.CharwiseDoubleArrayAhoCorasick:
    return daachorse.CharwiseDoubleArrayAhoCorasick(sorted(chars))


def contains_any(text: str, chars: frozenset[str]) -> bool:
    """``not chars.isdisjoint(text)`` for a large set of characters (the tables above), about
    4x faster on Chinese posts: one pass of an automaton over the text (daachorse, as the
    glossary matcher's script fold uses) instead of a set lookup per character."""
    return bool(chars) and bool(_finder(chars).find(text))


def contains_any_each(texts: Sequence[str], chars: frozenset[str]) -> list[bool]:
    """:func:`contains_any` for each of ``texts``, in one pass over them all."""
    if not chars:
        return [False] * len(texts)
    finder = _finder(chars)
    return texts_with_matches(lambda joined: map(itemgetter(0), finder.find(joined)), texts, "\n")


def simplified_only(ch: str) -> bool:
    return ch in _tables()[0]


def traditional_only(ch: str) -> bool:
    return ch in _tables()[1]


# CJK Unified Ideographs, Extension A, Compatibility Ideographs, Extensions B-G.
HAN_RANGES = ((0x4E00, 0x9FFF), (0x3400, 0x4DBF), (0xF900, 0xFAFF), (0x20000, 0x3134F))
HAN_CLASS = "".join(f"{chr(lo)}-{chr(hi)}" for lo, hi in HAN_RANGES)  # for a regex [...]


def is_han(ch: str) -> bool:
    cp = ord(ch)
    return any(lo <= cp <= hi for lo, hi in HAN_RANGES)


SCRIPTS = ("zh-Hans", "zh-Hant", "en", "mixed", "other")

# Share of letters (Han or Latin) one script needs before the post counts as that script.
_DOMINANT = 0.7


def _without_entities(text: str) -> str:
    if not any(c in text for c in "#@[/.:"):
        return text  # no entity can start without one of these (emoji aside, which are not letters)
    pieces, last = [], 0
    for entity in find_entities(text):
        pieces.append(text[last : entity.start])
        last = entity.end
    pieces.append(text[last:])
    return " ".join(pieces)


_HAN = re.compile(f"[{HAN_CLASS}]+")
_LATIN = re.compile(r"[A-Za-z]+")
# Thousands of scattered characters make a slow regex class (measured 15x slower), so the
# script-specific characters are counted by set intersection (distinct characters suffice).


def detect(text: str) -> str:
    body = _without_entities(text)
    han = sum(map(len, _HAN.findall(body)))
    # A Latin word weighs about as much as two Han characters of content.
    latin_weight = sum(map(len, _LATIN.findall(body))) / 2.5
    total = han + latin_weight
    if total == 0:
        return "other"
    if han / total >= _DOMINANT:
        chars = set(body)
        n_trad = len(chars & traditional_only_chars())
        n_simp = len(chars & simplified_only_chars())
        return "zh-Hant" if n_trad > n_simp else "zh-Hans"
    if latin_weight / total >= _DOMINANT:
        return "en"
    return "mixed"


def matches_script(detected: str | None, wanted: str) -> bool:
    """Whether a post's detected script satisfies a step's ``when`` (zh matches both scripts)."""
    if detected is None:
        return False
    if wanted == "zh":
        return detected in ("zh-Hans", "zh-Hant")
    return detected == wanted
