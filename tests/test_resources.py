from __future__ import annotations

from pathlib import Path

from localize.resources import builtin_pipelines, find_pipeline, glossaries_dir


def test_builtin_pipelines_are_found_by_name() -> None:
    names = builtin_pipelines()
    assert {"weibo-zh-tw", "weibo-zh-en", "weibo-en-zhhk"} <= set(names)
    assert find_pipeline("weibo-zh-tw") == names["weibo-zh-tw"]
    assert find_pipeline("weibo-zh-tw.yaml") == names["weibo-zh-tw"]


def test_a_file_path_wins_over_a_name(tmp_path: Path) -> None:
    own = tmp_path / "weibo-zh-tw"
    own.write_text("name: mine\nsteps: [normalize]\n", encoding="utf-8")
    assert find_pipeline(str(own)) == own
    assert find_pipeline(str(tmp_path / "missing.yaml")) is None


def test_starter_glossaries_ship_with_the_pipelines() -> None:
    assert (glossaries_dir() / "canada-tourism.yaml").is_file()
