"""``normalize``: NFC, zero-width characters, optional full-width letters/digits, whitespace.

Entities and placeholders are skipped: the zero-width joiner inside a family emoji, a full-width
letter in a nickname or the exact bytes of a URL are not ours to change.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from localize.post import Post
from localize.steps.base import Step, StepContext
from localize.text.entities import DEFAULT_KINDS, find_entities
from localize.text.placeholders import PLACEHOLDER_RE

# U+200B zero-width space (Weibo appends it), ZWNJ/ZWJ outside emoji, word joiner, BOM, LRM/RLM.
_ZERO_WIDTH = re.compile("[\u200b-\u200f\u2060-\u2064\ufeff]")
# Only letters and digits: full-width punctuation (，。！) is correct Chinese punctuation.
_FULLWIDTH_ALNUM = {
    cp: cp - 0xFEE0
    for r in ((0xFF10, 0xFF19), (0xFF21, 0xFF3A), (0xFF41, 0xFF5A))
    for cp in range(r[0], r[1] + 1)
}
_SPACES = re.compile(r"[ \t\u00a0]{2,}|[\t\u00a0]")
_SPACE_AROUND_NEWLINE = re.compile(r" *\n *")
_MANY_NEWLINES = re.compile(r"\n{3,}")


@dataclass
class NormalizeOptions:
    nfc: bool = True
    zero_width: bool = True
    fullwidth_ascii: bool = False
    whitespace: bool = True


class Normalize(Step):
    name = "normalize"
    Options = NormalizeOptions

    def __init__(self, options: NormalizeOptions, context: StepContext) -> None:
        super().__init__(options, context)
        # One search tells whether anything at all needs changing; most posts are clean.
        dirty = []
        if options.zero_width:
            dirty.append(_ZERO_WIDTH.pattern)
        if options.fullwidth_ascii:
            dirty.append("[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]")
        if options.whitespace:
            dirty += [_SPACES.pattern, r"\r| \n|\n |\n\n\n|^\s|\s\Z"]
        self._dirty = re.compile("|".join(dirty)) if dirty else None

    def process_post(self, post: Post) -> None:
        post.text = self.normalize(post.text)

    def normalize(self, text: str) -> str:
        if (self._dirty is None or self._dirty.search(text) is None) and (
            not self.options.nfc or unicodedata.is_normalized("NFC", text)
        ):
            return text
        whole = self._gap(text)
        if whole == text:
            # Nothing to change anywhere, so nothing inside an entity either (the common case).
            return self._whitespace(text)
        pieces, last = [], 0
        for start, end in _untouchable(text):
            pieces.append(self._gap(text[last:start]))
            pieces.append(text[start:end])
            last = end
        pieces.append(self._gap(text[last:]))
        return self._whitespace("".join(pieces))

    def _whitespace(self, text: str) -> str:
        if not self.options.whitespace:
            return text
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        return _MANY_NEWLINES.sub("\n\n", _SPACE_AROUND_NEWLINE.sub("\n", text)).strip()

    def _gap(self, text: str) -> str:
        opts = self.options
        if opts.nfc:
            text = unicodedata.normalize("NFC", text)
        if opts.zero_width:
            text = _ZERO_WIDTH.sub("", text)
        if opts.fullwidth_ascii:
            text = text.translate(_FULLWIDTH_ALNUM)
        if opts.whitespace:
            text = _SPACES.sub(" ", text)
        return text


def _untouchable(text: str) -> list[tuple[int, int]]:
    spans = [(e.start, e.end) for e in find_entities(text, DEFAULT_KINDS)]
    if "XQ" in text:
        spans.extend(m.span() for m in PLACEHOLDER_RE.finditer(text))
        spans.sort()
    return spans
