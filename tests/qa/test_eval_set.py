"""The labelled evaluation set (tests/data/qa-eval) through the default gate: the quality
targets of the QA gate as a regression test. benchmarks/bench_checks.py prints the same rates
beside pofilter's."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from localize.qa import Checker

PAIRS = Path(__file__).resolve().parents[1] / "data" / "qa-eval" / "pairs.jsonl"
# Share of injected errors the gate must fail on, per kind; clean pairs: at most 1% failed.
RECALL = {"number": 1.0, "entity": 1.0, "empty": 1.0, "untranslated": 1.0, "doubled": 0.9,
          "sentence_type": 0.9}  # fmt: skip


def test_the_set_is_large_and_balanced() -> None:
    rows = [json.loads(line) for line in PAIRS.read_text("utf-8").splitlines()]
    kinds = Counter(row["kind"] for row in rows)
    assert len({(r["source"], r["target"]) for r in rows}) >= 300
    assert kinds["clean"] == sum(n for kind, n in kinds.items() if kind != "clean")
    assert set(kinds) == {*RECALL, "clean"}
    assert all(row["tatoeba"].startswith("tatoeba.org #") for row in rows)


def test_recall_and_false_alarms_at_the_fail_level() -> None:
    rows = [json.loads(line) for line in PAIRS.read_text("utf-8").splitlines()]
    failed: Counter[str] = Counter()
    total: Counter[str] = Counter()
    for row in rows:
        checker = Checker()
        seg = checker.segment(
            row["id"],
            row["source"],
            row["target"],
            source_locale=row["source_locale"],
            target_locale=row["target_locale"],
        )
        total[row["kind"]] += 1
        failed[row["kind"]] += any(f.fails for f in checker.check(seg))
    for kind, recall in RECALL.items():
        assert failed[kind] / total[kind] >= recall, kind
    assert failed["clean"] / total["clean"] <= 0.01
