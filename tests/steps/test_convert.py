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
    inputs = (OPENCC / "golden" / "input" / "us_constitution_zhs.txt").read_text(encoding="utf-8")
    expected = golden.read_text(encoding="utf-8").split("\n")
    if not config.endswith("_jieba"):
        assert "\n".join(convert(config, inputs.split("\n"))) == "\n".join(expected)
        return
    # OpenCC's jieba plugin converts jieba's tokens one by one; our jieba segmentation keeps
    # OpenCC's phrases unless one cuts into a word jieba is sure of. The one line where the two
    # differ is OpenCC's phrase 并为 (併為) between the single-character words 并 and 为.
    got = convert(config.removesuffix("_jieba"), inputs.split("\n"), "jieba")
    differing = [g for g, e in zip(got, expected, strict=True) if g != e]
    assert len(differing) == 1
    assert "用度，併" in differing[0]


def test_entities_are_not_converted() -> None:
    text = "@旅游达人 #遇见加拿大# [爱你] http://t.cn/A6头发 软件"
    assert convert("s2twp", [text]) == ["@旅游达人 #遇见加拿大# [爱你] http://t.cn/A6頭髮 軟體"]


def test_jieba_segmentation_keeps_words_apart() -> None:
    # OpenCC's own maximum match glues 多只 into 多隻.
    assert convert("s2twp", ["飞往多伦多只要四小时"]) == ["飛往多倫多隻要四小時"]
    assert convert("s2twp", ["飞往多伦多只要四小时"], "jieba") == ["飛往多倫多只要四小時"]


def test_tokens_from_segment_follow_the_conversion() -> None:
    pipe = Pipeline.from_dict(
        {
            "name": "t",
            "steps": ["segment", {"convert": {"config": "s2tw", "segmentation": "jieba"}}],
        }
    )
    (post,) = pipe.process_batch([pipe.make_post("1", "头发很干燥")])
    assert post.text == "頭髮很乾燥"
    assert post.tokens == ["頭髮", "很", "乾燥"]


def test_tokens_are_dropped_when_conversion_moves_characters() -> None:
    # s2twp writes 出租车 as 計程車 (same length) but 元数据 as 後設資料 (one longer).
    pipe = Pipeline.from_dict({"name": "t", "steps": ["segment", {"convert": {"config": "s2twp"}}]})
    (post,) = pipe.process_batch([pipe.make_post("1", "元数据很多")])
    assert post.text == "後設資料很多"
    assert post.tokens is None


def _run(steps: list[object], texts: list[str]) -> list[str]:
    pipe = Pipeline.from_dict({"name": "t", "glossaries": [], "steps": steps})
    return [
        p.text for p in pipe.process_batch([pipe.make_post(str(i), t) for i, t in enumerate(texts)])
    ]


def test_segment_then_word_aware_convert_routes_each_block_once(routed_blocks: list[str]) -> None:
    # jieba's dictionary route of a block gives segment's tokens (with HMM) and convert's
    # dictionary words alike: after segment, convert routes nothing again.
    texts = [
        f"第{n}次飞往多伦多只要四小时，@旅游达人 头发很干燥！他来到了网易杭研大厦" for n in range(8)
    ]
    convert = {"convert": {"config": "s2twp", "segmentation": "jieba"}}
    _run(["protect", "segment", convert, "restore"], ["预热"])  # build jieba and OpenCC first
    routed = routed_blocks
    routed.clear()
    converted = _run(["protect", "segment", convert, "restore"], texts)
    blocks = len(routed)
    # Three blocks a post (the mention is a placeholder): 第n次飞往多伦多只要四小时, 头发很干燥 and
    # 他来到了网易杭研大厦, each routed once by segment.
    assert blocks == 8 * 3
    # Without segment before it, convert cuts the blocks it needs by itself, to the same result.
    others = [text.replace("第", "第1") for text in texts]
    routed.clear()
    alone = _run(["protect", convert, "restore"], others)
    assert 0 < len(routed) <= blocks
    assert alone == _run(["protect", "segment", convert, "restore"], others)
    assert converted[0] == "第0次飛往多倫多只要四小時，@旅游达人 頭髮很乾燥！他來到了網易杭研大廈"


GLUED = [
    line.split("\t")
    for line in (OPENCC.parent / "glued" / "cases.tsv").read_text(encoding="utf-8").splitlines()
    if line and not line.startswith("#")
]


def test_glued_cases_are_collected() -> None:
    assert len(GLUED) >= 40
    assert all(source.startswith(("http", "localize issue")) for *_, source in GLUED)


@pytest.mark.parametrize(("text", "config", "expected", "source"), GLUED, ids=lambda v: v[:12])
def test_glued_words_come_apart(text: str, config: str, expected: str, source: str) -> None:
    assert convert(config, [text]) != [expected]  # plain OpenCC glues them
    assert convert(config, [text], "jieba") == [expected]


