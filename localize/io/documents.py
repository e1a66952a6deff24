"""Outputs written as one document when the run ends.

PO catalogues, Markdown articles and the review page need every record before they can be
written (a catalogue is saved whole; an article is the source document with its blocks
replaced; the page's summary counts every post), so they cannot be appended to batch by batch
like JSONL, and a run writing them cannot be resumed.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, ClassVar

from localize.errors import InputError


class DocumentOutput:
    """The interface of the JSONL :class:`~localize.io.writers.OutputWriter` for a document
    format: records are kept until the run ends, then rendered to ``OUTPUT.partial`` and renamed,
    so a half-written document never appears under the output's name."""

    # How errors name the format and the file to pass, e.g. "PO output" and "-o FILE.po".
    what: ClassVar[str] = ""
    example: ClassVar[str] = ""

    def __init__(self, path: str, *, resume: bool) -> None:
        if path == "-" or resume:
            raise InputError(
                f"{self.what} needs a file ({self.example}) and cannot be resumed",
                hint=f"Write JSONL with --resume, then `localize report OUT.jsonl {self.example}`.",
            )
        self.path = path
        self.done_ids: set[str] = set()
        self.written = 0
        self.notes: list[str] = []
        self._records: list[dict[str, Any]] = []

    def write_batch(self, records: list[dict[str, Any]]) -> None:
        self._records.extend(records)
        self.written += len(records)

    def finish(self) -> None:
        target = Path(self.path)
        partial = target.with_name(target.name + ".partial")
        partial.parent.mkdir(parents=True, exist_ok=True)
        self.notes = self.render(self._records, partial)
        partial.replace(target)

    def render(self, records: list[dict[str, Any]], path: Path) -> list[str]:
        """Write the document of ``records`` to ``path``; return notes for the user."""
        raise NotImplementedError

    def abort(self) -> None:
        self._records.clear()
