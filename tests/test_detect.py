from __future__ import annotations

import pytest

from localize.detect import detect, matches_script


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
