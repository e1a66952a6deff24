"""XLIFF 1.2 and 2.1: result records out for CAT tools, and the edited files back in.

One post is one XLIFF 1.2 ``<group>`` (2.1: ``<unit>``), one sentence one ``<trans-unit>``
(2.1: ``<segment>``). Protected entities are inline placeholder codes (``<ph>`` with the
original as equiv/disp text) that CAT tools lock; glossary terms are ``<mrk>`` term markers;
the post's issues are notes; the state says whether the checks found something to review.

The post's whole record travels in an extension element
(``<lz:post>``, ignored by CAT tools and allowed by both schemas), so reading the file back
loses no field: the result is rebuilt from the targets, and a sentence whose target an editor
changed gets origin ``human``. An editor who deleted a locked entity gets an
``entity_mismatch`` error on the post instead of a silent loss.

Built and parsed with lxml; parsing never expands entities, loads a DTD or touches the network.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import IO, Any, BinaryIO

from lxml import etree

from localize.errors import InputError
from localize.io.readers import ReadOptions, Record, Reject
from localize.io.results import needs_review, restore_target, result_locales, span_text
from localize.text.placeholders import PLACEHOLDER_RE
from localize.version import __version__

XLIFF12 = "urn:oasis:names:tc:xliff:document:1.2"
XLIFF2 = "urn:oasis:names:tc:xliff:document:2.0"
LZ = "urn:x-localize:post"  # our extension namespace
VERSIONS = ("1.2", "2.1")
# Every element written on its own repeats the root's prefixes, so lxml writes no ns0:.
_NSMAP12 = {None: XLIFF12, "lz": LZ}
_NSMAP2 = {None: XLIFF2, "lz": LZ}
NEEDS_REVIEW = "needs-review-translation"


def _parser() -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


# -- writing ------------------------------------------------------------------------------------


def _segments(record: dict[str, Any]) -> list[dict[str, str]]:
    """The record's sentences; a record without any (no ``translate`` step) is one sentence."""
    segments = record.get("segments")
    if isinstance(segments, list) and segments:
        return segments
    return [
        {"source": str(record.get("text", "")), "target": str(record.get("result", "")), "sep": ""}
    ]


