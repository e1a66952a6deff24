"""``glossary lint``: problems a content team should fix before a glossary is used.

Rules (severity in brackets):

* ``malformed``, ``unknown_locale``, ``unknown_status``, ``empty_term``, ``duplicate_id``
  [error]: what the readers refuse (a bad entry, a locale or status we do not know, an empty
  term, an id used twice).
* ``duplicate_term`` [error]: the same term twice in one entry, or two entries with the same
  term and the same translations (one of them is redundant).
* ``conflicting_targets`` [error]: one source term in two entries whose preferred forms in
  another locale differ, so nobody can tell which translation applies.
* ``forbidden_preferred`` [error]: a form marked forbidden in one place and preferred or admitted
  in another, in the same locale.
* ``missing_target`` [warning]: an entry with terms in only one language (nothing to translate
  to); dnt entries are exempt.
* ``opencc_mismatch`` [warning]: a written ``zh-Hant``/region form that is OpenCC's conversion of
  the ``zh-Hans`` form spelled with other variant characters (裏/裡, 台/臺), most likely a slip.
  A different word altogether is region vocabulary written on purpose (蒙特婁, 滿地可): [info].
* ``wrong_script`` [warning]: a ``zh-Hans`` term with Traditional-only characters, or a
  ``zh-Hant*`` term with Simplified-only ones.
* ``dnt_inconsistent`` [warning]: a dnt entry whose forms differ between locales.
* ``jieba_split`` [warning]: a Chinese term jieba cannot keep whole even with the glossary in its
  dictionary (spaces, ``·`` and other separators), so ``segment`` will cut it. With ``--info``
  also [info]: terms jieba's default dictionary splits (the glossary words fix these).
* ``merge_conflict`` [warning]: linting several files, what merging them would override.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from localize.glossary.formats import parse_glossary
from localize.glossary.matcher import fold
from localize.glossary.merge import merge_glossaries
from localize.glossary.model import ZH_LOCALES, Entry, Glossary, Term, convert
from localize.glossary.parse import Problem
from localize.text.script import simplified_only, traditional_only
from localize.text.segmenter import segment_text

SEVERITIES = ("error", "warning", "info")

# Written form -> OpenCC configs whose conversion of the zh-Hans form counts as consistent.
_OPENCC_CHECKS = {
    "zh-Hant": ("s2t",),
    "zh-Hant-TW": ("s2tw", "s2twp", "s2t"),
    "zh-Hant-HK": ("s2hk", "s2t"),
}


@dataclass
class LintReport:
    findings: list[Problem] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    entries: int = 0

    @property
    def errors(self) -> list[Problem]:
        return [f for f in self.findings if f.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [f for f in self.findings if f.severity == "warning"]

    @property
    def ok(self) -> bool:
        return not self.errors

    def to_text(self) -> str:
        lines = [f"{f.where}: {f.severity}: [{f.rule}] {f.message}" for f in self.findings]
        lines.append(
            f"{len(self.files)} file(s), {self.entries} entries: {len(self.errors)} error(s), "
            f"{len(self.warnings)} warning(s)"
        )
        return "\n".join(lines)

    def to_json(self) -> str:
        data: dict[str, Any] = {
            "files": self.files,
            "entries": self.entries,
            "errors": len(self.errors),
            "warnings": len(self.warnings),
            "findings": [f.to_json() for f in self.findings],
        }
        return json.dumps(data, ensure_ascii=False, indent=2)


def lint_paths(paths: Iterable[str | Path], *, info: bool = False) -> LintReport:
    report = LintReport()
    glossaries = []
    for path in paths:
        glossary, problems = parse_glossary(path)
        report.files.append(str(path))
        report.findings.extend(problems.items)
        report.findings.extend(lint_glossary(glossary, info=info))
        report.entries += len(glossary)
        glossaries.append(glossary)
    if len(glossaries) > 1:
        merged = merge_glossaries(glossaries)
        for warning in merged.warnings:
            report.findings.append(Problem("merge_conflict", warning, None, None, None, "warning"))
    order = {s: i for i, s in enumerate(SEVERITIES)}
    report.findings.sort(key=lambda f: (f.path or "", f.line or 0, order[f.severity]))
    return report


def lint_glossary(glossary: Glossary, *, info: bool = False) -> list[Problem]:
    findings: list[Problem] = []

    def add(
        rule: str, message: str, entry: Entry, term: Term | None = None, severity: str = "error"
    ) -> None:
        line = entry.line_of(term) if term is not None else entry.line
        findings.append(Problem(rule, message, entry.path, line, None, severity))

    owners: dict[tuple[str, str], list[tuple[Entry, Term]]] = {}
    for entry in glossary.entries:
        seen: set[tuple[str, str]] = set()
        for term in entry.terms:
            key = (term.locale, fold(term.text))
            if key in seen:
                add(
                    "duplicate_term",
                    f"entry {entry.id!r} lists {term.locale} term {term.text!r} twice",
                    entry,
                    term,
                )
            seen.add(key)
            owners.setdefault(key, []).append((entry, term))
        _lint_entry(glossary, entry, add, info)

    for (locale, _), pairs in owners.items():
        if len(pairs) < 2:
            continue
        statuses = {t.status for _, t in pairs}
        if "forbidden" in statuses and statuses & {"preferred", "admitted"}:
            bad = next(p for p in pairs if p[1].status == "forbidden")
            good = next(p for p in pairs if p[1].status != "forbidden")
            add(
                "forbidden_preferred",
                f"{locale} term {bad[1].text!r} is forbidden in {bad[0].id!r} but "
                f"{good[1].status} in {good[0].id!r}",
                bad[0],
                bad[1],
            )
            continue
        if "forbidden" in statuses:
            continue
        first_entry = pairs[0][0]
        for entry, term in pairs[1:]:
            if entry.id == first_entry.id:
                continue
            differing = _differing_target(first_entry, entry, locale)
            if differing is None:
                add(
                    "duplicate_term",
                    f"{locale} term {term.text!r} is also in {first_entry.id!r} (line "
                    f"{first_entry.line}) with the same translations; merge the entries",
                    entry,
                    term,
                )
            else:
                other, a, b = differing
                add(
                    "conflicting_targets",
                    f"{locale} term {term.text!r} is in {first_entry.id!r} and {entry.id!r} with "
                    f"different {other} forms {a!r} / {b!r}; keep one entry or make the source "
                    "terms distinct",
                    entry,
                    term,
                )
    return findings


def _differing_target(a: Entry, b: Entry, source_locale: str) -> tuple[str, str, str] | None:
    for term in a.terms:
        if term.locale == source_locale or term.status != "preferred":
            continue
        other = b.preferred(term.locale)
        if other is not None and other.text != term.text:
            return term.locale, term.text, other.text
    return None


def _lint_entry(glossary: Glossary, entry: Entry, add: Any, info: bool) -> None:
    families = {
        "zh" if t.locale in ZH_LOCALES else "en" for t in entry.terms if t.status != "forbidden"
    }
    if entry.dnt:
        forms = {t.text for t in entry.terms if t.status == "preferred"}
        if len(forms) > 1:
            add(
                "dnt_inconsistent",
                f"dnt entry {entry.id!r} has different forms "
                f"{', '.join(sorted(forms))}; a do-not-translate term keeps one form everywhere",
                entry,
                severity="warning",
            )
    elif len(families) < 2:
        add(
            "missing_target",
            f"entry {entry.id!r} has terms in only one language "
            f"({', '.join(entry.locales)}); add a translation or mark it dnt",
            entry,
            severity="warning",
        )

    simplified = entry.preferred("zh-Hans")
    if simplified is not None and not entry.dnt:
        for locale, configs in _OPENCC_CHECKS.items():
            written = entry.preferred(locale)
            if written is None:
                continue
            conversions = [convert(simplified.text, c) for c in configs]
            if written.text in conversions:
                continue
            if any(fold(written.text) == fold(c) for c in conversions):
                # Same word, other variant characters (裏/裡, 台/臺): most likely a slip.
                add(
                    "opencc_mismatch",
                    f"entry {entry.id!r}: {locale} {written.text!r} uses other variant characters "
                    f"than OpenCC {configs[0]} of {simplified.text!r} ({conversions[0]!r})",
                    entry,
                    written,
                    severity="warning",
                )
            elif info:
                # Another word altogether: region vocabulary, written on purpose.
                add(
                    "opencc_mismatch",
                    f"entry {entry.id!r}: {locale} {written.text!r} is region vocabulary, not "
                    f"OpenCC {configs[0]} of {simplified.text!r} ({conversions[0]!r})",
                    entry,
                    written,
                    severity="info",
                )

    for term in entry.terms:
        if term.status == "forbidden":
            continue
        if term.locale == "zh-Hans":
            wrong = [ch for ch in term.text if traditional_only(ch)]
        elif term.locale in ZH_LOCALES:
            wrong = [ch for ch in term.text if simplified_only(ch)]
        else:
            continue
        if wrong:
            script = "Traditional" if term.locale == "zh-Hans" else "Simplified"
            add(
                "wrong_script",
                f"entry {entry.id!r}: {term.locale} term {term.text!r} contains {script}-only "
                f"character(s) {''.join(wrong)}",
                entry,
                term,
                severity="warning",
            )

    for term in entry.terms:
        if term.locale not in ZH_LOCALES or term.status == "forbidden":
            continue
        word = term.text.strip("#") if entry.hashtag else term.text
        tokens = _default_tokens(word)
        if len(tokens) < 2:
            continue
        if not _keepable(word):
            add(
                "jieba_split",
                f"jieba splits {term.text!r} into {' / '.join(tokens)} and cannot keep it whole "
                "(it contains a space or separator such as ·); segment will cut it",
                entry,
                term,
                severity="warning",
            )
        elif info:
            add(
                "jieba_split",
                f"jieba's default dictionary splits {term.text!r} into {' / '.join(tokens)}; "
                "the glossary adds it as a user word",
                entry,
                term,
                severity="info",
            )


def _default_tokens(word: str) -> list[str]:
    # jieba's default dictionary alone: the base tokenizer no glossary ever adds to.
    return [t for t in segment_text(word, hmm=False) if t.strip()]


def _keepable(word: str) -> bool:
    import jieba

    return bool(jieba.re_han_default.fullmatch(word))
