"""The format registry: each format of posts by name, with its extensions, reader and writer.

``--input-format`` (or the input's extension) picks a reader and ``--output-format`` (or the
extension of ``-o``) a writer; an unknown extension is an error that lists the known formats
instead of a file read as something it is not (an ``.xlf`` file as plain-text lines). A new
format is one :func:`register` call.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from localize.errors import InputError
from localize.io import readers
from localize.io.readers import ReadOptions, Record, Reject
from localize.io.writers import CsvEncoder, Encoder, JsonlEncoder

Reader = Callable[[BinaryIO, str, ReadOptions], Iterator["Record | Reject"]]


@dataclass(frozen=True)
class Format:
    name: str
    extensions: tuple[str, ...]
    description: str
    reader: Reader | None = None
    writer: Callable[[], Encoder] | None = None  # a fresh encoder per output


FORMATS: dict[str, Format] = {}


def register(fmt: Format) -> Format:
    FORMATS[fmt.name] = fmt
    return fmt


register(
    Format(
        "jsonl",
        (".jsonl", ".ndjson", ".json"),
        'one JSON object per line ("id", "text", optional "lang")',
        readers.read_jsonl,
        JsonlEncoder,
    )
)
register(
    Format(
        "csv",
        (".csv",),
        "comma-separated, with a header (--text-column, --id-column)",
        readers.read_csv,
        CsvEncoder,
    )
)
register(
    Format(
        "tsv",
        (".tsv", ".tab"),
        "tab-separated, with a header",
        readers.read_tsv,
        lambda: CsvEncoder("\t"),
    )
)
register(Format("text", (".txt",), "plain text, one post per line", readers.read_text))


def input_formats() -> list[str]:
    return [f.name for f in FORMATS.values() if f.reader is not None]


def output_formats() -> list[str]:
    return [f.name for f in FORMATS.values() if f.writer is not None]


def _known(names: list[str]) -> str:
    return "; ".join(f"{n} ({', '.join(FORMATS[n].extensions)})" for n in names)


def _by_name(name: str, names: list[str], what: str) -> Format:
    if name not in names:
        raise InputError(
            f"unknown {what} format {name!r}",
            hint=f"Known {what} formats: {_known(names)}.",
        )
    return FORMATS[name]


def input_format(path: str, name: str | None = None, *, first_line: bytes = b"") -> Format:
    """The format to read ``path`` with: ``name`` if given, else by extension (stdin: JSONL
    when the first line starts with ``{``, else text)."""
    names = input_formats()
    if name is not None:
        return _by_name(name, names, "input")
    if path == "-":
        return FORMATS["jsonl" if first_line.lstrip().startswith(b"{") else "text"]
    return _by_extension(path, names, "input", "--input-format")


def output_format(path: str, name: str | None = None) -> Format:
    """The format to write ``path`` in: ``name`` if given, else by extension (stdout: JSONL)."""
    names = output_formats()
    if name is not None:
        return _by_name(name, names, "output")
    if path == "-":
        return FORMATS["jsonl"]
    return _by_extension(path, names, "output", "--output-format")


def _by_extension(path: str, names: list[str], what: str, flag: str) -> Format:
    suffix = Path(path).suffix.lower()
    for name in names:
        if suffix in FORMATS[name].extensions:
            return FORMATS[name]
    said = f"extension {suffix!r}" if suffix else "no extension"
    raise InputError(
        f"cannot tell the {what} format from the file name ({said})",
        path=path,
        hint=f"Known {what} formats: {_known(names)}. Name one with {flag}.",
    )
