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
