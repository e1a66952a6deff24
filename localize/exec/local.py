"""``--jobs N``: batches run in N worker processes, results come back in input order.

jieba and the Python steps hold the GIL, so threads cannot use a second core; processes can.
On Linux the workers are forked from this process once it has built the pipeline, and run
that pipeline; elsewhere, or while this process runs another thread, they are forked from a
fork server that has imported the code and loaded jieba's dictionary once for all of them, and
each builds the pipeline once when it starts (see :mod:`localize.exec.forkserver`), given the
environment of the process that starts it, as a spawned worker would have been (the server kept
the one it started with). Either way each loads its MT model itself, with CTranslate2's threads
divided between the workers.

Why not ``concurrent.futures.ProcessPoolExecutor``: when one of its workers dies (a segfault
in a native library, the OOM killer), every pending future fails with ``BrokenProcessPool`` and
nothing says which batch killed it. Here each worker has its own pipe and answers its batches in
the order it got them, so the first unanswered batch of a dead worker is the one it died on:
that batch is retried once in a fresh worker, then its posts are rejected with the reason, and
the batches queued behind it are simply sent again. (``pebble`` does this per task, but it is
LGPL; the loop below is small.)
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import secrets
import signal
import traceback
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from typing import Any

from localize.errors import LocalizeError
from localize.exec.batches import (
    Batch,
    BatchResult,
    PipelineSpec,
    cap_mt_threads,
    crash_if_asked,
    defer_across_posts,
    judge_across_posts,
    peak_rss_kb,
    process_batch,
)
from localize.exec.forkserver import available_cores, forks_here, worker_context
from localize.io import Reject
from localize.io.writers import Encoder
from localize.pipeline import Pipeline

# Batches sent to a worker before it answers the first: it never waits for the next one.
IN_FLIGHT = 4
# How far ahead of the oldest unfinished batch the workers may run: bounds the results held
# back for ordering, so memory stays flat however long the input is.
WINDOW_PER_WORKER = 8
# Room in each pipe (Linux; the default is 64 KiB, and 1 MiB the usual limit without privileges).
PIPE_BYTES = 1 << 20


class WorkerError(RuntimeError):
    """A worker hit a bug (not a bad post, not a crash): the run stops, as with one job."""


@dataclass
class _Worker:
    process: Any  # multiprocessing's Process (its type depends on the start method)
    tasks: Connection  # batches to the worker
    results: Connection  # its answers
    sent: deque[Batch] = field(default_factory=deque)  # answered in this order
    ready: bool = False  # it has built its pipeline

    def send(self, batch: Batch) -> None:
        self.sent.append(batch)
        # A worker that died since the last look (a crash, or an error it reported while
        # building its pipeline) has closed its end: the wait sees it dead, reads what it said,
        # and its batches go to a fresh worker as if it had died holding them.
        with contextlib.suppress(OSError):
            self.tasks.send(batch)

    def stop(self) -> None:
        with contextlib.suppress(OSError):
            self.tasks.send(None)
        self.tasks.close()

    def kill(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.tasks.close()
        self.results.close()
        self.process.join(timeout=5)

    def exit_reason(self) -> str:
        self.process.join(timeout=5)
        code = self.process.exitcode
        if code is not None and code < 0:
            try:
                return f"killed by {signal.Signals(-code).name}"
            except ValueError:
                return f"killed by signal {-code}"
        return f"exit code {code}"


def _worker_main(
    tasks: Connection,
    results: Connection,
    origin: PipelineSpec | Pipeline,
    signature: str,
    mt_threads: int,
    after_first_batch: Callable[[], None] | None,
    environment: dict[str, str],
    inherited: list[Connection],
) -> None:
    """``origin``: the pipeline itself where this worker was forked from the process that built
    it, else what to build it from. ``inherited``: that process's ends of the other workers'
    pipes, which a fork copied here: closed, so that those workers see it when it goes."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    for conn in inherited:
        conn.close()
    if os.environ != environment:  # forked from the server: its environment is not ours
        os.environ.clear()
        os.environ.update(environment)
    if isinstance(origin, Pipeline):
        pipe = origin
        cap_mt_threads(pipe, mt_threads)
    else:
        try:
            pipe = origin.build(mt_threads=mt_threads)
        except LocalizeError as exc:
            results.send(("error", exc))
            return
    defer_across_posts(pipe)  # the parent judges consistency across every worker's posts
    results.send(("ready", None))
    while True:
        try:
            batch = tasks.recv()
        except EOFError:  # the parent is gone (even kill -9): stop too
            return
        if batch is None:
            return
        crash_if_asked(batch)
        try:
            result = process_batch(pipe, signature, batch)
        except LocalizeError as exc:  # e.g. a missing model: the user must fix it
            results.send(("error", exc))
            return
        except Exception:
            results.send(("bug", traceback.format_exc()))
            return
        if after_first_batch is not None:
            after_first_batch()  # e.g. the CLI's garbage-collector policy
            after_first_batch = None
        result.peak_rss_kb = peak_rss_kb()
        try:
            results.send(("done", result))
        except OSError:
            return


