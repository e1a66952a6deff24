from __future__ import annotations

from pathlib import Path

import pytest

from localize.glossary import cache, load_glossary
from localize.glossary.yaml_format import dump_yaml


def big_yaml(tmp_path: Path, extra: str = "") -> Path:
    lines = ["entries:"]
    for i in range(3000):
        lines += [
            f"  - id: t{i}",
            "    terms:",
            f"      en: term {i}{extra}",
            f"      zh-Hans: 词{i}",
        ]
    path = tmp_path / "big.yaml"
    path.write_text("\n".join(lines) + "\n", "utf-8")
    assert path.stat().st_size >= cache.MIN_BYTES
    return path


def test_cache_hit_is_identical_and_edits_miss(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "cache"
    monkeypatch.setenv("LOCALIZE_GLOSSARY_CACHE", str(folder))
    path = big_yaml(tmp_path)
    first = load_glossary(path)
    assert len(list(folder.glob("*.json"))) == 1
    second = load_glossary(path)
    assert second == first and second.fingerprint == first.fingerprint
    assert dump_yaml(second) == dump_yaml(first)
    assert second.entries[5].line == first.entries[5].line == 22
    big_yaml(tmp_path, extra="x")
    assert load_glossary(path).entries[0].terms[0].text == "term 0x"
    assert len(list(folder.glob("*.json"))) == 2


def test_cache_off(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LOCALIZE_GLOSSARY_CACHE", "off")
    assert cache.cache_dir() is None
    load_glossary(big_yaml(tmp_path))
    assert not (tmp_path / "cache").exists()


def test_corrupt_cache_file_is_ignored(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "cache"
    monkeypatch.setenv("LOCALIZE_GLOSSARY_CACHE", str(folder))
    path = big_yaml(tmp_path)
    expected = load_glossary(path)
    [cached] = folder.glob("*.json")
    cached.write_text("{not json", "utf-8")
    assert load_glossary(path) == expected
