"""Non-MT steps vs jieba alone, side by side in one run.

Times the spine's steps (normalize, protect, segment, convert s2twp with jieba segmentation,
restore; posts made from raw text included) over a few MB of Weibo-style Chinese against
``jieba.lcut`` alone on the same texts, and prints the ratio (target: <= 1.2x). For information
it also times the whole built-in ``weibo-zh-tw`` pipeline, which adds glossary matching
(``terms``) and a ``check`` step (target: <= 1.5x), the same pipeline without ``check`` (what it
would cost with a free check: the ceiling of what making ``check`` cheaper can give), the
difference (what ``check`` costs), and the ``segment`` step alone (the floor of any pipeline
that runs jieba).
Each pipeline runs batch by batch, with ``jieba.lcut`` on the same batch timed right before
it (a load that comes and goes hits both alike); a round's ratio is the pipeline's time over
jieba's, and the median of the rounds is printed with the lowest and highest. Then the spine and
``weibo-zh-tw`` step by step: each step's CPU time against jieba alone on the same batch.
Wall and CPU time are both printed; on a shared machine the CPU ratios are the steadier.

    .venv/bin/python benchmarks/bench_spine.py [--mb 3] [--rounds 3]
"""

from __future__ import annotations

import argparse
import random
import time
from dataclasses import replace
from pathlib import Path
from statistics import median

import jieba

from localize.cli.gc_policy import freeze_long_lived
from localize.config import load_pipeline_config
from localize.pipeline import Pipeline

ROOT = Path(__file__).resolve().parent.parent
DECORATIONS = [
    "#遇见加拿大# ",
    "@旅游达人 ",
    " [哈哈]",
    " http://t.cn/A6xYz12",
    " 🍁",
    "//@加拿大驻华使馆: ",
    " [爱你]",
    " 👨\u200d👩\u200d👧",
    "\u200b",
]


