from __future__ import annotations

from pathlib import Path

import pytest

from localize.errors import ConfigError
from localize.pipeline import Pipeline
from localize.steps.segment import segment_text


def test_placeholders_are_whole_tokens_even_next_to_digits() -> None:
    assert segment_text("XQ1QX2027年XQ2QX去") == ["XQ1QX", "2027", "年", "XQ2QX", "去"]


def test_tokens_join_back_to_the_text() -> None:
    text = "从温哥华飞往多伦多只要4个半小时， 真快！"
    assert "".join(segment_text(text)) == text


def test_entities_are_one_token_each() -> None:
    pipe = Pipeline.from_dict({"name": "t", "steps": ["protect", "segment", "restore"]})
    (post,) = pipe.process_batch(
        [pipe.make_post("1", "看http://t.cn/A6x1视频[哈哈]@旅游达人 #遇见加拿大#")]
    )
    assert post.tokens == [
        "看",
        "http://t.cn/A6x1",
        "视频",
        "[哈哈]",
        "@旅游达人",
        " ",
        "#遇见加拿大#",
    ]


def test_user_dictionary_keeps_a_new_word_whole(tmp_path: Path) -> None:
    words = tmp_path / "words.txt"
    words.write_text("露易丝湖 10 ns\n", encoding="utf-8")
    (tmp_path / "p.yaml").write_text(
        "name: t\nsteps:\n  - segment: {user_dicts: [words.txt], hmm: false}\n", encoding="utf-8"
    )
    pipe = Pipeline.from_yaml(tmp_path / "p.yaml")
    (post,) = pipe.process_batch([pipe.make_post("1", "落基山脉的露易丝湖")])
    assert "露易丝湖" in (post.tokens or [])


def test_missing_user_dictionary_is_a_config_error(tmp_path: Path) -> None:
    (tmp_path / "p.yaml").write_text(
        "name: t\nsteps:\n  - segment:\n      user_dicts: [nope.txt]\n", encoding="utf-8"
    )
    with pytest.raises(ConfigError) as info:
        Pipeline.from_yaml(tmp_path / "p.yaml")
    assert info.value.line == 4
    assert info.value.key == "steps[0].segment.user_dicts"
    assert "nope.txt" in str(info.value)
