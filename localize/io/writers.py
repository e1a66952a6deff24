"""Write results so that nothing is lost and nothing is written twice.

Results go to ``OUTPUT.partial`` as they are produced (each batch in one ``write`` of whole
lines, then flushed) and the file is renamed to ``OUTPUT`` only when the run ends, so a reader of
``OUTPUT`` never sees a half-written line. ``--resume`` reads the ids already in the partial (or
finished) output, cuts a torn last line left by a crash, and appends only what is missing, so
after ``kill -9`` at any moment a resumed run ends with every input post exactly once.

How a record becomes text is the format's :class:`Encoder`: JSONL (every key of the record) or
CSV/TSV (the input's fields, the ``result`` and a one-cell ``issues`` summary), chosen through
the format registry (:mod:`localize.io.formats`).
"""

from __future__ import annotations

import csv
import io
import json
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any, Protocol

from localize.errors import InputError
from localize.post import Post
from localize.text.placeholders import PLACEHOLDER_RE

# Keys a result line adds after the input's own fields.
RESULT_KEYS = (
    "result",
    "locale",
    "detected",
    "tokens",
    "terms",
    "segments",
    "spans",
    "issues",
    "signature",
)


def post_to_json(post: Post, signature: str) -> dict[str, Any]:
    """One output line: the input's fields untouched, then the result and its provenance."""
    out: dict[str, Any] = {"id": post.id, "text": post.source}
    out.update(post.fields)
    out["result"] = post.text
    out["locale"] = post.locale
    out["detected"] = post.script
    if post.tokens is not None:
        out["tokens"] = post.tokens
    if post.terms:
        out["terms"] = [t.to_json() for t in post.terms]
    if post.segments:
        out["segments"] = [s.to_json() for s in post.segments]
        out["spans"] = spans_to_json(post)
    out["issues"] = [i.to_json() for i in post.issues]
    out["signature"] = signature
    return out


def spans_to_json(post: Post) -> dict[str, dict[str, str]]:
    """The protected spans the segments' placeholders stand for (placeholder -> span)."""
    used = {
        m.group()
        for seg in post.segments
        for text in (seg.source, seg.target)
        for m in PLACEHOLDER_RE.finditer(text)
    }
    out: dict[str, dict[str, str]] = {}
    for placeholder, span in post.spans.items():
        if placeholder not in used:
            continue
        item = {"original": span.original, "kind": span.kind}
        if span.replacement is not None:
            item["replacement"] = span.replacement
        if "entry" in span.data:
            item["entry"] = str(span.data["entry"])
        out[placeholder] = item
    return out


def _dumps(obj: dict[str, Any]) -> str:
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"))


class Encoder(Protocol):
    """Turns result records into the text of one output format."""

    def encode(self, records: list[dict[str, Any]]) -> str:
        """Whole lines (a header first, where the format has one and none was written yet)."""
        ...

    def done_ids(self, path: Path) -> set[str]:
        """Ids of the complete records in ``path``; a torn tail (from a crash) is cut off."""
        ...


class JsonlEncoder:
    """One JSON object per line, every key of the record."""

    def encode(self, records: list[dict[str, Any]]) -> str:
        return "".join(_dumps(r) + "\n" for r in records)

    def done_ids(self, path: Path) -> set[str]:
        return _ids_in(path)


class CsvEncoder:
    """CSV or TSV: ``id``, ``text``, the input's own fields (JSON for lists and mappings),
    ``result`` and ``issues`` (``severity check: message`` joined by `` | ``). The columns are
    those of the first record (or of the header already in the file when resuming)."""

    def __init__(self, delimiter: str = ",") -> None:
        self.delimiter = delimiter
        self.columns: list[str] | None = None

    def encode(self, records: list[dict[str, Any]]) -> str:
        out = io.StringIO()
        writer = csv.writer(out, delimiter=self.delimiter, lineterminator="\n")
        if self.columns is None and records:
            self.columns = [k for k in records[0] if k not in RESULT_KEYS] + ["result", "issues"]
            writer.writerow(self.columns)
        for record in records:
            writer.writerow([_cell(record, c) for c in self.columns or ()])
        return out.getvalue()

    def done_ids(self, path: Path) -> set[str]:
        ids: set[str] = set()
        with open(path, "rb+") as handle:
            data = handle.read().decode("utf-8", "replace")
            good_end = 0
            counter = _Counting(io.StringIO(data, newline=""))
            reader = csv.reader(counter, delimiter=self.delimiter)
            try:
                for row in reader:
                    if not counter.ended_with_newline:
                        break  # a torn last row
                    if self.columns is None:
                        self.columns = row
                    elif row and "id" in self.columns:
                        ids.add(row[self.columns.index("id")])
                    good_end = counter.offset
            except csv.Error:
                pass  # a torn quoted cell: cut from the last complete row
            handle.truncate(len(data[:good_end].encode("utf-8")))
        return ids


