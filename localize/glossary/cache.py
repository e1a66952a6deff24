"""A parse cache for large glossaries, keyed by the file's bytes.

Validating a 30,000-entry YAML glossary takes a few seconds of pure Python; the cache brings a
repeated load to a fraction of a second (jieba caches its dictionary the same way). Entries are
stored as JSON (never pickle: a cache file is data, not code) under the user's cache directory,
one file per content hash, so an edited glossary is simply a new key. Only files that loaded
without a problem are cached. ``LOCALIZE_GLOSSARY_CACHE`` overrides the folder; set it to
``off`` to disable the cache. Small files skip the cache: parsing them is faster than hashing.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any

from localize.glossary.model import Entry, Glossary, Term
from localize.version import __version__

MIN_BYTES = 200_000
_SCHEMA = f"localize-glossary-cache:2:{__version__}"


def cache_dir() -> Path | None:
    setting = os.environ.get("LOCALIZE_GLOSSARY_CACHE")
    if setting is not None:
        return None if setting.strip().lower() in ("", "off", "0", "no") else Path(setting)
    import platformdirs

    return Path(platformdirs.user_cache_dir("localize")) / "glossaries"


def _key(data: bytes, fmt: str) -> str:
    return hashlib.sha256(_SCHEMA.encode() + fmt.encode() + b"\0" + data).hexdigest()


def get(data: bytes, fmt: str, path: str | Path) -> Glossary | None:
    folder = cache_dir()
    if folder is None or len(data) < MIN_BYTES:
        return None
    try:
        raw = json.loads((folder / f"{_key(data, fmt)}.json").read_text("utf-8"))
        return _from_json(raw, str(path))
    except (OSError, ValueError, KeyError, TypeError, RecursionError):
        # Missing, unreadable, nested past the parser's depth or of the wrong shape: a cache
        # is disposable, so parse the file (which then replaces the bad entry).
        return None


def put(data: bytes, fmt: str, glossary: Glossary) -> None:
    folder = cache_dir()
    if folder is None or len(data) < MIN_BYTES:
        return
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            # dumps, not dump: json.dump streams through the pure-Python encoder (5x slower).
            handle.write(json.dumps(_to_json(glossary), ensure_ascii=False))
        os.replace(tmp, folder / f"{_key(data, fmt)}.json")
    except OSError:
        pass  # a read-only cache directory only costs speed


def _to_json(glossary: Glossary) -> dict[str, Any]:
    # Entries and terms are tuples, which JSON writes as arrays in C, field by field.
    return {
        "name": glossary.name,
        "description": glossary.description,
        "entries": glossary.entries,
    }


def _str_or_none(value: object) -> bool:
    return value is None or type(value) is str


def _checked_term(fields: Any) -> Term:
    """A Term from its stored fields, or TypeError if they are not what :func:`put` wrote (a
    hand-edited or damaged cache file must not reach the matcher as ints or lists)."""
    if type(fields) is not list or len(fields) != len(Term._fields):
        raise TypeError("not a term")
    text, locale, status, case_sensitive, pos, note = fields
    if not (
        type(text) is str
        and type(locale) is str
        and type(status) is str
        and case_sensitive in (None, True, False)
        and _str_or_none(pos)
        and _str_or_none(note)
    ):
        raise TypeError("not a term")
    return Term(text, locale, status, case_sensitive, pos, note)


def _checked_entry(fields: Any) -> tuple[Any, ...]:
    if type(fields) is not list or len(fields) != len(Entry._fields):
        raise TypeError("not an entry")
    eid, terms, domain, note, dnt, hashtag, _path, line, term_lines = fields
    if not (
        type(eid) is str
        and type(terms) is list
        and _str_or_none(domain)
        and _str_or_none(note)
        and type(dnt) is bool
        and type(hashtag) is bool
        and (line is None or type(line) is int)
        and type(term_lines) is list
        and all(n is None or type(n) is int for n in term_lines)
    ):
        raise TypeError("not an entry")
    return eid, tuple(map(_checked_term, terms)), domain, note, dnt, hashtag, line, term_lines


def _from_json(raw: dict[str, Any], path: str) -> Glossary:
    if type(raw) is not dict or not all(_str_or_none(raw.get(k)) for k in ("name", "description")):
        raise TypeError("not a glossary")
    entries = [
        # Terms were stored in canonical order, so the entry is rebuilt without re-sorting.
        Entry(eid, terms, domain, note, dnt, hashtag, path, line, tuple(term_lines))
        for eid, terms, domain, note, dnt, hashtag, line, term_lines in map(
            _checked_entry, raw["entries"]
        )
    ]
    return Glossary(entries, name=raw["name"], description=raw["description"], sources=[path])
