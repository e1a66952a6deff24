"""A parse cache for large glossaries, keyed by the file's bytes.

Validating a 30,000-entry YAML glossary takes a few seconds of pure Python; the cache brings a
repeated load to a fraction of a second (jieba caches its dictionary the same way). Entries are
stored as JSON (never pickle: a cache file is data, not code) under the user's cache directory,
one file per content hash, so an edited glossary is simply a new key. Only files that loaded
without a problem are cached. ``LOCALIZE_GLOSSARY_CACHE`` overrides the folder; set it to
``off`` to disable the cache. Small files skip the cache: parsing them is faster than hashing.

A cache file is a checksum line, then the JSON. A file whose JSON does not match its checksum
(truncated, damaged, edited by hand) is a miss, and the glossary is parsed again: one hash of
the bytes in C instead of checking 100,000 fields in Python, which made a cached load 25%
slower.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from itertools import starmap
from pathlib import Path
from typing import Any

from localize.glossary.model import Entry, Glossary, Term
from localize.version import __version__

MIN_BYTES = 200_000
_SCHEMA = f"localize-glossary-cache:3:{__version__}"


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
        stored = (folder / f"{_key(data, fmt)}.json").read_bytes()
        checksum, _, payload = stored.partition(b"\n")
        if checksum != _checksum(payload):
            return None
        return _from_json(json.loads(payload), str(path))
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
        # dumps, not dump: json.dump streams through the pure-Python encoder (5x slower).
        payload = json.dumps(_to_json(glossary), ensure_ascii=False).encode("utf-8")
        with os.fdopen(fd, "wb") as handle:
            handle.write(_checksum(payload) + b"\n" + payload)
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


def _checksum(payload: bytes) -> bytes:
    return hashlib.blake2b(payload, digest_size=16).hexdigest().encode()


def _from_json(raw: dict[str, Any], path: str) -> Glossary:
    # The checksum says these are the fields put() wrote from a valid glossary.
    entries = [
        # Terms were stored in canonical order, so the entry is rebuilt without re-sorting.
        Entry(
            eid,
            tuple(starmap(Term, terms)),
            domain,
            note,
            dnt,
            hashtag,
            path,
            line,
            tuple(term_lines),
        )
        for eid, terms, domain, note, dnt, hashtag, _path, line, term_lines in raw["entries"]
    ]
    return Glossary(entries, name=raw["name"], description=raw["description"], sources=[path])
