"""Issue 11, case 8: every built-in pipeline, normalize included, keeps every entity intact.

The property runs each built-in pipeline's own steps (normalize → protect → terms → segment →
convert → restore → check) without its translate step, so no model is needed, over text made of
Weibo entities and the characters that stress their edges: zero-width spaces, full-width
letters, placeholder-shaped runs, runs of spaces and line breaks.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import example, given, settings
from hypothesis import strategies as st

from localize.config import parse_pipeline_config
from localize.pipeline import Pipeline
from localize.resources import builtin_pipelines
from localize.text.entities import find_entities

_filler = st.text(
    alphabet=st.one_of(
        st.characters(blacklist_categories=("Cs",)),
        st.sampled_from(list("#@/:[]_ .\n\r\t\u200b\u200d\ufeffａＺ０中文后發软件XQ0123")),
    ),
    max_size=10,
)
_entity = st.sampled_from(
    [
        "#遇见加拿大#",
        "#XQ7QX话题#",
        "#MeetingCanada",
        "@旅游达人",
        "@华",
        "//@加拿大驻华使馆:",
        "[爱你]",
        "http://t.cn/A6xYz12",
        "http://t.cn/0000",
        "https://www.mtl.org/zh/guide?a=1",
        "info@niagara.com",
        "👨‍👩‍👧‍👦",
        "🇨🇦",
        "XQ3QX",
    ]
)


def _without_translate(path: Path) -> Pipeline:
    data: dict[str, Any] = yaml.safe_load(path.read_text("utf-8"))
    steps = [s for s in data["steps"] if not (isinstance(s, dict) and "translate" in s)]
    return Pipeline(parse_pipeline_config({**data, "steps": steps}, path=path))


PIPELINES = {name: _without_translate(path) for name, path in builtin_pipelines().items()}


def test_every_built_in_pipeline_is_covered() -> None:
    assert len(PIPELINES) >= 8
    assert all(pipe.steps[0].step.name == "normalize" for pipe in PIPELINES.values())


def _entities(text: str) -> list[str]:
    """Every entity's exact text but topics': a topic's text may be translated, or replaced by
    the glossary's localized campaign hashtag (#遇见加拿大# -> #遇見加拿大#, #Meeting Canada#)."""
    return [e.text for e in find_entities(text) if e.kind != "hashtag"]


def _in_order(entities: list[str], text: str) -> bool:
    position = 0
    for entity in entities:
        found = text.find(entity, position)
        if found < 0:
            return False
        position = found + len(entity)
    return True


def _visible(text: str) -> int:
    return sum(not ch.isspace() for ch in text)


@pytest.mark.parametrize("name", sorted(PIPELINES))
@settings(max_examples=60, deadline=None)
@given(parts=st.lists(st.tuples(_filler, _entity), min_size=1, max_size=4), tail=_filler)
@example(parts=[("", "#XQ7QX话题#")], tail=" 推荐  软件")
@example(parts=[("", "http://t.cn/0000"), ("\u200b", "@华")], tail="")
@example(parts=[("", "#遇见加拿大#"), ("0", "@旅游达人"), ("", "#遇见加拿大#")], tail="")
def test_entities_survive_every_built_in_pipeline(
    name: str, parts: list[tuple[str, str]], tail: str
) -> None:
    pipe = PIPELINES[name]
    text = "".join(f + e for f, e in parts) + tail
    (post,) = pipe.process_batch([pipe.make_post("p", text)])
    # Every entity comes out byte for byte, in order. (Not "the same entities are found in the
    # output": a localized campaign hashtag such as #遇見加拿大# may be read together with the
    # text before it, which is a property of the entity patterns, not of these steps.)
    assert _in_order(_entities(text), post.text)
    # Nothing duplicated: only glossary targets may make the text longer (and spaces that
    # restore puts between entities in English; NFC may split a character in two).
    longest = _visible(unicodedata.normalize("NFC", text))
    assert _visible(post.text) <= longest + sum(len(t.target or "") for t in post.terms)
    lost = [i for i in post.issues if i.severity == "error" and i.step != "check"]
    assert lost == []
    if post.tokens is not None:
        assert "".join(post.tokens) == post.text
