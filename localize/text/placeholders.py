"""Placeholders: the internal mask for a protected span, and the forms MT may use instead.

``XQ7QX``: ASCII letters and digits only, so OpenCC leaves it alone, jieba keeps it in one
alphanumeric run, and a sentencepiece round trip gives it back (no ``_``, which Argos decoding
turns into a space; no symbols a vocabulary may lack). If a post already contains text of this
shape, ``protect`` masks that text too, so restoring is never ambiguous.

Whether a translation model's tokenizer gives the internal form back unchanged depends on its
vocabulary, so MT picks the first of :data:`CANDIDATES` that survives a round trip
(:mod:`localize.mt.masking`); QA looks for all of them in a target. They live here so that QA
never imports MT.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import cached_property

PLACEHOLDER_RE = re.compile(r"XQ(\d+)QX")
# Every placeholder starts with this: a cheap ``in`` test before a regex scan.
PLACEHOLDER_PREFIX = "XQ"
INTERNAL_TEMPLATE = "XQ{n}QX"


def make_placeholder(number: int) -> str:
    return f"XQ{number}QX"


def has_placeholder(text: str) -> bool:
    """Whether ``text`` may hold a placeholder (a cheap test; False means surely none)."""
    return PLACEHOLDER_PREFIX in text


# Tried in order; the internal form first, so most models need no mapping at all. No candidate
# contains ``_``: Argos-style decoding turns it into a space.
CANDIDATES: tuple[str, ...] = (
    INTERNAL_TEMPLATE,
    "ZZ{n}ZZ",
    "QX{n}XQ",
    "<{n}>",
    "[{n}]",
    "{{{n}}}",
    "#{n}#",
)


@dataclass(frozen=True)
class PlaceholderForm:
    """One placeholder spelling, e.g. ``ZZ{n}ZZ``, and the conversions to and from it."""

    template: str

    @cached_property
    def pattern(self) -> re.Pattern[str]:
        before, after = self.template.split("{n}")
        unescape = before.replace("{{", "{"), after.replace("}}", "}")
        return re.compile(re.escape(unescape[0]) + r"(\d+)" + re.escape(unescape[1]))

    def make(self, number: int | str) -> str:
        return self.template.format(n=number)

    @property
    def is_internal(self) -> bool:
        return self.template == INTERNAL_TEMPLATE

    def to_model(self, text: str) -> str:
        if self.is_internal:
            return text
        return PLACEHOLDER_RE.sub(lambda m: self.make(m.group(1)), text)

    def from_model(self, text: str) -> str:
        if self.is_internal:
            return text
        return self.pattern.sub(lambda m: make_placeholder(int(m.group(1))), text)

    def count(self, text: str) -> Counter[str]:
        """How often each placeholder number occurs in model-form ``text``."""
        return Counter(m.group(1) for m in self.pattern.finditer(text))

    def remove(self, text: str) -> str:
        """Remove placeholders a model invented (they must never reach the output)."""
        return self.pattern.sub("", text)
