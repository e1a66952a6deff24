from __future__ import annotations

from collections.abc import Callable

from localize.qa import Finding

Check = Callable[..., list[Finding]]


def messages(findings: list[Finding]) -> list[str]:
    return [f.message for f in findings]


def test_empty_target_is_the_only_finding(check_plain: Check) -> None:
    found = check_plain("#旅行# 三天游遍多伦多 @旅游达人", " \u200b ")
    assert [(f.check, f.message) for f in found] == [("empty_target", "the target is empty")]


def test_identical_to_source(check_plain: Check) -> None:
    found = check_plain("今天天气很好", "今天天气很好", only="identical_to_source")
    assert messages(found) == ["the target is identical to the source: was it translated?"]
    # Posts with nothing to translate may stay as they are.
    assert (
        check_plain("http://t.cn/A6x 🍁 OK", "http://t.cn/A6x 🍁 OK", only="identical_to_source")
        == []
    )
    # Two scripts of one language: script_mismatch's business.
    assert check_plain("中文", "中文", "zh-Hans", "zh-Hant", only="identical_to_source") == []


def test_length_ratio(check_plain: Check) -> None:
    source = "今天去了尼亚加拉瀑布，夜景灯光秀非常漂亮，推荐大家晚上去看"
    assert check_plain(source, "Nice.", only="length_ratio")[0].data == {
        "ratio": 0.06,
        "source_chars": 29,
        "target_chars": 5,
    }
    good = (
        "Went to Niagara Falls today; the night light show is beautiful, go see it in the evening"
    )
    assert check_plain(source, good, only="length_ratio") == []
    assert check_plain("你好", "Hi", only="length_ratio") == []  # too short to judge


def test_length_ratio_message(check_plain: Check) -> None:
    source = "今天去了尼亚加拉瀑布，夜景灯光秀非常漂亮，推荐大家晚上去看"
    assert messages(check_plain(source, "Nice.", only="length_ratio")) == [
        "the target is 0.06× the expected length (5 characters for 29 in the source): too short"
    ]


def test_doubled_words(check_plain: Check) -> None:
    found = check_plain(
        "我们去加拿大", "We went to the the Canada 加拿大加拿大", only="doubled_word"
    )
    assert messages(found) == ['doubled word "the the"', 'doubled word "加拿大加拿大"']


def test_legitimate_doubles(check_plain: Check) -> None:
    target = "Bye bye! It had had snow. 看看 研究研究 哈哈哈哈哈哈"
    assert check_plain("再见", target, only="doubled_word") == []
    # A doubling the source has is the author's, not the translator's.
    assert check_plain("very very good", "very very good", "en", "en", only="doubled_word") == []
    assert check_plain("It is is fine", "It is is fine", "en", "en", only="doubled_word") == []
