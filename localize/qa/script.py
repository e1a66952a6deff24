"""``script_mismatch``: the wrong Chinese script, or another region's vocabulary, in a target.

Simplified-only characters in a ``zh-Hant*`` target and Traditional-only characters in a
``zh-Hans`` target, as OpenCC's tables see them (:mod:`localize.text.script`): characters both
scripts use (后, 乾, 台, 的) are never blamed. Entities are skipped, since ``@旅游达人`` keeps its
Simplified name in any target. Where the glossary has region forms, a ``zh-Hant-TW`` target with
Hong Kong's 滿地可 for Montreal (Taiwan writes 蒙特婁) is reported as well.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from localize.qa.base import CheckEnv, Hit, Segment, per_target_locale, quote, register
from localize.text.locales import LOCALES, is_traditional
from localize.text.script import (
    contains_any,
    contains_any_each,
    simplified_only_chars,
    traditional_only_chars,
)


@dataclass
class ScriptOptions:
    # Also report another region's glossary forms (needs a glossary with region forms).
    region_terms: bool = True
    # Characters of context shown around each wrong character.
    context: int = 2


def _wrong_script(locale: str) -> tuple[frozenset[str], str] | None:
    """The characters a ``locale`` target must not hold, and the script they belong to."""
    if is_traditional(locale):
        return simplified_only_chars(locale), "Simplified"
    if locale == "zh-Hans":
        return traditional_only_chars(), "Traditional"
    return None


def _maybe_wrong_script(
    segs: Sequence[Segment], options: ScriptOptions, env: CheckEnv
) -> list[bool]:
    # script_mismatch's quick tests over all of a locale's plain targets at once.
    glossary = env.glossary

    def screen(locale: str, group: list[Segment]) -> list[bool] | None:
        wrong = _wrong_script(locale)
        if wrong is None:
            return None
        targets = [seg.target_plain for seg in group]
        maybe = contains_any_each(targets, wrong[0])
        if options.region_terms and glossary is not None and locale in LOCALES:
            regional = glossary.may_mismatch_region_each(targets, locale)
            maybe = [a or b for a, b in zip(maybe, regional, strict=True)]
        return maybe

    return per_target_locale(segs, screen)


@register(
    "script_mismatch",
    severity="error",
    summary="Simplified-only characters in a zh-Hant target (or the reverse), or another"
    " region's glossary form",
    options=ScriptOptions,
    screen=_maybe_wrong_script,
)
def script_mismatch(seg: Segment, options: ScriptOptions, env: CheckEnv) -> Iterator[Hit]:
    locale = seg.target_locale or ""
    wrong = _wrong_script(locale)
    if wrong is None:
        return
    wrong_chars, script = wrong
    text = seg.target_plain
    # The quick test settles the usual case without a Python loop over the characters.
    found = contains_any(text, wrong_chars)
    positions = [i for i, ch in enumerate(text) if ch in wrong_chars] if found else []
    if positions:
        chars = "".join(dict.fromkeys(text[i] for i in positions))
        where = text[max(0, positions[0] - options.context) : positions[0] + options.context + 1]
        yield Hit(
            f"{script}-only character(s) {quote(chars)} in a {locale} target, e.g. in"
            f" {quote(where.replace(chr(0xFFFC), ''))}",
            {"chars": chars, "script": script},
        )
    glossary = env.glossary
    if options.region_terms and glossary is not None and locale in LOCALES:
        for m in glossary.region_mismatches(seg.target_plain, locale):
            entry = glossary.get(m.entry_id)
            use = glossary.term_for(entry, locale) if entry is not None else None
            instead = f"; {locale} uses {quote(use)}" if use else ""
            yield Hit(
                f"{quote(seg.target[m.start : m.end])} is the {m.locale} form{instead}",
                {"entry": m.entry_id, "term": m.term, "region": m.locale, "expected": use},
            )
