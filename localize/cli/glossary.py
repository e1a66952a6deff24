"""``localize glossary ...``: maintenance commands for content teams and CI (thin)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from localize.cli.options import (
    GLOSSARY_READ_FORMATS,
    GLOSSARY_WRITE_FORMATS,
    INPUT_FORMATS,
    encoding_option,
    glossary_option,
    renamed,
    text_column_option,
)

# localize.glossary is imported inside the commands, so that `--help` stays fast.
if TYPE_CHECKING:
    from localize.glossary import Glossary
    from localize.glossary.model import Entry

_GLOSSARY_OPTION = glossary_option(
    "Glossary file (repeatable; later files win). Default: the built-in glossaries."
)
_REPORT_FORMAT = click.option(
    "--output-format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="text or json.",
)
_OLD_REPORT_FORMAT = renamed(
    "--format",
    dest="output_format",
    replacement="--output-format",
    type=click.Choice(["text", "json"]),
)


def _load(paths: tuple[Path, ...]) -> Glossary:
    from localize.errors import GlossaryError
    from localize.glossary import load_glossaries
    from localize.resources import glossaries_dir

    if not paths:
        folder = glossaries_dir()
        paths = tuple(sorted(folder.glob("*.yaml"))) if folder.is_dir() else ()
        if not paths:
            raise GlossaryError(
                "no glossary given and no built-in glossaries found", hint="Pass one with -g FILE."
            )
    return load_glossaries(paths)


def _entry_line(glossary: Glossary, entry: Entry) -> str:
    from localize.glossary import LOCALES

    forms = []
    for locale in LOCALES:
        texts = [
            t.text + ("" if t.status == "preferred" else f" ({t.status})")
            for t in entry.terms_in(locale)
        ]
        if texts:
            forms.append(f"{locale}: {', '.join(texts)}")
    flags = [f for f, on in (("dnt", entry.dnt), ("hashtag", entry.hashtag)) if on]
    extra = f" [{', '.join(flags)}]" if flags else ""
    return f"{entry.id}{extra}  " + " | ".join(forms)


@click.group("glossary")
def glossary_group() -> None:
    """Check, convert, search and grow glossaries.

    Commands whose subject is a glossary (lint, export, stats) take the files as arguments
    or with -g; the others take them with -g (default: the built-in glossaries).

    \b
    Example:
      localize glossary lint glossaries/*.yaml
    """


def _files(files: tuple[Path, ...], glossaries: tuple[Path, ...]) -> tuple[Path, ...]:
    both = (*files, *glossaries)
    if not both:
        raise click.UsageError("give glossary FILES (or -g FILE)")
    return both


@glossary_group.command("lint")
@click.argument("files", nargs=-1, type=click.Path(path_type=Path))
@glossary_option("Glossary file to lint (repeatable), as well as or instead of FILES.")
@_REPORT_FORMAT
@_OLD_REPORT_FORMAT
@click.option("--info", is_flag=True, help="Also list informational findings.")
def lint_command(
    files: tuple[Path, ...], glossaries: tuple[Path, ...], output_format: str, info: bool
) -> None:
    """Report malformed entries, duplicates, conflicts and suspicious forms; exit 1 on errors.

    \b
    Example:
      localize glossary lint glossaries/canada-tourism.yaml --output-format json
    """
    from localize.glossary.lint import lint_paths

    report = lint_paths(_files(files, glossaries), info=info)
    click.echo(report.to_json() if output_format == "json" else report.to_text())
    if not report.ok:
        sys.exit(1)


@glossary_group.command("import")
@click.argument("source", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(path_type=Path),
    help="Glossary file to write (YAML unless the extension says otherwise).",
)
@click.option(
    "--input-format",
    type=click.Choice(GLOSSARY_READ_FORMATS),
    help="Format of SOURCE (default: by extension; .tsv is CSV).",
)
@renamed(
    "--from",
    dest="input_format",
    replacement="--input-format",
    type=click.Choice(GLOSSARY_READ_FORMATS),
)
@click.option(
    "--output-format",
    type=click.Choice(GLOSSARY_WRITE_FORMATS),
    help="Format to write (default: by -o's extension).",
)
@encoding_option()
def import_command(
    source: Path,
    output: Path,
    input_format: str | None,
    output_format: str | None,
    encoding: str | None,
) -> None:
    """Import a CSV/TSV or TBX glossary (validated completely before anything is written).

    \b
    Example:
      localize glossary import termbase.tbx -o glossaries/termbase.yaml
      localize glossary import terms.tsv --encoding gb18030 -o glossaries/terms.yaml
    """
    from localize.glossary import load_glossary, save_glossary

    glossary = load_glossary(source, input_format, encoding=encoding)
    save_glossary(glossary, output, output_format)
    click.echo(f"imported {len(glossary)} entries from {source} into {output}", err=True)


@glossary_group.command("export")
@click.argument("files", nargs=-1, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@glossary_option("Glossary file to export (repeatable), as well as or instead of FILES.")
@click.option(
    "-o", "--output", default="-", show_default=True, help="Output file, or - for stdout."
)
@click.option(
    "--output-format",
    type=click.Choice(GLOSSARY_WRITE_FORMATS),
    help="yaml, csv, tbx (v3, TBX-Basic) or jieba (user dictionary); default by -o.",
)
@renamed(
    "--format",
    dest="output_format",
    replacement="--output-format",
    type=click.Choice(GLOSSARY_WRITE_FORMATS),
)
def export_command(
    files: tuple[Path, ...], glossaries: tuple[Path, ...], output: str, output_format: str | None
) -> None:
    """Export glossaries (merged, later files win) as YAML, CSV, TBX or a jieba dictionary.

    \b
    Example:
      localize glossary export glossaries/airlines.yaml --output-format tbx -o airlines.tbx
    """
    from localize.glossary import detect_format, dump_glossary, load_glossaries, save_glossary

    glossary = load_glossaries(_files(files, glossaries))
    if output == "-":
        click.echo(dump_glossary(glossary, output_format or "yaml"), nl=False)
    else:
        save_glossary(glossary, output, detect_format(output, output_format, write=True))


@glossary_group.command("find")
@click.argument("term")
@_GLOSSARY_OPTION
def find_command(term: str, glossaries: tuple[Path, ...]) -> None:
    """Entries with a term containing TERM (any locale, any case, Simplified or Traditional),
    and glossary terms found inside TERM when it is a sentence.

    \b
    Example:
      localize glossary find 蒙特利爾
    """
    from localize.glossary.matcher import fold

    glossary = _load(glossaries)
    key = fold(term)
    hits = [e for e in glossary.entries if any(key in fold(t.text) for t in e.terms)]
    seen = {e.id for e in hits}
    for match in glossary.find(term):
        if match.entry_id not in seen:
            entry = glossary.get(match.entry_id)
            if entry is not None:
                hits.append(entry)
                seen.add(entry.id)
    if not hits:
        click.echo(f"no glossary entry matches {term!r}")
        sys.exit(1)
    for entry in hits:
        click.echo(_entry_line(glossary, entry))


@glossary_group.command("show")
@click.argument("entry_id")
@_GLOSSARY_OPTION
def show_command(entry_id: str, glossaries: tuple[Path, ...]) -> None:
    """One entry with its form in every locale and where each comes from (glossary, a
    fallback, or an OpenCC derivation).

    \b
    Example:
      localize glossary show montreal
    """
    from localize.errors import GlossaryError
    from localize.glossary import LOCALES

    glossary = _load(glossaries)
    entry = glossary.get(entry_id)
    if entry is None:
        raise GlossaryError(
            f"no entry with id {entry_id!r}", hint="Search with `localize glossary find TEXT`."
        )
    click.echo(f"id: {entry.id}")
    if entry.path:
        click.echo(f"file: {entry.where}")
    for label, value in (("domain", entry.domain), ("note", entry.note)):
        if value:
            click.echo(f"{label}: {value}")
    if entry.dnt:
        click.echo("dnt: true (kept as written in every target)")
    if entry.hashtag:
        click.echo("hashtag: true")
    for locale in LOCALES:
        resolved = glossary.resolve(entry, locale)
        if resolved is None:
            click.echo(f"{locale:<11} -")
            continue
        click.echo(f"{locale:<11} {resolved.text}  ({resolved.describe()})")
        for term in entry.terms_in(locale):
            if term.text == resolved.text and term.status == "preferred":
                continue
            click.echo(f"{'':<11} {term.text}  ({term.status})")


@glossary_group.command("stats")
@click.argument("files", nargs=-1, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@_GLOSSARY_OPTION
@_REPORT_FORMAT
@_OLD_REPORT_FORMAT
def stats_command(
    files: tuple[Path, ...], glossaries: tuple[Path, ...], output_format: str
) -> None:
    """Entries per domain and locale, and how much of each variant is written or derived.

    \b
    Example:
      localize glossary stats glossaries/canada-tourism.yaml
    """
    from localize.glossary import LOCALES

    glossary = _load((*files, *glossaries))
    stats = glossary.stats()
    if output_format == "json":
        click.echo(json.dumps(stats, ensure_ascii=False, indent=2))
        return
    click.echo(
        f"entries: {stats['entries']}  terms: {stats['terms']}  "
        f"dnt: {stats['dnt']}  hashtags: {stats['hashtags']}"
    )
    click.echo("domains: " + ", ".join(f"{k} {v}" for k, v in stats["domains"].items()))
    click.echo(f"{'locale':<11} {'entries':>7} {'written':>7} {'derived':>7} {'missing':>7}")
    for locale in LOCALES:
        cov = stats["coverage"][locale]
        click.echo(
            f"{locale:<11} {stats['locales'][locale]:>7} {cov['explicit']:>7} "
            f"{cov['derived']:>7} {cov['missing']:>7}"
        )


@glossary_group.command("suggest")
@click.argument("corpus", nargs=-1, required=True)
@_GLOSSARY_OPTION
@click.option("-o", "--output", default="-", show_default=True, help="CSV file, or - for stdout.")
@click.option(
    "--limit", default=100, show_default=True, type=click.IntRange(1), help="Most candidates."
)
@click.option(
    "--min-count",
    default=2,
    show_default=True,
    type=click.IntRange(1),
    help="Fewest occurrences of a candidate.",
)
@click.option("--domain", default="", help="Domain to pre-fill in the CSV.")
@click.option(
    "--input-format",
    type=click.Choice(INPUT_FORMATS),
    help="Format of the corpus files (default: by extension).",
)
@text_column_option()
@encoding_option()
@click.option("-q", "--quiet", is_flag=True, help="Do not say which CSV column was used.")
def suggest_command(
    corpus: tuple[str, ...],
    glossaries: tuple[Path, ...],
    output: str,
    limit: int,
    min_count: int,
    domain: str,
    input_format: str | None,
    text_column: str | None,
    encoding: str | None,
    quiet: bool,
) -> None:
    """Candidate terms from posts (JSONL, CSV or text) that the glossary lacks, with counts and
    two example contexts, as CSV ready for review and `glossary import`.

    \b
    Example:
      localize glossary suggest examples/posts-zh.jsonl -o candidates.csv
    """
    from localize.glossary.suggest import suggest_terms, suggestions_csv
    from localize.io import Record, read_records

    glossary = _load(glossaries)
    records = read_records(
        corpus,
        fmt=input_format,
        text_column=text_column,
        encoding=encoding,
        notice=None if quiet else lambda message: click.echo(message, err=True),
    )
    texts = (r.text for r in records if isinstance(r, Record))
    csv_text = suggestions_csv(
        suggest_terms(texts, glossary, limit=limit, min_count=min_count), domain=domain
    )
    if output == "-":
        click.echo(csv_text, nl=False)
    else:
        Path(output).write_text(csv_text, encoding="utf-8")
