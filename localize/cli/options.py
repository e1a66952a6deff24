"""Options that several commands share, spelt the same way everywhere."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import click


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


def normalize_locale_option(ctx: click.Context, param: click.Parameter, value: str | None) -> Any:
    """Click callback: a locale option's value through the one locale model (``zh-TW`` ->
    ``zh-Hant-TW``); an unknown tag is an error that lists the supported ones."""
    if value is None:
        return None
    from localize.text.locales import normalize_locale

    return normalize_locale(value, key=param.opts[0] if param.opts else param.name)


def input_format_option(*, old_spelling: str | None = None) -> Callable[[Any], Any]:
    """``--input-format NAME`` (a reader of the format registry), passed as ``input_format``;
    ``old_spelling`` (e.g. ``--format``) is accepted too but not shown in the help."""
    from localize.io.formats import input_formats

    choice = click.Choice(input_formats())

    def remember(ctx: click.Context, param: click.Parameter, value: str | None) -> None:
        if value is not None:
            ctx.meta["localize.old_input_format"] = value

    def merge(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
        # Options given on the command line are processed first, so the old spelling is known.
        return value if value is not None else ctx.meta.get("localize.old_input_format")

    def decorate(func: Any) -> Any:
        func = click.option(
            "--input-format",
            "input_format",
            type=choice,
            callback=merge,
            help="Format of the input files (default: by extension).",
        )(func)
        if old_spelling is not None:
            func = click.option(
                old_spelling, type=choice, hidden=True, expose_value=False, callback=remember
            )(func)
        return func

    return decorate
