from __future__ import annotations

from pathlib import Path

from localize.exec import Batch, PipelineSpec, make_batches, process_batch
from localize.io import Record, Reject

ROOT = Path(__file__).resolve().parents[2]


def _record(i: int, text: str | None = None) -> Record:
    return Record(f"p{i}", text or f"第{i}条 软件", "in.jsonl", i)


def test_rejects_travel_with_the_batch_being_filled_when_they_were_read() -> None:
    items: list[Record | Reject] = [
        Reject("in.jsonl", 1, "bad"),
        _record(2),
        _record(3),
        Reject("in.jsonl", 4, "bad"),
        _record(5),
        _record(6),
        Reject("in.jsonl", 7, "trailing"),
    ]
    batches = list(make_batches(items, done={"p5"}, batch_size=2))
    assert [[r.id for r in b.records] for b in batches] == [["p2", "p3"], ["p6"]]
    assert [[r.line for r in b.rejects] for b in batches] == [[1], [4, 7]]
    assert [b.seq for b in batches] == [0, 1]


def test_a_reject_after_a_full_last_batch_gets_a_batch_of_its_own() -> None:
    items: list[Record | Reject] = [_record(1), _record(2), Reject("in.jsonl", 3, "bad")]
    batches = list(make_batches(items, done=set(), batch_size=2))
    assert [(len(b.records), len(b.rejects)) for b in batches] == [(2, 0), (0, 1)]


def test_process_batch_makes_the_output_lines_and_counts_flagged_posts(tmp_path: Path) -> None:
    pipeline = tmp_path / "p.yaml"
    pipeline.write_text(
        "name: p\nsource: zh-Hans\ntarget: en\n"
        "steps:\n  - normalize\n  - check: {fail_on: [identical_to_source]}\n",
        encoding="utf-8",
    )
    pipe = PipelineSpec(pipeline).build()
    batch = Batch(3, [_record(1), _record(2, "2026")], [Reject("in.jsonl", 9, "bad")])
    result = process_batch(pipe, "SIG", batch)
    first, second = result.records
    assert result.seq == 3
    assert (first["id"], first["text"], first["result"]) == ("p1", "第1条 软件", "第1条 软件")
    assert first["signature"] == "SIG"
    # p1 is not translated (a check error); p2 has nothing to translate.
    assert (result.flagged, first.get("failed"), second.get("failed")) == (1, True, None)
    assert [r.line for r in result.rejects] == [9]


def test_mt_threads_are_capped_only_where_the_pipeline_left_the_default(tmp_path: Path) -> None:
    spec = PipelineSpec(ROOT / "pipelines" / "weibo-zh-en.yaml")
    (translate,) = [b.step for b in spec.build(mt_threads=1).steps if b.step.name == "translate"]
    assert translate.options.threads == 1
    pinned = tmp_path / "pinned.yaml"
    pinned.write_text(
        "name: pinned\nsource: zh-Hans\ntarget: en\n"
        "steps:\n  - protect\n  - translate: {threads: 3}\n  - restore\n",
        encoding="utf-8",
    )
    built = PipelineSpec(pinned).build(mt_threads=1)
    (translate,) = [b.step for b in built.steps if b.step.name == "translate"]
    assert translate.options.threads == 3
