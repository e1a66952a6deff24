from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from localize.mt.cache import TranslationCache, context_string, default_path, make_key


def test_round_trip_and_persistence(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite3"
    with TranslationCache(path) as cache:
        cache.put_many({"k1": ["a", "b"], "k2": ["中文"]})
        assert cache.get_many(["k1", "k2", "k3"]) == {"k1": ["a", "b"], "k2": ["中文"]}
    with TranslationCache(path) as again:
        assert len(again) == 2
        assert again.get_many(["k2"]) == {"k2": ["中文"]}


def test_many_keys_in_one_lookup(tmp_path: Path) -> None:
    with TranslationCache(tmp_path / "c.sqlite3") as cache:
        cache.put_many({f"k{i}": [str(i)] for i in range(2000)})
        assert len(cache.get_many(f"k{i}" for i in range(2500))) == 2000


def test_keys_change_with_every_ingredient() -> None:
    base = context_string("m@1", {"beam_size": 4}, "g1")
    keys = {
        make_key("你好", base),
        make_key("你好!", base),
        make_key("你好", context_string("m@2", {"beam_size": 4}, "g1")),
        make_key("你好", context_string("m@1", {"beam_size": 2}, "g1")),
        make_key("你好", context_string("m@1", {"beam_size": 4}, "g2")),
    }
    assert len(keys) == 5
    assert make_key("你好", base) == make_key("你好", context_string("m@1", {"beam_size": 4}, "g1"))


def test_default_path_is_in_the_user_cache_dir(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert default_path() == tmp_path / "localize" / "translations.sqlite3"


_WRITER = """
import sys
from localize.mt.cache import TranslationCache
cache = TranslationCache(sys.argv[1])
start = int(sys.argv[2])
for i in range(start, start + 200):
    cache.put_many({f"k{i}": [f"v{i}"]})
print(len(cache.get_many(f"k{i}" for i in range(start, start + 200))))
"""


def test_two_processes_write_concurrently(tmp_path: Path) -> None:
    path = str(tmp_path / "shared.sqlite3")
    TranslationCache(path).close()
    root = str(Path(__file__).resolve().parents[2])
    env = {**os.environ, "PYTHONPATH": root + os.pathsep + os.environ.get("PYTHONPATH", "")}
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", _WRITER, path, str(n * 1000)],
            env=env,
            stdout=subprocess.PIPE,
            text=True,
        )
        for n in range(2)
    ]
    for p in procs:
        out, _ = p.communicate(timeout=120)
        assert p.returncode == 0
        assert out.strip() == "200"
    with TranslationCache(path) as cache:
        assert len(cache) == 400
        assert cache.get_many(["k1199"]) == {"k1199": ["v1199"]}
