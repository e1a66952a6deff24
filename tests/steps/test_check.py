from __future__ import annotations

from pathlib import Path

import pytest

from localize.config import load_pipeline_config
from localize.errors import ConfigError
from localize.pipeline import Pipeline
from localize.post import Post
from localize.steps.base import StepContext
from localize.steps.check import Check, CheckOptions, qa_config_from_pipeline

GLOSSARY = Path(__file__).resolve().parent.parent / "qa" / "data" / "glossary.yaml"


def _step(**options: object) -> Check:
    context = StepContext(source="zh-Hans", target="en", glossary_paths=[GLOSSARY])
    return Check(CheckOptions(**options), context)  # type: ignore[arg-type]


def test_findings_become_issues_on_the_post() -> None:
    post = Post(
        "p1",
        "今天去了尼亚加拉瀑布 @旅游达人",
        text="Went to the falls today",
        source_locale="zh-Hans",
    )
    _step().process([post])
    assert [i.to_json() for i in post.issues] == [
        {
            "check": "missing_term",
            "severity": "error",
            "message": 'term "尼亚加拉瀑布" needs the approved en form "Niagara Falls"',
            "step": "check",
            "data": {"entry": "niagara-falls", "term": "尼亚加拉瀑布",
                     "expected": ["Niagara Falls"], "fails": True},
        },
        {
            "check": "entity_mismatch",
            "severity": "error",
            "message": 'mention "@旅游达人" is missing from the target',
            "step": "check",
            "data": {"kind": "mention", "entity": "@旅游达人", "problem": "missing", "fails": True},
        },
    ]  # fmt: skip
    assert post.meta["check_failed"] is True


def test_severity_and_fail_on_options() -> None:
    post = Post("p1", "今天去了尼亚加拉瀑布 @旅游达人", text="Went to the falls today @旅游达人")
    _step(checks={"missing_term": "warning"}, fail_on=["entity_mismatch"]).process([post])
    assert [(i.check, i.severity, i.data.get("fails")) for i in post.issues] == [
        ("missing_term", "warning", None)
    ]
    assert "check_failed" not in post.meta


def test_clean_post_has_no_issues() -> None:
    post = Post("p1", "#遇见加拿大# 去了尼亚加拉瀑布", text="#MeetCanada# Went to Niagara Falls")
    _step().process([post])
    assert post.issues == []


def test_in_a_pipeline_after_other_steps() -> None:
    pipeline = Pipeline.from_dict(
        {
            "name": "qa",
            "source": "zh-Hans",
            "target": "zh-Hant-TW",
            "steps": ["protect", {"convert": {"config": "s2twp"}}, "restore",
                      {"check": {"checks": {"identical_to_source": "off"}}}],
        },
        glossaries=[GLOSSARY],
    )  # fmt: skip
    post = pipeline.make_post("p1", "去蒙特利尔看 @旅游达人")
    [done] = pipeline.process_batch([post])
    assert done.text == "去蒙特利爾看 @旅游达人"
    # OpenCC's character conversion is not Taiwan's name for Montreal: the glossary says so.
    assert [i.message for i in done.issues] == [
        'term "蒙特利尔" needs the approved zh-Hant-TW form "蒙特婁"'
    ]


def test_bad_check_options_name_the_pipeline_line(tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    path.write_text(
        "name: p\nsteps:\n  - check:\n      checks:\n        untranslatd: error\n", "utf-8"
    )
    with pytest.raises(ConfigError) as info:
        Pipeline.from_yaml(path)
    assert info.value.message == "unknown check 'untranslatd'. Did you mean 'untranslated'?"
    assert (info.value.path, info.value.key) == (str(path), "steps[0].check.checks.untranslatd")
    with pytest.raises(ConfigError) as again:
        qa_config_from_pipeline(load_pipeline_config(path))
    assert (again.value.line, again.value.key) == (4, "steps[0].check.checks.untranslatd")


# Posts that set off most checks: a batch is prepared once (glossary matches, sentence hashes)
# and must give every post the findings it gets on its own.
BATCH = [
    ("a", "今天去了尼亚加拉瀑布 @旅游达人", "Went to the falls today"),
    ("b", "三天游遍多伦多。转发抽3位送礼品！", "Toronto in two days. Repost to win: winners!"),
    ("c", "今天去了班夫国家公园。", "Today we went to Banff National Park."),
    ("d", "今天去了班夫国家公园。", "Today we visited Banff National Park."),
    ("e", "你好吗？", "XQ3QX Hello, is is it you."),
    ("f", "#遇见加拿大# 蒙特利尔", " \u200b "),
]


def _issues(posts: list[Post]) -> list[list[dict[str, object]]]:
    return [[i.to_json() for i in post.issues] for post in posts]


def test_a_batch_gets_the_findings_of_its_posts_one_by_one() -> None:
    def posts() -> list[Post]:
        return [Post(i, s, text=t, source_locale="zh-Hans") for i, s, t in BATCH]

    batched, one_by_one = posts(), posts()
    _step().process(batched)
    step = _step()
    for post in one_by_one:
        step.process_post(post)
    assert _issues(batched) == _issues(one_by_one)
    checks = {i["check"] for issues in _issues(batched) for i in issues}
    assert {
        "missing_term",
        "entity_mismatch",
        "number_mismatch",
        "inconsistent_translation",
        "placeholder_leftover",
        "doubled_word",
        "empty_target",
    } <= checks
