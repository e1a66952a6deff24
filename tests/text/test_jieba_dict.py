"""jieba's default dictionary from our own cache file: jieba's words and frequencies exactly."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from localize.text import jieba_dict


@pytest.fixture(scope="module")
def reference() -> Any:
    """jieba's own load (its marshal cache), to compare with."""
    jieba = jieba_dict.import_jieba()
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    return tokenizer


def _fresh() -> Any:
    return jieba_dict.import_jieba().Tokenizer()


def _load(folder: Path, monkeypatch: pytest.MonkeyPatch, *, jieba_may_load: bool) -> Any:
    monkeypatch.setenv(jieba_dict.CACHE_ENV, str(folder))
    tokenizer = _fresh()
    if not jieba_may_load:
        monkeypatch.setattr(tokenizer, "initialize", lambda: pytest.fail("jieba loaded it"))
    jieba_dict.initialize(tokenizer)
    return tokenizer


def _same_dictionary(tokenizer: Any, reference: Any) -> None:
    assert tokenizer.initialized
    assert tokenizer.total == reference.total
    assert list(tokenizer.FREQ.items()) == list(reference.FREQ.items())  # order included
    text = "从温哥华飞往多伦多只要4个半小时，后来的头发"
    assert tokenizer.lcut(text) == reference.lcut(text)


def test_the_second_load_reads_the_cache_and_gives_jiebas_dictionary(
    reference: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _same_dictionary(_load(tmp_path, monkeypatch, jieba_may_load=True), reference)
    assert len(list(tmp_path.glob("*.dict"))) == 1
    _same_dictionary(_load(tmp_path, monkeypatch, jieba_may_load=False), reference)


def test_a_damaged_cache_file_is_ignored_and_written_again(
    reference: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _load(tmp_path, monkeypatch, jieba_may_load=True)
    (cached,) = tmp_path.glob("*.dict")
    whole = cached.read_bytes()
    cached.write_bytes(whole[: len(whole) - 8])  # the last frequency is missing
    _same_dictionary(_load(tmp_path, monkeypatch, jieba_may_load=True), reference)
    assert cached.read_bytes() == whole
    cached.write_bytes(b'{"schema": "localize-jieba-dict:2", "words": 1}\n')
    _same_dictionary(_load(tmp_path, monkeypatch, jieba_may_load=True), reference)
    assert cached.read_bytes() == whole
    # One frequency changed, the length intact: only the checksum can tell.
    at = len(whole) - 8
    cached.write_bytes(whole[:at] + bytes([whole[at] ^ 1]) + whole[at + 1 :])
    _same_dictionary(_load(tmp_path, monkeypatch, jieba_may_load=True), reference)
    assert cached.read_bytes() == whole


def test_off_leaves_the_loading_to_jieba(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(jieba_dict.CACHE_ENV, "off")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    tokenizer = _fresh()
    calls: list[int] = []
    monkeypatch.setattr(tokenizer, "initialize", lambda: calls.append(1))
    jieba_dict.initialize(tokenizer)
    assert calls == [1]
    assert not list(tmp_path.rglob("*.dict"))


def test_importing_jieba_does_not_import_pkg_resources() -> None:
    code = (
        "import sys; from localize.text.jieba_dict import import_jieba; jieba = import_jieba();"
        " print('pkg_resources' in sys.modules, jieba.lcut('后来的头发', HMM=False))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False ['后来', '的', '头发']"