@pytest.mark.parametrize(
    ("config", "text", "expected"),
    [
        ("s2twp", "臊子面 芒果干 今周刊 星露谷物语", "臊子麵 芒果乾 今周刊 星露谷物語"),
        ("s2hk", "鲗鱼涌 沙河涌", "鰂魚涌 沙河涌"),
    ],
)
def test_jieba_segmentation_keeps_opencc_phrases(config: str, text: str, expected: str) -> None:
    # Each phrase spans two jieba tokens (芒果|干, 今|周刊): converting token by token loses them.
    assert convert(config, [text], "jieba") == [expected]


@pytest.mark.parametrize(
    ("target", "text", "expected"),
    [
        ("zh-Hant-HK", "链接 代理服务器 重启 用户", "連結 代理伺服器 重啟 用戶"),
        ("zh-Hant-TW", "账户 审核 发布 项目", "帳戶 審核 發布 項目"),
    ],
)
def test_region_vocabulary_over_opencc(target: str, text: str, expected: str) -> None:
    steps = [{"convert": {"segmentation": "jieba", "vocabulary": True}}]
    pipe = Pipeline.from_dict({"name": "t", "target": target, "steps": steps})
    (post,) = pipe.process_batch([pipe.make_post("1", text)])
    assert post.text == expected
    assert "vocabulary=" + target in pipe.signature()


def test_vocabulary_phrases_only_at_word_boundaries() -> None:
    # 设置 -> 設定 is HK vocabulary, but not inside 假设置信 (假设|置信).
    steps = [{"convert": {"segmentation": "jieba", "vocabulary": True}}]
    pipe = Pipeline.from_dict({"name": "t", "target": "zh-Hant-HK", "steps": steps})
    (post,) = pipe.process_batch([pipe.make_post("1", "假设置信区间 设置")])
    assert post.text.endswith(" 設定")
    assert "設定信" not in post.text


def test_config_name_with_json_suffix_and_custom_file(tmp_path: Path) -> None:
    assert convert("s2twp.json", ["软件"]) == ["軟體"]
    import opencc

    share = Path(opencc.__file__).resolve().parent / "clib" / "share" / "opencc"
    custom = json.loads((share / "s2t.json").read_text(encoding="utf-8"))
    for group in custom["conversion_chain"][0]["dict"]["dicts"]:
        for d in group.get("dicts", [group]):
            d["file"] = str(share / d["file"])
    custom["normalization"] = []
    path = tmp_path / "mine.json"
    path.write_text(json.dumps(custom), encoding="utf-8")
    pipe = Pipeline.from_dict(
        {"name": "t", "steps": [{"convert": {"config": str(path), "segmentation": "jieba"}}]}
    )
    (post,) = pipe.process_batch([pipe.make_post("1", "多伦多只要三个小时")])
    assert post.text == "多倫多只要三個小時"


def test_missing_config_file_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as info:
        Pipeline.from_dict(
            {"name": "t", "steps": [{"convert": {"config": str(tmp_path / "nope.json")}}]}
        )
    assert "OpenCC config file not found" in str(info.value)


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


def _keep_simplified_pipeline() -> Pipeline:
    convert_step = {"convert": {"config": "tw2sp", "keep_simplified": True}}
    return Pipeline.from_dict({"name": "t", "steps": ["protect", convert_step, "restore"]})


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("慰藉著受傷的心靈 慰藉着受伤的心灵", "慰藉着受伤的心灵 慰藉着受伤的心灵"),
        ("核心 原子核 无核化 稽覈", "内核 原子核 无核化 稽核"),
        ("演算法", "算法"),  # no script-specific character: converts (tw2sp knows the TW word)
    ],
)
def test_keep_simplified_converts_any_traditional_post(text: str, expected: str) -> None:
    pipe = _keep_simplified_pipeline()
    (post,) = pipe.process_batch([pipe.make_post("1", text)])
    assert post.text == expected


def test_keep_simplified_leaves_real_simplified_posts_byte_identical() -> None:
    import csv

    path = OPENCC.parent / "weibo" / "weibo_senti_100k-sample.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        posts = [row["review"] for row in csv.DictReader(handle)]
    pipe = _keep_simplified_pipeline()
    done = pipe.process_batch([pipe.make_post(str(i), t) for i, t in enumerate(posts)])
    from localize.text.script import simplified_only_chars, traditional_only_chars

    simplified = [
        (p.text, t)
        for p, t in zip(done, posts, strict=True)
        if not set(t).isdisjoint(simplified_only_chars())
        and set(t).isdisjoint(traditional_only_chars())
    ]
    assert len(simplified) > 2000
    assert [t for t, source in simplified if t != source] == []
