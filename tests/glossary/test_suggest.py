from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from localize.glossary import Glossary, load_glossaries
from localize.glossary.csv_format import read_csv
from localize.glossary.suggest import suggest_terms, suggestions_csv
from localize.resources import glossaries_dir

WEIBO = Path(__file__).resolve().parent / "data" / "weibo-ner"

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
        "周末去了⟦佩托湖⟧划船，佩托湖的湖水真蓝 @佩托",
        "班夫小镇很安静，从班夫开车去⟦佩托湖⟧只要四十分钟",
    ]
    assert lake.score == lake.count * lake.idf
    assert "班夫" not in found  # already in the glossary


def test_candidates_are_words_never_pieces_across_word_boundaries() -> None:
    # Substring statistics proposed 位送 and 节是 (节 + 是 across two words); a segmenter never
    # does: only words and names come out, and common words (手机, 朋友) stay out.
    posts = ["中秋节是团圆的节日，每位送一盒月饼", "春节是大节，每位送一个红包"] * 3 + [
        "杨素晗的新歌很好听，手机里都是",
        "今天听杨素晗唱歌，朋友也在",
    ]
    terms = {s.term for s in suggest_terms(posts, min_count=2)}
    assert "杨素晗" in terms
    assert not terms & {"节是", "位送", "手机", "朋友", "每位"}


def test_traditional_and_simplified_spellings_are_one_candidate() -> None:
    found = suggest_terms(["在淘寶買東西", "在淘宝买东西", "淘寶"], min_count=3)
    assert [(s.term, s.count) for s in found] == [("淘寶", 3)]


def test_csv_is_ready_for_review_and_import(sample: Glossary) -> None:
    text = suggestions_csv(suggest_terms(POSTS, sample, min_count=2), domain="tourism")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert rows[0]["zh-Hans"] and rows[0]["x-count"] and rows[0]["x-idf"]
    assert "⟦" in rows[0]["x-example-1"]
    assert {row["status"] for row in rows} == {""}  # the reviewer decides
    imported = read_csv("candidates.csv", text=text)
    assert len(imported) == len(rows)
    assert all(e.domain == "tourism" for e in imported)


def test_empty_corpus() -> None:
    assert suggest_terms(["", "  "]) == []


def test_precision_at_100_on_public_weibo_posts() -> None:
    """The top 100 on a public Weibo sample, against the labels in data/weibo-ner/labels.tsv
    (see its README for the rule): a new candidate must be labelled before this passes."""
    with (WEIBO / "labels.tsv").open(encoding="utf-8") as handle:
        labels = {
            row["term"]: row["accept"] == "yes"
            for row in csv.DictReader(handle, dialect="excel-tab")
        }
    texts = [json.loads(line)["text"] for line in (WEIBO / "posts.jsonl").open(encoding="utf-8")]
    glossary = load_glossaries(sorted(glossaries_dir().glob("*.yaml")))
    top = [s.term for s in suggest_terms(texts, glossary, limit=100)]
    unlabelled = [t for t in top if t not in labels]
    assert not unlabelled, f"label these in {WEIBO / 'labels.tsv'}: {unlabelled}"
    accepted = sum(labels[t] for t in top)
    assert len(top) == 100 and accepted >= 28
