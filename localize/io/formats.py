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
from typing import Any, BinaryIO, Protocol

from localize.errors import InputError
from localize.io import readers
from localize.io.readers import ReadOptions, Record, Reject
from localize.io.writers import CsvEncoder, Encoder, JsonlEncoder, OutputWriter

Reader = Callable[[BinaryIO, str, ReadOptions], Iterator["Record | Reject"]]


@dataclass(frozen=True)
class DocumentTarget:
    """What a whole-document writer needs besides its records."""

    source_locale: str = "und"
    target_locale: str = "und"
    resume: bool = False


class ResultWriter(Protocol):
    """Where a run's results go: :class:`~localize.io.writers.OutputWriter` for line formats,
    a format's document writer for the rest (XLIFF, PO, Markdown, the review page), which
    writes ``OUTPUT.partial`` when the run ends and renames it."""

    done_ids: set[str]
    written: int
    notes: list[str]  # what the writer had to leave as it was, for the user

    def write_batch(self, records: list[dict[str, Any]]) -> None: ...

    def finish(self) -> None: ...

    def abort(self) -> None: ...


@dataclass(frozen=True)
class Format:
    name: str
    extensions: tuple[str, ...]
    description: str
    reader: Reader | None = None
    writer: Callable[[], Encoder] | None = None  # a fresh encoder per output
    # Formats that are one document rather than lines (XLIFF, PO, Markdown, HTML).
    document: Callable[[str, DocumentTarget], ResultWriter] | None = None


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


# The editor's formats (issue 15). Their modules import lxml, polib, markdown-it or Jinja2, so
# they are imported when a file of theirs is read or written, never at start-up.
def _read_xliff(handle: BinaryIO, path: str, options: ReadOptions) -> Iterator[Record | Reject]:
    from localize.io.xliff import read_xliff_records

    return read_xliff_records(handle, path, options)


def _xliff_writer(version: str) -> Callable[[str, DocumentTarget], ResultWriter]:
    def make(path: str, target: DocumentTarget) -> ResultWriter:
        from localize.io.xliff import XliffOutput

        return XliffOutput(
            path,
            version=version,
            source_locale=target.source_locale,
            target_locale=target.target_locale,
            resume=target.resume,
        )

    return make


def _read_po(handle: BinaryIO, path: str, options: ReadOptions) -> Iterator[Record | Reject]:
    from localize.io.po import read_po

    return read_po(handle, path, options)


def _po_writer(path: str, target: DocumentTarget) -> ResultWriter:
    from localize.io.po import PoOutput

    return PoOutput(path, target_locale=target.target_locale, resume=target.resume)


def _read_markdown(handle: BinaryIO, path: str, options: ReadOptions) -> Iterator[Record | Reject]:
    from localize.io.markdown import read_markdown

    return read_markdown(handle, path, options)


def _markdown_writer(path: str, target: DocumentTarget) -> ResultWriter:
    from localize.io.markdown import MarkdownOutput

    return MarkdownOutput(path, resume=target.resume)


def _html_writer(path: str, target: DocumentTarget) -> ResultWriter:
    from localize.report.html import HtmlOutput

    return HtmlOutput(path, resume=target.resume)


register(
    Format(
        "xliff",
        (".xlf",),
        "XLIFF 1.2 for CAT tools; read back, the edited targets are the results",
        _read_xliff,
        document=_xliff_writer("1.2"),
    )
)
register(
    Format(
        "xliff2",
        (".xliff",),
        "XLIFF 2.1; read back like XLIFF 1.2",
        _read_xliff,
        document=_xliff_writer("2.1"),
    )
)
register(
    Format(
        "po",
        (".po", ".pot"),
        "gettext catalogue: an entry is a post, msgstr its result",
        _read_po,
        document=_po_writer,
    )
)
register(
    Format(
        "markdown",
        (".md", ".markdown"),
        "an article: paragraphs, headings and list items; code, links, images kept",
        _read_markdown,
        document=_markdown_writer,
    )
)
register(
    Format(
        "html",
        (".html", ".htm"),
        "the review page (output only)",
        document=_html_writer,
    )
)


def input_formats() -> list[str]:
    return [f.name for f in FORMATS.values() if f.reader is not None]


def output_formats() -> list[str]:
    return [f.name for f in FORMATS.values() if f.writer is not None or f.document is not None]


def open_writer(
    fmt: Format, path: str, target: DocumentTarget, *, signature: str | None = None
) -> ResultWriter:
    """The writer of ``fmt`` for ``path``: lines through :class:`OutputWriter` (atomic,
    resumable, locked; ``signature`` is the run's, which ``--resume`` checks), or the format's
    document writer."""
    if fmt.writer is not None:
        return OutputWriter(path, resume=target.resume, signature=signature, encoder=fmt.writer())
    assert fmt.document is not None  # output_format only returns formats with a writer
    return fmt.document(path, target)


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
