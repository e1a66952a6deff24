"""Options that several commands share, spelt the same way everywhere.

The vocabulary (checked for every command by ``tests/cli/test_conventions.py``):
``-o/--output``, ``--input-format``, ``--output-format``, ``-g/--glossary`` (repeatable),
``-p/--pipeline``, ``-q/--quiet``, ``--encoding``, ``--jobs``,
``--source-locale``/``--target-locale``.
Spellings used before it are kept for one release as hidden :func:`renamed` aliases that warn.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

# Format names as the libraries define them, spelt out here so that `--help` imports no
# library module (tests/cli/test_help.py holds them equal).
INPUT_FORMATS = ("jsonl", "csv", "tsv", "text", "xliff", "xliff2", "po", "markdown")
OUTPUT_FORMATS = ("jsonl", "csv", "tsv", "xliff", "xliff2", "po", "markdown", "html")
REPORT_FORMATS = ("text", "json", "junit", "github", "html")
GLOSSARY_READ_FORMATS = ("yaml", "csv", "tbx")
GLOSSARY_WRITE_FORMATS = ("yaml", "csv", "tbx", "jieba")
MAX_CHARS = 100_000  # localize.io.readers.DEFAULT_MAX_CHARS

# Usual names of the text column of a CSV/TSV export, tried in order when --text-column is
# not given (Weibo exports: 微博正文; Chinese tools: 正文, 内容).
TEXT_COLUMNS = ("text", "content", "微博正文", "正文", "内容")


def glossary_option(help: str) -> Callable[[Any], Any]:
    """``-g/--glossary FILE``, repeatable, passed to the command as ``glossaries``."""
    return click.option(
        "-g",
        "--glossary",
        "glossaries",
        multiple=True,
        type=click.Path(exists=True, dir_okay=False, path_type=Path),
        help=help,
    )


def encoding_option() -> Callable[[Any], Any]:
    """``--encoding NAME`` for commands that read text files."""
    return click.option(
        "--encoding",
        default=None,
        help="Encoding of the input files, e.g. gb18030 (default: UTF-8, or as a BOM says).",
    )


def text_column_option() -> Callable[[Any], Any]:
    return click.option(
        "--text-column",
        default=None,
        help=f"CSV/TSV column with the text (default: the first of {', '.join(TEXT_COLUMNS)}).",
    )


class RenamedOption(click.Option):
    """A spelling that was renamed: hidden from help, still accepted for one release, with a
    warning on stderr naming the new spelling. It stores into the new option's parameter."""

    def __init__(self, decls: list[str], *, dest: str, replacement: str, **kwargs: Any) -> None:
        self.dest = dest
        self.replacement = replacement
        super().__init__(
            decls,
            hidden=True,
            expose_value=False,
            callback=self._store,
            help=f"Renamed: use {replacement}.",
            **kwargs,
        )

    def _store(self, ctx: click.Context, param: click.Parameter, value: Any) -> None:
        source = ctx.get_parameter_source(param.name or "")
        if source is not click.core.ParameterSource.COMMANDLINE or ctx.resilient_parsing:
            return
        spelling = "/".join(self.opts)
        click.echo(f"Warning: {spelling} is renamed; use {self.replacement}.", err=True)
        # The new option sees its slot taken by a value set outside click's own bookkeeping
        # and leaves it (click >= 8.5 arbitrates parameters that share a slot).
        ctx.params[self.dest] = value


def renamed(
    *decls: str, dest: str, replacement: str, **kwargs: Any
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """A hidden alias for an option's old spelling (see :class:`RenamedOption`). Options with
    a ``flag_value`` are flags (``--json`` -> ``--output-format json``)."""
    if "flag_value" in kwargs:
        kwargs.setdefault("is_flag", True)
    name = "renamed_" + decls[-1].lstrip("-").replace("-", "_")
    return click.option(
        *decls, name, cls=RenamedOption, dest=dest, replacement=replacement, **kwargs
    )


def normalize_locale_option(ctx: click.Context, param: click.Parameter, value: str | None) -> Any:
    """Click callback: a locale option's value through the one locale model (``zh-TW`` ->
    ``zh-Hant-TW``); an unknown tag is an error that lists the supported ones."""
    if value is None:
        return None
    from localize.text.locales import normalize_locale

    return normalize_locale(value, key=param.opts[0] if param.opts else param.name)


def input_format_option(*, old_spelling: str | None = None) -> Callable[[Any], Any]:
    """``--input-format NAME`` (a reader of the format registry), passed as ``input_format``;
    ``old_spelling`` (e.g. ``--format``) is kept as a hidden :func:`renamed` alias."""
    choice = click.Choice(INPUT_FORMATS)

    def decorate(func: Any) -> Any:
        func = click.option(
            "--input-format",
            "input_format",
            type=choice,
            help="Format of the input files (default: by extension).",
        )(func)
        if old_spelling is not None:
            func = renamed(
                old_spelling, dest="input_format", replacement="--input-format", type=choice
            )(func)
        return func

    return decorate
