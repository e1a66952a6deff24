"""TBX: read TBX-Basic v2 (``<martif>``) and v3 (``<tbx>``, DCA style); write v3 TBX-Basic.

Parsing goes through defusedxml with entities forbidden, so a file with an entity
declaration or an external reference is refused before anything is expanded or fetched. Every
problem names the element by XPath (``/tbx/text/body/conceptEntry[3]/langSec[2]``).

Mapping: ``conceptEntry``/``termEntry`` -> entry (``id``); ``descrip[@type=subjectField]`` ->
domain; concept ``note`` -> note; ``langSec``/``langSet`` ``xml:lang`` -> locale (``zh-CN`` and
friends are accepted); ``termSec``/``tig``/``ntig`` -> term; ``administrativeStatus`` (or v2's
``normativeAuthorization``): preferredTerm -> preferred, admittedTerm -> admitted,
deprecatedTerm and supersededTerm -> forbidden; ``partOfSpeech`` -> a coarse jieba tag. What
TBX-Basic has no data category for (dnt, hashtag, case, the exact jieba tag) travels in notes
starting with ``localize:`` so YAML -> TBX -> YAML loses nothing and other tools still read a
valid TBX-Basic file.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from xml.etree.ElementTree import Element, ParseError
from xml.sax.saxutils import escape, quoteattr

import defusedxml.ElementTree as SafeET
from defusedxml import DefusedXmlException

from localize.errors import GlossaryError
from localize.glossary.model import Entry, Glossary, Term
from localize.glossary.parse import Problems, check_entry, check_locale, check_unique_ids, make_term

TBX_NS = "urn:iso:std:iso:30042:ed-2"
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_STATUS_IN = {
    "preferredTerm-admn-sts": "preferred",
    "admittedTerm-admn-sts": "admitted",
    "deprecatedTerm-admn-sts": "forbidden",
    "supersededTerm-admn-sts": "forbidden",
    # TBX v2 files from older tools use normativeAuthorization with bare values.
    "preferredTerm": "preferred",
    "admittedTerm": "admitted",
    "deprecatedTerm": "forbidden",
    "supersededTerm": "forbidden",
}
_STATUS_OUT = {
    "preferred": "preferredTerm-admn-sts",
    "admitted": "admittedTerm-admn-sts",
    "forbidden": "deprecatedTerm-admn-sts",
}
_POS_IN = {"noun": "n", "properNoun": "nz", "verb": "v", "adjective": "a", "adverb": "d"}
_PREFIX = "localize:"


def _pos_out(tag: str) -> str:
    if tag in ("nr", "ns", "nt", "nz", "nrt", "nrfg"):
        return "properNoun"
    return {"n": "noun", "v": "verb", "a": "adjective", "d": "adverb"}.get(tag[0], "other")


def _local(tag: Any) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _children(element: Element, xpath: str) -> list[tuple[Element, str, str]]:
    """(child, local name, XPath) with per-name positions as XPath counts them."""
    counts: dict[str, int] = {}
    out = []
    for child in element:
        name = _local(child.tag)
        if not name:
            continue  # comments, processing instructions
        counts[name] = counts.get(name, 0) + 1
        out.append((child, name, f"{xpath}/{name}[{counts[name]}]"))
    return out


def _text(element: Element) -> str:
    return "".join(element.itertext()).strip()


def parse_tbx(path: str | Path, *, text: str | bytes | None = None) -> tuple[Glossary, Problems]:
    problems = Problems(str(path))
    name = Path(path).stem
    if text is None:
        try:
            text = Path(path).read_bytes()
        except FileNotFoundError:
            raise GlossaryError("file not found", path=path, hint="Check the path.") from None
    try:
        # A DOCTYPE alone is what SDL MultiTerm and memoQ write (<!DOCTYPE martif SYSTEM
        # "TBXcoreStructV02.dtd">): accepted, and the DTD is never fetched (expat does not load
        # an external subset). Entity declarations (billion laughs, XXE) are still refused.
        root = SafeET.fromstring(text, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as exc:
        problems.add(
            "malformed",
            f"refused: the file declares an entity or external reference ({exc}); "
            "TBX glossaries are read without entity expansion or network access. "
            "Remove the <!ENTITY ...> declarations from its DOCTYPE.",
            line=None,
        )
        return Glossary([], name=name), problems
    except ParseError as exc:
        line = exc.position[0] if getattr(exc, "position", None) else None
        problems.add("malformed", f"invalid XML: {exc}", line=line)
        return Glossary([], name=name), problems

    root_name = _local(root.tag)
    if root_name not in ("tbx", "martif"):
        problems.add(
            "malformed",
            f"root element is <{root_name}>; expected <tbx> (TBX v3) or <martif> (TBX v2)",
            xpath=f"/{root_name}",
        )
        return Glossary([], name=name), problems
    root_path = f"/{root_name}"
    description = ""
    title = ""
    body: tuple[Element, str] | None = None
    for child, child_name, child_path in _children(root, root_path):
        if child_name in ("tbxHeader", "martifHeader"):
            for element in child.iter():
                if _local(element.tag) == "title" and not title:
                    title = _text(element)
                if _local(element.tag) == "sourceDesc" and not description:
                    description = _text(element)
        elif child_name == "text":
            for grandchild, grand_name, grand_path in _children(child, child_path):
                if grand_name == "body":
                    body = (grandchild, grand_path)
    if body is None:
        problems.add("malformed", "no <text><body> element with entries", xpath=root_path)
        return Glossary([], name=name), problems

    entries: list[Entry] = []
    xpaths: list[str] = []
    for index, (element, element_name, xpath) in enumerate(_children(*body)):
        if element_name not in ("conceptEntry", "termEntry"):
            continue
        entry = _read_concept(element, xpath, index, problems)
        if entry is not None:
            entries.append(entry)
            xpaths.append(xpath)
    entries = check_unique_ids(entries, problems, xpaths)
    return Glossary(
        entries, name=title or name, description=description, sources=[str(path)]
    ), problems


def read_tbx(path: str | Path, *, text: str | bytes | None = None) -> Glossary:
    glossary, problems = parse_tbx(path, text=text)
    problems.raise_if_errors()
    return glossary


def _notes(element: Element) -> tuple[list[str], list[str]]:
    """(our ``localize:`` flags, ordinary notes) among an element's direct <note> children."""
    flags, notes = [], []
    for child in element:
        if _local(child.tag) == "note":
            value = _text(child)
            if value.startswith(_PREFIX):
                flags.append(value[len(_PREFIX) :].strip())
            elif value:
                notes.append(value)
    return flags, notes


def _descrips(element: Element) -> dict[str, str]:
    """descrip values by type, including those wrapped in v2's <descripGrp>."""
    out: dict[str, str] = {}
    for child in element:
        name = _local(child.tag)
        if name == "descripGrp":
            out.update({k: v for k, v in _descrips(child).items() if k not in out})
        elif name == "descrip":
            out.setdefault(child.get("type", ""), _text(child))
    return out


def _read_concept(element: Element, xpath: str, index: int, problems: Problems) -> Entry | None:
    entry_id = element.get("id") or f"c{index + 1}"
    flags, notes = _notes(element)
    descrips = _descrips(element)
    ok = True
    terms: list[Term] = []
    for child, child_name, child_path in _children(element, xpath):
        if child_name not in ("langSec", "langSet"):
            continue
        lang = child.get(_XML_LANG) or child.get("lang")
        if not lang:
            problems.add("malformed", f"<{child_name}> without xml:lang", xpath=child_path)
            ok = False
            continue
        locale = check_locale(lang, problems, line=None, xpath=child_path, what="language")
        if locale is None:
            ok = False
            continue
        for term_element, term_name, term_path in _children(child, child_path):
            if term_name not in ("termSec", "tig", "ntig"):
                continue
            term = _read_term(term_element, term_path, locale, entry_id, problems)
            if term is None:
                ok = False
            else:
                terms.append(term)
    entry = check_entry(
        problems,
        entry_id=entry_id,
        terms=terms,
        term_lines=[None] * len(terms),
        domain=descrips.get("subjectField") or None,
        note="\n".join(notes) or descrips.get("definition") or None,
        dnt="dnt" in flags,
        hashtag="hashtag" in flags,
        xpath=xpath,
    )
    return entry if ok else None


