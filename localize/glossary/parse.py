"""Checks shared by every glossary reader (YAML, CSV, TBX), so all formats agree on what is valid.

A reader collects every :class:`Problem` it finds instead of stopping at the first one: ``lint``
reports them all, and :meth:`Problems.raise_if_errors` turns them into one
:class:`~localize.errors.GlossaryError` naming the file and line (or XPath) of the first, so a
bad file is never half-loaded.
"""

from __future__ import annotations

import gc
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from localize.errors import GlossaryError
from localize.glossary.model import (
    ID_RE,
    POS_RE,
    STATUSES,
    Entry,
    Term,
)
from localize.text.locales import parse_locale, supported_text

CASE_VALUES = {"auto": None, "sensitive": True, "insensitive": False}


@dataclass
class Problem:
    rule: str  # malformed | duplicate_id | unknown_locale | unknown_status | empty_term | ...
    message: str
    path: str | None = None
    line: int | None = None
    xpath: str | None = None
    severity: str = "error"

    @property
    def where(self) -> str:
        loc = self.path or "<glossary>"
        if self.line is not None:
            loc += f":{self.line}"
        if self.xpath:
            loc += f" ({self.xpath})"
        return loc

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "rule": self.rule,
            "severity": self.severity,
            "message": self.message,
            "file": self.path,
            "line": self.line,
        }
        if self.xpath:
            out["xpath"] = self.xpath
        return out


@dataclass
class Problems:
    path: str | None
    items: list[Problem] = field(default_factory=list)

    def add(
        self,
        rule: str,
        message: str,
        *,
        line: int | None = None,
        xpath: str | None = None,
        severity: str = "error",
    ) -> None:
        self.items.append(Problem(rule, message, self.path, line, xpath, severity))

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.items if p.severity == "error"]

    def raise_if_errors(self) -> None:
        errors = self.errors
        if not errors:
            return
        first = errors[0]
        message = first.message
        if first.xpath:
            message = f"at {first.xpath}: {message}"
        more = len(errors) - 1
        hint = "Nothing from this file was loaded."
        if more:
            hint = (
                f"{more} more problem(s); run `localize glossary lint {self.path}` to see all. "
                + hint
            )
        raise GlossaryError(f"[{first.rule}] {message}", path=self.path, line=first.line, hint=hint)


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while a glossary is read (parsed or from the cache).

    A large file allocates hundreds of thousands of containers that all stay alive, so the
    collections they trigger find nothing to free yet rescan the growing heap again and again:
    in a process that already holds jieba's dictionary that was a third of the load time of a
    30,000-entry file, and most of a load from the parse cache. Reference counting still frees
    garbage at once; the collector runs as usual afterwards.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def check_locale(
    value: str,
    problems: Problems,
    *,
    line: int | None,
    xpath: str | None = None,
    what: str = "locale",
) -> str | None:
    locale = parse_locale(value)
    if locale is None:
        problems.add(
            "unknown_locale",
            f"unknown {what} {value!r}; valid: {supported_text()}",
            line=line,
            xpath=xpath,
        )
    return locale


def is_plain_text(text: Any) -> bool:
    """Whether ``text`` is a term's text that passes every check as it is (the usual case)."""
    return isinstance(text, str) and text != "" and text == text.strip() and "\n" not in text


def make_term(
    problems: Problems,
    *,
    text: Any,
    locale: str,
    status: Any = None,
    case: Any = None,
    pos: Any = None,
    note: Any = None,
    line: int | None = None,
    xpath: str | None = None,
    entry_id: str = "?",
) -> Term | None:
    """A :class:`Term` from raw field values, or None after recording what is wrong."""
    if status is None and case is None and pos is None and note is None and is_plain_text(text):
        return Term(text, locale)  # the common case: plain text that passes every check below
    ok = True
    if text is None or (isinstance(text, str) and not text.strip()):
        problems.add(
            "empty_term",
            f"entry {entry_id!r}: empty {locale} term",
            line=line,
            xpath=xpath,
        )
        return None
    if not isinstance(text, str):
        problems.add(
            "malformed",
            f"entry {entry_id!r}: {locale} term must be text, got {type(text).__name__}",
            line=line,
            xpath=xpath,
        )
        return None
    if text != text.strip() or "\n" in text:
        problems.add(
            "malformed",
            f"entry {entry_id!r}: {locale} term {text!r} has leading/trailing space or a newline",
            line=line,
            xpath=xpath,
        )
        ok = False
    status_value = "preferred" if status in (None, "") else status
    if status_value not in STATUSES:
        problems.add(
            "unknown_status",
            f"entry {entry_id!r}: unknown status {status_value!r}; valid: {', '.join(STATUSES)}",
            line=line,
            xpath=xpath,
        )
        ok = False
    case_value: bool | None = None
    if case not in (None, ""):
        if isinstance(case, bool):
            case_value = case
        elif case in CASE_VALUES:
            case_value = CASE_VALUES[case]
        else:
            problems.add(
                "malformed",
                f"entry {entry_id!r}: case must be one of {', '.join(CASE_VALUES)}, got {case!r}",
                line=line,
                xpath=xpath,
            )
            ok = False
    if pos not in (None, "") and not (isinstance(pos, str) and POS_RE.match(pos)):
        problems.add(
            "malformed",
            f"entry {entry_id!r}: pos must be a jieba part-of-speech tag such as n, ns, nr, nz, "
            f"got {pos!r}",
            line=line,
            xpath=xpath,
        )
        ok = False
    if note is not None and not isinstance(note, str):
        problems.add("malformed", f"entry {entry_id!r}: note must be text", line=line, xpath=xpath)
        ok = False
    if not ok:
        return None
    return Term(
        text=text,
        locale=locale,
        status=str(status_value),
        case_sensitive=case_value,
        pos=pos or None,
        note=note or None,
    )


