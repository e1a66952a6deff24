"""``--executor ray``: input files as shards on a Ray cluster, JSONL shards and a manifest out.

Each input file is one shard. Ray Data hands shards to a fixed pool of actors
(``map_batches`` with ``ActorPoolStrategy``); each actor builds the pipeline once (jieba,
glossary automaton, MT model) and runs its shards through the same readers and batches as
``localize run`` in one process, so a shard's records and rejects are those of the in-process
run on that file. Ray's own ``read_json``/``read_csv`` are not used for the posts: they stop at
the first malformed line and lose line numbers, while our readers set a bad line aside with
its file and line and go on.

Exactly once, at shard level: a shard is written to ``shards/NAME.jsonl.partial``, renamed to
``shards/NAME.jsonl`` when complete, and only then marked done (``shards/NAME.done.json``, with
its counts and the pipeline signature). A rerun skips shards marked done with the same
signature and redoes the others from scratch, so a crash anywhere (an actor, a node, the
driver) costs at most the shards that were in flight. An actor that dies is restarted by Ray
and its shard retried once; a shard that still fails is listed under ``missing`` in the
manifest, and the run exits 1 so a rerun can pick it up.

Ids are checked for duplicates within a shard, and the checks across posts (a sentence translated
two ways, one translation for two sentences) compare the posts of a shard with each other;
across shards neither happens (that would need a global pass over all posts): give files
disjoint ids, or run ``localize run`` in one process to check across files.
"""

from __future__ import annotations

import glob
import hashlib
import json
import logging
import os
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from localize.errors import InputError, LocalizeError
from localize.exec.batches import (
    PipelineSpec,
    crash_if_asked,
    forget_posts,
    make_batches,
    peak_rss_kb,
    process_batch,
)
from localize.io import FORMATS, OutputWriter, RejectWriter, read_records
from localize.io.readers import DEFAULT_MAX_CHARS
from localize.pipeline import Pipeline

# What a folder's files must end with to be read as posts: every format with a reader.
INPUT_SUFFIXES = tuple(
    ext for f in FORMATS.values() if f.reader is not None for ext in f.extensions
)
MANIFEST = "manifest.json"
SHARDS = "shards"
MAX_ATTEMPTS = 2  # a shard whose actor dies is tried once more, like a batch with --jobs


@dataclass(frozen=True)
class ShardOptions:
    fmt: str | None = None
    text_column: str | None = None  # None: the usual names (localize.io.readers)
    id_column: str = "id"
    max_chars: int = DEFAULT_MAX_CHARS
    batch_size: int = 64
    encoding: str | None = None  # of every input (None: as a byte-order mark says, else UTF-8)


@dataclass
class Shard:
    input: str
    name: str
    posts: int = 0
    rejects: int = 0
    flagged: int = 0
    signature: str = ""
    seconds: float = 0.0  # time the actor spent on it (reading, pipeline, writing)
    actor_peak_rss_mb: float = 0.0  # the peak memory of the actor that ran it, when it ended

    @property
    def output(self) -> str:
        return f"{SHARDS}/{self.name}.jsonl"

    @property
    def rejects_file(self) -> str:
        return f"{SHARDS}/{self.name}.rejects.jsonl"


@dataclass
class RayRun:
    """What the manifest records."""

    signature: str
    pipeline: str
    inputs: list[str]
    shards: list[Shard] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)  # inputs whose shard failed: rerun
    skipped: int = 0  # shards already done by an earlier run
    errors: dict[str, str] = field(default_factory=dict)  # input -> what is wrong with it
    exit_code: int = 0  # of the worst error in ``errors`` (2: fix the input or pipeline)

    @property
    def posts(self) -> int:
        return sum(s.posts for s in self.shards)

    @property
    def rejects(self) -> int:
        return sum(s.rejects for s in self.shards)

    @property
    def flagged(self) -> int:
        return sum(s.flagged for s in self.shards)

    def to_json(self) -> dict[str, Any]:
        return {
            "signature": self.signature,
            "pipeline": self.pipeline,
            "inputs": self.inputs,
            "totals": {"posts": self.posts, "rejects": self.rejects, "flagged": self.flagged},
            "shards": [
                {
                    **asdict(s),
                    "output": s.output,
                    "rejects_file": s.rejects_file if s.rejects else None,
                }
                for s in self.shards
            ],
            "missing": self.missing,
            "errors": self.errors,
        }


