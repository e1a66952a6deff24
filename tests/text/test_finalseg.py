from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from jieba import finalseg as jieba_finalseg

from localize.text import finalseg


def _cut(text: str) -> list[str]:
    tokens: list[str] = []
    finalseg.cut(text, tokens)
    return tokens


# Common characters; characters jieba's model knows in one state only (B: 佴怃, M: 嬿嶌, S: 丂丆,
# E: 婨媞), which push the path into every transition; Han characters it has no score for
# (丄丅両, where every state scores MIN_FLOAT and ties decide); and what it splits off (letters,
# digits, decimals, percentages, punctuation, a character outside its Han range).
ALPHABET = "杭研大厦小明硕士毕业于中国科学院计算所的了佴怃嬿嶌丂丆婨媞丄丅両ab1.5% -，𠀀"


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=ALPHABET, min_size=1, max_size=30))
def test_cut_is_jiebas_finalseg_token_for_token(text: str) -> None:
    assert _cut(text) == list(jieba_finalseg.cut(text))


@pytest.mark.parametrize(
    "text",
    [
        "杭研",  # a word only the HMM finds
        "丄丅両丄丅",  # no emission scores at all: every comparison is a tie
        "小明硕士毕业于中国科学院计算所",
        "3.5%的人a1b2",
        "佴嬿嶌婨丂",
    ],
)
def test_cut_examples(text: str) -> None:
    assert _cut(text) == list(jieba_finalseg.cut(text))


def test_words_added_with_frequency_zero_are_split(monkeypatch: pytest.MonkeyPatch) -> None:
    # jieba.add_word(word, 0) puts the word in finalseg's Force_Split_Words.
    monkeypatch.setattr(jieba_finalseg, "Force_Split_Words", {"杭研"})
    assert _cut("杭研") == ["杭", "研"] == list(jieba_finalseg.cut("杭研"))
