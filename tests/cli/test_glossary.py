from __future__ import annotations

import json
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from localize.cli.glossary import glossary_group
from localize.glossary import load_glossary
from localize.resources import glossaries_dir

TOURISM = str(glossaries_dir() / "canada-tourism.yaml")


def invoke(runner: CliRunner, *args: str) -> click.testing.Result:
    # Invoked through the root group when it is registered there, so errors get the exit code 2
    # treatment; the group alone otherwise.
    from localize.cli import main

    if "glossary" in main.commands:
        return runner.invoke(main, ["glossary", *args])
    return runner.invoke(glossary_group, list(args))


def test_every_command_has_an_example() -> None:
    assert set(glossary_group.commands) == {
        "lint",
        "import",
        "export",
        "find",
        "show",
        "stats",
        "suggest",
    }
    for command in glossary_group.commands.values():
        assert "Example:" in (command.help or ""), command.name


def test_lint_ok_and_errors(runner: CliRunner, tmp_path: Path) -> None:
    result = invoke(runner, "lint", TOURISM)
    assert result.exit_code == 0
    assert result.output == "1 file(s), 34 entries: 0 error(s), 0 warning(s)\n"
    bad = tmp_path / "bad.yaml"
    bad.write_text("entries:\n  - id: a\n    terms: {en: {term: A, status: approved}}\n", "utf-8")
    result = invoke(runner, "lint", str(bad), "--output-format", "json")
    assert result.exit_code == 1
    data = json.loads(result.output)
    assert data["errors"] == 2
    found = {(f["rule"], f["line"]) for f in data["findings"]}
    assert found == {("unknown_status", 3), ("empty_term", 2)}  # the entry is left with no terms


def test_import_export_round_trip(runner: CliRunner, tmp_path: Path) -> None:
    tbx = tmp_path / "t.tbx"
    assert invoke(runner, "export", TOURISM, "-o", str(tbx)).exit_code == 0
    out = tmp_path / "back.yaml"
    result = invoke(runner, "import", str(tbx), "-o", str(out))
    assert result.exit_code == 0, result.output
    assert load_glossary(out) == load_glossary(TOURISM)
    result = invoke(runner, "export", TOURISM, "--output-format", "csv")
    assert result.output.startswith("id,status,en,zh-Hans,zh-Hant,zh-Hant-TW,zh-Hant-HK,")
    result = invoke(runner, "export", TOURISM, "--output-format", "jieba")
    assert "蒙特婁 ns\n" in result.output


def test_bad_import_writes_nothing(runner: CliRunner, tmp_path: Path) -> None:
    source = tmp_path / "terms.csv"
    source.write_text("en,fr\nA,B\n", "utf-8")
    out = tmp_path / "out.yaml"
    result = invoke(runner, "import", str(source), "-o", str(out))
    assert result.exit_code != 0
    assert "unknown column 'fr'" in (result.output + str(result.exception))
    assert not out.exists()
    assert list(tmp_path.iterdir()) == [source]


def test_find_show_stats(runner: CliRunner) -> None:
    result = invoke(runner, "find", "蒙特利爾", "-g", TOURISM)
    assert result.exit_code == 0
    assert result.output.startswith(
        "montreal  en: Montreal | zh-Hans: 蒙特利尔, 满地可 (forbidden)"
    )
    result = invoke(runner, "show", "montreal", "-g", TOURISM)
    assert "zh-Hant     蒙特利爾  (OpenCC s2t of zh-Hans)\n" in result.output
    assert "zh-Hant-TW  蒙特婁  (glossary)\n" in result.output
    result = invoke(runner, "stats", "-g", TOURISM, "--output-format", "json")
    assert json.loads(result.output)["coverage"]["zh-Hant-HK"]["explicit"] == 2
    assert invoke(runner, "find", "不存在的词", "-g", TOURISM).exit_code == 1


def test_show_unknown_id(runner: CliRunner) -> None:
    result = invoke(runner, "show", "atlantis", "-g", TOURISM)
    assert result.exit_code != 0


@pytest.mark.parametrize("suffix", [".jsonl", ".txt"])
def test_suggest(runner: CliRunner, tmp_path: Path, suffix: str) -> None:
    posts = ["杨素晗的新歌很好听", "今天听杨素晗唱歌", "我喜欢杨素晗的歌"]
    corpus = tmp_path / f"posts{suffix}"
    if suffix == ".jsonl":
        corpus.write_text(
            "".join(
                json.dumps({"id": str(i), "text": t}, ensure_ascii=False) + "\n"
                for i, t in enumerate(posts)
            ),
            "utf-8",
        )
    else:
        corpus.write_text("\n".join(posts) + "\n", "utf-8")
    result = invoke(runner, "suggest", str(corpus), "-g", TOURISM, "--min-count", "3")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == (
        "zh-Hans,en,status,domain,note,x-count,x-idf,x-score,x-example-1,x-example-2"
    )
    assert lines[1].startswith("杨素晗,,,,,3,")
    assert lines[1].endswith(",⟦杨素晗⟧的新歌很好听,今天听⟦杨素晗⟧唱歌")


def test_import_a_gbk_tsv_and_the_old_from_spelling(runner: CliRunner, tmp_path: Path) -> None:
    source = tmp_path / "terms.tsv"
    source.write_bytes("id\ten\tzh-Hans\nmontreal\tMontreal\t蒙特利尔\n".encode("gbk"))
    out = tmp_path / "g.yaml"
    result = invoke(runner, "import", str(source), "--encoding", "gb18030", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert [t.text for t in load_glossary(out).entries[0].terms] == ["Montreal", "蒙特利尔"]
    result = invoke(
        runner, "import", str(source), "--from", "csv", "--encoding", "gbk", "-o", str(out)
    )
    assert result.exit_code == 0
    assert result.stderr.startswith("Warning: --from is renamed; use --input-format.\n")


def test_export_and_lint_take_files_as_arguments_or_with_g(runner: CliRunner) -> None:
    by_argument = invoke(runner, "export", TOURISM, "--output-format", "csv")
    with_g = invoke(runner, "export", "-g", TOURISM, "--output-format", "csv")
    assert by_argument.exit_code == with_g.exit_code == 0
    assert by_argument.output == with_g.output
    assert invoke(runner, "lint", "-g", TOURISM).exit_code == 0
