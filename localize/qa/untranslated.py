"""``untranslated``: source-language text left in the target.

In an English target: Han characters outside entities (a Han URL path or ``@旅游达人`` is fine)
and outside do-not-translate glossary terms. In a Chinese target: runs of several Latin words
that are not names (every word capitalised, like ``Air Canada``), not entities and not glossary
terms. Between two Chinese scripts nothing is "untranslated"; script_mismatch covers that.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import regex

from localize.qa.base import CheckEnv, Hit, Segment, blank_ranges, quote, register
from localize.qa.terms import target_matches

# A span of Chinese as a reader would quote it: Han runs with the digits, spaces and inner
# punctuation between them (转发抽3位送, 你好，世界).
_HAN_RUN = regex.compile(r"\p{Han}+(?:[\s·・\d.%，、：；“”]*\p{Han}+)*")
_LATIN_RUN = regex.compile(r"[A-Za-z][A-Za-z'’.-]*(?:[ \t]+[A-Za-z][A-Za-z'’.-]*)*")
_NAME_WORD = regex.compile(r"^(?:[A-Z][A-Za-z'’.-]*|[a-z]?[A-Z0-9]+|of|the|and|de|du|la|le)$")


@dataclass
class UntranslatedOptions:
    # English targets: Han characters tolerated outside entities and glossary terms.
    max_han_chars: int = 0
    # Chinese targets: a run of this many Latin words (not a name) counts as untranslated.
    min_latin_words: int = 3


def _blank_terms(seg: Segment, env: CheckEnv) -> str:
    spans = [(m.start, m.end) for m in target_matches(seg, env) if m.status != "forbidden"]
    return blank_ranges(seg.target_plain, spans)


def _across_languages(
    segs: Sequence[Segment], options: UntranslatedOptions, env: CheckEnv
) -> list[bool]:
    # zh-Hans -> zh-Hant: script_mismatch's business.
    return [seg.source_lang != seg.target_lang for seg in segs]


@register(
    "untranslated",
    severity="error",
    summary="source-language text left in the target (Han in English, Latin runs in Chinese)",
    options=UntranslatedOptions,
    screen=_across_languages,
)
def untranslated(seg: Segment, options: UntranslatedOptions, env: CheckEnv) -> Iterator[Hit]:
    if seg.source_lang == seg.target_lang:
        return  # zh-Hans -> zh-Hant: script_mismatch's business
    if seg.target_lang == "en":
        text = _blank_terms(seg, env)
        runs = [m.group() for m in _HAN_RUN.finditer(text)]
        count = sum(len(regex.findall(r"\p{Han}", run)) for run in runs)
        if count > options.max_han_chars:
            shown = ", ".join(quote(r) for r in runs[:3]) + (", …" if len(runs) > 3 else "")
            yield Hit(
                f"Chinese text left in the English target: {shown}",
                {"text": runs, "han_chars": count},
            )
    elif seg.target_lang == "zh":
        text = _blank_terms(seg, env)
        for m in _LATIN_RUN.finditer(text):
            words = m.group().split()
            if len(words) < options.min_latin_words:
                continue
            if all(_NAME_WORD.match(w) for w in words):
                continue  # Air Canada, CN Tower, Banff National Park
            yield Hit(
                f"English text left in the Chinese target: {quote(m.group())}",
                {"text": m.group()},
            )
