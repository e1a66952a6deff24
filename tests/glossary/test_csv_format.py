from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from localize.errors import GlossaryError
from localize.glossary import Glossary, load_glossary
from localize.glossary.csv_format import dump_csv, read_csv
from localize.glossary.yaml_format import dump_yaml
from localize.resources import glossaries_dir

STARTERS = sorted(glossaries_dir().glob("*.yaml"))


@pytest.mark.parametrize("path", STARTERS, ids=[p.stem for p in STARTERS])
def test_yaml_csv_yaml_loses_nothing(path: Path) -> None:
    glossary = load_glossary(path)
    back = read_csv(f"{glossary.name}.csv", text=dump_csv(glossary))
    assert back == glossary
    assert back.fingerprint == glossary.fingerprint
    back.description = glossary.description  # CSV has no place for the description
    assert dump_yaml(back) == dump_yaml(glossary)


def test_round_trip_keeps_attributes_and_statuses(sample: Glossary) -> None:
    text = dump_csv(sample)
    header = text.splitlines()[0].split(",")
    assert header[:3] == ["id", "status", "en"]
    assert "zh-Hans:pos" in header
    assert "montreal,forbidden,,满地可" in text
    assert read_csv("s.csv", text=text) == sample


def test_equivalent_term_set_with_aliases_and_review_columns() -> None:
    text = (
        "en-US,zh-CN,zh-TW,x-count\nNiagara Falls,尼亚加拉瀑布,尼加拉瀑布,3\nMontreal,蒙特利尔,,1\n"
    )
    glossary = read_csv("g.csv", text=text)
    assert [e.id for e in glossary] == ["niagara-falls", "montreal"]
    entry = glossary.get("niagara-falls")
    assert entry is not None and glossary.term_for(entry, "zh-Hant-TW") == "尼加拉瀑布"


def test_unknown_locale_column() -> None:
    with pytest.raises(GlossaryError) as info:
        read_csv("g.csv", text="en,fr,zh-Hans\nA,B,甲\n")
    assert info.value.line == 1
    assert "unknown column 'fr'" in str(info.value)


def test_unknown_status_names_the_row() -> None:
    with pytest.raises(GlossaryError) as info:
        read_csv("g.csv", text="id,status,en,zh-Hans\na,preferred,A,甲\na,approved,B,\n")
    assert info.value.line == 3 and "unknown status 'approved'" in str(info.value)


def test_conflicting_entry_cells_and_bad_booleans() -> None:
    with pytest.raises(GlossaryError) as info:
        read_csv("g.csv", text="id,en,zh-Hans,domain\na,A,甲,x\na,B,,y\n")
    assert info.value.line == 3 and "differs" in str(info.value)
    with pytest.raises(GlossaryError) as info:
        read_csv("g.csv", text="id,en,dnt\na,A,maybe\n")
    assert "dnt must be true or false" in str(info.value)


def test_duplicate_id_is_refused_when_rows_disagree_and_no_locale_column() -> None:
    with pytest.raises(GlossaryError) as info:
        read_csv("g.csv", text="id,domain\na,x\n")
    assert "no locale column" in str(info.value)


def test_csv_file_with_bom(write: Callable[..., Path]) -> None:
    path = write("\ufeffen,zh-Hans\nBanff,班夫\n", "g.csv")
    assert [t.text for t in load_glossary(path).entries[0].terms] == ["Banff", "班夫"]


TERMS = [
    ["id", "en", "zh-Hans"],
    ["montreal", "Montreal", "蒙特利尔"],
    ["niagara", "Niagara Falls", "尼亚加拉瀑布"],
]


@pytest.mark.parametrize(
    ("name", "delimiter"),
    [("g.tsv", "\t"), ("g.csv", "\t"), ("g.csv", ";"), ("g.csv", ",")],
)
def test_the_delimiter_is_sniffed_and_tsv_is_accepted(
    tmp_path: Path, name: str, delimiter: str
) -> None:
    path = tmp_path / name
    path.write_text("".join(delimiter.join(row) + "\n" for row in TERMS), encoding="utf-8")
    glossary = load_glossary(path)
    assert [(e.id, [t.text for t in e.terms]) for e in glossary.entries] == [
        ("montreal", ["Montreal", "蒙特利尔"]),
        ("niagara", ["Niagara Falls", "尼亚加拉瀑布"]),
    ]


@pytest.mark.parametrize("codec", ["utf-16", "utf-8-sig", "gb18030"])
def test_encodings_of_spreadsheet_exports(tmp_path: Path, codec: str) -> None:
    path = tmp_path / "g.csv"
    path.write_bytes("".join(",".join(row) + "\n" for row in TERMS).encode(codec))
    if codec == "gb18030":
        with pytest.raises(GlossaryError, match="pass --encoding gb18030"):
            load_glossary(path)
    glossary = load_glossary(path, encoding="gb18030" if codec == "gb18030" else None)
    assert glossary.get("montreal") is not None
    assert [t.text for t in glossary.get("montreal").terms] == ["Montreal", "蒙特利尔"]  # type: ignore[union-attr]
