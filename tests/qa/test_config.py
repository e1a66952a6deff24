from __future__ import annotations

from pathlib import Path

import pytest

from localize.errors import ConfigError
from localize.qa import FailOn, QAConfig, all_checks, load_qa_config, parse_fail_on


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "qa.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_registry_lists_every_check_with_a_default_severity() -> None:
    checks = all_checks()
    for check_id in [
        "missing_term", "forbidden_term", "dnt_changed", "entity_mismatch", "number_mismatch",
        "placeholder_leftover", "untranslated", "script_mismatch", "punctuation",
        "length_ratio", "empty_target", "identical_to_source", "doubled_word",
        "stale_waiver", "expired_waiver", "unpaired",
    ]:  # fmt: skip
        assert checks[check_id].severity in ("error", "warning")
    assert next(iter(checks)) == "empty_target"  # runs first: an empty target says it all


def test_yaml_sets_severities_options_fail_on_and_waivers(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "fail_on: warning\nwaivers: w.yaml\nchecks:\n  untranslated: error\n"
        "  punctuation: off\n  length_ratio: {severity: warning, max: 4}\n",
    )
    config = load_qa_config(path)
    assert config.severity("untranslated") == "error"
    assert config.severity("punctuation") == "off"  # YAML's `off` is False: still off
    assert config.options["length_ratio"].max == 4.0
    assert config.options["length_ratio"].min == 0.4
    assert config.fail_on == FailOn("warning")
    assert config.waivers == tmp_path / "w.yaml"
    assert "punctuation" not in [c.id for c in config.enabled()]


def test_fail_on_forms() -> None:
    assert parse_fail_on("never").fails("missing_term", "error") is False
    assert parse_fail_on("warning").fails("punctuation", "warning") is True
    assert parse_fail_on("error").fails("punctuation", "warning") is False
    listed = parse_fail_on("missing_term, entity_mismatch")
    assert listed.fails("missing_term", "warning") and not listed.fails("number_mismatch", "error")
    assert parse_fail_on(["missing_term"]).describe() == "missing_term"


@pytest.mark.parametrize(
    ("text", "message", "line", "key"),
    [
        ("checks:\n  missing_terms: error\n", "unknown check 'missing_terms'. Did you mean 'missing_term'?", 2, "checks.missing_terms"),  # noqa: E501
        ("checks:\n  untranslated: fatal\n", "severity must be error, warning or off; got 'fatal'", 2, "checks.untranslated"),  # noqa: E501
        ("checks:\n  length_ratio:\n    maxx: 3\n", "unknown option 'maxx' for check 'length_ratio'. Did you mean 'max'?", 3, "checks.length_ratio.maxx"),  # noqa: E501
        ("checks:\n  length_ratio:\n    max: lots\n", "expected a number, got string 'lots'", 3, "checks.length_ratio.max"),  # noqa: E501
        ("fail_on: sometimes\n", "unknown check 'sometimes' in fail_on.", 1, "fail_on"),
        ("failon: error\n", "unknown key 'failon'. Did you mean 'fail_on'?", 1, "failon"),
    ],
)  # fmt: skip
def test_errors_name_file_line_key_and_what_is_valid(
    tmp_path: Path, text: str, message: str, line: int, key: str
) -> None:
    path = _write(tmp_path, text)
    with pytest.raises(ConfigError) as info:
        load_qa_config(path)
    assert info.value.message == message
    assert (info.value.path, info.value.line, info.value.key) == (str(path), line, key)


def test_updates_layer_over_each_other() -> None:
    base = QAConfig.default().updated({"checks": {"length_ratio": {"max": 4}}})
    top = base.updated({"checks": {"length_ratio": {"min": 0.2}}})
    assert (top.options["length_ratio"].min, top.options["length_ratio"].max) == (0.2, 4.0)
    assert base.options["length_ratio"].min == 0.4  # the base is not changed
