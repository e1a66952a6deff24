from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from localize.errors import GlossaryError
from localize.glossary import Glossary
from localize.glossary.fast_yaml import load_layout, read_glossary
from localize.glossary.yaml_format import dump_yaml, parse_yaml_containers, read_yaml
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


# -- read_glossary: the usual layout straight into the model ------------------------------


def provenance(glossary: Glossary) -> list[tuple[object, ...]]:
    """Entries with where they were read (equality alone ignores the lines)."""
    return [(e, e.path, e.line, e.term_lines) for e in glossary.entries]


def assert_same_as_general_way(text: str) -> bool:
    """read_glossary gives up or agrees with the general reader; True if it read the file."""
    fast = read_glossary(text, "g.yaml")
    general, problems = parse_yaml_containers("g.yaml", text)
    if fast is None:
        return False
    assert not problems.items, "the fast reader accepted a file with problems"
    top, entries = fast
    assert provenance(Glossary(entries)) == provenance(general)
    assert (top.get("name") or "g") == general.name
    assert (top.get("description") or "") == general.description
    return True


@pytest.mark.parametrize("path", STARTERS, ids=[p.stem for p in STARTERS])
def test_starters_and_their_dumps_are_read_straight_into_the_model(path: Path) -> None:
    text = path.read_text("utf-8")
    assert assert_same_as_general_way(text)
    assert assert_same_as_general_way(dump_yaml(read_yaml(path)))


# Valid pieces, listed several times so that most generated files are valid throughout, and
# pieces the general reader reports or reads differently.
GOOD_VALUES = [
    "Banff", "班夫", "term number 1", "'it''s'", '"双引号"', "{term: 班夫}", "Air Canada ",
    "{term: 班夫, status: forbidden}", "{term: CN Tower, case: sensitive}", "'#遇见加拿大#'",
]  # fmt: skip
BAD_VALUES = [
    "true", "null", "1.5", "{term: X, status: wrong}", "{status: admitted}", "-1", "~", "on",
    "{term: a, colour: red}", "a: b", "班夫 # note", "'  padded '", "#遇见加拿大#",
]  # fmt: skip
GOOD_LINES = [
    "    domain: tourism", "    note: a note", "    note: 'quoted'", "    dnt: true",
    "    dnt: false", "    # a comment", "",
]  # fmt: skip
BAD_LINES = [
    "    dnt: yes",
    "    hashtag: true",
    "    domain: {a: b}",
    "    colour: red",
    "    domain:",
]
GOOD_LOCALES = ["en", "zh-Hans", "zh-Hant", "zh-Hant-TW", "zh-Hant-HK"]

values = st.sampled_from(GOOD_VALUES * 6 + BAD_VALUES)
locales = st.sampled_from(GOOD_LOCALES * 4 + ["zh-CN", "xx"])
term_line = st.one_of(
    st.tuples(locales, values).map(lambda kv: f"      {kv[0]}: {kv[1]}"),
    st.tuples(locales, st.lists(values, min_size=1, max_size=3)).map(
        lambda kv: "\n".join([f"      {kv[0]}:", *(f"        - {v}" for v in kv[1])])
    ),
    st.just("      # a comment"),
)
entry_text = st.tuples(
    st.sampled_from(["a", "b", "c", "x.y", "t0"] * 3 + ["1", "bad id", "true"]),
    st.lists(
        st.sampled_from(GOOD_LINES * 4 + BAD_LINES), max_size=2, unique_by=lambda x: x.split(":")[0]
    ),
    st.lists(term_line, min_size=1, max_size=3, unique_by=lambda line: line.split(":")[0]),
    st.sampled_from([True] * 9 + [False]),
).map(lambda e: "\n".join([f"  - id: {e[0]}", *e[1], *(["    terms:", *e[2]] if e[3] else [])]))


@settings(max_examples=400, deadline=None)
@given(
    header=st.lists(
        st.sampled_from(["name: test", "description: a test", "domain: travel", "# comment"]),
        max_size=3,
        unique=True,
    ),
    entries=st.lists(entry_text, max_size=3, unique_by=lambda text: text.split("\n")[0]),
    trailer=st.sampled_from(["", "", "", "domain: late", "name: late"]),
)
def test_read_glossary_agrees_with_the_general_way(
    header: list[str], entries: list[str], trailer: str
) -> None:
    text = "\n".join([*header, "entries:", *entries, trailer]) + "\n"
    assert_same_as_general_way(text)


def test_read_glossary_reads_what_it_should() -> None:
    # Not only giving up: the usual shapes, attributes and lists are read here.
    text = (
        "name: t\ndomain: travel\nentries:\n"
        "  - id: banff\n    note: Alberta\n    terms:\n      en: Banff\n      zh-Hans: 班夫\n"
        "  - id: niagara\n    terms:\n      en:\n        - Niagara Falls\n"
        "        - {term: Niagara, status: admitted}\n"
        "      zh-Hant-TW: {term: 尼加拉瀑布, pos: ns}\n"
    )
    assert assert_same_as_general_way(text)
    fast = read_glossary(text, "g.yaml")
    assert fast is not None
    banff, niagara = fast[1]
    assert (banff.domain, banff.note, banff.line, banff.term_lines) == (
        "travel",
        "Alberta",
        4,
        (7, 8),
    )
    assert [(t.text, t.status) for t in niagara.terms][:2] == [
        ("Niagara Falls", "preferred"),
        ("Niagara", "admitted"),
    ]


ONE_ENTRY = "entries:\n  - id: a\n    terms:\n      en: Banff\n"


@pytest.mark.parametrize(
    ("line", "rule"),
    [
        ("      zh-Hans: {term: X, status: wrong}", "unknown_status"),
        ("      zh-Hans: {term: X, case: maybe}", "malformed"),
        ("      zh-Hans: {status: admitted}", "malformed"),
        ("      zh-Hans: {term: X, colour: red}", "malformed"),
        ("      zh-Hans: '  padded '", "malformed"),
        ("      zh-Hans: ''", "empty_term"),
        ("      xx: X", "unknown_locale"),
        ("    hashtag: true", "malformed"),  # "Banff" is no hashtag
        ("    colour: red", "malformed"),
        ("  - id: a\n    terms:\n      en: Again", "duplicate_id"),
        ("  - id: bad id\n    terms:\n      en: X", "malformed"),
        ("  - id: b", "malformed"),  # no terms
    ],
)
def test_read_glossary_gives_up_on_every_problem(line: str, rule: str) -> None:
    text = ONE_ENTRY + line + "\n"
    assert read_glossary(text, "g.yaml") is None
    _, problems = parse_yaml_containers("g.yaml", text)
    assert rule in {p.rule for p in problems.items}
