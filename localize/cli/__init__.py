"""The ``localize`` command line: thin click commands over the library.

Library errors (:class:`localize.errors.LocalizeError`) become a message on stderr and their
exit code in one place, :class:`LocalizeGroup`; commands themselves catch nothing.
"""

from __future__ import annotations

from typing import Any

import click

from localize import __version__
from localize.errors import LocalizeError


class LocalizeGroup(click.Group):
    """A click group that turns LocalizeError into ``Error: ...`` and exit code 2 (or its own)."""

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


def _register() -> None:
    from localize.cli import run as run_cli

    main.add_command(run_cli.run_command)
    main.add_command(run_cli.pipelines_group)
    main.add_command(run_cli.convert_command)
    main.add_command(run_cli.segment_command)


_register()
