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
    assert "no text column: the header has id, body, and none of the usual" in str(info.value)
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


GBK_ROWS = "id,content\n1,从温哥华飞往多伦多\n2,去蒙特利尔看枫叶\n"


def test_a_gbk_csv_without_encoding_is_one_input_error(tmp_path: Path) -> None:
    f = tmp_path / "excel.csv"
    f.write_bytes(GBK_ROWS.encode("gbk"))
    with pytest.raises(InputError) as info:
        read(f)
    assert info.value.path == str(f)
    assert "pass --encoding gb18030" in str(info.value)


@pytest.mark.parametrize(("codec", "given"), [("gbk", "gbk"), ("gb18030", "gb18030")])
def test_a_gbk_csv_with_its_encoding(tmp_path: Path, codec: str, given: str) -> None:
    f = tmp_path / "excel.csv"
    f.write_bytes(GBK_ROWS.encode(codec))
    records = read(f, encoding=given)
    assert [(r.id, r.text) for r in records if isinstance(r, Record)] == [
        ("1", "从温哥华飞往多伦多"),
        ("2", "去蒙特利尔看枫叶"),
    ]


@pytest.mark.parametrize("codec", ["utf-16", "utf-8-sig"])
@pytest.mark.parametrize("suffix", [".csv", ".jsonl", ".txt"])
def test_a_bom_picks_the_encoding(tmp_path: Path, codec: str, suffix: str) -> None:
    texts = ["从温哥华飞往多伦多", "去蒙特利尔看枫叶"]
    if suffix == ".csv":
        content = "id,text\n" + "".join(f"{i},{t}\n" for i, t in enumerate(texts))
    elif suffix == ".jsonl":
        content = "".join(json.dumps({"id": i, "text": t}) + "\n" for i, t in enumerate(texts))
    else:
        content = "".join(t + "\n" for t in texts)
    f = tmp_path / f"posts{suffix}"
    f.write_bytes(content.encode(codec))
    assert [r.text for r in read(f) if isinstance(r, Record)] == texts


def test_an_undecodable_byte_under_the_given_encoding_names_the_line(tmp_path: Path) -> None:
    f = tmp_path / "p.txt"
    f.write_bytes("好\n好\n".encode("utf-16-le") + b"\x00\xd8")  # a lone high surrogate
    with pytest.raises(InputError) as info:
        read(f, encoding="utf-16-le")
    assert info.value.message.startswith("cannot decode the file as utf-16-le")


@pytest.mark.parametrize("column", ["text", "content", "微博正文", "正文", "内容"])
def test_the_usual_text_columns_are_found_and_named(tmp_path: Path, column: str) -> None:
    f = tmp_path / "p.csv"
    f.write_text(f"id,转发数,{column}\n1,3,好\n", encoding="utf-8")
    told: list[str] = []
    records = read(f, notice=told.append)
    assert [r.text for r in records if isinstance(r, Record)] == ["好"]
    assert told == [f"{f}: the text is in column {column!r} (choose with --text-column)"]


def test_an_explicit_text_column_wins_quietly(tmp_path: Path) -> None:
    f = tmp_path / "p.csv"
    f.write_text("id,text,body\n1,a,b\n", encoding="utf-8")
    told: list[str] = []
    records = read(f, text_column="body", notice=told.append)
    assert [r.text for r in records if isinstance(r, Record)] == ["b"]
    assert told == []
