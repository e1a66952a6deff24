"""A cheap guess of a post's script: zh-Hans, zh-Hant, en, mixed or other.

Entities (URLs, @mentions, hashtags, ...) are left out first, so an English post that mentions
@旅游达人 is still English. Between the two Chinese scripts only script-specific characters
count (see :mod:`localize.script`); a post with none (e.g. 中文) counts as zh-Hans.
"""

from __future__ import annotations

import re

from localize.entities import find_entities
from localize.script import HAN_CLASS, simplified_only_chars, traditional_only_chars

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
