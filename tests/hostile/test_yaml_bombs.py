"""Issue 11, case 10: YAML alias bombs are refused quickly and never printed whole."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from localize.cli import main
from localize.errors import ConfigError, GlossaryError
from localize.glossary import load_glossary
from localize.yamlfile import load_yaml


def laughs(levels: int = 9, width: int = 10, indent: str = "") -> str:
    """Anchors a0..a{levels}: each a list of ``width`` aliases of the one before."""
    lines = [f'{indent}- &a0 ["lol"]']
    for level in range(1, levels + 1):
        aliases = ", ".join([f"*a{level - 1}"] * width)
        lines.append(f"{indent}- &a{level} [{aliases}]")
    return "\n".join(lines)


def test_a_pipeline_with_an_alias_bomb_in_fail_on_is_refused(
    runner: CliRunner, tmp_path: Path
) -> None:
    pipeline = tmp_path / "bomb.yaml"
    pipeline.write_text(
        "name: bomb\nbombs:\n" + laughs(indent="  ") + "\nsteps:\n  - check: {fail_on: *a9}\n",
        "utf-8",
    )
    src = tmp_path / "in.jsonl"
    src.write_text('{"id":"1","text":"好"}\n', "utf-8")
    result = runner.invoke(main, ["run", str(pipeline), str(src), "-o", str(tmp_path / "o.jsonl")])
    assert result.exit_code == 2, result.output
    assert "aliases expand this document by" in result.stderr
    assert len(result.stderr) < 1_000


def test_a_glossary_term_that_is_an_alias_bomb_is_refused(tmp_path: Path) -> None:
    glossary = tmp_path / "g.yaml"
    glossary.write_text(
        "bombs:\n" + laughs(indent="  ") + "\nentries:\n  - id: x\n    terms: {en: *a9}\n",
        "utf-8",
    )
    with pytest.raises(GlossaryError, match="aliases expand this document"):
        load_glossary(glossary)


def test_an_alias_that_contains_itself_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "loop.yaml"
    path.write_text("a: &x [1, *x]\n", "utf-8")
    with pytest.raises(ConfigError, match="refers to the node that contains it"):
        load_yaml(path)


def test_aliases_within_the_budget_still_load(tmp_path: Path) -> None:
    path = tmp_path / "ok.yaml"
    path.write_text(
        "base: &opts {beam_size: 4, num_hypotheses: 4}\n"
        + "".join(f"s{i}: *opts\n" for i in range(100))
        + "nested:\n"
        + laughs(levels=3, indent="  "),
        "utf-8",
    )
    data = load_yaml(path)
    assert data["s99"] == {"beam_size": 4, "num_hypotheses": 4}
    assert len(data["nested"][3]) == 10


def test_an_error_never_prints_an_unbounded_value(tmp_path: Path) -> None:
    # Under the alias budget, but still big: the message quotes a bounded excerpt.
    pipeline = tmp_path / "big.yaml"
    big = "[" + ", ".join(f'"{"x" * 50}{i}"' for i in range(5_000)) + "]"
    pipeline.write_text(f"name: big\nsteps:\n  - normalize: {{nfc: {big}}}\n", "utf-8")
    from localize.pipeline import Pipeline

    with pytest.raises(ConfigError) as info:
        Pipeline.from_yaml(pipeline)
    assert "expected" in str(info.value) and len(str(info.value)) < 1_000
