from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from localize.exec import Batch, PipelineSpec, make_batches, process_batch
from localize.exec.batches import BatchResult, defer_across_posts, judge_across_posts
from localize.io import Record, Reject
from localize.io.writers import CsvEncoder, Encoder, JsonlEncoder

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


@pytest.mark.parametrize("make_encoder", [JsonlEncoder, CsvEncoder], ids=["jsonl", "csv"])
def test_a_finding_across_posts_on_a_record_a_worker_encoded_is_encoded_again(
    tmp_path: Path, make_encoder: Callable[[], Encoder]
) -> None:
    # p3 gives p1's sentence (in Traditional) the same Taiwan form: `inconsistent_source`, which
    # this pipeline fails on, is found by the parent after the worker encoded p3's line.
    yaml = (ROOT / "pipelines" / "weibo-zh-tw.yaml").read_text("utf-8")
    pipeline = tmp_path / "tw.yaml"
    pipeline.write_text(yaml.replace("fail_on: [", "fail_on: [inconsistent_source, "), "utf-8")
    spec = PipelineSpec(pipeline)

    def judged(encoder: Encoder | None) -> list[BatchResult]:
        pipe = spec.build()
        defer_across_posts(pipe)  # as in a --jobs worker
        first = Batch(0, [_record(1, "我们明天去多伦多看枫叶。")], encoder=encoder)
        second = Batch(1, [_record(2), _record(3, "我們明天去多倫多看楓葉。")], encoder=encoder)
        results = (process_batch(pipe, "SIG", b) for b in (first, second))
        return list(judge_across_posts(results, encoder))

    encoder = make_encoder()
    as_records = judged(None)
    expected = [encoder.encode(result.records) for result in as_records]
    assert "inconsistent_source" in expected[1]
    header = expected[0][: expected[0].index("\n") + 1] if isinstance(encoder, CsvEncoder) else ""
    as_text = judged(encoder.settled())
    assert all(result.lines is not None and not result.records for result in as_text)
    assert header + "".join(line for r in as_text for line in r.lines or ()) == "".join(expected)
    assert [r.flagged for r in as_text] == [r.flagged for r in as_records] == [0, 1]
    # Besides its text, a post the parent may add a finding to comes back pickled only where
    # the text cannot give the record back (CSV); a JSONL line is decoded again when needed.
    pipe = spec.build()
    defer_across_posts(pipe)
    sent = process_batch(
        pipe, "SIG", Batch(0, [_record(1, "我们明天去多伦多看枫叶。")], encoder=encoder.settled())
    )
    kept = [k for *_, k in sent.pending]
    assert kept and all((k is None) == isinstance(encoder, JsonlEncoder) for k in kept)
