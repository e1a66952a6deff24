"""Stream posts out of JSONL, CSV/TSV and plain-text files (or stdin), one record at a time.

A line that cannot be a post (bad JSON, invalid UTF-8, no text, empty, too long, duplicate id)
becomes a :class:`Reject` carrying file and line, and reading goes on; only a problem with the
file as a whole (missing file, a CSV header without the text column) raises InputError.
"""

from __future__ import annotations

import csv
import io
import json
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from localize.errors import InputError
from localize.io.csv_cells import unescape_formula
from localize.text.encodings import (
    SAMPLE_BYTES,
    bom_encoding,
    check_encoding,
    check_utf8_sample,
    is_utf8,
    utf8_stream,
)

_LONE_SURROGATE = re.compile("[\ud800-\udfff]")

DEFAULT_MAX_CHARS = 100_000
_CSV_FIELD_LIMIT = 2**31 - 1  # the largest the C field counter accepts on every platform
# Usual names of the text column, tried in order when none is given: generic exports, Weibo
# exports (微博正文) and Chinese tools (正文, 内容).
TEXT_COLUMNS = ("text", "content", "微博正文", "正文", "内容")


@dataclass(frozen=True)
class ReadOptions:
    """What a reader may need besides the file: the CSV/TSV column names (``text_column``
    None: the first of :data:`TEXT_COLUMNS` in the header, and ``notice`` is told which)."""

    text_column: str | None = None
    id_column: str = "id"
    notice: Callable[[str], None] | None = None


@dataclass
class Record:
    id: str
    text: str
    path: str
    line: int
    lang: str | None = None
    fields: dict[str, Any] = field(default_factory=dict)
    # Ranges of ``text`` the format says must come out unchanged (Markdown inline code, link
    # targets...): the pipeline masks them before any step runs.
    keep: list[tuple[int, int]] = field(default_factory=list)


@dataclass
class Reject:
    path: str
    line: int
    error: str
    raw: str = ""
    id: str | None = None

    def __post_init__(self) -> None:
        # What a reject quotes may hold a lone surrogate (the reason it was rejected); every
        # writer and terminal must be able to print it.
        self.raw = _printable(self.raw)
        if self.id is not None:
            self.id = _printable(self.id)

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"file": self.path, "line": self.line, "error": self.error}
        if self.id is not None:
            out["id"] = self.id
        out["raw"] = self.raw
        return out


def read_records(
    paths: Iterable[str],
    *,
    fmt: str | None = None,
    text_column: str | None = None,
    id_column: str = "id",
    max_chars: int = DEFAULT_MAX_CHARS,
    allow_empty: bool = False,
    encoding: str | None = None,
    notice: Callable[[str], None] | None = None,
) -> Iterator[Record | Reject]:
    """Records and rejects from every input in order; ids must be unique across inputs.

    ``text_column``: the CSV/TSV column with the text; by default the first of
    :data:`TEXT_COLUMNS` the header has, and ``notice`` is told which. ``encoding``: of every
    input (default: as a byte-order mark says, else UTF-8; a file that is not UTF-8 at all is
    an :class:`InputError` that names the encoding to try). ``allow_empty``: keep posts whose
    text is empty (a checker reports an empty translation itself) instead of rejecting them.
    """
    if encoding:
        encoding = check_encoding(encoding)
    seen: dict[str, tuple[str, int]] = {}
    options = ReadOptions(text_column, id_column, notice)
    for path in paths:
        for item in _read_one(path, fmt, options, encoding):
            if isinstance(item, Record):
                item = _validate(item, seen, max_chars, allow_empty)
            yield item


def _validate(
    record: Record, seen: dict[str, tuple[str, int]], max_chars: int, allow_empty: bool
) -> Record | Reject:
    raw = record.text[:200]
    lone = _lone_surrogate(record)
    if lone is not None:
        # JSON can spell one (a broken "\ud83c" escape) in any field; no step, encoder or
        # writer can handle it, so the post is set aside here with a message that says what to
        # fix, instead of stopping the run when the result line is encoded.
        where, char, at = lone
        return Reject(
            record.path,
            record.line,
            f"lone surrogate U+{ord(char):04X}{where} at character {at}: a \\u escape "
            "for a character beyond U+FFFF must be a pair (🍁 is \\ud83c\\udf41)",
            raw,
            record.id,
        )
    if not allow_empty and not record.text.strip():
        return Reject(record.path, record.line, "empty text", raw, record.id)
    if len(record.text) > max_chars:
        return Reject(
            record.path,
            record.line,
            f"text is {len(record.text):,} characters; the limit is {max_chars:,}"
            " (raise it with --max-chars)",
            raw,
            record.id,
        )
    if record.id in seen:
        first_path, first_line = seen[record.id]
        return Reject(
            record.path,
            record.line,
            f"duplicate id {record.id!r} (first at {first_path}:{first_line}); ids must be unique",
            raw,
            record.id,
        )
    seen[record.id] = (record.path, record.line)
    return record


