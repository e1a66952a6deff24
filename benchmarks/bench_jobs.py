"""``localize run --jobs 2`` against ``--jobs 1``, side by side in one run.

1. Throughput: the built-in ``weibo-zh-tw`` pipeline over the same generated Weibo-style posts
   (20,000 by default), through the real command (``python -m localize run ... -q``), rounds
   alternating between 1 and 2 jobs; prints posts/s of each (best round) and the ratio (target:
   >= 1.7x), both with and without start-up (start-up measured on a 10-post input, same round).
   The two outputs are compared byte for byte. Next to it, the ceiling on this machine, measured
   in the same rounds: two ``--jobs 1`` commands started at once, each on one half of the same
   posts (no coordination at all), against one ``--jobs 1`` on all of them.
2. Memory: the same executor the command uses, with 2 workers, over 10,000 and 100,000 posts;
   prints each worker's peak resident memory (target: flat).

The machine is shared and noisy: only the ratios of runs made side by side mean anything.

    .venv/bin/python benchmarks/bench_jobs.py [--posts 20000] [--rounds 2]
        [--memory 10000,100000]
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_spine import DECORATIONS, ROOT

from localize.exec import PipelineSpec, make_batches
from localize.exec.forkserver import available_cores
from localize.exec.local import run_processes
from localize.io import read_records
from localize.testing.tatoeba import TATOEBA

PIPELINE = ROOT / "pipelines" / "weibo-zh-tw.yaml"


def write_posts(path: Path, count: int, seed: int = 7) -> Path:
    lines = TATOEBA.read_text(encoding="utf-8")
    sentences = [line.split("\t")[1] for line in lines.splitlines() if "\t" in line]
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8") as handle:
        for i in range(count):
            body = "".join(rng.choice(sentences) for _ in range(rng.randint(2, 5)))
            text = rng.choice(DECORATIONS) + body + rng.choice(DECORATIONS)
            handle.write(json.dumps({"id": f"w{i}", "text": text}, ensure_ascii=False) + "\n")
    return path


def adopt_orphans() -> None:
    """Become the parent of the processes the command leaves behind (Linux): its workers'
    fork server outlives it by a moment, and a process's CPU time only reaches its parent's
    RUSAGE_CHILDREN when the parent waits for it."""
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(36, 1, 0, 0, 0)  # PR_SET_CHILD_SUBREAPER
    except (OSError, AttributeError):  # not Linux: the CPU figure leaves the workers out
        pass


def reap_orphans() -> None:
    """Wait for every child left (this process starts none of its own while timing)."""
    while True:
        try:
            os.waitpid(-1, 0)
        except ChildProcessError:
            return


def timed_run(src: Path, out: Path, jobs: int) -> tuple[float, float]:
    """Wall seconds and CPU seconds (the command and its workers, user + system)."""
    return timed_together([(src, out)], jobs)


def timed_together(runs: list[tuple[Path, Path]], jobs: int) -> tuple[float, float]:
    """One command per (input, output), all started at once: wall seconds until the last ends,
    and the CPU seconds of all of them (with their workers, user + system)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    base = [sys.executable, "-m", "localize", "run", str(PIPELINE), "-q", "--jobs", str(jobs)]
    commands = [[*base, str(src), "-o", str(out)] for src, out in runs]
    processes = [subprocess.Popen(command) for command in commands]
    for process, command in zip(processes, commands, strict=True):
        if process.wait() != 0:
            raise subprocess.CalledProcessError(process.returncode, command)
    wall = time.perf_counter() - start
    reap_orphans()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def split_in_halves(src: Path, work: Path) -> list[tuple[Path, Path]]:
    """The posts of ``src`` as two inputs (first half, second half), each with its output."""
    lines = src.read_text(encoding="utf-8").splitlines(keepends=True)
    middle = len(lines) // 2
    runs = []
    for name, part in (("first", lines[:middle]), ("second", lines[middle:])):
        half = work / f"half-{name}.jsonl"
        half.write_text("".join(part), encoding="utf-8")
        runs.append((half, work / f"out-half-{name}.jsonl"))
    return runs


