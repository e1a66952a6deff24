from __future__ import annotations

import csv
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from localize.pipeline import Pipeline
from localize.resources import find_pipeline
from localize.text.entities import (
    KINDS,
    TRIGGERED_KINDS,
    check_kinds,
    entity_pattern,
    entity_texts,
    find_entities,
    iter_entity_matches,
)


def kinds_and_texts(text: str) -> list[tuple[str, str]]:
    return entity_texts(text, KINDS)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("#遇见加拿大#来了", [("hashtag", "#遇见加拿大#")]),
        ("#Meeting Canada# is on", [("hashtag", "#Meeting Canada#")]),
        ("#MeetingCanada and #Travel", [("hashtag", "#MeetingCanada"), ("hashtag", "#Travel")]),
        ("# heading", []),
        ("&#39; entity", [("number", "39")]),
        ("@旅游达人 你好", [("mention", "@旅游达人")]),
        # Weibo links mentions glued to letters, digits and punctuation (real posts).
        ("图via@墨尔本团购缤纷淘", [("mention", "@墨尔本团购缤纷淘")]),
        ("via.@人民日报", [("mention", "@人民日报")]),
        (
            "8888888888@广汽丰田书影画协会",
            [("number", "8888888888"), ("mention", "@广汽丰田书影画协会")],
        ),
        (
            "//@一只三丁包 :@笨得象狐狸 好",
            [("repost", "//@一只三丁包 :"), ("mention", "@笨得象狐狸")],
        ),
        ("//@联合国 :#春节#", [("repost", "//@联合国 :"), ("hashtag", "#春节#")]),
        ("写信到 name@example.com 吧", [("email", "name@example.com")]),
        ("//@Air_Canada: 转发", [("repost", "//@Air_Canada:")]),
        ("//@加拿大驻华使馆：好", [("repost", "//@加拿大驻华使馆：")]),
        ("写信到 info@niagara.com 吧", [("email", "info@niagara.com")]),
        ("见http://t.cn/A6abc看看", [("url", "http://t.cn/A6abc")]),
        ("t.cn/R2Wxyz9 视频", [("url", "t.cn/R2Wxyz9")]),
        (
            "https://zh.wikipedia.org/wiki/加拿大。",
            [("url", "https://zh.wikipedia.org/wiki/加拿大")],
        ),
        ("see https://www.mtl.org/en/guide.", [("url", "https://www.mtl.org/en/guide")]),
        ("url http://a.com/x\u200b", [("url", "http://a.com/x")]),
        (
            "[哈哈][doge][笑cry]",
            [("emoticon", "[哈哈]"), ("emoticon", "[doge]"), ("emoticon", "[笑cry]")],
        ),
        ("引文[1]和[立法会各自选出的]", [("number", "1")]),
        (
            "家庭👨‍👩‍👧‍👦 国旗🇨🇦 键帽1️⃣ 肤色👍🏽",
            [("emoji", "👨‍👩‍👧‍👦"), ("emoji", "🇨🇦"), ("emoji", "1️⃣"), ("emoji", "👍🏽")],
        ),
        ("3.5% 在 12:30", [("number", "3.5%"), ("number", "12:30")]),
    ],
)
def test_finds_weibo_entities(text: str, expected: list[tuple[str, str]]) -> None:
    assert kinds_and_texts(text) == expected


def test_offsets_point_at_the_entity() -> None:
    text = "去 @旅游达人 看"
    (entity,) = find_entities(text)
    assert text[entity.start : entity.end] == "@旅游达人"


def test_unknown_kind_is_rejected() -> None:
    with pytest.raises(ValueError, match="unknown entity kind"):
        check_kinds(["url", "hashtags"])


def test_numbers_are_off_by_default() -> None:
    assert entity_texts("只要4个半小时") == []


# Pieces that build and break entities: schemes and hosts split from their paths, e-mail local
# parts with dots and pluses, hashes and brackets without their partners, ASCII runs of every
# length before a trigger.
ENTITY_PIECES = [
    "http", "https", "://", "t.cn", "/A6abc", "www.", "example.com", "bit.ly/", "weibo.cn/s",
    "john.smith", "a+b", "%x", "@", "gmail.com", "//@", "旅游达人", ":", "：", "#", "遇见加拿大",
    "Meeting Canada", "[", "]", "哈哈", "doge", "123", "...", ".", "/", "-", "_", " ", "\n",
    "，", "。", "x", "ab", "AB9", "中文", "&", "·", "\u200b", "😀",
]  # fmt: skip


@settings(max_examples=600, deadline=None)
@given(
    pieces=st.lists(st.sampled_from(ENTITY_PIECES), max_size=16),
    kinds=st.sets(st.sampled_from(sorted(TRIGGERED_KINDS)), min_size=1),
)
def test_trigger_anchored_scan_finds_what_finditer_finds(
    pieces: list[str], kinds: set[str]
) -> None:
    text = "".join(pieces)
    ordered = check_kinds(kinds)
    expected = [(m.lastgroup, m.span()) for m in entity_pattern(ordered).finditer(text)]
    assert [(m.lastgroup, m.span()) for m in iter_entity_matches(text, ordered)] == expected


