"""Which Han characters belong to only one script, as OpenCC's dictionaries see them.

A character is Simplified-only when OpenCC maps it to Traditional and none of its Traditional
candidates is itself (发 -> 發/髮); Traditional-only likewise (發 -> 发). Characters valid in both
scripts (后 queen / 後 after, 乾, 的) are neither, so a Traditional post is never blamed for them.
The table is generated from OpenCC by ``tools/gen_script_chars.py`` because the Python API only
exposes the first candidate of each mapping.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources


@cache
def _tables() -> tuple[frozenset[str], frozenset[str]]:
    raw = resources.files("localize.data").joinpath("script_chars.json").read_text("utf-8")
    data = json.loads(raw)
    return frozenset(data["simplified_only"]), frozenset(data["traditional_only"])


def simplified_only_chars() -> frozenset[str]:
    return _tables()[0]


def traditional_only_chars() -> frozenset[str]:
    return _tables()[1]


def simplified_only(ch: str) -> bool:
    return ch in _tables()[0]


def traditional_only(ch: str) -> bool:
    return ch in _tables()[1]


def is_han(ch: str) -> bool:
    cp = ord(ch)
    return (
        0x4E00 <= cp <= 0x9FFF
        or 0x3400 <= cp <= 0x4DBF
        or 0xF900 <= cp <= 0xFAFF
        or 0x20000 <= cp <= 0x3134F
    )