def _lone_surrogate(record: Record) -> tuple[str, str, int] | None:
    """Where (" in 'FIELD'", or "" for the text), which and at what offset the first lone
    surrogate is in any string of the record: text, id, lang, and every key and value of its
    other fields, however nested."""
    stack: list[tuple[str, Any]] = [("", record.text), (" in 'id'", record.id)]
    stack += [(f" in {_printable(k)!r}", v) for k, v in reversed(record.fields.items())]
    stack += [(" in a field name", k) for k in record.fields]
    while stack:
        where, value = stack.pop()
        if isinstance(value, str):
            found = _LONE_SURROGATE.search(value)
            if found is not None:
                return where, found.group(), found.start()
        elif isinstance(value, dict):
            stack += [(where, k) for k in value]
            stack += [(where, v) for v in value.values()]
        elif isinstance(value, list):
            stack += [(where, v) for v in value]
    return None


def _printable(text: str) -> str:
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


def _open(path: str) -> BinaryIO:
    if path == "-":
        return sys.stdin.buffer
    try:
        return open(path, "rb", buffering=SAMPLE_BYTES)  # peek() sees the whole sample
    except FileNotFoundError:
        raise InputError("input file not found", path=path, hint="Check the path.") from None
    except IsADirectoryError:
        raise InputError("is a directory, not a file of posts", path=path) from None


def _lines(handle: BinaryIO) -> Iterator[tuple[int, bytes]]:
    for number, line in enumerate(handle, start=1):
        if number == 1 and line.startswith(b"\xef\xbb\xbf"):
            line = line[3:]
        yield number, line.rstrip(b"\r\n")


def _decode(raw: bytes) -> str | None:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return None


def _bad_utf8(raw: bytes) -> str:
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return f"invalid UTF-8 at byte {exc.start}: save the file as UTF-8"
    return ""


def _peek(handle: BinaryIO) -> bytes:
    data: bytes = getattr(handle, "peek", lambda size: b"")(SAMPLE_BYTES)
    return data


def _read_one(
    path: str, fmt: str | None, options: ReadOptions, encoding: str | None
) -> Iterator[Any]:
    from localize.io.formats import input_format  # the registry imports this module

    first = b""
    if fmt is None and path == "-":
        first = sys.stdin.buffer.peek(256) if hasattr(sys.stdin.buffer, "peek") else b""
    reader = input_format(path, fmt, first_line=first).reader
    assert reader is not None  # input_format only returns formats with a reader
    handle = _open(path)
    display = "<stdin>" if path == "-" else path
    try:
        # The readers read UTF-8 (a UTF-8 BOM is skipped); a file in another encoding, named by
        # its BOM or --encoding, is decoded to UTF-8 as it streams.
        encoding = encoding or bom_encoding(_peek(handle)) or "utf-8"
        if is_utf8(encoding):
            check_utf8_sample(_peek(handle), display)
        else:
            handle = utf8_stream(handle, encoding, display)
        yield from reader(handle, display, options)
    finally:
        if handle is not sys.stdin.buffer:
            handle.close()


def read_jsonl(handle: BinaryIO, path: str, options: ReadOptions) -> Iterator[Record | Reject]:
    for number, raw in _lines(handle):
        if not raw.strip():
            continue
        text = _decode(raw)
        if text is None:
            yield Reject(path, number, _bad_utf8(raw), raw.decode("utf-8", "replace")[:200])
            continue
        try:
            obj = json.loads(text)
        except json.JSONDecodeError as exc:
            yield Reject(
                path, number, f"malformed JSON: {exc.msg} at column {exc.colno}", text[:200]
            )
            continue
        except RecursionError:
            yield Reject(path, number, "JSON nested too deeply to be a post", text[:200])
            continue
        if not isinstance(obj, dict):
            yield Reject(
                path, number, "each line must be a JSON object with a 'text' field", text[:200]
            )
            continue
        post_text = obj.get("text")
        if not isinstance(post_text, str):
            problem = "no 'text' field" if post_text is None else "'text' must be a string"
            yield Reject(path, number, problem, text[:200], _id(obj.get("id")))
            continue
        post_id = _id(obj.get("id")) or f"{Path(path).name}:{number}"
        lang = obj.get("lang") if isinstance(obj.get("lang"), str) else None
        fields = {k: v for k, v in obj.items() if k not in ("id", "text")}
        yield Record(post_id, post_text, path, number, lang, fields)


