"""Result records (what ``localize run`` writes) read back from any readable format, as dicts."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any

from localize.io.readers import Record, Reject, read_records
from localize.text.placeholders import PLACEHOLDER_RE

_SIGNATURE_LOCALES = re.compile(r"\|locale:([^|>]*)>([^|]*)")


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


def result_locales(record: dict[str, Any]) -> tuple[str, str]:
    """A result record's source and target locales: its ``lang``, else its pipeline
    signature's source, else its detected script; its ``locale``. ``und`` when unknown."""
    declared = _SIGNATURE_LOCALES.search(str(record.get("signature") or ""))
    source = (
        record.get("lang")
        or (declared.group(1) if declared and declared.group(1) != "?" else None)
        or record.get("detected")
        or "und"
    )
    return str(source), str(record.get("locale") or "und")


def needs_review(record: dict[str, Any]) -> bool:
    """Whether a check found something to review (an error or a warning) in the record."""
    return any(
        isinstance(i, dict) and i.get("severity") in ("error", "warning")
        for i in record.get("issues") or []
    )


def span_text(span: dict[str, str], *, source: bool) -> str:
    """How a protected span reads: its original, or on the target side its replacement."""
    if not source and "replacement" in span:
        return span["replacement"]
    return span["original"]


def restore_target(text: str, spans: dict[str, Any]) -> str:
    """A target with placeholders: each replaced by what its span reads as on the target side
    (unknown placeholder-shaped text stays)."""

    def replace(m: re.Match[str]) -> str:
        span = spans.get(m.group())
        return m.group() if not isinstance(span, dict) else span_text(span, source=False)

    return PLACEHOLDER_RE.sub(replace, text)
