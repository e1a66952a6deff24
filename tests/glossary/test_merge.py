from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

import pytest

from localize.glossary import load_glossaries


def test_later_glossary_wins_with_warnings(
    write: Callable[..., Path], caplog: pytest.LogCaptureFixture
) -> None:
    shared = write(
        "entries:\n"
        "  - id: montreal\n    terms: {en: Montreal, zh-Hans: 蒙特利尔}\n"
        "  - id: banff\n    terms: {en: Banff, zh-Hans: 班夫}\n",
        "shared.yaml",
    )
    team = write(
        "entries:\n"
        "  - id: montreal\n    terms: {en: Montreal, zh-Hans: 蒙特利尔, zh-Hant-TW: 蒙特婁}\n"
        "  - id: banff-town\n    terms: {en: Banff, zh-Hans: 班夫镇}\n",
        "team.yaml",
    )
    with caplog.at_level(logging.WARNING, logger="localize.glossary"):
        merged = load_glossaries([shared, team])
    assert [e.id for e in merged] == ["montreal", "banff", "banff-town"]
    montreal = merged.get("montreal")
    assert montreal is not None and merged.term_for(montreal, "zh-Hant-TW") == "蒙特婁"
    assert len(merged.warnings) == 2
    assert "overrides" in merged.warnings[0] and "team.yaml" in merged.warnings[0]
    assert "the later file's entry wins" in merged.warnings[1]
    assert len(caplog.records) == 2
    # For the shared English term the later file's entry is matched.
    [m] = merged.matcher("en").find("Banff!", target_locale="zh-Hans")
    assert (m.entry_id, m.target) == ("banff-town", "班夫镇")


def test_identical_entries_merge_silently(write: Callable[..., Path]) -> None:
    text = "entries:\n  - id: a\n    terms: {en: A, zh-Hans: 甲}\n"
    merged = load_glossaries([write(text, "a.yaml"), write(text, "b.yaml")])
    assert len(merged) == 1 and merged.warnings == []
