"""How fast ``localize check`` starts, and whether its memory stays flat as inputs grow.

1. Cold start: wall time of a fresh ``localize check SOURCE TARGET`` process on one post, with
   and without the four starter glossaries (median of several runs; target < 0.5 s).
2. ``localize check out.jsonl --pipeline NAME`` on one post for every built-in pipeline (its
   four starter glossaries, its target): the first run with an empty glossary cache, then the
   median of later runs, which read the derived Traditional forms from the cache (target
   < 0.5 s).
3. Memory: peak RSS of one process checking 1,000 and then 10,000 posts (with glossaries),
   printed side by side with their ratio (flat memory: close to 1).

Run: ``.venv/bin/python benchmarks/bench_check.py [--runs 7]``
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GLOSSARIES = sorted((ROOT / "glossaries").glob("*.yaml"))

# Runs the real CLI (`localize check ...`) in a child process and reports the child's own peak
# RSS (KiB on Linux) on stderr.
CHILD = """
import resource, sys
from localize.cli import main
try:
    main(sys.argv[1:])
except SystemExit:
    pass
print("MAXRSS", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)
"""

SOURCE = (
    "#遇见加拿大# 第{n}天：从温哥华飞往多伦多只要4个半小时，尼亚加拉瀑布夜景每晚10点开始🎆"
    " @旅游达人 详情 http://t.cn/A6x{n} [哈哈] 门票{n}元，十五个人一起去一心一意"
)
TARGET = (
    "#Meeting Canada# Day {n}: Vancouver to Toronto is only a 4.5-hour flight, and the Niagara"
    " Falls night show starts at 10 pm every evening🎆 @旅游达人 details http://t.cn/A6x{n}"
    " [哈哈] Tickets {n} yuan, fifteen of us went wholeheartedly"
)


def _write(folder: Path, count: int) -> tuple[Path, Path]:
    src, tgt = folder / f"src-{count}.jsonl", folder / f"tgt-{count}.jsonl"
    with src.open("w", encoding="utf-8") as s, tgt.open("w", encoding="utf-8") as t:
        for n in range(count):
            s.write(
                json.dumps({"id": str(n), "text": SOURCE.format(n=n), "lang": "zh-Hans"}) + "\n"
            )
            t.write(json.dumps({"id": str(n), "text": TARGET.format(n=n), "lang": "en"}) + "\n")
    return src, tgt


# CPU seconds (user + system) of each child run, in order: on a loaded machine wall time
# includes waiting for a core, CPU time much less so.
CPU: list[float] = []


def _run(args: list[str], env: dict[str, str] | None = None) -> tuple[float, int, str]:
    """Wall time, peak RSS (KiB) and stdout of one child; its CPU time is added to CPU."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-c", CHILD, "check", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
    )
    elapsed = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    CPU.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
    rss = next(
        int(line.split()[1]) for line in proc.stderr.splitlines() if line.startswith("MAXRSS")
    )
    return elapsed, rss, proc.stdout


def _run_output(folder: Path, pipeline: Path) -> Path:
    """One post as `localize run` writes it for ``pipeline`` (source and target by locale)."""
    text = pipeline.read_text(encoding="utf-8")
    source = "en" if "\nsource: en" in text else "zh"
    target = text.split("\ntarget: ", 1)[1].split()[0]
    zh_source, en_target = SOURCE.format(n=1), TARGET.format(n=1)
    post = {
        "id": "1",
        "text": en_target if source == "en" else zh_source,
        "result": en_target if target == "en" else zh_source,
        "locale": target,
    }
    path = folder / f"{pipeline.stem}.jsonl"
    path.write_text(json.dumps(post, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    glossary_args = [a for g in GLOSSARIES for a in ("--glossary", str(g))]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        one_src, one_tgt = _write(folder, 1)
        plain = [_run([str(one_src), str(one_tgt)])[0] for _ in range(args.runs)]
        plain_cpu = statistics.median(CPU[-args.runs :])
        with_g = [_run([str(one_src), str(one_tgt), *glossary_args])[0] for _ in range(args.runs)]
        with_cpu = statistics.median(CPU[-args.runs :])
        print(f"cold start, one post ({args.runs} runs, median; target < 0.5 s)")
        print(
            f"  no glossary:           {statistics.median(plain):.3f} s  (min {min(plain):.3f},"
            f" CPU {plain_cpu:.3f} s)"
        )
        print(
            f"  {len(GLOSSARIES)} glossaries:         {statistics.median(with_g):.3f} s"
            f"  (min {min(with_g):.3f}, CPU {with_cpu:.3f} s)"
        )
        print()
        print(f"cold start, `check out.jsonl --pipeline NAME`, one post ({args.runs} runs)")
        print("  pipeline         first run (empty cache)   later runs: median (min), CPU median")
        for pipeline in sorted((ROOT / "pipelines").glob("*.yaml")):
            out = _run_output(folder, pipeline)
            env = {**os.environ, "LOCALIZE_GLOSSARY_CACHE": str(folder / f"cache-{pipeline.stem}")}
            first = _run([str(out), "--pipeline", pipeline.stem], env)[0]
            later = [
                _run([str(out), "--pipeline", pipeline.stem], env)[0] for _ in range(args.runs)
            ]
            cpu = statistics.median(CPU[-args.runs :])
            print(
                f"  {pipeline.stem:<16} {first:8.3f} s                 "
                f"{statistics.median(later):.3f} s ({min(later):.3f}), CPU {cpu:.3f} s"
            )
        print()
        rows = []
        for count in (1_000, 10_000):
            src, tgt = _write(folder, count)
            elapsed, rss, out = _run([str(src), str(tgt), *glossary_args, "--fail-on", "never"])
            rows.append((count, elapsed, rss, out.strip().splitlines()[-1]))
        print("memory, with glossaries      1,000 posts   10,000 posts   ratio")
        (n1, t1, r1, _), (n2, t2, r2, summary) = rows
        print(f"  peak RSS (MiB)            {r1 / 1024:11.1f}   {r2 / 1024:12.1f}   {r2 / r1:5.2f}")
        print(f"  wall time (s)             {t1:11.2f}   {t2:12.2f}   {t2 / t1:5.2f}")
        print(f"  posts/s                   {n1 / t1:11.0f}   {n2 / t2:12.0f}")
        print(f"  last summary: {summary}")


if __name__ == "__main__":
    main()
