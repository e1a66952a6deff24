from __future__ import annotations

import subprocess
import sys
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


_LOAD_THEN_RUN = """
import sys, threading
from localize.pipeline import Pipeline
import localize.glossary.matcher as matcher, localize.text.segmenter as segmenter
import localize.text.wordwise as wordwise
from localize.text import finalseg

pipe = Pipeline.from_yaml(sys.argv[1])
pipe.load()
loaded = threading.active_count(), sorted(m for m in sys.modules if m.startswith("ctranslate2"))

def refuse(*args, **kwargs):
    raise AssertionError("loaded on the first post")

if sys.argv[2] == "run":  # nothing is left to load for the first post
    matcher.Matcher.__init__ = refuse
    segmenter.Tokenizer._build = refuse
    wordwise.WordwiseConverter.__init__ = refuse
    assert finalseg._model.cache_info().currsize == 1  # jieba's HMM, which finds 杭研 below
    [post] = pipe.process_batch([pipe.make_post("1", "蒙特利尔 推荐软件 #遇见加拿大# 杭研大厦")])
    assert "杭研" in post.tokens
    print(post.text)
print(*loaded)
"""


@pytest.mark.parametrize(
    ("pipeline", "mode", "expected"),
    [
        ("weibo-zh-tw", "run", "蒙特婁 推薦軟體 #遇見加拿大# 杭研大廈\n1 []"),
        ("weibo-zh-en", "load", "1 []"),  # the MT model is the worker's to load
    ],
)
def test_load_leaves_nothing_for_the_first_post_and_starts_no_thread(
    pipeline: str, mode: str, expected: str
) -> None:
    """What a --jobs command loads once before it forks its workers."""
    path = Path(__file__).resolve().parents[1] / "pipelines" / f"{pipeline}.yaml"
    out = subprocess.run(
        [sys.executable, "-c", _LOAD_THEN_RUN, str(path), mode],
        capture_output=True,
        text=True,
        check=True,
    )
    assert out.stdout.strip() == expected
