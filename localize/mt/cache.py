"""A persistent translation cache, so a re-run or ``--resume`` never translates a sentence twice.

SQLite (embedded, in the standard library) in WAL mode with a busy timeout: two concurrent runs
can read and write the same file, and a killed run leaves it consistent. A key is the SHA-256 of
everything that changes a translation: the (masked) sentence, the model id and version, the
decoding options and the glossary fingerprint. The value is the n-best list, so the placeholder
fallbacks can pick from it without translating again.

A cache is disposable: a value of the wrong shape is a miss, and a file SQLite calls corrupt (or
not a database at all) is moved aside once, with a warning that says where, and replaced by a
fresh one, so a damaged cache costs speed, never results.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import sqlite3
import time
from collections.abc import Iterable, Mapping
from pathlib import Path

_SCHEMA = """
CREATE TABLE IF NOT EXISTS translations (
    key TEXT PRIMARY KEY,
    hypotheses TEXT NOT NULL,
    created REAL NOT NULL DEFAULT (julianday('now'))
)
"""
_CHUNK = 500  # SQLite's default limit on host parameters is 999
# SQLITE_CORRUPT and SQLITE_NOTADB: the file is damaged (never "busy" or "locked").
_DAMAGED = {11, 26}

log = logging.getLogger(__name__)


def default_path() -> Path:
    import platformdirs

    return Path(platformdirs.user_cache_dir("localize")) / "translations.sqlite3"


def make_key(sentence: str, context: str) -> str:
    """``context`` is the model id, decoding options and glossary fingerprint, already joined."""
    return hashlib.sha256(f"{context}\x00{sentence}".encode()).hexdigest()


def context_string(model_id: str, options: Mapping[str, object], glossary: str) -> str:
    return json.dumps([model_id, dict(sorted(options.items())), glossary], ensure_ascii=False)


def _hypotheses(value: object) -> list[str] | None:
    """The stored n-best list, or None when the row is not one (a non-empty list of strings)."""
    try:
        parsed = json.loads(value) if isinstance(value, (str, bytes)) else None
    except (ValueError, RecursionError):
        return None
    if isinstance(parsed, list) and parsed and all(isinstance(h, str) for h in parsed):
        return parsed
    return None


class TranslationCache:
    """n-best lists by key. Open with a path, or ``None`` for the user's cache directory."""

    def __init__(self, path: str | Path | None = None, *, timeout: float = 30.0) -> None:
        self.path = Path(path) if path is not None else default_path()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._timeout = timeout
        self.moved_aside: Path | None = None
        try:
            self._db = self._connect()
        except sqlite3.DatabaseError as exc:
            self._db = self._recover(exc)

    def _connect(self) -> sqlite3.Connection:
        # check_same_thread=False: the pipeline may hand batches to a worker thread; every
        # statement below is one transaction, so sharing the connection is safe under the GIL.
        db = sqlite3.connect(self.path, timeout=self._timeout, check_same_thread=False)
        try:
            db.execute(f"PRAGMA busy_timeout = {int(self._timeout * 1000)}")
            db.execute("PRAGMA journal_mode = WAL")
            db.execute("PRAGMA synchronous = NORMAL")
            with db:
                db.execute(_SCHEMA)
        except BaseException:
            db.close()
            raise
        return db

    def _recover(self, exc: sqlite3.DatabaseError) -> sqlite3.Connection:
        """Move a damaged file (and its WAL) aside, say so once, and start a fresh cache."""
        if getattr(exc, "sqlite_errorcode", None) not in _DAMAGED or self.moved_aside is not None:
            raise exc
        if getattr(self, "_db", None) is not None:
            self._db.close()
        aside = self.path.with_name(f"{self.path.name}.corrupt-{time.strftime('%Y%m%d-%H%M%S')}")
        for suffix in ("", "-wal", "-shm"):
            source = Path(f"{self.path}{suffix}")
            if source.exists():
                os.replace(source, f"{aside}{suffix}")
        self.moved_aside = aside
        log.warning(
            "the translation cache %s is damaged (%s); moved it to %s and started a fresh one",
            self.path,
            exc,
            aside,
        )
        return self._connect()

    def get_many(self, keys: Iterable[str]) -> dict[str, list[str]]:
        try:
            return self._get_many(list(dict.fromkeys(keys)))
        except sqlite3.DatabaseError as exc:
            self._db = self._recover(exc)
            return {}

    def _get_many(self, wanted: list[str]) -> dict[str, list[str]]:
        found: dict[str, list[str]] = {}
        for i in range(0, len(wanted), _CHUNK):
            chunk = wanted[i : i + _CHUNK]
            marks = ",".join("?" * len(chunk))
            rows = self._db.execute(
                f"SELECT key, hypotheses FROM translations WHERE key IN ({marks})", chunk
            )
            for key, value in rows:
                hypotheses = _hypotheses(value)
                if hypotheses is not None:  # anything else is a miss, translated again
                    found[key] = hypotheses
        return found

    def put_many(self, items: Mapping[str, list[str]]) -> None:
        if not items:
            return
        rows = [(k, json.dumps(v, ensure_ascii=False)) for k, v in items.items()]
        try:
            self._put_rows(rows)
        except sqlite3.DatabaseError as exc:
            self._db = self._recover(exc)
            self._put_rows(rows)

    def _put_rows(self, rows: list[tuple[str, str]]) -> None:
        with self._db:
            self._db.executemany(
                "INSERT OR REPLACE INTO translations (key, hypotheses) VALUES (?, ?)", rows
            )

    def __len__(self) -> int:
        return int(self._db.execute("SELECT COUNT(*) FROM translations").fetchone()[0])

    def clear(self) -> None:
        with self._db:
            self._db.execute("DELETE FROM translations")

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> TranslationCache:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
