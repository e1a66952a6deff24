from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from localize.errors import InputError
from localize.io import Record
from localize.qa import Checker, CheckRun, Locales
from localize.qa.reporters import TextReporter
from localize.qa.runner import pair_records


def _rec(post_id: str) -> Record:
    return Record(post_id, post_id, "f", 1)


def test_pairing_by_id_streams_in_order_and_reports_both_sides() -> None:
    pairs = pair_records(
        [_rec("a"), _rec("b"), _rec("c"), _rec("d")], [_rec("b"), _rec("a"), _rec("x"), _rec("d")]
    )
    ids = [(s.id if s else None, t.id if t else None) for s, t in pairs]  # type: ignore[union-attr]
    assert ids == [("b", "b"), ("a", "a"), (None, "x"), ("d", "d"), ("c", None)]


def _jsonl(path: Path, rows: list[dict[str, object]]) -> str:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")
    return str(path)


def _run(source: str | None, target: str, locales: Locales | None = None) -> tuple[str, int]:
    out = io.StringIO()
    run = CheckRun(Checker(), TextReporter(out), locales=locales)
    summary = run.check_files(source, target)
    return out.getvalue(), summary.exit_code


def test_source_and_target_files(tmp_path: Path) -> None:
    src = _jsonl(tmp_path / "src.jsonl", [
        {"id": "1", "text": "三个城市 @旅游达人", "lang": "zh-Hans"},
        {"id": "2", "text": "你好", "lang": "zh-Hans"},
        {"id": "3", "text": "再见", "lang": "zh-Hans"},
    ])  # fmt: skip
    tgt = _jsonl(tmp_path / "tgt.jsonl", [
        {"id": "2", "text": "", "lang": "en"},
        {"id": "1", "text": "three cities @旅游达人", "lang": "en"},
    ])  # fmt: skip
    out, code = _run(src, tgt)
    assert out == (
        f"{tgt}:1: 2: [empty_target] error: the target is empty\n"
        f"{src}:3: 3: [unpaired] error: post '3' has no translation in {tgt}\n"
        "3 posts checked: 2 errors, 0 warnings; failed (fail on: error)\n"
    )
    assert code == 1


def test_text_files_pair_line_by_line(tmp_path: Path) -> None:
    (tmp_path / "zh.txt").write_text("三个城市\n两千人\n", "utf-8")
    (tmp_path / "en.txt").write_text("three cities\n200 people\n", "utf-8")
    out, code = _run(str(tmp_path / "zh.txt"), str(tmp_path / "en.txt"), Locales("zh-Hans", "en"))
    assert out.splitlines()[:2] == [
        f'{tmp_path / "en.txt"}:2: en.txt:2: [number_mismatch] error: number "两千" of the source'
        " is not in the target",
        f'{tmp_path / "en.txt"}:2: en.txt:2: [number_mismatch] error: number "200" in the target'
        " is not in the source",
    ]
    assert code == 1


def test_run_output_file(tmp_path: Path) -> None:
    path = _jsonl(tmp_path / "out.jsonl", [
        {"id": "a", "text": "去温哥华", "lang": "zh-Hans", "result": "去溫哥華",
         "locale": "zh-Hant-TW", "signature": "localize:0.1.0|pipeline:weibo-zh-tw|locale:zh-Hans>zh-Hant-TW|steps:convert"},  # noqa: E501
        {"id": "b", "text": "去温哥华", "lang": "zh-Hans", "result": "去溫哥华",
         "locale": "zh-Hant-TW"},
    ])  # fmt: skip
    out, code = _run(None, path)
    assert out == (
        f'{path}:2: b: [script_mismatch] error: Simplified-only character(s) "华" in a zh-Hant-TW'
        ' target, e.g. in "溫哥华"\n'
        f'{path}:2: b: [inconsistent_translation] warning: the source sentence "去温哥华" was'
        """ translated differently in post 'a'; here (post 'b') it is "去溫哥华"\n"""
        "2 posts checked: 1 error, 1 warning; failed (fail on: error)\n"
    )
    assert code == 1


def test_a_file_that_is_not_run_output(tmp_path: Path) -> None:
    path = _jsonl(tmp_path / "posts.jsonl", [{"id": "a", "text": "你好"}])
    with pytest.raises(InputError, match="no 'result' field"):
        _run(None, path)


def test_malformed_lines_are_input_errors_and_the_rest_is_checked(tmp_path: Path) -> None:
    src = _jsonl(tmp_path / "src.jsonl", [{"id": "1", "text": "你好"}, {"id": "2", "text": "好"}])
    tgt = tmp_path / "tgt.jsonl"
    tgt.write_text('{"id": "1", "text": "Hello"}\n{"id": "2", "text": \n', "utf-8")
    out, code = _run(src, str(tgt), Locales("zh-Hans", "en"))
    assert out.splitlines()[0].startswith(f"{tgt}:2: tgt.jsonl:2: [input] error: malformed JSON")
    assert code == 2
