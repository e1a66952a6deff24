"""Non-MT steps vs jieba alone, side by side in one run.

Times the spine's steps (normalize, protect, segment, convert s2twp with jieba segmentation,
restore; posts made from raw text included) over a few MB of Weibo-style Chinese against
``jieba.lcut`` alone on the same texts, and prints the ratio (target: <= 1.2x). For information
it also times the whole built-in ``weibo-zh-tw`` pipeline, which adds glossary matching
(``terms``) and a ``check`` step.

    .venv/bin/python benchmarks/bench_spine.py [--mb 3] [--rounds 3]
"""

from __future__ import annotations

import argparse
import random
import time
from pathlib import Path

import jieba

from localize.cli.gc_policy import freeze_long_lived
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
        (ROOT / "tests" / "data" / "tatoeba" / "cmn-eng.txt")
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
    jieba.setLogLevel(60)
    jieba.lcut("预热")
    for pipe in (spine, full):
        pipe.process_batch([pipe.make_post("warm", "预热 @旅游达人 蒙特利尔")])
    # The garbage-collector policy of `localize run` after its first batch (jieba, glossary and
    # matchers loaded); the library itself leaves the collector alone (localize/cli/gc_policy.py).
    freeze_long_lived()

    def run_jieba() -> float:
        start = time.perf_counter()
        for text in posts:
            jieba.lcut(text)
        return time.perf_counter() - start

    def run_pipeline(pipe: Pipeline) -> float:
        start = time.perf_counter()
        for i in range(0, len(posts), 64):
            batch = [pipe.make_post(str(j), t) for j, t in enumerate(posts[i : i + 64], start=i)]
            pipe.process_batch(batch)
        return time.perf_counter() - start

    # Alternate the runs so that machine noise hits all alike; keep the best of each.
    times: dict[str, list[float]] = {"jieba": [], "spine": [], "full": []}
    for _ in range(args.rounds):
        times["jieba"].append(run_jieba())
        times["spine"].append(run_pipeline(spine))
        times["full"].append(run_pipeline(full))
    j, p, f = (min(times[k]) for k in ("jieba", "spine", "full"))
    print(f"text: {len(posts):,} posts, {mb:.2f} MB, best of {args.rounds} rounds")
    print(f"jieba.lcut alone                 : {j:6.2f} s  ({mb / j:.2f} MB/s)")
    print(f"spine steps (no MT)              : {p:6.2f} s  ({mb / p:.2f} MB/s)")
    print(f"weibo-zh-tw (+ terms, check)     : {f:6.2f} s  ({mb / f:.2f} MB/s)")
    print(f"ratio spine/jieba                : {p / j:.2f}x  (target <= 1.20x)")
    print(f"ratio weibo-zh-tw/jieba          : {f / j:.2f}x  (for information)")


if __name__ == "__main__":
    main()
