from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from localize.pipeline import Pipeline
from localize.post import Post
from localize.steps.base import StepContext
from localize.steps.protect import Protect, ProtectOptions
from localize.steps.restore import Restore
from localize.text.entities import find_entities
from localize.text.placeholders import PLACEHOLDER_RE

POST = "#遇见加拿大# @旅游达人 //@Air_Canada: 看[哈哈] http://t.cn/A6x 👨‍👩‍👧 a@b.cn"


def protect(text: str, **options: object) -> Post:
    post = Post(id="1", source=text)
    Protect(ProtectOptions(**options), StepContext()).process([post])  # type: ignore[arg-type]
    return post


def test_every_entity_becomes_one_placeholder() -> None:
    post = protect(POST)
    assert [s.kind for s in post.spans.values()] == [
        "hashtag",
        "mention",
        "repost",
        "emoticon",
        "url",
        "emoji",
        "email",
    ]
    assert PLACEHOLDER_RE.sub("", post.text) == "   看   "
    assert "_" not in post.text


def test_restore_gives_back_the_exact_bytes() -> None:
    post = protect(POST)
    Restore(Restore.Options(), StepContext()).process([post])
    assert post.text == POST
    assert post.issues == []


def test_placeholder_shaped_text_in_the_post_is_protected_too() -> None:
    post = protect("代码XQ1QX和@某人")
    assert [(s.kind, s.original) for s in post.spans.values()] == [
        ("literal", "XQ1QX"),
        ("mention", "@某人"),
    ]
    assert "XQ1QX" not in post.spans  # never reused for a real span
    Restore(Restore.Options(), StepContext()).process([post])
    assert post.text == "代码XQ1QX和@某人"


def test_hashtags_translate_mode_lets_inner_text_through() -> None:
    post = protect("#遇见加拿大#来了", hashtags="translate")
    assert PLACEHOLDER_RE.sub("|", post.text) == "|遇见加拿大|来了"
    assert {s.original for s in post.spans.values()} == {"#"}


def test_restore_reports_a_lost_placeholder() -> None:
    post = protect("看 @旅游达人")
    post.text = post.text.replace("XQ1QX", "")
    Restore(Restore.Options(), StepContext()).process([post])
    assert [i.check for i in post.issues] == ["entity_lost"]


# Text around entities: any Unicode, plus characters that stress the entity rules.
_filler = st.text(
    alphabet=st.one_of(
        st.characters(blacklist_categories=("Cs",)),
        st.sampled_from(list("#@/:[]_ .\u200b\u200d中文后發XQ0123")),
    ),
    max_size=12,
)
_entity = st.sampled_from(
    [
        "#遇见加拿大#",
        "#MeetingCanada",
        "@旅游达人",
        "//@加拿大驻华使馆:",
        "[爱你]",
        "[doge]",
        "http://t.cn/A6xYz12",
        "https://www.mtl.org/zh/guide?a=1",
        "info@niagara.com",
        "👨‍👩‍👧‍👦",
        "🇨🇦",
        "1️⃣",
        "XQ3QX",
    ]
)
PIPE = Pipeline.from_dict(
    {"name": "prop", "steps": ["protect", {"convert": {"config": "s2twp"}}, "segment", "restore"]}
)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(_filler, _entity), min_size=1, max_size=4), _filler)
def test_entities_survive_protect_convert_segment_restore(
    parts: list[tuple[str, str]], tail: str
) -> None:
    text = "".join(f + e for f, e in parts) + tail
    before = [e.text for e in find_entities(text)]
    (post,) = PIPE.process_batch([PIPE.make_post("p", text)])
    after = [e.text for e in find_entities(post.text)]
    assert after == before
    assert "".join(post.tokens or []) == post.text
    for span in post.spans.values():
        assert span.original in post.text


def test_nul_characters_do_not_truncate_the_post() -> None:
    # OpenCC's C binding stops at NUL; the convert step must not lose what follows.
    (post,) = PIPE.process_batch([PIPE.make_post("p", "前\x00后@旅游达人")])
    assert post.text == "前\x00後@旅游达人"