class _Counting:
    """Lines for csv.reader that remember how many characters were handed out, so the end of
    the last complete row is known."""

    def __init__(self, lines: Iterator[str]) -> None:
        self._lines = lines
        self.offset = 0
        self.ended_with_newline = True

    def __iter__(self) -> _Counting:
        return self

    def __next__(self) -> str:
        line = next(self._lines)
        self.offset += len(line)
        self.ended_with_newline = line.endswith(("\n", "\r"))
        return line


def _cell(record: dict[str, Any], column: str) -> str:
    value = record.get(column)
    if column == "issues":
        return " | ".join(
            f"{i.get('severity')} {i.get('check')}: {i.get('message')}" for i in value or ()
        )
    if value is None:
        return ""
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


class OutputWriter:
    """Results to a file (atomic, resumable) or to stdout (``-``), JSONL unless another
    :class:`Encoder` is given."""

    def __init__(self, path: str, *, resume: bool = False, encoder: Encoder | None = None) -> None:
        self.path = path
        self.encoder: Encoder = encoder or JsonlEncoder()
        self.done_ids: set[str] = set()
        self.written = 0
        self.notes: list[str] = []
        if path == "-":
            if resume:
                raise InputError("--resume needs an output file (-o FILE), not stdout")
            self._fd: int | None = None
            self._stream: IO[str] | None = sys.stdout
            return
        self._stream = None
        target = Path(path)
        self.partial = target.with_name(target.name + ".partial")
        if self.partial.exists() and not resume:
            raise InputError(
                f"{self.partial} is left from an interrupted run",
                path=path,
                hint="Add --resume to continue it, or delete it to start over.",
            )
        if resume:
            if not self.partial.exists() and target.exists():
                os.replace(target, self.partial)  # a finished run: continue it with new posts
            if self.partial.exists():
                self.done_ids = self.encoder.done_ids(self.partial)
        target.parent.mkdir(parents=True, exist_ok=True)
        flags = os.O_WRONLY | os.O_CREAT | os.O_APPEND | (0 if resume else os.O_TRUNC)
        self._fd = os.open(self.partial, flags, 0o644)

    def write_batch(self, records: list[dict[str, Any]]) -> None:
        if not records:
            return
        data = self.encoder.encode(records)
        if self._stream is not None:
            self._stream.write(data)
            self._stream.flush()
        else:
            assert self._fd is not None
            payload = data.encode("utf-8")
            while payload:
                payload = payload[os.write(self._fd, payload) :]
        self.written += len(records)

    def finish(self) -> None:
        """Make the output visible under its real name (atomically)."""
        if self._fd is None:
            return
        os.fsync(self._fd)
        os.close(self._fd)
        self._fd = None
        os.replace(self.partial, self.path)

    def abort(self) -> None:
        """Stop without publishing: the partial file stays for --resume (unless it is empty,
        e.g. when a missing model stopped the run before the first batch)."""
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None
            if self.written == 0 and not self.done_ids:
                self.partial.unlink(missing_ok=True)


def _ids_in(path: Path) -> set[str]:
    """Ids of the complete lines of ``path``; a torn last line (from a crash) is cut off."""
    ids: set[str] = set()
    with open(path, "rb+") as handle:
        good_end = 0
        for line in handle:
            if not line.endswith(b"\n"):
                break
            try:
                ids.add(str(json.loads(line)["id"]))
            except (ValueError, KeyError, TypeError):
                break  # garbage from a crash: drop it and everything after
            good_end += len(line)
        handle.truncate(good_end)
    return ids


class RejectWriter:
    """Rejected posts, as JSONL next to the output (``OUTPUT.rejects.jsonl``) or nowhere."""

    def __init__(self, output_path: str) -> None:
        self.count = 0
        self.path: Path | None = None
        if output_path != "-":
            target = Path(output_path)
            self.path = target.with_name(target.stem + ".rejects.jsonl")
        self._handle: IO[str] | None = None

    def write(self, record: dict[str, Any]) -> None:
        self.count += 1
        if self.path is None:
            return
        if self._handle is None:
            self._handle = open(self.path, "w", encoding="utf-8")  # noqa: SIM115
        self._handle.write(_dumps(record) + "\n")
        self._handle.flush()

    def close(self) -> None:
        if self._handle is not None:
            self._handle.close()
        elif self.path is not None and self.path.exists():
            self.path.unlink()  # a clean re-run leaves no stale rejects behind
