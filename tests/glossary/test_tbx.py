from __future__ import annotations

from pathlib import Path

import pytest

from localize.errors import GlossaryError
from localize.glossary import Glossary, load_glossary
from localize.glossary.tbx import dump_tbx, read_tbx
from localize.resources import glossaries_dir

STARTERS = sorted(glossaries_dir().glob("*.yaml"))


@pytest.mark.parametrize("path", STARTERS, ids=[p.stem for p in STARTERS])
def test_yaml_tbx_yaml_loses_nothing(path: Path) -> None:
    glossary = load_glossary(path)
    back = read_tbx("g.tbx", text=dump_tbx(glossary).encode())
    assert back == glossary
    assert (back.name, back.description) == (glossary.name, glossary.description)


def test_written_tbx_is_v3_basic(sample: Glossary) -> None:
    text = dump_tbx(sample)
    assert (
        '<tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2">'
        in text
    )
    assert "deprecatedTerm-admn-sts" in text and "admittedTerm-admn-sts" in text
    assert '<termNote type="partOfSpeech">properNoun</termNote>' in text


V2 = """<?xml version="1.0" encoding="UTF-8"?>
<martif type="TBX-Basic" xml:lang="en-US">
  <martifHeader><fileDesc><sourceDesc><p>From a CAT tool</p></sourceDesc></fileDesc></martifHeader>
  <text><body>
    <termEntry id="t1">
      <descripGrp><descrip type="subjectField">tourism</descrip></descripGrp>
      <langSet xml:lang="en-US"><tig><term>Montreal</term>
        <termNote type="partOfSpeech">properNoun</termNote></tig></langSet>
      <langSet xml:lang="zh-CN">
        <tig><term>蒙特利尔</term>
          <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></tig>
        <ntig><termGrp><term>满地可</term>
          <termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></termGrp></ntig>
      </langSet>
      <langSet xml:lang="zh-TW"><tig><term>蒙特婁</term></tig></langSet>
    </termEntry>
  </body></text>
</martif>
"""


def test_reads_tbx_v2_martif() -> None:
    glossary = read_tbx("old.tbx", text=V2)
    entry = glossary.get("t1")
    assert entry is not None
    assert entry.domain == "tourism"
    assert [(t.locale, t.text, t.status) for t in entry.terms] == [
        ("en", "Montreal", "preferred"),
        ("zh-Hans", "蒙特利尔", "preferred"),
        ("zh-Hans", "满地可", "forbidden"),
        ("zh-Hant-TW", "蒙特婁", "preferred"),
    ]
    assert entry.terms[0].pos == "nz"
    assert glossary.description == "From a CAT tool"


@pytest.mark.parametrize(
    "prolog",
    [
        '<!DOCTYPE tbx [<!ENTITY x "boom">]>',
        '<!DOCTYPE tbx [<!ENTITY x SYSTEM "file:///etc/passwd">]>',
    ],
)
def test_entities_are_refused(tmp_path: Path, prolog: str) -> None:
    path = tmp_path / "evil.tbx"
    path.write_text(
        f'<?xml version="1.0"?>{prolog}<tbx><text><body><conceptEntry id="a">'
        '<langSec xml:lang="en"><termSec><term>&x;</term></termSec></langSec>'
        "</conceptEntry></body></text></tbx>",
        encoding="utf-8",
    )
    with pytest.raises(GlossaryError) as info:
        load_glossary(path)
    assert "entity" in str(info.value) and str(path) in str(info.value)


def test_errors_carry_xpath() -> None:
    text = V2.replace('xml:lang="zh-TW"', 'xml:lang="fr"')
    with pytest.raises(GlossaryError) as info:
        read_tbx("x.tbx", text=text)
    assert "at /martif/text[1]/body[1]/termEntry[1]/langSet[3]: unknown language 'fr'" in str(
        info.value
    )
    bad_status = V2.replace("preferredTerm-admn-sts", "approvedTerm-admn-sts")
    with pytest.raises(GlossaryError) as info:
        read_tbx("x.tbx", text=bad_status)
    assert "langSet[2]/tig[1]" in str(info.value) and "unknown status" in str(info.value)


def test_duplicate_concept_id_names_both_xpaths() -> None:
    body = V2.split("<text><body>")[1].split("</body></text>")[0]
    text = V2.replace(body, body + body)
    with pytest.raises(GlossaryError) as info:
        read_tbx("x.tbx", text=text)
    message = str(info.value)
    assert "duplicate entry id 't1' (first at /martif/text[1]/body[1]/termEntry[1])" in message
    assert "termEntry[2]" in message


def test_not_xml_and_wrong_root() -> None:
    with pytest.raises(GlossaryError) as info:
        read_tbx("x.tbx", text="<tbx><text>")
    assert "invalid XML" in str(info.value)
    with pytest.raises(GlossaryError) as info:
        read_tbx("x.tbx", text="<html/>")
    assert "expected <tbx>" in str(info.value)