def _read_term(
    element: Element, xpath: str, locale: str, entry_id: str, problems: Problems
) -> Term | None:
    # ntig keeps term and termNotes inside a <termGrp>; flatten that level.
    parts: list[Element] = list(element)
    for child in list(element):
        if _local(child.tag) == "termGrp":
            parts.extend(child)
    text: str | None = None
    status: str | None = None
    pos: str | None = None
    for child in parts:
        name = _local(child.tag)
        if name == "term":
            text = _text(child)
        elif name == "termNote":
            kind = child.get("type", "")
            value = _text(child)
            if kind in ("administrativeStatus", "normativeAuthorization"):
                status = _STATUS_IN.get(value, value)
            elif kind == "partOfSpeech":
                pos = _POS_IN.get(value)
    flags, notes = _notes(element)
    case: str | None = None
    for flag in flags:
        key, _, value = flag.partition("=")
        if key == "case":
            case = value
        elif key == "pos":
            pos = value
    if text is None:
        problems.add(
            "malformed", f"entry {entry_id!r}: <{_local(element.tag)}> without <term>", xpath=xpath
        )
        return None
    return make_term(
        problems,
        text=text,
        locale=locale,
        status=status,
        case=case,
        pos=pos,
        note="\n".join(notes) or None,
        xpath=xpath,
        entry_id=entry_id,
    )


def dump_tbx(glossary: Glossary) -> str:
    """TBX v3, TBX-Basic dialect, DCA style."""
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="{TBX_NS}">',
        "  <tbxHeader>",
        "    <fileDesc>",
        f"      <titleStmt><title>{escape(glossary.name or 'glossary')}</title></titleStmt>",
        "      <sourceDesc><p>"
        f"{escape(glossary.description or 'Exported by localize')}</p></sourceDesc>",
        "    </fileDesc>",
        "  </tbxHeader>",
        "  <text>",
        "    <body>",
    ]
    for entry in glossary:
        out.append(f"      <conceptEntry id={quoteattr(entry.id)}>")
        if entry.domain:
            out.append(f'        <descrip type="subjectField">{escape(entry.domain)}</descrip>')
        if entry.note:
            out.append(f"        <note>{escape(entry.note)}</note>")
        if entry.dnt:
            out.append(f"        <note>{_PREFIX}dnt</note>")
        if entry.hashtag:
            out.append(f"        <note>{_PREFIX}hashtag</note>")
        for locale in entry.locales:
            out.append(f"        <langSec xml:lang={quoteattr(locale)}>")
            for term in entry.terms_in(locale):
                out.append("          <termSec>")
                out.append(f"            <term>{escape(term.text)}</term>")
                out.append(
                    '            <termNote type="administrativeStatus">'
                    f"{_STATUS_OUT[term.status]}</termNote>"
                )
                if term.pos:
                    out.append(
                        f'            <termNote type="partOfSpeech">{_pos_out(term.pos)}</termNote>'
                    )
                    out.append(f"            <note>{_PREFIX}pos={escape(term.pos)}</note>")
                if term.case_sensitive is not None:
                    case = "sensitive" if term.case_sensitive else "insensitive"
                    out.append(f"            <note>{_PREFIX}case={case}</note>")
                if term.note:
                    out.append(f"            <note>{escape(term.note)}</note>")
                out.append("          </termSec>")
            out.append("        </langSec>")
        out.append("      </conceptEntry>")
    out += ["    </body>", "  </text>", "</tbx>", ""]
    return "\n".join(out)


def write_tbx(glossary: Glossary, path: str | Path) -> None:
    Path(path).write_text(dump_tbx(glossary), encoding="utf-8")
