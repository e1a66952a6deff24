"""Checker.check_batch: the same findings as Checker.check post by post, with each check called
only on the posts its screen lets through."""

from __future__ import annotations

import csv
import json
from collections import Counter
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import opencc
import pytest

from localize.glossary import Glossary, load_glossaries
from localize.qa import Checker, QAConfig
from localize.qa.base import Hit, Segment
from localize.resources import builtin_glossaries

DATA = Path(__file__).resolve().parents[1] / "data"
BATCH = 64


@cache
def _glossary() -> Glossary:
    known = builtin_glossaries()
    return load_glossaries([known[name] for name in sorted(known)])


def _forbidden_forms(glossary: Glossary) -> list[str]:
    return sorted({t.text for e in glossary.entries for t in e.terms if t.status == "forbidden"})


def _mutated(index: int, source: str, target: str, forbidden: list[str]) -> str:
    """``target`` with one of the errors the checks look for, by ``index`` (or none)."""
    match index % 14:
        case 1:
            return source  # not converted: Simplified-only characters
        case 2:
            return target.replace("@", "", 1).replace("[", "", 1)  # an entity lost
        case 3:
            return target[:6] + target[2:6] + target[6:]  # a doubled word, most often
        case 4:
            return target + " XQ1QX"
        case 5:
            return target.rstrip("。！!") + "？"
        case 6:
            return target + "转发抽3位送37个"
        case 7:
            return target[:4] + "，好,世界" + target[4:]
        case 8:
            return "（" + target + "」"
        case 9:
            return target * 8  # over Weibo's length limit
        case 10:
            return "\u200b " if index % 28 == 10 else ""
        case 11:
            return target + " #a# #b# #c# #d# #e# #f# #g# #h# #i# #j# #k#"
        case 12:
            return target + forbidden[index % len(forbidden)] + "滿地可"
        case 13:
            return target + " it is is worth buying, as planned. So so. #遇见加拿大#"
    return target


def _weibo_pairs() -> Iterator[tuple[str, str, str, str, str]]:
    # Real Weibo posts (tests/data/weibo) converted to Taiwan Traditional, most with an error.
    convert = opencc.OpenCC("s2twp").convert
    forbidden = _forbidden_forms(_glossary())
    with (DATA / "weibo" / "weibo_senti_100k-sample.csv").open(encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle))[:700]
    for i, row in enumerate(rows):
        source = row["review"]
        target = _mutated(i, source, convert(source), forbidden)
        if i % 14 == 13:
            source += " 用Aeroplan积分"  # a do-not-translate term the target lacks
        yield f"w{i}", source, target, "zh-Hans", "zh-Hant-TW"
        if i % 5 == 0:  # some zh-Hans targets (a forbidden form in some), and copies
            extra = forbidden[i % len(forbidden)] if i % 10 == 0 else ""
            yield f"s{i}", convert(row["review"]), row["review"] + extra, "zh-Hant-TW", "zh-Hans"


def _eval_pairs() -> Iterator[tuple[str, str, str, str, str]]:
    # Both directions between Chinese and English, with the errors of tests/data/qa-eval.
    for line in (DATA / "qa-eval" / "pairs.jsonl").read_text("utf-8").splitlines():
        row = json.loads(line)
        yield row["id"], row["source"], row["target"], row["source_locale"], row["target_locale"]


def _segments(checker: Checker, rows: list[tuple[str, str, str, str, str]]) -> list[Segment]:
    return [
        checker.segment(post, source, target, source_locale=src, target_locale=tgt)
        for post, source, target, src, tgt in rows
    ]


@pytest.fixture(scope="module")
def rows() -> list[tuple[str, str, str, str, str]]:
    return [*_weibo_pairs(), *_eval_pairs()]


def _batches(items: list[Any]) -> Iterator[list[Any]]:
    for start in range(0, len(items), BATCH):
        yield items[start : start + BATCH]


def _checker() -> Checker:
    return Checker(QAConfig.default(), _glossary())


def _as_json(findings: list[Any]) -> list[dict[str, Any]]:
    return [f.to_json() for f in findings]


def test_check_batch_finds_what_check_finds_post_by_post(
    rows: list[tuple[str, str, str, str, str]],
) -> None:
    one_by_one, batched = _checker(), _checker()
    expected = [_as_json(one_by_one.check(seg)) for seg in _segments(one_by_one, rows)]
    found = [
        _as_json(findings)
        for batch in _batches(_segments(batched, rows))
        for findings, _ in batched.check_batch(batch)
    ]
    assert found == expected
    # The corpus holds what every check reports, so no screen can hide a finding unseen.
    reported = Counter(f["check"] for findings in expected for f in findings)
    screened = {c.id for c in one_by_one.checks if c.screen is not None}
    assert screened <= set(reported), screened - set(reported)


def test_check_batch_defers_what_check_defers_in_a_jobs_worker(
    rows: list[tuple[str, str, str, str, str]],
) -> None:
    one_by_one, batched = _checker(), _checker()
    one_by_one.defer_across_posts()
    batched.defer_across_posts()
    expected = []
    for seg in _segments(one_by_one, rows):
        findings = _as_json(one_by_one.check(seg))
        expected.append((findings, one_by_one.take_pending()))
    found = [
        (_as_json(findings), pending)
        for batch in _batches(_segments(batched, rows))
        for findings, pending in batched.check_batch(batch)
    ]
    assert found == expected
    assert any(pending for _, pending in expected)


def test_screens_spare_most_posts_the_call_of_most_checks(
    rows: list[tuple[str, str, str, str, str]],
) -> None:
    # Correct conversions: most checks have nothing to look at on most of them.
    convert = opencc.OpenCC("s2twp").convert
    clean = [(p, s, convert(s), a, b) for p, s, _, a, b in rows if p.startswith("w")]
    checker = _checker()
    calls: Counter[str] = Counter()

    def counted(check: str, func: Any) -> Any:
        def run(seg: Segment, options: Any, env: Any) -> Iterator[Hit]:
            calls[check] += 1
            return func(seg, options, env)

        return run

    def counted_batch(check: str, func: Any) -> Any:
        if func is None:
            return None

        def run(segs: list[Segment], options: Any, env: Any) -> list[list[Hit]]:
            calls[check] += len(segs)
            return func(segs, options, env)  # type: ignore[no-any-return]

        return run

    checker._runs = [
        (c, counted(c, f), o, s, counted_batch(c, b)) for c, f, o, s, b in checker._runs
    ]
    for batch in _batches(_segments(checker, clean)):
        checker.check_batch(batch)
    # Across scripts of one language: never looked at.
    for check in ("identical_to_source", "untranslated"):
        assert calls[check] == 0, check
    # Most of these posts hold no double of any kind (哈哈 and 呵呵 are common on Weibo).
    most = dict.fromkeys(
        (
            "empty_target",
            "length_ratio",
            "forbidden_term",
            "number_mismatch",
            "placeholder_leftover",
            "script_mismatch",
            "sentence_type",
        ),
        0.05,
    )
    most["doubled_word"] = 0.25
    most["platform_limits"] = 0.1  # long posts, near Weibo's limit, are weighed
    for check, share in most.items():
        assert calls[check] < share * len(clean), (check, calls[check])
    # The checks across posts see every post: they remember each one.
    assert calls["inconsistent_translation"] == len(clean)
