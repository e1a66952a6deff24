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


# What a help screen may import: click and the CLI's own thin modules. Every library module
# (pipeline, steps, glossary, qa, mt, io) and every heavy dependency waits for a real run.
_PROBE = """
import json, sys
from localize.cli import main
try:
    main(sys.argv[1:], prog_name="localize")
except SystemExit:
    pass
print(json.dumps(sorted(sys.modules)), file=sys.stderr)
"""
HEAVY = {
    "yaml", "regex", "jieba", "opencc", "daachorse", "ctranslate2", "sentencepiece", "numpy",
    "argostranslate", "tqdm", "defusedxml", "packaging", "platformdirs", "sqlite3", "ssl",
}  # fmt: skip


def _imported(*args: str) -> tuple[set[str], set[str]]:
    import json
    import subprocess
    import sys

    out = subprocess.run(
        [sys.executable, "-c", _PROBE, *args], capture_output=True, text=True, check=True
    )
    modules = set(json.loads(out.stderr.strip().splitlines()[-1]))
    return {m for m in modules if m.startswith("localize")}, {m.split(".")[0] for m in modules}


def test_root_help_imports_no_command() -> None:
    ours, top = _imported("--help")
    assert ours == {"localize", "localize.cli", "localize.errors", "localize.version"}
    assert not top & HEAVY


def test_command_help_imports_only_the_cli() -> None:
    for path in _commands(main, [])[1:]:
        ours, top = _imported(*path, "--help")
        library = {m for m in ours if not m.startswith("localize.cli")}
        assert library <= {"localize", "localize.errors", "localize.version"}, (path, library)
        assert not top & HEAVY, (path, top & HEAVY)


def test_the_root_lists_each_command_with_its_own_summary() -> None:
    from localize.cli import COMMANDS, SHORT_HELP

    assert set(SHORT_HELP) == set(COMMANDS)
    ctx = click.Context(main)
    for name, short in SHORT_HELP.items():
        command = main.get_command(ctx, name)
        assert command is not None
        assert short == command.get_short_help_str(1000), name


def test_choices_spelt_out_for_help_match_the_libraries() -> None:
    from localize.cli import options
    from localize.glossary import READ_FORMATS, WRITE_FORMATS
    from localize.io.formats import input_formats, output_formats
    from localize.io.readers import DEFAULT_MAX_CHARS, TEXT_COLUMNS
    from localize.qa import FORMATS as QA_FORMATS

    assert list(options.INPUT_FORMATS) == input_formats()
    assert list(options.OUTPUT_FORMATS) == output_formats()
    assert options.REPORT_FORMATS == QA_FORMATS
    assert options.GLOSSARY_READ_FORMATS == READ_FORMATS
    assert options.GLOSSARY_WRITE_FORMATS == WRITE_FORMATS
    assert options.MAX_CHARS == DEFAULT_MAX_CHARS
    assert options.TEXT_COLUMNS == TEXT_COLUMNS
