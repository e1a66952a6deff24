"""The review page's HTML and data, without a browser (the browser tests are beside this)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from click.testing import CliRunner

from localize.cli import main
from localize.report.html import _Titles, build_page, review_item

TERM = {"id": "vancouver", "term": "温哥华", "status": "preferred", "target": "Vancouver"}


def page_data(html: str) -> list[dict[str, Any]]:
    block = re.search(
        r'<script type="application/json" id="review-data">(.*?)</script>', html, re.S
    )
    assert block is not None
    data: list[dict[str, Any]] = json.loads(block.group(1))["posts"]
    return data


def test_terms_and_entities_are_marked_in_both_texts() -> None:
    item_record = {
        "id": "p1",
        "text": "@小王 去了温哥华 http://t.cn/A6x",
        "result": "@小王 went to Vancouver http://t.cn/A6x",
        "terms": [TERM, {"id": "bad", "term": "去了", "status": "forbidden"}],
    }
    item = review_item(item_record)
    source = [(item["s"][a:b], kind) for a, b, kind, _ in item["sm"]]
    result = [(item["r"][a:b], kind) for a, b, kind, _ in item["rm"]]
    assert source == [
        ("@小王", "entity"),
        ("去了", "term-forbidden"),
        ("温哥华", "term"),
        ("http://t.cn/A6x", "entity"),
    ]
    assert result == [("@小王", "entity"), ("Vancouver", "term"), ("http://t.cn/A6x", "entity")]
    titles = _Titles()
    item = review_item(item_record, titles)
    hover = titles.table()[item["sm"][2][3]]
    assert "vancouver" in hover and "preferred" in hover and "approved form: Vancouver" in hover


def test_a_run_records_spans_mark_its_entities_exactly() -> None:
    item = review_item(
        {
            "text": "@小王 [哈哈] 好 @小王",
            "result": "@小王 [哈哈] good @小王",
            "spans": {
                "XQ1QX": {"original": "@小王", "kind": "mention"},
                "XQ2QX": {"original": "[哈哈]", "kind": "emoticon"},
            },
        }
    )
    assert [(a, b) for a, b, _, _ in item["rm"]] == [(0, 3), (4, 8), (14, 17)]


def test_a_post_cannot_break_out_of_the_data_block_or_the_markup() -> None:
    evil = "</script><script>alert(1)</script>&lt;<!--"
    html = build_page(
        [
            {
                "id": evil,
                "text": evil,
                "result": evil,
                "signature": evil,
                "issues": [{"check": "x<y", "severity": "error", "message": evil}],
            }
        ],
        title=evil,
    )
    assert html.count("<script") == 2  # the data block and the page's own script
    assert "alert(1)</script>" not in html.replace("</script>\n<script>\n", "")
    assert page_data(html)[0]["s"] == evil
    assert "<title>&lt;/script&gt;&lt;script&gt;alert(1)" in html
    assert '<option value="x&lt;y">' in html


def test_summary_counts_chart_origins_and_no_network() -> None:
    records = [
        {
            "id": "a",
            "text": "t",
            "result": "r",
            "issues": [
                {"check": "length", "severity": "warning", "message": "m"},
                {"check": "missing_term", "severity": "error", "message": "m"},
            ],
            "segments": [{"origin": "tm", "target": "r"}, {"origin": "mt", "target": "r"}],
        },
        {
            "id": "b",
            "text": "t",
            "result": "r",
            "issues": [{"check": "length", "severity": "warning", "message": "m"}],
        },
        {"id": "c", "text": "t", "result": "r", "issues": []},
    ]
    html = build_page(records)
    assert '<b id="count-posts">3</b>' in html
    assert '<b id="count-errors">1</b>' in html
    assert '<b id="count-warnings">1</b>' in html
    assert '<b id="count-clean">1</b>' in html
    assert (
        '<div class="bar" data-check="length"><span>length</span>'
        '<span><span class="fill" style="width: 100%">' in html
    )
    assert 'style="width: 50%"' in html
    assert ">tm 1<" in html and ">mt 1<" in html
    assert [p["lv"] for p in page_data(html)] == ["error", "warning", "clean"]
    assert not re.search(r'(src|href)="(https?:)?//', html)
    assert "default-src 'none'" in html


def test_report_and_check_write_the_page(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    out.write_text(
        json.dumps(
            {
                "id": "1",
                "text": "去温哥华",
                "result": "to Vancouver",
                "locale": "en",
                "issues": [],
                "terms": [TERM],
            },
            ensure_ascii=False,
        )
        + "\n",
        encoding="utf-8",
    )
    runner = CliRunner()
    page = tmp_path / "review.html"
    result = runner.invoke(main, ["report", str(out), "-o", str(page)])
    assert result.exit_code == 0, result.output
    assert page_data(page.read_text(encoding="utf-8"))[0]["r"] == "to Vancouver"

    checked = tmp_path / "check.html"
    glossary = str(Path(__file__).resolve().parents[2] / "glossaries" / "canada-tourism.yaml")
    options = ["--output-format", "html", "-o", str(checked), "--target-locale", "en"]
    result = runner.invoke(main, ["check", str(out), "-g", glossary, *options])
    assert result.exit_code in (0, 1), result.output
    [post] = page_data(checked.read_text(encoding="utf-8"))
    assert (post["id"], post["s"], post["r"], post["tl"]) == ("1", "去温哥华", "to Vancouver", "en")
    # The glossary terms the checks found are marked in both texts.
    assert [post["s"][a:b] for a, b, kind, _ in post["sm"] if kind == "term"] == ["温哥华"]
    assert [post["r"][a:b] for a, b, kind, _ in post["rm"] if kind == "term"] == ["Vancouver"]


def test_run_writes_the_page_directly(tmp_path: Path, root: Path) -> None:
    page = tmp_path / "review.html"
    posts = str(root / "examples" / "posts-zh.jsonl")
    result = CliRunner().invoke(main, ["run", "weibo-zh-tw", posts, "-o", str(page), "-q"])
    assert result.exit_code == 0, result.output
    data = page_data(page.read_text(encoding="utf-8"))
    assert len(data) == len(Path(posts).read_text(encoding="utf-8").splitlines())
    assert all(p["tl"] == "zh-Hant-TW" for p in data)
    assert not (tmp_path / "review.html.partial").exists()
