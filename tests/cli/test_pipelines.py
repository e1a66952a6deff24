from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from localize.cli import main

ROOT = Path(__file__).resolve().parents[2]


def test_list_shows_builtin_pipelines(runner: CliRunner) -> None:
    result = runner.invoke(main, ["pipelines", "list"])
    assert result.exit_code == 0
    assert (
        "weibo-zh-tw            zh-Hans -> zh-Hant-TW      "
        "Simplified Weibo posts to Taiwan Traditional (vocabulary included)\n"
    ) in result.output


def test_show_prints_the_yaml(runner: CliRunner) -> None:
    result = runner.invoke(main, ["pipelines", "show", "weibo-zh-tw"])
    assert result.exit_code == 0
    assert result.output == (ROOT / "pipelines" / "weibo-zh-tw.yaml").read_text(encoding="utf-8")


def test_validate_ok_and_bad(runner: CliRunner, tmp_path: Path) -> None:
    ok = runner.invoke(
        main, ["pipelines", "validate", str(ROOT / "pipelines" / "weibo-zh-hk.yaml")]
    )
    assert ok.exit_code == 0
    assert ok.output.endswith(
        "weibo-zh-hk.yaml: ok (7 steps: normalize, protect, terms, segment, convert, restore,"
        " check)\n"
    )
    bad = tmp_path / "bad.yaml"
    bad.write_text("name: b\nsteps:\n  - convert: {config: s2tww}\n", encoding="utf-8")
    result = runner.invoke(main, ["pipelines", "validate", str(bad)])
    assert result.exit_code == 2
    assert result.stderr.startswith(
        f"Error: ==> File {bad}, line 3\n==> At key: steps[0].convert.config\n"
        "=====> unknown OpenCC config 's2tww'. Did you mean 's2tw'?\n"
    )


def test_every_builtin_pipeline_validates(runner: CliRunner) -> None:
    files = sorted(str(p) for p in (ROOT / "pipelines").glob("*.yaml"))
    result = runner.invoke(main, ["pipelines", "validate", *files])
    assert result.exit_code == 0, result.output
