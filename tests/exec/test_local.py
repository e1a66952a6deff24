"""``--jobs N``: the same bytes as one job, whatever the workers do (crash, get killed)."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from localize.cli import main
from localize.errors import LocalizeError
from localize.exec import Batch, PipelineSpec, local, make_batches
from localize.exec.forkserver import resolve_jobs
from localize.exec.local import run_processes
from localize.io import read_records
from localize.mt.packages import PackageInfo
from localize.testing.fixtures import *  # noqa: F403
from localize.testing.processes import kill_9_after

ROOT = Path(__file__).resolve().parents[2]
TW = str(ROOT / "pipelines" / "weibo-zh-tw.yaml")


def _input(path: Path, count: int = 40) -> Path:
    lines = [
        json.dumps({"id": f"p{i}", "text": f"第{i}条 @旅游达人 推荐软件[爱你] #遇见加拿大#"})
        for i in range(count)
    ]
    lines.insert(5, "{broken json")
    lines.insert(12, json.dumps({"id": "p3", "text": "重复的编号"}))
    lines.insert(20, json.dumps({"id": "blank", "text": " "}))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _run(tmp_path: Path, name: str, src: Path, *args: str) -> tuple[Result, Path]:
    out = tmp_path / name / "out.jsonl"
    out.parent.mkdir()
    result = CliRunner().invoke(
        main, ["run", TW, str(src), "-o", str(out), "--batch-size", "4", *args]
    )
    return result, out


def _same_run(a: tuple[Result, Path], b: tuple[Result, Path]) -> None:
    (ra, oa), (rb, ob) = a, b
    assert ra.exit_code == rb.exit_code
    assert ra.stderr.replace(str(oa.parent), "OUT") == rb.stderr.replace(str(ob.parent), "OUT")
    assert oa.read_bytes() == ob.read_bytes()
    rejects_a, rejects_b = oa.with_name("out.rejects.jsonl"), ob.with_name("out.rejects.jsonl")
    assert rejects_a.exists() == rejects_b.exists()
    if rejects_a.exists():
        assert rejects_a.read_bytes() == rejects_b.read_bytes()


def test_jobs_2_writes_the_bytes_of_jobs_1_rejects_and_exit_code_included(tmp_path: Path) -> None:
    src = _input(tmp_path / "in.jsonl")
    one = _run(tmp_path, "one", src)
    two = _run(tmp_path, "two", src, "--jobs", "2")
    assert one[0].exit_code == 1
    assert one[0].stderr.count("rejected:") == 3
    _same_run(one, two)


def test_jobs_2_writes_the_csv_of_jobs_1_with_one_header(tmp_path: Path) -> None:
    src = _input(tmp_path / "in.jsonl")
    outputs = []
    for jobs in ("1", "2"):
        out = tmp_path / f"out-{jobs}.csv"
        args = ["run", TW, str(src), "-o", str(out), "--batch-size", "4", "--jobs", jobs]
        assert CliRunner().invoke(main, args).exit_code == 1  # the input holds rejects
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1]
    assert outputs[0].count(b"result,issues") == 1


def test_batches_are_shared_between_workers_and_come_back_in_order(tmp_path: Path) -> None:
    src = _input(tmp_path / "in.jsonl")
    spec = PipelineSpec(Path(TW))
    batches = make_batches(read_records([str(src)]), done=set(), batch_size=3)
    results = list(run_processes(spec, "SIG", batches, jobs=2))
    assert [r.seq for r in results] == list(range(len(results)))
    assert len({r.worker for r in results if r.records}) == 2
    assert sum(len(r.records) for r in results) == 40


def test_a_worker_killed_once_has_its_batch_retried_in_a_fresh_worker(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    src = _input(tmp_path / "in.jsonl")
    one = _run(tmp_path, "one", src)
    marker = tmp_path / "crashed"
    monkeypatch.setenv("LOCALIZE_TEST_CRASH_POST", "p9")
    monkeypatch.setenv("LOCALIZE_TEST_CRASH_ONCE", str(marker))
    two = _run(tmp_path, "two", src, "--jobs", "2")
    assert marker.exists(), "the worker was never killed: the test proved nothing"
    _same_run(one, two)


def test_a_batch_that_kills_its_worker_twice_has_its_posts_rejected_with_the_reason(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    src = _input(tmp_path / "in.jsonl")
    _, one = _run(tmp_path, "one", src)
    monkeypatch.setenv("LOCALIZE_TEST_CRASH_POST", "p9")
    result, out = _run(tmp_path, "two", src, "--jobs", "2")
    assert result.exit_code == 1
    # Batches of 4 from the 40 posts: p8..p11 hold p9 (the reader's rejects are not posts).
    victims = ["p8", "p9", "p10", "p11"]
    rejects = [json.loads(line) for line in out.with_name("out.rejects.jsonl").open()]
    killed = [r for r in rejects if "worker process died" in r["error"]]
    assert [r["id"] for r in killed] == victims
    assert "killed by SIGKILL" in killed[0]["error"]
    assert f"{src}:10: rejected: processing failed: the worker process died" in result.stderr
    assert "36 posts written, 7 rejected" in result.stderr
    expected = [
        line for line in one.read_text().splitlines() if json.loads(line)["id"] not in victims
    ]
    assert out.read_text().splitlines() == expected


def _one_sentence_twice(
    tmp_path: Path, count: int, later: int, *, fail_on_it: bool, suffix: str, batch_size: int
) -> tuple[tuple[Result, Path], tuple[Result, Path]]:
    """Runs with --jobs 1 and 2 over ``count`` posts where p1 holds a sentence in Simplified and
    p``later`` the same in Traditional: both come out in one Taiwan form, so p``later`` gets
    `inconsistent_source` naming p1 (``fail_on_it``: a pipeline that fails the post on it),
    after the `platform_limits` warning its 11 hashtags get (the parent must put it there)."""
    lines = [json.dumps({"id": f"p{i}", "text": f"第{i}条：今天天气很好。"}) for i in range(count)]
    lines[1] = json.dumps({"id": "p1", "text": "我们明天去多伦多看枫叶。"})
    tags = "".join(f"#话题{i}#" for i in range(11))
    lines[later] = json.dumps({"id": f"p{later}", "text": f"我們明天去多倫多看楓葉。{tags}"})
    src = tmp_path / "in.jsonl"
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    pipeline = TW
    if fail_on_it:
        text = Path(TW).read_text("utf-8").replace("fail_on: [", "fail_on: [inconsistent_source, ")
        assert "inconsistent_source" in text
        pipeline = str(tmp_path / "tw.yaml")
        Path(pipeline).write_text(text, "utf-8")
    runs = []
    for jobs in ("1", "2"):
        out = tmp_path / jobs / f"out{suffix}"
        out.parent.mkdir()
        args = ["run", pipeline, str(src), "-o", str(out), "--batch-size", str(batch_size)]
        runs.append((CliRunner().invoke(main, [*args, "--jobs", jobs]), out))
    _same_run(*runs)
    return runs[0], runs[1]


@pytest.mark.parametrize("fail_on_it", [False, True])
def test_consistency_across_posts_that_two_workers_share_is_that_of_one_job(
    tmp_path: Path, fail_on_it: bool
) -> None:
    # Batches of 4 and 4 in flight per worker: p1 and p22 go to different workers.
    _, (result, out) = _one_sentence_twice(
        tmp_path, 24, 22, fail_on_it=fail_on_it, suffix=".jsonl", batch_size=4
    )
    records = {r["id"]: r for r in map(json.loads, out.read_text("utf-8").splitlines())}
    [found] = [i for i in records["p22"]["issues"] if i["check"] == "inconsistent_source"]
    assert found["data"]["posts"] == ["p1", "p22"]
    assert records["p22"].get("failed", False) is fail_on_it
    assert result.exit_code == (1 if fail_on_it else 0)
    assert not any(i["check"] == "inconsistent_source" for i in records["p1"]["issues"])


@pytest.mark.parametrize("suffix", [".jsonl", ".csv"])
def test_a_finding_across_posts_on_a_line_a_worker_encoded_is_written_as_by_one_job(
    tmp_path: Path, suffix: str
) -> None:
    # Batches of one post: p35's goes out long after the first result is written (at most 16
    # batches run ahead), so its worker sends it encoded (as CSV, once the header has fixed the
    # columns), and the parent must encode it again with the finding and the failed mark.
    _, (result, out) = _one_sentence_twice(
        tmp_path, 40, 35, fail_on_it=True, suffix=suffix, batch_size=1
    )
    assert result.exit_code == 1  # p35 failed on the finding
    if suffix == ".csv":
        rows = list(csv.DictReader(out.open(encoding="utf-8", newline="")))
    else:
        rows = [json.loads(line) for line in out.open(encoding="utf-8")]
    found = [row["id"] for row in rows if "inconsistent_source" in str(row["issues"])]
    assert found == ["p35"]


def test_jobs_0_means_one_worker_per_core() -> None:
    assert resolve_jobs(0) == len(os.sched_getaffinity(0))
    assert resolve_jobs(3) == 3


def test_translation_with_two_workers_matches_one(
    copy_zh_en: PackageInfo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rows = ["今天在@温哥华旅游局 看到了极光[哈哈] #遇见加拿大#", "我们在多伦多。天气很好！"] * 6
    src = tmp_path / "in.jsonl"
    src.write_text(
        "".join(json.dumps({"id": str(i), "text": t}) + "\n" for i, t in enumerate(rows)),
        encoding="utf-8",
    )
    outputs = []
    for jobs in ("1", "2"):
        monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / f"cache-{jobs}"))  # no shared cache
        out = tmp_path / f"out-{jobs}.jsonl"
        result = CliRunner().invoke(
            main,
            ["run", "weibo-zh-en", str(src), "-o", str(out), "--batch-size", "3", "--jobs", jobs],
        )
        # The copy model leaves the Chinese untranslated: the pipeline's check fails every post.
        assert (result.exit_code, result.stderr) == (1, "12 posts written, 12 with errors\n")
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1]
    assert b'"result":"Today' not in outputs[0]  # the copy model: the text comes back as it was
    assert "温哥华旅游局".encode() in outputs[0]


def test_kill_9_mid_run_then_resume_with_jobs_2_gives_the_output_of_one_job(
    tmp_path: Path,
) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text(
        "".join(
            json.dumps({"id": f"p{i}", "text": f"第{i}条 @旅游达人 后来[哈哈]"}) + "\n"
            for i in range(3000)
        ),
        encoding="utf-8",
    )
    base = [sys.executable, "-m", "localize", "run", TW, str(src), "-q", "--batch-size", "16"]
    reference = tmp_path / "one.jsonl"
    subprocess.run([*base, "-o", str(reference)], cwd=ROOT, check=True)
    out = tmp_path / "two.jsonl"
    partial = out.with_name(out.name + ".partial")
    cmd = [*base, "-o", str(out), "--jobs", "2"]
    written = kill_9_after(subprocess.Popen(cmd, cwd=ROOT), partial, 400)
    subprocess.run([*cmd, "--resume"], cwd=ROOT, check=True)
    assert 0 < written < 3000, "the kill did not land mid-run; the test proved nothing"
    assert out.read_bytes() == reference.read_bytes()


def test_an_error_while_a_worker_builds_its_pipeline_stops_the_run(tmp_path: Path) -> None:
    src = _input(tmp_path / "in.jsonl")
    batches = make_batches(read_records([str(src)]), done=set(), batch_size=4)
    spec = PipelineSpec(tmp_path / "gone.yaml")  # e.g. deleted after the parent read it
    with pytest.raises(LocalizeError, match=r"gone\.yaml"):
        list(run_processes(spec, "SIG", batches, jobs=2))


def test_a_worker_that_died_before_its_batches_were_sent_is_heard(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The worker reports the error and exits before the parent sends it anything: sending to
    # it must not fail with a broken pipe, which would hide what the worker said.
    send = local._Worker.send

    def send_once_it_is_gone(worker: local._Worker, batch: Batch) -> None:
        worker.process.join(timeout=60)  # it stops on its own: its pipeline file is gone
        assert not worker.process.is_alive()
        send(worker, batch)

    monkeypatch.setattr(local._Worker, "send", send_once_it_is_gone)
    src = _input(tmp_path / "in.jsonl")
    batches = make_batches(read_records([str(src)]), done=set(), batch_size=4)
    with pytest.raises(LocalizeError, match=r"gone\.yaml"):
        list(run_processes(PipelineSpec(tmp_path / "gone.yaml"), "SIG", batches, jobs=2))


def _pipeline_file(path: Path, config: str) -> Path:
    text = (ROOT / "pipelines" / "weibo-zh-tw.yaml").read_text(encoding="utf-8")
    path.write_text(text.replace("config: s2twp", f"config: {config}"), encoding="utf-8")
    return path


_BUILT_THEN_EDITED = """
import json, sys
from localize.exec import PipelineSpec, make_batches
from localize.exec.local import run_processes
from localize.io import read_records

