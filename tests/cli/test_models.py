from __future__ import annotations

import json
import socket
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from localize.cli import LocalizeGroup
from localize.cli.models import models_group, translate_command, translate_steps
from localize.mt.packages import PackageInfo, installed_packages
from localize.testing.fixtures import *  # noqa: F403


@click.group(cls=LocalizeGroup)
def cli() -> None:
    """Test root."""


cli.add_command(models_group)
cli.add_command(translate_command)


def _invoke(*args: str, input: str | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), input=input)
    return result.exit_code, result.stdout, result.stderr


def test_every_command_has_an_example() -> None:
    commands = [translate_command, models_group, *models_group.commands.values()]
    for command in commands:
        assert "Example:" in (command.help or ""), command.name


def test_list_when_nothing_is_installed(argos_home: Path) -> None:
    code, out, _ = _invoke("models", "list")
    assert code == 0
    assert out == (
        f"No packages installed in {argos_home}.\nInstall one with: localize models install zh en\n"
    )


def test_install_list_info_remove(argos_home: Path, copy_zh_en_file: Path) -> None:
    code, out, _ = _invoke("models", "install", str(copy_zh_en_file))
    assert code == 0
    [info] = installed_packages()
    assert out == f"Installed zh -> en 1.0 as {info.path}\n"
    code, out, _ = _invoke("models", "list")
    assert out == f"zh -> en  1.0      {info.name}\n"
    code, out, _ = _invoke("models", "list", "--output-format", "json")
    assert json.loads(out)[0]["name"] == info.name
    code, out, _ = _invoke("models", "info", info.name)
    assert code == 0
    assert f"model_id: {info.model_id}\n" in out
    assert "sentence_splitter: none (ours)\n" in out
    assert "placeholder_form: XQ{n}QX\n" in out
    files = out.split("files:\n")[1].splitlines()
    listed = {line.split()[0] for line in files}
    assert {"metadata.json", "model/model.bin", "sentencepiece.model"} <= listed
    size = (info.path / "metadata.json").stat().st_size
    assert any(line.split()[:2] == ["metadata.json", f"{size:,}"] for line in files)
    code, out, _ = _invoke("models", "remove", info.name)
    assert (code, out) == (0, f"Removed {info.name} (zh -> en 1.0)\n")
    assert installed_packages() == []


def test_install_a_broken_file_exits_2_and_says_why(argos_home: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.argosmodel"
    bad.write_bytes(b"nope")
    code, _, err = _invoke("models", "install", str(bad))
    assert code == 2
    assert err == (
        f"Error: ==> File {bad}\n=====> not a valid Argos package: not a zip archive; nothing "
        "was installed\n       Download the .argosmodel again, or check that it is an Argos "
        "Translate package.\n"
    )


def test_the_old_json_flag_still_works_and_warns(argos_home: Path, copy_zh_en_file: Path) -> None:
    _invoke("models", "install", str(copy_zh_en_file))
    code, out, err = _invoke("models", "list", "--json")
    assert code == 0
    assert json.loads(out)[0]["from"] == "zh"
    assert err == "Warning: --json is renamed; use --output-format json.\n"


def test_install_without_network_says_so_in_one_line(argos_home: Path) -> None:
    with socket.socket() as sock:  # a local port nothing listens on: refused at once
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    url = f"http://127.0.0.1:{port}/index.json"
    code, out, err = _invoke("models", "install", "zh", "en", "--index-url", url)
    assert (code, out) == (2, "")
    [line] = err.splitlines()
    assert line.startswith(f"Error: cannot read the Argos package index {url} (")
    assert line.endswith("run `localize models install FILE.argosmodel`")
    assert installed_packages() == []


def test_install_with_three_arguments_is_a_usage_error(argos_home: Path) -> None:
    code, _, err = _invoke("models", "install", "a", "b", "c")
    assert code == 2
    assert "give one .argosmodel file, or a FROM and a TO" in err


def test_translate_arguments_and_stdin(copy_zh_en: PackageInfo) -> None:
    code, out, _ = _invoke("translate", "--from", "zh", "--to", "en", "@小明 你好。[哈哈]")
    assert (code, out) == (0, "@小明 你好。[哈哈]\n")
    code, out, _ = _invoke(
        "translate", "--from", "zh", "--to", "en", "--no-cache", input="你好。\n再见。\n"
    )
    assert (code, out) == (0, "你好。\n再见。\n")


def test_translate_with_a_glossary_writes_the_approved_term(
    copy_zh_en: PackageInfo, tmp_path: Path
) -> None:
    glossary = tmp_path / "g.yaml"
    glossary.write_text(
        "name: g\nentries:\n  - id: montreal\n    terms:\n      en: Montreal\n"
        "      zh-Hans: 蒙特利尔\n",
        encoding="utf-8",
    )
    # The copy model echoes its input, so the term can only come from the glossary.
    code, out, _ = _invoke(
        "translate", "--from", "zh", "--to", "en", "--no-cache", "-g", str(glossary), "去蒙特利尔。"
    )
    assert (code, out) == (0, "去Montreal。\n")


def test_translate_without_a_model_names_the_install_command(argos_home: Path) -> None:
    code, _, err = _invoke("translate", "--from", "en", "--to", "zh", "Hello")
    assert code == 2
    assert "localize models install en zh" in err


@pytest.mark.parametrize(
    ("source", "target", "names"),
    [
        ("zh-Hans", "en", ["normalize", "protect", "translate", "restore"]),
        ("zh-Hant", "en", ["normalize", "protect", "convert", "translate", "restore"]),
        ("en", "zh-Hant-TW", ["normalize", "protect", "translate", "convert", "restore"]),
    ],
)
def test_translate_steps(source: str, target: str, names: list[str]) -> None:
    steps = translate_steps(source, target, {})
    assert [s if isinstance(s, str) else next(iter(s)) for s in steps] == names
