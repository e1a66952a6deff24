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
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from localize.yamlfile import LineDict, LineList

_LINE = re.compile(r"^( *)(- )?([A-Za-z][\w-]*):(?: (.*))?$")
_FLOW_PAIR = re.compile(
    r"\s*([A-Za-z][\w-]*):\s+(\"(?:[^\"\\]|\\.)*\"|'(?:[^']|'')*'|[^,{}\[\]\"']*?)\s*(,|$)"
)
_PLAIN_BAD_START = set("-?:,[]{}#&*!|>'\"%@`")
_RESOLVERS = yaml.resolver.Resolver.yaml_implicit_resolvers


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
    resolvers = _RESOLVERS.get(first)
    if resolvers:
        for _tag, pattern in resolvers:
            if pattern.match(raw):
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
    match_line = _LINE.match
    for number, line in enumerate(text.split("\n"), 1):
        if line.startswith("        - "):
            if term_list is None or list_locale is None:
                raise _Unsupported
            item = _scalar(line[10:])
            if not term_list:
                term_list.line = number
            if isinstance(item, LineDict):
                item.line = number
                item.key_lines = dict.fromkeys(item, number)
            term_list.append(item)
            term_list.item_lines.append(number)
            continue
        match = match_line(line)
        if match is None:
            stripped = line.strip()
            if not stripped or stripped.startswith("#"):
                continue  # blank lines and comments
            raise _Unsupported  # "---", "...", or anything else outside the layout
        spaces, dash, key, value = match.groups()
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
                item = _scalar(value)
                if isinstance(item, LineDict):
                    item.line = number
                    item.key_lines = dict.fromkeys(item, number)
                terms[key] = item
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


def _close(terms: LineDict | None, term_list: LineList | None, locale: str | None) -> None:
    # "zh-Hans:" with no items under it is null in YAML, not an empty list.
    if terms is not None and term_list is not None and locale is not None and not term_list:
        terms[locale] = None


def _entry_key(entry: LineDict, key: str, value: str | None, number: int) -> None:
    if value is None or not value.strip():
        raise _Unsupported  # a nested block other than terms
    value = value.strip()
    # YAML's own booleans for dnt/hashtag; other spellings (yes/on) go through PyYAML.
    parsed: Any = value == "true" if value in ("true", "false") else _scalar(value)
    if isinstance(parsed, LineDict):
        parsed.line = number
        parsed.key_lines = dict.fromkeys(parsed, number)
    _put(entry, key, parsed, number)
