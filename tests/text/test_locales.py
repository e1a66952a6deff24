"""One locale model, checked in every place that takes a locale (the table drives them all)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from localize.cli import main
from localize.errors import ConfigError
from localize.glossary.csv_format import parse_csv
from localize.mt.packages import PackageInfo, argos_code
from localize.pipeline import Pipeline
from localize.testing.fixtures import *  # noqa: F403
from localize.text.locales import (
    LocaleError,
    default_opencc_config,
    is_chinese,
    is_traditional,
    normalize_locale,
)

# What users write -> our locale.
TABLE = [
    ("zh-CN", "zh-Hans"),
    ("zh_cn", "zh-Hans"),
    ("ZH-SG", "zh-Hans"),
    ("zh", "zh-Hans"),
    ("zh-Hans", "zh-Hans"),
    ("zh-Hans-CN", "zh-Hans"),
    ("zh-TW", "zh-Hant-TW"),
    ("zh_TW", "zh-Hant-TW"),
    ("zh-HK", "zh-Hant-HK"),
    ("zh-MO", "zh-Hant-HK"),
    ("zh-Hant-MO", "zh-Hant-HK"),
    ("zh-hant-tw", "zh-Hant-TW"),
    ("zh-Hant", "zh-Hant"),
    ("zt", "zh-Hant"),
    ("en-US", "en"),
    ("en_GB", "en"),
    ("EN", "en"),
]
UNKNOWN = ["fr", "zh-XX", "zt-TW", "english", "zh-Hant-TW-x"]
ARGOS = {"en": "en", "zh-Hans": "zh", "zh-Hant": "zt", "zh-Hant-TW": "zt", "zh-Hant-HK": "zt"}


@pytest.mark.parametrize(("tag", "ours"), TABLE)
def test_the_model(tag: str, ours: str) -> None:
    assert normalize_locale(tag) == ours
    assert is_chinese(tag) == (ours != "en")
    assert is_traditional(tag) == ours.startswith("zh-Hant")


@pytest.mark.parametrize("tag", UNKNOWN)
def test_an_unknown_tag_is_one_clear_error(tag: str) -> None:
    with pytest.raises(LocaleError) as info:
        normalize_locale(tag, key="target")
    message = str(info.value)
    assert f"unknown locale {tag!r}" in message
    for ours in ("en", "zh-Hans", "zh-Hant", "zh-Hant-TW", "zh-Hant-HK", "zh-TW", "zt"):
        assert ours in message
    assert isinstance(info.value, ConfigError) and info.value.key == "target"


def test_default_opencc_configs() -> None:
    assert default_opencc_config("zh-TW") == "s2twp"
    assert default_opencc_config("zh-HK") == "s2hk"
    assert default_opencc_config("zh-Hant") == "s2t"
    assert default_opencc_config("zh-CN") == "t2s"
    assert default_opencc_config("zh-TW", source="zh-Hant") == "t2tw"
    assert default_opencc_config("en") is None


@pytest.mark.parametrize(("tag", "ours"), TABLE)
def test_glossary_columns(tag: str, ours: str, tmp_path: Path) -> None:
    term = "Banff" if ours == "en" else "班夫"
    glossary, problems = parse_csv(tmp_path / "g.csv", text=f"id,{tag}\nbanff,{term}\n")
    assert not problems.items
    assert [t.locale for t in glossary.entries[0].terms] == [ours]


@pytest.mark.parametrize("tag", UNKNOWN)
def test_glossary_rejects_an_unknown_column(tag: str, tmp_path: Path) -> None:
    _, problems = parse_csv(tmp_path / "g.csv", text=f"id,{tag}\nbanff,x\n")
    assert any("zh-Hant-TW" in p.message for p in problems.items)


@pytest.mark.parametrize(("tag", "ours"), TABLE)
def test_pipeline_locales(tag: str, ours: str) -> None:
    pipe = Pipeline.from_dict(
        {
            "name": "p",
            "source": tag,
            "target": tag,
            "steps": ["normalize", "protect", "terms", "restore"],
        }
    )
    assert (pipe.config.source, pipe.config.target) == (ours, ours)
    assert pipe.make_post("1", "x").target_locale == ours
    assert pipe.make_post("2", "x", lang=tag).source_locale == ours  # a post's own `lang`


def test_pipeline_names_the_line_of_an_unknown_locale(tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    path.write_text("name: p\nsource: zh\ntarget: zh-XX\nsteps: [normalize]\n", encoding="utf-8")
    with pytest.raises(LocaleError) as info:
        Pipeline.from_yaml(path)
    assert (info.value.path, info.value.line, info.value.key) == (str(path), 3, "target")


@pytest.mark.parametrize(("tag", "ours"), TABLE)
def test_check_target_locale(tag: str, ours: str, tmp_path: Path) -> None:
    (tmp_path / "src.txt").write_text("头发\n", encoding="utf-8")
    (tmp_path / "tgt.txt").write_text("头发\n", encoding="utf-8")  # Simplified-only 头, 发
    args = ["check", str(tmp_path / "src.txt"), str(tmp_path / "tgt.txt"), "--target-locale", tag]
    result = CliRunner().invoke(main, args)
    assert result.exit_code in (0, 1), result.output
    # Simplified characters are wrong exactly when the target is a Traditional locale.
    assert ("script_mismatch" in result.output) == ours.startswith("zh-Hant")


@pytest.mark.parametrize("tag", UNKNOWN)
def test_check_rejects_an_unknown_locale(tag: str, tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("x\n", encoding="utf-8")
    result = CliRunner().invoke(
        main, ["check", str(tmp_path / "a.txt"), str(tmp_path / "a.txt"), "--source-locale", tag]
    )
    assert result.exit_code == 2
    assert "unknown locale" in result.output and "zh-Hant-TW" in result.output


@pytest.mark.parametrize(("tag", "ours"), TABLE)
def test_translate_from_and_to(tag: str, ours: str, copy_zh_en: PackageInfo) -> None:
    runner = CliRunner()
    # --to: Chinese targets are reached from zh through OpenCC; the copy model writes en.
    result = runner.invoke(main, ["translate", "--from", "zh", "--to", tag, "--no-cache", "头发"])
    assert result.exit_code == 0, result.output
    assert result.output == ("頭髮\n" if ours.startswith("zh-Hant") else "头发\n")
    # --from: every Chinese spelling reaches the zh->en model; English is already the target.
    result = runner.invoke(
        main, ["translate", "--from", tag, "--to", "en", "--no-cache", "蒙特利尔"]
    )
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("tag", UNKNOWN)
def test_translate_rejects_an_unknown_locale(tag: str) -> None:
    for args in (["--from", tag, "--to", "en"], ["--from", "zh", "--to", tag]):
        result = CliRunner().invoke(main, ["translate", *args, "x"])
        assert result.exit_code == 2
        assert "unknown locale" in result.output


@pytest.mark.parametrize(("tag", "ours"), TABLE)
def test_models_argos_codes(tag: str, ours: str) -> None:
    assert argos_code(tag) == ARGOS[ours]
