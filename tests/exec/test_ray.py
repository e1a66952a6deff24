"""``--executor ray`` on a local Ray (``ray.init(num_cpus=2)``): one Ray session for the module."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from localize.cli import main
from localize.errors import InputError
from localize.exec import PipelineSpec
from localize.exec.ray import expand_inputs, run_ray, shard_name

ROOT = Path(__file__).resolve().parents[2]
TW = ROOT / "pipelines" / "weibo-zh-tw.yaml"
CRASH_POST = "kill-my-actor"


@pytest.fixture(scope="module")
def ray_session(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A local Ray for the module; actors inherit the environment set here, so the crash hook
    (a post that SIGKILLs its actor the first time it is seen) is armed for this module only."""
    ray = pytest.importorskip("ray")
    marker = tmp_path_factory.mktemp("crash") / "crashed"
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("LOCALIZE_TEST_CRASH_POST", CRASH_POST)
        mp.setenv("LOCALIZE_TEST_CRASH_ONCE", str(marker))
        mp.setenv("RAY_AUTH_MODE", "disabled")
        ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
        try:
            yield marker
        finally:
            ray.shutdown()


def _inputs(folder: Path, crash: bool = False) -> list[Path]:
    folder.mkdir()
    a = folder / "a.jsonl"
    rows = [
        json.dumps({"id": f"a{i}", "text": f"第{i}条 @旅游达人 推荐软件[爱你]"}) for i in range(30)
    ]
    rows.insert(4, "{not json")
    rows.insert(9, json.dumps({"id": "a1", "text": "重复"}))
    if crash:
        rows.append(json.dumps({"id": CRASH_POST, "text": "这条让进程死掉一次"}))
    a.write_text("\n".join(rows) + "\n", encoding="utf-8")
    b = folder / "b.jsonl"
    b.write_text(
        "".join(
            json.dumps({"id": f"b{i}", "text": f"去蒙特利尔看枫叶{i}"}) + "\n" for i in range(25)
        ),
        encoding="utf-8",
    )
    c = folder / "c.csv"
    c.write_text("id,text\nc1,后来的头发\nc2\nc3,网络软件\n", encoding="utf-8")
    return [a, b, c]


def _in_process(files: list[Path], out: Path) -> tuple[bytes, bytes]:
    result = CliRunner().invoke(main, ["run", str(TW), *map(str, files), "-o", str(out)])
    assert result.exit_code == 1, result.output  # the inputs hold rejects
    return out.read_bytes(), out.with_name(out.stem + ".rejects.jsonl").read_bytes()


def _shards(out_dir: Path, files: list[Path], kind: str = ".jsonl") -> bytes:
    data = b""
    for f in files:
        path = out_dir / "shards" / f"{shard_name(str(f))}{kind}"
        data += path.read_bytes() if path.exists() else b""
    return data


