from __future__ import annotations

from pathlib import Path

import pytest

from localize.errors import InputError
from localize.tm import MemoryEntry
from localize.tm.exchange import entries_from_records, read_tmx, write_tmx

RECORD = {
    "id": "p1",
    "text": "@小王 去了温哥华。天气好！",
    "locale": "en",
    "detected": "zh-Hans",
    "segments": [
        {
            "source": "XQ1QX 去了XQ2QX。",
            "target": "XQ1QX went to XQ2QX.",
            "sep": " ",
            "origin": "human",
        },
        {"source": "天气好！", "target": "Fine weather!", "sep": "", "origin": "mt"},
        {"source": "XQ1QX", "target": "XQ1QX", "sep": "", "origin": "copy"},
    ],
    "spans": {
        "XQ1QX": {"original": "@小王", "kind": "mention"},
        "XQ2QX": {"original": "温哥华", "kind": "term", "replacement": "Vancouver"},
    },
}


def test_only_edited_sentences_unless_everything(tmp_path: Path) -> None:
    [edited] = entries_from_records([RECORD], origin="f.xlf", author="ann")
    assert (edited.source_lang, edited.target_lang) == ("zh-hans", "en")
    assert (edited.key, edited.target) == ("{E1} 去了{T1}。", "{E1} went to {T1}.")
    assert edited.originals == {"{E1}": "@小王", "{T1}": "温哥华"}
    assert edited.target_originals == {"{E1}": "@小王", "{T1}": "Vancouver"}
    everything = list(entries_from_records([RECORD], origin="f", author="a", everything=True))
    assert [e.key for e in everything] == ["{E1} 去了{T1}。", "天气好!"]  # NFKC: ！ is !


def test_tmx_export_and_import_keep_keys_codes_and_authors(tmp_path: Path) -> None:
    entries = [
        MemoryEntry(
            "zh-hans",
            "en",
            "{E1} 去了{T1}。",
            "{E1} went to {T1}.",
            {"{E1}": "@小王", "{T1}": "温哥华"},
            {"{E1}": "@小王", "{T1}": "Vancouver"},
            "f.xlf",
            "ann",
            1_700_000_000.0,
        ),
        MemoryEntry("zh-hans", "en", "a < b & c", "a < b & c", {}, {}, "f", "bob", 1_700_000_001.0),
    ]
    path = tmp_path / "m.tmx"
    assert write_tmx(entries, path) == 2
    text = path.read_text(encoding="utf-8")
    assert '<tmx version="1.4">' in text
    assert (
        '<seg><ph x="1" type="entity">@小王</ph> 去了<hi x="1" type="term">温哥华</hi>。</seg>'
        in text
    )
    assert "a &lt; b &amp; c" in text
    back = list(read_tmx(str(path), origin="f.xlf"))
    assert [(e.key, e.target, e.author, e.changed) for e in back] == [
        (e.key, e.target, e.author, e.changed) for e in entries
    ]
    assert back[0].target_originals == {"{E1}": "@小王", "{T1}": "Vancouver"}


def test_a_tmx_from_another_tool(tmp_path: Path) -> None:
    path = tmp_path / "other.tmx"
    path.write_text(
        """<?xml version="1.0"?>
<tmx version="1.4"><header srclang="zh-CN" segtype="sentence" o-tmf="x" adminlang="en"
 creationtool="x" creationtoolversion="1" datatype="plaintext"/>
<body><tu><tuv xml:lang="zh-CN"><seg>你好</seg></tuv><tuv xml:lang="en-US"><seg>Hello</seg></tuv>
<tuv xml:lang="zh-TW"><seg>你好</seg></tuv></tu></body></tmx>""",
        encoding="utf-8",
    )
    got = {(e.source_lang, e.target_lang, e.key, e.target) for e in read_tmx(str(path), origin="o")}
    assert got == {("zh-hans", "en", "你好", "Hello"), ("zh-hans", "zh-hant", "你好", "你好")}
    path.write_text("<tmx><body><tu>", encoding="utf-8")
    with pytest.raises(InputError, match="not well-formed"):
        list(read_tmx(str(path), origin="o"))