def corpus(megabytes: float) -> list[str]:
    lines = (
        (ROOT / "localize" / "testing" / "data" / "tatoeba" / "cmn-eng.txt")
        .read_text(encoding="utf-8")
        .splitlines()
    )
    sentences = [line.split("\t")[1] for line in lines if "\t" in line]
    rng = random.Random(7)
    posts, size = [], 0
    while size < megabytes * 1_000_000:
        body = "".join(rng.choice(sentences) for _ in range(rng.randint(3, 8)))
        post = rng.choice(DECORATIONS) + body + rng.choice(DECORATIONS)
        posts.append(post)
        size += len(post.encode("utf-8"))
    return posts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=3.0, help="MB of text (UTF-8)")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    posts = corpus(args.mb)
    mb = sum(len(p.encode("utf-8")) for p in posts) / 1e6
    spine = Pipeline.from_dict(
        {
            "name": "spine",
            "steps": [
                "normalize",
                "protect",
                "segment",
                {"convert": {"config": "s2twp", "segmentation": "jieba"}},
                "restore",
            ],
        }
    )
    full = Pipeline.from_yaml(ROOT / "pipelines" / "weibo-zh-tw.yaml")
    # The same pipeline without its check step, to show what the QA gate costs.
    config = load_pipeline_config(ROOT / "pipelines" / "weibo-zh-tw.yaml")
    unchecked = Pipeline(replace(config, steps=[s for s in config.steps if s.name != "check"]))
    # The floor of any pipeline that segments with jieba: the segment step alone (posts made
    # from raw text included). weibo-zh-tw can get no closer to jieba.lcut than this plus its
    # other steps, whatever its check costs.
    segment_only = Pipeline.from_dict({"name": "segment-only", "steps": ["segment"]})
    jieba.setLogLevel(60)
    jieba.lcut("预热")
    for pipe in (spine, full, unchecked, segment_only):
        pipe.process_batch([pipe.make_post("warm", "预热 @旅游达人 蒙特利尔")])
    # The garbage-collector policy of `localize run` after its first batch (jieba, glossary and
    # matchers loaded); the library itself leaves the collector alone (localize/cli/gc_policy.py).
    freeze_long_lived()

    # Each pipeline runs batch by batch with jieba.lcut on the same batch timed right before it,
    # so a load that comes and goes (this machine's second core is often busy; a busy sibling
    # slows CPU time too) hits both alike. The ratio of a round is the pipeline's time over
    # jieba's in that round; the median of the rounds is printed, with the lowest and highest.
    def side_by_side(pipe: Pipeline) -> tuple[float, float, float, float]:
        wall = cpu = jieba_wall = jieba_cpu = 0.0
        for i in range(0, len(posts), 64):
            texts = posts[i : i + 64]
            start, clock = time.perf_counter(), time.process_time()
            for text in texts:
                jieba.lcut(text)
            jieba_wall += time.perf_counter() - start
            jieba_cpu += time.process_time() - clock
            start, clock = time.perf_counter(), time.process_time()
            batch = [pipe.make_post(str(j), t) for j, t in enumerate(texts, start=i)]
            pipe.process_batch(batch)
            wall += time.perf_counter() - start
            cpu += time.process_time() - clock
        return wall, cpu, jieba_wall, jieba_cpu

    pipes = {"segment": segment_only, "spine": spine, "unchecked": unchecked, "full": full}
    rounds: dict[str, list[tuple[float, float, float, float]]] = {name: [] for name in pipes}
    for _ in range(args.rounds):  # alternated, so that noise hits all alike
        for name, pipe in pipes.items():
            rounds[name].append(side_by_side(pipe))
    print(f"text: {len(posts):,} posts, {mb:.2f} MB, {args.rounds} rounds")
    labels = {
        "segment": "floor: segment step alone",
        "spine": "spine steps (no MT)",
        "unchecked": "weibo-zh-tw without check",
        "full": "weibo-zh-tw (+ terms, check)",
    }
    # One row per pipeline, plain cells (tools/compare_benchmarks.py reads them by column).
    print(
        f"{'':<30} {'CPU':>7} {'jieba':>7}  {'ratio CPU':>9} {'lowest':>7} {'highest':>7}"
        f"  {'ratio wall':>10}"
    )
    ratios = {}
    for name, runs in rounds.items():
        cpu_ratios = sorted(r[1] / r[3] for r in runs)
        ratios[name] = median(cpu_ratios)
        best = min(runs, key=lambda r: r[1])
        print(
            f"{labels[name]:<30} {best[1]:6.2f}s {best[3]:6.2f}s  {ratios[name]:8.2f}x"
            f" {cpu_ratios[0]:6.2f}x {cpu_ratios[-1]:6.2f}x"
            f"  {median(r[0] / r[2] for r in runs):9.2f}x"
        )
    check = ratios["full"] - ratios["unchecked"]
    print(f"{'check step (full - without)':<30} {'':>16}  {check:8.2f}x")
    print("targets: spine/jieba <= 1.20x; weibo-zh-tw (check included)/jieba <= 1.5x")
    print(
        "ceiling: weibo-zh-tw with a check that cost nothing would be the 'without check' line;"
        " no jieba pipeline gets below the 'segment step alone' line"
    )
    for pipe in (spine, full):
        print_steps(pipe, posts, args.rounds)


def print_steps(pipe: Pipeline, posts: list[str], rounds: int) -> None:
    """CPU time of each step of ``pipe`` as a ratio to ``jieba.lcut`` alone on the same batch,
    timed right before the batch's steps (so a load that comes and goes hits both alike); the
    best of ``rounds``."""
    best: dict[str, float] = {}
    for _ in range(rounds):
        spent = dict.fromkeys((bound.step.name for bound in pipe.steps), 0.0)
        alone = 0.0
        for i in range(0, len(posts), 64):
            texts = posts[i : i + 64]
            cpu = time.process_time()
            for text in texts:
                jieba.lcut(text)
            alone += time.process_time() - cpu
            batch = [pipe.make_post(str(j), t) for j, t in enumerate(texts, start=i)]
            for bound in pipe.steps:  # what Pipeline.process_batch does, one step at a time
                cpu = time.process_time()
                chosen = [p for p in batch if bound.applies_to(p)]
                if chosen:
                    bound.step.process(chosen)
                spent[bound.step.name] += time.process_time() - cpu
        best = {k: min(v / alone, best.get(k, v / alone)) for k, v in spent.items()}
    print(f"{pipe.config.name} per step (CPU / jieba.lcut alone on the same batches):")
    for name, ratio in best.items():
        print(f"  {pipe.config.name + ' ' + name:<28} {ratio:8.2f}x")
    print(f"  {pipe.config.name + ' steps summed':<28} {sum(best.values()):8.2f}x")


if __name__ == "__main__":
    main()
