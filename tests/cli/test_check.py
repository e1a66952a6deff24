from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from localize.cli import main
from localize.mt.packages import PackageInfo
from localize.testing.fixtures import *  # noqa: F403

ROOT = Path(__file__).resolve().parent.parent.parent
GLOSSARY = ROOT / "tests" / "qa" / "data" / "glossary.yaml"


def _jsonl(path: Path, rows: list[dict[str, object]]) -> str:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")
    return str(path)


@pytest.fixture
def files(tmp_path: Path) -> tuple[str, str]:
    src = _jsonl(tmp_path / "zh.jsonl", [
        {"id": "a", "text": "#遇见加拿大# 去了尼亚加拉瀑布 @旅游达人", "lang": "zh-Hans"},
        {"id": "b", "text": "三个城市，太美了！", "lang": "zh-Hans"},
        {"id": "c", "text": "你好", "lang": "zh-Hans"},
    ])  # fmt: skip
    tgt = _jsonl(tmp_path / "en.jsonl", [
        {"id": "a", "text": "#MeetCanada# Went to the falls", "lang": "en"},
        {"id": "b", "text": "Three cities, so beautiful！", "lang": "en"},
        {"id": "c", "text": "Hello", "lang": "en"},
    ])  # fmt: skip
    return src, tgt


def _invoke(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["check", *args])
    return result.exit_code, result.output


def test_text_report_and_exit_code(files: tuple[str, str]) -> None:
    src, tgt = files
    code, out = _invoke(src, tgt, "--glossary", str(GLOSSARY))
    assert out == (
        f'{tgt}:1: a: [missing_term] error: term "尼亚加拉瀑布" needs the approved en form'
        ' "Niagara Falls"\n'
        f'{tgt}:1: a: [entity_mismatch] error: mention "@旅游达人" is missing from the target\n'
        f'{tgt}:2: b: [punctuation] warning: Chinese punctuation "！" in the English target\n'
        "3 posts checked: 2 errors, 1 warning; failed (fail on: error)\n"
    )
    assert code == 1


def test_fail_on_levels(files: tuple[str, str]) -> None:
    src, tgt = files
    assert _invoke(src, tgt, "--fail-on", "never")[0] == 0
    assert _invoke(src, tgt, "--fail-on", "punctuation")[0] == 1
    assert _invoke(src, tgt, "--fail-on", "number_mismatch")[0] == 0


def test_config_and_waivers(tmp_path: Path, files: tuple[str, str]) -> None:
    src, tgt = files
    (tmp_path / "w.yaml").write_text(
        "- {post: a, check: entity_mismatch, reason: mention dropped on purpose}\n"
        "- {post: z, check: untranslated, reason: old}\n",
        "utf-8",
    )
    (tmp_path / "qa.yaml").write_text(
        "waivers: w.yaml\nfail_on: warning\nchecks:\n  missing_term: off\n  punctuation: off\n",
        "utf-8",
    )
    code, out = _invoke(src, tgt, "-g", str(GLOSSARY), "-c", str(tmp_path / "qa.yaml"))
    assert out == (
        f"{tmp_path / 'w.yaml'}:2: z: [stale_waiver] warning: waiver for z [untranslated] matched"
        " no post in this run; remove it if it is obsolete\n"
        "3 posts checked: 0 errors, 1 warning, 1 waived; failed (fail on: warning)\n"
    )
    assert code == 1


def test_json_format(files: tuple[str, str]) -> None:
    src, tgt = files
    code, out = _invoke(src, tgt, "-f", "json", "--fail-on", "error")
    doc = json.loads(out)
    assert [(f["id"], f["check"]) for f in doc["findings"]] == [
        ("a", "entity_mismatch"),
        ("b", "punctuation"),
    ]
    assert doc["summary"]["passed"] is False and code == 1


def test_github_format(files: tuple[str, str]) -> None:
    src, tgt = files
    code, out = _invoke(src, tgt, "-f", "github", "--fail-on", "never")
    assert out.splitlines() == [
        f'::error file={tgt},line=1,title=[entity_mismatch] a::mention "@旅游达人" is missing'
        " from the target",
        f'::warning file={tgt},line=2,title=[punctuation] b::Chinese punctuation "！" in the'
        " English target",
        "3 posts checked: 1 error, 1 warning; passed (fail on: never)",
    ]
    assert code == 0


def test_junit_to_a_file(tmp_path: Path, files: tuple[str, str]) -> None:
    import xmlschema

    src, tgt = files
    report = tmp_path / "report.xml"
    code, out = _invoke(src, tgt, "-f", "junit", "-o", str(report))
    assert (code, out) == (1, "")
    xmlschema.XMLSchema(ROOT / "tests" / "qa" / "data" / "JUnit.xsd").validate(str(report))
    assert 'tests="3" failures="1" errors="0"' in report.read_text("utf-8")


def test_run_output_with_a_pipeline(tmp_path: Path) -> None:
    pipeline = tmp_path / "p.yaml"
    pipeline.write_text(
        f"name: p\nsource: zh-Hans\ntarget: zh-Hant-TW\nglossaries: [{GLOSSARY}]\n"
        "steps:\n  - convert: {config: s2tw}\n  - check: {checks: {script_mismatch: warning}}\n",
        "utf-8",
    )
    out_file = _jsonl(tmp_path / "out.jsonl", [
        {"id": "a", "text": "去蒙特利尔", "result": "去滿地可", "locale": "zh-Hant-TW"},
    ])  # fmt: skip
    code, out = _invoke(out_file, "--pipeline", str(pipeline))
    assert out == (
        f'{out_file}:1: a: [missing_term] error: term "蒙特利尔" needs the approved zh-Hant-TW'
        ' form "蒙特婁"\n'
        f'{out_file}:1: a: [script_mismatch] warning: "滿地可" is the zh-Hant-HK form;'
        ' zh-Hant-TW uses "蒙特婁"\n'
        "1 post checked: 1 error, 1 warning; failed (fail on: error)\n"
    )
    assert code == 1