class XliffWriter:
    """Streams records into an XLIFF file of ``version`` 1.2 or 2.1 (lxml's incremental writer,
    so 10,000 posts never sit in memory as one tree)."""

    def __init__(
        self,
        stream: IO[bytes],
        *,
        version: str = "1.2",
        source_locale: str = "und",
        target_locale: str = "und",
        original: str = "posts",
    ) -> None:
        if version not in VERSIONS:
            raise InputError(f"unknown XLIFF version {version!r}; use one of {VERSIONS}")
        self.version = version
        self.count = 0
        # The open elements are context managers of lxml's incremental writer; closing the
        # stack writes their end tags in order.
        self._stack = ExitStack()
        self._xf = self._stack.enter_context(etree.xmlfile(stream, encoding="utf-8"))
        self._xf.write_declaration()
        enter = self._stack.enter_context
        if version == "1.2":
            enter(
                self._xf.element(
                    f"{{{XLIFF12}}}xliff", version="1.2", nsmap={None: XLIFF12, "lz": LZ}
                )
            )
            enter(
                self._xf.element(
                    f"{{{XLIFF12}}}file",
                    original=original,
                    datatype="plaintext",
                    **{"source-language": source_locale, "target-language": target_locale},
                )
            )
            header = etree.Element(f"{{{XLIFF12}}}header", nsmap=_NSMAP12)
            etree.SubElement(
                header,
                f"{{{XLIFF12}}}tool",
                {"tool-id": "localize", "tool-name": "localize", "tool-version": __version__},
            )
            self._xf.write(header)
            enter(self._xf.element(f"{{{XLIFF12}}}body"))
        else:
            enter(
                self._xf.element(
                    f"{{{XLIFF2}}}xliff",
                    version="2.1",
                    srcLang=source_locale,
                    trgLang=target_locale,
                    nsmap=_NSMAP2,
                )
            )
            enter(self._xf.element(f"{{{XLIFF2}}}file", id="f1", original=original))

    def write(self, record: dict[str, Any]) -> None:
        self.count += 1
        element = self._unit12(record) if self.version == "1.2" else self._unit2(record)
        self._xf.write(element)

    def close(self) -> None:
        self._stack.close()

    # XLIFF 1.2 ---------------------------------------------------------------------------------

    def _unit12(self, record: dict[str, Any]) -> etree._Element:
        ns = f"{{{XLIFF12}}}"
        spans = record.get("spans") or {}
        group = etree.Element(
            ns + "group", id=f"p{self.count}", resname=str(record.get("id")), nsmap=_NSMAP12
        )
        _record_element(group, record)
        state = NEEDS_REVIEW if needs_review(record) else "translated"
        for n, seg in enumerate(_segments(record), start=1):
            unit = etree.SubElement(
                group,
                ns + "trans-unit",
                {
                    "id": f"p{self.count}-{n}",
                    "{http://www.w3.org/XML/1998/namespace}space": "preserve",
                },
            )
            _inline12(etree.SubElement(unit, ns + "source"), seg["source"], spans, source=True)
            target = etree.SubElement(unit, ns + "target", state=state)
            _inline12(target, seg["target"], spans, source=False)
            if n == 1:
                for issue in record.get("issues") or []:
                    note = etree.SubElement(unit, ns + "note", {"from": "localize"})
                    note.set("priority", "1" if issue.get("severity") == "error" else "2")
                    note.text = _issue_text(issue)
            origin = seg.get("origin")
            if origin:
                note = etree.SubElement(unit, ns + "note", {"from": "localize-origin"})
                note.set("priority", "10")
                note.text = f"origin: {origin}"
        return group

    # XLIFF 2.1 ---------------------------------------------------------------------------------

    def _unit2(self, record: dict[str, Any]) -> etree._Element:
        ns = f"{{{XLIFF2}}}"
        spans = record.get("spans") or {}
        unit = etree.Element(
            ns + "unit", id=f"p{self.count}", name=str(record.get("id")), nsmap=_NSMAP2
        )
        _record_element(unit, record)
        issues = record.get("issues") or []
        if issues:
            notes = etree.SubElement(unit, ns + "notes")
            for issue in issues:
                note = etree.SubElement(notes, ns + "note", category=str(issue.get("check")))
                note.set("priority", "1" if issue.get("severity") == "error" else "2")
                note.text = _issue_text(issue)
        segments = _segments(record)
        used = sorted(
            {m.group() for s in segments for m in PLACEHOLDER_RE.finditer(s["source"])}
            & {p for p, span in spans.items() if span.get("kind") != "term"},
            key=_number,
        )
        if used:
            data = etree.SubElement(unit, ns + "originalData")
            for placeholder in used:
                item = etree.SubElement(data, ns + "data", id=f"d{_number(placeholder)}")
                item.text = spans[placeholder]["original"]
        review = needs_review(record)
        for n, seg in enumerate(segments, start=1):
            segment = etree.SubElement(unit, ns + "segment", id=f"s{n}", state="translated")
            if review:
                segment.set("subState", "localize:needs-review")
            _inline2(etree.SubElement(segment, ns + "source"), seg["source"], spans, source=True)
            _inline2(etree.SubElement(segment, ns + "target"), seg["target"], spans, source=False)
        return unit


def _issue_text(issue: dict[str, Any]) -> str:
    return f"[{issue.get('check')}] {issue.get('severity')}: {issue.get('message')}"


def _number(placeholder: str) -> int:
    m = PLACEHOLDER_RE.fullmatch(placeholder)
    return int(m.group(1)) if m else 0


