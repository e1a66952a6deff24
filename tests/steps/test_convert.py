"""The convert step against OpenCC's own expectations, with Weibo entity protection on."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from localize.errors import ConfigError
from localize.pipeline import Pipeline

OPENCC = Path(__file__).resolve().parent.parent / "data" / "opencc"


def _load_cases() -> list[tuple[str, str, str, str]]:
    raw = (OPENCC / "testcases.json").read_text(encoding="utf-8")
    data = json.loads(re.sub(r",(\s*[}\]])", r"\1", raw))  # upstream has trailing commas
    return [
        (case["id"], config, case["input"], expected)
        for case in data["cases"]
        for config, expected in case["expected"].items()
    ]


CASES = _load_cases()
_pipelines: dict[tuple[str, str], Pipeline] = {}


def pipeline(config: str, segmentation: str = "opencc") -> Pipeline:
    key = (config, segmentation)
    if key not in _pipelines:
        steps = [
            "protect",
            {"convert": {"config": config, "segmentation": segmentation}},
            "restore",
        ]
        _pipelines[key] = Pipeline.from_dict({"name": f"t-{config}", "steps": steps})
    return _pipelines[key]


def convert(config: str, texts: list[str], segmentation: str = "opencc") -> list[str]:
    pipe = pipeline(config, segmentation)
    posts = [pipe.make_post(str(i), t) for i, t in enumerate(texts)]
    return [p.text for p in pipe.process_batch(posts)]


def test_all_testcases_json_checks_are_loaded() -> None:
    assert len(CASES) == 543


@pytest.mark.parametrize(
    ("case_id", "config", "text", "expected"), CASES, ids=lambda v: str(v)[:24]
)
def test_opencc_testcases(case_id: str, config: str, text: str, expected: str) -> None:
    assert convert(config, [text]) == [expected]


LEGACY = sorted((OPENCC / "legacy-ver.1.1.9").glob("*.in"))


@pytest.mark.parametrize("source", LEGACY, ids=lambda p: p.stem)
def test_opencc_legacy_cases(source: Path) -> None:
    inputs = source.read_text(encoding="utf-8").splitlines()
    expected = source.with_suffix(".ans").read_text(encoding="utf-8").splitlines()
    assert convert(source.stem, inputs) == expected


GOLDEN = sorted((OPENCC / "golden" / "output").glob("*.txt"))


@pytest.mark.parametrize("golden", GOLDEN, ids=lambda p: p.stem)
def test_opencc_golden_outputs(golden: Path) -> None:
    config = golden.stem.split(".")[1]
    segmentation = "jieba" if config.endswith("_jieba") else "opencc"
    inputs = (OPENCC / "golden" / "input" / "us_constitution_zhs.txt").read_text(encoding="utf-8")
    expected = golden.read_text(encoding="utf-8")
    got = convert(config.removesuffix("_jieba"), inputs.split("\n"), segmentation)
    assert "\n".join(got) == expected


def test_entities_are_not_converted() -> None:
    text = "@旅游达人 #遇见加拿大# [爱你] http://t.cn/A6头发 软件"
    assert convert("s2twp", [text]) == ["@旅游达人 #遇见加拿大# [爱你] http://t.cn/A6頭髮 軟體"]


def test_jieba_segmentation_keeps_words_apart() -> None:
    # OpenCC's own maximum match glues 多只 into 多隻.
    assert convert("s2twp", ["飞往多伦多只要四小时"]) == ["飛往多倫多隻要四小時"]
    assert convert("s2twp", ["飞往多伦多只要四小时"], "jieba") == ["飛往多倫多只要四小時"]


def test_jieba_segmentation_converts_existing_tokens() -> None:
    pipe = Pipeline.from_dict(
        {
            "name": "t",
            "steps": ["segment", {"convert": {"config": "s2tw", "segmentation": "jieba"}}],
        }
    )
    (post,) = pipe.process_batch([pipe.make_post("1", "头发很干燥")])
    assert post.text == "頭髮很乾燥"
    assert "".join(post.tokens or []) == post.text


def test_target_locale_implies_a_config() -> None:
    pipe = Pipeline.from_dict({"name": "t", "target": "zh-Hant-HK", "steps": ["convert"]})
    (post,) = pipe.process_batch([pipe.make_post("1", "后来")])
    assert post.text == "後來"
    assert post.locale == "zh-Hant-HK"


def test_unknown_config_lists_valid_ones() -> None:
    with pytest.raises(ConfigError) as info:
        Pipeline.from_dict({"name": "t", "steps": [{"convert": {"config": "s2tww"}}]})
    assert "unknown OpenCC config 's2tww'. Did you mean 's2tw'?" in str(info.value)
    assert "s2twp" in str(info.value)
