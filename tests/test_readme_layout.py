"""The README's layout table names every step, check and input format where its code lives."""

from __future__ import annotations

import importlib
from pathlib import Path

from localize.io.formats import FORMATS
from localize.qa.base import all_checks
from localize.registry import STEPS

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
TABLE = README[README.index("Where each thing lives") :]
TABLE = TABLE[: TABLE.index("\n\n", TABLE.index("| name |"))]


def test_every_step_check_and_format_is_in_the_table() -> None:
    for name in [*STEPS, *all_checks(), *FORMATS]:
        assert f"`{name}`" in TABLE, name


def test_every_check_row_points_at_the_module_that_defines_it() -> None:
    for check in all_checks().values():
        if check.func is None:
            continue
        row = next(line for line in TABLE.splitlines() if f"`{check.id}`" in line)
        path = check.func.__module__.replace(".", "/") + ".py"
        assert f"`{path}`" in row, (check.id, path)


def test_every_step_module_exists() -> None:
    for target in STEPS.values():
        importlib.import_module(target.partition(":")[0])
