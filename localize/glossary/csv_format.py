"""CSV glossaries in the "equivalent term set" layout (as Google Cloud Translation and lexiQA use).

The header names locale columns (``en``, ``zh-Hans``, ``zh-Hant``, ``zh-Hant-TW``, ``zh-Hant-HK``;
aliases such as ``zh-CN``/``zh-TW``/``zh-HK``/``en-US`` are accepted) plus optional ``id``,
``status``, ``domain``, ``note``, ``dnt``, ``hashtag`` columns; each row is one set of equivalent
terms. An entry with admitted or forbidden terms, or several terms of one status in a locale,
spans several rows with the same ``id`` (one row per status and position). Term attributes go in
``<locale>:case``, ``<locale>:pos`` and ``<locale>:note`` columns, which the writer only adds
when some term uses them. Columns named ``x-...`` are review notes and are ignored on import
(``glossary suggest`` writes its counts and contexts there).

Without an ``id`` column every row is its own entry, named after its English term.

Cells that a spreadsheet would run as a formula (starting with ``=``, ``+``, ``-``, ``@``, a tab
or a carriage return) are written with a leading ``'``, as OWASP's CSV-injection advice says:
``glossary suggest`` copies text anyone can post. The reader takes that ``'`` off again, so an
exported glossary imports unchanged.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path
from typing import Any

from localize.errors import GlossaryError
from localize.glossary.model import LOCALES, STATUSES, Entry, Glossary, Term
from localize.glossary.parse import Problems, check_entry, check_unique_ids, make_term
from localize.io.csv_cells import EscapingWriter, unescape_formula
from localize.text.locales import parse_locale, supported_text
from localize.yamlfile import read_text

ENTRY_COLUMNS = ("id", "status", "domain", "note", "dnt", "hashtag")
TERM_ATTRS = ("case", "pos", "note")
_TRUE = {"true", "yes", "1", "y", "x"}
_FALSE = {"false", "no", "0", "n", ""}


def parse_csv(path: str | Path, *, text: str | None = None) -> tuple[Glossary, Problems]:
    problems = Problems(str(path))
    name = Path(path).stem
    if text is None:
        # utf-8-sig: spreadsheets save CSV with a byte-order mark.
        text = read_text(path, error=GlossaryError, encoding="utf-8-sig")
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader)
    except StopIteration:
        problems.add("malformed", "empty CSV file: expected a header row of locale codes", line=1)
        return Glossary([], name=name), problems
    columns = _parse_header(header, problems)
    if problems.errors:
        return Glossary([], name=name), problems
    if not any(kind == "locale" for kind, _ in columns):
        problems.add(
            "malformed",
            f"the header has no locale column; add one or more of {', '.join(LOCALES)}",
            line=1,
        )
        return Glossary([], name=name), problems
    has_id = any(kind == "id" for kind, _ in columns)

    # Rows grouped by entry id, in first-seen order.
    groups: dict[str, dict[str, Any]] = {}
    try:
        for row in reader:
            line = reader.line_num
            if not any(cell.strip() for cell in row):
                continue
            if len(row) > len(columns):
                problems.add(
                    "malformed",
                    f"row has {len(row)} cells but the header has {len(columns)}",
                    line=line,
                )
                continue
            _read_row(
                row + [""] * (len(columns) - len(row)), columns, line, has_id, groups, problems
            )
    except csv.Error as exc:
        problems.add("malformed", f"invalid CSV: {exc}", line=reader.line_num)
    entries = []
    for group in groups.values():
        entry = check_entry(
            problems,
            entry_id=group["id"],
            terms=group["terms"],
            term_lines=group["lines"],
            domain=group["domain"],
            note=group["note"],
            dnt=group["dnt"],
            hashtag=group["hashtag"],
            line=group["line"],
        )
        if entry is not None and group["ok"]:
            entries.append(entry)
    entries = check_unique_ids(entries, problems)
    return Glossary(entries, name=name, sources=[str(path)]), problems


def read_csv(path: str | Path, *, text: str | None = None) -> Glossary:
    glossary, problems = parse_csv(path, text=text)
    problems.raise_if_errors()
    return glossary


def _parse_header(header: list[str], problems: Problems) -> list[tuple[str, str]]:
    """(kind, value) per column: locale/code, attr/code:pos, name/name or skip."""
    columns: list[tuple[str, str]] = []
    seen: set[tuple[str, str]] = set()
    for raw in header:
        name = raw.strip()
        column: tuple[str, str]
        if name.lower().startswith("x-") or not name:
            column = ("skip", name)
        elif name.lower() in ENTRY_COLUMNS:
            column = (name.lower(), name.lower())
        elif ":" in name:
            base, _, attr = name.partition(":")
            locale = parse_locale(base)
            if locale is None or attr not in TERM_ATTRS:
                problems.add(
                    "unknown_locale" if locale is None else "malformed",
                    f"unknown column {name!r}; term attribute columns are <locale>:"
                    f"{'|'.join(TERM_ATTRS)} with a locale of {', '.join(LOCALES)}",
                    line=1,
                )
                continue
            column = ("attr", f"{locale}:{attr}")
        else:
            locale = parse_locale(name)
            if locale is None:
                problems.add(
                    "unknown_locale",
                    f"unknown column {name!r}: not a locale ({supported_text()}) "
                    f"nor one of {', '.join(ENTRY_COLUMNS)} "
                    "(prefix review columns with x-)",
                    line=1,
                )
                continue
            column = ("locale", locale)
        if column[0] != "skip" and column in seen:
            problems.add("malformed", f"column {name!r} appears twice", line=1)
        seen.add(column)
        columns.append(column)
    return columns


def _parse_bool(value: str, column: str, line: int, problems: Problems) -> bool:
    low = value.strip().lower()
    if low in _TRUE:
        return True
    if low not in _FALSE:
        problems.add("malformed", f"{column} must be true or false, got {value!r}", line=line)
    return False


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _read_row(
    row: list[str],
    columns: list[tuple[str, str]],
    line: int,
    has_id: bool,
    groups: dict[str, dict[str, Any]],
    problems: Problems,
) -> None:
    fields: dict[str, str] = {}
    cells: dict[str, str] = {}
    attrs: dict[str, str] = {}
    for (kind, value), raw_cell in zip(columns, row, strict=False):
        cell = unescape_formula(raw_cell)
        if kind == "locale":
            cells[value] = cell.strip()
        elif kind == "attr":
            attrs[value] = cell.strip()
        elif kind != "skip":
            fields[kind] = cell.strip()
    if has_id:
        entry_id = fields.get("id", "")
        if not entry_id:
            problems.add("malformed", "row without an id (the id column is empty)", line=line)
            return
    else:
        en = cells.get("en", "")
        entry_id = _slug(en) or f"row-{line}"
        if entry_id in groups:
            entry_id = f"{entry_id}-{line}"
    group: dict[str, Any] | None = groups.get(entry_id)
    domain = fields.get("domain") or None
    note = fields.get("note") or None
    dnt = _parse_bool(fields.get("dnt", ""), "dnt", line, problems)
    hashtag = _parse_bool(fields.get("hashtag", ""), "hashtag", line, problems)
    if group is None:
        group = {
            "id": entry_id,
            "terms": [],
            "lines": [],
            "domain": domain,
            "note": note,
            "dnt": dnt,
            "hashtag": hashtag,
            "line": line,
            "ok": True,
        }
        groups[entry_id] = group
    else:
        # Entry-level cells may be repeated on every row of an entry, but must agree.
        values: tuple[tuple[str, object], ...] = (
            ("domain", domain),
            ("note", note),
            ("dnt", dnt),
            ("hashtag", hashtag),
        )
        for key, new in values:
            if new in (None, False):
                continue
            if group[key] in (None, False):
                group[key] = new
            elif group[key] != new:
                problems.add(
                    "malformed",
                    f"entry {entry_id!r}: {key} {new!r} differs from {group[key]!r} on line "
                    f"{group['line']}",
                    line=line,
                )
                group["ok"] = False
    status = fields.get("status") or "preferred"
    for locale, text in cells.items():
        if not text:
            continue
        term = make_term(
            problems,
            text=text,
            locale=locale,
            status=status,
            case=attrs.get(f"{locale}:case") or None,
            pos=attrs.get(f"{locale}:pos") or None,
            note=attrs.get(f"{locale}:note") or None,
            line=line,
            entry_id=entry_id,
        )
        if term is None:
            group["ok"] = False
        else:
            group["terms"].append(term)
            group["lines"].append(line)


def dump_csv(glossary: Glossary) -> str:
    """The glossary as CSV: locale columns of every locale used, attribute columns when needed."""
    used = [loc for loc in LOCALES if any(t.locale == loc for e in glossary for t in e.terms)]
    attr_columns = [
        f"{loc}:{attr}"
        for loc in used
        for attr in TERM_ATTRS
        if any(_attr(t, attr) for e in glossary for t in e.terms if t.locale == loc)
    ]
    header = ["id", "status", *used, "domain", "note", "dnt", "hashtag", *attr_columns]
    out = io.StringIO()
    writer = EscapingWriter(out)
    writer.writerow(header)
    for entry in glossary:
        for row in _entry_rows(entry, used, attr_columns):
            writer.writerow(row)
    return out.getvalue()


def _attr(term: Term, attr: str) -> str:
    if attr == "case":
        if term.case_sensitive is None:
            return ""
        return "sensitive" if term.case_sensitive else "insensitive"
    value = term.pos if attr == "pos" else term.note
    return value or ""


def _entry_rows(entry: Entry, used: list[str], attr_columns: list[str]) -> list[list[str]]:
    rows = []
    for status in STATUSES:
        by_locale = {loc: entry.terms_in(loc, status) for loc in used}
        depth = max((len(terms) for terms in by_locale.values()), default=0)
        for j in range(depth):
            row = [entry.id, status]
            row += [by_locale[loc][j].text if j < len(by_locale[loc]) else "" for loc in used]
            row += [
                entry.domain or "",
                entry.note or "",
                "true" if entry.dnt else "",
                "true" if entry.hashtag else "",
            ]
            for column in attr_columns:
                loc, _, attr = column.partition(":")
                terms = by_locale[loc]
                row.append(_attr(terms[j], attr) if j < len(terms) else "")
            rows.append(row)
    return rows


def write_csv(glossary: Glossary, path: str | Path) -> None:
    Path(path).write_text(dump_csv(glossary), encoding="utf-8")
