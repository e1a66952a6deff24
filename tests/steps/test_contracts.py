"""Step order is checked when a pipeline is built, with the file, line, step and the fix."""

from __future__ import annotations

from pathlib import Path

import pytest

from localize.errors import ConfigError
from localize.pipeline import Pipeline
from localize.resources import builtin_pipelines


def _refused(tmp_path: Path, steps: str) -> ConfigError:
    path = tmp_path / "p.yaml"
    path.write_text(f"name: p\nsource: zh-Hans\ntarget: en\nsteps:\n{steps}", encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        Pipeline.from_yaml(path)
    assert info.value.path == str(path)
    return info.value


def test_a_pipeline_that_would_leave_placeholders_never_starts(tmp_path: Path) -> None:
    err = _refused(tmp_path, "  - protect\n  - normalize\n")
    assert (err.line, err.key) == (5, "steps[0].protect")
    assert "would leave placeholders" in err.message
    assert err.hint == "Add `restore` after `protect` (before `check`, if any)."


def test_translate_before_protect(tmp_path: Path) -> None:
    err = _refused(tmp_path, "  - translate\n  - protect\n  - restore\n")
    assert (err.line, err.key) == (5, "steps[0].translate")
    assert "needs `protect` before it" in err.message and "comes after it" in err.message
    assert err.hint == "Move `protect` before `translate`."


def test_translate_without_protect(tmp_path: Path) -> None:
    err = _refused(tmp_path, "  - normalize\n  - translate\n")
    assert err.key == "steps[1].translate" and "has no `protect`" in err.message
    assert err.hint == "Add `protect` before `translate`."


def test_restore_without_anything_to_restore(tmp_path: Path) -> None:
    err = _refused(tmp_path, "  - normalize\n  - restore\n")
    assert (err.line, err.key) == (6, "steps[1].restore")
    assert "nothing to restore" in err.message
    assert err.hint == "Add `protect` before `restore`, or remove it."


def test_check_before_restore(tmp_path: Path) -> None:
    err = _refused(tmp_path, "  - protect\n  - check\n  - restore\n")
    assert err.key == "steps[1].check" and "placeholders" in err.message
    assert err.hint == "Put `restore` before `check`."


@pytest.mark.parametrize(
    "steps",
    [
        ["normalize"],
        ["protect", "restore"],
        ["protect", "terms", "segment", {"convert": {"config": "s2tw", "segmentation": "jieba"}},
         "restore", "check"],
        [{"convert": {"config": "s2tw", "segmentation": "jieba"}}],  # segments by itself
        [{"terms": {"mask": False}}],  # records matches only: nothing to restore
        ["protect", "terms", {"convert": {"config": "t2s"}}, "segment", "restore"],
    ],
)  # fmt: skip
def test_sound_orders_are_accepted(steps: list[object]) -> None:
    Pipeline.from_dict({"name": "p", "source": "zh-Hans", "target": "zh-Hant-TW", "steps": steps})


@pytest.mark.parametrize("name", sorted(builtin_pipelines()))
def test_builtin_pipelines_load(name: str) -> None:
    Pipeline.from_yaml(builtin_pipelines()[name])


def test_order_checks_can_be_skipped_to_look_at_a_partial_pipeline() -> None:
    from localize.config import parse_pipeline_config

    config = parse_pipeline_config({"name": "p", "steps": ["protect"]})
    pipe = Pipeline(config, check_order=False)
    (post,) = pipe.process_batch([pipe.make_post("1", "看 @某人")])
    assert post.text == "看 XQ1QX"