def run_processes(
    spec: PipelineSpec,
    signature: str,
    batches: Iterable[Batch],
    *,
    jobs: int,
    mt_threads: int | None = None,
    after_first_batch: Callable[[], None] | None = None,
    encoder: Encoder | None = None,
    pipeline: Pipeline | None = None,
) -> Iterator[BatchResult]:
    """Results of ``batches`` from ``jobs`` worker processes, in sequence order.

    ``pipeline``: the one ``spec`` builds, already built here (and not run): where this process
    can fork (:func:`~localize.exec.forkserver.forks_here` when the first worker starts), the
    workers are forked from it and run that pipeline, building nothing again.
    ``mt_threads``: CTranslate2 threads per worker (default: the cores divided by ``jobs``).
    ``after_first_batch``: a module-level function each worker calls once its first batch has
    built everything long-lived (it must pickle by name).
    ``encoder``: the output's; once it is settled, the workers send their records as its text
    (``BatchResult.lines``): encoding them, and pickling them as objects, would cost this
    process as much CPU as reading the input does.
    """
    return judge_across_posts(
        _in_workers(
            spec,
            signature,
            batches,
            jobs=jobs,
            mt_threads=mt_threads,
            after_first_batch=after_first_batch,
            encoder=encoder,
            pipeline=pipeline,
        ),
        encoder,
    )