src, path, edited = sys.argv[1:]
spec = PipelineSpec(path)
pipe = spec.build()
open(path, "w", encoding="utf-8").write(edited)  # the file changes after the command built it

def run(**options):
    batches = make_batches(read_records([src]), done=set(), batch_size=4)
    results = run_processes(spec, "SIG", batches, jobs=2, **options)
    return [r["result"] for result in results for r in result.records]

print(json.dumps([run(pipeline=pipe), run()], ensure_ascii=False))
"""


@pytest.mark.skipif(sys.platform != "linux", reason="workers fork from the command on Linux")
def test_workers_forked_from_the_command_run_the_pipeline_it_built(tmp_path: Path) -> None:
    """Every worker runs the pipeline the command built and signed, even if its file changes
    during the run (a worker building its own would read the new file). In a process of its
    own: this one may run threads (then workers start from the fork server)."""
    src = _input(tmp_path / "in.jsonl")
    path = _pipeline_file(tmp_path / "p.yaml", "s2twp")
    edited = _pipeline_file(tmp_path / "edited.yaml", "s2hk").read_text(encoding="utf-8")
    out = subprocess.run(
        [sys.executable, "-c", _BUILT_THEN_EDITED, str(src), str(path), edited],
        capture_output=True,
        text=True,
        check=True,
    )
    forked, built_by_workers = json.loads(out.stdout)
    assert "推薦軟體" in forked[0]  # s2twp: Taiwan vocabulary
    assert "推薦軟件" in built_by_workers[0]  # s2hk: what the edited file says


@pytest.mark.skipif(sys.platform != "linux", reason="workers fork from the command on Linux")
def test_while_another_thread_runs_workers_start_from_the_fork_server(tmp_path: Path) -> None:
    import threading

    from localize.exec.forkserver import forks_here

    src = _input(tmp_path / "in.jsonl")
    one = _run(tmp_path, "one", src, "--jobs", "1")
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert not forks_here()  # forking now could leave the thread's locks locked
        _same_run(one, _run(tmp_path, "two", src, "--jobs", "2"))
    finally:
        stop.set()
        thread.join()
