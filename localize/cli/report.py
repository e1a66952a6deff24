"""``localize report``: results for people — a review page, or XLIFF for CAT tools."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from localize.io.readers import Reject

REPORT_FORMATS = ("html", "xliff", "xliff2", "po", "markdown", "jsonl")
_EXTENSIONS = {
    ".html": "html",
    ".htm": "html",
    ".xlf": "xliff",
    ".xliff": "xliff2",
    ".po": "po",
    ".md": "markdown",
}


@click.command("report")
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False))
@click.option(
    "-o",
    "--output",
    required=True,
    help="File to write: .html review page, .xlf (XLIFF 1.2), .xliff (XLIFF 2.1), .po, .md"
    " (the article the posts came from, translated), .jsonl.",
)
@click.option(
    "--output-format",
    type=click.Choice(REPORT_FORMATS),
    help="Format to write (default: by the extension of -o).",
)
@click.option("--title", default="localize review", show_default=True, help="Page title.")
def report_command(
    files: tuple[str, ...], output: str, output_format: str | None, title: str
) -> None:
    """Turn `localize run` outputs (JSONL, or XLIFF read back) into a review page or XLIFF.

    The HTML page is one self-contained file (no network): each post's source and result side
    by side with glossary terms, protected entities and issues marked, a summary with a chart
    of findings per check, filters and search. XLIFF goes to CAT tools (Trados, memoQ,
    OmegaT...); an edited XLIFF read back (`localize report edited.xlf -o edited.jsonl`) gives
    the editor's targets as results, and `localize tm import` makes them reusable.

    \b
    Example:
      localize report out.jsonl -o review.html
      localize report out.jsonl -o out.xlf
      localize report edited.xlf -o edited.jsonl
    """
    from localize.io.results import read_results

    fmt = output_format or _EXTENSIONS.get(Path(output).suffix.lower(), "jsonl")
    rejected = 0

    def records() -> Any:
        nonlocal rejected
        for item in read_results(files):
            if isinstance(item, Reject):
                rejected += 1
                click.echo(f"{item.path}:{item.line}: skipped: {item.error}", err=True)
            else:
                yield item

    if fmt == "html":
        from localize.report.html import write_report

        count = write_report(records(), output, title=title)
    elif fmt in ("xliff", "xliff2"):
        from localize.io.xliff import write_xliff

        count = write_xliff(records(), output, version="1.2" if fmt == "xliff" else "2.1")
    elif fmt == "po":
        from localize.io.po import write_po

        items = list(records())
        locale = next((str(r["locale"]) for r in items if r.get("locale")), "")
        count = write_po(items, output, target_locale=locale)
    elif fmt == "markdown":
        from localize.io.markdown import write_markdown

        items = list(records())
        for note in write_markdown(items, output):
            click.echo(note, err=True)
        count = len(items)
    else:
        count = 0
        with click.open_file(output, "w", encoding="utf-8") as stream:
            for record in records():
                stream.write(json.dumps(record, ensure_ascii=False) + "\n")
                count += 1
    click.echo(f"{count} post(s) written to {output}", err=True)
    if rejected:
        sys.exit(1)
