from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from localize.mt.splitter import Piece, join, sentences, split
from localize.testing.fixtures import tatoeba_pairs


def test_chinese_sentences_end_at_full_stops_and_closing_quotes() -> None:
    text = "我们到了多伦多。天气很好！你来吗？他说：“走吧。”然后……我们走了"
    assert sentences(text, "zh-Hans") == [
        "我们到了多伦多。",
        "天气很好！",
        "你来吗？",
        "他说：“走吧。”",
        "然后……",
        "我们走了",
    ]


def test_english_abbreviations_and_initials_do_not_end_sentences() -> None:
    text = "Mr. Smith met Dr. J. Lee at 3 p.m. today. It rained! Did you see it? Yes."
    assert sentences(text, "en") == [
        "Mr. Smith met Dr. J. Lee at 3 p.m. today.",
        "It rained!",
        "Did you see it?",
        "Yes.",
    ]


def test_decimals_and_lowercase_continuations_stay_together() -> None:
    assert sentences("It costs 3.50 dollars. the end", "en") == ["It costs 3.50 dollars. the end"]


def test_line_breaks_end_sentences_and_are_kept_in_separators() -> None:
    pieces = split("第一行\n\n第二行。第三句", "zh")
    assert pieces == [Piece("第一行", "\n\n"), Piece("第二行。", ""), Piece("第三句", "")]


def test_english_inside_chinese_text_is_split_too() -> None:
    assert sentences("OK. 我们走吧。", "zh") == ["OK.", "我们走吧。"]


def test_placeholders_are_never_split() -> None:
    assert sentences("我在XQ1QX看到XQ2QX。好！", "zh") == ["我在XQ1QX看到XQ2QX。", "好！"]


def test_long_sentences_are_cut_at_clause_punctuation() -> None:
    text = "，".join(["这是一个很长的分句"] * 20) + "。"
    parts = sentences(text, "zh", max_chars=50)
    assert all(len(p) <= 50 for p in parts)
    assert "".join(parts) == text


@pytest.mark.parametrize(
    ("pieces", "expected"),
    [
        ([("溫哥華.", " "), ("經濟艙很舒服。", "")], "溫哥華。經濟艙很舒服。"),
        ([("去小镇 town.", " "), ("Try 一下。", "")], "去小镇 town. Try 一下。"),
        ([("考试在 2027.", " "), ("IELTS 成绩很好。", "")], "考试在 2027. IELTS 成绩很好。"),
        ([("你好。", " "), ("Hello.", " "), ("再见。", "")], "你好。Hello.再见。"),
    ],
)
def test_join_by_the_characters_at_the_boundary(
    pieces: list[tuple[str, str]], expected: str
) -> None:
    assert join(pieces, "zh-Hant-TW") == expected
    assert join(pieces, "en") == expected  # not by the target language


def test_join_uses_target_spacing_and_keeps_line_breaks() -> None:
    assert join([("Hello.", ""), ("World.", "\n"), ("Bye.", "")], "en") == "Hello. World.\nBye."
    assert join([("你好。", " "), ("再见。", "  ")], "zh-Hans") == "你好。再见。  "


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_tatoeba_lines_are_one_sentence_each(lang: str) -> None:
    # Every Tatoeba line is a short single sentence (a few hold two, e.g. "Come in. Sit down.").
    pairs = tatoeba_pairs()
    texts = [zh if lang == "zh" else en for en, zh in pairs]
    single = sum(1 for t in texts if len(sentences(t, lang)) == 1)
    assert single / len(texts) > 0.95


@given(st.text(alphabet=st.sampled_from("ab 。！?.\n“”XQ1 Mr"), max_size=60))
def test_pieces_concatenate_back_to_the_input(text: str) -> None:
    for lang in ("zh", "en"):
        pieces = split(text, lang)
        assert "".join(p.text + p.sep for p in pieces) == text
        assert all(p.text == p.text.strip() for p in pieces)
