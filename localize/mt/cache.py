"""A persistent translation cache, so a re-run or ``--resume`` never translates a sentence twice.

SQLite (embedded, in the standard library) in WAL mode with a busy timeout: two concurrent runs
can read and write the same file, and a killed run leaves it consistent. A key is the SHA-256 of
everything that changes a translation: the (masked) sentence, the model id and version, the
decoding options and the glossary fingerprint. The value is the n-best list, so the placeholder
fallbacks can pick from it without translating again.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
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


def default_path() -> Path:
    import platformdirs

    return Path(platformdirs.user_cache_dir("localize")) / "translations.sqlite3"


def make_key(sentence: str, context: str) -> str:
    """``context`` is the model id, decoding options and glossary fingerprint, already joined."""
    return hashlib.sha256(f"{context}\x00{sentence}".encode()).hexdigest()


def context_string(model_id: str, options: Mapping[str, object], glossary: str) -> str:
    return json.dumps([model_id, dict(sorted(options.items())), glossary], ensure_ascii=False)


class TranslationCache:
    """n-best lists by key. Open with a path, or ``None`` for the user's cache directory."""

    def __init__(self, path: str | Path | None = None, *, timeout: float = 30.0) -> None:
        self.path = Path(path) if path is not None else default_path()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        # check_same_thread=False: the pipeline may hand batches to a worker thread; every
        # statement below is one transaction, so sharing the connection is safe under the GIL.
        self._db = sqlite3.connect(self.path, timeout=timeout, check_same_thread=False)
        self._db.execute(f"PRAGMA busy_timeout = {int(timeout * 1000)}")
        self._db.execute("PRAGMA journal_mode = WAL")
        self._db.execute("PRAGMA synchronous = NORMAL")
        with self._db:
            self._db.execute(_SCHEMA)

    def get_many(self, keys: Iterable[str]) -> dict[str, list[str]]:
        wanted = list(dict.fromkeys(keys))
        found: dict[str, list[str]] = {}
        for i in range(0, len(wanted), _CHUNK):
            chunk = wanted[i : i + _CHUNK]
            marks = ",".join("?" * len(chunk))
            rows = self._db.execute(
                f"SELECT key, hypotheses FROM translations WHERE key IN ({marks})", chunk
            )
            for key, value in rows:
                found[key] = json.loads(value)
        return found

    def put_many(self, items: Mapping[str, list[str]]) -> None:
        if not items:
            return
        rows = [(k, json.dumps(v, ensure_ascii=False)) for k, v in items.items()]
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
