"""Numbered batches of records, and one batch through a pipeline.

Every executor cuts its input with :func:`make_batches` and runs each batch with
:func:`process_batch`, then hands the results back in sequence order; the CLI writes them the
same way whichever executor made them. That is what makes ``--jobs 4`` write the bytes that
``--jobs 1`` writes: the output records are made in the worker, by the same code, from the same
batches, and only their order is restored by sequence number. With ``--jobs N`` and a line
format, the worker also encodes them with the output's own encoder, so the parent only writes
strings; a post that a check across posts (judged in the parent) adds a finding to is encoded
again there, from its record.
"""

from __future__ import annotations

import os
import pickle
import signal
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from localize.io import Record, Reject
from localize.io.writers import Encoder, post_to_json
from localize.pipeline import Pipeline
from localize.post import Post
from localize.qa.consistency import Ledger, PendingCheck
from localize.steps.check import PENDING, Check, check_issue


@dataclass(frozen=True)
class PipelineSpec:
    """What a worker needs to build the pipeline itself (a pipeline does not pickle)."""

    path: Path
    glossaries: tuple[Path, ...] = ()
    memory: Path | None = None  # a translation memory for every translate step (--memory)

    def build(self, *, mt_threads: int = 0) -> Pipeline:
        """The pipeline; ``mt_threads`` > 0 caps CTranslate2's threads where the pipeline left
        them at the default, so N workers on N cores do not run N x cores threads."""
        pipe = Pipeline.from_yaml(self.path, glossaries=self.glossaries)
        if self.memory is not None:
            pipe.use_memory(self.memory)
        cap_mt_threads(pipe, mt_threads)
        return pipe


def cap_mt_threads(pipe: Pipeline, threads: int) -> None:
    """``threads`` > 0: CTranslate2's threads for each translate step of ``pipe`` that left them
    at the default (before its model loads)."""
    if threads <= 0:
        return
    for bound in pipe.steps:
        options = bound.step.options
        if bound.step.name == "translate" and options.threads == 0:
            options.threads = threads


@dataclass
class Batch:
    seq: int
    records: list[Record]
    # Lines the reader set aside while this batch was being filled: reported with it, so the
    # rejects come out in the same order whatever the executor.
    rejects: list[Reject] = field(default_factory=list)
    # The output's encoder (see Encoder.settled), in a --jobs run: the worker sends its records
    # as that text, so the parent process only writes strings (BatchResult.lines).
    encoder: Encoder | None = None


# From a --jobs worker, for the checks across posts that the parent judges: a post's index in
# the batch's output (None: it failed after its check, so it is only remembered), its source
# and result to quote, the checks (its sentence hashes), and, where the worker sent the records
# encoded, the post's record pickled, which the parent loads only to add a finding to it.
Pending = tuple[int | None, tuple[str, str] | None, list[PendingCheck], bytes | None]


@dataclass
class BatchResult:
    seq: int
    records: list[dict[str, Any]]  # the output records of its posts, in input order
    flagged: int  # posts with an error-level issue (exit code 1)
    rejects: list[Reject]  # the reader's, then the posts the pipeline failed on
    worker: int = 0  # process id that made it
    peak_rss_kb: int = 0  # that process's peak resident memory so far (Linux: KiB)
    pending: list[Pending] = field(default_factory=list)
    # Instead of ``records`` (then empty): their text, one string each, by the output's encoder.
    lines: list[str] | None = None

    @property
    def count(self) -> int:
        """Posts to write."""
        return len(self.records) if self.lines is None else len(self.lines)

    def encode(self, encoder: Encoder) -> None:
        """Records to text (in a ``--jobs`` worker, where the CPU is not the parent's). Where
        the text does not hold the whole record (CSV), the records a finding across posts may
        still change are kept too, pickled; a JSONL line is decoded again instead (rare)."""
        self.lines = encoder.encode_each(self.records)
        if not encoder.lossless:
            self.pending = [
                (index, texts, checks, None if index is None else _pickled(self.records[index]))
                for index, texts, checks, _ in self.pending
            ]
        self.records = []

    def record(self, index: int, kept: bytes | None, encoder: Encoder | None) -> dict[str, Any]:
        """The record of post ``index`` (``kept``: as :meth:`encode` kept it; ``encoder``: the
        one it encoded with, where it did)."""
        if kept is not None:
            return pickle.loads(kept)
        if self.lines is None:
            return self.records[index]
        assert encoder is not None
        record = encoder.decode(self.lines[index])
        assert record is not None  # encode() kept the record where its text cannot give it
        return record

    def replace(self, index: int, record: dict[str, Any], encoder: Encoder | None) -> None:
        if self.lines is None:
            self.records[index] = record
        else:
            assert encoder is not None
            [self.lines[index]] = encoder.encode_each([record])


def make_batches(
    items: Iterable[Record | Reject], *, done: set[str], batch_size: int
) -> Iterator[Batch]:
    """Records not in ``done`` in batches of ``batch_size``; a last batch may hold only rejects."""
    seq = 0
    records: list[Record] = []
    rejects: list[Reject] = []
    for item in items:
        if isinstance(item, Reject):
            rejects.append(item)
        elif item.id not in done:
            records.append(item)
            if len(records) == batch_size:
                yield Batch(seq, records, rejects)
                seq, records, rejects = seq + 1, [], []
    if records or rejects:
        yield Batch(seq, records, rejects)


