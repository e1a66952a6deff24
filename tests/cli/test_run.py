from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from localize.cli import main
from localize.pipeline import Pipeline
from localize.testing.processes import kill_9_after

ROOT = Path(__file__).resolve().parents[2]
TW = str(ROOT / "pipelines" / "weibo-zh-tw.yaml")


def write_jsonl(path: Path, rows: list[dict[str, object]]) -> Path:
    path.write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8"
    )
    return path


def read_jsonl(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_run_converts_and_keeps_entities(runner: CliRunner, tmp_path: Path) -> None:
    src = write_jsonl(
        tmp_path / "in.jsonl",
        [
            {
                "id": "p1",
                "text": "@旅游达人 推荐软件[爱你] #遇见加拿大# 多伦多只要4小时\u200b",
                "likes": 5,
            }
        ],
    )
    out = tmp_path / "out.jsonl"
    result = runner.invoke(main, ["run", TW, str(src), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert result.stderr == "1 posts written\n"
    (line,) = read_jsonl(out)
    assert line["id"] == "p1" and line["likes"] == 5
    assert line["text"] == "@旅游达人 推荐软件[爱你] #遇见加拿大# 多伦多只要4小时\u200b"
    # The campaign hashtag takes its Taiwan form from the glossary; other entities stay as written.
    assert line["result"] == "@旅游达人 推薦軟體[爱你] #遇見加拿大# 多倫多只要4小時"
    assert line["locale"] == "zh-Hant-TW"
    assert line["tokens"] == [
        "@旅游达人",
        " ",
        "推薦",
        "軟體",
        "[爱你]",
        " ",
        "#遇見加拿大#",
        " ",
        "多倫多",
        "只要",
        "4",
        "小時",
    ]
    assert line["issues"] == []
    assert str(line["signature"]).startswith("localize:0.1.0|pipeline:weibo-zh-tw|")


def test_builtin_pipeline_by_name_and_stdin_to_stdout(runner: CliRunner) -> None:
    result = runner.invoke(main, ["run", "weibo-zh-hk", "-", "-q"], input="后来的头发 @某人\n")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["result"] == "後來的頭髮 @某人"


def test_csv_input(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "o.jsonl"
    result = runner.invoke(
        main,
        [
            "run",
            TW,
            str(ROOT / "examples" / "posts.csv"),
            "--text-column",
            "content",
            "-o",
            str(out),
        ],
    )
    assert result.exit_code == 0, result.output
    lines = read_jsonl(out)
    assert [line["id"] for line in lines] == ["zh-101", "zh-102", "zh-103"]
    assert lines[0]["author"] == "美食频道"


def test_bad_posts_are_rejected_reported_and_the_rest_processed(
    runner: CliRunner, tmp_path: Path
) -> None:
    src = tmp_path / "in.jsonl"
    src.write_bytes(
        b'{"id": "1", "text": "\xe5\x90\x8e\xe6\x9d\xa5"}\n'
        b'{"id": "2", "text": \n'
        b'{"id": "3", "text": "\xff"}\n'
        b'{"id": "4", "text": ""}\n'
        b'{"id": "5", "text": "\xe5\xa4\xb4\xe5\x8f\x91"}\n'
    )
    out = tmp_path / "out.jsonl"
    result = runner.invoke(main, ["run", TW, str(src), "-o", str(out)])
    assert result.exit_code == 1
    assert result.stderr == (
        f"{src}:2: rejected: malformed JSON: Expecting value at column 21\n"
        f"{src}:3: rejected: invalid UTF-8 at byte 21: save the file as UTF-8\n"
        f"{src}:4: rejected: empty text\n"
        f"2 posts written, 3 rejected (see {tmp_path / 'out.rejects.jsonl'})\n"
    )
    assert [line["result"] for line in read_jsonl(out)] == ["後來", "頭髮"]
    rejects = read_jsonl(tmp_path / "out.rejects.jsonl")
    assert [(r["line"], r["error"]) for r in rejects] == [
        (2, "malformed JSON: Expecting value at column 21"),
        (3, "invalid UTF-8 at byte 21: save the file as UTF-8"),
        (4, "empty text"),
    ]


def test_oversized_post_is_rejected(runner: CliRunner, tmp_path: Path) -> None:
    src = write_jsonl(
        tmp_path / "in.jsonl", [{"id": "big", "text": "长" * 1_000_001}, {"id": "ok", "text": "好"}]
    )
    result = runner.invoke(main, ["run", TW, str(src), "-o", str(tmp_path / "o.jsonl")])
    assert result.exit_code == 1
    assert (
        "text is 1,000,001 characters; the limit is 100,000 (raise it with --max-chars)"
        in result.stderr
    )
    assert [line["id"] for line in read_jsonl(tmp_path / "o.jsonl")] == ["ok"]


def test_config_error_exits_2_and_writes_nothing(runner: CliRunner, tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("name: b\nsteps:\n  - segmnet\n", encoding="utf-8")
    src = write_jsonl(tmp_path / "in.jsonl", [{"id": "1", "text": "好"}])
    result = runner.invoke(main, ["run", str(bad), str(src), "-o", str(tmp_path / "o.jsonl")])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"Error: ==> File {bad}, line 3\n==> At key: steps[0]\n")
    assert not (tmp_path / "o.jsonl").exists()


def test_unknown_pipeline_name(runner: CliRunner) -> None:
    result = runner.invoke(main, ["run", "weibo-zh-xx", "-"], input="")
    assert result.exit_code == 2
    assert "no pipeline file or built-in pipeline named 'weibo-zh-xx'" in result.stderr
    assert "weibo-zh-tw" in result.stderr


def test_missing_input_file_exits_2(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(
        main, ["run", TW, str(tmp_path / "nope.jsonl"), "-o", str(tmp_path / "o.jsonl")]
    )
    assert result.exit_code == 2
    assert "input file not found" in result.stderr


def test_resume_skips_posts_already_written(runner: CliRunner, tmp_path: Path) -> None:
    src = write_jsonl(tmp_path / "in.jsonl", [{"id": str(i), "text": f"第{i}条"} for i in range(5)])
    out = tmp_path / "out.jsonl"
    sig = json.dumps(Pipeline.from_yaml(TW).signature())
    (tmp_path / "out.jsonl.partial").write_text(
        f'{{"id":"0","result":"kept","signature":{sig}}}\n'
        f'{{"id":"1","result":"kept","signature":{sig}}}\n{{"id":"2","res',
        encoding="utf-8",
    )
    refused = runner.invoke(main, ["run", TW, str(src), "-o", str(out)])
    assert refused.exit_code == 2 and "--resume" in refused.stderr
    result = runner.invoke(main, ["run", TW, str(src), "-o", str(out), "--resume"])
    assert result.exit_code == 0, result.output
    assert result.stderr == "3 posts written, 2 already done\n"
    lines = read_jsonl(out)
    assert [line["id"] for line in lines] == ["0", "1", "2", "3", "4"]
    assert lines[0]["result"] == "kept"


def _kill_and_resume(tmp_path: Path, name: str, after_lines: int) -> tuple[int, list[str]]:
    """Kill a run once its partial output has ``after_lines`` lines (0: right after it starts);
    return how many lines it had written and the ids in the output after resuming."""
    src = tmp_path / "in.jsonl"
    out = tmp_path / f"out-{name}.jsonl"
    partial = out.with_name(out.name + ".partial")
    cmd = [sys.executable, "-m", "localize", "run", TW, str(src), "-o", str(out), "-q"]
    cmd += ["--batch-size", "7"]
    written = kill_9_after(subprocess.Popen(cmd, cwd=ROOT), partial, after_lines)
    subprocess.run([*cmd, "--resume"], cwd=ROOT, check=True)
    return written, [str(line["id"]) for line in read_jsonl(out)]


@pytest.mark.slow
def test_kill_9_then_resume_gives_every_post_exactly_once(tmp_path: Path) -> None:
    ids = [f"p{i}" for i in range(6000)]
    write_jsonl(
        tmp_path / "in.jsonl", [{"id": i, "text": f"第{i}条 @旅游达人 后来[哈哈]"} for i in ids]
    )
    interrupted_midway = 0
    for name, after_lines in (("start", 0), ("first-batch", 1), ("halfway", 3000)):
        written, got = _kill_and_resume(tmp_path, name, after_lines)
        assert sorted(got) == sorted(ids), name
        interrupted_midway += 0 < written < len(ids)
    assert interrupted_midway >= 1, "no kill landed while the run was writing; it proved nothing"


def test_csv_row_without_the_text_column_is_rejected(runner: CliRunner, tmp_path: Path) -> None:
    src = tmp_path / "in.csv"
    src.write_text("id,content\nc1,后来\nc2\nc3,头发\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    result = runner.invoke(main, ["run", TW, str(src), "--text-column", "content", "-o", str(out)])
    assert result.exit_code == 1
    assert result.stderr == (
        f"{src}:3: rejected: row has 1 columns and no 'content' value\n"
        f"2 posts written, 1 rejected (see {tmp_path / 'out.rejects.jsonl'})\n"
    )
    assert [line["id"] for line in read_jsonl(out)] == ["c1", "c3"]


def test_csv_without_the_text_column_exits_2(runner: CliRunner, tmp_path: Path) -> None:
    src = tmp_path / "in.csv"
    src.write_text("id,body\n1,好\n", encoding="utf-8")
    result = runner.invoke(main, ["run", TW, str(src), "-o", str(tmp_path / "o.jsonl")])
    assert result.exit_code == 2
    assert result.stderr == (
        f"Error: ==> File {src}, line 1\n"
        "=====> no text column: the header has id, body, and none of the usual names (text, "
        "content, 微博正文, 正文, 内容)\n"
        "       Name the text column with --text-column.\n"
    )
    assert not (tmp_path / "o.jsonl").exists()
    assert not (tmp_path / "o.jsonl.partial").exists()


def test_a_check_step_that_fails_a_post_makes_the_run_exit_1(
    runner: CliRunner, tmp_path: Path
) -> None:
    pipeline = tmp_path / "p.yaml"
    pipeline.write_text(
        "name: p\nsource: zh-Hans\ntarget: en\n"
        "steps:\n  - normalize\n  - check: {fail_on: [identical_to_source]}\n",
        encoding="utf-8",
    )
    src = write_jsonl(tmp_path / "in.jsonl", [{"id": "1", "text": "这条还没有翻译"}])
    out = tmp_path / "out.jsonl"
    result = runner.invoke(main, ["run", str(pipeline), str(src), "-o", str(out)])
    assert result.exit_code == 1
    assert result.stderr == "1 posts written, 1 with errors\n"
    (line,) = read_jsonl(out)
    # The copy is reported as such and, with its Chinese quoted, as untranslated text.
    assert [issue["check"] for issue in line["issues"]] == ["identical_to_source", "untranslated"]
    assert [issue.get("data", {}).get("fails") for issue in line["issues"]] == [True, None]


def test_a_gbk_csv_is_an_input_error_until_its_encoding_is_given(
    runner: CliRunner, tmp_path: Path
) -> None:
    src = tmp_path / "excel.csv"
    src.write_bytes((ROOT / "examples" / "posts.csv").read_text("utf-8").encode("gb18030"))
    out = tmp_path / "o.jsonl"
    result = runner.invoke(main, ["run", TW, str(src), "-o", str(out)])
    assert result.exit_code == 2
    assert "pass --encoding gb18030" in result.stderr
    assert not out.exists()
    result = runner.invoke(main, ["run", TW, str(src), "--encoding", "gb18030", "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    assert result.stderr.startswith(f"{src}: the text is in column 'content'")
    expected = (ROOT / "examples" / "posts.csv").read_text("utf-8").count("\nzh-")
    assert len(read_jsonl(out)) == expected


def test_the_old_format_spelling_still_works(runner: CliRunner, tmp_path: Path) -> None:
    src = tmp_path / "posts.data"
    src.write_text('{"id": "1", "text": "软件"}\n', encoding="utf-8")
    out = tmp_path / "o.jsonl"
    result = runner.invoke(main, ["run", TW, str(src), "--format", "jsonl", "-o", str(out), "-q"])
    assert result.exit_code == 0
    assert result.stderr == "Warning: --format is renamed; use --input-format.\n"
    assert read_jsonl(out)[0]["result"] == "軟體"


@pytest.mark.parametrize("jobs", ["2", "0"])
def test_jobs_start_the_fork_server_before_the_command_builds_its_pipeline(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, jobs: str
) -> None:
    """The server loads what workers share while this process builds its own pipeline."""
    import localize.exec.forkserver as forkserver
    from localize.exec.batches import PipelineSpec

    events: list[str] = []
    prestart, build = forkserver.prestart, PipelineSpec.build

    def recorded_prestart(jobs: int) -> None:
        events.append(f"prestart {jobs}")
        prestart(jobs)

    def recorded_build(spec: PipelineSpec, **options: int) -> Pipeline:
        events.append("build")
        return build(spec, **options)

    monkeypatch.setattr(forkserver, "prestart", recorded_prestart)
    monkeypatch.setattr(PipelineSpec, "build", recorded_build)
    src = write_jsonl(tmp_path / "in.jsonl", [{"id": "p1", "text": "软件"}])
    args = ["run", TW, str(src), "-o", str(tmp_path / "out.jsonl"), "--jobs", jobs]
    assert runner.invoke(main, args).exit_code == 0
    assert events == [f"prestart {jobs}", "build"]
