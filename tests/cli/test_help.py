"""Every command is documented and shows an example."""

from __future__ import annotations

import click
from click.testing import CliRunner

from localize.cli import main


def _commands(group: click.Group, prefix: list[str]) -> list[list[str]]:
    found = [prefix]
    ctx = click.Context(group)
    for name in group.list_commands(ctx):
        command = group.get_command(ctx, name)
        assert command is not None, name
        if isinstance(command, click.Group):
            found.extend(_commands(command, [*prefix, name]))
        else:
            found.append([*prefix, name])
    return found


def test_every_command_has_help_with_an_example(runner: CliRunner) -> None:
    commands = _commands(main, [])
    assert ["run"] in commands and ["pipelines", "validate"] in commands
    for path in commands:
        result = runner.invoke(main, [*path, "--help"])
        assert result.exit_code == 0, path
        assert "Example:" in result.output, f"`localize {' '.join(path)}` --help has no example"