def _record_element(parent: etree._Element, record: dict[str, Any]) -> None:
    element = etree.SubElement(parent, f"{{{LZ}}}post")
    element.text = json.dumps(record, ensure_ascii=False)


def _append_text(element: etree._Element, text: str) -> None:
    if not text:
        return
    if len(element):
        last = element[-1]
        last.tail = (last.tail or "") + text
    else:
        element.text = (element.text or "") + text


def _pieces(text: str, spans: dict[str, dict[str, str]]) -> Iterator[tuple[str, str | None]]:
    """``(text, None)`` runs and ``(placeholder, kind)`` codes, in order."""
    last = 0
    for m in PLACEHOLDER_RE.finditer(text):
        span = spans.get(m.group())
        if span is None:
            continue
        yield text[last : m.start()], None
        yield m.group(), span.get("kind", "")
        last = m.end()
    yield text[last:], None


def _inline12(element: etree._Element, text: str, spans: dict[str, Any], *, source: bool) -> None:
    for piece, kind in _pieces(text, spans):
        if kind is None:
            _append_text(element, piece)
            continue
        span = spans[piece]
        shown = span_text(span, source=source)
        number = str(_number(piece))
        if kind == "term":
            # Not ``mid``: in 1.2 it must name a <seg-source> marker. Our attribute says which
            # term span this is, for reading the file back.
            mrk = etree.SubElement(
                element, f"{{{XLIFF12}}}mrk", {"mtype": "term", f"{{{LZ}}}term": f"t{number}"}
            )
            if span.get("entry"):
                mrk.set("comment", f"glossary entry {span['entry']}")
            mrk.text = shown
        else:
            ph = etree.SubElement(
                element,
                f"{{{XLIFF12}}}ph",
                {"id": number, "ctype": f"x-{kind or 'entity'}", "equiv-text": shown},
            )
            ph.text = shown


def _inline2(element: etree._Element, text: str, spans: dict[str, Any], *, source: bool) -> None:
    for piece, kind in _pieces(text, spans):
        if kind is None:
            _append_text(element, piece)
            continue
        span = spans[piece]
        shown = span_text(span, source=source)
        number = _number(piece)
        if kind == "term":
            mrk = etree.SubElement(element, f"{{{XLIFF2}}}mrk", id=f"t{number}", type="term")
            if span.get("entry"):
                mrk.set("value", str(span["entry"]))
            mrk.text = shown
        else:
            etree.SubElement(
                element,
                f"{{{XLIFF2}}}ph",
                id=str(number),
                dataRef=f"d{number}",
                equiv=shown,
                disp=shown,
                canDelete="no",
            )


def write_xliff(
    records: Iterable[dict[str, Any]],
    path: str | Path,
    *,
    version: str = "1.2",
    source_locale: str | None = None,
    target_locale: str | None = None,
) -> int:
    """Write ``records`` (result records as ``localize run`` writes them) to ``path``.

    The locales default to the first record's (its ``lang`` field or pipeline signature, then
    the detected script; ``locale``). Returns the count.
    """
    iterator = iter(records)
    first = next(iterator, None) or {}
    source, target = result_locales(first)
    source, target = source_locale or source, target_locale or target
    with open(path, "wb") as handle:
        writer = XliffWriter(
            handle,
            version=version,
            source_locale=source,
            target_locale=target,
            original=Path(path).name,
        )
        if first:
            writer.write(first)
            for record in iterator:
                writer.write(record)
        writer.close()
    return writer.count


