from __future__ import annotations

import json
from pathlib import Path

import pytest

from localize.errors import InputError
from localize.io.readers import Record, Reject, read_records


def read(path: Path, **kw: object) -> list[Record | Reject]:
    return list(read_records([str(path)], **kw))  # type: ignore[arg-type]


def test_jsonl_fields_pass_through(tmp_path: Path) -> None:
    f = tmp_path / "p.jsonl"
    f.write_text('{"id": 7, "text": "你好", "lang": "zh-Hans", "likes": 3}\n', encoding="utf-8")
    (rec,) = read(f)
    assert isinstance(rec, Record)
    assert (rec.id, rec.text, rec.lang, rec.fields, rec.line) == (
        "7",
        "你好",
        "zh-Hans",
        {"lang": "zh-Hans", "likes": 3},
        1,
    )


def test_bad_lines_are_rejected_with_line_numbers_and_the_rest_kept(tmp_path: Path) -> None:
    f = tmp_path / "p.jsonl"
    f.write_bytes(
        b'{"id": "a", "text": "ok"}\n'
        b'{"id": "b", "text": \n'
        b'{"id": "c", "text": "\xff\xfe"}\n'
        b'{"id": "d"}\n'
        b'{"id": "e", "text": "   "}\n'
        b'["not", "an", "object"]\n'
        b'{"id": "a", "text": "again"}\n'
        b'{"id": "f", "text": "' + "长".encode() * 50 + b'"}\n'
        b'{"id": "g", "text": "fine"}\n'
    )
    items = read(f, max_chars=40)
    assert [(type(i).__name__, i.line) for i in items] == [
        ("Record", 1),
        ("Reject", 2),
        ("Reject", 3),
        ("Reject", 4),
        ("Reject", 5),
        ("Reject", 6),
        ("Reject", 7),
        ("Reject", 8),
        ("Record", 9),
    ]
    errors = [i.error for i in items if isinstance(i, Reject)]
    assert errors == [
        "malformed JSON: Expecting value at column 21",
        "invalid UTF-8 at byte 21: save the file as UTF-8",
        "no 'text' field",
        "empty text",
        "each line must be a JSON object with a 'text' field",
        f"duplicate id 'a' (first at {f}:1); ids must be unique",
        "text is 50 characters; the limit is 40 (raise it with --max-chars)",
    ]


def test_csv_with_named_columns_and_multiline_cells(tmp_path: Path) -> None:
    f = tmp_path / "p.csv"
    f.write_text(
        '\ufeffpost,content,author\nx1,"第一行\n第二行",甲\nx2,你好,乙\n', encoding="utf-8"
    )
    items = read(f, text_column="content", id_column="post")
    assert [(i.id, i.text, i.line, i.fields) for i in items if isinstance(i, Record)] == [
        ("x1", "第一行\n第二行", 2, {"author": "甲"}),
        ("x2", "你好", 4, {"author": "乙"}),
    ]


def test_csv_row_without_the_text_column_is_rejected(tmp_path: Path) -> None:
    f = tmp_path / "p.csv"
    f.write_bytes("id,text\n1,好\n2\n3,\xff\n4,行\n".encode().replace(b"\xc3\xbf", b"\xff"))
    items = read(f)
    assert [(type(i).__name__, i.line) for i in items] == [
        ("Record", 2),
        ("Reject", 3),
        ("Reject", 4),
        ("Record", 5),
    ]
    assert (
        isinstance(items[1], Reject) and items[1].error == "row has 1 columns and no 'text' value"
    )
    assert isinstance(items[2], Reject) and items[2].error.startswith("invalid UTF-8")


def test_csv_without_the_text_column_is_a_file_error(tmp_path: Path) -> None:
    f = tmp_path / "p.csv"
    f.write_text("id,body\n1,好\n", encoding="utf-8")
    with pytest.raises(InputError) as info:
        read(f)
    assert (info.value.path, info.value.line) == (str(f), 1)
    assert "no column named 'text'; the header has: id, body" in str(info.value)
    assert "--text-column" in str(info.value)


def test_text_files_are_one_post_per_line(tmp_path: Path) -> None:
    f = tmp_path / "posts.txt"
    f.write_text("第一条\n\n第二条\r\n", encoding="utf-8")
    assert [(i.id, i.text) for i in read(f) if isinstance(i, Record)] == [
        ("posts.txt:1", "第一条"),
        ("posts.txt:3", "第二条"),
    ]


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="input file not found"):
        read(tmp_path / "nope.jsonl")


def test_a_lone_surrogate_is_rejected_and_can_be_written_out(tmp_path: Path) -> None:
    # Valid JSON, but "\ud83c" alone is half an emoji: no step could process that text.
    f = tmp_path / "p.jsonl"
    f.write_text(
        '{"id": "a", "text": "\\ud83c 去班夫"}\n{"id": "b", "text": "\\ud83c\\udf41 去班夫"}\n',
        encoding="utf-8",
    )
    bad, good = read(f)
    assert isinstance(bad, Reject) and isinstance(good, Record)
    assert (bad.line, bad.id) == (1, "a")
    assert bad.error.startswith("lone surrogate U+D83C at character 0")
    assert "\\ud83c" in bad.raw
    json.dumps(bad.to_json(), ensure_ascii=False).encode("utf-8")  # the rejects file can hold it
    assert good.text == "🍁 去班夫"