def test_usage_and_config_errors_exit_2(tmp_path: Path, files: tuple[str, str]) -> None:
    src, tgt = files
    code, out = _invoke(src, tgt, tgt)
    assert code == 2 and "give SOURCE TARGET, or one `localize run` output file" in out
    code, out = _invoke(src, str(tmp_path / "missing.jsonl"))
    assert code == 2 and "does not exist" in out
    code, out = _invoke(src, tgt, "--fail-on", "missing_terms")
    assert code == 2
    assert out == (
        "Error: ==> At key: --fail-on\n"
        "=====> unknown check 'missing_terms' in fail_on. Did you mean 'missing_term'?\n"
        f"       Levels: error, warning, never. Checks: {_check_list()}.\n"
    )
    code, out = _invoke(src)
    assert code == 2 and "no 'result' field: this is not the output of `localize run`" in out


def _check_list() -> str:
    from localize.qa import all_checks

    return ", ".join(all_checks())


def test_list_checks() -> None:
    code, out = _invoke("--list-checks")
    assert code == 0
    assert out.splitlines()[0].split()[:3] == ["empty_target", "error", "length"]
    assert any(line.startswith("missing_term ") for line in out.splitlines())


def test_help_has_an_example() -> None:
    code, out = _invoke("--help")
    assert code == 0 and "Example:" in out and "localize check" in out


_HEAVY = "('ctranslate2', 'sentencepiece', 'argostranslate', 'numpy')"


def _heavy_modules_after(code: str) -> tuple[str, str]:
    """Run ``code`` in a fresh interpreter; its output and the MT modules it left loaded."""
    script = (
        f"import sys\n{code}\n"
        f"print('HEAVY', [m for m in sys.modules if m in {_HEAVY} or m.startswith('localize.mt')])"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd=ROOT
    )
    *out, last = result.stdout.splitlines()
    return "\n".join(out), last


def test_check_does_not_import_the_mt_stack(files: tuple[str, str]) -> None:
    src, tgt = files
    out, heavy = _heavy_modules_after(
        "from localize.cli import main\n"
        "try:\n"
        f"    main(['check', {src!r}, {tgt!r}, '--glossary', {str(GLOSSARY)!r}])\n"
        "except SystemExit:\n"
        "    pass"
    )
    assert "missing_term" in out  # the check really ran
    assert heavy == "HEAVY []"


def test_importing_localize_qa_loads_neither_mt_nor_ctranslate2() -> None:
    _, heavy = _heavy_modules_after(
        "import localize.qa\nfrom localize.qa import Checker\nChecker()"
    )
    assert heavy == "HEAVY []"


def test_check_with_a_pipeline_builds_no_opencc_converter(tmp_path: Path) -> None:
    # The derived Traditional forms of the starter glossaries come from the cache a previous run
    # left, and the script tables are stored: a cold `localize check` starts no converter.
    env = {**os.environ, "LOCALIZE_GLOSSARY_CACHE": str(tmp_path / "cache")}
    out = _jsonl(tmp_path / "out.jsonl", [
        {"id": "1", "text": "#遇见加拿大# 去了尼亚加拉瀑布和蒙特利尔 @旅游达人", "lang": "zh-Hans",
         "result": "#遇見加拿大# 去了尼加拉瀑布和蒙特婁 @旅游达人", "locale": "zh-Hant-TW"},
    ])  # fmt: skip
    child = (
        "import sys, opencc\n"
        "made = []\n"
        "init = opencc.OpenCC.__init__\n"
        "opencc.OpenCC.__init__ = lambda self, *a: (made.append(a), init(self, *a))[1]\n"
        "from localize.cli import main\n"
        "try:\n    main(['check', sys.argv[1], '--pipeline', 'weibo-zh-tw'])\n"
        "except SystemExit:\n    pass\n"
        "print('CONVERTERS', len(made))\n"
    )
    first = subprocess.run(
        [sys.executable, "-c", child, out], capture_output=True, text=True, env=env, cwd=ROOT
    )
    assert "CONVERTERS 1" in first.stdout  # the first run derives the forms, once
    second = subprocess.run(
        [sys.executable, "-c", child, out], capture_output=True, text=True, env=env, cwd=ROOT
    )
    assert "1 post checked: 0 errors" in second.stdout
    assert "CONVERTERS 0" in second.stdout


def test_untranslated_output_fails_the_mt_pipelines_gate(
    copy_zh_en: PackageInfo, tmp_path: Path
) -> None:
    # A model that returns its input: every post stays Chinese. The weibo-zh-en gate must fail
    # and quote what was left untranslated.
    posts = ROOT / "examples" / "posts-zh.jsonl"
    out = tmp_path / "out.jsonl"
    run = CliRunner().invoke(main, ["run", "weibo-zh-en", str(posts), "-o", str(out)])
    assert run.exit_code == 1, run.output
    code, output = _invoke(str(out), "--pipeline", "weibo-zh-en")
    assert code == 1
    assert "[untranslated] error: Chinese text left in the English target:" in output
    # Glossary terms came out in English (Lake Louise); the rest is quoted as it was left.
    assert (
        'zh-009: [untranslated] error: Chinese text left in the English target: "的",'
        ' "湖水是不可思议的蓝绿色", "转发抽3位送"'
    ) in output
    assert output.splitlines()[-1].startswith("12 posts checked: ")
    assert "failed" in output.splitlines()[-1]
