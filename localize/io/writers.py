"""Write results so that nothing is lost, nothing is written twice and nothing is mixed.

Results go to ``OUTPUT.partial`` as they are produced (each batch in one ``write`` of whole
lines, then flushed) and the file is renamed to ``OUTPUT`` only when the run ends, so a reader of
``OUTPUT`` never sees a half-written line. ``--resume`` reads the ids already in the partial (or
finished) output, cuts a torn last line left by a crash, and appends only what is missing, so
after ``kill -9`` at any moment a resumed run ends with every input post exactly once.

A run holds an exclusive lock on ``OUTPUT.lock`` for its whole life, so a second run on the same
output is refused (naming the pid that holds it) instead of interleaving with the first. A
resumed output must carry the same pipeline signature as the run that continues it, a damaged
line in the middle is moved to ``OUTPUT.damaged`` (never silently dropped), and no file is
written through a symbolic link.

How a record becomes text is the format's :class:`Encoder`: JSONL (every key of the record) or
CSV/TSV (the input's fields, the ``result`` and a one-cell ``issues`` summary), chosen through
the format registry (:mod:`localize.io.formats`).
"""

from __future__ import annotations

import csv
import io
import json
import os
import stat
import sys
import weakref
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import accumulate
from pathlib import Path
from typing import IO, Any, Protocol

from localize.errors import ConfigError, InputError
from localize.io.csv_cells import EscapingWriter, unescape_formula
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
    "failed",
    "signature",
)


class OutputBusy(InputError):
    """Another live run holds the output's lock."""


def post_to_json(post: Post, signature: str, *, failed: bool = False) -> dict[str, Any]:
    """One output line: the input's fields untouched, then the result and its provenance.

    ``failed`` (written only when true) lets a later ``--resume`` count this post in its exit
    code without re-running the checks.
    """
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
    if failed:
        out["failed"] = True
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
        if span.entry_id is not None:
            item["entry"] = span.entry_id
        out[placeholder] = item
    return out


def _dumps(obj: dict[str, Any]) -> str:
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"))


def refuse_special_file(path: Path, role: str) -> None:
    """Raise unless ``path`` is absent or a regular file: never write through a symlink (it
    could point anywhere, e.g. at a file of the user's) nor into a directory, FIFO or device."""
    try:
        info = path.lstat()
    except FileNotFoundError:
        return
    if stat.S_ISLNK(info.st_mode):
        raise InputError(
            f"the {role} is a symbolic link; refusing to write through it",
            path=path,
            hint="Remove the link or choose another -o.",
        )
    if stat.S_ISDIR(info.st_mode):
        raise InputError(
            f"the {role} is a directory", path=path, hint="Give -o a file name, e.g. out.jsonl."
        )
    if not stat.S_ISREG(info.st_mode):
        raise InputError(
            f"the {role} is not a regular file",
            path=path,
            hint="Choose another -o (or -o - to write to stdout).",
        )