def _if(condition: int, value: str) -> str | None:
    return value if condition else None


def expand_inputs(inputs: Sequence[str]) -> list[str]:
    """Files, folders (their post files, recursively) and globs, in a stable order."""
    found: list[str] = []
    for item in inputs:
        if item == "-":
            raise InputError("--executor ray reads files, not stdin", hint="Save the posts first.")
        path = Path(item)
        if path.is_dir():
            matches = sorted(
                str(p)
                for p in path.rglob("*")
                if p.is_file() and p.suffix.lower() in INPUT_SUFFIXES
            )
        elif path.is_file():
            matches = [item]
        else:
            matches = sorted(p for p in glob.glob(item, recursive=True) if Path(p).is_file())
        if not matches:
            raise InputError("no input files here", path=item, hint="Check the path or glob.")
        found.extend(m for m in matches if m not in found)
    return found


def shard_name(path: str) -> str:
    """Stable across reruns and unique per file: the file name plus a hash of its full path."""
    digest = hashlib.sha1(str(Path(path).resolve()).encode()).hexdigest()[:10]
    return f"{Path(path).stem}-{digest}"


def _done_marker(out_dir: Path, name: str) -> Path:
    return out_dir / SHARDS / f"{name}.done.json"


def run_shard(
    pipe: Pipeline, signature: str, path: str, out_dir: Path, options: ShardOptions
) -> Shard:
    """One input file through the pipeline into its shard files; the done marker goes last."""
    started = time.perf_counter()
    forget_posts(pipe)  # the shard's findings must not depend on what its actor ran before
    shard = Shard(path, shard_name(path), signature=signature)
    output = out_dir / shard.output
    Path(str(output) + ".partial").unlink(missing_ok=True)  # from a failed attempt
    writer = OutputWriter(str(output), signature=signature)
    rejects = RejectWriter(str(output))
    records = read_records(
        [path],
        fmt=options.fmt,
        text_column=options.text_column,
        id_column=options.id_column,
        max_chars=options.max_chars,
        encoding=options.encoding,
    )
    try:
        for batch in make_batches(records, done=set(), batch_size=options.batch_size):
            crash_if_asked(batch)
            result = process_batch(pipe, signature, batch)
            for item in result.rejects:
                rejects.write(item.to_json())
            writer.write_batch(result.records)
            shard.flagged += result.flagged
    except BaseException:
        rejects.close()
        writer.abort()
        raise
    rejects.close()
    writer.finish()
    shard.posts, shard.rejects = writer.written, rejects.count
    shard.seconds = round(time.perf_counter() - started, 3)
    shard.actor_peak_rss_mb = round(peak_rss_kb() / 1024, 1)
    _write_json_atomic(_done_marker(out_dir, shard.name), asdict(shard))
    _attempts_file(out_dir, shard.name).unlink(missing_ok=True)
    return shard


class ShardActor:
    """A Ray Data actor: builds the pipeline once, then runs the shards it is given."""

    def __init__(
        self,
        spec: PipelineSpec,
        signature: str,
        out_dir: str,
        options: ShardOptions,
        mt_threads: int,
    ) -> None:
        self.pipe = spec.build(mt_threads=mt_threads)
        self.signature = signature
        self.out_dir = Path(out_dir)
        self.options = options

    def __call__(self, batch: dict[str, Any]) -> dict[str, list[Any]]:
        shards = []
        for path in map(str, batch["path"]):
            # Ray restarts a dead actor and retries its shard, without limit by default; a shard
            # that kills its actor every time must not loop forever, so attempts are counted on
            # disk (the actor that died cannot remember) and the third one gives up.
            if _count_attempt(self.out_dir, shard_name(path)) > MAX_ATTEMPTS:
                raise ShardFailed(f"{path}: the actor running it died {MAX_ATTEMPTS} times")
            try:
                shards.append(
                    run_shard(self.pipe, self.signature, path, self.out_dir, self.options)
                )
            except LocalizeError as exc:  # the file as a whole is bad: a rerun will not help
                error = {"error": str(exc), "exit_code": exc.exit_code}
                _write_json_atomic(_error_marker(self.out_dir, shard_name(path)), error)
        return {"shard": [json.dumps(asdict(s)) for s in shards]}


