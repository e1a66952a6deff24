"""The primary glossary format: YAML that reads well in a git diff.

One entry per list item, one term per line::

    name: canada-tourism
    domain: tourism            # default for entries without their own
    entries:
      - id: montreal
        note: HK uses the Cantonese transliteration.
        terms:
          en: Montreal
          zh-Hans: 蒙特利尔
          zh-Hant-TW: 蒙特婁
          zh-Hant-HK: 滿地可
      - id: cn-tower
        terms:
          en: {term: CN Tower, case: sensitive}
          zh-Hans:
            - 加拿大国家电视塔
            - {term: 西恩塔, status: admitted}

A locale maps to a term (text), a term with attributes (``term``, ``status``, ``case``, ``pos``,
``note``) or a list of those. Entry keys: ``id``, ``terms``, ``domain``, ``note``, ``dnt``,
``hashtag``. Loading goes through :func:`localize.yamlfile.load_yaml`, so every problem names
its line; the writer emits the same layout in canonical order.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import yaml

from localize.errors import GlossaryError, brief
from localize.glossary.fast_yaml import (
    ENTRY_KEYS,
    TERM_KEYS,
    TOP_KEYS,
    load_layout,
    read_glossary,
)
from localize.glossary.model import LOCALES, Entry, Glossary, Term
from localize.glossary.parse import (
    Problems,
    check_entry,
    check_locale,
    check_unique_ids,
    is_plain_text,
    make_term,
    term_from_mapping,
)
from localize.yamlfile import LineDict, line_of, load_yaml, read_text

_ENTRY_KEY_SET = frozenset(ENTRY_KEYS)
_LOCALE_SET = frozenset(LOCALES)


def parse_yaml(path: str | Path, *, text: str | None = None) -> tuple[Glossary, Problems]:
    """Read a YAML glossary, collecting every problem (the glossary holds the valid entries)."""
    if text is None:
        try:
            text = read_text(path, error=GlossaryError)
        except GlossaryError as exc:
            problems = Problems(str(path))
            problems.add("malformed", exc.message, line=exc.line)
            return Glossary([], name=Path(path).stem), problems
    # The usual layout, when every entry is valid, is read straight into the model.
    fast = read_glossary(text, str(path))
    if fast is None:
        return parse_yaml_containers(path, text)
    top, entries = fast
    glossary = Glossary(
        entries,
        name=top.get("name") or Path(path).stem,
        description=top.get("description") or "",
        sources=[str(path)],
    )
    return glossary, Problems(str(path))


def parse_yaml_containers(path: str | Path, text: str) -> tuple[Glossary, Problems]:
    """``parse_yaml`` the general way: the document as containers (from the fast reader for
    the usual layout, else from PyYAML), then each entry checked with every problem kept."""
    problems = Problems(str(path))
    try:
        data = load_layout(text)
        if data is None:
            data = load_yaml(path, text=text, error=GlossaryError)
    except GlossaryError as exc:
        problems.add("malformed", exc.message, line=exc.line)
        return Glossary([], name=Path(path).stem), problems
    if data is None:
        data = {}
    if not isinstance(data, dict):
        problems.add(
            "malformed", "a glossary file must be a mapping with an 'entries' list", line=1
        )
        return Glossary([], name=Path(path).stem), problems
    for key in data:
        if key not in TOP_KEYS:
            problems.add(
                "malformed",
                f"unknown top-level key {key!r}; valid: {', '.join(TOP_KEYS)}",
                line=line_of(data, key),
            )
    default_domain = data.get("domain")
    raw_entries = data.get("entries", [])
    if not isinstance(raw_entries, list):
        problems.add("malformed", "'entries' must be a list", line=line_of(data, "entries"))
        raw_entries = []
    entries = []
    first_lines: dict[str, int | None] = {}
    for index, raw in enumerate(raw_entries):
        line = line_of(raw_entries, index)
        entry_id = raw.get("id") if isinstance(raw, dict) else None
        if isinstance(entry_id, str):
            # Checked on the raw entries so a duplicate is reported even if the first is invalid.
            if entry_id in first_lines:
                problems.add(
                    "duplicate_id",
                    f"duplicate entry id {entry_id!r} (first at line {first_lines[entry_id]}); "
                    "ids must be unique",
                    line=line,
                )
                continue
            first_lines[entry_id] = line
        entry = _parse_entry(raw, line, default_domain, problems)
        if entry is not None:
            entries.append(entry)
    entries = check_unique_ids(entries, problems)
    glossary = Glossary(
        entries,
        name=str(data.get("name") or Path(path).stem),
        description=str(data.get("description") or ""),
        sources=[str(path)],
    )
    return glossary, problems


def read_yaml(path: str | Path, *, text: str | None = None) -> Glossary:
    glossary, problems = parse_yaml(path, text=text)
    problems.raise_if_errors()
    return glossary


def _parse_entry(
    raw: Any, line: int | None, default_domain: Any, problems: Problems
) -> Entry | None:
    if not isinstance(raw, dict):
        problems.add(
            "malformed",
            "each entry must be a mapping with 'id' and 'terms'",
            line=line,
        )
        return None
    entry_id = raw.get("id")
    label = entry_id if isinstance(entry_id, str) else "?"
    ok = True
    if not _ENTRY_KEY_SET.issuperset(raw):
        for key in raw:
            if key not in _ENTRY_KEY_SET:
                problems.add(
                    "malformed",
                    f"entry {label!r}: unknown key {key!r}; valid: {', '.join(ENTRY_KEYS)}",
                    line=line_of(raw, key),
                )
        ok = False
    if "id" not in raw:
        problems.add("malformed", "entry without 'id'", line=line)
        ok = False
    raw_terms = raw.get("terms")
    terms: list[Term] = []
    term_lines: list[int | None] = []
    if not isinstance(raw_terms, dict):
        problems.add(
            "malformed",
            f"entry {label!r}: 'terms' must map locales to terms, e.g. zh-Hans: 温哥华",
            line=line_of(raw, "terms") if "terms" in raw else line,
        )
        ok = False
        raw_terms = {}
    # Both YAML readers record the line of every key: look them up without a call per term.
    key_lines = raw_terms.key_lines if isinstance(raw_terms, LineDict) else {}
    for key, spec in raw_terms.items():
        key_line = key_lines.get(key)
        locale = key if key in _LOCALE_SET else check_locale(str(key), problems, line=key_line)
        if locale is None:
            ok = False
            continue
        if is_plain_text(spec):
            # The usual ``en: Montreal``: one term, no attributes, nothing to report.
            terms.append(Term(spec, locale))
            term_lines.append(key_line)
            continue
        items = spec if isinstance(spec, list) else [spec]
        for i, item in enumerate(items):
            item_line = line_of(spec, i) if isinstance(spec, list) else key_line
            term = _parse_term(item, locale, label, item_line, problems)
            if term is None:
                ok = False
            else:
                terms.append(term)
                term_lines.append(item_line)
    entry = check_entry(
        problems,
        entry_id=entry_id,
        terms=terms,
        term_lines=term_lines,
        domain=raw.get("domain", default_domain),
        note=raw.get("note"),
        dnt=raw.get("dnt", False),
        hashtag=raw.get("hashtag", False),
        line=line,
    )
    return entry if ok else None


def _parse_term(
    item: Any, locale: str, entry_id: str, line: int | None, problems: Problems
) -> Term | None:
    if isinstance(item, dict):
        for key in item:
            if key not in TERM_KEYS:
                problems.add(
                    "malformed",
                    f"entry {entry_id!r}: unknown term key {key!r}; valid: {', '.join(TERM_KEYS)}",
                    line=line_of(item, key),
                )
                return None
        if "term" not in item:
            problems.add(
                "malformed", f"entry {entry_id!r}: {locale} term without 'term'", line=line
            )
            return None
        return term_from_mapping(problems, item, locale=locale, line=line, entry_id=entry_id)
    if item is not None and not isinstance(item, str):
        problems.add(
            "malformed",
            f"entry {entry_id!r}: {locale} term must be text or a mapping with 'term', "
            f"got {brief(item)} (quote numbers and yes/no)",
            line=line,
        )
        return None
    return make_term(problems, text=item, locale=locale, line=line, entry_id=entry_id)


# -- writing -------------------------------------------------------------------------------

_PLAIN = re.compile(r"^[^\s#:\-?\[\]{},&*!|>'\"%@`][^#:\[\]{},\n]*(?<!\s)$")


def _scalar(value: str) -> str:
    """A plain YAML scalar when that reads back as the same string, else a quoted one."""
    if _PLAIN.match(value) and ": " not in value:
        try:
            if yaml.safe_load(value) == value:
                return value
        except yaml.YAMLError:
            pass
    return json.dumps(value, ensure_ascii=False)


def _term_yaml(term: Term) -> str:
    attrs = []
    if term.status != "preferred":
        attrs.append(f"status: {term.status}")
    if term.case_sensitive is not None:
        attrs.append(f"case: {'sensitive' if term.case_sensitive else 'insensitive'}")
    if term.pos:
        attrs.append(f"pos: {term.pos}")
    if term.note:
        attrs.append(f"note: {_scalar(term.note)}")
    if not attrs:
        return _scalar(term.text)
    return "{" + ", ".join([f"term: {_scalar(term.text)}", *attrs]) + "}"


def dump_yaml(glossary: Glossary) -> str:
    """The glossary in the canonical YAML layout (what ``glossary export --format yaml`` writes)."""
    lines = []
    if glossary.name:
        lines.append(f"name: {_scalar(glossary.name)}")
    if glossary.description:
        lines.append(f"description: {_scalar(glossary.description)}")
    domains = {e.domain for e in glossary.entries}
    common = next(iter(domains)) if len(domains) == 1 else None
    if common:
        lines.append(f"domain: {_scalar(common)}")
    lines.append("entries:" if glossary.entries else "entries: []")
    for entry in glossary.entries:
        lines.append(f"  - id: {_scalar(entry.id)}")
        if entry.domain and entry.domain != common:
            lines.append(f"    domain: {_scalar(entry.domain)}")
        if entry.note:
            lines.append(f"    note: {_scalar(entry.note)}")
        if entry.dnt:
            lines.append("    dnt: true")
        if entry.hashtag:
            lines.append("    hashtag: true")
        lines.append("    terms:")
        for locale in LOCALES:
            terms = [t for t in entry.terms if t.locale == locale]
            if len(terms) == 1:
                lines.append(f"      {locale}: {_term_yaml(terms[0])}")
            elif terms:
                lines.append(f"      {locale}:")
                lines.extend(f"        - {_term_yaml(t)}" for t in terms)
    return "\n".join(lines) + "\n"


def write_yaml(glossary: Glossary, path: str | Path) -> None:
    Path(path).write_text(dump_yaml(glossary), encoding="utf-8")
