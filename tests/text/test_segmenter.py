from __future__ import annotations

import jieba
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from localize.text import segmenter
from localize.text.segmenter import Tokenizer, _base, segment_text, tokenizer


def test_placeholders_are_whole_tokens_even_next_to_digits() -> None:
    assert segment_text("XQ1QX2027年XQ2QX去") == ["XQ1QX", "2027", "年", "XQ2QX", "去"]


def test_tokens_join_back_to_the_text() -> None:
    text = "从温哥华飞往多伦多只要4个半小时， 真快！"
    assert "".join(segment_text(text)) == text


def test_words_stay_in_their_own_tokenizer() -> None:
    lake = tokenizer(words=[("露易丝湖", None, "ns")])
    assert "露易丝湖" in lake.cut("落基山脉的露易丝湖", hmm=False)
    assert "露易丝湖" not in segment_text("落基山脉的露易丝湖", hmm=False)
    assert "露易丝湖" not in jieba.dt.FREQ  # jieba's process-wide tokenizer is never written


def test_same_words_share_one_tokenizer_and_identity_names_them() -> None:
    words = [("露易丝湖", None, "ns")]
    assert tokenizer(words=words) is tokenizer(words=list(words))
    assert Tokenizer().identity == ""
    assert Tokenizer(words=words).identity == Tokenizer(words=words).identity != ""
    assert Tokenizer(words=words).identity != Tokenizer(words=[("基山", None, None)]).identity


def test_words_with_spaces_are_left_out() -> None:
    # jieba never matches a user word with a space in it.
    assert Tokenizer(words=[("Lake Louise", None, None), ("露易丝湖", 5, None)]).words == (
        ("露易丝湖", 5, None),
    )


def _jieba_cut(jieba_tokenizer: jieba.Tokenizer, text: str, hmm: bool) -> list[str]:
    return list(jieba_tokenizer.cut(text, HMM=hmm))


TEXTS = [
    "从温哥华飞往多伦多只要4个半小时， 真快！",
    "落基山脉的露易丝湖\r\n很美\t abc d1 2x 3.5% a-b C++ 你好world 123abc",
    "他来到了网易杭研大厦，小明硕士毕业于中国科学院计算所",  # HMM finds 杭研
    "ＡＢＣ全角 〇 𠀀 emoji🍁 [哈哈] http://t.cn/A6xYz12",
    "",
    " ",
]


@pytest.mark.parametrize("text", TEXTS)
@pytest.mark.parametrize("hmm", [True, False])
def test_cut_is_jiebas_accurate_mode_token_for_token(text: str, hmm: bool) -> None:
    lake = tokenizer(words=[("露易丝湖", None, "ns")])
    assert Tokenizer().cut(text, hmm=hmm) == _jieba_cut(_base(), text, hmm)
    assert lake.cut(text, hmm=hmm) == _jieba_cut(lake.jieba, text, hmm)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="杭研大厦小明硕士毕业于中国科学院计算所多伦只要ab1 .-\r\n，", max_size=40))
def test_cut_matches_jieba_on_any_text(text: str) -> None:
    # With HMM first (which remembers the block's dictionary words), then without.
    cut = Tokenizer()
    assert cut.cut(text) == _jieba_cut(_base(), text, True)
    assert cut.cut(text, hmm=False) == _jieba_cut(_base(), text, False)


def test_block_patterns_are_jiebas() -> None:
    assert segmenter._HAN.pattern == jieba.re_han_default.pattern
    assert segmenter._SKIP.pattern == jieba.re_skip_default.pattern


def test_dictionary_words_of_a_cut_block_need_no_second_route(routed_blocks: list[str]) -> None:
    cut = Tokenizer()
    text = "他来到了网易杭研大厦，小明硕士毕业于中国科学院计算所"
    words = _jieba_cut(_base(), text, False)
    routed = routed_blocks
    assert cut.cut(text) != words  # HMM joins 杭研; the dictionary alone does not
    assert routed == ["他来到了网易杭研大厦", "小明硕士毕业于中国科学院计算所"]
    assert cut.cut(text, hmm=False) == words
    assert len(routed) == 2


def test_a_remembered_block_is_not_cut_again_and_its_words_stay(
    routed_blocks: list[str],
) -> None:
    # What word-aware convert asks for: the dictionary words of one block segment just cut.
    cut = Tokenizer()
    block = "他来到了网易杭研大厦"
    cut.cut(block)
    words = cut.cut(block, hmm=False)
    assert words == _jieba_cut(_base(), block, False)
    assert routed_blocks == [block]
    words.append("changed by the caller")
    assert cut.cut(block, hmm=False) == _jieba_cut(_base(), block, False)


def test_remembered_blocks_are_bounded(
    monkeypatch: pytest.MonkeyPatch, routed_blocks: list[str]
) -> None:
    monkeypatch.setattr(segmenter, "_REMEMBERED_BLOCKS", 3)
    cut = Tokenizer()
    blocks = [f"第{n}个小时" for n in range(10)]
    words = [_jieba_cut(_base(), block, False) for block in blocks]
    for block in blocks:
        cut.cut(block)
    assert len(cut._routes) + len(cut._older_routes) <= 6
    routed = routed_blocks
    routed.clear()
    # The newest blocks are remembered; the oldest are routed again, with the same words.
    assert cut.cut(blocks[-1], hmm=False) == words[-1]
    assert routed == []
    assert cut.cut(blocks[0], hmm=False) == words[0]
    assert routed == [blocks[0]]


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="杭研大厦小明硕士毕业于中国科学院计算所露易丝湖多伦只要ab1", max_size=30))
def test_route_is_jiebas_get_dag_and_calc_float_for_float(block: str) -> None:
    for cut in (Tokenizer(), tokenizer(words=[("露易丝湖", None, "ns"), ("丝湖多", 3, None)])):
        expected: dict[int, tuple[float, int]] = {}
        cut.jieba.calc(block, cut.jieba.get_DAG(block), expected)
        scores, ends = cut._route(block)
        assert list(zip(scores, ends, strict=True)) == [expected[x] for x in range(len(block) + 1)]


def test_route_breaks_a_tie_as_jieba_does() -> None:
    # With a total of 1 every log frequency is 0: 甲乙 and 甲 + 乙 score the same, and jieba's
    # max over (score, end) tuples takes the longer word.
    tiny = jieba.Tokenizer()
    tiny.FREQ, tiny.total, tiny.initialized = {"甲": 1, "乙": 1, "甲乙": 1}, 1, True
    expected: dict[int, tuple[float, int]] = {}
    tiny.calc("甲乙", tiny.get_DAG("甲乙"), expected)
    assert expected[0] == (0, 1)
    cut = Tokenizer()
    cut._jieba = tiny
    scores, ends = cut._route("甲乙")
    assert list(zip(scores, ends, strict=True)) == [expected[x] for x in range(3)]