BLANK_PIECES = [" ", "\u3000", "\u200b", "\ufeff", "\n", "\t", "\xa0", "\x1c", "\u200d"]


@settings(max_examples=600, deadline=None)
@given(
    lead=st.lists(st.sampled_from(BLANK_PIECES), max_size=3),
    pieces=st.lists(st.sampled_from(ENTITY_PIECES + BLANK_PIECES), max_size=12),
    trail=st.lists(st.sampled_from(BLANK_PIECES), max_size=3),
    kinds=st.sets(st.sampled_from(KINDS), min_size=1),
)
def test_blank_ends_change_no_entity(
    lead: list[str], pieces: list[str], trail: list[str], kinds: set[str]
) -> None:
    # find_entities scans a text without its blank ends (so that the scan protect made of the
    # normalized post serves the check of the post as written): the same entities, in place,
    # as the pattern finds in the whole text.
    text = "".join(lead + pieces + trail)
    ordered = check_kinds(kinds)
    expected = [
        (m.lastgroup, m.start(), m.end(), m.group()) for m in entity_pattern(ordered).finditer(text)
    ]
    assert [tuple(e) for e in find_entities(text, ordered)] == expected


def test_kinds_without_triggers_fall_back_to_a_full_scan() -> None:
    text = "看😀 12 个 @a"
    kinds = check_kinds(["emoji", "number", "mention"])
    found = [(m.lastgroup, m.group()) for m in iter_entity_matches(text, kinds)]
    assert found == [("emoji", "😀"), ("number", "12"), ("mention", "@a")]


# -- every built-in conversion pipeline keeps every entity of real posts -----------------------
WEIBO = Path(__file__).resolve().parent.parent / "data" / "weibo" / "weibo_senti_100k-sample.csv"
ENTITY_KINDS = ("url", "email", "repost", "mention", "hashtag", "emoticon", "emoji")


def _real_posts() -> list[str]:
    with WEIBO.open(encoding="utf-8", newline="") as handle:
        return [row["review"] for row in csv.DictReader(handle)]


@pytest.mark.parametrize("name", ["weibo-zh-tw", "weibo-zh-hk", "weibo-zht-zh"])
def test_no_entity_of_real_posts_is_lost_or_altered(name: str) -> None:
    posts = _real_posts()
    assert len(posts) > 2000
    path = find_pipeline(name)
    assert path is not None
    pipe = Pipeline.from_yaml(path)
    done = pipe.process_batch([pipe.make_post(str(i), t) for i, t in enumerate(posts)])
    lost = [
        (post.text, source)
        for post, source in zip(done, posts, strict=True)
        if sorted(entity_texts(post.text, ENTITY_KINDS))
        != sorted(entity_texts(source, ENTITY_KINDS))
    ]
    assert lost == []


_NAMES = st.text(alphabet="天才小熊猫人民日报一只三丁包Air_Canada-·0123", min_size=1, max_size=8)
_GLUE = st.sampled_from(["", "via", "图", "8888", ".", "，", " ", "转发 "])
_ENTITY = st.one_of(
    st.builds(lambda g, n: f"{g}@{n}", _GLUE, _NAMES),
    st.builds(lambda n, sp: f"//@{n}{sp}:", _NAMES, st.sampled_from(["", " "])),
    st.builds(lambda n: f"#{n}#", st.sampled_from(["遇见加拿大", "春节", "发现多伦多"])),
    st.sampled_from(["[爱你]", "[哈哈]", "http://t.cn/A6头发", "😀", "🇨🇦", "name@example.com"]),
)
_TEXT = st.sampled_from(["多伦多只要", "头发", "干净", "软件和网络", "后来", " ", "，", "发现"])


@settings(max_examples=60, deadline=None)
@given(pieces=st.lists(st.one_of(_ENTITY, _TEXT), min_size=1, max_size=8))
@pytest.mark.parametrize(
    "middle",
    [
        {"convert": {"config": "s2twp", "segmentation": "jieba", "vocabulary": True}},
        {"convert": {"config": "s2hk", "vocabulary": True}},
        {"convert": {"config": "t2s"}},
        "segment",
    ],
    ids=lambda m: str(m)[:30],
)
def test_protect_any_step_restore_keeps_entities(pieces: list[str], middle: object) -> None:
    text = "".join(pieces)
    pipe = _pipeline_around(str(middle))
    (post,) = pipe.process_batch([pipe.make_post("1", text)])
    before = entity_texts(text, ENTITY_KINDS)
    assert entity_texts(post.text, ENTITY_KINDS) == before


_AROUND: dict[str, Pipeline] = {}


def _pipeline_around(middle: str) -> Pipeline:
    if middle not in _AROUND:
        import ast

        step = ast.literal_eval(middle) if middle.startswith("{") else middle
        _AROUND[middle] = Pipeline.from_dict({"name": "t", "steps": ["protect", step, "restore"]})
    return _AROUND[middle]