class XliffOutput:
    """``localize run -o out.xlf``: the same interface as the JSONL
    :class:`~localize.io.writers.OutputWriter`, written to ``OUTPUT.partial`` and renamed when
    the run ends (an XLIFF file cannot be appended to, so there is no ``--resume``)."""

    def __init__(
        self, path: str, *, version: str, source_locale: str, target_locale: str, resume: bool
    ) -> None:
        if path == "-" or resume:
            raise InputError(
                "XLIFF output needs a file (-o FILE.xlf) and cannot be resumed",
                hint="Write JSONL with --resume, then `localize report OUT.jsonl -o OUT.xlf`.",
            )
        self.path = path
        self.done_ids: set[str] = set()
        self.written = 0
        self.notes: list[str] = []
        self.partial = Path(path).with_name(Path(path).name + ".partial")
        self.partial.parent.mkdir(parents=True, exist_ok=True)
        self._handle: IO[bytes] | None = open(self.partial, "wb")  # noqa: SIM115
        self._writer = XliffWriter(
            self._handle,
            version=version,
            source_locale=source_locale,
            target_locale=target_locale,
            original=Path(path).name,
        )

    def write_batch(self, records: list[dict[str, Any]]) -> None:
        for record in records:
            self._writer.write(record)
        self.written += len(records)

    def finish(self) -> None:
        if self._handle is None:
            return
        self._writer.close()
        self._handle.close()
        self._handle = None
        self.partial.replace(self.path)

    def abort(self) -> None:
        if self._handle is not None:
            self._handle.close()
            self._handle = None
            self.partial.unlink(missing_ok=True)


# -- reading ------------------------------------------------------------------------------------


def read_xliff_records(
    handle: BinaryIO, path: str, options: ReadOptions
) -> Iterator[Record | Reject]:
    """The format registry's reader: the posts, with the edited targets as their results."""
    for item in read_xliff_lines(path, handle):
        if isinstance(item, Reject):
            yield item
            continue
        line, record = item
        fields = {k: v for k, v in record.items() if k not in ("id", "text")}
        lang = record.get("lang") if isinstance(record.get("lang"), str) else None
        yield Record(str(record["id"]), str(record.get("text", "")), path, line, lang, fields)


def read_xliff(path: str) -> Iterator[dict[str, Any] | Reject]:
    """Result records from an XLIFF 1.2 or 2.x file written by :func:`write_xliff` and then
    edited. A unit that cannot be read is a :class:`Reject` with its line; reading goes on."""
    for item in read_xliff_lines(path):
        yield item if isinstance(item, Reject) else item[1]


def read_xliff_lines(
    path: str, handle: BinaryIO | None = None
) -> Iterator[tuple[int, dict[str, Any]] | Reject]:
    """:func:`read_xliff`, with the line of each post's unit (from ``handle`` if given)."""
    try:
        tree = etree.parse(handle if handle is not None else path, _parser())
    except OSError:
        raise InputError("input file not found", path=path, hint="Check the path.") from None
    except etree.XMLSyntaxError as exc:
        raise InputError(
            f"not well-formed XML: {exc.msg}",
            path=path,
            line=exc.lineno,
            hint="Fix the XML (a CAT tool's export, or a hand edit, may have broken it).",
        ) from None
    root = tree.getroot()
    if root.tag == f"{{{XLIFF12}}}xliff":
        units = root.iter(f"{{{XLIFF12}}}group")
        read = _read_group12
    elif root.tag == f"{{{XLIFF2}}}xliff":
        units = root.iter(f"{{{XLIFF2}}}unit")
        read = _read_unit2
    else:
        raise InputError(
            f"not an XLIFF 1.2 or 2.x file (root element {root.tag!r})", path=path, line=1
        )
    for unit in units:
        line = unit.sourceline or 0
        try:
            yield line, read(unit, path)
        except _UnitError as exc:
            yield Reject(path, line, str(exc), etree.tostring(unit, encoding="unicode")[:200])


class _UnitError(Exception):
    pass


def _stored_record(unit: etree._Element) -> dict[str, Any]:
    element = unit.find(f"{{{LZ}}}post")
    if element is None or not element.text:
        raise _UnitError(
            "no <lz:post> record in this unit: only XLIFF written by localize can be read back"
        )
    try:
        record = json.loads(element.text)
    except json.JSONDecodeError as exc:
        raise _UnitError(f"the <lz:post> record is not valid JSON: {exc.msg}") from None
    if not isinstance(record, dict) or "id" not in record:
        raise _UnitError("the <lz:post> record has no id")
    return record