def test_records_and_rejects_equal_the_in_process_run(ray_session: Path, tmp_path: Path) -> None:
    files = _inputs(tmp_path / "in")
    expected, expected_rejects = _in_process(files, tmp_path / "one.jsonl")
    out_dir = tmp_path / "out"
    result = CliRunner().invoke(
        main,
        [
            "run",
            str(TW),
            str(tmp_path / "in"),
            "-o",
            str(out_dir),
            "--executor",
            "ray",
            "--jobs",
            "2",
            "-q",
        ],
    )
    assert result.exit_code == 1, result.output
    assert _shards(out_dir, files) == expected
    assert _shards(out_dir, files, ".rejects.jsonl") == expected_rejects
    manifest = json.loads((out_dir / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["inputs"] == [str(f) for f in files]
    assert manifest["totals"] == {"posts": 57, "rejects": 3, "flagged": 0}
    assert [s["posts"] for s in manifest["shards"]] == [30, 25, 2]
    assert manifest["signature"] == PipelineSpec(TW).build().signature()
    assert manifest["missing"] == []


def test_a_rerun_redoes_only_the_missing_shards(ray_session: Path, tmp_path: Path) -> None:
    files = _inputs(tmp_path / "in")
    out_dir = tmp_path / "out"
    spec = PipelineSpec(TW)
    first = run_ray(spec, [str(tmp_path / "in")], out_dir, jobs=2)
    assert first.skipped == 0 and len(first.shards) == 3
    before = _shards(out_dir, files)
    lost = out_dir / "shards" / shard_name(str(files[1]))
    lost.with_suffix(".done.json").unlink()  # as if b's actor died before marking it done
    lost.with_suffix(".jsonl").unlink()
    kept = out_dir / "shards" / f"{shard_name(str(files[0]))}.jsonl"
    kept_mtime = kept.stat().st_mtime_ns
    second = run_ray(spec, [str(f) for f in files], out_dir, jobs=2)
    assert second.skipped == 2
    assert kept.stat().st_mtime_ns == kept_mtime  # not rewritten
    assert _shards(out_dir, files) == before
    assert second.posts == first.posts == 57


def test_a_killed_actor_is_recovered(ray_session: Path, tmp_path: Path) -> None:
    files = _inputs(tmp_path / "in", crash=True)
    expected, _ = _in_process(files, tmp_path / "one.jsonl")
    run = run_ray(PipelineSpec(TW), [str(f) for f in files], tmp_path / "out", jobs=2)
    assert ray_session.exists(), "no actor was killed: the test proved nothing"
    assert run.missing == []
    assert _shards(tmp_path / "out", files) == expected


def test_shards_of_another_pipeline_are_refused(ray_session: Path, tmp_path: Path) -> None:
    files = _inputs(tmp_path / "in")
    out_dir = tmp_path / "out"
    marker = out_dir / "shards" / f"{shard_name(str(files[0]))}.done.json"
    marker.parent.mkdir(parents=True)
    marker.write_text(
        json.dumps({"input": str(files[0]), "name": shard_name(str(files[0])), "signature": "old"}),
        encoding="utf-8",
    )
    with pytest.raises(InputError, match="another pipeline or version"):
        run_ray(PipelineSpec(TW), [str(tmp_path / "in")], out_dir, jobs=1)


def test_a_file_that_cannot_be_read_is_an_error_with_exit_code_2(
    ray_session: Path, tmp_path: Path
) -> None:
    files = _inputs(tmp_path / "in")
    bad = tmp_path / "in" / "d.csv"
    bad.write_text("id,body\n1,好\n", encoding="utf-8")  # no text column it knows
    out_dir = tmp_path / "out"
    result = CliRunner().invoke(
        main,
        ["run", str(TW), *map(str, [*files, bad]), "-o", str(out_dir), "--executor", "ray"],
    )
    assert result.exit_code == 2
    assert f"Error: ==> File {bad}, line 1\n" in result.stderr
    assert "none of the usual names (text, content" in result.stderr
    manifest = json.loads((out_dir / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["missing"] == [str(bad)] and list(manifest["errors"]) == [str(bad)]
    assert manifest["totals"]["posts"] == 57  # the other files are done


def test_a_shard_is_checked_as_its_file_alone(ray_session: Path, tmp_path: Path) -> None:
    # The same sentence in Simplified and in Traditional comes out the same: the checks across
    # posts report "one translation for two sentences" when they see both posts.
    folder = tmp_path / "in"
    folder.mkdir()
    files = []
    for name, text in (
        ("a", "我们明天去蒙特利尔看枫叶，真漂亮。"),
        ("b", "我們明天去蒙特利爾看楓葉，真漂亮。"),
    ):
        files.append(folder / f"{name}.jsonl")
        files[-1].write_text(json.dumps({"id": name, "text": text}) + "\n", encoding="utf-8")
    together = tmp_path / "together.jsonl"
    CliRunner().invoke(main, ["run", str(TW), *map(str, files), "-o", str(together), "-q"])
    assert "inconsistent_source" in together.read_text(encoding="utf-8")  # in one process
    out_dir = tmp_path / "out"
    # One actor runs both shards, one after the other.
    args = ["run", str(TW), str(folder), "-o", str(out_dir), "--executor", "ray", "--jobs", "1"]
    assert CliRunner().invoke(main, args).exit_code == 0
    for file in files:
        alone = tmp_path / f"{file.stem}-alone.jsonl"
        CliRunner().invoke(main, ["run", str(TW), str(file), "-o", str(alone), "-q"])
        assert _shards(out_dir, [file]) == alone.read_bytes()


def test_inputs_in_another_encoding_are_read_with_encoding(
    ray_session: Path, tmp_path: Path
) -> None:
    src = tmp_path / "in" / "gbk.csv"
    src.parent.mkdir()
    src.write_bytes("id,text\ng1,去蒙特利尔看枫叶\ng2,网络软件\n".encode("gb18030"))
    expected = tmp_path / "one.jsonl"
    args = ["run", str(TW), str(src), "--encoding", "gb18030", "-q"]
    assert CliRunner().invoke(main, [*args, "-o", str(expected)]).exit_code == 0
    out_dir = tmp_path / "out"
    result = CliRunner().invoke(main, [*args, "-o", str(out_dir), "--executor", "ray"])
    assert result.exit_code == 0, result.output
    assert _shards(out_dir, [src]) == expected.read_bytes()
    assert "網路軟體" in expected.read_text(encoding="utf-8")
    # An encoding Python does not know stops the run before Ray starts, as with one process.
    bad = CliRunner().invoke(
        main, [*args[:3], "--encoding", "gbk2", "-o", str(tmp_path / "x"), "--executor", "ray"]
    )
    assert bad.exit_code == 2 and "unknown encoding 'gbk2'" in bad.stderr


def test_inputs_are_files_folders_and_globs(tmp_path: Path) -> None:
    files = _inputs(tmp_path / "in")
    (tmp_path / "in" / "notes.docx").write_text("not posts", encoding="utf-8")
    assert expand_inputs([str(tmp_path / "in")]) == [str(f) for f in files]
    assert expand_inputs([str(tmp_path / "in" / "*.jsonl"), str(files[0])]) == [
        str(files[0]),
        str(files[1]),
    ]
    with pytest.raises(InputError, match="no input files"):
        expand_inputs([str(tmp_path / "nothing-*.jsonl")])


def test_ray_is_never_imported_by_the_default_commands(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"id": "1", "text": "软件"}) + "\n", encoding="utf-8")
    out = str(tmp_path / "o.jsonl")
    script = f"""
import sys
from click.testing import CliRunner
from localize.cli import main
runner = CliRunner()
assert runner.invoke(main, ["run", {str(TW)!r}, {str(src)!r}, "-o", {out!r}]).exit_code == 0
assert runner.invoke(main, ["check", {out!r}]).exit_code in (0, 1)
assert runner.invoke(main, ["run", "--help"]).exit_code == 0
print(sorted(m for m in sys.modules if m == "ray" or m.startswith("ray.")))
"""
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=os.environ, check=True
    )
    assert done.stdout.strip() == "[]"


def test_an_actor_gets_a_gpu_when_the_pipeline_translates_on_cuda(tmp_path: Path) -> None:
    from localize.exec.ray import gpus_for

    pipeline = tmp_path / "p.yaml"
    text = (
        "name: p\nsource: zh-Hans\ntarget: en\n"
        "steps:\n  - protect\n  - translate: {device: DEVICE}\n  - restore\n"
    )
    pipeline.write_text(text.replace("DEVICE", "cuda"), encoding="utf-8")
    assert gpus_for(PipelineSpec(pipeline).build()) == 1.0
    pipeline.write_text(text.replace("DEVICE", "cpu"), encoding="utf-8")
    assert gpus_for(PipelineSpec(pipeline).build()) == 0.0
    assert gpus_for(PipelineSpec(TW).build()) == 0.0
