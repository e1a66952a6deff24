"""Placeholder-keeping translation: what happens when a model loses a placeholder.

A sentence whose best translation loses, duplicates or alters a placeholder gets, in order:

1. the best of the n-best hypotheses that keeps every placeholder;
2. if it masks glossary terms: a translation with the terms unmasked (their source text goes to
   the model); the unit records which terms it gave up (``Unit.unmasked``);
3. if an entity placeholder still does not survive: the text on each side of every entity is
   translated as a separate segment and the entity stays where it was (``Unit.segmented``).

No placeholder the model invents reaches the output. The ``translate`` step makes the units
and reports what they record; this module knows nothing of posts or steps.
"""

from __future__ import annotations

import string
from collections.abc import Callable
from dataclasses import dataclass, field

from localize.text.placeholders import PLACEHOLDER_RE, PlaceholderForm, make_placeholder

# n-best hypotheses for each text, best first (the engine with its settings bound).
TranslateFn = Callable[[list[str]], list[list[str]]]

_PUNCT = set(string.punctuation + string.whitespace + "，。！？、；：“”‘’（）《》【】「」『』…—·～")


@dataclass
class Unit:
    """One piece of text to translate: a sentence, a hashtag's text, or a fallback segment."""

    text: str  # internal placeholders (XQ7QX)
    terms: dict[str, str] = field(default_factory=dict)  # term placeholder -> its source text
    out: str | None = None
    unmasked: list[str] = field(default_factory=list)  # term placeholders given up (step 2)
    segmented: bool = False  # translated in pieces around its entities (step 3)


def translate_units(
    units: list[Unit], form: PlaceholderForm, translate: TranslateFn, *, spaced: bool
) -> None:
    """Set ``out`` on every unit, rescuing those whose placeholders the model loses.
    ``spaced``: the target language separates words with spaces (English)."""
    pending = [u for u in units if not _settle_trivial(u)]
    failed = _round(pending, form, translate)
    retry: list[Unit] = []
    split: list[Unit] = []
    for unit in failed:
        terms = [m.group() for m in PLACEHOLDER_RE.finditer(unit.text) if m.group() in unit.terms]
        if terms:
            for placeholder in terms:
                unit.text = unit.text.replace(placeholder, unit.terms[placeholder])
                unit.unmasked.append(placeholder)
            if not _settle_trivial(unit):
                retry.append(unit)
        else:
            split.append(unit)
    split += _round(retry, form, translate)
    _split_round(split, form, translate, spaced)


def translatable(text: str) -> bool:
    """Whether ``text`` has anything but placeholders, punctuation and space."""
    return any(ch not in _PUNCT for ch in PLACEHOLDER_RE.sub("", text))


def _settle_trivial(unit: Unit) -> bool:
    """Text with nothing to translate (only placeholders, punctuation, space) stays as is."""
    if not translatable(unit.text):
        unit.out = unit.text
        return True
    return False


def _round(units: list[Unit], form: PlaceholderForm, translate: TranslateFn) -> list[Unit]:
    """Translate ``units``; set ``out`` where a hypothesis keeps every placeholder."""
    if not units:
        return []
    masked = [form.to_model(u.text) for u in units]
    nbest = translate(masked)
    failed = []
    for unit, src, hyps in zip(units, masked, nbest, strict=True):
        want = form.count(src)
        for hyp in hyps:
            if form.count(hyp) == want and (form.is_internal or not PLACEHOLDER_RE.search(hyp)):
                unit.out = form.from_model(hyp)
                break
        else:
            failed.append(unit)
    return failed


def _split_round(
    units: list[Unit], form: PlaceholderForm, translate: TranslateFn, spaced: bool
) -> None:
    """Translate the text between entity placeholders separately; entities stay in place."""
    layouts: list[tuple[Unit, list[str]]] = []
    texts: list[str] = []
    for unit in units:
        # One capture group: parts alternate text, number, text, number, ..., text.
        parts = PLACEHOLDER_RE.split(unit.text)
        parts[1::2] = [make_placeholder(int(n)) for n in parts[1::2]]
        layouts.append((unit, parts))
        texts += [p.strip() for p in parts[0::2] if translatable(p)]
        unit.segmented = True
    translated = iter(h[0] for h in translate(texts)) if texts else iter(())
    for unit, parts in layouts:
        out = ""
        for i, part in enumerate(parts):
            if i % 2 == 0 and translatable(part):
                # Whatever placeholder a model invents here stands for nothing: drop it.
                text = PLACEHOLDER_RE.sub("", form.remove(next(translated)))
                lead = part[: len(part) - len(part.lstrip())]
                trail = part[len(part.rstrip()) :]
                part = lead + text + trail
            if spaced and out and part and _needs_space(out[-1], part[0], i % 2 == 1):
                out += " "
            out += part
        unit.out = out


def _needs_space(left: str, right: str, right_is_entity: bool) -> bool:
    """Between an English word and an entity that touched it in Chinese source, put a space."""
    if left.isspace() or right.isspace():
        return False
    if right_is_entity:
        return (left.isascii() and left.isalnum()) or left in ".,!?;:)"
    return (right.isascii() and right.isalnum()) or right == "("