def throughput(work: Path, posts: int, rounds: int) -> None:
    src = write_posts(work / "posts.jsonl", posts)
    tiny = write_posts(work / "tiny.jsonl", 10, seed=8)
    for jobs in (1, 2):  # warm the glossary parse cache and the OS file cache
        timed_run(tiny, work / "warm.jsonl", jobs)
    halves = split_in_halves(src, work)
    runs: dict[int, list[tuple[float, float, float]]] = {1: [], 2: []}
    apart: list[float] = []  # two --jobs 1 on the two halves at once
    for round_ in range(rounds):
        # Alternate which comes first: a round's first run meets a different load than its last.
        order = ["one", "two", "halves"] if round_ % 2 == 0 else ["halves", "two", "one"]
        for kind in order:
            if kind == "halves":
                apart.append(timed_together(halves, 1)[0])
                continue
            jobs = 1 if kind == "one" else 2
            startup, _ = timed_run(tiny, work / f"tiny-{jobs}.jsonl", jobs)
            total, cpu = timed_run(src, work / f"out-{jobs}.jsonl", jobs)
            runs[jobs].append((total, startup, cpu))
    same = (work / "out-1.jsonl").read_bytes() == (work / "out-2.jsonl").read_bytes()
    print(f"throughput: weibo-zh-tw, {posts:,} posts, best of {rounds} rounds")
    best = {jobs: min(r, key=lambda x: x[0]) for jobs, r in runs.items()}
    for jobs, (total, startup, cpu) in best.items():
        print(
            f"  --jobs {jobs}: {total:6.2f} s = {posts / total:7.0f} posts/s"
            f"  (start-up {startup:.2f} s; without it {posts / (total - startup):7.0f} posts/s;"
            f" {cpu:.1f} CPU-s)"
        )
    (t1, s1, c1), (t2, s2, c2) = best[1], best[2]
    without = (t1 - s1) / (t2 - s2)
    print(f"  ratio --jobs 2 / --jobs 1: {t1 / t2:.2f}x   without start-up: {without:.2f}x")
    ceiling = t1 / min(apart)
    print(
        f"  ceiling on this machine: {ceiling:.2f}x = one --jobs 1 on all the posts / two"
        f" --jobs 1 started at once, each on half ({min(apart):.2f} s)\n"
        f"  --jobs 2 / ceiling: {t1 / t2:.2f}x / {ceiling:.2f}x = {t1 / t2 / ceiling:.0%}"
    )
    print(f"  CPU-s --jobs 2 / --jobs 1: {c2 / c1:.2f} (the cost of the workers' start-up and IPC)")
    print(f"  outputs byte-identical: {same}")


def memory(work: Path, sizes: list[int]) -> None:
    print("memory: peak resident set of each of 2 workers")
    spec = PipelineSpec(PIPELINE)
    pipe = spec.build()  # as the command does: workers are forked with it where they can be
    signature = pipe.signature()
    peaks: dict[int, list[float]] = {}
    for size in sizes:
        src = write_posts(work / f"mem-{size}.jsonl", size)
        batches = make_batches(read_records([str(src)]), done=set(), batch_size=64)
        per_worker: dict[int, int] = {}
        start = time.perf_counter()
        for result in run_processes(spec, signature, batches, jobs=2, pipeline=pipe):
            per_worker[result.worker] = max(per_worker.get(result.worker, 0), result.peak_rss_kb)
        seconds = time.perf_counter() - start
        peaks[size] = sorted(kb / 1024 for kb in per_worker.values())
        shown = ", ".join(f"{mb:.0f} MB" for mb in peaks[size])
        print(f"  {size:>7,} posts: {shown}  ({size / seconds:.0f} posts/s)")
    low, high = min(sizes), max(sizes)
    growth = max(peaks[high]) / max(peaks[low])
    print(f"  largest worker at {high:,} / at {low:,} posts: {growth:.2f}x (flat: ~1.0x)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=20_000)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--memory", default="10000,100000", help="post counts, comma-separated")
    args = parser.parse_args()
    print(f"cores available: {available_cores()}; load average: {os.getloadavg()[0]:.2f}")
    autogroup = Path("/proc/sys/kernel/sched_autogroup_enabled")
    if autogroup.exists() and autogroup.read_text().strip() == "1":
        print(
            "note: the kernel shares CPU between sessions (autogroup): while other sessions keep"
            " the cores busy, 2 workers get no more CPU than 1 process"
        )
    adopt_orphans()
    # Byte-compiled first, as an installed package is: with PYTHONDONTWRITEBYTECODE set (as on
    # the development machine) every command would compile localize's modules again (~0.15 s
    # of each start-up, for --jobs 1 and 2 alike).
    compileall.compile_dir(ROOT / "localize", quiet=1)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        os.environ["XDG_CACHE_HOME"] = str(work / "cache")  # a private glossary cache
        throughput(work, args.posts, args.rounds)
        memory(work, [int(n) for n in args.memory.split(",")])
    print(f"load average at the end: {os.getloadavg()[0]:.2f} (other users share these cores)")


if __name__ == "__main__":
    main()