class ShardFailed(RuntimeError):
    """A shard that could not be run; it is left missing for a rerun."""


def _error_marker(out_dir: Path, name: str) -> Path:
    return out_dir / SHARDS / f"{name}.error.json"


def _attempts_file(out_dir: Path, name: str) -> Path:
    return out_dir / SHARDS / f"{name}.attempts"


def _count_attempt(out_dir: Path, name: str) -> int:
    path = _attempts_file(out_dir, name)
    try:
        count = int(path.read_text(encoding="utf-8")) + 1
    except (FileNotFoundError, ValueError):
        count = 1
    path.write_text(str(count), encoding="utf-8")
    return count


def run_ray(
    spec: PipelineSpec,
    inputs: Sequence[str],
    out_dir: Path,
    *,
    jobs: int,
    options: ShardOptions = ShardOptions(),
    address: str | None = None,
    show_progress: bool = False,
) -> RayRun:
    """Run every input file not already done into ``out_dir``; write and return the manifest."""
    import ray
    import ray.data

    pipe = spec.build()  # a bad pipeline stops here, before Ray starts
    signature = pipe.signature()
    gpus_per_actor = gpus_for(pipe)
    paths = expand_inputs(inputs)
    run = RayRun(signature, str(spec.path), paths)
    (out_dir / SHARDS).mkdir(parents=True, exist_ok=True)
    todo: list[str] = []
    for path in paths:
        done = _read_done(out_dir, shard_name(path))
        if done is None:
            todo.append(path)
        elif done.signature != signature:
            raise InputError(
                f"{out_dir} holds shards made by another pipeline or version\n"
                f"  theirs: {done.signature}\n  yours:  {signature}",
                path=out_dir / done.output,
                hint="Write to a new folder, or delete this one to start over.",
            )
    run.skipped = len(paths) - len(todo)
    for path in todo:  # a rerun gives failed shards their attempts again
        _attempts_file(out_dir, shard_name(path)).unlink(missing_ok=True)
        _error_marker(out_dir, shard_name(path)).unlink(missing_ok=True)
    if todo:
        if not ray.is_initialized():
            ray.init(address=address, include_dashboard=False, logging_level=logging.WARNING)
        context = ray.data.DataContext.get_current()
        context.enable_progress_bars = show_progress
        context.max_errored_blocks = -1  # a shard that keeps failing is reported, not fatal
        dataset = ray.data.from_items(
            [{"path": p} for p in todo], override_num_blocks=len(todo)
        ).map_batches(
            ShardActor,
            fn_constructor_kwargs={
                "spec": spec,
                "signature": signature,
                "out_dir": str(out_dir.resolve()),
                "options": options,
                # One core per actor (num_cpus=1 below), so one CTranslate2 thread on CPU.
                "mt_threads": 1 if gpus_per_actor == 0 else 0,
            },
            compute=ray.data.ActorPoolStrategy(size=jobs),
            batch_size=1,
            num_cpus=1,
            num_gpus=gpus_per_actor or None,
            # Ray Data's defaults replace a dead actor and retry its shard (see ShardActor).
        )
        for _row in dataset.iter_rows():
            pass  # the done markers are the record; this only drives the run to its end
    for path in paths:
        done = _read_done(out_dir, shard_name(path))
        if done is not None:
            run.shards.append(done)
            continue
        run.missing.append(path)
        try:
            error = json.loads(_error_marker(out_dir, shard_name(path)).read_text("utf-8"))
        except FileNotFoundError:
            continue
        run.errors[path] = error["error"]
        run.exit_code = max(run.exit_code, int(error["exit_code"]))
    _write_json_atomic(out_dir / MANIFEST, run.to_json())
    return run


def gpus_for(pipe: Pipeline) -> float:
    """One GPU per actor when the pipeline translates on CUDA (the model loads once per actor)."""
    on_cuda = any(
        bound.step.name == "translate" and bound.step.options.device == "cuda"
        for bound in pipe.steps
    )
    return 1.0 if on_cuda else 0.0


def _read_done(out_dir: Path, name: str) -> Shard | None:
    try:
        data = json.loads(_done_marker(out_dir, name).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    return Shard(**data)


def _write_json_atomic(path: Path, data: dict[str, Any]) -> None:
    partial = path.with_name(path.name + ".partial")
    partial.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    os.replace(partial, path)
