"""Conversion fidelity: our pipelines against plain OpenCC, zhconv and zhconv-rs, side by side.

    python benchmarks/bench_convert.py [--split dev|test|all]

1. Human strings: exact-match rate and character error rate (edit distance / reference length)
   against the zh-TW and zh-HK translations of AOSP apps (benchmarks/data/aosp-zh, Apache-2.0;
   `test` is held out: the region vocabulary was chosen on `dev` only). "leftovers" counts
   outputs that keep a Simplified-only character the human translation does not have.
2. OpenCC's own test cases (tests/data/opencc) through each built-in pipeline as posts.
3. The glued-word cases (tests/data/glued/cases.tsv).
4. Entities on real Weibo posts (tests/data/weibo): mentions, repost chains, hashtags, URLs,
   emoticons and emoji lost or altered by each built-in conversion pipeline.
5. Speed of word-aware conversion against plain OpenCC, measured side by side.

zhconv and zhconv-rs (GPL, MediaWiki tables) are measured only when installed
(`pip install zhconv zhconv-rs`); localize never imports them.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from localize.pipeline import Pipeline  # noqa: E402
from localize.text.entities import entity_texts  # noqa: E402
from localize.text.opencc import converter  # noqa: E402

Convert = Callable[[list[str]], list[str]]


def edit_distance(a: str, b: str) -> int:
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


def _simplified_only() -> set[str]:
    # Characters that OpenCC's s2t changes: writing one in zh-Hant output is a leftover.
    s2t = converter("s2t")
    chars = {chr(c) for c in range(0x4E00, 0x9FA6)}
    return {ch for ch in chars if s2t.convert(ch) != ch}


def pipeline_convert(name: str) -> Convert:
    pipe = Pipeline.from_yaml(ROOT / "pipelines" / f"{name}.yaml")

    def run(texts: list[str]) -> list[str]:
        posts = [pipe.make_post(str(i), t) for i, t in enumerate(texts)]
        return [p.text for p in pipe.process_batch(posts)]

    return run


def opencc_convert(config: str) -> Convert:
    c = converter(config)
    return lambda texts: [c.convert(t) for t in texts]


def step_convert(config: str, segmentation: str, vocabulary: bool) -> Convert:
    pipe = Pipeline.from_dict(
        {
            "name": "bench",
            "steps": [
                {
                    "convert": {
                        "config": config,
                        "segmentation": segmentation,
                        "vocabulary": vocabulary,
                    }
                }
            ],
        }
    )

    def run(texts: list[str]) -> list[str]:
        posts = [pipe.make_post(str(i), t) for i, t in enumerate(texts)]
        return [p.text for p in pipe.process_batch(posts)]

    return run


def peers(region: str) -> dict[str, Convert]:
    found: dict[str, Convert] = {}
    try:
        import zhconv  # type: ignore[import-not-found]

        found[f"zhconv zh-{region.lower()}"] = lambda ts: [
            zhconv.convert(t, f"zh-{region.lower()}") for t in ts
        ]
    except ImportError:
        print(f"  (zhconv not installed: skipped for {region})")
    try:
        import zhconv_rs  # type: ignore[import-not-found]

        found[f"zhconv-rs zh-{region}"] = lambda ts: [
            zhconv_rs.zhconv(t, f"zh-{region}", False) for t in ts
        ]
    except ImportError:
        print(f"  (zhconv-rs not installed: skipped for {region})")
    return found


def human_strings(split: str) -> None:
    files = ["dev", "test"] if split == "all" else [split]
    rows = [
        json.loads(line)
        for f in files
        for line in (ROOT / "benchmarks" / "data" / "aosp-zh" / f"{f}.jsonl").open(encoding="utf-8")
    ]
    simplified = _simplified_only()
    print(f"\n1. AOSP human strings ({'+'.join(files)}, {len(rows)} strings)")
    for region, locale, config, pipe in (
        ("TW", "zh-Hant-TW", "s2twp", "weibo-zh-tw"),
        ("HK", "zh-Hant-HK", "s2hk", "weibo-zh-hk"),
    ):
        plain = ("s2tw", "s2twp") if region == "TW" else ("s2hk", "s2hkp")
        systems: dict[str, Convert] = {
            **{f"OpenCC {c}": opencc_convert(c) for c in plain},
            **peers(region),
            f"localize {config}+jieba": step_convert(config, "jieba", False),
            f"localize {config}+vocabulary": step_convert(config, "opencc", True),
            f"localize pipeline {pipe}": pipeline_convert(pipe),
        }
        sources = [r["zh-Hans"] for r in rows]
        references = [r[locale] for r in rows]
        print(f"\n  {locale}: {'system':34} {'exact':>13} {'CER':>7} {'leftovers':>9} {'s':>6}")
        for name, run in systems.items():
            start = time.perf_counter()
            outputs = run(sources)
            seconds = time.perf_counter() - start
            exact = sum(o == r for o, r in zip(outputs, references, strict=True))
            errors = sum(edit_distance(o, r) for o, r in zip(outputs, references, strict=True))
            chars = sum(len(r) for r in references)
            leftovers = sum(
                any(ch in simplified and ch not in r for ch in o)
                for o, r in zip(outputs, references, strict=True)
            )
            print(
                f"  {'':10} {name:34} {exact:5} {exact / len(rows):6.1%}"
                f" {errors / chars:7.2%} {leftovers:9} {seconds:6.2f}"
            )


def _opencc_cases() -> list[tuple[str, str, str]]:
    raw = (ROOT / "tests" / "data" / "opencc" / "testcases.json").read_text(encoding="utf-8")
    data = json.loads(re.sub(r",(\s*[}\]])", r"\1", raw))
    return [
        (config, case["input"], expected)
        for case in data["cases"]
        for config, expected in case["expected"].items()
    ]


def opencc_cases() -> None:
    cases = _opencc_cases()
    print("\n2. OpenCC test cases, each case one post through the pipeline")
    for pipe, config in (
        ("weibo-zh-tw", "s2twp"),
        ("weibo-zh-hk", "s2hk"),
        ("weibo-zht-zh", "tw2sp"),
    ):
        mine = [(i, e) for c, i, e in cases if c == config]
        ours = pipeline_convert(pipe)([i for i, _ in mine])
        plain = opencc_convert(config)([i for i, _ in mine])
        ok = sum(o == e for o, (_, e) in zip(ours, mine, strict=True))
        ok_plain = sum(o == e for o, (_, e) in zip(plain, mine, strict=True))
        print(
            f"  {pipe:14} ({config:5}) {ok:3}/{len(mine)} = {ok / len(mine):6.1%}"
            f"   plain OpenCC {config}: {ok_plain}/{len(mine)}"
        )
    from localize.text.segmenter import tokenizer

    words = tokenizer()
    ok = total = 0
    for config, text, expected in cases:
        if config[0] in "st":
            pieces = converter(config).convert_many(words.cut(text))
            ok += "".join(pieces) == expected
            total += 1
    print(f"  jieba token by token (plugin-style): {ok}/{total} = {ok / total:.1%}")
    for segmentation in ("opencc", "jieba"):
        ok = total = 0
        for config in sorted({c for c, _, _ in cases if c[0] in "st"}):
            mine = [(i, e) for c, i, e in cases if c == config]
            out = step_convert(config, segmentation, False)([i for i, _ in mine])
            ok += sum(o == e for o, (_, e) in zip(out, mine, strict=True))
            total += len(mine)
        print(f"  convert step, segmentation {segmentation:6}: {ok}/{total} = {ok / total:.1%}")


def glued_cases() -> None:
    lines = (ROOT / "tests" / "data" / "glued" / "cases.tsv").read_text(encoding="utf-8")
    cases = [ln.split("\t") for ln in lines.splitlines() if ln and not ln.startswith("#")]
    print(f"\n3. Glued-word cases ({len(cases)})")
    for name, make in (
        ("plain OpenCC", lambda c: opencc_convert(c)),
        ("localize segmentation jieba", lambda c: step_convert(c, "jieba", False)),
    ):
        ok = sum(make(config)([text])[0] == expected for text, config, expected, _ in cases)
        print(f"  {name:28} {ok}/{len(cases)}")


def weibo_entities() -> None:
    path = ROOT / "tests" / "data" / "weibo" / "weibo_senti_100k-sample.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        posts = [row["review"] for row in csv.DictReader(handle)]
    print(f"\n4. Entities on {len(posts)} real Weibo posts (weibo_senti_100k sample)")
    kinds = ("url", "email", "repost", "mention", "hashtag", "emoticon", "emoji")
    for name in ("weibo-zh-tw", "weibo-zh-hk", "weibo-zht-zh"):
        outputs = pipeline_convert(name)(posts)
        lost = 0
        entities = 0
        for source, output in zip(posts, outputs, strict=True):
            before = entity_texts(source, kinds)
            entities += len(before)
            after = entity_texts(output, kinds)
            remaining = list(after)
            for item in before:
                if item in remaining:
                    remaining.remove(item)
                else:
                    lost += 1
        print(f"  {name:14} entities {entities:6}   lost or altered {lost}")


def speed() -> None:
    path = ROOT / "tests" / "data" / "weibo" / "weibo_senti_100k-sample.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        posts = [row["review"] for row in csv.DictReader(handle)]
    print(f"\n5. Speed on the same {len(posts)} posts (best of 3, after a warm-up call)")
    timings = {}
    for name, run in (
        ("OpenCC s2twp (convert step)", step_convert("s2twp", "opencc", False)),
        ("s2twp + jieba + vocabulary", step_convert("s2twp", "jieba", True)),
    ):
        run(posts[:1])
        best = float("inf")
        for _ in range(3):
            start = time.perf_counter()
            run(posts)
            best = min(best, time.perf_counter() - start)
        timings[name] = best
        print(f"  {name:30} {best:6.3f} s  {len(posts) / best:8.0f} posts/s")
    first, second = timings.values()
    print(f"  word-aware / plain: {second / first:.1f}x the time")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--split", choices=("dev", "test", "all"), default="all")
    args = parser.parse_args()
    human_strings(args.split)
    opencc_cases()
    glued_cases()
    weibo_entities()
    speed()


if __name__ == "__main__":
    main()
