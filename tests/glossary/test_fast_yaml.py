from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from localize.errors import GlossaryError
from localize.glossary.fast_yaml import load_layout
from localize.glossary.yaml_format import dump_yaml, read_yaml
from localize.resources import glossaries_dir
from localize.yamlfile import load_yaml

STARTERS = sorted(glossaries_dir().glob("*.yaml"))


def lines(data: Any) -> Any:
    """The containers' content and line numbers, to compare both readers exactly."""
    if isinstance(data, dict):
        return {k: (lines(v), data.line_of(k)) for k, v in data.items()}, data.line  # type: ignore[attr-defined]
    if isinstance(data, list):
        return [(lines(v), data.line_of(i)) for i, v in enumerate(data)]  # type: ignore[attr-defined]
    return data


@pytest.mark.parametrize("path", STARTERS, ids=[p.stem for p in STARTERS])
def test_same_result_as_pyyaml_on_starters(path: Path) -> None:
    text = path.read_text("utf-8")
    fast = load_layout(text)
    assert fast is not None
    assert fast == load_yaml(path, text=text)
    # Item lines agree (container lines of flow mappings may differ; items and keys do not).
    slow = load_yaml(path, text=text)
    for a, b in zip(fast["entries"], slow["entries"], strict=True):
        assert a.line == b.line
        assert {k: a.line_of(k) for k in a} == {k: b.line_of(k) for k in b}


@pytest.mark.parametrize(
    "text",
    [
        "entries:\n  - id: a\n    dnt: yes\n    terms: {en: A}\n",  # YAML 1.1 bool
        "entries:\n  - id: a\n    terms:\n      en: 1.5\n",  # a number
        "entries:\n  - id: a\n    terms:\n      en: null\n",
        'entries:\n  - id: a\n    terms:\n      en: "a\\tb"\n',  # escapes
        "entries:\n  - id: a\n    terms:\n      en: &x A\n",  # anchors
        "entries:\n  - {id: a, terms: {en: A}}\n",  # flow entries
        "entries:\n  - id: a\n    terms:\n      en: A\n      en: B\n",  # duplicate key
        "entries:\n",  # null, not an empty list
        "entries:\n  - id: a\n    terms:\n      en: >\n        folded\n",
    ],
)
def test_falls_back_to_pyyaml(text: str) -> None:
    assert load_layout(text) is None


def test_fallback_keeps_pyyaml_errors(tmp_path: Path) -> None:
    path = tmp_path / "g.yaml"
    path.write_text("entries:\n  - id: a\n    terms:\n      en: A\n      en: B\n", "utf-8")
    with pytest.raises(GlossaryError, match="duplicate key 'en'"):
        read_yaml(path)


def test_dumped_yaml_takes_the_fast_path() -> None:
    glossary = read_yaml(STARTERS[0])
    text = dump_yaml(glossary)
    assert load_layout(text) is not None
    assert read_yaml("x.yaml", text=text) == glossary
