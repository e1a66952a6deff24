"""Workers forked from a fork server that loaded what they share, with the caller's environment."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from localize.exec import PipelineSpec, make_batches
from localize.exec.forkserver import start_fork_server, start_method
from localize.exec.local import run_processes
from localize.io import read_records

ROOT = Path(__file__).resolve().parents[2]
TW = ROOT / "pipelines" / "weibo-zh-tw.yaml"


def _input(path: Path, count: int = 24) -> Path:
    text = "第{}条 @旅游达人 推荐软件[爱你] #遇见加拿大#"
    rows = [{"id": f"p{i}", "text": text.format(i)} for i in range(count)]
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")
    return path


def _run(src: Path, jobs: int) -> list[dict[str, object]]:
    batches = make_batches(read_records([str(src)]), done=set(), batch_size=4)
    return [
        record
        for result in run_processes(PipelineSpec(TW), "SIG", batches, jobs=jobs)
        for record in result.records
    ]


@pytest.mark.skipif(sys.platform != "linux", reason="the fork server is a POSIX start method")
def test_workers_start_from_the_fork_server() -> None:
    assert start_method() == "forkserver"


@pytest.mark.skipif(sys.platform != "linux", reason="the fork server is a POSIX start method")
def test_workers_find_jiebas_dictionary_loaded_by_the_server(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    start_fork_server()  # if not running yet, it loads the dictionary from the usual cache
    cache = tmp_path / "jieba-cache"
    monkeypatch.setenv("LOCALIZE_JIEBA_CACHE", str(cache))  # reaches the workers, not the server
    records = _run(_input(tmp_path / "in.jsonl"), jobs=2)
    assert len(records) == 24 and all(record["tokens"] for record in records)
    # A worker that loaded the dictionary itself would have cached it in the folder it was given.
    assert not cache.exists()


def test_a_preloaded_worker_that_dies_loses_no_post(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    src = _input(tmp_path / "in.jsonl")
    expected = _run(src, jobs=2)  # the server is running from here on
    marker = tmp_path / "crashed"
    # Set after the server started: only the environment handed to each worker carries it.
    monkeypatch.setenv("LOCALIZE_TEST_CRASH_POST", "p9")
    monkeypatch.setenv("LOCALIZE_TEST_CRASH_ONCE", str(marker))
    assert _run(src, jobs=2) == expected
    assert marker.exists(), "no worker was killed: the test proved nothing"


def test_the_server_loads_no_machine_translation_and_starts_no_thread() -> None:
    code = (
        "import sys, threading; import localize.exec.preload;"
        " from localize.text.segmenter import _base;"
        " print(threading.active_count(), _base.cache_info().currsize,"
        " sorted(m for m in sys.modules if m.startswith(('localize.mt', 'ctranslate2'))))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split(" ", 2) == ["1", "1", "[]\n"]


@pytest.mark.parametrize("forks", [True, False])
def test_the_command_starts_the_fork_server_only_where_workers_cannot_fork_from_it(
    monkeypatch: pytest.MonkeyPatch, forks: bool
) -> None:
    import multiprocessing.forkserver

    from localize.exec import forkserver

    started: list[bool] = []
    monkeypatch.setattr(forkserver, "forks_here", lambda: forks)
    monkeypatch.setattr(multiprocessing.forkserver, "ensure_running", lambda: started.append(True))
    forkserver.prestart(2)
    assert started == ([] if forks else [True])
    forkserver.prestart(1)  # one job: no worker at all
    assert started == ([] if forks else [True])
