from __future__ import annotations

from pathlib import Path

import pytest

from localize.glossary import load_glossaries

GLOSSARIES = sorted((Path(__file__).resolve().parents[2] / "glossaries").glob("*.yaml"))


def test_derived_forms_come_from_the_cache_in_a_later_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LOCALIZE_GLOSSARY_CACHE", str(tmp_path))
    first = load_glossaries(GLOSSARIES)
    forms = {e.id: first.term_for(e, "zh-Hant-TW") for e in first.entries}
    # Every derived form in one OpenCC call, whatever the number of entries.
    assert first.derived.conversions == 1
    assert list(tmp_path.glob("derived-*.json"))

    again = load_glossaries(GLOSSARIES)  # as a new process would: a new Glossary object
    assert {e.id: again.term_for(e, "zh-Hant-TW") for e in again.entries} == forms
    assert again.derived.conversions == 0  # no converter built


def test_derived_forms_are_what_opencc_gives(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from localize.text.opencc import convert_text

    monkeypatch.setenv("LOCALIZE_GLOSSARY_CACHE", "off")
    glossary = load_glossaries(GLOSSARIES)
    for entry in glossary.entries:
        resolved = glossary.resolve(entry, "zh-Hant-HK")
        hans = entry.preferred("zh-Hans")
        if resolved is not None and resolved.via == "s2hk" and hans is not None:
            assert resolved.text == convert_text(hans.text, "s2hk")
    assert not list(tmp_path.glob("derived-*.json"))
