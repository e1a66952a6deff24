from __future__ import annotations

import csv
import io

from localize.glossary import Glossary
from localize.glossary.csv_format import read_csv
from localize.glossary.suggest import suggest_terms, suggestions_csv

POSTS = [
    "周末去了露易丝湖划船，露易丝湖的湖水真蓝 @露易丝湖官方 #班夫#",
    "班夫小镇很安静，从班夫开车去露易丝湖只要四十分钟",
    "冬天的露易丝湖可以滑冰，Moraine 也很美",
    "傍晚在班夫泡温泉，温泉旁边就是雪山",
]


def test_suggests_new_terms_with_counts_and_contexts(sample: Glossary) -> None:
    found = {s.term: s for s in suggest_terms(POSTS, sample, min_count=2)}
    lake = found["露易丝"]  # jieba's keyword; the reviewer extends it to 露易丝湖
    # The @mention is blanked out, so it is not counted.
    assert lake.count == 4 and lake.locale == "zh-Hans"
    assert lake.examples == [
        "周末去了[露易丝]湖划船，露易丝湖的湖水真蓝 @",
        "班夫小镇很安静，从班夫开车去[露易丝]湖只要四十分钟",
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
