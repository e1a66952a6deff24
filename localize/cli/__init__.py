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


# What `localize --help` lists for each command, so that listing them imports none of them
# (tests/cli/test_help.py holds this to each command's own first docstring line).
SHORT_HELP = {
    "run": "Run PIPELINE (a YAML file or a built-in name) over INPUT files of posts.",
    "pipelines": "List, show and validate pipelines.",
    "convert": (
        "Convert TEXTS, a file or stdin between Simplified and Traditional Chinese, line by line."
    ),
    "segment": "Segment Chinese TEXTS (or stdin lines) into words with jieba; entities stay whole.",
    "translate": "Translate TEXTS (or each stdin line) with Weibo entities protected.",
    "check": "Check localized posts: terms, entities, numbers, placeholders, script, punctuation.",
    "glossary": "Check, convert, search and grow glossaries.",
    "models": "Install, list and remove Argos Translate packages (the MT models).",
    "tm": "Translation memory: the team's approved sentences, reused by `run --memory` before MT.",
    "report": (
        "Turn `localize run` outputs (JSONL, or XLIFF read back) into a review page or XLIFF."
    ),
}


class LocalizeGroup(click.Group):
    """The root group: lazy subcommands, and LocalizeError turned into ``Error: ...`` and exit
    code 2 (or the error's own) in this one place."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """As click lists commands, from :data:`SHORT_HELP` instead of importing each one."""
        if self is not main:
            super().format_commands(ctx, formatter)
            return
        rows = []
        width = formatter.width - 6 - max(len(name) for name in COMMANDS)
        for name in self.list_commands(ctx):
            short = SHORT_HELP.get(name)
            if short is None:  # a command without an entry: import it to ask
                command = self.get_command(ctx, name)
                short = command.get_short_help_str(1000) if command else ""
            # Shortened as click shortens a command's own help.
            rows.append((name, click.Command(name, help=short).get_short_help_str(width)))
        with formatter.section("Commands"):
            formatter.write_dl(rows)

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
