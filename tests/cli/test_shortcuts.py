from __future__ import annotations

from click.testing import CliRunner

from localize.cli import main


def test_convert_protects_entities(runner: CliRunner) -> None:
    result = runner.invoke(
        main, ["convert", "-c", "s2twp", "@旅游达人 推荐软件 [爱你] #遇见加拿大#"]
    )
    assert result.exit_code == 0
    assert result.output == "@旅游达人 推薦軟體 [爱你] #遇见加拿大#\n"


def test_convert_without_protection_is_plain_opencc(runner: CliRunner) -> None:
    result = runner.invoke(main, ["convert", "-c", "s2t", "--no-protect", "@旅游达人"])
    assert result.output == "@旅遊達人\n"


def test_convert_reads_stdin_lines(runner: CliRunner) -> None:
    result = runner.invoke(main, ["convert", "-c", "t2s"], input="後來\n頭髮\n")
    assert result.output == "后来\n头发\n"


def test_convert_bad_config(runner: CliRunner) -> None:
    result = runner.invoke(main, ["convert", "-c", "x2y", "好"])
    assert result.exit_code == 2
    assert "unknown OpenCC config 'x2y'" in result.stderr


def test_segment_keeps_entities_whole(runner: CliRunner) -> None:
    result = runner.invoke(main, ["segment", "去蒙特利尔看枫叶 http://t.cn/A6x1 [哈哈]"])
    assert result.output == "去 / 蒙特利尔 / 看 / 枫叶 / http://t.cn/A6x1 / [哈哈]\n"
