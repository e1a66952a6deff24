from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from localize.qa.base import BLANK, Segment, blank_ranges, blank_spans, once, texts_matching
from localize.qa.length import _MAYBE_DOUBLE
from localize.qa.placeholders import _BEFORE_NUMBER
from localize.qa.punctuation import _ANY_ASCII_MARK, _ANY_BRACKET
from localize.text.entities import find_entities


@pytest.mark.parametrize(
    "text",
    [
        "",
        "没有实体",
        "#遇见加拿大# 秋天 @旅游达人 http://t.cn/A6xYz12 [爱你]🍁",
        "🍁🍁//@加拿大驻华使馆: 👨\u200d👩\u200d👧[哈哈]",
    ],
)
def test_entities_are_blanked_in_place(text: str) -> None:
    entities = find_entities(text)
    plain = blank_spans(text, entities)
    assert plain == blank_ranges(text, [(e.start, e.end) for e in entities])
    assert len(plain) == len(text)
    assert plain.count(BLANK) == sum(e.end - e.start for e in entities)


def test_a_segment_works_out_each_view_once() -> None:
    calls: list[str] = []

    class Counted:
        @once
        def value(self) -> str:
            calls.append("value")
            return "computed"

    item = Counted()
    assert (item.value, item.value) == ("computed", "computed")
    assert calls == ["value"]
    assert isinstance(Counted.value, once)
    seg = Segment("p", "去 @旅游达人 玩", "去 @旅遊達人 玩")
    assert seg.source_plain == f"去 {BLANK * 5} 玩"
    assert "source_plain" in vars(seg)  # stored on the segment: the next read is a plain lookup


# Characters the screens' patterns care about, and some they do not.
_SCREENED = "ab 's\tQX7[]（）加拿大哈这个们了國\u200b\n"


@given(st.lists(st.text(alphabet=_SCREENED, max_size=12), min_size=1, max_size=8))
def test_texts_matching_finds_each_text_a_screen_pattern_matches(texts: list[str]) -> None:
    for pattern in (_MAYBE_DOUBLE, _BEFORE_NUMBER, _ANY_BRACKET, _ANY_ASCII_MARK):
        assert texts_matching(pattern, texts) == [pattern.search(t) is not None for t in texts]
