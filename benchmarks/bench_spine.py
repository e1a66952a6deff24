"""Non-MT steps vs jieba alone, side by side in one run.

Times the built-in ``weibo-zh-tw`` pipeline's work (normalize, protect, segment, convert with
jieba segmentation, restore, plus script detection when posts are made) over a few MB of
Weibo-style Chinese, against ``jieba.lcut`` alone on the same texts, and prints the ratio.
Target: <= 1.2x.

    .venv/bin/python benchmarks/bench_spine.py [--mb 3]
"""

from __future__ import annotations

import argparse
import random
import time
from pathlib import Path

import jieba

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
    pipe = Pipeline.from_yaml(ROOT / "pipelines" / "weibo-zh-tw.yaml")
    jieba.setLogLevel(60)
    jieba.lcut("预热")
    pipe.process_batch([pipe.make_post("warm", "预热 @旅游达人")])

    def run_jieba() -> float:
        start = time.perf_counter()
        for text in posts:
            jieba.lcut(text)
        return time.perf_counter() - start

    def run_pipeline() -> float:
        start = time.perf_counter()
        for i in range(0, len(posts), 64):
            batch = [pipe.make_post(str(j), t) for j, t in enumerate(posts[i : i + 64], start=i)]
            pipe.process_batch(batch)
        return time.perf_counter() - start

    # Alternate the two so that machine noise hits both alike; keep the best of each.
    jieba_times, pipe_times = [], []
    for _ in range(args.rounds):
        jieba_times.append(run_jieba())
        pipe_times.append(run_pipeline())
    j, p = min(jieba_times), min(pipe_times)
    print(f"text: {len(posts):,} posts, {mb:.2f} MB")
    print(f"jieba.lcut alone      : {j:6.2f} s  ({mb / j:.2f} MB/s)")
    print(f"weibo-zh-tw non-MT    : {p:6.2f} s  ({mb / p:.2f} MB/s)")
    print(f"ratio pipeline/jieba  : {p / j:.2f}x  (target <= 1.20x)")


if __name__ == "__main__":
    main()
