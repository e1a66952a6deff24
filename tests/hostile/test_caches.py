"""Issue 11, case 7: a damaged cache costs speed, never results."""

from __future__ import annotations

import json
import logging
import sqlite3
from pathlib import Path

import pytest

from localize.glossary import cache as glossary_cache
from localize.glossary import load_glossary, merge_glossaries
from localize.mt.cache import TranslationCache


def _filled(path: Path, rows: int) -> None:
    with TranslationCache(path) as cache:
        cache.put_many({f"k{i}": [f"translation {i} " + "x" * 200] for i in range(rows)})
    # Leave one plain file (no WAL beside it), as a finished run does.
    db = sqlite3.connect(path)
    db.execute("PRAGMA journal_mode = DELETE")
    db.close()


def test_a_file_that_is_not_a_database_is_moved_aside_once(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "translations.sqlite3"
    path.write_bytes(b"\x00garbage, not SQLite\xff" * 500)
    with caplog.at_level(logging.WARNING), TranslationCache(path) as cache:
        assert cache.get_many(["k"]) == {}
        cache.put_many({"k": ["fresh"]})
        assert cache.get_many(["k"]) == {"k": ["fresh"]}
        aside = cache.moved_aside
    assert aside is not None and aside.read_bytes().startswith(b"\x00garbage")
    (record,) = [r for r in caplog.records if "damaged" in r.getMessage()]
    assert str(path) in record.getMessage() and str(aside) in record.getMessage()


def test_a_malformed_database_found_mid_run_is_replaced(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "translations.sqlite3"
    _filled(path, 2000)
    data = bytearray(path.read_bytes())
    page = 4096
    data[page * 2 : page * 40] = b"\xa5" * (page * 38)  # wreck the table's b-tree pages
    path.write_bytes(bytes(data))
    with caplog.at_level(logging.WARNING), TranslationCache(path) as cache:
        assert cache.get_many(f"k{i}" for i in range(2000)) == {}
        cache.put_many({"k1": ["again"]})
        assert cache.get_many(["k1"]) == {"k1": ["again"]}
        assert cache.moved_aside is not None
    assert sum("damaged" in r.getMessage() for r in caplog.records) == 1


@pytest.mark.parametrize("stored", ['"a whole sentence"', "[]", "[1, 2]", '{"a": 1}', "[[", "7"])
def test_a_cached_value_of_the_wrong_shape_is_a_miss(tmp_path: Path, stored: str) -> None:
    path = tmp_path / "translations.sqlite3"
    with TranslationCache(path) as cache:
        cache.put_many({"good": ["fine"]})
    db = sqlite3.connect(path)
    with db:
        db.execute("INSERT INTO translations (key, hypotheses) VALUES ('bad', ?)", (stored,))
    db.close()
    with TranslationCache(path) as cache:
        assert cache.get_many(["good", "bad"]) == {"good": ["fine"]}


def _big_glossary(tmp_path: Path) -> Path:
    lines = ["entries:"]
    for i in range(3000):
        lines += [f"  - id: t{i}", "    terms:", f"      en: term {i}", f"      zh-Hans: 词{i}"]
    path = tmp_path / "big.yaml"
    path.write_text("\n".join(lines) + "\n", "utf-8")
    return path


@pytest.mark.parametrize(
    "damage",
    [
        "deep",  # nested past the JSON parser's recursion limit
        "int term",  # an int where a term should be
        "int text",  # an int where a term's text should be
        "short entry",
        "list name",
        "no checksum",
    ],
)
def test_a_damaged_glossary_cache_falls_back_to_parsing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, damage: str
) -> None:
    folder = tmp_path / "cache"
    monkeypatch.setenv("LOCALIZE_GLOSSARY_CACHE", str(folder))
    path = _big_glossary(tmp_path)
    expected = load_glossary(path)
    [cached] = folder.glob("*.json")
    # A checksum line, then the JSON: the damage goes into the JSON under the old checksum.
    checksum, _, payload = cached.read_bytes().partition(b"\n")
    raw = json.loads(payload)
    if damage == "deep":
        cached.write_bytes(checksum + b"\n" + b"[" * 200_000 + b"]" * 200_000)
    elif damage == "no checksum":  # the JSON alone, as an older version wrote it
        cached.write_bytes(payload)
    else:
        if damage == "int term":
            raw["entries"][7][1][0] = 5
        elif damage == "int text":
            raw["entries"][7][1][0][0] = 5
        elif damage == "short entry":
            raw["entries"][7] = raw["entries"][7][:3]
        else:
            raw["name"] = ["x"]
        cached.write_bytes(checksum + b"\n" + json.dumps(raw).encode())
    loaded = load_glossary(path)
    assert loaded == expected
    merge_glossaries([loaded])  # where an int term used to raise AttributeError
    assert glossary_cache.get(path.read_bytes(), "yaml", path) is not None  # rewritten whole
