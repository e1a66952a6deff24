"""The word-aware conversion engine: OpenCC's segmentation corrected by jieba, and the region
vocabulary."""

from __future__ import annotations

from pathlib import Path

import jieba
from hypothesis import given, settings
from hypothesis import strategies as st

from localize.text.opencc import converter
from localize.text.wordwise import (
    Vocabulary,
    WordwiseConverter,
    _convert_each,
    _Keys,
    region_vocabulary,
    segmentation_stages,
    vocabulary_entries,
)


def _cut(text: str) -> list[str]:
    return list(jieba.cut(text, HMM=False))


def make(config: str, vocabulary: Vocabulary | None = None) -> WordwiseConverter:
    return WordwiseConverter(converter(config), config, cut=_cut, vocabulary=vocabulary)


def test_opencc_keys_come_from_its_ocd2_dictionaries() -> None:
    first = segmentation_stages("s2twp")[0]
    assert "多只" in first.keys.keys
    assert make("s2twp").opencc_phrases("很多只要") == [(1, 3)]
    # s2twp matches Taiwan phrases in a second pass over the first pass's output.
    assert len(segmentation_stages("s2twp")) == 2


def test_text_dictionaries_are_read_too(tmp_path: Path) -> None:
    path = tmp_path / "mine.txt"
    path.write_text("多只\t多隻\n芒果干\t芒果乾\n", encoding="utf-8")
    assert _Keys(path).prefixes("芒果干吗") == ["芒果干"]


def test_a_phrase_that_cuts_into_words_gives_way() -> None:
    engine = make("s2twp")
    assert engine.tokens("多伦多只要三个小时") == ["多伦多", "只要", "三个小时"]
    # 星露谷|物语 both cover jieba's 谷物: OpenCC's reading stays (nothing is cut out).
    assert engine.tokens("星露谷物语") == ["星露谷物语"]


def test_a_second_pass_phrase_that_crosses_words_gives_way() -> None:
    # 的士 -> 計程車 is a Taiwan phrase of s2twp's second pass.
    assert make("s2twp").convert("城堡的士兵") == "城堡的士兵"
    assert converter("s2twp").convert("城堡的士兵") == "城堡計程車兵"


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="多伦只要干净头发现面条见的士兵ab1 @#，", max_size=30))
def test_tokens_give_the_text_back(text: str) -> None:
    assert "".join(make("s2twp", region_vocabulary("zh-Hant-TW")).tokens(text)) == text


def test_single_character_vocabulary_replaces_opencc_forms() -> None:
    engine = make("s2hk", region_vocabulary("zh-Hant-HK"))
    assert engine.convert("客户 启动") == "客戶 啟動"
    assert converter("s2hk").convert("客户 启动") == "客户 啓動"


def test_every_vocabulary_entry_has_evidence_and_a_known_locale() -> None:
    rows = list(vocabulary_entries())
    assert len(rows) >= 50
    for locale, source, target, evidence in rows:
        assert locale in ("zh-Hant-TW", "zh-Hant-HK")
        assert source and target and source != target
        assert evidence.startswith(("AOSP:", "issue #12", "same word as"))
    assert region_vocabulary("en") == Vocabulary()


def _forward_maximum_matching(
    keys: frozenset[str], longest: int, text: str
) -> list[tuple[int, int]]:
    # OpenCC's segmentation stated plainly: at each position the longest key starting there.
    segments, i = [], 0
    while i < len(text):
        longest_here = min(longest, len(text) - i)
        length = next((n for n in range(longest_here, 1, -1) if text[i : i + n] in keys), 1)
        if length > 1:
            segments.append((i, i + length))
        i += length
    return segments


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="多伦只要干净头发现面条见的士兵计程车软件网络信息打印机 a，", max_size=40))
def test_opencc_phrases_are_forward_maximum_matching(text: str) -> None:
    engine = make("s2twp")
    for stage, found in enumerate(segmentation_stages("s2twp")):
        keys = found.keys.keys
        longest = max(len(k) for k in keys)
        expected = _forward_maximum_matching(keys, longest, text)
        assert engine.opencc_phrases(text, stage) == expected


def test_later_passes_see_each_text_converted_on_its_own() -> None:
    # What a later pass sees is converted for a whole batch in one OpenCC call; a text with a
    # NUL (where OpenCC's binding stops) or the batch separator goes on its own.
    before = segmentation_stages("s2twp")[1].before
    texts = ["城堡的士兵", "头发\x00的士", "", "网络\ue000软件", "打印机"]
    assert _convert_each(before, texts) == [before.convert(t) for t in texts]
    assert make("s2twp").convert_many(texts) == [make("s2twp").convert(t) for t in texts]


def test_overlapping_vocabulary_phrases_are_all_considered() -> None:
    # 堡的 (inside the word 城堡) is refused; 的士兵, which overlaps it, still applies.
    vocabulary = Vocabulary({"堡的": "X", "的士兵": "Y"}, identity="test")
    assert make("s2twp", vocabulary).convert("城堡的士兵") == "城堡Y"
