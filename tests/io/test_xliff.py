"""XLIFF out and back in: valid against the OASIS schemas, lossless, edits and deletions seen."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
import xmlschema

from localize.errors import InputError
from localize.io.readers import Record, Reject, read_records
from localize.io.xliff import read_xliff, write_xliff

SCHEMAS = Path(__file__).parent / "schemas"


def record(post_id: str, **extra: Any) -> dict[str, Any]:
    """A result record as `localize run` writes it for "@小王 去了温哥华。天气好！"."""
    base: dict[str, Any] = {
        "id": post_id,
        "text": "@小王 去了温哥华。天气好！",
        "mid": 42,
        "result": "@小王 went to Vancouver. Fine weather!",
        "locale": "en",
        "detected": "zh-Hans",
        "terms": [
            {
                "id": "vancouver",
                "term": "温哥华",
                "locale": "zh-Hans",
                "status": "preferred",
                "span": [8, 11],
                "target": "Vancouver",
            }
        ],
        "segments": [
            {
                "source": "XQ1QX 去了XQ2QX。",
                "target": "XQ1QX went to XQ2QX.",
                "sep": " ",
                "origin": "mt",
            },
            {"source": "天气好！", "target": "Fine weather!", "sep": "", "origin": "cache"},
        ],
        "spans": {
            "XQ1QX": {"original": "@小王", "kind": "mention"},
            "XQ2QX": {
                "original": "温哥华",
                "kind": "term",
                "replacement": "Vancouver",
                "entry": "vancouver",
            },
        },
        "issues": [],
        "signature": "localize:0.1.0|pipeline:x|locale:zh-Hans>en|steps:translate",
    }
    base.update(extra)
    return base


RECORDS = [
    record("p1"),
    record(
        "p2 & <odd> id",
        issues=[{"check": "length", "severity": "warning", "message": "long <b>"}],
    ),
    {"id": "p3", "text": "後來", "result": "后来", "locale": "zh-Hans", "issues": []},
]


@pytest.fixture(params=["1.2", "2.1"])
def version(request: pytest.FixtureRequest) -> str:
    return str(request.param)


def write(tmp_path: Path, version: str, records: list[dict[str, Any]] = RECORDS) -> Path:
    path = tmp_path / ("out.xlf" if version == "1.2" else "out.xliff")
    assert write_xliff(records, path, version=version) == len(records)
    return path


def test_output_validates_against_the_oasis_schema(tmp_path: Path, version: str) -> None:
    name = "xliff-core-1.2-transitional.xsd" if version == "1.2" else "xliff-core-2.0.xsd"
    schema = xmlschema.XMLSchema(str(SCHEMAS / name))
    path = write(tmp_path, version)
    schema.validate(str(path))  # raises with the offending element if invalid


def test_units_segments_codes_terms_notes_and_states(tmp_path: Path) -> None:
    text = write(tmp_path, "1.2").read_text(encoding="utf-8")
    assert 'source-language="zh-Hans" target-language="en"' in text
    assert text.count("<group ") == 3 and text.count("<trans-unit ") == 5
    assert '<ph id="1" ctype="x-mention" equiv-text="@小王">@小王</ph> 去了' in text
    assert '<mrk mtype="term" lz:term="t2" comment="glossary entry vancouver">温哥华</mrk>' in text
    assert (
        '<mrk mtype="term" lz:term="t2" comment="glossary entry vancouver">Vancouver</mrk>.' in text
    )
    assert '<target state="translated">' in text
    assert '<target state="needs-review-translation">' in text
    assert "[length] warning: long &lt;b&gt;</note>" in text


def test_xliff2_codes_are_locked_placeholders_with_equiv_and_disp(tmp_path: Path) -> None:
    text = write(tmp_path, "2.1").read_text(encoding="utf-8")
    assert 'version="2.1" srcLang="zh-Hans" trgLang="en"' in text
    assert '<ph id="1" dataRef="d1" equiv="@小王" disp="@小王" canDelete="no"/>' in text
    assert '<data id="d1">@小王</data>' in text
    assert '<mrk id="t2" type="term" value="vancouver">Vancouver</mrk>' in text
    assert 'subState="localize:needs-review"' in text


def test_round_trip_loses_no_post_entity_or_field(tmp_path: Path, version: str) -> None:
    back = list(read_xliff(str(write(tmp_path, version))))
    assert back == RECORDS


def edit(path: Path, old: str, new: str) -> None:
    """What an editor does in a text editor: change the first target containing ``old``."""
    text = path.read_text(encoding="utf-8")
    target = next(m for m in re.finditer(r"<target[^>]*>.*?</target>", text) if old in m.group())
    path.write_text(
        text.replace(target.group(), target.group().replace(old, new), 1), encoding="utf-8"
    )


def test_an_edited_target_is_the_result_and_its_origin_is_human(
    tmp_path: Path, version: str
) -> None:
    path = write(tmp_path, version)
    edit(path, " went to ", " travelled to ")
    first = next(r for r in read_xliff(str(path)) if isinstance(r, dict))
    assert first["result"] == "@小王 travelled to Vancouver. Fine weather!"
    assert [s["origin"] for s in first["segments"]] == ["human", "cache"]
    assert first["segments"][0]["target"] == "XQ1QX travelled to XQ2QX."
    assert first["issues"] == []


def test_a_deleted_locked_entity_is_an_entity_mismatch_error(tmp_path: Path, version: str) -> None:
    path = write(tmp_path, version)
    text = path.read_text(encoding="utf-8")
    ph = re.search(r"<target[^>]*>(<ph [^>]*?(/>|>@小王</ph>))", text)
    assert ph is not None
    path.write_text(text[: ph.start(1)] + text[ph.end(1) :], encoding="utf-8")
    first = next(r for r in read_xliff(str(path)) if isinstance(r, dict))
    assert first["result"] == " went to Vancouver. Fine weather!"
    [issue] = first["issues"]
    assert issue["check"] == "entity_mismatch" and issue["severity"] == "error"
    assert "@小王" in issue["message"]


def test_a_rewritten_term_stays_the_editors_text(tmp_path: Path) -> None:
    path = write(tmp_path, "1.2")
    edit(path, ">Vancouver</mrk>", ">Vancouver, BC</mrk>")
    first = next(r for r in read_xliff(str(path)) if isinstance(r, dict))
    assert first["segments"][0]["target"] == "XQ1QX went to Vancouver, BC."
    assert first["result"].startswith("@小王 went to Vancouver, BC.")


def test_check_and_run_read_an_edited_xliff_as_posts(tmp_path: Path) -> None:
    path = write(tmp_path, "1.2")
    edit(path, " went to ", " flew to ")
    items = list(read_records([str(path)]))
    assert all(isinstance(i, Record) for i in items)
    first = items[0]
    assert isinstance(first, Record)
    assert (first.id, first.text, first.path) == ("p1", "@小王 去了温哥华。天气好！", str(path))
    assert first.fields["result"] == "@小王 flew to Vancouver. Fine weather!"
    assert first.line > 1


def test_a_broken_unit_is_set_aside_and_the_rest_read(tmp_path: Path) -> None:
    path = write(tmp_path, "1.2")
    text = path.read_text(encoding="utf-8")
    post = re.search(r"<lz:post>.*?</lz:post>", text)
    assert post is not None
    path.write_text(text.replace(post.group(), "<lz:post>{not json</lz:post>", 1), "utf-8")
    items = list(read_xliff(str(path)))
    assert isinstance(items[0], Reject) and "not valid JSON" in items[0].error
    assert items[0].line > 1
    assert [i["id"] for i in items[1:] if isinstance(i, dict)] == ["p2 & <odd> id", "p3"]


def test_entities_are_never_expanded_and_bad_xml_names_the_line(tmp_path: Path) -> None:
    path = write(tmp_path, "1.2")
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET", encoding="utf-8")
    text = path.read_text(encoding="utf-8")
    doctype = f'<!DOCTYPE xliff [<!ENTITY x SYSTEM "{secret.as_uri()}">]>\n'
    text = text.replace("?>\n", "?>\n" + doctype, 1).replace(" went to ", " &x; ", 1)
    path.write_text(text, encoding="utf-8")
    back = [r for r in read_xliff(str(path)) if isinstance(r, dict)]
    assert "SECRET" not in json.dumps(back, ensure_ascii=False)

    path.write_text("<xliff>\n<file>\n</xliff>", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        list(read_xliff(str(path)))
    assert caught.value.line == 3 and "not well-formed" in str(caught.value)
