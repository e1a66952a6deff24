"""``localize tm``: import approved translations into a translation memory, export and count."""

from __future__ import annotations

import getpass
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import click

from localize.errors import InputError

DEFAULT_MEMORY = "localize.tm"


def _memory_option(**kwargs: Any) -> Any:
    return click.option(
        "-m",
        "--memory",
        default=DEFAULT_MEMORY,
        show_default=True,
        type=click.Path(dir_okay=False, path_type=Path),
        help="The translation memory file (SQLite).",
        **kwargs,
    )


@click.group("tm")
def tm_group() -> None:
    """Translation memory: the team's approved sentences, reused by `run --memory` before MT.

    \b
    Example:
      localize tm import reviewed.xlf -m team.tm
      localize run weibo-zh-en posts.jsonl --memory team.tm -o out.jsonl
    """


def _records(path: str, fmt: str) -> Iterator[dict[str, Any]]:
    from localize.io.results import read_results

    for item in read_results([path], fmt=fmt):
        if isinstance(item, dict):
            yield item
        else:
            click.echo(f"{item.path}:{item.line}: skipped: {item.error}", err=True)


@tm_group.command("import")
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False))
@_memory_option()
@click.option(
    "--input-format",
    type=click.Choice(["tmx", "xliff", "jsonl", "po"]),
    help="Format of FILES (default: by extension: .tmx, .xlf/.xliff, .jsonl, .po).",
)
@click.option(
    "--all",
    "everything",
    is_flag=True,
    help="XLIFF/JSONL: import every translated sentence, not only those an editor changed.",
)
@click.option("--source-locale", help="Locale of the sources when a file does not say.")
@click.option("--target-locale", help="Locale of the translations when a file does not say.")
@click.option("--author", default=None, help="Who approved them (default: your user name).")
def tm_import(
    files: tuple[str, ...],
    memory: Path,
    input_format: str | None,
    everything: bool,
    source_locale: str | None,
    target_locale: str | None,
    author: str | None,
) -> None:
    """Store the approved translations of FILES in the memory (created when missing).

    From an XLIFF file written by `localize run -o out.xlf` and edited in a CAT tool or text
    editor, the sentences whose target the editor changed (all of them with --all); from a
    `localize run` JSONL output, the same; from a PO file, every translated entry that is not
    fuzzy; from TMX 1.4b, every unit. A sentence already in the memory takes the newer
    translation.

    \b
    Example:
      localize tm import reviewed.xlf -m team.tm
      localize tm import agency.tmx -m team.tm
    """
    from localize.tm import TranslationMemory
    from localize.tm.exchange import entries_from_records, read_tmx

    who = author or getpass.getuser()
    with TranslationMemory(memory) as tm:
        for name in files:
            unlocated: list[str] = []
            fmt = input_format or _format_of(name)
            if fmt == "tmx":
                entries = read_tmx(name, origin=Path(name).name, author=who)
            else:
                entries = entries_from_records(
                    _records(name, fmt),
                    origin=Path(name).name,
                    author=who,
                    source_locale=source_locale,
                    target_locale=target_locale,
                    everything=everything,
                    unlocated=unlocated,
                )
            count = tm.add(entries)
            click.echo(f"{name}: {count} sentence(s) imported into {memory}", err=True)
            if unlocated:
                click.echo(
                    f"{name}: {len(unlocated)} post(s) skipped: the file does not say their"
                    f" locales (first: {unlocated[0]}); give --source-locale/--target-locale",
                    err=True,
                )


def _format_of(name: str) -> str:
    suffix = Path(name).suffix.lower()
    formats = {".tmx": "tmx", ".xlf": "xliff", ".xliff": "xliff", ".jsonl": "jsonl", ".po": "po"}
    if suffix not in formats:
        raise InputError(
            f"cannot tell the format of {suffix or 'a file without extension'}",
            path=name,
            hint="Give --input-format tmx|xliff|jsonl|po.",
        )
    return formats[suffix]


@tm_group.command("export")
@_memory_option()
@click.option("-o", "--output", required=True, help="TMX file to write.")
def tm_export(memory: Path, output: str) -> None:
    """Write the whole memory as TMX 1.4b (entities as <ph>, glossary terms as <hi>).

    \b
    Example:
      localize tm export -m team.tm -o team.tmx
    """
    from localize.tm import TranslationMemory
    from localize.tm.exchange import write_tmx

    with TranslationMemory(memory, readonly=True) as tm:
        count = write_tmx(tm.entries(), output)
    click.echo(f"{count} translation unit(s) written to {output}", err=True)


@tm_group.command("stats")
@_memory_option()
@click.option(
    "--output-format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="Report format.",
)
def tm_stats(memory: Path, output_format: str) -> None:
    """Count the memory's sentences per language pair.

    \b
    Example:
      localize tm stats -m team.tm
    """
    import json

    from localize.tm import TranslationMemory

    with TranslationMemory(memory, readonly=True) as tm:
        stats = tm.stats()
    if output_format == "json":
        pairs = [{"source": s, "target": t, "sentences": n} for (s, t), n in stats.items()]
        click.echo(json.dumps({"memory": str(memory), "pairs": pairs}, ensure_ascii=False))
        return
    click.echo(f"{memory}: {sum(stats.values())} sentence(s)")
    for (source, target), count in stats.items():
        click.echo(f"  {source} -> {target}: {count}")
