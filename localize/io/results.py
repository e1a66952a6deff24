"""Result records (what ``localize run`` writes) read back from any readable format, as dicts."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from localize.io.readers import Record, Reject, read_records


def read_results(
    paths: Iterable[str], *, fmt: str | None = None
) -> Iterator[dict[str, Any] | Reject]:
    """Each input's records as dicts (``id``, ``text``, then the other fields), or rejects.

    The format is ``fmt`` or the extension's (JSONL, an XLIFF read back, a translated PO...);
    empty texts are kept, a run output may hold them.
    """
    for item in read_records(paths, fmt=fmt, allow_empty=True):
        yield item if isinstance(item, Reject) else record_dict(item)


def record_dict(record: Record) -> dict[str, Any]:
    return {"id": record.id, "text": record.text, **record.fields}
