"""``localize report``: results for people — a review page, or XLIFF for CAT tools."""

from __future__ import annotations

import sys
from typing import Any

import click

from localize.cli.options import OUTPUT_FORMATS, input_format_option

# localize.io is imported inside the command, so that `--help` stays fast.


@click.command("report")
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False))
@click.option(
    "-o",
    "--output",
    required=True,
    help="File to write: .html review page, .xlf (XLIFF 1.2), .xliff (XLIFF 2.1), .po, .md"
    " (the article the posts came from, translated), .jsonl, .csv.",
)
@click.option(
    "--output-format",
    "output_format_name",
    type=click.Choice(OUTPUT_FORMATS),
    help="Format to write (default: by the extension of -o).",
)
@input_format_option()
def report_command(
    files: tuple[str, ...], output: str, output_format_name: str | None, input_format: str | None
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
    from localize.io import Reject, output_format
    from localize.io.formats import DocumentTarget, open_writer
    from localize.io.results import read_results, result_locales

    records: list[dict[str, Any]] = []
    rejected = 0
    for item in read_results(files, fmt=input_format):
        if isinstance(item, Reject):
            rejected += 1
            click.echo(f"{item.path}:{item.line}: skipped: {item.error}", err=True)
        else:
            records.append(item)
    source, target = result_locales(records[0]) if records else ("und", "und")
    writer = open_writer(
        output_format(output, output_format_name), output, DocumentTarget(source, target)
    )
    try:
        writer.write_batch(records)
    except BaseException:
        writer.abort()
        raise
    writer.finish()
    for note in writer.notes:
        click.echo(note, err=True)
    click.echo(f"{writer.written} post(s) written to {output}", err=True)
    if rejected or writer.notes:
        sys.exit(1)
