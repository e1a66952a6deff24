"""Gettext PO for app strings: entries in as posts, results out as ``msgstr``.

Parsed and written with polib (MIT, the usual Python PO library). An entry is a post: its
``msgid`` is the text, its context, comments, references and flags travel in the ``po`` field
and come back out unchanged. A translated entry read back (a ``.po`` that has ``msgstr``) also
carries its ``result``, so ``localize check app.en.po`` checks the translations. A PO written by
``localize run`` marks an entry ``fuzzy`` when a check found something to review, and lists the
findings as translator comments.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, BinaryIO

from localize.errors import InputError
from localize.io.documents import DocumentOutput
from localize.io.readers import ReadOptions, Record, Reject
from localize.io.results import needs_review
from localize.version import __version__


def read_po(handle: BinaryIO, path: str, options: ReadOptions) -> Iterator[Record | Reject]:
    import polib

    try:
        content = handle.read().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"invalid UTF-8 at byte {exc.start}", path=path, hint="Save the file as UTF-8."
        ) from None
    try:
        catalog = polib.pofile(content, wrapwidth=0)
    except OSError as exc:
        # polib reports syntax errors as OSError: "Syntax error in po file (line N)".
        raise InputError(
            f"not a valid PO file: {exc}", path=path, hint="Check it with msgfmt -c."
        ) from None
    language = catalog.metadata.get("Language") or None
    for entry in catalog:
        if entry.obsolete:
            continue
        line = int(getattr(entry, "linenum", 0) or 0)
        if entry.msgid_plural:
            yield Reject(
                path,
                line,
                "plural entries (msgid_plural) are not translated yet: translate them in a PO"
                " editor",
                entry.msgid[:200],
                _entry_id(entry.msgctxt, entry.msgid),
            )
            continue
        fields: dict[str, Any] = {
            "po": {
                "msgctxt": entry.msgctxt,
                "comment": entry.comment,
                "tcomment": entry.tcomment,
                "occurrences": [list(o) for o in entry.occurrences],
                "flags": list(entry.flags),
            }
        }
        if entry.msgstr:
            fields["result"] = entry.msgstr
            if language:
                fields["locale"] = language
        yield Record(_entry_id(entry.msgctxt, entry.msgid), entry.msgid, path, line, None, fields)


def _entry_id(context: str | None, msgid: str) -> str:
    # An entry is unique by context and msgid (what gettext itself keys on).
    return f"{context}\u0004{msgid}" if context else msgid


def po_entry(record: dict[str, Any]) -> Any:
    import polib

    stored = record.get("po")
    po: dict[str, Any] = stored if isinstance(stored, dict) else {}
    flags = [f for f in po.get("flags") or [] if f != "fuzzy"]
    if needs_review(record):
        flags.append("fuzzy")
    findings = [
        f"localize: [{i.get('check')}] {i.get('severity')}: {i.get('message')}"
        for i in record.get("issues") or []
        if isinstance(i, dict) and i.get("severity") in ("error", "warning")
    ]
    translator = "\n".join(c for c in [po.get("tcomment") or "", *findings] if c)
    return polib.POEntry(
        msgid=str(record.get("text", "")),
        msgstr=str(record.get("result", "")),
        msgctxt=po.get("msgctxt") or None,
        comment=po.get("comment") or "",
        tcomment=translator,
        occurrences=[tuple(o) for o in po.get("occurrences") or []],
        flags=flags,
    )


def write_po(records: Iterable[dict[str, Any]], path: str | Path, *, target_locale: str) -> int:
    import polib

    catalog = polib.POFile(wrapwidth=0)
    catalog.metadata = {
        "Language": target_locale,
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "X-Generator": f"localize {__version__}",
    }
    for record in records:
        catalog.append(po_entry(record))
    catalog.save(str(path))
    return len(catalog)


class PoOutput(DocumentOutput):
    """``localize run -o app.en.po``: the catalogue, written when the run ends."""

    what = "PO output"
    example = "-o FILE.po"

    def __init__(self, path: str, *, target_locale: str, resume: bool) -> None:
        super().__init__(path, resume=resume)
        self.target_locale = target_locale

    def render(self, records: list[dict[str, Any]], path: Path) -> list[str]:
        write_po(records, path, target_locale=self.target_locale)
        return []
