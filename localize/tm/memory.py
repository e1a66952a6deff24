"""The translation memory store: SQLite in WAL mode, one row per (language pair, key).

SQLite (standard library) with WAL and a busy timeout lets two runs read while an import
writes. A run opens the memory read-only (``mode=ro``), so nothing a run does can delete or
rewrite the team's translations; only :meth:`TranslationMemory.add` (``localize tm import``)
writes. A newer import of the same sentence replaces the target and keeps who and when.
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from localize.errors import InputError

_SCHEMA = """
CREATE TABLE IF NOT EXISTS memory (
    source_lang TEXT NOT NULL,
    target_lang TEXT NOT NULL,
    key TEXT NOT NULL,          -- normalised source, entities/terms as {E1}/{T1}
    target TEXT NOT NULL,       -- target with the same tokens
    originals TEXT NOT NULL,    -- JSON: token -> the text it stood for where it was imported
    target_originals TEXT NOT NULL,
    origin TEXT NOT NULL,       -- the file it was imported from
    author TEXT NOT NULL,
    changed REAL NOT NULL,      -- Unix time of the import
    PRIMARY KEY (source_lang, target_lang, key)
);
CREATE TABLE IF NOT EXISTS localize_memory (version INTEGER NOT NULL)
"""
# The marker table tells a memory from an MT cache (or any other SQLite file) at open time.
_MARKER = "localize_memory"
_CHUNK = 500


@dataclass
class MemoryEntry:
    source_lang: str
    target_lang: str
    key: str
    target: str
    originals: dict[str, str] = field(default_factory=dict)
    target_originals: dict[str, str] = field(default_factory=dict)
    origin: str = ""
    author: str = ""
    changed: float = 0.0


class TranslationMemory:
    """Open ``path``; ``readonly`` (what a run uses) refuses to create or change anything."""

    def __init__(self, path: str | Path, *, readonly: bool = False, timeout: float = 30.0) -> None:
        self.path = Path(path)
        if readonly:
            if not self.path.is_file():
                raise InputError(
                    "translation memory not found",
                    path=str(self.path),
                    hint="Create it with `localize tm import FILE -m PATH`, or fix the path.",
                )
            uri = f"{self.path.resolve().as_uri()}?mode=ro"
            self._db = sqlite3.connect(uri, uri=True, timeout=timeout, check_same_thread=False)
        else:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(self.path, timeout=timeout, check_same_thread=False)
        self._db.execute(f"PRAGMA busy_timeout = {int(timeout * 1000)}")
        try:
            if not readonly:
                self._db.execute("PRAGMA journal_mode = WAL")
                self._create()
            self._check_marker()
        except sqlite3.DatabaseError as exc:
            self._db.close()
            raise InputError(
                f"not a translation memory ({exc})",
                path=str(self.path),
                hint="Give the memory file made by `localize tm import` (not the MT cache).",
            ) from None

    def _create(self) -> None:
        tables = {r[0] for r in self._db.execute("SELECT name FROM sqlite_master")}
        if tables and _MARKER not in tables:
            raise sqlite3.DatabaseError("it holds other tables")
        with self._db:
            self._db.executescript(_SCHEMA)
            if self._db.execute(f"SELECT COUNT(*) FROM {_MARKER}").fetchone()[0] == 0:
                self._db.execute(f"INSERT INTO {_MARKER} (version) VALUES (1)")

    def _check_marker(self) -> None:
        tables = {r[0] for r in self._db.execute("SELECT name FROM sqlite_master")}
        if _MARKER not in tables:
            raise sqlite3.DatabaseError("no localize_memory table")

    def add(self, entries: Iterable[MemoryEntry]) -> int:
        rows = [
            (
                e.source_lang,
                e.target_lang,
                e.key,
                e.target,
                json.dumps(e.originals, ensure_ascii=False),
                json.dumps(e.target_originals, ensure_ascii=False),
                e.origin,
                e.author,
                e.changed or time.time(),
            )
            for e in entries
        ]
        with self._db:
            self._db.executemany(
                "INSERT OR REPLACE INTO memory VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", rows
            )
        return len(rows)

    def lookup(self, source_lang: str, target_lang: str, keys: Iterable[str]) -> dict[str, str]:
        """Stored targets (token form) for the keys found, in one query per 500 keys."""
        wanted = list(dict.fromkeys(keys))
        found: dict[str, str] = {}
        for i in range(0, len(wanted), _CHUNK):
            chunk = wanted[i : i + _CHUNK]
            marks = ",".join("?" * len(chunk))
            rows = self._db.execute(
                f"SELECT key, target FROM memory WHERE source_lang = ? AND target_lang = ?"
                f" AND key IN ({marks})",
                [source_lang, target_lang, *chunk],
            )
            found.update(rows)
        return found

    def entries(self) -> Iterator[MemoryEntry]:
        rows = self._db.execute(
            "SELECT source_lang, target_lang, key, target, originals, target_originals, origin,"
            " author, changed FROM memory ORDER BY source_lang, target_lang, changed, key"
        )
        for source, target, key, text, originals, target_originals, origin, author, changed in rows:
            yield MemoryEntry(
                source,
                target,
                key,
                text,
                json.loads(originals),
                json.loads(target_originals),
                origin,
                author,
                changed,
            )

    def stats(self) -> dict[tuple[str, str], int]:
        rows = self._db.execute(
            "SELECT source_lang, target_lang, COUNT(*) FROM memory"
            " GROUP BY source_lang, target_lang ORDER BY source_lang, target_lang"
        )
        return {(s, t): n for s, t, n in rows}

    def __len__(self) -> int:
        return int(self._db.execute("SELECT COUNT(*) FROM memory").fetchone()[0])

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> TranslationMemory:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
