"""Issue 11, cases 11 and 12: zip bombs and broken models in ``.argosmodel`` packages.

Every hostile archive is made at test time from the generated copy model.
"""

from __future__ import annotations

import os
import shutil
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from localize.cli import main
from localize.mt.packages import installed_packages
from localize.testing.fixtures import *  # noqa: F403


def _variant(src: Path, dest: Path, replace: dict[str, bytes], extra: dict[str, bytes]) -> Path:
    """A copy of ``src`` with members replaced (by name under the top folder) or added."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as zout:
        top = zin.namelist()[0].split("/")[0]
        for info in zin.infolist():
            name = info.filename.split("/", 1)[1]
            data = replace.get(name, zin.read(info))
            zout.writestr(info.filename, data, compress_type=zipfile.ZIP_DEFLATED)
        for name, data in extra.items():
            zout.writestr(f"{top}/{name}", data, compress_type=zipfile.ZIP_DEFLATED)
    return dest


def _install(path: Path) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["models", "install", str(path)])
    return result.exit_code, result.stderr


def test_a_zip_bomb_is_refused_before_anything_is_unpacked(
    argos_home: Path, copy_zh_en_file: Path, tmp_path: Path
) -> None:
    bomb = _variant(
        copy_zh_en_file, tmp_path / "bomb.argosmodel", {}, {"model/padding.bin": bytes(40 << 20)}
    )
    assert bomb.stat().st_size < 1 << 20  # 40 MiB of zeros deflate to ~40 KiB
    code, err = _install(bomb)
    assert code == 2
    assert "padding.bin" in err and "like a zip bomb" in err and str(bomb) in err
    assert installed_packages() == []
    assert not argos_home.exists() or not [p for p in argos_home.iterdir()]


def test_a_package_over_the_size_limit_is_refused(
    argos_home: Path, copy_zh_en_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LOCALIZE_MAX_PACKAGE_BYTES", "1000000")
    code, err = _install(copy_zh_en_file)
    assert code == 2 and "unpacks to more than 1,000,000 bytes" in err
    assert "LOCALIZE_MAX_PACKAGE_BYTES" in err
    monkeypatch.setenv("LOCALIZE_MAX_PACKAGE_BYTES", str(10 << 20))
    assert _install(copy_zh_en_file)[0] == 0


@pytest.mark.parametrize(
    ("member", "data", "problem"),
    [
        ("sentencepiece.model", b"", "sentencepiece.model is empty"),
        ("sentencepiece.model", os.urandom(4096), "sentencepiece.model cannot be loaded"),
        ("model/config.json", b"{not json", "model/config.json is unreadable"),
        ("model/model.bin", b"", "model/model.bin is empty"),
    ],
)
def test_a_package_with_a_broken_model_is_refused_at_install(
    argos_home: Path,
    copy_zh_en_file: Path,
    tmp_path: Path,
    member: str,
    data: bytes,
    problem: str,
) -> None:
    broken = _variant(copy_zh_en_file, tmp_path / "broken.argosmodel", {member: data}, {})
    code, err = _install(broken)
    assert code == 2, err
    assert problem in err and str(broken) in err and "nothing was installed" in err
    assert installed_packages() == []


def test_translate_names_a_broken_tokenizer_installed_by_other_means(
    argos_home: Path, copy_zh_en_file: Path
) -> None:
    # argospm (or a disk error) can leave a broken file in place; translate must say which.
    assert _install(copy_zh_en_file)[0] == 0
    (package,) = installed_packages()
    (package.path / "sentencepiece.model").write_bytes(b"garbage")
    result = CliRunner().invoke(main, ["translate", "--from", "zh", "--to", "en", "你好"])
    assert result.exit_code == 2
    assert "cannot load the tokenizer" in result.stderr
    assert str(package.path / "sentencepiece.model") in result.stderr
    shutil.rmtree(package.path)
