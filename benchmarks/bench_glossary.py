"""Glossary benchmark: load a 30,000-term glossary and match it over a few MB of Chinese text.

Targets (issue 3): loading < 1 s; matching >= 20 MB/s of Chinese text with 30,000 terms.
Also prints the two Aho-Corasick libraries side by side on the same keys and text (the reason
localize.glossary.matcher uses ahocorasick-rs).

    .venv/bin/python benchmarks/bench_glossary.py [--mb 4] [--terms 30000]

Terms are real words from jieba's dictionary (with English glosses made up per entry). Two
texts: words drawn from the same dictionary by frequency (a dense worst case: a match every ~27
characters), and Weibo-style posts of real sentences (Tatoeba) with entities.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import tempfile
import time
from pathlib import Path

BATCH = 64  # posts per batch in `localize run` (its --batch-size default)


def _jieba_words() -> tuple[list[str], list[int]]:
    import jieba

    words, freqs = [], []
    with open(os.path.join(os.path.dirname(jieba.__file__), "dict.txt"), encoding="utf-8") as f:
        for line in f:
            word, freq, *_ = line.split()
            words.append(word)
            freqs.append(int(freq))
    return words, freqs


def _weibo_posts(megabytes: float) -> list[str]:
    """Weibo-length posts of real Chinese sentences (Tatoeba) with entities, ``megabytes`` MB."""
    data = Path(__file__).resolve().parent.parent / "tests" / "data" / "tatoeba" / "cmn-eng.txt"
    sentences = [
        line.split("\t")[1] for line in data.read_text("utf-8").splitlines() if "\t" in line
    ]
    extras = ["#遇见加拿大# ", "@旅游达人 ", " [哈哈]", " http://t.cn/A6xYz12", " 🍁", ""]
    rng = random.Random(7)
    posts, size = [], 0
    while size < megabytes * 1_000_000:
        # Tatoeba's first sentences are short (~7 characters): 10-30 of them make a post of
        # Weibo length (70-200 characters).
        body = "".join(rng.choice(sentences) for _ in range(rng.randint(10, 30)))
        post = rng.choice(extras) + body + rng.choice(extras)
        posts.append(post)
        size += len(post.encode("utf-8")) + 1
    return posts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--terms", type=int, default=30_000)
    parser.add_argument("--mb", type=float, default=4.0)
    parser.add_argument("--repeat", type=int, default=3, help="Runs per timing; the best counts.")
    args = parser.parse_args()

    from localize.glossary import load_glossary
    from localize.glossary.matcher import fold
    from localize.script import traditional_only_chars

    rng = random.Random(42)
    words, freqs = _jieba_words()
    trad = traditional_only_chars()
    # Simplified text, as most Weibo posts are; terms of 2+ characters.
    simplified = [(w, f) for w, f in zip(words, freqs, strict=True) if not (set(w) & trad)]
    candidates = [w for w, _ in simplified if len(w) >= 2]
    terms = rng.sample(candidates, args.terms)

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "big.yaml"
        lines = ["name: bench", "domain: bench", "entries:"]
        for i, term in enumerate(terms):
            lines.append(f"  - id: t{i}")
            lines.append("    terms:")
            lines.append(f"      en: term number {i}")
            lines.append(f"      zh-Hans: {term}")
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        # A fresh parse cache: the first load parses the YAML (and fills the cache), the second
        # is what every later run of an unchanged glossary costs.
        os.environ["LOCALIZE_GLOSSARY_CACHE"] = str(Path(tmp) / "cache")
        t0 = time.perf_counter()
        glossary = load_glossary(path)
        load_s = time.perf_counter() - t0
        t0 = time.perf_counter()
        load_glossary(path)
        reload_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    matcher = glossary.matcher("zh-Hans")
    build_s = time.perf_counter() - t0

    pool = [w for w, _ in simplified]
    weights = [f for _, f in simplified]
    target = int(args.mb * 1_000_000)
    chunks: list[str] = []
    size = 0
    while size < target:
        # Posts of ~140 characters joined by newlines.
        post = "".join(rng.choices(pool, weights=weights, k=70))[:140]
        chunks.append(post)
        size += len(post.encode("utf-8")) + 1
    text = "\n".join(chunks)
    mb = len(text.encode("utf-8")) / 1e6
    import opencc

    traditional = opencc.OpenCC("s2t").convert(text)

    # Warm up once-per-process work (fold tables, entity pattern) outside the timings.
    matcher.find("預熱 @旅游达人 #话题# http://t.cn/x 后来", target_locale="en")

    import ahocorasick
    import ahocorasick_rs

    keys = list({fold(t) for t in terms})
    t0 = time.perf_counter()
    rs = ahocorasick_rs.AhoCorasick(keys, matchkind=ahocorasick_rs.MatchKind.LeftmostLongest)
    rs_build = time.perf_counter() - t0

    def rate(fn: object, data: str) -> tuple[float, int, float]:
        """MB/s (best of --repeat runs), result count, and speed as a share of the raw scan.

        The first run of a text also resolves each newly seen entry's target form once (a
        one-time cost per entry); the best run is the steady state. Each run is followed by a
        raw ahocorasick-rs scan of the same (folded) text, and the share is the median of those
        pairs: unlike MB/s, it holds still when the machine's speed drifts during the run."""
        size = len(data.encode("utf-8")) / 1e6
        folded = fold(data)
        best = float("inf")
        shares = []
        for _ in range(args.repeat):
            t = time.perf_counter()
            n = fn(data)  # type: ignore[operator]
            took = time.perf_counter() - t
            t = time.perf_counter()
            rs.find_matches_as_indexes(folded)
            shares.append((time.perf_counter() - t) / took)
            best = min(best, took)
        return size / best, n, statistics.median(shares)

    def batched(data: str) -> int:
        # What the terms step does: one find_all per batch of `localize run` (64 posts).
        posts = data.split("\n")
        return sum(
            len(found)
            for i in range(0, len(posts), BATCH)
            for found in matcher.find_all(posts[i : i + BATCH], target_locale="en")
        )

    def one_by_one(data: str) -> int:
        return sum(len(matcher.find(p, target_locale="en")) for p in data.split("\n"))

    whole = rate(lambda d: len(matcher.find(d, target_locale="en")), text)
    batches = rate(batched, text)
    posts = rate(one_by_one, text)
    trad = rate(lambda d: len(matcher.find(d)), traditional)
    weibo_text = "\n".join(_weibo_posts(mb))
    weibo = rate(batched, weibo_text)
    weibo_posts = rate(one_by_one, weibo_text)

    t0 = time.perf_counter()
    py = ahocorasick.Automaton()
    for i, key in enumerate(keys):
        py.add_word(key, i)
    py.make_automaton()
    py_build = time.perf_counter() - t0
    rs_rate, n_rs, _ = rate(lambda d: len(rs.find_matches_as_indexes(d)), fold(text))
    py_rate, n_py, _ = rate(lambda d: sum(1 for _ in py.iter_long(d)), text)

    print(f"glossary: {len(glossary)} entries, {args.terms} Chinese terms; text {mb:.1f} MB")
    print(f"load 30k-term YAML glossary : {load_s:.2f} s  (first load; target < 1 s)")
    print(f"load again, unchanged file  : {reload_s:.2f} s  (from the parse cache)")
    print(f"build matcher               : {build_s:.2f} s")
    assert batches[1] == posts[1], "find_all and find disagree"

    def line(label: str, measured: tuple[float, int, float], note: str = "") -> None:
        mbs, _, share = measured
        print(f"{label:<36}: {mbs:6.1f} MB/s  {share:4.0%} of the raw scan's speed  {note}")

    print("matching (target >= 20 MB/s):")
    line("  dense posts, batches of 64", batches, f"{batches[1]} matches (the terms step)")
    line("  dense posts, one find() each", posts)
    line("  dense, one 4 MB text", whole)
    line("  Traditional text, one text", trad, f"{trad[1]} matches")
    line("  Weibo-style posts, batches of 64", weibo, f"{weibo[1]} matches (with entities)")
    line("  Weibo-style posts, one find() each", weibo_posts)
    print(
        f"raw ahocorasick-rs scan             : {rs_rate:6.1f} MB/s  {n_rs} matches"
        f"  build {rs_build:.2f} s"
    )
    print(
        f"raw pyahocorasick iter_long : {py_rate:6.1f} MB/s  {n_py} matches  build {py_build:.2f} s"
    )
    print(f"ahocorasick-rs / pyahocorasick: {rs_rate / py_rate:.1f}x")


if __name__ == "__main__":
    main()
