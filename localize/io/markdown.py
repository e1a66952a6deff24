"""Markdown articles: paragraphs, headings and list items are posts; the rest stays byte for byte.

markdown-it-py (CommonMark) finds the blocks and the source lines of each (its token maps), so
the writer can put a translation back into exactly those lines, keeping every line's own prefix
(``#``, ``-``, ``>``, indentation) and ending, and copying code blocks, HTML, tables, blank
lines and front matter untouched. Front matter (``---`` or ``+++`` fenced, at the very top) is
recognised here by its fence lines: markdown-it has no core rule for it.

Inside a block, inline code, link targets, images and inline HTML must come back unchanged: the
writer parses the translation's inline markup and keeps the source block, with a note, when any
of them was altered, so a translation can never break the article's links or code.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, BinaryIO

from localize.errors import InputError
from localize.io.documents import DocumentOutput
from localize.io.readers import ReadOptions, Record, Reject

_TRANSLATED = ("paragraph_open", "heading_open")


def _parser() -> Any:
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark")


def _front_matter_end(lines: list[str]) -> int:
    """Number of lines the front matter takes (0 when there is none)."""
    if not lines or lines[0].rstrip("\r\n") not in ("---", "+++"):
        return 0
    fence = lines[0].rstrip("\r\n")
    for number, line in enumerate(lines[1:], start=1):
        if line.rstrip("\r\n") == fence:
            return number + 1
    return 0


def read_markdown(handle: BinaryIO, path: str, options: ReadOptions) -> Iterator[Record | Reject]:
    """One post per paragraph or heading (list items and quotes hold paragraphs)."""
    try:
        text = handle.read().decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"invalid UTF-8 at byte {exc.start}", path=path, hint="Save the file as UTF-8."
        ) from None
    lines = text.splitlines(keepends=True)
    skip = _front_matter_end(lines)
    body = "".join(lines[skip:])
    tokens = _parser().parse(body)
    for index, token in enumerate(tokens[:-1]):
        inline = tokens[index + 1]
        if token.type not in _TRANSLATED or inline.type != "inline" or token.map is None:
            continue
        start = token.map[0] + skip
        content = inline.content
        if not content.strip():
            continue
        layout = _layout(lines, start, content.split("\n"))
        post_id = f"{Path(path).name}:{start + 1}"
        if layout is None:
            yield Reject(
                path,
                start + 1,
                "cannot locate this block's text in its lines; it is kept untranslated",
                content[:200],
                post_id,
            )
            continue
        fields = {"markdown": {"file": str(path), "start": start, **layout}}
        yield Record(post_id, content, path, start + 1, None, fields, keep=_fixed_ranges(inline))


def _layout(lines: list[str], start: int, content: list[str]) -> dict[str, list[str]] | None:
    """Per content line: what comes before and after it on its source line."""
    prefixes: list[str] = []
    suffixes: list[str] = []
    for offset, part in enumerate(content):
        if start + offset >= len(lines):
            return None
        line = lines[start + offset].rstrip("\r\n")
        at = line.find(part) if part else len(line)
        if at < 0:
            return None
        prefixes.append(line[:at])
        suffixes.append(line[at + len(part) :])
    return {"prefixes": prefixes, "suffixes": suffixes}


def _fixed_ranges(inline: Any) -> list[tuple[int, int]]:
    """Where the inline code, link targets, image sources and inline HTML are in the block's
    text. markdown-it gives inline tokens no offsets, so each is found by its own source form,
    searching forward from the previous one."""
    text: str = inline.content
    ranges: list[tuple[int, int]] = []
    cursor = 0
    for child in inline.children or []:
        if child.type == "code_inline":
            needle = child.markup + child.content
            at = text.find(needle, cursor)
            found = (at, text.find(child.markup, at + len(needle)) + len(child.markup))
        elif child.type in ("link_open", "image"):
            # markdown-it normalises the target (percent-encoding): keep the source's spelling.
            at = text.find("](", cursor)
            if at < 0:
                continue
            found = _destination(text, at + 2)
        elif child.type == "html_inline":
            at = text.find(child.content, cursor)
            found = (at, at + len(child.content))
        else:
            continue
        if found[0] >= cursor and found[1] > found[0]:
            ranges.append(found)
            cursor = found[1]
    return ranges


def _destination(text: str, start: int) -> tuple[int, int]:
    """The link destination that starts at ``start`` (after ``](``): ``<...>``, or up to the
    first space or the ``)`` that balances the parentheses (CommonMark's rules)."""
    while start < len(text) and text[start] in " \t\n":
        start += 1
    if text.startswith("<", start):
        end = text.find(">", start)
        return (start, end + 1) if end >= 0 else (start, start)
    depth = 0
    end = start
    while end < len(text):
        char = text[end]
        if char == "\\":
            end += 2
            continue
        if char in " \t\n" or (char == ")" and depth == 0):
            break
        depth += {"(": 1, ")": -1}.get(char, 0)
        end += 1
    return start, min(end, len(text))


def _inline_fixed(text: str) -> Counter[tuple[str, str]]:
    """What must not change inside a block: inline code, link targets, images, inline HTML."""
    fixed: Counter[tuple[str, str]] = Counter()
    for block in _parser().parseInline(text):
        for child in block.children or []:
            if child.type == "code_inline":
                fixed["code", child.content] += 1
            elif child.type == "link_open":
                fixed["link", str(child.attrs.get("href", ""))] += 1
            elif child.type == "image":
                fixed["image", str(child.attrs.get("src", ""))] += 1
            elif child.type == "html_inline":
                fixed["html", child.content] += 1
    return fixed


def splice(source: str, records: Iterable[dict[str, Any]]) -> tuple[str, list[str]]:
    """``source`` with each record's result in its block's lines, and notes on blocks kept."""
    lines = source.splitlines(keepends=True)
    notes: list[str] = []
    replaced: dict[int, list[str]] = {}
    for record in records:
        md = record.get("markdown")
        result = record.get("result")
        if not isinstance(md, dict) or not isinstance(result, str):
            continue
        start, prefixes, suffixes = int(md["start"]), md["prefixes"], md["suffixes"]
        lost = _inline_fixed(str(record.get("text", ""))) - _inline_fixed(result)
        if lost:
            kind, value = next(iter(lost))
            notes.append(
                f"line {start + 1}: kept untranslated: the translation changed the {kind} {value!r}"
            )
            continue
        parts = result.split("\n")
        if len(parts) != len(prefixes):
            # A paragraph's line breaks are soft: on one line it reads the same.
            parts = [" ".join(p.strip() for p in parts)]
        new: list[str] = []
        for offset, part in enumerate(parts):
            line = lines[start + offset]
            ending = line[len(line.rstrip("\r\n")) :]
            suffix = suffixes[offset] if len(parts) == len(prefixes) else suffixes[-1]
            new.append(prefixes[offset] + part + suffix + ending)
        replaced[start] = new
        for offset in range(1, len(prefixes)):
            replaced.setdefault(start + offset, [])
    out: list[str] = []
    for number, line in enumerate(lines):
        out.extend(replaced.get(number, [line]))
    return "".join(out), notes


class MarkdownOutput(DocumentOutput):
    """``localize run article.md -o article.en.md``: the article, written when the run ends."""

    what = "Markdown output"
    example = "-o FILE.md"

    def render(self, records: list[dict[str, Any]], path: Path) -> list[str]:
        return write_markdown(records, path)


def write_markdown(records: Iterable[dict[str, Any]], path: str | Path) -> list[str]:
    """Write the translated article; returns notes on blocks kept untranslated."""
    items = list(records)
    files = {str(r["markdown"]["file"]) for r in items if isinstance(r.get("markdown"), dict)}
    if len(files) != 1:
        raise InputError(
            "Markdown output needs the posts of exactly one Markdown article"
            f" (these come from {len(files)}: {json.dumps(sorted(files))})",
            path=str(path),
            hint="Run one article at a time, or write JSONL.",
        )
    source_path = files.pop()
    try:
        with open(source_path, encoding="utf-8", newline="") as handle:
            source = handle.read()
    except OSError as exc:
        raise InputError(
            f"cannot read the source article: {exc.strerror}",
            path=source_path,
            hint="The Markdown writer copies everything but the translated blocks from it.",
        ) from None
    text, notes = splice(source, items)
    with open(path, "w", encoding="utf-8", newline="") as handle:
        handle.write(text)
    return [f"{source_path}: {note}" for note in notes]