def term_from_mapping(
    problems: Problems,
    item: Mapping[str, Any],
    *,
    locale: str,
    line: int | None = None,
    entry_id: str = "?",
) -> Term | None:
    """:func:`make_term` with the fields of a ``{term: ..., status: ...}`` mapping."""
    return make_term(
        problems,
        text=item.get("term"),
        locale=locale,
        status=item.get("status"),
        case=item.get("case"),
        pos=item.get("pos"),
        note=item.get("note"),
        line=line,
        entry_id=entry_id,
    )


def check_entry(
    problems: Problems,
    *,
    entry_id: Any,
    terms: list[Term],
    term_lines: list[int | None],
    domain: Any = None,
    note: Any = None,
    dnt: Any = False,
    hashtag: Any = False,
    line: int | None = None,
    xpath: str | None = None,
) -> Entry | None:
    usual = (
        type(entry_id) is str
        and terms
        and (domain is None or type(domain) is str)
        and (note is None or type(note) is str)
        and type(dnt) is bool
        and hashtag is False
        and ID_RE.match(entry_id)
    )
    # The usual entry passes every check at a glance; the checks that report run otherwise.
    if not usual and not _entry_ok(
        problems, entry_id, terms, domain, note, dnt, hashtag, line, xpath
    ):
        return None
    return Entry.create(
        str(entry_id),
        terms,
        domain=domain or None,
        note=note or None,
        dnt=bool(dnt),
        hashtag=bool(hashtag),
        path=problems.path,
        line=line,
        term_lines=term_lines,
    )


def _entry_ok(
    problems: Problems,
    entry_id: Any,
    terms: list[Term],
    domain: Any,
    note: Any,
    dnt: Any,
    hashtag: Any,
    line: int | None,
    xpath: str | None,
) -> bool:
    """Whether an entry's fields are valid, recording what is wrong with them."""
    ok = True
    if not isinstance(entry_id, str) or not ID_RE.match(entry_id):
        problems.add(
            "malformed",
            f"entry id {entry_id!r} must be letters, digits and . _ : - (e.g. niagara-falls)",
            line=line,
            xpath=xpath,
        )
        ok = False
    for name, value in (("domain", domain), ("note", note)):
        if value is not None and not isinstance(value, str):
            problems.add(
                "malformed", f"entry {entry_id!r}: {name} must be text", line=line, xpath=xpath
            )
            ok = False
    for name, value in (("dnt", dnt), ("hashtag", hashtag)):
        if not isinstance(value, bool):
            problems.add(
                "malformed",
                f"entry {entry_id!r}: {name} must be true or false, got {value!r}",
                line=line,
                xpath=xpath,
            )
            ok = False
    if not terms:
        problems.add("empty_term", f"entry {entry_id!r} has no terms", line=line, xpath=xpath)
        ok = False
    if hashtag is True:
        for term in terms:
            if not term.text.startswith("#") or len(term.text) < 2:
                problems.add(
                    "malformed",
                    f"hashtag entry {entry_id!r}: {term.locale} form {term.text!r} must be written "
                    "as a hashtag, e.g. #遇见加拿大# or #MeetingCanada",
                    line=line,
                    xpath=xpath,
                )
                ok = False
    return ok


def check_unique_ids(
    entries: Iterable[Entry], problems: Problems, xpaths: list[str] | None = None
) -> list[Entry]:
    """Entries with a unique id; a repeated id is an error naming both places."""
    entries = list(entries)
    if len({entry.id for entry in entries}) == len(entries):
        return entries
    seen: dict[str, tuple[int, Entry]] = {}
    out = []
    for index, entry in enumerate(entries):
        if entry.id in seen:
            first_index, first = seen[entry.id]
            if xpaths is not None:
                where = xpaths[first_index]
            else:
                where = f"line {first.line}" if first.line else "earlier"
            problems.add(
                "duplicate_id",
                f"duplicate entry id {entry.id!r} (first at {where}); ids must be unique",
                line=entry.line,
                xpath=xpaths[index] if xpaths is not None else None,
            )
            continue
        seen[entry.id] = (index, entry)
        out.append(entry)
    return out
