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
from localize.text.entities import BLANK_ENDS, DEFAULT_KINDS, blank_spans, find_entities
from localize.text.placeholders import PLACEHOLDER_RE

# U+200B zero-width space (Weibo appends it), ZWNJ/ZWJ outside emoji, word joiner, BOM, LRM/RLM.
_ZERO_WIDTH = re.compile("[\u200b-\u200f\u2060-\u2064\ufeff]")
# Only letters and digits: full-width punctuation (，。！) is correct Chinese punctuation.
_FULLWIDTH_ALNUM = {
    cp: cp - 0xFEE0
    for r in ((0xFF10, 0xFF19), (0xFF21, 0xFF3A), (0xFF41, 0xFF5A))
    for cp in range(r[0], r[1] + 1)
}
# What removing or widening next to an entity could join to it.
_BORDER_CHARS = "\u200b\u200c\u200d\u200e\u200f\u2060\u2061\u2062\u2063\u2064\ufeff" + "".join(
    map(chr, _FULLWIDTH_ALNUM)
)
_BORDER = re.compile(f"[{re.escape(_BORDER_CHARS)}]*")
_SPACES = re.compile(r"[ \t\u00a0]{2,}|[\t\u00a0]")
_SPACE_AROUND_NEWLINE = re.compile(r" *\n *")
_MANY_NEWLINES = re.compile(r"\n{3,}")
# What the line rules (_whitespace) change: unlike the other rules, they run over the whole text.
_LINE_DIRT = re.compile(r"\r| \n|\n |\n\n\n")


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
            dirty += [_SPACES.pattern, _LINE_DIRT.pattern, r"^\s|\s\Z"]
        self._dirty = re.compile("|".join(dirty)) if dirty else None
        # Whether every character of BLANK_ENDS goes from the ends of a post (see _clean_core).
        self._strips_blank_ends = options.whitespace and options.zero_width

    def process_post(self, post: Post) -> None:
        post.text = self.normalize(post.text)

    def normalize(self, text: str) -> str:
        if self._is_clean(text):
            return text
        core = self._clean_core(text)
        if core is not None:
            return core
        return self._normalize_gaps(text)

    def _is_clean(self, text: str) -> bool:
        return (self._dirty is None or self._dirty.search(text) is None) and (
            not self.options.nfc or unicodedata.is_normalized("NFC", text)
        )

    def _clean_core(self, text: str) -> str | None:
        """What the gap-by-gap rules (:meth:`_normalize_gaps`) give a post whose only dirt is
        at its ends or inside its entities, found in a few quick calls; None for any other post.

        Most posts that need anything are such posts: the U+200B Weibo appends, a space before
        or after the post, the zero-width joiners of an emoji family. The rules take whitespace
        and zero-width marks off the ends (no entity starts or ends in them: ``BLANK_ENDS``)
        and never touch an entity, so with nothing to change between the entities, that is all
        they do. The entities are the scan ``protect`` makes next (cached). A property test
        holds this to :meth:`_normalize_gaps`.
        """
        core = text.strip(BLANK_ENDS) if self._strips_blank_ends else text
        if self._is_clean(core):
            return core
        if core[:1].isspace() or core[-1:].isspace():
            return None  # a control character \x1c-\x1f at an end: strip() would cut an entity
        if self.options.whitespace and _LINE_DIRT.search(core):
            return None  # the line rules apply to the whole text, entities included
        entities = find_entities(core, DEFAULT_KINDS)
        if not entities:
            return None
        # The text with its entities blanked: U+FFFC is no rule's concern.
        return core if self._is_clean(blank_spans(core, entities)) else None

    def _normalize_gaps(self, text: str) -> str:
        if self._gap(text) == text:
            # Nothing to change outside the whitespace rules (the common case).
            spans = None
            result = self._whitespace(text)
        else:
            spans = _untouchable(text)
            result = self._whitespace(self._around(text, spans, keep_borders=False))
        if result == text or _surely_same_entities(text, result, spaces_only=spans is None):
            return result
        if _entities(result) == _entities(text):
            return result
        # The change made, cut or widened an entity: removing the zero-width space between a
        # link and a mention joins them into one link, a full-width letter made ASCII extends a
        # URL, stripping the ends cuts a URL that ends in a control character. Leave the gaps
        # that touch an entity as they are, and the whole text if even that is not enough.
        if spans is not None:
            result = self._whitespace(self._around(text, spans, keep_borders=True))
            if _entities(result) == _entities(text):
                return result
        return text

    def _around(self, text: str, spans: list[tuple[int, int]], *, keep_borders: bool) -> str:
        """Normalize the gaps between untouchable spans; with ``keep_borders``, the zero-width
        and full-width characters right next to a span stay as they are."""
        pieces, last = [], 0
        for start, end in [*spans, (len(text), len(text))]:
            gap = text[last:start]
            if keep_borders and gap:
                lead = _BORDER.match(gap).end() if last > 0 else 0  # type: ignore[union-attr]
                trail = len(gap) - len(gap.rstrip(_BORDER_CHARS)) if start < len(text) else 0
                if lead == len(gap) and start == len(text):
                    lead = 0  # the end of the post: nothing follows to join
                if trail == len(gap) and last == 0:
                    trail = 0  # the start of the post: nothing precedes
                trail = min(trail, len(gap) - lead)
                gap = gap[:lead] + self._gap(gap[lead : len(gap) - trail]) + gap[len(gap) - trail :]
            else:
                gap = self._gap(gap)
            pieces.append(gap)
            pieces.append(text[start:end])
            last = end
        return "".join(pieces)

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


# Characters that str.strip() removes but the entity patterns' \s does not exclude from a URL.
_STRIPPED_URL_CHARS = re.compile("[\x1c-\x1f]")


def _surely_same_entities(text: str, result: str, *, spaces_only: bool) -> bool:
    """Whether ``result``, ``text`` normalized, surely has the same entities, without scanning
    it again (that scan was most of this step's time).

    No entity starts or ends with a blank, and the patterns' look-arounds read a blank next to
    an entity as they read the end of the text, so taking blanks off the ends changes none.
    Inside a post, when only the line rules applied (``spaces_only``: carriage returns made
    newlines, spaces next to a newline dropped, blank lines merged), no entity holds what they
    change but a topic holding a carriage return (``#A\rB#``). A URL may end in a control
    character that ``strip()`` removes: then the full check runs.
    """
    if _STRIPPED_URL_CHARS.search(text):
        return False
    if result == text.strip(BLANK_ENDS):
        return True
    return spaces_only and ("\r" not in text or "#" not in text)


def _entities(text: str) -> list[str]:
    return [e.text for e in find_entities(text, DEFAULT_KINDS)]


def _untouchable(text: str) -> list[tuple[int, int]]:
    """Entity and placeholder spans, sorted and merged: a placeholder-shaped run inside a topic
    (#XQ7QX话题#) is part of that one span, not a second copy of it."""
    spans = [(e.start, e.end) for e in find_entities(text, DEFAULT_KINDS)]
    if "XQ" not in text:
        return spans
    spans.extend(m.span() for m in PLACEHOLDER_RE.finditer(text))
    spans.sort()
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged
