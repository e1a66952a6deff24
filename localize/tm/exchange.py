"""Memory entries from result records (JSONL, or XLIFF read back) and from/to TMX 1.4b.

TMX is read and written with lxml; parsing never expands entities, loads a DTD or touches the
network. Entities are TMX ``<ph>`` codes and glossary terms ``<hi type="term">``, so a memory
exported and imported again keeps its keys.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from lxml import etree

from localize.errors import InputError
from localize.text.placeholders import make_placeholder
from localize.tm.key import TOKEN_RE, key_target, language_pair, mask_key
from localize.tm.memory import MemoryEntry
from localize.version import __version__

_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def entries_from_records(
    records: Iterable[dict[str, Any]],
    *,
    origin: str,
    author: str,
    source_locale: str | None = None,
    target_locale: str | None = None,
    everything: bool = False,
    unlocated: list[str] | None = None,
) -> Iterator[MemoryEntry]:
    """Sentences of result records as memory entries.

    Only sentences an editor changed (origin ``human``) unless ``everything``: a file reviewed
    in full approves its untouched sentences too. Sentences with nothing to translate are never
    stored. A record without sentences (a PO entry, a run without ``translate``) is one
    sentence; a translated PO entry that is not ``fuzzy`` counts as approved. The ids of
    records whose locales are unknown (and not given) go to ``unlocated``.
    """
    from localize.text.script import detect

    for record in records:
        segments = record.get("segments")
        if not isinstance(segments, list):
            result = record.get("result")
            if not isinstance(result, str):
                continue
            po = record.get("po")
            approved = isinstance(po, dict) and "fuzzy" not in (po.get("flags") or [])
            origin_here = "human" if approved else "mt"
            segments = [{"source": record.get("text", ""), "target": result, "origin": origin_here}]
        source = (
            source_locale
            or record.get("lang")
            or record.get("detected")
            or detect(str(record.get("text", "")))
        )
        target = target_locale or record.get("locale")
        if not source or not target:
            if unlocated is not None:
                unlocated.append(str(record.get("id")))
            continue
        pair = language_pair(str(source), str(target))
        spans: dict[str, dict[str, str]] = record.get("spans") or {}
        kinds = {p: str(s.get("kind", "")) for p, s in spans.items()}
        for seg in segments:
            wanted = seg.get("origin") == "human" or (everything and seg.get("origin") != "copy")
            if not wanted or not str(seg.get("target", "")).strip():
                continue
            masked = mask_key(seg["source"], kinds)
            stored = key_target(seg["target"], masked)
            if stored is None or not masked.key:
                continue
            yield MemoryEntry(
                *pair,
                masked.key,
                stored,
                {t: spans[p]["original"] for t, p in masked.tokens.items()},
                {
                    t: spans[p].get("replacement", spans[p]["original"])
                    for t, p in masked.tokens.items()
                },
                origin,
                author,
            )


# -- TMX ----------------------------------------------------------------------------------------


def _iso(timestamp: float) -> str:
    return dt.datetime.fromtimestamp(timestamp, dt.timezone.utc).strftime("%Y%m%dT%H%M%SZ")


def _from_iso(value: str | None) -> float:
    if not value:
        return time.time()
    try:
        return (
            dt.datetime.strptime(value, "%Y%m%dT%H%M%SZ")
            .replace(tzinfo=dt.timezone.utc)
            .timestamp()
        )
    except ValueError:
        return time.time()


def _seg(parent: etree._Element, text: str, originals: dict[str, str]) -> None:
    seg = etree.SubElement(parent, "seg")
    last = 0
    tail_of: etree._Element | None = None
    for m in TOKEN_RE.finditer(text):
        chunk = text[last : m.start()]
        if tail_of is None:
            seg.text = (seg.text or "") + chunk
        else:
            tail_of.tail = (tail_of.tail or "") + chunk
        kind, number = m.group(1), m.group(2)
        if kind == "T":
            code = etree.SubElement(seg, "hi", x=number, type="term")
        else:
            code = etree.SubElement(seg, "ph", x=number, type="entity")
        code.text = originals.get(m.group(), m.group())
        tail_of = code
        last = m.end()
    chunk = text[last:]
    if tail_of is None:
        seg.text = (seg.text or "") + chunk
    else:
        tail_of.tail = (tail_of.tail or "") + chunk


def write_tmx(entries: Iterable[MemoryEntry], path: str | Path) -> int:
    """TMX 1.4b, one ``<tu>`` per entry, streamed."""
    count = 0
    with open(path, "wb") as handle, etree.xmlfile(handle, encoding="utf-8") as xf:
        xf.write_declaration()
        with xf.element("tmx", version="1.4"):
            header = etree.Element(
                "header",
                creationtool="localize",
                creationtoolversion=__version__,
                segtype="sentence",
                adminlang="en",
                srclang="*all*",
                datatype="plaintext",
                **{"o-tmf": "localize"},
            )
            xf.write(header)
            with xf.element("body"):
                for entry in entries:
                    tu = etree.Element(
                        "tu",
                        creationdate=_iso(entry.changed),
                        changedate=_iso(entry.changed),
                        srclang=entry.source_lang,
                    )
                    if entry.author:
                        tu.set("creationid", entry.author)
                    if entry.origin:
                        prop = etree.SubElement(tu, "prop", type="x-origin")
                        prop.text = entry.origin
                    source = etree.SubElement(tu, "tuv", {_XML_LANG: entry.source_lang})
                    _seg(source, entry.key, entry.originals)
                    target = etree.SubElement(tu, "tuv", {_XML_LANG: entry.target_lang})
                    _seg(target, entry.target, entry.target_originals)
                    xf.write(tu)
                    count += 1
    return count


def _read_seg(
    seg: etree._Element, codes: dict[str, str]
) -> tuple[str, dict[str, str], dict[str, str]]:
    """Segment text with our placeholders for its codes, their kinds and their texts.

    ``codes`` maps a TMX code (kind and ``x``) to a placeholder; it is shared by the two sides
    of a unit, so the same code gets the same placeholder in source and target.
    """
    parts = [seg.text or ""]
    kinds: dict[str, str] = {}
    originals: dict[str, str] = {}
    for child in seg:
        local = etree.QName(child).localname
        inner = "".join(child.itertext())
        if local in ("ph", "hi") and (local == "ph" or child.get("type") == "term"):
            kind = "term" if local == "hi" else "entity"
            code = f"{kind}:{child.get('x') or inner}"
            placeholder = codes.setdefault(code, make_placeholder(len(codes) + 1))
            kinds[placeholder] = kind
            originals[placeholder] = inner
            parts.append(placeholder)
        else:
            parts.append(inner)
        parts.append(child.tail or "")
    return "".join(parts), kinds, originals


def read_tmx(path: str, *, origin: str, author: str = "") -> Iterator[MemoryEntry]:
    """Entries from every ``<tu>`` with a source and one or more other-language ``<tuv>``."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    try:
        root = etree.parse(path, parser).getroot()
    except OSError:
        raise InputError("file not found", path=path, hint="Check the path.") from None
    except etree.XMLSyntaxError as exc:
        raise InputError(f"not well-formed XML: {exc.msg}", path=path, line=exc.lineno) from None
    if root.tag != "tmx":
        raise InputError(f"not a TMX file (root element {root.tag!r})", path=path, line=1)
    header = root.find("header")
    default_source = header.get("srclang") if header is not None else None
    for tu in root.iter("tu"):
        source_lang = tu.get("srclang") or default_source
        variants = [
            (tuv.get(_XML_LANG) or tuv.get("lang") or "", tuv.find("seg")) for tuv in tu.iter("tuv")
        ]
        if not source_lang or source_lang == "*all*":
            source_lang = variants[0][0] if variants else ""
        source = next((seg for lang, seg in variants if lang == source_lang), None)
        if source is None:
            continue
        codes: dict[str, str] = {}
        source_text, kinds, source_originals = _read_seg(source, codes)
        masked = mask_key(source_text, kinds)
        author_here = tu.get("creationid") or author
        for lang, seg in variants:
            if lang == source_lang or seg is None:
                continue
            target_text, _, target_originals = _read_seg(seg, codes)
            stored = key_target(target_text, masked)
            if stored is None or not masked.key:
                continue
            pair = language_pair(source_lang, lang)
            yield MemoryEntry(
                *pair,
                masked.key,
                stored,
                {t: source_originals[p] for t, p in masked.tokens.items()},
                {t: target_originals.get(p, source_originals[p]) for t, p in masked.tokens.items()},
                origin,
                author_here,
                _from_iso(tu.get("changedate") or tu.get("creationdate")),
            )
