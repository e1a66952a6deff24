"""Every pipeline-file error names the file, the line, the key path and what is valid."""

from __future__ import annotations

from pathlib import Path

import pytest

from localize.config import load_pipeline_config
from localize.errors import ConfigError
from localize.pipeline import Pipeline


def error_for(tmp_path: Path, text: str) -> ConfigError:
    path = tmp_path / "p.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        Pipeline.from_yaml(path)
    return info.value


def test_unknown_step_has_did_you_mean(tmp_path: Path) -> None:
    err = error_for(tmp_path, "name: t\nsteps:\n  - normalize\n  - segmnet\n")
    assert (err.line, err.key) == (4, "steps[1]")
    assert str(err) == (
        f"==> File {tmp_path / 'p.yaml'}, line 4\n"
        "==> At key: steps[1]\n"
        "=====> unknown step 'segmnet'. Did you mean 'segment'?\n"
        "       Available steps: normalize, protect, convert, segment, terms, translate, restore,"
        " check."
    )


def test_unknown_option(tmp_path: Path) -> None:
    err = error_for(tmp_path, "name: t\nsteps:\n  - convert:\n      config: s2t\n      confg: x\n")
    assert (err.line, err.key) == (5, "steps[0].convert.confg")
    assert "unknown option 'confg' for step 'convert'. Did you mean 'config'?" in str(err)
    assert "Valid options: config, segmentation, vocabulary, keep_simplified." in str(err)


def test_option_of_the_wrong_type(tmp_path: Path) -> None:
    err = error_for(tmp_path, "name: t\nsteps:\n  - segment: {hmm: 'no'}\n")
    assert (err.line, err.key) == (3, "steps[0].segment.hmm")
    assert "expected true/false, got string 'no'" in str(err)


def test_literal_option(tmp_path: Path) -> None:
    err = error_for(tmp_path, "name: t\nsteps:\n  - protect: {hashtags: drop}\n")
    assert "expected one of 'keep', 'translate', got string 'drop'" in str(err)


def test_step_semantic_error_gets_location(tmp_path: Path) -> None:
    err = error_for(tmp_path, "name: t\nsteps:\n  - protect:\n      kinds: [url, hashtags]\n")
    assert (err.line, err.key) == (4, "steps[0].protect.kinds")
    assert "unknown entity kind(s) hashtags" in str(err)


def test_unknown_top_level_key(tmp_path: Path) -> None:
    err = error_for(tmp_path, "name: t\nstep: [normalize]\n")
    assert err.line == 2
    assert "unknown key 'step'. Did you mean 'steps'?" in str(err)


def test_missing_steps(tmp_path: Path) -> None:
    err = error_for(tmp_path, "name: t\n")
    assert "missing required key 'steps'" in str(err)


def test_yaml_syntax_error_has_line(tmp_path: Path) -> None:
    err = error_for(tmp_path, "name: t\nsteps:\n  - convert: {config: s2t\n")
    assert err.line is not None and err.line >= 3
    assert str(err).startswith(f"==> File {tmp_path / 'p.yaml'}, line")
    assert "invalid YAML" in str(err)


def test_duplicate_keys_are_an_error(tmp_path: Path) -> None:
    err = error_for(tmp_path, "name: t\nname: u\nsteps: [normalize]\n")
    assert err.line == 2
    assert "duplicate key 'name' (first at line 1)" in str(err)


def test_when_must_be_a_script(tmp_path: Path) -> None:
    err = error_for(tmp_path, "name: t\nsteps:\n  - convert: {config: t2s, when: zh-TW}\n")
    assert err.key == "steps[0].convert.when"
    assert "zh-Hant" in str(err)


def test_missing_glossary_file(tmp_path: Path) -> None:
    err = error_for(tmp_path, "name: t\nglossaries: [nope.yaml]\nsteps: [normalize]\n")
    assert (err.line, err.key) == (2, "glossaries[0]")


def test_yaml_is_loaded_safely(tmp_path: Path) -> None:
    err = error_for(tmp_path, "name: !!python/object/apply:os.system ['echo hi']\nsteps: [x]\n")
    assert "invalid YAML" in str(err)


def test_valid_file_loads(tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    path.write_text(
        "name: t\nsource: zh-Hant\ntarget: zh-Hans\n"
        "steps:\n  - convert: {config: t2s, when: zh-Hant}\n",
        encoding="utf-8",
    )
    config = load_pipeline_config(path)
    assert (config.name, config.source, config.target) == ("t", "zh-Hant", "zh-Hans")
    assert config.steps[0].when == ["zh-Hant"]
