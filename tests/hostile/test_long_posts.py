"""Issue 11, case 9: every step and check is linear in the length of a post.

A growth ratio, not a timing: the same post at N and 4N characters, CPU time measured side by
side in one process (the best of three runs each), must grow about 4x (4.2-4.5x measured: a
little over, from caches); a quadratic step (qa/numbers.py rebuilt the whole string per glossary
term, qa/terms.py compared every term match with every entity, the terms step searched the whole
text for every hashtag) makes it grow ~12x (weibo-zh-tw before the fix grew 3.3x from 100,000
to 200,000 characters, which at 4x the length is ~12x). The threshold, 7x, sits far from both:
the doubling this test measured before (2.0-2.4x linear, 3.3x quadratic, limit 2.8x) failed a
linear run at 2.83x on a busy machine.
"""

from __future__ import annotations

import gc
import json
import time
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from localize.cli import main
from localize.config import parse_pipeline_config
from localize.pipeline import Pipeline
from localize.resources import builtin_pipelines

UNIT = "第12条 软件 @旅游达人 去蒙特利尔看枫叶 http://t.cn/A6x 3.5% [哈哈] #遇见加拿大# 2024年 "


def long_post(chars: int) -> str:
    return (UNIT * (chars // len(UNIT) + 1))[:chars]


def _without_translate(name: str) -> Pipeline:
    path = builtin_pipelines()[name]
    data: dict[str, Any] = yaml.safe_load(path.read_text("utf-8"))
    steps = [s for s in data["steps"] if not (isinstance(s, dict) and "translate" in s)]
    return Pipeline(parse_pipeline_config({**data, "steps": steps}, path=path))


def _cpu_seconds(pipe: Pipeline, text: str) -> float:
    # Best of three, with the garbage collector paused while timing: when it runs depends on
    # everything allocated before (caches, the consistency memory), not on this post, and made
    # the ratio swing from 1.4 to 2.8 for the same linear code.
    best = float("inf")
    for _ in range(3):
        gc.collect()
        gc.disable()
        try:
            started = time.process_time()
            pipe.process_batch([pipe.make_post("p", text)])
            best = min(best, time.process_time() - started)
        finally:
            gc.enable()
    return best


@pytest.mark.slow
@pytest.mark.parametrize("name", ["weibo-zh-tw", "weibo-zh-en"])
def test_a_post_four_times_as_long_takes_about_four_times_the_work(name: str) -> None:
    # weibo-zh-tw: protect, terms, segment, convert, restore and every check; weibo-zh-en
    # (its translate step left out): topics in translate mode.
    pipe = _without_translate(name)
    pipe.process_batch([pipe.make_post("warm", long_post(2_000))])  # jieba, OpenCC, matchers
    ratios = []
    for _ in range(2):  # measured again only if over: a quadratic step is over both times
        small, large = (
            _cpu_seconds(pipe, long_post(100_000)),
            _cpu_seconds(pipe, long_post(400_000)),
        )
        ratios.append(f"{small:.2f}s -> {large:.2f}s")
        if large / small < 7:
            break
    else:
        pytest.fail(f"{name}: {', then '.join(ratios)}")


@pytest.mark.slow
def test_a_million_character_post_goes_through_with_max_chars_raised(
    runner: CliRunner, tmp_path: Path
) -> None:
    src = tmp_path / "long.jsonl"
    src.write_text(json.dumps({"id": "long", "text": long_post(1_000_000)}) + "\n", "utf-8")
    out = tmp_path / "o.jsonl"
    tw = str(builtin_pipelines()["weibo-zh-tw"])
    args = ["run", tw, str(src), "-o", str(out), "--max-chars", "1000000"]
    result = runner.invoke(main, args)
    assert result.exit_code == 0, result.output
    (line,) = [json.loads(x) for x in out.read_text("utf-8").splitlines()]
    assert len(line["result"]) > 900_000 and line["result"].count("軟體") > 10_000
