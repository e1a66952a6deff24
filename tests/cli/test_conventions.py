"""One flag vocabulary across every command (see localize/cli/options.py), checked by walking
every click command the root group lists, so commands added later are held to it too."""

from __future__ import annotations

import shlex

import click
import pytest

from localize.cli import main
from localize.cli.options import RenamedOption

# Short spellings that mean one thing everywhere, and their long forms.
SHORT = {
    "-o": "--output",
    "-g": "--glossary",
    "-p": "--pipeline",
    "-q": "--quiet",
    "-c": "--opencc-config",
    "-j": "--jobs",
    "-h": "--help",
}
# Old spellings that may live on only as hidden renamed aliases.
RETIRED = {"--json", "--format", "-f", "--config", "--from-format", "--to-format"}
FORMAT_OPTIONS = {"--input-format", "--output-format"}
LOCALE_OPTIONS = {"--source-locale", "--target-locale"}
# `translate` keeps --from/--to as the short spelling of the locale options.
LOCALE_SHORTHANDS = {"--from": "--source-locale", "--to": "--target-locale"}


def _walk(group: click.Group, path: list[str]) -> list[tuple[list[str], click.Command]]:
    ctx = click.Context(group)
    found: list[tuple[list[str], click.Command]] = []
    for name in group.list_commands(ctx):
        command = group.get_command(ctx, name)
        assert command is not None, name
        found.append(([*path, name], command))
        if isinstance(command, click.Group):
            found.extend(_walk(command, [*path, name]))
    return found


COMMANDS = _walk(main, [])
IDS = [" ".join(path) for path, _ in COMMANDS]


def _options(command: click.Command) -> list[click.Option]:
    return [p for p in command.params if isinstance(p, click.Option)]


@pytest.mark.parametrize(("path", "command"), COMMANDS, ids=IDS)
def test_every_option_follows_the_vocabulary(path: list[str], command: click.Command) -> None:
    where = f"localize {' '.join(path)}"
    for option in _options(command):
        names = [*option.opts, *option.secondary_opts]
        if option.hidden:
            continue
        assert option.help, f"{where}: {'/'.join(names)} has no help text"
        for name in names:
            assert name not in RETIRED, f"{where}: {name} is retired (see options.py)"
            if name in SHORT:
                assert SHORT[name] in names, f"{where}: {name} must be {SHORT[name]}"
            if name in SHORT.values():
                short = next(k for k, v in SHORT.items() if v == name)
                assert short in names or name in ("--opencc-config", "--jobs"), (
                    f"{where}: {name} needs its short form {short}"
                )
            if name.endswith("-format"):
                assert name in FORMAT_OPTIONS, f"{where}: {name}: use --input/--output-format"
            if "locale" in name:
                assert name in LOCALE_OPTIONS, f"{where}: {name}: use --source/--target-locale"
            if name in LOCALE_SHORTHANDS:
                assert LOCALE_SHORTHANDS[name] in names, f"{where}: {name} is not a locale"
        if "--glossary" in names:
            assert option.multiple, f"{where}: --glossary must be repeatable"
        if option.name in ("encoding", "jobs", "output", "quiet", "pipeline", "glossaries"):
            expected = {"glossaries": "--glossary"}.get(option.name, f"--{option.name}")
            assert expected in names, f"{where}: {option.name} must be spelt {expected}"


@pytest.mark.parametrize(("path", "command"), COMMANDS, ids=IDS)
def test_hidden_options_are_renamed_aliases_that_warn(
    path: list[str], command: click.Command
) -> None:
    visible = {n for o in _options(command) if not o.hidden for n in o.opts}
    params = {p.name for p in command.params}
    for option in _options(command):
        if not option.hidden:
            continue
        where = f"localize {' '.join(path)} {'/'.join(option.opts)}"
        assert isinstance(option, RenamedOption), f"{where}: hidden but not a renamed alias"
        assert option.dest in params, f"{where}: stores into unknown parameter {option.dest}"
        new = option.replacement.split()[0].split("/")[-1]
        assert new in visible, f"{where}: its replacement {new} is not an option"


@pytest.mark.parametrize(("path", "command"), COMMANDS, ids=IDS)
def test_help_has_an_example_that_uses_current_flags(
    path: list[str], command: click.Command
) -> None:
    where = f"localize {' '.join(path)}"
    text = command.help or ""
    assert "Example:" in text, f"{where}: no example in its help"
    examples = text.split("Example:", 1)[1].replace("\\\n", " ")
    by_path = {tuple(p): c for p, c in COMMANDS}
    for line in examples.splitlines():
        line = line.strip().split(" | ")[-1]
        if not line.startswith("localize "):
            continue
        words = shlex.split(line)[1:]
        target, depth = command, 0
        for i in range(len(words)):  # the longest command path the line names
            if tuple(words[: i + 1]) in by_path:
                target, depth = by_path[tuple(words[: i + 1])], i + 1
        known = {n for o in _options(target) if not o.hidden for n in [*o.opts, *o.secondary_opts]}
        known |= {"--help", "-h"}
        for word in words[depth:]:
            if word.startswith("-") and word != "-":
                assert word.split("=")[0] in known, f"{where}: example uses {word}: {line}"


def test_the_walk_sees_every_command() -> None:
    assert {"run", "check", "glossary suggest", "models install", "pipelines show"} <= set(IDS)
