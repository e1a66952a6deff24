from __future__ import annotations

import re
import sys
from collections.abc import Callable

import pytest
import regex
from hypothesis import given
from hypothesis import strategies as st

from localize.qa import Checker, Finding, QAConfig
from localize.qa.base import BLANK
from localize.qa.length import (
    _EN_DOUBLE,
    _HAN_BLOCKS,
    _MAYBE_EN_DOUBLE,
    _content_length,
    _content_lengths,
    corpus_doubles,
)

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
        "the target is too short: 5 characters for 29 in the source, where Chinese to English"
        " usually gives about 87 (3 characters per source character); that is 0.06 times the"
        " usual length, outside 0.4–2.5 (spaces, links, mentions, hashtags and emoji not counted)"
    ]
    long = check_plain("a" * 65, "中" * 62, "en", "zh-Hans", only="length_ratio")
    assert messages(long) == [
        "the target is too long: 62 characters for 65 in the source, where English to Chinese"
        " usually gives about 22 (1 character per 3 source characters); that is 2.86 times the"
        " usual length, outside 0.4–2.5 (spaces, links, mentions, hashtags and emoji not counted)"
    ]


def test_doubled_words(check_plain: Check) -> None:
    found = check_plain(
        "我们去加拿大", "We went to the the Canada 加拿大加拿大", only="doubled_word"
    )
    assert messages(found) == ['doubled word "the the"', 'doubled word "加拿大加拿大"']


@pytest.mark.parametrize(
    ("target", "double"),
    [
        ("It is is worth buying.", "is is"),
        ("We left early so so as to avoid the crowds.", "so so"),
        ("我们我们觉得很好", "我们我们"),  # a pronoun does not reduplicate
    ],
)
def test_true_repeats_are_reported(check_plain: Check, target: str, double: str) -> None:
    source, locales = (
        ("值得", ("zh-Hans", "en")) if target.isascii() else ("fine", ("en", "zh-Hans"))
    )
    found = check_plain(source, target, *locales, only="doubled_word")
    assert messages(found) == [f"doubled word {double!r}".replace("'", '"')]


@pytest.mark.parametrize(
    "unit",
    ["加拿大", "\U00020000\U00020001", "\uf900\uf901", "\u2e80\u2f00", "〇〇七", "\U00031350中"],
)
def test_han_doubles_of_every_block_are_reported(check_plain: Check, unit: str) -> None:
    # Extension B, compatibility ideographs, radicals, 〇, Extension H: the quick test before the
    # full scan knows every block that holds Han characters.
    found = check_plain("你好", f"看{unit}{unit}。", only="doubled_word")
    assert [f.data["word"] for f in found] == [unit]


def test_the_quick_han_test_knows_every_han_character() -> None:
    every = "".join(map(chr, range(sys.maxunicode + 1)))
    han = set(regex.findall(r"\p{Han}", every))
    assert han <= set(re.findall(f"[{_HAN_BLOCKS}]", every))


def test_the_quick_english_test_knows_every_letter_and_space_of_a_double() -> None:
    # An English double's first word ends with a character of _EN_DOUBLE's case-insensitive
    # class, and white space follows: the quick test must find that pair wherever the scan could
    # find a double, so every such character and every white space must be in its classes.
    every = [chr(c) for c in range(sys.maxunicode + 1)]
    ending = regex.compile(r"[A-Za-z']", regex.IGNORECASE)
    space = regex.compile(r"\s")
    for ch in every:
        if ending.fullmatch(ch):
            assert _MAYBE_EN_DOUBLE.search(ch + " "), hex(ord(ch))
        if space.fullmatch(ch):
            assert _MAYBE_EN_DOUBLE.search("a" + ch), hex(ord(ch))


@pytest.mark.parametrize(
    "target", ["is is", "Is\u2003IS", "\u212aa ka", "\u017fo so", "it's it's", "a\u3000a", "中文"]
)
def test_the_quick_english_test_passes_every_double(target: str) -> None:
    assert (_EN_DOUBLE.search(target) is None) == (target == "中文")
    assert (_MAYBE_EN_DOUBLE.search(target) is None) == (target == "中文")


@pytest.mark.parametrize(
    "text",
    ["".join(map(chr, range(sys.maxunicode + 1))), "a\x1cb", f" {BLANK} x", "", "中 文\u3000\n"],
)
def test_content_is_what_is_left_without_white_space_and_entities(text: str) -> None:
    assert _content_length(text) == len(regex.sub(rf"[\s{BLANK}]+", "", text))


def test_doubles_the_corpus_has_are_allowed() -> None:
    # The reference corpus writes "had had" and "that that"; never "is is" or "so so".
    assert corpus_doubles()["had"] >= 2 and corpus_doubles()["that"] >= 2
    assert "is" not in corpus_doubles() and "so" not in corpus_doubles()


def test_legitimate_doubles(check_plain: Check) -> None:
    target = (
        "It had had snow. He said that that was fine. A high-power power line, a power-power"
        " thing. 看看 研究研究 高兴高兴 哈哈哈哈哈哈"
    )
    assert check_plain("再见", target, only="doubled_word") == []
    # A doubling the source has is the author's, not the translator's.
    assert check_plain("very very good", "very very good", "en", "en", only="doubled_word") == []
    assert check_plain("It is is fine", "It is is fine", "en", "en", only="doubled_word") == []
    # A team may allow its own.
    allow = QAConfig.default().updated({"checks": {"doubled_word": {"allow": ["bye"]}}})
    checker = Checker(allow)
    seg = checker.segment("p", "再见", "Bye bye!", source_locale="zh-Hans", target_locale="en")
    assert [f for f in checker.check(seg) if f.check == "doubled_word"] == []


def test_empty_target_looks_past_a_visible_first_character(check_plain: Check) -> None:
    # The quick answer (a visible first character) and the full test agree.
    assert check_plain("你好", "\u200b好", only="empty_target") == []
    assert check_plain("你好", "好\u200b", only="empty_target") == []
    (found,) = check_plain("你好", "\u3000\u200b\ufeff\n", only="empty_target")
    assert found.message == "the target is empty"
    (found,) = check_plain("你好", "\u200b \u200b", only="empty_target")


_SPACED = f"ab 加拿大\t\n\x1c\x1f\x00\u3000{BLANK}"


@given(st.lists(st.text(alphabet=_SPACED, max_size=10), max_size=6))
def test_content_lengths_of_a_batch_are_each_texts_content_length(plains: list[str]) -> None:
    assert _content_lengths(plains) == [_content_length(p) for p in plains]
