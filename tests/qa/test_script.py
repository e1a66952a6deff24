from __future__ import annotations

from collections.abc import Callable

import pytest

from localize.qa import Finding

Check = Callable[..., list[Finding]]


def messages(findings: list[Finding]) -> list[str]:
    return [f.message for f in findings]


def test_simplified_characters_in_a_traditional_target(check_plain: Check) -> None:
    found = check_plain(
        "去温哥华出发", "去溫哥华出發", "zh-Hans", "zh-Hant-TW", only="script_mismatch"
    )
    assert messages(found) == [
        'Simplified-only character(s) "华" in a zh-Hant-TW target, e.g. in "溫哥华出發"'
    ]


def test_traditional_characters_in_a_simplified_target(check_plain: Check) -> None:
    found = check_plain("Vancouver", "去溫哥華", "en", "zh-Hans", only="script_mismatch")
    assert messages(found) == [
        'Traditional-only character(s) "溫華" in a zh-Hans target, e.g. in "去溫哥華"'
    ]


@pytest.mark.parametrize("text", ["皇后", "餅乾", "台北", "乾杯", "後台"])
def test_shared_characters_in_a_traditional_target(check_plain: Check, text: str) -> None:
    # 后 (queen), 乾 (dry), 台 (platform) are Traditional characters as well as Simplified ones.
    assert check_plain("x", text, "en", "zh-Hant-TW", only="script_mismatch") == []


@pytest.mark.parametrize("text", ["皇后", "之后", "台北", "乾杯", "饼干"])
def test_shared_characters_in_a_simplified_target(check_plain: Check, text: str) -> None:
    assert check_plain("x", text, "en", "zh-Hans", only="script_mismatch") == []


def test_entities_keep_their_script(check_plain: Check) -> None:
    found = check_plain(
        "@旅游达人 好", "@旅游达人 好", "zh-Hans", "zh-Hant", only="script_mismatch"
    )
    assert found == []


def test_region_vocabulary_of_the_wrong_region(check: Check) -> None:
    found = check("去蒙特利尔", "去滿地可", "zh-Hans", "zh-Hant-TW", only="script_mismatch")
    assert messages(found) == ['"滿地可" is the zh-Hant-HK form; zh-Hant-TW uses "蒙特婁"']
    assert check("去蒙特利尔", "去滿地可", "zh-Hans", "zh-Hant-HK", only="script_mismatch") == []


def test_english_targets_are_not_checked(check_plain: Check) -> None:
    assert check_plain("去温哥华", "Vancouver 温哥华", only="script_mismatch") == []


def test_hong_kong_standard_forms_are_not_simplified_there(check_plain: Check) -> None:
    # OpenCC's s2hk writes 温 (HKVariants), which is Simplified-only elsewhere.
    assert check_plain("温哥华", "温哥華", "zh-Hans", "zh-Hant-HK", only="script_mismatch") == []
    found = check_plain("温哥华", "温哥華", "zh-Hans", "zh-Hant-TW", only="script_mismatch")
    assert messages(found) == [
        'Simplified-only character(s) "温" in a zh-Hant-TW target, e.g. in "温哥華"'
    ]
