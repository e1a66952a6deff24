from __future__ import annotations

from collections.abc import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from localize.qa import Finding
from localize.qa.punctuation import _BRACKETS, _PAIRS, sentence_type, unbalanced

Check = Callable[..., list[Finding]]


def messages(findings: list[Finding]) -> list[str]:
    return [f.message for f in findings]


def test_fullwidth_punctuation_in_english(check_plain: Check) -> None:
    found = check_plain("太美了！", "So beautiful！Come「now」", only="punctuation")
    assert messages(found) == ['Chinese punctuation "！「」" in the English target']


def test_english_dashes_and_ellipses_are_fine(check_plain: Check) -> None:
    assert check_plain("太美了……", "So beautiful… — truly", only="punctuation") == []


def test_ascii_punctuation_between_han(check_plain: Check) -> None:
    found = check_plain("Hello, world!", "你好,世界!", "en", "zh-Hans", only="punctuation")
    assert messages(found) == [
        'ASCII punctuation between Chinese characters, e.g. "你好,世界": use full-width marks'
    ]


def test_ascii_punctuation_next_to_latin_or_digits_is_fine(check_plain: Check) -> None:
    assert check_plain("3.5 km, OK", "3.5公里, OK", "en", "zh-Hans", only="punctuation") == []


def test_unbalanced_brackets_and_quotes(check_plain: Check) -> None:
    found = check_plain(
        "他说「你好」《论语》", "He said “hello, reading 《Analects", only="punctuation"
    )
    assert messages(found) == [
        'Chinese punctuation "《" in the English target',
        'unbalanced quote: "“" without a closing "”"',
        'unbalanced title mark: "《" without a closing "》"',
    ]


def test_emoticon_brackets_are_entities_not_brackets(check_plain: Check) -> None:
    assert check_plain("好[哈哈", "good [哈哈] (really)", only="punctuation") == []


def test_unbalanced_source_is_not_blamed_on_the_target(check_plain: Check) -> None:
    assert check_plain("他说「你好", "He said “hello", only="punctuation") == []


def test_unbalanced_helper() -> None:
    assert unbalanced("a) (b") == [("parenthesis", '")" without an opening "("')]
    assert unbalanced('say "hi') == [("quote", "an odd number of '\"' marks")]
    assert unbalanced("【好】「對」") == []


@pytest.mark.parametrize(
    ("source", "target", "sl", "tl", "change"),
    [
        (
            "你去过多伦多吗？",
            "Have you been to Toronto.",
            "zh-Hans",
            "en",
            ("question", "statement"),
        ),
        ("我去过多伦多。", "I have been to Toronto?", "zh-Hans", "en", ("statement", "question")),
        ("Is it free? 🍁", "免费。🍁", "en", "zh-Hans", ("question", "statement")),
        ("太好了！[哈哈]", "Great? [哈哈]", "zh-Hans", "en", ("exclamation", "question")),
    ],
)
def test_changed_sentence_type(
    check_plain: Check, source: str, target: str, sl: str, tl: str, change: tuple[str, str]
) -> None:
    found = check_plain(source, target, sl, tl, only="sentence_type")
    assert [(f.data["source"], f.data["target"]) for f in found] == [change]
    assert found[0].severity == "error"


@pytest.mark.parametrize(
    ("source", "target"),
    [
        ("你好吗？[哈哈] 🍁", "How are you? [哈哈] 🍁"),
        ("他说：“你来吗？”", 'He said, "Are you coming?"'),
        ("真的吗?!", "Really?"),
        ("太好了！", "Great."),  # a change of tone, allowed unless `exclamation: true`
        ("等等……", "Wait..."),
        ("好吧", "OK."),  # an unmarked source says nothing about its type
    ],
)
def test_same_sentence_type(check_plain: Check, source: str, target: str) -> None:
    assert check_plain(source, target, only="sentence_type") == []


def test_sentence_type_helper() -> None:
    assert sentence_type("Really?!\ufffc ") == "question"  # an entity blanked after it
    assert sentence_type("好。」") == "statement"
    assert sentence_type("wait…") is None


@pytest.mark.parametrize("mark", sorted(_BRACKETS))
def test_every_bracket_alone_is_unbalanced(mark: str) -> None:
    assert unbalanced(f"看{mark}了") != []


def _depths(text: str, opening: str, closing: str) -> tuple[int, bool]:
    """The depth a pair ends at, and whether it went below zero, reading every character."""
    depth, below = 0, False
    for ch in text:
        depth += (ch == opening) - (ch == closing)
        below = below or depth < 0
    return depth, below


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=[*sorted(_BRACKETS), "好", "a", " "], max_size=16))
def test_unbalanced_reads_the_pairs_as_the_text_orders_them(text: str) -> None:
    expected = set()
    for opening, closing, group in _PAIRS:
        depth, below = _depths(text, opening, closing)
        if depth != 0 or below:
            expected.add(group)
    if text.count('"') % 2:
        expected.add("quote")
    assert {group for group, _ in unbalanced(text)} == expected
