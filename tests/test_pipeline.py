from __future__ import annotations

from pathlib import Path

import pytest

from localize.pipeline import Pipeline
from localize.post import Post


def test_when_applies_a_step_only_to_matching_posts() -> None:
    pipe = Pipeline.from_dict(
        {"name": "t", "steps": [{"convert": {"config": "t2s", "when": "zh-Hant"}}]}
    )
    hant, hans = pipe.make_post("1", "後來的頭髮"), pipe.make_post("2", "乾隆皇帝")
    pipe.process_batch([hant, hans])
    assert hant.text == "后来的头发"
    assert hans.text == "乾隆皇帝"  # detected as zh-Hans, so left as written


def test_signature_names_steps_options_and_library_versions() -> None:
    pipe = Pipeline.from_dict(
        {
            "name": "sig",
            "source": "zh-Hans",
            "target": "zh-Hant-TW",
            "steps": ["normalize", {"convert": {"config": "s2twp"}}, {"segment": {"hmm": False}}],
        }
    )
    sig = pipe.signature()
    assert sig.startswith(
        "localize:0.1.0|pipeline:sig|locale:zh-Hans>zh-Hant-TW|"
        "steps:normalize+convert(config=s2twp)+segment(hmm=False)|"
    )
    assert "|jieba:0.42.1" in sig and "|opencc:" in sig


def test_a_failing_post_is_set_aside_and_the_rest_processed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    pipe = Pipeline.from_dict({"name": "t", "steps": ["normalize"]})
    step = pipe.steps[0].step
    original = step.process_post

    def flaky(post: Post) -> None:
        if post.id == "bad":
            raise RuntimeError("boom")
        original(post)

    monkeypatch.setattr(step, "process_post", flaky)
    failures: list[tuple[str, str]] = []
    posts = [pipe.make_post(i, f"{i}  text") for i in ("a", "bad", "c")]
    out = list(pipe.run(posts, on_failure=lambda p, e: failures.append((p.id, str(e)))))
    assert [(p.id, p.text) for p in out] == [("a", "a text"), ("c", "c text")]
    assert failures == [("bad", "boom")]


def test_source_is_never_changed(tmp_path: Path) -> None:
    pipe = Pipeline.from_dict(
        {"name": "t", "steps": ["normalize", "protect", {"convert": {"config": "s2t"}}, "restore"]}
    )
    (post,) = pipe.process_batch([pipe.make_post("1", "后来 @旅游达人\u200b")])
    assert post.source == "后来 @旅游达人\u200b"
