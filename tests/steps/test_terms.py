from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from localize.errors import ConfigError
from localize.pipeline import Pipeline
from localize.post import Post
from localize.resources import glossaries_dir
from localize.steps.base import StepContext
from localize.steps.terms import Terms, TermsOptions

GLOSSARIES = [glossaries_dir() / "canada-tourism.yaml", glossaries_dir() / "campaign-hashtags.yaml"]


def run(steps: list[Any], text: str, source: str, target: str) -> Post:
    pipeline = Pipeline.from_dict(
        {"name": "t", "source": source, "target": target, "steps": steps},
        base_dir=Path.cwd(),
        glossaries=GLOSSARIES,
    )
    post = pipeline.make_post("1", text)
    return pipeline.process_batch([post])[0]


def test_glossary_region_form_wins_over_opencc() -> None:
    text = "蒙特利尔和尼亚加拉瀑布都很美 @蒙特利尔旅游 #遇见加拿大#"
    post = run(
        ["protect", "terms", {"convert": {"config": "s2twp"}}, "restore"],
        text,
        "zh-Hans",
        "zh-Hant-TW",
    )
    assert post.text == "蒙特婁和尼加拉瀑布都很美 @蒙特利尔旅游 #遇見加拿大#"
    assert [(m.entry_id, m.status, m.target) for m in post.terms] == [
        ("meeting-canada", "preferred", "#遇見加拿大#"),
        ("montreal", "preferred", "蒙特婁"),
        ("niagara-falls", "preferred", "尼加拉瀑布"),
    ]
    post = run(
        ["protect", "terms", {"convert": {"config": "s2hk"}}, "restore"],
        text,
        "zh-Hans",
        "zh-Hant-HK",
    )
    assert post.text.startswith("滿地可和尼亞加拉瀑布都很美 @蒙特利尔旅游")


def test_campaign_hashtag_becomes_its_counterpart_and_spans_record_entries() -> None:
    post = run(["protect", "terms", "restore"], "参加#遇见加拿大#，去班夫！", "zh-Hans", "en")
    spans = {s.kind: s for s in post.spans.values()}
    assert spans["hashtag"].replacement == "#Meeting Canada#"
    assert spans["hashtag"].entry_id == "meeting-canada"
    assert (spans["term"].original, spans["term"].replacement) == ("班夫", "Banff")
    assert spans["term"].entry_id == "banff"
    assert post.text == "参加#Meeting Canada#，去Banff！"


def test_hashtag_translate_mode_collapses_the_marks() -> None:
    steps = [{"protect": {"hashtags": "translate"}}, "terms", "restore"]
    post = run(steps, "#遇见加拿大# 和 #温哥华美食#", "zh-Hans", "en")
    assert post.text == "#Meeting Canada# 和 #Vancouver美食#"
    assert not any(i.check == "entity_lost" for i in post.issues)


def test_english_source_dnt_and_masking_numbers() -> None:
    post = Post(id="1", source="XQ7QX Aeroplan points in Vancouver", target_locale="zh-Hans")
    from localize.post import ProtectedSpan

    post.spans["XQ7QX"] = ProtectedSpan("XQ7QX", "@someone", "mention")
    context = StepContext(source="en", target="zh-Hans", glossary_paths=GLOSSARIES)
    Terms(TermsOptions(), context).process([post])
    # New placeholders continue after the highest number already used.
    assert post.text == "XQ7QX XQ8QX points in XQ9QX"
    assert post.spans["XQ8QX"].restored == "Aeroplan"
    assert post.spans["XQ9QX"].restored == "温哥华"
    assert [m.dnt for m in post.terms] == [True, False]


def test_mask_false_only_records() -> None:
    context = StepContext(source="zh-Hans", target="en", glossary_paths=GLOSSARIES)
    post = Post(id="1", source="去班夫", target_locale="en")
    Terms(TermsOptions(mask=False), context).process([post])
    assert post.text == "去班夫" and post.spans == {}
    assert [(m.entry_id, m.start, m.end, m.target) for m in post.terms] == [
        ("banff", 1, 3, "Banff")
    ]


def test_traditional_input_against_simplified_glossary() -> None:
    post = run(["protect", "terms", "restore"], "我在加拿大國家電視塔看多倫多", "zh-Hant", "en")
    assert post.text == "我在CN Tower看Toronto"


def test_bad_options() -> None:
    context = StepContext(source="zh-Hans", target="en")
    with pytest.raises(ConfigError, match="unknown term status"):
        Terms(TermsOptions(statuses=["approved"]), context)
    with pytest.raises(ConfigError, match="unknown locale"):
        Terms(TermsOptions(), StepContext(source="zh-Hans", target="fr"))


@pytest.mark.parametrize("hashtags", ["keep", "translate"])
@pytest.mark.parametrize(
    "tag", ["#MeetingCanada", "#meetingcanada", "#Meeting Canada#", "#MeetingCanada#"]
)
def test_campaign_hashtag_in_any_form_gets_weibo_form_in_chinese(tag: str, hashtags: str) -> None:
    # Partners abroad write X/Instagram tags (one hash, CamelCase); the glossary has the Weibo
    # form #Meeting Canada#. examples/posts-en.jsonl uses #MeetingCanada.
    steps = [{"protect": {"hashtags": hashtags}}, "terms", "restore"]
    post = run(steps, f"Fall colours 🍁 {tag} @TravelAlberta", "en", "zh-Hans")
    assert post.text == "Fall colours 🍁 #遇见加拿大# @TravelAlberta"
    assert [m.entry_id for m in post.terms if m.hashtag] == ["meeting-canada"]


@pytest.mark.parametrize(
    ("style", "expected"), [("weibo", "#Meeting Canada#"), ("single", "#MeetingCanada")]
)
def test_english_targets_choose_the_hashtag_form(style: str, expected: str) -> None:
    steps = ["protect", {"terms": {"hashtag_style": style}}, "restore"]
    post = run(steps, "秋天 #遇见加拿大# 来了", "zh-Hans", "en")
    assert post.text == f"秋天 {expected} 来了"


def test_an_unknown_single_hash_tag_is_left_alone() -> None:
    steps = [{"protect": {"hashtags": "translate"}}, "terms", "restore"]
    post = run(steps, "Fall colours #MeetingCanadaToo", "en", "zh-Hans")
    assert post.text == "Fall colours #MeetingCanadaToo"
