from __future__ import annotations

from pathlib import Path

import pytest
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


def test_convert_bad_config_speaks_of_the_option(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(main, ["convert", "-c", "s2tww", "好"])
    assert result.exit_code == 2
    assert "Invalid value for '-c' / '--config'" in result.stderr
    assert "Did you mean 's2tw'" in result.stderr
    assert "steps[" not in result.stderr
    result = runner.invoke(main, ["convert", "-c", str(tmp_path / "no.json"), "好"])
    assert "OpenCC config file not found" in result.stderr
    assert "'-c' / '--config'" in result.stderr


def test_convert_files_like_opencc(runner: CliRunner, tmp_path: Path) -> None:
    source = tmp_path / "in.txt"
    source.write_text("飞往多伦多只要四小时 @多只猫\n\n芒果干 链接\n", encoding="utf-8")
    target = tmp_path / "out.txt"
    result = runner.invoke(
        main, ["convert", "-c", "s2twp.json", "-i", str(source), "-o", str(target)]
    )
    assert result.exit_code == 0, result.output
    assert target.read_text(encoding="utf-8") == "飛往多倫多只要四小時 @多只猫\n\n芒果乾 連結\n"


def test_convert_segmentation_and_vocabulary_options(runner: CliRunner) -> None:
    text = "多伦多只要 链接"
    plain = runner.invoke(
        main, ["convert", "-c", "s2hk", "--segmentation", "opencc", "--no-vocabulary", text]
    )
    assert plain.output == "多倫多隻要 鏈接\n"
    ours = runner.invoke(main, ["convert", "-c", "s2hk", text])
    assert ours.output == "多倫多只要 連結\n"


def test_convert_says_it_reads_the_terminal(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("localize.cli.run._stdin_is_terminal", lambda: True)
    result = runner.invoke(main, ["convert", "-c", "t2s"], input="後來\n")
    assert "end with Ctrl-D" in result.stderr
    assert result.stdout == "后来\n"


def test_segment_keeps_entities_whole(runner: CliRunner) -> None:
    result = runner.invoke(main, ["segment", "去蒙特利尔看枫叶 http://t.cn/A6x1 [哈哈]"])
    assert result.output == "去 / 蒙特利尔 / 看 / 枫叶 / http://t.cn/A6x1 / [哈哈]\n"
