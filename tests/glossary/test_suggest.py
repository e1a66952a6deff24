from __future__ import annotations

import csv
import io

from localize.glossary import Glossary
from localize.glossary.csv_format import read_csv
from localize.glossary.suggest import suggest_terms, suggestions_csv

# Peyto Lake (佩托湖) is in no starter glossary, so no other test teaches it to jieba's shared
# tokenizer as a user word and the keyword stays the same whatever ran before.
POSTS = [
    "周末去了佩托湖划船，佩托湖的湖水真蓝 @佩托湖官方 #班夫#",
    "班夫小镇很安静，从班夫开车去佩托湖只要四十分钟",
    "冬天的佩托湖可以滑冰，Moraine 也很美",
    "傍晚在班夫泡温泉，温泉旁边就是雪山",
]


def test_suggests_new_terms_with_counts_and_contexts(sample: Glossary) -> None:
    found = {s.term: s for s in suggest_terms(POSTS, sample, min_count=2)}
    lake = found["佩托湖"]
    # The @mention is blanked out, so it is not counted.
    assert lake.count == 4 and lake.locale == "zh-Hans"
    assert lake.examples == [
        "周末去了[佩托湖]划船，佩托湖的湖水真蓝 @佩托",
        "班夫小镇很安静，从班夫开车去[佩托湖]只要四十分钟",
    ]
    assert "班夫" not in found  # already in the glossary


def test_csv_is_ready_for_import(sample: Glossary) -> None:
    text = suggestions_csv(suggest_terms(POSTS, sample, min_count=2), domain="tourism")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert rows[0]["zh-Hans"] and rows[0]["x-count"] and rows[0]["x-example-1"]
    imported = read_csv("candidates.csv", text=text)
    assert len(imported) == len(rows)
    assert all(e.domain == "tourism" for e in imported)


def test_empty_corpus() -> None:
    assert suggest_terms(["", "  "]) == []
