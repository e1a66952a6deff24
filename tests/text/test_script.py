from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from localize.text.script import (
    contains_any,
    contains_any_each,
    detect,
    is_han,
    matches_script,
    simplified_only,
    simplified_only_chars,
    traditional_only,
    traditional_only_chars,
)


def test_script_specific_characters() -> None:
    assert simplified_only("这") and not traditional_only("这")
    assert traditional_only("這") and not simplified_only("這")


def test_characters_valid_in_both_scripts_are_neither() -> None:
    # 后 (queen) and 乾 (heaven) are valid Traditional; 的 is shared by both scripts.
    for ch in "后乾的台":
        assert not simplified_only(ch), ch
        assert not traditional_only(ch), ch


def test_is_han() -> None:
    assert is_han("中") and is_han("𠀀")
    assert not is_han("a") and not is_han("，")


def test_regional_standards_keep_some_simplified_only_characters() -> None:
    from localize.text.script import simplified_only_chars

    assert "温" in simplified_only_chars()
    assert "温" not in simplified_only_chars("zh-Hant-HK")  # Hong Kong writes 温
    assert "温" in simplified_only_chars("zh-Hant-TW")


@pytest.mark.parametrize(
    ("text", "script"),
    [
        ("今天去蒙特利尔旅游，后来下雨了", "zh-Hans"),
        ("今天去蒙特婁旅遊，後來下雨了", "zh-Hant"),
        ("太后的头发", "zh-Hans"),
        ("中文", "zh-Hans"),
        ("Fall colours in Banff @旅游达人 #遇见加拿大# http://t.cn/abc", "en"),
        ("#遇见加拿大# Banff 国家公园 is great", "mixed"),
        ("😀 123", "other"),
    ],
)
def test_detects_script(text: str, script: str) -> None:
    assert detect(text) == script


def test_zh_matches_both_chinese_scripts() -> None:
    assert matches_script("zh-Hant", "zh")
    assert matches_script("zh-Hans", "zh")
    assert not matches_script("en", "zh")
    assert not matches_script(None, "en")


def test_stored_conversions_match_the_installed_opencc() -> None:
    # tools/gen_script_chars.py stores these so that no converter is built at run time; after
    # an OpenCC upgrade this fails until the tool is re-run.
    from localize.text.opencc import convert_text
    from localize.text.script import _tables, simplified_only_chars, t2s_chars

    trad = sorted(_tables()[1])
    converted = convert_text("\n".join(trad), "t2s").split("\n")
    expected = {
        ch: out for ch, out in zip(trad, converted, strict=True) if len(out) == 1 and out != ch
    }
    assert t2s_chars() == expected
    simp = sorted(_tables()[0])
    for locale, config in (("zh-Hant-HK", "s2hk"), ("zh-Hant-TW", "s2tw")):
        out = convert_text("\n".join(simp), config).split("\n")
        kept = {ch for ch, o in zip(simp, out, strict=True) if ch == o}
        assert simplified_only_chars(locale) == _tables()[0] - kept, locale


@pytest.mark.parametrize(
    "text", ["", "中文", "软件", "軟體", "这是繁體", "@旅游达人 🍁", "a" * 50 + "发", "發髮"]
)
def test_contains_any_is_a_set_test(text: str) -> None:
    for chars in (simplified_only_chars(), traditional_only_chars(), frozenset("发"), frozenset()):
        assert contains_any(text, chars) == (not chars.isdisjoint(text))


@given(st.lists(st.text(alphabet="ab 这个们了國加拿大\n", max_size=12), min_size=1, max_size=8))
def test_contains_any_each_is_contains_any_of_each_text(texts: list[str]) -> None:
    chars = simplified_only_chars()
    assert contains_any_each(texts, chars) == [contains_any(t, chars) for t in texts]
