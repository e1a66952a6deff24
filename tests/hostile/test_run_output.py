"""Issue 11, cases 1-6 and the exit code after --resume: runs that used to stop or lose data."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from localize.cli import main

ROOT = Path(__file__).resolve().parents[2]
TW = str(ROOT / "pipelines" / "weibo-zh-tw.yaml")
HK = str(ROOT / "pipelines" / "weibo-zh-hk.yaml")


def write_jsonl(path: Path, rows: list[dict[str, object]]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")
    return path


def ids_in(path: Path) -> list[str]:
    return [json.loads(line)["id"] for line in path.read_text("utf-8").splitlines()]


def posts(first: int, last: int) -> list[dict[str, object]]:
    return [{"id": f"p{i}", "text": f"第{i}条 软件 @旅游达人"} for i in range(first, last)]


# -- case 1: a lone surrogate outside "text" --------------------------------------------------


@pytest.mark.parametrize(
    ("line", "where"),
    [
        (r'{"id":"a","text":"你好","x":"\ud800"}', "in 'x'"),
        (r'{"id":"\udc00","text":"你好"}', "in 'id'"),
        (r'{"id":"a","text":"你好","lang":"\udbff"}', "in 'lang'"),
        (r'{"id":"a","text":"你好","meta":{"tags":["ok","\ud83c"]}}', "in 'meta'"),
        (r'{"id":"a","text":"你好","\ud800":1}', "in a field name"),
    ],
)
def test_a_lone_surrogate_in_any_field_rejects_that_post_only(
    runner: CliRunner, tmp_path: Path, line: str, where: str
) -> None:
    src = tmp_path / "s.jsonl"
    good = "".join(json.dumps(r) + "\n" for r in posts(0, 3))
    src.write_text(good + line + "\n" + json.dumps(posts(3, 4)[0]) + "\n", "utf-8")
    out = tmp_path / "o.jsonl"
    result = runner.invoke(main, ["run", TW, str(src), "-o", str(out)])
    assert result.exit_code == 1, result.output
    assert f"{src}:4: rejected: lone surrogate" in result.stderr
    assert where in result.stderr and "must be a pair" in result.stderr
    assert ids_in(out) == ["p0", "p1", "p2", "p3"]
    (reject,) = [json.loads(x) for x in (tmp_path / "o.rejects.jsonl").read_text().splitlines()]
    assert reject["line"] == 4


def test_check_reports_a_lone_surrogate_instead_of_crashing(
    runner: CliRunner, tmp_path: Path
) -> None:
    src = tmp_path / "s.jsonl"
    src.write_text(
        '{"id":"a","text":"你好","result":"你好","x":"\\ud800"}\n'
        '{"id":"b","text":"你好","result":"你好"}\n',
        "utf-8",
    )
    result = runner.invoke(main, ["check", str(src), "--target-locale", "zh-Hans"])
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "lone surrogate" in result.output + result.stderr
    assert result.exit_code in (1, 2)


# -- case 2: a lock on the output for the whole run --------------------------------------------

_HOLD = """
import sys, time
from localize.io.writers import OutputWriter
w = OutputWriter(sys.argv[1])
print("ready", flush=True)
time.sleep(60)
"""


def test_a_second_run_on_a_live_output_is_refused_with_the_holders_pid(
    runner: CliRunner, tmp_path: Path
) -> None:
    src = write_jsonl(tmp_path / "in.jsonl", posts(0, 5))
    out = tmp_path / "o.jsonl"
    holder = subprocess.Popen(
        [sys.executable, "-c", _HOLD, str(out)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "ready\n"
        for extra in ([], ["--resume"]):
            result = runner.invoke(main, ["run", TW, str(src), "-o", str(out), *extra])
            assert result.exit_code == 2, result.output
            assert f"another run (pid {holder.pid}) is writing this output" in result.stderr
            assert "interrupted" not in result.stderr
        assert not out.exists()
    finally:
        os.kill(holder.pid, signal.SIGKILL)
        holder.wait()
    # The kernel dropped the dead run's lock: its partial output is now "interrupted".
    refused = runner.invoke(main, ["run", TW, str(src), "-o", str(out)])
    assert refused.exit_code == 2 and "interrupted run" in refused.stderr
    resumed = runner.invoke(main, ["run", TW, str(src), "-o", str(out), "--resume"])
    assert resumed.exit_code == 0, resumed.output
    assert ids_in(out) == ["p0", "p1", "p2", "p3", "p4"]
    assert not (tmp_path / "o.jsonl.lock").exists()


# -- case 3: --resume keeps every result that parses -------------------------------------------


def test_resume_sets_a_damaged_line_aside_and_keeps_the_rest(
    runner: CliRunner, tmp_path: Path
) -> None:
    out = tmp_path / "o.jsonl"
    first = runner.invoke(
        main, ["run", TW, str(write_jsonl(tmp_path / "a.jsonl", posts(0, 10))), "-o", str(out)]
    )
    assert first.exit_code == 0, first.output
    lines = out.read_bytes().splitlines(keepends=True)
    lines[4] = b'{"id":"p4","result":"\xe5\x90\x8e GARBAGE\n'
    out.write_bytes(b"".join(lines))
    new = write_jsonl(tmp_path / "b.jsonl", posts(10, 13))
    result = runner.invoke(main, ["run", TW, str(new), "-o", str(out), "--resume"])
    assert result.exit_code == 1, result.output
    assert f"{out}:5: damaged line (malformed JSON) moved to {out}.damaged" in result.stderr
    assert ids_in(out) == [f"p{i}" for i in (0, 1, 2, 3, 5, 6, 7, 8, 9, 10, 11, 12)]
    assert (tmp_path / "o.jsonl.damaged").read_bytes() == lines[4]


# -- case 4: --resume with another pipeline -----------------------------------------------------


def test_resume_with_another_pipeline_is_refused_with_both_signatures(
    runner: CliRunner, tmp_path: Path
) -> None:
    src = write_jsonl(tmp_path / "in.jsonl", posts(0, 6))
    out = tmp_path / "m.jsonl"
    assert runner.invoke(main, ["run", TW, str(src), "-o", str(out)]).exit_code == 0
    partial = tmp_path / "m.jsonl.partial"
    partial.write_bytes(b"".join(out.read_bytes().splitlines(keepends=True)[:3]))
    out.unlink()  # as a killed run leaves it
    before = partial.read_bytes()
    result = runner.invoke(main, ["run", HK, str(src), "-o", str(out), "--resume"])
    assert result.exit_code == 2, result.output
    assert "pipeline:weibo-zh-tw" in result.stderr and "pipeline:weibo-zh-hk" in result.stderr
    assert partial.read_bytes() == before and not out.exists()


# -- case 5: symlinks and directories where outputs go -----------------------------------------


@pytest.mark.parametrize("name", ["o.jsonl.partial", "o.jsonl", "o.rejects.jsonl", "o.jsonl.lock"])
def test_a_symlink_where_an_output_goes_is_refused(
    runner: CliRunner, tmp_path: Path, name: str
) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("precious\n")
    (tmp_path / name).symlink_to(victim)
    src = write_jsonl(tmp_path / "in.jsonl", [*posts(0, 2), {"id": "x"}])
    out = tmp_path / "o.jsonl"
    for extra in ([], ["--resume"]):
        result = runner.invoke(main, ["run", TW, str(src), "-o", str(out), *extra])
        assert result.exit_code == 2, result.output
        assert "symbolic link" in result.stderr
    assert victim.read_text() == "precious\n"
    assert (tmp_path / name).is_symlink()


def test_an_output_that_is_a_directory_is_an_error_before_any_work(
    runner: CliRunner, tmp_path: Path
) -> None:
    src = write_jsonl(tmp_path / "in.jsonl", posts(0, 2))
    (tmp_path / "out.jsonl").mkdir()
    result = runner.invoke(main, ["run", TW, str(src), "-o", str(tmp_path / "out.jsonl")])
    assert result.exit_code == 2
    assert "the output is a directory" in result.stderr and "Traceback" not in result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.jsonl", "out.jsonl"]


# -- case 6: a CSV field over the csv module's limit -------------------------------------------


def test_a_huge_csv_field_rejects_that_post_only(runner: CliRunner, tmp_path: Path) -> None:
    src = tmp_path / "in.csv"
    huge = "长" * 140_000
    src.write_text(f"id,text\na,后来\nb,{huge}\nc,头发\n", "utf-8")
    out = tmp_path / "o.jsonl"
    result = runner.invoke(main, ["run", TW, str(src), "-o", str(out)])
    assert result.exit_code == 1, result.output
    assert f"{src}:3: rejected: text is 140,000 characters" in result.stderr
    assert ids_in(out) == ["a", "c"]


# -- also: the exit code describes the whole output after --resume -----------------------------


def test_resume_exits_1_when_the_earlier_part_has_error_posts(
    runner: CliRunner, tmp_path: Path
) -> None:
    pipeline = tmp_path / "p.yaml"
    pipeline.write_text(
        "name: p\nsource: zh-Hans\ntarget: en\n"
        "steps:\n  - normalize\n  - check: {fail_on: [identical_to_source]}\n",
        encoding="utf-8",
    )
    out = tmp_path / "o.jsonl"
    first = write_jsonl(tmp_path / "a.jsonl", [{"id": "1", "text": "这条还没有翻译"}])
    assert runner.invoke(main, ["run", str(pipeline), str(first), "-o", str(out)]).exit_code == 1
    second = write_jsonl(tmp_path / "b.jsonl", [])  # nothing new: only the old post decides
    result = runner.invoke(main, ["run", str(pipeline), str(second), "-o", str(out), "--resume"])
    assert result.exit_code == 1, result.output
    assert "1 with errors" in result.stderr
