"""Merging several glossaries into one, with a precedence rule a content team can predict.

**Later glossaries win.** A pipeline's ``glossaries:`` list is read in order and ``--glossary``
files come after it, so a team's own file listed last overrides a shared starter glossary:

* the same entry id in two files: the later entry replaces the earlier one (in the earlier
  one's position), with a warning naming both files;
* the same term (same locale, same spelling) in entries with different ids whose preferred forms
  in another locale differ: both stay, the matcher prefers the later file's entry, and a warning
  names the conflict.

Warnings are logged on the ``localize.glossary`` logger and kept on ``Glossary.warnings``.
"""

from __future__ import annotations

from collections.abc import Sequence

from localize.glossary.model import LOCALES, Entry, Glossary, log


def merge_glossaries(glossaries: Sequence[Glossary]) -> Glossary:
    if len(glossaries) == 1:
        return glossaries[0]
    warnings: list[str] = []
    merged: dict[str, Entry] = {}
    for glossary in glossaries:
        warnings.extend(glossary.warnings)
        for entry in glossary.entries:
            earlier = merged.get(entry.id)
            if earlier is not None and earlier != entry:
                warnings.append(
                    f"entry {entry.id!r} from {entry.where} overrides the one from {earlier.where}"
                )
            merged[entry.id] = entry
    entries = list(merged.values())
    warnings.extend(_term_conflicts(entries))
    for warning in warnings:
        log.warning("glossary merge: %s", warning)
    return Glossary(
        entries,
        name="+".join(g.name for g in glossaries if g.name),
        description="; ".join(g.description for g in glossaries if g.description),
        sources=[s for g in glossaries for s in g.sources],
        warnings=warnings,
    )


def _term_conflicts(entries: list[Entry]) -> list[str]:
    """Same source form, different entries, different target forms (across files)."""
    owners: dict[tuple[str, str], Entry] = {}
    out = []
    for entry in entries:
        for term in entry.terms:
            if term.status == "forbidden":
                continue
            key = (term.locale, term.text.lower())
            first = owners.get(key)
            if first is None:
                owners[key] = entry
                continue
            if first.id == entry.id or first.path == entry.path:
                continue  # within one file this is lint's job (conflicting_targets)
            for locale in LOCALES:
                a, b = first.preferred(locale), entry.preferred(locale)
                if a is not None and b is not None and a.text != b.text:
                    out.append(
                        f"{term.locale} term {term.text!r} is in {first.id!r} ({first.where}) and "
                        f"{entry.id!r} ({entry.where}) with different {locale} forms "
                        f"{a.text!r} / {b.text!r}; the later file's entry wins"
                    )
                    break
    return out
