"""A fast reader for the line layout glossary YAML files use, with PyYAML as the fallback.

PyYAML builds a Python object per token and resolves every scalar with regexes, so even its
libyaml-backed loader needs about 3 s for a 30,000-entry glossary (measured here); the issue asks
for under 1 s. Glossaries are written in a narrow, line-oriented layout (see
:mod:`localize.glossary.yaml_format`), so this module reads exactly that layout -- top-level
``key: value`` lines, ``entries:`` with ``  - id: ...`` items, entry keys, ``terms:`` with one
locale per line, block lists of terms, ``{term: ..., status: ...}`` flow mappings, plain and
quoted scalars, comments -- into the same line-aware containers as
:func:`localize.yamlfile.load_yaml`. The moment a line is anything else (anchors, multi-line
scalars, escapes, a plain scalar YAML would read as a number/bool/null, a duplicate key, ...), it
returns None and the caller parses the file with PyYAML, so results never differ.

:func:`read_glossary` goes one step further for the first load of a large glossary: it reads
the same layout straight into :class:`Term` and :class:`Entry`, and gives up on anything else,
including any entry with a problem (see its docstring).
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from localize.glossary.model import LOCALES, Entry, Term
from localize.glossary.parse import Problems, check_entry, is_plain_text, term_from_mapping
from localize.yamlfile import LineDict, LineList

_LINE = re.compile(r"^( *)(- )?([A-Za-z][\w-]*):(?: (.*))?$")
_FLOW_PAIR = re.compile(
    r"\s*([A-Za-z][\w-]*):\s+(\"(?:[^\"\\]|\\.)*\"|'(?:[^']|'')*'|[^,{}\[\]\"']*?)\s*(,|$)"
)
_PLAIN_BAD_START = frozenset("-?:,[]{}#&*!|>'\"%@` ")
_PLAIN_BAD_END = frozenset(": ")
_RESOLVERS = yaml.resolver.Resolver.yaml_implicit_resolvers
# PyYAML's implicit resolvers (each anchored ^...$, written for re.X) joined per first
# character: one match says whether YAML reads a plain scalar as a bool, number, null or date.
_IMPLICIT = {
    first: re.compile("|".join(pattern.pattern for _tag, pattern in resolvers), re.X)
    for first, resolvers in _RESOLVERS.items()
}


class _Unsupported(Exception):
    pass


def _scalar(raw: str) -> Any:
    raw = raw.strip()
    if not raw:
        raise _Unsupported
    first = raw[0]
    if first == '"':
        if not raw.endswith('"') or len(raw) < 2 or "\\" in raw:
            raise _Unsupported
        return raw[1:-1]
    if first == "'":
        if not raw.endswith("'") or len(raw) < 2:
            raise _Unsupported
        inner = raw[1:-1]
        if "'" in inner.replace("''", ""):
            raise _Unsupported
        return inner.replace("''", "'")
    if first == "{":
        return _flow(raw)
    # "[" (a flow sequence) is one of the bad starts too.
    # "x:" at the end of a line is a mapping key (or an error) in YAML, not text.
    if first in _PLAIN_BAD_START or " #" in raw or ": " in raw or raw[-1] == ":" or "\t" in raw:
        raise _Unsupported
    # A plain scalar that YAML would read as a bool, number, null or date: let PyYAML do it.
    implicit = _IMPLICIT.get(first)
    if implicit is not None and implicit.match(raw):
        raise _Unsupported
    return raw


def _flow(raw: str) -> LineDict:
    if not raw.endswith("}"):
        raise _Unsupported
    body = raw[1:-1].strip()
    result = LineDict()
    result.key_lines = {}
    pos = 0
    while pos < len(body):
        match = _FLOW_PAIR.match(body, pos)
        if match is None or match.end() == pos:
            raise _Unsupported
        key, value = match.group(1), match.group(2)
        if key in result:
            raise _Unsupported
        result[key] = _scalar(value)
        pos = match.end()
    return result


def load_layout(text: str) -> Any | None:
    """The document as line-aware containers, or None if it is not in the simple layout."""
    try:
        return _load(text)
    except _Unsupported:
        return None


def _mapping(line: int) -> LineDict:
    d = LineDict()
    d.line = line
    d.key_lines = {}
    return d


def _put(container: LineDict, key: str, value: Any, line: int) -> None:
    if key in container:
        raise _Unsupported  # PyYAML reports the duplicate key with its line
    container[key] = value
    container.key_lines[key] = line


def _load(text: str) -> Any:
    if "\t" in text or "\r" in text:
        raise _Unsupported
    root = _mapping(1)
    entries: LineList | None = None
    entry: LineDict | None = None
    terms: LineDict | None = None
    term_list: LineList | None = None
    list_locale: str | None = None
    string_keys: set[str] = set()
    for number, line in enumerate(text.split("\n"), 1):
        if terms is not None and term_list is None and line.startswith("      "):
            # The most common line by far, ``      zh-Hans: 温哥华``: with a key already checked
            # and a value on the line it is read without the general line pattern below.
            key, sep, rest = line[6:].partition(": ")
            if sep and key in string_keys and key not in terms and rest.strip():
                terms[key] = _item(rest, number)
                terms.key_lines[key] = number
                continue
        if line.startswith("        - "):
            if term_list is None or list_locale is None:
                raise _Unsupported
            if not term_list:
                term_list.line = number
            term_list.append(_item(line[10:], number))
            term_list.item_lines.append(number)
            continue
        parts = _parts(line)
        if parts is None:
            continue  # blank lines and comments
        spaces, dash, key, value = parts
        if key not in string_keys:
            if any(pattern.match(key) for _tag, pattern in _RESOLVERS.get(key[0], ())):
                raise _Unsupported  # a key such as yes/no/null is not a string in YAML
            string_keys.add(key)  # a file repeats a handful of keys: check each once
        if term_list is not None:
            _close(terms, term_list, list_locale)
            term_list = None
            list_locale = None
        indent = len(spaces)
        if indent == 6 and not dash:
            # A locale line, the most common line by far.
            if terms is None or key in terms:
                raise _Unsupported  # PyYAML reports a duplicate key with its line
            if value is None or not value.strip():
                term_list = LineList()
                term_list.line = number + 1
                term_list.item_lines = []
                list_locale = key
                terms[key] = term_list
            else:
                terms[key] = _item(value, number)
            terms.key_lines[key] = number
        elif indent == 4 and not dash:
            if entry is None:
                raise _Unsupported
            if key == "terms":
                if value is not None and value.strip():
                    raise _Unsupported
                terms = _mapping(number)
                _put(entry, key, terms, number)
            else:
                terms = None
                _entry_key(entry, key, value, number)
        elif indent == 2 and dash:
            if entries is None or root.get("entries") is not entries or key == "terms":
                raise _Unsupported
            assert entries is not None
            entry = _mapping(number)
            terms = None
            entries.append(entry)
            entries.item_lines.append(number)
            _entry_key(entry, key, value, number)
        elif indent == 0 and not dash:
            entry = terms = None
            if key == "entries" and value is not None and value.strip() == "[]":
                empty = LineList()
                empty.line = number
                empty.item_lines = []
                _put(root, key, empty, number)
            elif key == "entries":
                if value is not None and value.strip():
                    raise _Unsupported
                entries = LineList()
                entries.line = number + 1
                entries.item_lines = []
                _put(root, key, entries, number)
            else:
                _put(root, key, _scalar(value) if value is not None else None, number)
        else:
            raise _Unsupported
    _close(terms, term_list, list_locale)
    if entries is not None and not entries and root.key_lines.get("entries") is not None:
        # "entries:" with nothing under it is null in YAML, not an empty list.
        raise _Unsupported
    return root


def _parts(line: str) -> tuple[str, str | None, str, str | None] | None:
    """Indent, dash, key and value of a ``key: value`` line; None for a blank line or a
    comment."""
    match = _LINE.match(line)
    if match is not None:
        return match.groups()  # type: ignore[return-value]
    stripped = line.strip()
    if not stripped or stripped.startswith("#"):
        return None
    raise _Unsupported  # "---", "...", or anything else outside the layout


def _item(raw: str, number: int) -> Any:
    """The scalar or flow mapping ``raw`` on line ``number``, a mapping knowing its line."""
    item = _scalar(raw)
    if isinstance(item, LineDict):
        item.line = number
        item.key_lines = dict.fromkeys(item, number)
    return item


def _close(terms: LineDict | None, term_list: LineList | None, locale: str | None) -> None:
    # "zh-Hans:" with no items under it is null in YAML, not an empty list.
    if terms is not None and term_list is not None and locale is not None and not term_list:
        terms[locale] = None


def _entry_key(entry: LineDict, key: str, value: str | None, number: int) -> None:
    if value is None or not value.strip():
        raise _Unsupported  # a nested block other than terms
    value = value.strip()
    # YAML's own booleans for dnt/hashtag; other spellings (yes/on) go through PyYAML.
    parsed: Any = value == "true" if value in ("true", "false") else _item(value, number)
    _put(entry, key, parsed, number)


# -- straight into the model ---------------------------------------------------------------

# The keys of a glossary file, in the order messages list them.
TOP_KEYS = ("name", "description", "domain", "entries")
ENTRY_KEYS = ("id", "terms", "domain", "note", "dnt", "hashtag")
TERM_KEYS = ("term", "status", "case", "pos", "note")
_TOP_KEYS = frozenset(TOP_KEYS)
_ENTRY_KEYS = frozenset(ENTRY_KEYS)  # "terms" is read before these are looked up
_TERM_KEYS = frozenset(TERM_KEYS)
_LOCALE_KEYS = frozenset(LOCALES)


def read_glossary(text: str, path: str) -> tuple[dict[str, str], list[Entry]] | None:
    """The top-level values and the entries of a glossary in the usual layout, read straight
    into the model, or None.

    The first load of a large glossary spends its time building :func:`load_layout`'s
    containers and then walking them again to check each entry (0.7 s for 30,000 entries,
    measured here). This reads the same layout line by line into :class:`Term` and
    :class:`Entry` through the same checks (:func:`make_term`, :func:`check_entry`). It gives up
    (None) on anything unusual -- a line outside the layout, a locale alias, a duplicate id, a
    problem in any entry -- and the caller then reads the file the general way, which reports
    every problem with its line. So an entry read here is exactly the entry read there.
    """
    try:
        return _read(text, path)
    except _Unsupported:
        return None


class _Pending:
    """An entry being read: its lines so far."""

    __slots__ = ("fields", "line", "list_locale", "list_size", "locales", "term_lines", "terms")

    def __init__(self, line: int) -> None:
        self.line = line
        self.fields: dict[str, Any] = {}
        self.terms: list[Term] | None = None  # None until "terms:"
        self.term_lines: list[int | None] = []
        self.locales: set[str] = set()
        self.list_locale: str | None = None  # the locale whose "- term" lines are being read
        self.list_size = 0


def _read(text: str, path: str) -> tuple[dict[str, str], list[Entry]]:
    if "\t" in text or "\r" in text:
        raise _Unsupported
    problems = Problems(path)
    top: dict[str, str] = {}
    entries: list[Entry] = []
    ids: set[str] = set()
    pending: _Pending | None = None
    in_entries = False
    for number, line in enumerate(text.split("\n"), 1):
        if pending is not None and pending.terms is not None and line.startswith("      "):
            if line.startswith("        - "):
                if pending.list_locale is None:
                    raise _Unsupported
                _add_term(pending, pending.list_locale, line[10:], number, problems)
                pending.list_size += 1
                continue
            # The most common line by far: ``      zh-Hans: 温哥华``.
            key, sep, rest = line[6:].partition(": ")
            if not key.strip() or key.lstrip().startswith("#"):
                continue  # a blank line or a comment
            if not sep and key.endswith(":"):
                key, rest = key[:-1], ""
            elif not sep:
                raise _Unsupported
            if key not in _LOCALE_KEYS or key in pending.locales:
                raise _Unsupported  # an alias, a duplicate, or not a locale: the general way
            if pending.list_locale is not None:
                _end_list(pending)
            pending.locales.add(key)
            if _is_plain_term(rest):
                pending.terms.append(Term(rest, key))
                pending.term_lines.append(number)
            elif rest.strip():
                _add_term(pending, key, rest, number, problems)
            else:
                pending.list_locale = key  # "- term" lines follow
            continue
        if line == "    terms:" and pending is not None and pending.terms is None:
            if pending.list_locale is not None:
                _end_list(pending)
            pending.terms = []
            continue
        parts = _parts(line)
        if parts is None:
            continue  # blank lines and comments
        spaces, dash, key, value = parts
        indent = len(spaces)
        if indent == 4 and not dash and pending is not None:
            _end_list(pending)
            if key == "terms":
                if pending.terms is not None or (value is not None and value.strip()):
                    raise _Unsupported
                pending.terms = []
            else:
                _entry_field(pending, key, value)
        elif indent == 2 and dash and in_entries:
            if pending is not None:
                _finish(pending, top, entries, ids, problems)
            pending = _Pending(number)
            if key == "terms":
                raise _Unsupported
            _entry_field(pending, key, value)
        elif indent == 0 and not dash:
            if pending is not None or in_entries or key not in _TOP_KEYS or key in top:
                # Also a top-level key after the entries: the domain would apply to entries
                # already read, so the general way reads the whole file.
                raise _Unsupported
            if key == "entries":
                if value is not None and value.strip() == "[]":
                    top[key] = "[]"
                    continue
                if value is not None and value.strip():
                    raise _Unsupported
                in_entries = True
                top[key] = ""
                continue
            scalar = _scalar(value) if value is not None else None
            if not isinstance(scalar, str):
                raise _Unsupported
            top[key] = scalar
        else:
            raise _Unsupported
    if pending is None:
        if in_entries:
            raise _Unsupported  # "entries:" with nothing under it is null in YAML
    else:
        _finish(pending, top, entries, ids, problems)
    return top, entries


def _is_plain_term(value: str) -> bool:
    """Whether ``value`` is a plain scalar that YAML reads as this very text and that passes
    every check on a term (what ``_scalar`` and ``is_plain_text`` would say, in one step)."""
    if (
        value == ""
        or value[0] in _PLAIN_BAD_START
        or value[-1] in _PLAIN_BAD_END
        or ": " in value
        or " #" in value
    ):
        return False
    implicit = _IMPLICIT.get(value[0])
    return implicit is None or implicit.match(value) is None


def _entry_field(pending: _Pending, key: str, value: str | None) -> None:
    if key not in _ENTRY_KEYS or key in pending.fields or value is None or not value.strip():
        raise _Unsupported
    value = value.strip()
    if key in ("dnt", "hashtag"):
        if value not in ("true", "false"):
            raise _Unsupported
        pending.fields[key] = value == "true"
        return
    scalar = _scalar(value)
    if not isinstance(scalar, str):
        raise _Unsupported
    pending.fields[key] = scalar


def _add_term(pending: _Pending, locale: str, raw: str, number: int, problems: Problems) -> None:
    assert pending.terms is not None
    value = _scalar(raw)
    term: Term | None
    if isinstance(value, str):
        if not is_plain_text(value):
            raise _Unsupported
        term = Term(value, locale)
    else:
        if not _TERM_KEYS.issuperset(value) or "term" not in value:
            raise _Unsupported
        term = term_from_mapping(problems, value, locale=locale, line=number)
        if term is None:
            raise _Unsupported
    pending.terms.append(term)
    pending.term_lines.append(number)


def _end_list(pending: _Pending) -> None:
    if pending.list_locale is not None and not pending.list_size:
        raise _Unsupported  # "zh-Hans:" with no items under it is null in YAML
    pending.list_locale = None
    pending.list_size = 0


def _finish(
    pending: _Pending,
    top: dict[str, str],
    entries: list[Entry],
    ids: set[str],
    problems: Problems,
) -> None:
    _end_list(pending)
    fields = pending.fields
    entry_id = fields.get("id")
    if pending.terms is None or entry_id is None or entry_id in ids:
        raise _Unsupported
    ids.add(entry_id)
    entry = check_entry(
        problems,
        entry_id=entry_id,
        terms=pending.terms,
        term_lines=pending.term_lines,
        domain=fields.get("domain", top.get("domain")),
        note=fields.get("note"),
        dnt=fields.get("dnt", False),
        hashtag=fields.get("hashtag", False),
        line=pending.line,
    )
    if entry is None or problems.items:
        raise _Unsupported
    entries.append(entry)