def to_post(pipe: Pipeline, record: Record) -> Post:
    return pipe.make_post(
        record.id,
        record.text,
        lang=record.lang,
        fields=record.fields,
        origin=(record.path, record.line),
        keep=record.keep,
    )


def post_failed(post: Post) -> bool:
    """A `check` step said so, or another step reported an error (e.g. an entity was lost)."""
    return bool(post.meta.get("check_failed")) or any(
        issue.severity == "error" and issue.step != "check" for issue in post.issues
    )


def failure_reject(post: Post, reason: str) -> Reject:
    path, line = post.origin or ("?", 0)
    return Reject(path, line, f"processing failed: {reason}", post.source[:200], post.id)


def process_batch(pipe: Pipeline, signature: str, batch: Batch) -> BatchResult:
    """Run one batch; a post the pipeline fails on becomes a reject (see ``Pipeline.run``)."""
    failures: list[Reject] = []
    pending: list[Pending] = []

    def failed(post: Post, exc: Exception) -> None:
        failures.append(failure_reject(post, f"{type(exc).__name__}: {exc}"))
        if PENDING in post.meta:  # it was checked, so it counts for the posts after it
            pending.append((None, None, post.meta.pop(PENDING), None))

    posts = [to_post(pipe, record) for record in batch.records]
    records: list[dict[str, Any]] = []
    flagged = 0
    for post in pipe.run(posts, batch_size=max(len(posts), 1), on_failure=failed):
        has_errors = post_failed(post)
        flagged += has_errors
        record = post_to_json(post, signature, failed=has_errors)
        if PENDING in post.meta:
            texts = (record["text"], record["result"])
            pending.append((len(records), texts, post.meta.pop(PENDING), None))
        records.append(record)
    rejects = [*batch.rejects, *failures]
    result = BatchResult(batch.seq, records, flagged, rejects, os.getpid(), pending=pending)
    if batch.encoder is not None:
        result.encode(batch.encoder)
    return result


def defer_across_posts(pipe: Pipeline) -> None:
    """In a ``--jobs`` worker: the pipeline's check steps leave the checks across posts
    (consistency) to the parent, which sees every post; see :func:`judge_across_posts`."""
    for index, bound in enumerate(pipe.steps):
        if isinstance(bound.step, Check):
            bound.step.defer_across_posts(memory=index)


def forget_posts(pipe: Pipeline) -> None:
    """The pipeline's check steps compare the next posts only with each other (a Ray shard is
    checked as ``localize run`` checks its file alone, whatever its actor ran before)."""
    for bound in pipe.steps:
        if isinstance(bound.step, Check):
            bound.step.forget_posts()


def judge_across_posts(
    results: Iterable[BatchResult], encoder: Encoder | None = None
) -> Iterator[BatchResult]:
    """The workers' results, in sequence order, with the findings of the checks across posts
    added where one process would have put them (in the post's issues, its ``failed`` mark and
    the batch's count of flagged posts). ``encoder``: the output's, which the workers encoded
    their records with (``BatchResult.lines``), if they did."""
    ledger = Ledger()
    for result in results:
        for index, texts, checks, kept in result.pending:
            if index is None:  # a post that failed after its check: remembered, not written
                for check in checks:
                    ledger.judge(check, None)
                continue
            record = None  # taken out of the result only for a finding (rare)
            added = 0
            for check in checks:
                for hit in ledger.judge(check, texts):
                    if record is None:
                        record = result.record(index, kept, encoder)
                    issue = check_issue(
                        check.check, hit.message, check.severity, hit.data, check.fails
                    )
                    record["issues"].insert(check.position + added, issue.to_json())
                    added += 1
                    if check.fails and not record.get("failed"):
                        record = _marked_failed(record)
                        result.flagged += 1
            if record is not None:
                result.replace(index, record, encoder)
        result.pending = []
        yield result


def _marked_failed(record: dict[str, Any]) -> dict[str, Any]:
    # post_to_json writes "failed" just before "signature": the same bytes as one process.
    out = {k: v for k, v in record.items() if k != "signature"}
    out["failed"] = True
    out["signature"] = record["signature"]
    return out


def _pickled(record: dict[str, Any]) -> bytes:
    return pickle.dumps(record, protocol=pickle.HIGHEST_PROTOCOL)


def run_inline(pipe: Pipeline, signature: str, batches: Iterable[Batch]) -> Iterator[BatchResult]:
    """The one-process executor (``--jobs 1``)."""
    for batch in batches:
        yield process_batch(pipe, signature, batch)


def peak_rss_kb() -> int:
    """This process's peak resident memory so far (KiB; 0 where the OS does not say)."""
    try:
        import resource
    except ImportError:  # Windows
        return 0
    return int(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)


def crash_if_asked(batch: Batch) -> None:
    """Test hook: kill this process like the OOM killer would when the batch holds the post
    named by ``LOCALIZE_TEST_CRASH_POST``; with ``LOCALIZE_TEST_CRASH_ONCE=FILE`` only the first
    time (FILE marks that it happened). Lets tests crash a real worker without a native bug."""
    target = os.environ.get("LOCALIZE_TEST_CRASH_POST")
    if not target or all(record.id != target for record in batch.records):
        return
    marker = os.environ.get("LOCALIZE_TEST_CRASH_ONCE")
    if marker:
        try:
            with open(marker, "x"):
                pass
        except FileExistsError:
            return
    os.kill(os.getpid(), signal.SIGKILL)
