from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from localize.errors import GlossaryError
from localize.glossary import load_glossary
from localize.glossary.yaml_format import dump_yaml, read_yaml
from localize.resources import glossaries_dir

STARTERS = sorted(glossaries_dir().glob("*.yaml"))


@pytest.mark.parametrize("path", STARTERS, ids=[p.stem for p in STARTERS])
def test_starter_glossaries_load_and_round_trip(path: Path) -> None:
    glossary = load_glossary(path)
    assert len(glossary) >= 5
    again = read_yaml("again.yaml", text=dump_yaml(glossary))
    assert again == glossary
    assert again.fingerprint == glossary.fingerprint
    assert dump_yaml(again) == dump_yaml(glossary)


def test_starter_region_forms() -> None:
    glossary = load_glossary(glossaries_dir() / "canada-tourism.yaml")
    niagara, montreal = glossary.get("niagara-falls"), glossary.get("montreal")
    assert niagara is not None and montreal is not None
    assert glossary.term_for(niagara, "zh-Hans") == "尼亚加拉瀑布"
    assert glossary.term_for(niagara, "zh-Hant-TW") == "尼加拉瀑布"
    assert [
        glossary.term_for(montreal, loc) for loc in ("zh-Hans", "zh-Hant-TW", "zh-Hant-HK")
    ] == [
        "蒙特利尔",
        "蒙特婁",
        "滿地可",
    ]


def test_quoting_round_trips_tricky_scalars() -> None:
    text = (
        'entries:\n  - id: a\n    note: "yes: really # not a comment"\n    terms:\n'
        '      en: ["yes", "1.5", "#tag#", "- dash", {term: "null", status: admitted}]\n'
        "      zh-Hans: 甲\n"
    )
    glossary = read_yaml("t.yaml", text=text)
    assert read_yaml("u.yaml", text=dump_yaml(glossary)) == glossary


def error_of(write: Callable[..., Path], text: str) -> GlossaryError:
    with pytest.raises(GlossaryError) as info:
        load_glossary(write(text))
    return info.value


def test_malformed_entry_names_file_and_line(write: Callable[..., Path]) -> None:
    err = error_of(
        write,
        "entries:\n  - id: ok\n    terms: {en: A, zh-Hans: 甲}\n  - id: bad\n    terms: [A]\n",
    )
    assert err.line == 5 and err.path is not None and err.path.endswith("g.yaml")
    assert "'terms' must map locales" in str(err)
    assert "Nothing from this file was loaded" in str(err)


def test_unknown_status(write: Callable[..., Path]) -> None:
    err = error_of(
        write, "entries:\n  - id: a\n    terms:\n      en: {term: A, status: approved}\n"
    )
    assert err.line == 4
    assert "unknown status 'approved'; valid: preferred, admitted, forbidden" in str(err)


def test_unknown_locale_and_key(write: Callable[..., Path]) -> None:
    err = error_of(write, "entries:\n  - id: a\n    terms:\n      fr: Montréal\n")
    assert err.line == 4 and "unknown locale 'fr'" in str(err)
    err = error_of(write, "entries:\n  - id: a\n    colour: red\n    terms: {en: A}\n")
    assert err.line == 3 and "unknown key 'colour'" in str(err)


def test_duplicate_id_names_both_lines(write: Callable[..., Path]) -> None:
    err = error_of(
        write,
        "entries:\n  - id: a\n    terms: {en: A, zh-Hans: 甲}\n"
        "  - id: a\n    terms: {en: B, zh-Hans: 乙}\n",
    )
    assert err.line == 4
    assert "duplicate entry id 'a' (first at line 2)" in str(err)


def test_yaml_syntax_error_and_empty_term(write: Callable[..., Path]) -> None:
    err = error_of(write, "entries:\n  - id: a\n    terms: {en: [A\n")
    assert err.line is not None and "invalid YAML" in str(err)
    err = error_of(write, "entries:\n  - id: a\n    terms:\n      en: A\n      zh-Hans:\n")
    assert err.line == 5 and "empty zh-Hans term" in str(err)


def test_hashtag_entry_terms_must_be_hashtags(write: Callable[..., Path]) -> None:
    err = error_of(
        write, "entries:\n  - id: a\n    hashtag: true\n    terms: {en: Meeting Canada}\n"
    )
    assert "must be written as a hashtag" in str(err)


def test_several_problems_are_counted(write: Callable[..., Path]) -> None:
    err = error_of(
        write, "entries:\n  - id: a\n    terms: {xx: A}\n  - id: b\n    terms: {yy: B}\n"
    )
    assert "3 more problem(s)" in str(err)  # two unknown locales, two entries without terms
