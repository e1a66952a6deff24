"""Result records (what ``localize run`` writes) read back from JSONL or XLIFF, as dicts."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from localize.io.readers import Record, Reject, read_records

RESULT_EXTENSIONS = {
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".xlf": "xliff",
    ".xliff": "xliff",
    ".po": "po",
}


def read_results(
    paths: Iterable[str], *, fmt: str | None = None
) -> Iterator[dict[str, Any] | Reject]:
    """Each input's records as dicts (``id``, ``text``, then the other fields), or rejects."""
    for path in paths:
        kind = fmt or RESULT_EXTENSIONS.get(Path(path).suffix.lower(), "jsonl")
        if kind == "xliff":
            from localize.io.xliff import read_xliff

            yield from read_xliff(path)
            continue
        for item in read_records([path], fmt=kind, allow_empty=True):
            yield item if isinstance(item, Reject) else record_dict(item)


def record_dict(record: Record) -> dict[str, Any]:
    return {"id": record.id, "text": record.text, **record.fields}
