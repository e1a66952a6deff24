from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from click.testing import CliRunner

from localize.cli import main
from localize.errors import InputError
from localize.io.formats import FORMATS, input_format, output_format
from localize.io.writers import CsvEncoder, OutputWriter

ROOT = Path(__file__).resolve().parents[2]
TW = str(ROOT / "pipelines" / "weibo-zh-tw.yaml")


def test_extensions_pick_the_format() -> None:
    assert input_format("a.JSONL").name == "jsonl"
    assert input_format("a.csv").name == "csv"
    assert input_format("a.tsv").name == "tsv"
    assert input_format("a.txt").name == "text"
    assert input_format("a.po", "text").name == "text"  # a named format wins
    assert input_format("a.xlf").name == "xliff" and output_format("a.xliff").name == "xliff2"
    assert input_format("a.po").name == "po" and input_format("a.md").name == "markdown"
    assert output_format("review.html").name == "html"
    assert input_format("-", first_line=b' {"id": 1}').name == "jsonl"
    assert output_format("out.csv").name == "csv"
    assert output_format("-").name == "jsonl"


@pytest.mark.parametrize("name", ["posts.docx", "posts.yaml", "posts"])
def test_an_unknown_extension_lists_the_known_formats(name: str) -> None:
    with pytest.raises(InputError) as info:
        input_format(name)
    message = str(info.value)
    for fmt in ("jsonl", "csv", "tsv", "text", ".txt", "--input-format"):
        assert fmt in message
    with pytest.raises(InputError, match="--output-format"):
        output_format(name)


def test_every_format_is_named_once_with_its_extensions() -> None:
    seen = [ext for fmt in FORMATS.values() for ext in fmt.extensions]
    assert len(seen) == len(set(seen))


def test_run_refuses_a_broken_xliff_instead_of_converting_its_markup(
    runner: CliRunner, tmp_path: Path
) -> None:
    xlf = tmp_path / "posts.xlf"
    xlf.write_text('<xliff><file><body><trans-unit id="1"><source>后来</source>', "utf-8")
    out = tmp_path / "out.jsonl"
    result = runner.invoke(main, ["run", TW, str(xlf), "-o", str(out)])
    assert result.exit_code == 2
    assert "posts.xlf" in result.stderr and "not well-formed XML" in result.stderr
    assert not out.exists()


def _csv_rows(text: str, delimiter: str = ",") -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text), delimiter=delimiter))


@pytest.mark.parametrize(("suffix", "delimiter"), [(".csv", ","), (".tsv", "\t")])
def test_run_writes_csv_and_tsv_by_extension(
    runner: CliRunner, tmp_path: Path, suffix: str, delimiter: str
) -> None:
    out = tmp_path / f"out{suffix}"
    source = str(ROOT / "examples" / "posts.csv")
    result = runner.invoke(main, ["run", TW, source, "--text-column", "content", "-o", str(out)])
    assert result.exit_code == 0, result.output
    rows = _csv_rows(out.read_text("utf-8"), delimiter)
    assert [r["id"] for r in rows] == ["zh-101", "zh-102", "zh-103"]
    assert rows[0]["author"] == "美食频道"  # the input's own fields
    assert rows[0]["result"] and "issues" in rows[0]
    assert "signature" not in rows[0] and "tokens" not in rows[0]


def test_output_format_names_the_writer_and_format_stays_a_hidden_alias(
    runner: CliRunner, tmp_path: Path
) -> None:
    src = tmp_path / "in.data"
    src.write_text("后来的头发\n", encoding="utf-8")
    result = runner.invoke(
        main, ["run", TW, str(src), "--format", "text", "--output-format", "csv", "-q"]
    )
    assert result.exit_code == 0, result.output
    assert _csv_rows(result.stdout)[0]["result"] == "後來的頭髮"
    help_text = runner.invoke(main, ["run", "--help"]).output
    assert "--input-format" in help_text and "--format " not in help_text


def test_csv_issues_are_summarised_in_one_cell() -> None:
    issue = {"check": "entity_mismatch", "severity": "error", "message": "lost @a"}
    text = CsvEncoder().encode([{"id": "1", "text": "t", "result": "r", "issues": [issue]}])
    assert _csv_rows(text) == [
        {"id": "1", "text": "t", "result": "r", "issues": "error entity_mismatch: lost @a"}
    ]


def test_csv_resume_cuts_a_torn_row_and_keeps_the_header(tmp_path: Path) -> None:
    out = tmp_path / "out.csv"
    partial = tmp_path / "out.csv.partial"
    partial.write_text('id,text,result,issues\n1,a,"x\ny",\n2,b,"tor', encoding="utf-8")
    writer = OutputWriter(str(out), resume=True, encoder=CsvEncoder())
    assert writer.done_ids == {"1"}
    writer.write_batch([{"id": "2", "text": "b", "result": "B", "issues": []}])
    writer.finish()
    assert [r["id"] for r in _csv_rows(out.read_text("utf-8"))] == ["1", "2"]
    assert _csv_rows(out.read_text("utf-8"))[0]["result"] == "x\ny"
