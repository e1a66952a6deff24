from __future__ import annotations

from pathlib import Path

import pytest

from localize.errors import ConfigError
from localize.pipeline import Pipeline


def _glossary(path: Path, word: str) -> Path:
    path.write_text(
        f"name: g\nentries:\n  - id: w\n    terms:\n      en: W\n      zh-Hans: {word}\n",
        encoding="utf-8",
    )
    return path


def _tokens(pipe: Pipeline, text: str) -> list[str]:
    (post,) = pipe.process_batch([pipe.make_post("1", text)])
    return post.tokens or []


def test_two_pipelines_segment_by_their_own_glossary_in_one_process(tmp_path: Path) -> None:
    text = "落基山脉的露易丝湖"
    steps = [{"segment": {"hmm": False}}]
    lake = Pipeline.from_dict(
        {"name": "a", "steps": steps}, glossaries=[_glossary(tmp_path / "a.yaml", "露易丝湖")]
    )
    other = Pipeline.from_dict(
        {"name": "b", "steps": steps}, glossaries=[_glossary(tmp_path / "b.yaml", "落基山脉")]
    )
    plain = Pipeline.from_dict({"name": "c", "steps": steps})
    assert "露易丝湖" in _tokens(lake, text)
    # The first pipeline's words stay its own: neither jieba's global tokenizer nor the other
    # pipelines see them.
    assert "露易丝湖" not in _tokens(other, text)
    assert "落基山脉" in _tokens(other, text)
    assert _tokens(plain, text) == ["落基", "山脉", "的", "露易丝", "湖"]
    assert "露易丝湖" in _tokens(lake, text)
    import jieba

    assert "露易丝湖" not in jieba.dt.FREQ


def test_signature_names_the_words_jieba_was_given(tmp_path: Path) -> None:
    steps = ["segment"]
    a = Pipeline.from_dict(
        {"name": "p", "steps": steps}, glossaries=[_glossary(tmp_path / "a.yaml", "露易丝湖")]
    )
    b = Pipeline.from_dict(
        {"name": "p", "steps": steps}, glossaries=[_glossary(tmp_path / "b.yaml", "落基山脉")]
    )
    plain = Pipeline.from_dict({"name": "p", "steps": steps})
    step_part = [s.split("|")[2] for s in (a.signature(), b.signature(), plain.signature())]
    assert step_part[0].startswith("steps:segment(words=")
    assert step_part[0] != step_part[1]
    assert step_part[2] == "steps:segment"


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
