from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

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


def test_kinds_without_triggers_fall_back_to_a_full_scan() -> None:
    text = "看😀 12 个 @a"
    kinds = check_kinds(["emoji", "number", "mention"])
    found = [(m.lastgroup, m.group()) for m in iter_entity_matches(text, kinds)]
    assert found == [("emoji", "😀"), ("number", "12"), ("mention", "@a")]