class OutputLock:
    """An exclusive ``flock`` on ``OUTPUT.lock`` for the life of a run.

    ``fcntl.flock`` rather than a lock library: the kernel drops the lock when the process dies
    (``kill -9`` included), so a crashed run never leaves a stale lock, and the holder writes its
    pid into the file so a refused run can say who holds it. The file is removed on release,
    and an acquirer checks that the path still names the file it locked (the usual guard
    against locking a file another run just unlinked). A process forked from the run (a
    ``--jobs`` worker) does not hold the lock: a flock belongs to the open file, which a fork
    shares, so a worker still finishing its batch after ``kill -9`` of the run would keep the
    output locked against ``--resume``.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._fd: int | None = None

    def acquire(self, output: str) -> None:
        import fcntl

        refuse_special_file(self.path, "lock file")
        while True:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, 0o644)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                holder = os.read(fd, 32).decode("ascii", "replace").strip() or "?"
                os.close(fd)
                raise OutputBusy(
                    f"another run (pid {holder}) is writing this output",
                    path=output,
                    hint="Wait for it to finish, or stop it; then use --resume to continue.",
                ) from None
            try:
                same = os.fstat(fd).st_ino == os.stat(self.path, follow_symlinks=False).st_ino
            except FileNotFoundError:
                same = False
            if same:
                break
            os.close(fd)  # the holder removed it between our open and flock: try again
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode())
        self._fd = fd
        _held_locks.add(self)

    def release(self) -> None:
        if self._fd is None:
            return
        self.path.unlink(missing_ok=True)
        os.close(self._fd)  # closing the descriptor releases the flock
        self._fd = None
        _held_locks.discard(self)


_held_locks: weakref.WeakSet[OutputLock] = weakref.WeakSet()


def _let_go_in_child() -> None:
    # The child closes its copy of each lock's descriptor (the run's own copy keeps the lock)
    # and forgets it, so that it can neither hold nor release the run's lock.
    for lock in list(_held_locks):
        if lock._fd is not None:
            os.close(lock._fd)
            lock._fd = None
    _held_locks.clear()


if hasattr(os, "register_at_fork"):  # not on Windows
    os.register_at_fork(after_in_child=_let_go_in_child)


@dataclass
class Damage:
    line: int
    reason: str


@dataclass
class PreviousResults:
    """What ``--resume`` found in the earlier output."""

    ids: set[str] = field(default_factory=set)
    failed: int = 0
    damaged: list[Damage] = field(default_factory=list)


class Encoder(Protocol):
    """Turns result records into the text of one output format."""

    # Whether a record's text holds all of it, so that decode() gives the record back.
    lossless: bool

    def encode(self, records: list[dict[str, Any]]) -> str:
        """Whole lines (a header first, where the format has one and none was written yet)."""
        ...

    def encode_each(self, records: list[dict[str, Any]]) -> list[str]:
        """The text of each record, no header: ``encode`` is a header and these joined. Only
        once the layout is fixed (see :meth:`settled`)."""
        ...

    def settled(self) -> Encoder | None:
        """This encoder, once the text of a record no longer depends on the records written
        before it, to send to ``--jobs`` workers, which then encode their records themselves
        (:meth:`encode_each`); None until then (CSV: the first record fixes the columns)."""
        ...

    def decode(self, text: str) -> dict[str, Any] | None:
        """The record that :meth:`encode_each` made ``text`` of, where the text holds all of
        it (:attr:`lossless`: JSONL); None where it does not (CSV: the issues are a summary)."""
        ...

    def resume(
        self, earlier: Path, partial: Path, damaged_path: Path, signature: str | None
    ) -> PreviousResults:
        """What ``earlier`` (the partial or finished output) holds, leaving its results in
        ``partial`` to append to; raise, changing nothing, if they came from another pipeline."""
        ...


class JsonlEncoder:
    """One JSON object per line, every key of the record."""

    lossless = True

    def encode(self, records: list[dict[str, Any]]) -> str:
        return "".join(self.encode_each(records))

    def encode_each(self, records: list[dict[str, Any]]) -> list[str]:
        return [_dumps(r) + "\n" for r in records]

    def settled(self) -> JsonlEncoder:
        return self

    def decode(self, text: str) -> dict[str, Any]:
        record: dict[str, Any] = json.loads(text)
        return record  # encoded again, the same bytes: json round-trips what _dumps wrote

    def resume(
        self, earlier: Path, partial: Path, damaged_path: Path, signature: str | None
    ) -> PreviousResults:
        previous = _read_previous(earlier, signature)
        _set_aside(earlier, partial, damaged_path, previous.damaged)
        if earlier != partial and earlier.exists():
            os.replace(earlier, partial)  # a finished run: continue it
        return previous


class CsvEncoder:
    """CSV or TSV: ``id``, ``text``, the input's own fields (JSON for lists and mappings),
    ``result`` and ``issues`` (``severity check: message`` joined by `` | ``). The columns are
    those of the first record (or of the header already in the file when resuming)."""

    lossless = False

    def __init__(self, delimiter: str = ",") -> None:
        self.delimiter = delimiter
        self.columns: list[str] | None = None

    def encode(self, records: list[dict[str, Any]]) -> str:
        header = ""
        if self.columns is None and records:
            self.columns = [k for k in records[0] if k not in RESULT_KEYS] + ["result", "issues"]
            [header] = self._rows([self.columns])
        return header + "".join(self.encode_each(records))

    def encode_each(self, records: list[dict[str, Any]]) -> list[str]:
        columns = self.columns or ()
        return self._rows([[_cell(record, c) for c in columns] for record in records])

    def settled(self) -> CsvEncoder | None:
        return self if self.columns is not None else None

    def decode(self, text: str) -> None:
        return None

    def _rows(self, rows: list[list[str]]) -> list[str]:
        """The text of each row (a cell may hold a line break, so the rows are cut where the
        writer says each one ended, not at line ends)."""
        out = io.StringIO()
        writer = EscapingWriter(out, delimiter=self.delimiter)  # posts may hold "=HYPERLINK(…"
        ends = list(accumulate(writer.writerow(row) for row in rows))
        text = out.getvalue()
        return [text[start:end] for start, end in zip([0, *ends], ends, strict=False)]

    def resume(
        self, earlier: Path, partial: Path, damaged_path: Path, signature: str | None
    ) -> PreviousResults:
        # CSV rows carry no signature column, so a mixed pipeline cannot be told here.
        previous = PreviousResults(ids=self.done_ids(earlier))
        if earlier != partial:
            os.replace(earlier, partial)  # a finished run: continue it
        return previous

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
                        self.columns = [unescape_formula(c) for c in row]
                    elif row and "id" in self.columns:
                        ids.add(unescape_formula(row[self.columns.index("id")]))
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
    """Results to a file (atomic, resumable, locked) or to stdout (``-``), JSONL unless another
    :class:`Encoder` is given.

    ``signature``: the pipeline signature of this run; ``--resume`` refuses an output whose
    lines were written under another one (mixing two pipelines' results in one file).
    """

    def __init__(
        self,
        path: str,
        *,
        resume: bool = False,
        signature: str | None = None,
        encoder: Encoder | None = None,
    ) -> None:
        self.path = path
        self.encoder: Encoder = encoder or JsonlEncoder()
        self.previous = PreviousResults()
        self.done_ids = self.previous.ids
        self.written = 0
        self.notes: list[str] = []
        self._lock: OutputLock | None = None
        if path == "-":
            if resume:
                raise InputError("--resume needs an output file (-o FILE), not stdout")
            self._fd: int | None = None
            self._stream: IO[str] | None = sys.stdout
            return
        self._stream = None
        target = Path(path)
        self.partial = target.with_name(target.name + ".partial")
        self.damaged_path = target.with_name(target.name + ".damaged")
        refuse_special_file(target, "output")
        refuse_special_file(self.partial, "partial output")
        refuse_special_file(self.damaged_path, "file for damaged lines")
        target.parent.mkdir(parents=True, exist_ok=True)
        self._lock = OutputLock(target.with_name(target.name + ".lock"))
        self._lock.acquire(path)
        try:
            self._fd = self._open(target, resume, signature)
        except BaseException:
            self._lock.release()
            raise

    def _open(self, target: Path, resume: bool, signature: str | None) -> int:
        if self.partial.exists() and not resume:
            # We hold the lock, so the run that left it is no longer alive.
            raise InputError(
                f"{self.partial} is left from an interrupted run",
                path=self.path,
                hint="Add --resume to continue it, or delete it to start over.",
            )
        if resume:
            earlier = self.partial if self.partial.exists() else target
            if earlier.exists():
                self.previous = self.encoder.resume(
                    earlier, self.partial, self.damaged_path, signature
                )
                self.done_ids = self.previous.ids
        flags = os.O_WRONLY | os.O_CREAT | os.O_APPEND | os.O_NOFOLLOW
        return os.open(self.partial, flags | (0 if resume else os.O_TRUNC), 0o644)

    def write_batch(self, records: list[dict[str, Any]]) -> None:
        if records:
            self._write(self.encoder.encode(records), len(records))

    def write_encoded(self, texts: list[str]) -> None:
        """Records already encoded, one text each, by this writer's encoder as
        :meth:`Encoder.settled` handed it out (``--jobs`` workers encode their own)."""
        if texts:
            self._write("".join(texts), len(texts))

    def _write(self, data: str, count: int) -> None:
        if self._stream is not None:
            self._stream.write(data)
            self._stream.flush()
        else:
            assert self._fd is not None
            payload = data.encode("utf-8")
            while payload:
                payload = payload[os.write(self._fd, payload) :]
        self.written += count

    def finish(self) -> None:
        """Make the output visible under its real name (atomically)."""
        if self._fd is None:
            return
        os.fsync(self._fd)
        os.close(self._fd)
        self._fd = None
        os.replace(self.partial, self.path)
        self._release()

    def abort(self) -> None:
        """Stop without publishing: the partial file stays for --resume (unless it is empty,
        e.g. when a missing model stopped the run before the first batch)."""
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None
            if self.written == 0 and not self.done_ids:
                self.partial.unlink(missing_ok=True)
        self._release()

    def _release(self) -> None:
        if self._lock is not None:
            self._lock.release()
            self._lock = None


def _read_previous(path: Path, signature: str | None) -> PreviousResults:
    """Ids, failed posts and damaged lines of an earlier output; raise on a signature mismatch.

    A complete line that is not a JSON object with an id is damage (reported, set aside); an
    unterminated last line that does not parse is what a crash leaves mid-write, and is cut.
    """
    found = PreviousResults()
    with open(path, "rb") as handle:
        for number, line in enumerate(handle, start=1):
            try:
                obj = json.loads(line)
                post_id = obj.get("id") if isinstance(obj, dict) else None
            except (ValueError, RecursionError):
                obj, post_id = None, None
            if not isinstance(post_id, (str, int)) or isinstance(post_id, bool):
                if line.endswith(b"\n"):
                    reason = "not a JSON object with an id" if obj is not None else "malformed JSON"
                    found.damaged.append(Damage(number, reason))
                continue  # a torn last line: the post is simply done again
            if signature is not None and obj.get("signature") != signature:
                raise ConfigError(
                    "--resume with another pipeline would mix results in one output:\n"
                    f"  line {number} was made by: {obj.get('signature') or '(no signature)'}\n"
                    f"  this run is:             {signature}",
                    path=path,
                    line=number,
                    hint="Resume with the same pipeline, glossaries and models, "
                    "or write to another -o.",
                )
            found.ids.add(str(post_id))
            found.failed += obj.get("failed") is True
    return found


def _set_aside(earlier: Path, partial: Path, damaged_path: Path, damage: list[Damage]) -> None:
    """Rewrite ``earlier`` as ``partial`` with only its good lines; damaged lines are appended
    to ``damaged_path`` byte for byte, a torn last line is dropped."""
    bad = {d.line for d in damage}
    with open(earlier, "rb") as handle:
        data = handle.read()
    lines = data.splitlines(keepends=True)
    torn = bool(lines) and not lines[-1].endswith(b"\n")
    if not bad and not torn:
        return
    good = []
    for number, line in enumerate(lines, start=1):
        if number in bad:
            continue
        if line.endswith(b"\n"):
            good.append(line)
        else:
            try:
                json.loads(line)
                good.append(line + b"\n")  # complete but unterminated: still a result
            except (ValueError, RecursionError):
                pass
    if bad:
        fd = os.open(damaged_path, os.O_WRONLY | os.O_CREAT | os.O_APPEND | os.O_NOFOLLOW, 0o644)
        with os.fdopen(fd, "wb") as out:
            out.writelines(line for number, line in enumerate(lines, 1) if number in bad)
    tmp = partial.with_name(partial.name + ".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW, 0o644)
    with os.fdopen(fd, "wb") as out:
        out.writelines(good)
        out.flush()
        os.fsync(out.fileno())
    os.replace(tmp, partial)
    if earlier != partial:
        earlier.unlink()


class RejectWriter:
    """Rejected posts, as JSONL next to the output (``OUTPUT.rejects.jsonl``) or nowhere."""

    def __init__(self, output_path: str) -> None:
        self.count = 0
        self.path: Path | None = None
        if output_path != "-":
            target = Path(output_path)
            self.path = target.with_name(target.stem + ".rejects.jsonl")
            refuse_special_file(self.path, "rejects file")
        self._handle: IO[str] | None = None

    def write(self, record: dict[str, Any]) -> None:
        self.count += 1
        if self.path is None:
            return
        if self._handle is None:
            flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW
            self._handle = open(os.open(self.path, flags, 0o644), "w", encoding="utf-8")  # noqa: SIM115
        self._handle.write(_dumps(record) + "\n")
        self._handle.flush()

    def close(self) -> None:
        if self._handle is not None:
            self._handle.close()
        elif self.path is not None and self.path.exists():
            self.path.unlink()  # a clean re-run leaves no stale rejects behind
