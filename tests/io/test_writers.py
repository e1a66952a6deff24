from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest

from localize.errors import InputError
from localize.io.writers import OutputWriter, RejectWriter, post_to_json
from localize.post import Post


def test_output_appears_only_when_finished(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    writer = OutputWriter(str(out))
    writer.write_batch([{"id": "1"}])
    assert not out.exists()
    assert (tmp_path / "out.jsonl.partial").read_text() == '{"id":"1"}\n'
    writer.finish()
    assert out.read_text() == '{"id":"1"}\n'
    assert not (tmp_path / "out.jsonl.partial").exists()


def test_left_over_partial_needs_resume(tmp_path: Path) -> None:
    (tmp_path / "out.jsonl.partial").write_text('{"id":"1"}\n')
    with pytest.raises(InputError, match="interrupted run") as info:
        OutputWriter(str(tmp_path / "out.jsonl"))
    assert "--resume" in str(info.value)


def test_resume_cuts_a_torn_last_line(tmp_path: Path) -> None:
    partial = tmp_path / "out.jsonl.partial"
    partial.write_text('{"id":"1"}\n{"id":"2"}\n{"id":"3","res')
    writer = OutputWriter(str(tmp_path / "out.jsonl"), resume=True)
    assert writer.done_ids == {"1", "2"}
    writer.write_batch([{"id": "3"}])
    writer.finish()
    assert (tmp_path / "out.jsonl").read_text() == '{"id":"1"}\n{"id":"2"}\n{"id":"3"}\n'


def test_resume_of_a_finished_run_appends(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    out.write_text('{"id":"1"}\n')
    writer = OutputWriter(str(out), resume=True)
    assert writer.done_ids == {"1"}
    writer.write_batch([{"id": "2"}])
    writer.finish()
    assert out.read_text() == '{"id":"1"}\n{"id":"2"}\n'


def test_post_to_json_keeps_input_fields_first() -> None:
    post = Post(id="a", source="后", fields={"lang": "zh-Hans", "likes": 3})
    post.text = "後"
    line = post_to_json(post, "sig")
    assert list(line) == [
        "id",
        "text",
        "lang",
        "likes",
        "result",
        "locale",
        "detected",
        "issues",
        "signature",
    ]
    assert json.dumps(line, ensure_ascii=False).startswith('{"id": "a", "text": "后"')


def test_rejects_file_is_removed_when_a_rerun_has_none(tmp_path: Path) -> None:
    stale = tmp_path / "out.rejects.jsonl"
    stale.write_text("old\n")
    RejectWriter(str(tmp_path / "out.jsonl")).close()
    assert not stale.exists()


def test_abort_keeps_a_partial_with_results_and_drops_an_empty_one(tmp_path: Path) -> None:
    empty = OutputWriter(str(tmp_path / "a.jsonl"))
    empty.abort()
    assert not (tmp_path / "a.jsonl.partial").exists()
    started = OutputWriter(str(tmp_path / "b.jsonl"))
    started.write_batch([{"id": "1"}])
    started.abort()
    assert (tmp_path / "b.jsonl.partial").read_text() == '{"id":"1"}\n'
    assert not (tmp_path / "b.jsonl").exists()


@pytest.mark.skipif(sys.platform != "linux", reason="fork and flock")
def test_a_process_forked_from_a_run_does_not_hold_its_output_lock(tmp_path: Path) -> None:
    """A --jobs worker forked from the run shares the lock file's descriptor: if the run dies
    (kill -9) while a worker finishes its batch, --resume must still get the lock."""
    from localize.io.writers import OutputLock

    path = tmp_path / "out.jsonl.lock"
    lock = OutputLock(path)
    lock.acquire("out.jsonl")
    go_on, wait = os.pipe()
    started, say_started = os.pipe()
    child = os.fork()
    if child == 0:  # the worker: alive until the test is done
        os.close(wait)
        os.write(say_started, b".")
        os.read(go_on, 1)
        os._exit(0)
    try:
        assert os.read(started, 1) == b"."
        assert lock._fd is not None
        os.close(lock._fd)  # the run dies: its descriptor goes, the file stays
        lock._fd = None
        again = OutputLock(path)
        again.acquire("out.jsonl")  # OutputBusy if the child still held the lock
        again.release()
    finally:
        os.close(wait)
        os.waitpid(child, 0)
        for fd in (go_on, started, say_started):
            os.close(fd)
