from __future__ import annotations

from localize.script import is_han, simplified_only, traditional_only


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
    from localize.script import simplified_only_chars

    assert "温" in simplified_only_chars()
    assert "温" not in simplified_only_chars("zh-Hant-HK")  # Hong Kong writes 温
    assert "温" in simplified_only_chars("zh-Hant-TW")
