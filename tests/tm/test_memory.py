from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest

from localize.errors import InputError
from localize.tm import MemoryEntry, TranslationMemory


def entry(key: str, target: str, **kw: object) -> MemoryEntry:
    return MemoryEntry("zh-hans", "en", key, target, **kw)  # type: ignore[arg-type]


def test_add_lookup_newer_import_wins_and_stats(tmp_path: Path) -> None:
    with TranslationMemory(tmp_path / "m.tm") as tm:
        assert tm.add([entry("{E1} 去了", "{E1} went"), entry("好", "good")]) == 2
        tm.add([entry("好", "fine", author="ann")])
        assert tm.lookup("zh-hans", "en", ["好", "{E1} 去了", "missing"]) == {
            "好": "fine",
            "{E1} 去了": "{E1} went",
        }
        assert tm.lookup("zh-hant", "en", ["好"]) == {}
        assert tm.stats() == {("zh-hans", "en"): 2}
        assert len(tm) == 2


def test_wal_mode_and_a_reader_beside_a_writer(tmp_path: Path) -> None:
    path = tmp_path / "m.tm"
    writer = TranslationMemory(path)
    writer.add([entry("a", "A")])
    mode = sqlite3.connect(path).execute("PRAGMA journal_mode").fetchone()[0]
    assert mode == "wal"
    reader = TranslationMemory(path, readonly=True)
    errors: list[BaseException] = []

    def write_more() -> None:
        try:
            for n in range(200):
                writer.add([entry(f"k{n}", f"v{n}")])
        except BaseException as exc:  # pragma: no cover - the assertion below reports it
            errors.append(exc)

    thread = threading.Thread(target=write_more)
    thread.start()
    for _ in range(200):
        assert reader.lookup("zh-hans", "en", ["a"]) == {"a": "A"}
    thread.join()
    assert not errors
    assert len(reader) == 201


def test_a_run_cannot_change_the_memory(tmp_path: Path) -> None:
    path = tmp_path / "m.tm"
    TranslationMemory(path).add([entry("a", "A")])
    with TranslationMemory(path, readonly=True) as tm, pytest.raises(sqlite3.OperationalError):
        tm.add([entry("b", "B")])


def test_missing_memory_and_other_sqlite_files_are_clear_errors(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="translation memory not found"):
        TranslationMemory(tmp_path / "none.tm", readonly=True)
    other = tmp_path / "cache.sqlite3"
    sqlite3.connect(other).execute("CREATE TABLE translations (key TEXT)").connection.commit()
    for readonly in (True, False):
        with pytest.raises(InputError, match="not a translation memory"):
            TranslationMemory(other, readonly=readonly)
    assert {r[0] for r in sqlite3.connect(other).execute("SELECT name FROM sqlite_master")} == {
        "translations"
    }
