"""Whether every built-in pipeline is linear in the length of one post (issue 11, case 9).

For each built-in pipeline (its translate step left out, so no model is needed) one post of N
and of 2N characters goes through every other step, ``check`` included; the CPU seconds (best
of ``--runs``) are printed side by side with their ratio: linear work doubles (about 2.0), a
quadratic step quadruples it. Absolute times drift 1.5-2x with the machine's load; the ratio,
measured in one process a moment apart, does not.

Run: ``.venv/bin/python benchmarks/bench_long_posts.py [--chars 200000] [--runs 2]``
"""

from __future__ import annotations

import argparse
import time
from typing import Any

import yaml

from localize.config import parse_pipeline_config
from localize.pipeline import Pipeline
from localize.resources import builtin_pipelines

UNIT = "第12条 软件 @旅游达人 去蒙特利尔看枫叶 http://t.cn/A6x 3.5% [哈哈] #遇见加拿大# 2024年 "


def long_post(chars: int) -> str:
    return (UNIT * (chars // len(UNIT) + 1))[:chars]


def without_translate(name: str) -> Pipeline:
    path = builtin_pipelines()[name]
    data: dict[str, Any] = yaml.safe_load(path.read_text("utf-8"))
    steps = [s for s in data["steps"] if not (isinstance(s, dict) and "translate" in s)]
    return Pipeline(parse_pipeline_config({**data, "steps": steps}, path=path))


def cpu_seconds(pipe: Pipeline, text: str, runs: int) -> float:
    best = float("inf")
    for _ in range(runs):
        started = time.process_time()
        pipe.process_batch([pipe.make_post("p", text)])
        best = min(best, time.process_time() - started)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chars", type=int, default=200_000, help="N (the long post is 2N)")
    parser.add_argument("--runs", type=int, default=2, help="best of this many runs")
    args = parser.parse_args()
    n = args.chars
    print(f"{'pipeline':<16} {f'{n:,} chars':>14} {f'{2 * n:,} chars':>14} {'ratio':>6}")
    for name in builtin_pipelines():
        pipe = without_translate(name)
        pipe.process_batch([pipe.make_post("warm", long_post(2_000))])
        small = cpu_seconds(pipe, long_post(n), args.runs)
        large = cpu_seconds(pipe, long_post(2 * n), args.runs)
        print(f"{name:<16} {small:>13.2f}s {large:>13.2f}s {large / small:>6.2f}", flush=True)


if __name__ == "__main__":
    main()