def _id(value: Any) -> str | None:
    if value is None or isinstance(value, (dict, list)):
        return None
    return str(value)


def read_csv(handle: BinaryIO, path: str, options: ReadOptions) -> Iterator[Record | Reject]:
    return _read_delimited(handle, path, ",", options)


def read_tsv(handle: BinaryIO, path: str, options: ReadOptions) -> Iterator[Record | Reject]:
    return _read_delimited(handle, path, "\t", options)


def _read_delimited(
    handle: BinaryIO, path: str, delimiter: str, options: ReadOptions
) -> Iterator[Record | Reject]:
    # Decode leniently so one bad row does not stop the file; rows holding the escape marks of
    # undecodable bytes are rejected below.
    stream = io.TextIOWrapper(handle, encoding="utf-8-sig", errors="surrogateescape", newline="")
    # The csv module refuses a field over 131,072 characters and stops the file; lift its limit
    # (process-wide, only ever raised) so a long post reaches the --max-chars check and only that
    # post is rejected.
    if csv.field_size_limit() < _CSV_FIELD_LIMIT:
        csv.field_size_limit(_CSV_FIELD_LIMIT)
    try:
        rows = csv.reader(stream, delimiter=delimiter)
        yield from _csv_rows(rows, path, options.text_column, options.id_column, options.notice)
    finally:
        stream.detach()  # closing the binary handle is left to _read_one


def _csv_rows(
    reader: Any,
    path: str,
    text_column: str | None,
    id_column: str,
    notice: Callable[[str], None] | None = None,
) -> Iterator[Record | Reject]:
    header = next(reader, None)
    if header is None:
        return
    header = [unescape_formula(cell) for cell in header]
    if text_column is None:
        found = next((name for name in TEXT_COLUMNS if name in header), None)
        if found is None:
            raise InputError(
                f"no text column: the header has {', '.join(header)}, and none of the usual "
                f"names ({', '.join(TEXT_COLUMNS)})",
                path=path,
                line=1,
                hint="Name the text column with --text-column.",
            )
        text_column = found
        if notice is not None:
            notice(f"{path}: the text is in column {text_column!r} (choose with --text-column)")
    if text_column not in header:
        raise InputError(
            f"no column named {text_column!r}; the header has: {', '.join(header)}",
            path=path,
            line=1,
            hint="Name the text column with --text-column.",
        )
    text_index = header.index(text_column)
    id_index = header.index(id_column) if id_column in header else None
    delimiter = reader.dialect.delimiter
    previous_end = reader.line_num
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            number, previous_end = previous_end + 1, reader.line_num
            yield Reject(path, number, f"malformed CSV row: {exc}")
            continue
        number, previous_end = previous_end + 1, reader.line_num
        if not row:
            continue
        row = [unescape_formula(cell) for cell in row]  # as localize's CSV writers escape them
        raw = delimiter.join(row)
        if any(_has_surrogates(cell) for cell in row):
            data = raw.encode("utf-8", "surrogateescape")
            yield Reject(path, number, _bad_utf8(data), data.decode("utf-8", "replace")[:200])
            continue
        if len(row) <= text_index:
            yield Reject(
                path,
                number,
                f"row has {len(row)} columns and no {text_column!r} value",
                raw[:200],
            )
            continue
        post_id = row[id_index] if id_index is not None and id_index < len(row) else None
        fields = {
            name: row[i]
            for i, name in enumerate(header)
            if i < len(row) and i not in (text_index, id_index)
        }
        lang = fields.get("lang") or None
        yield Record(
            post_id or f"{Path(path).name}:{number}", row[text_index], path, number, lang, fields
        )


def _has_surrogates(text: str) -> bool:
    return any("\udc80" <= ch <= "\udcff" for ch in text)


def read_text(handle: BinaryIO, path: str, options: ReadOptions) -> Iterator[Record | Reject]:
    # Blank lines separate nothing in a one-post-per-line file, so they are skipped, not rejected.
    for number, raw in _lines(handle):
        if not raw.strip():
            continue
        text = _decode(raw)
        if text is None:
            yield Reject(path, number, _bad_utf8(raw), raw.decode("utf-8", "replace")[:200])
            continue
        yield Record(f"{Path(path).name}:{number}", text, path, number)