def _read_group12(unit: etree._Element, path: str) -> dict[str, Any]:
    record = _stored_record(unit)
    targets = [tu.find(f"{{{XLIFF12}}}target") for tu in unit.iter(f"{{{XLIFF12}}}trans-unit")]
    return _rebuild(record, targets, path, unit)


def _read_unit2(unit: etree._Element, path: str) -> dict[str, Any]:
    record = _stored_record(unit)
    targets = [seg.find(f"{{{XLIFF2}}}target") for seg in unit.iter(f"{{{XLIFF2}}}segment")]
    return _rebuild(record, targets, path, unit)


def _target_text(element: etree._Element | None, spans: dict[str, Any]) -> tuple[str, set[str]]:
    """An edited target in placeholder form, and the placeholders of the codes it kept."""
    if element is None:
        return "", set()
    by_number = {str(_number(p)): p for p in spans}
    parts: list[str] = [element.text or ""]
    kept: set[str] = set()
    for child in element:
        local = etree.QName(child).localname
        placeholder: str | None = None
        if local == "ph":
            placeholder = by_number.get(str(child.get("id")))
            if placeholder is None:
                raise _UnitError(f"a <ph> code with id {child.get('id')!r} that no source has")
        elif local == "mrk":
            mid = str(child.get(f"{{{LZ}}}term") or child.get("id") or "")
            candidate = by_number.get(mid[1:]) if mid.startswith("t") else None
            inner = "".join(child.itertext())
            # A term the editor left as the glossary has it stays a term; a rewritten one is
            # the editor's text (the checks then say whether it still matches the glossary).
            if candidate is not None and inner == span_text(spans[candidate], source=False):
                placeholder = candidate
            else:
                parts.append(inner)
        else:
            parts.append("".join(child.itertext()))
        if placeholder is not None:
            parts.append(placeholder)
            kept.add(placeholder)
        parts.append(child.tail or "")
    return "".join(parts), kept


def _rebuild(
    record: dict[str, Any],
    targets: list[etree._Element | None],
    path: str,
    unit: etree._Element,
) -> dict[str, Any]:
    spans: dict[str, Any] = record.get("spans") or {}
    stored = record.get("segments")
    segments = [dict(s) for s in stored] if isinstance(stored, list) and stored else None
    count = len(segments) if segments is not None else 1
    if len(targets) != count:
        raise _UnitError(f"the post had {count} sentence(s) and the file has {len(targets)}")
    texts = [_target_text(t, spans) for t in targets]
    issues = list(record.get("issues") or [])
    if segments is None:
        record["result"] = texts[0][0]
    elif any(text != seg["target"] for seg, (text, _) in zip(segments, texts, strict=True)):
        for n, (seg, (text, kept)) in enumerate(zip(segments, texts, strict=True), start=1):
            wanted = {
                m.group()
                for m in PLACEHOLDER_RE.finditer(seg["target"])
                if spans.get(m.group(), {}).get("kind") not in (None, "term")
            }
            for placeholder in sorted(wanted - kept, key=_number):
                span = spans[placeholder]
                issues.append(
                    {
                        "check": "entity_mismatch",
                        "severity": "error",
                        "message": f"sentence {n}: the edited target lost the locked "
                        f"{span['kind']} {span['original']!r}",
                        "step": "xliff",
                        "data": {"kind": span["kind"], "original": span["original"]},
                    }
                )
            if text != seg["target"]:
                seg["target"], seg["origin"] = text, "human"
        record["segments"] = segments
        record["result"] = restore_target("".join(s["target"] + s["sep"] for s in segments), spans)
    record["issues"] = issues
    return record
