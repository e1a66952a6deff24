"""The ``localize`` command line: thin click commands over the library.

Library errors (:class:`localize.errors.LocalizeError`) become a message on stderr and their
exit code in one place, :class:`LocalizeGroup`; commands themselves catch nothing.
"""

from __future__ import annotations

import importlib
from typing import Any

import click

from localize.errors import LocalizeError
from localize.version import __version__

# Subcommands are imported only when used (click's documented lazy-group pattern), so that
# `localize check` starts fast and never imports the machine-translation stack.
COMMANDS = {
    "run": "localize.cli.run:run_command",
    "pipelines": "localize.cli.run:pipelines_group",
    "convert": "localize.cli.run:convert_command",
    "segment": "localize.cli.run:segment_command",
    "translate": "localize.cli.models:translate_command",
    "check": "localize.cli.check:check_command",
    "glossary": "localize.cli.glossary:glossary_group",
    "models": "localize.cli.models:models_group",
    "tm": "localize.cli.tm:tm_group",
    "report": "localize.cli.report:report_command",
}


class LocalizeGroup(click.Group):
    """The root group: lazy subcommands, and LocalizeError turned into ``Error: ...`` and exit
    code 2 (or the error's own) in this one place."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = COMMANDS.get(cmd_name)
        if target is None:
            return None
        module_name, _, attr = target.partition(":")
        command: click.Command = getattr(importlib.import_module(module_name), attr)
        return command

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except LocalizeError as exc:
            click.echo(f"Error: {exc}", err=True)
            ctx.exit(exc.exit_code)


@click.group(cls=LocalizeGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="localize")
def main() -> None:
    """Localize Weibo posts between Chinese and English with YAML pipelines.

    \b
    Example:
      localize run pipelines/weibo-zh-tw.yaml examples/posts-zh.jsonl -o out.jsonl
    """
