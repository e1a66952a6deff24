from __future__ import annotations

import pytest

from localize.qa.base import BLANK, Segment, blank_ranges, blank_spans, once
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
