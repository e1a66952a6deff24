"""The review page: one self-contained HTML file for result records (no network, no CDN).

Python turns each record into plain data: texts, the ranges to mark (glossary terms with their
entry, status and approved form; protected entities), issues and sentence origins. Jinja2
(autoescape on) renders the summary, chart and filters; the posts travel as JSON in a
``<script type="application/json">`` block (Jinja's ``tojson`` escapes ``<``, ``>`` and ``&``,
so no post can close it) and a small inline script renders one page of them at a time with
``textContent``, so nothing a post holds is ever parsed as HTML and 10,000 posts open at once.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import IO, Any

from markupsafe import Markup

from localize.io.documents import DocumentOutput
from localize.io.results import restore_target
from localize.text.entities import find_entities
from localize.version import __version__

PAGE_SIZE = 50
SEVERITIES = ("error", "warning", "info")


def _occurrences(text: str, needle: str) -> list[tuple[int, int]]:
    found: list[tuple[int, int]] = []
    if not needle:
        return found
    start = text.find(needle)
    while start >= 0:
        found.append((start, start + len(needle)))
        start = text.find(needle, start + len(needle))
    return found


def _marks(
    text: str, terms: list[tuple[str, str, str]], entities: list[tuple[str, str]] | None
) -> list[list[Any]]:
    """``[start, end, class, title]`` ranges in ``text``, non-overlapping, in order.

    ``terms``: (surface form, class, hover text). ``entities``: (text, kind) of the post's
    protected spans when the record lists them, else None (then the entity patterns find them).
    Entities come first: a term inside a URL or a mention is part of the entity.
    """
    if entities is None:
        found = [(e.start, e.end, e.kind) for e in find_entities(text)]
    else:
        found = [(s, e, kind) for form, kind in entities for s, e in _occurrences(text, form)]
    ranges = [
        (s, e, "entity", f"protected {kind}: kept exactly as written") for s, e, kind in found
    ]
    for form, kind, title in sorted(terms, key=lambda t: -len(t[0])):
        ranges += [(s, e, kind, title) for s, e in _occurrences(text, form)]
    taken: list[list[Any]] = []
    for start, end, kind, title in sorted(ranges, key=lambda r: (r[0], -(r[1] - r[0]))):
        if taken and start < taken[-1][1]:
            continue
        taken.append([start, end, kind, title])
    return taken


def _term_forms(record: dict[str, Any]) -> tuple[list[tuple[str, str, str]], ...]:
    source: list[tuple[str, str, str]] = []
    target: list[tuple[str, str, str]] = []
    for term in record.get("terms") or []:
        if not isinstance(term, dict):
            continue
        status = str(term.get("status", ""))
        approved = term.get("target")
        title = f"glossary entry {term.get('id')} · {status}"
        if approved:
            title += f" · approved form: {approved}"
        kind = "term-forbidden" if status == "forbidden" else "term"
        source.append((str(term.get("term", "")), kind, title))
        if approved and not term.get("dnt"):
            target.append((str(approved), "term", title))
        elif term.get("dnt"):
            target.append((str(term.get("term", "")), "term", title + " · do not translate"))
    return source, target


def _json_for_script(data: Any) -> Markup:
    """JSON safe inside a <script> element: compact, UTF-8 (not \\u escapes, a third of the
    size for Chinese), and with ``<``, ``>``, ``&`` and ``'`` escaped as Jinja's ``tojson``
    does, so no string in it can end the element."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for char, escape in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("'", "\\u0027")):
        text = text.replace(char, escape)
    return Markup(text)


class _Titles:
    """Hover texts are few and repeated on every post: the page stores each once."""

    def __init__(self) -> None:
        self.index: dict[str, int] = {}

    def __call__(self, title: str) -> int:
        return self.index.setdefault(title, len(self.index))

    def table(self) -> list[str]:
        return list(self.index)


def review_item(record: dict[str, Any], titles: _Titles | None = None) -> dict[str, Any]:
    """One post as the page's script reads it (short keys: 10,000 of them are embedded)."""
    source = str(record.get("text", ""))
    result = str(record.get("result", ""))
    source_terms, target_terms = _term_forms(record)
    issues = [
        [str(i.get("check", "")), str(i.get("severity", "warning")), str(i.get("message", ""))]
        for i in record.get("issues") or []
        if isinstance(i, dict)
    ]
    severities = {i[1] for i in issues}
    level = next((s for s in SEVERITIES if s in severities), "clean")
    spans = record.get("spans") or {}
    entities = (
        [
            (str(span.get("original", "")), str(span.get("kind", "")))
            for span in spans.values()
            if isinstance(span, dict) and span.get("kind") != "term"
        ]
        if isinstance(record.get("spans"), dict)
        else None
    )
    sentences = [
        [str(s.get("origin", "")), restore_target(str(s.get("target", "")), spans)]
        for s in record.get("segments") or []
        if isinstance(s, dict)
    ]
    title = titles or _Titles()
    return {
        "id": str(record.get("id", "")),
        "s": source,
        "r": result,
        "sl": str(record.get("lang") or record.get("detected") or ""),
        "tl": str(record.get("locale") or ""),
        "sm": [[a, b, kind, title(t)] for a, b, kind, t in _marks(source, source_terms, entities)],
        "rm": [[a, b, kind, title(t)] for a, b, kind, t in _marks(result, target_terms, entities)],
        "i": issues,
        "lv": level,
        "o": sentences,
    }


def build_page(
    records: Iterable[dict[str, Any]],
    *,
    title: str = "localize review",
    page_size: int = PAGE_SIZE,
) -> str:
    import jinja2

    items: list[dict[str, Any]] = []
    titles = _Titles()
    checks: Counter[str] = Counter()
    origins: Counter[str] = Counter()
    levels: Counter[str] = Counter()
    signatures: Counter[str] = Counter()
    locales: set[str] = set()
    for record in records:
        item = review_item(record, titles)
        items.append(item)
        levels[item["lv"]] += 1
        checks.update(i[0] for i in item["i"])
        origins.update(o for o, _ in item["o"])
        if item["tl"]:
            locales.add(item["tl"])
        if record.get("signature"):
            signatures[str(record["signature"])] += 1
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("localize.report", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
    )
    most = max(checks.values(), default=1)
    return env.get_template("review.html.j2").render(
        title=title,
        data=_json_for_script({"posts": items, "titles": titles.table()}),
        total=len(items),
        levels=levels,
        chart=[(check, n, round(100 * n / most)) for check, n in checks.most_common()],
        origins=sorted(origins.items()),
        signatures=signatures.most_common(),
        locales=sorted(locales),
        page_size=page_size,
        version=__version__,
        created=dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
    )


def write_report(
    records: Iterable[dict[str, Any]],
    output: str | Path | IO[str],
    *,
    title: str = "localize review",
) -> int:
    """Write the page; returns the number of posts on it."""
    counted: list[int] = [0]

    def counting() -> Iterable[dict[str, Any]]:
        for record in records:
            counted[0] += 1
            yield record

    page = build_page(counting(), title=title)
    if isinstance(output, (str, Path)):
        Path(output).write_text(page, encoding="utf-8")
    else:
        output.write(page)
    return counted[0]


class HtmlOutput(DocumentOutput):
    """``localize run -o review.html``: the review page of the run's results, written when the
    run ends (its summary needs every post)."""

    what = "the review page"
    example = "-o FILE.html"

    def render(self, records: list[dict[str, Any]], path: Path) -> list[str]:
        write_report(records, path)
        return []