def _in_workers(
    spec: PipelineSpec,
    signature: str,
    batches: Iterable[Batch],
    *,
    jobs: int,
    mt_threads: int | None,
    after_first_batch: Callable[[], None] | None,
    encoder: Encoder | None = None,
    pipeline: Pipeline | None = None,
) -> Iterator[BatchResult]:
    if mt_threads is None:
        mt_threads = max(1, available_cores() // jobs)
    # Decided once for the run, so that a worker started after a crash starts as the others did
    # (same pipeline, same string-hash seed). This process starts no thread while they run.
    origin: PipelineSpec | Pipeline = spec
    if pipeline is not None and forks_here():
        pipeline.load()  # once here, for every worker, instead of in each on its first post
        if forks_here():  # (no built-in step's load starts a thread; a plugin step's might)
            origin = pipeline
    here = isinstance(origin, Pipeline)
    context = multiprocessing.get_context("fork") if here else worker_context()
    # One string-hash seed for every worker of the run (a retry's too): the sentence hashes
    # they send for the checks across posts must compare. Workers forked from this process or
    # from the fork server share its seed anyway; spawned ones (no fork server) get this one.
    hash_seed = os.environ.get("PYTHONHASHSEED") or str(secrets.randbelow(2**32 - 1) + 1)

    def start() -> _Worker:
        # Two one-way pipes, made roomy: neither side waits for the other to read, even on a
        # busy machine where the parent is slow to be scheduled (a batch's output is ~100 KB,
        # more than a default 64 KiB pipe holds). What a worker wrote before dying stays
        # readable.
        task_reader, task_writer = context.Pipe(duplex=False)
        result_reader, result_writer = context.Pipe(duplex=False)
        _grow_pipe(task_writer)
        _grow_pipe(result_writer)
        # A forked worker gets a copy of this process's ends of the other workers' pipes.
        inherited = [conn for w in workers for conn in (w.tasks, w.results)] if here else []
        process = context.Process(
            target=_worker_main,
            args=(
                task_reader,
                result_writer,
                origin,
                signature,
                mt_threads,
                after_first_batch,
                dict(os.environ),
                inherited,
            ),
            daemon=True,
        )
        with _environment(PYTHONHASHSEED=hash_seed) if not here else contextlib.nullcontext():
            process.start()
        task_reader.close()
        result_writer.close()
        return _Worker(process, task_writer, result_reader)

    workers: list[_Worker] = []
    for _ in range(jobs):
        workers.append(start())
    source = iter(batches)
    peeked: Batch | None = None
    exhausted = False
    source_error: Exception | None = None
    again: deque[Batch] = deque()  # batches to send before new ones (crash victims)
    retried: set[int] = set()
    finished: dict[int, BatchResult] = {}
    next_seq = 0
    window = WINDOW_PER_WORKER * jobs

    def take() -> Batch | None:
        nonlocal peeked, exhausted, source_error
        if again:
            return again.popleft()
        while peeked is None and not exhausted:
            try:
                peeked = next(source, None)
            except Exception as exc:  # a bad input file: stop reading, finish what was read
                source_error, peeked = exc, None
            exhausted = peeked is None
            if peeked is not None and not peeked.records:  # only rejects: nothing to run
                finished[peeked.seq] = BatchResult(peeked.seq, [], 0, peeked.rejects)
                peeked = None
        if peeked is None or peeked.seq >= next_seq + window:
            return None
        batch, peeked = peeked, None
        return batch

    try:
        while True:
            for worker in workers:
                while len(worker.sent) < IN_FLIGHT and (batch := take()) is not None:
                    batch.encoder = encoder.settled() if encoder is not None else None
                    worker.send(batch)
            busy = [w for w in workers if w.sent]
            if not busy and not finished:
                break
            if busy:
                ready = wait([w.results for w in busy] + [w.process.sentinel for w in busy])
                for index, worker in enumerate(workers):
                    woke = worker.results in ready or worker.process.sentinel in ready
                    if worker.sent and woke and not _drain(worker, finished):
                        workers[index] = start()
                        _after_crash(worker, again, retried, finished)
            while next_seq in finished:
                yield finished.pop(next_seq)
                next_seq += 1
    except BaseException:
        for worker in workers:
            worker.kill()
        raise
    for worker in workers:
        worker.stop()
    for worker in workers:
        worker.process.join(timeout=10)
        if worker.process.is_alive():
            worker.kill()
    if source_error is not None:
        raise source_error


def _after_crash(
    worker: _Worker, again: deque[Batch], retried: set[int], finished: dict[int, BatchResult]
) -> None:
    """The first unanswered batch of a dead worker killed it: retry it once in a fresh worker,
    then reject its posts; batches queued behind it were not started and are just sent again.
    A worker that dies before its pipeline is built would die again: that stops the run."""
    reason = worker.exit_reason()
    worker.kill()
    if not worker.ready:
        raise WorkerError(
            f"a worker process died while starting ({reason}); run with --jobs 1 to see why"
        )
    if not worker.sent:
        return
    victim = worker.sent.popleft()
    requeue = list(worker.sent)
    worker.sent.clear()
    if victim.seq in retried:
        finished[victim.seq] = _rejected(victim, reason)
    else:
        retried.add(victim.seq)
        requeue.insert(0, victim)
    again.extendleft(reversed(requeue))


@contextlib.contextmanager
def _environment(**values: str) -> Iterator[None]:
    """These environment variables for a child started inside the block (spawn copies the
    parent's environment); the parent's own are put back after."""
    saved = {name: os.environ.get(name) for name in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def _grow_pipe(conn: Connection, size: int = PIPE_BYTES) -> None:
    try:
        import fcntl

        fcntl.fcntl(conn.fileno(), fcntl.F_SETPIPE_SZ, size)
    except (ImportError, AttributeError, OSError):  # not Linux, or over the system's limit
        pass


def _drain(worker: _Worker, finished: dict[int, BatchResult]) -> bool:
    """Take every answer waiting in the worker's pipe; False if the worker died."""
    try:
        while worker.results.poll():
            kind, payload = worker.results.recv()
            if kind == "ready":
                worker.ready = True
            elif kind == "done":
                worker.sent.popleft()
                finished[payload.seq] = payload
            elif kind == "error":
                raise payload
            else:
                raise WorkerError(f"a worker process failed:\n{payload}")
    except (EOFError, OSError):
        return False
    return worker.process.is_alive()


def _rejected(batch: Batch, reason: str) -> BatchResult:
    """The posts of a batch that killed its worker twice, each rejected with the reason."""
    first, last = batch.records[0], batch.records[-1]
    span = f"{first.path}:{first.line}-{last.line}"
    why = (
        f"processing failed: the worker process died ({reason}) twice on the batch holding this"
        f" post ({span}); run it alone with --jobs 1 to find the cause"
    )
    rejects = [Reject(r.path, r.line, why, r.text[:200], r.id) for r in batch.records]
    return BatchResult(batch.seq, [], 0, [*batch.rejects, *rejects])
