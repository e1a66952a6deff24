from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from localize.errors import ModelError
from localize.mt import packages
from localize.mt.packages import (
    argos_code,
    find_package,
    install_file,
    installed_packages,
    packages_dir,
    remove,
    validate_archive,
)
from localize.testing.fixtures import *  # noqa: F403


def _rezip(src: Path, dest: Path, edit: dict[str, bytes | None], extra: dict[str, bytes]) -> Path:
    """Copy an archive, replacing (bytes) or dropping (None) members and adding ``extra``."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dest, "w") as zout:
        for info in zin.infolist():
            if info.filename in edit:
                data = edit[info.filename]
                if data is not None:
                    zout.writestr(info.filename, data)
            else:
                zout.writestr(info, zin.read(info))
        for name, data in extra.items():
            zout.writestr(name, data)
    return dest


def _top(archive: Path) -> str:
    with zipfile.ZipFile(archive) as zf:
        return zf.namelist()[0].split("/")[0]


def test_packages_dir_follows_argos_settings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("ARGOS_PACKAGES_DIR", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    assert packages_dir() == tmp_path / "data" / "argos-translate" / "packages"
    settings = tmp_path / "config" / "argos-translate" / "settings.json"
    settings.parent.mkdir(parents=True)
    settings.write_text(json.dumps({"ARGOS_PACKAGES_DIR": str(tmp_path / "from-json")}))
    assert packages_dir() == tmp_path / "from-json"
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(tmp_path / "from-env"))
    assert packages_dir() == tmp_path / "from-env"


def test_argos_sees_the_same_directory(tmp_path: Path) -> None:
    # argostranslate.settings reads its environment at import: check it in a fresh interpreter.
    import os
    import subprocess
    import sys

    env = {**os.environ, "ARGOS_PACKAGES_DIR": str(tmp_path / "p"), "HOME": str(tmp_path)}
    code = "from argostranslate import settings; print(settings.package_data_dir)"
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert out.stdout.strip() == str(tmp_path / "p")


@pytest.mark.parametrize(
    ("locale", "code"),
    [("zh-Hans", "zh"), ("zh", "zh"), ("zh-Hant", "zt"), ("zh-Hant-TW", "zt"), ("en-GB", "en")],
)
def test_argos_codes(locale: str, code: str) -> None:
    assert argos_code(locale) == code


def test_install_list_find_remove(argos_home: Path, copy_zh_en_file: Path) -> None:
    assert installed_packages() == []
    info = install_file(copy_zh_en_file)
    assert info.path == argos_home / _top(copy_zh_en_file)
    assert [p.name for p in installed_packages()] == [info.name]
    assert find_package("zh", "en").path == info.path
    assert find_package("zh", "en", model=info.name).path == info.path
    assert info.summary()["tokenizer"] == "sentencepiece.model"
    # Argos itself can read what we installed.
    from argostranslate.package import Package

    assert Package(info.path).to_code == "en"
    remove(info.name)
    assert installed_packages() == []
    assert list(argos_home.iterdir()) == []


def test_a_package_installed_the_argos_way_is_found(
    argos_home: Path, copy_zh_en_file: Path
) -> None:
    # What argostranslate.package.install_from_path does: extract into the packages dir.
    argos_home.mkdir(parents=True)
    with zipfile.ZipFile(copy_zh_en_file) as zf:
        zf.extractall(argos_home)
    assert find_package("zh", "en").name == _top(copy_zh_en_file)


def test_missing_pair_names_the_install_command(argos_home: Path) -> None:
    with pytest.raises(ModelError) as err:
        find_package("en", "zh")
    assert "localize models install en zh" in str(err.value)


def test_unknown_pinned_model(copy_zh_en: packages.PackageInfo) -> None:
    with pytest.raises(ModelError, match="model 'nope' is not installed"):
        find_package("zh", "en", model="nope")


def test_reinstall_replaces_in_place(
    copy_zh_en: packages.PackageInfo, copy_zh_en_file: Path
) -> None:
    again = install_file(copy_zh_en_file)
    assert again.path == copy_zh_en.path
    assert len(installed_packages()) == 1
    assert not [p for p in copy_zh_en.path.parent.iterdir() if p.name.startswith(".")]


BAD_CASES = {
    "not-zip": "not a zip archive",
    "two-tops": "expected one top folder",
    "traversal": "escapes the package folder",
    "absolute": "escapes the package folder",
    "no-metadata": "metadata.json is missing",
    "bad-json": "is not valid JSON",
    "missing-keys": "metadata.json lacks from_code",
    "no-model": "not a CTranslate2 model",
    "no-tokenizer": "no tokenizer",
    "corrupt": "corrupt",
}


@pytest.mark.parametrize("case", sorted(BAD_CASES))
def test_invalid_archives_are_refused_and_change_nothing(
    case: str, tmp_path: Path, copy_zh_en: packages.PackageInfo, copy_zh_en_file: Path
) -> None:
    top = _top(copy_zh_en_file)
    bad = tmp_path / f"{case}.argosmodel"
    if case == "not-zip":
        bad.write_bytes(b"this is not a zip file")
    elif case == "two-tops":
        _rezip(copy_zh_en_file, bad, {}, {"other/readme.txt": b"x"})
    elif case == "traversal":
        _rezip(copy_zh_en_file, bad, {}, {f"{top}/../../evil.txt": b"x"})
    elif case == "absolute":
        _rezip(copy_zh_en_file, bad, {}, {"/etc/evil.txt": b"x"})
    elif case == "no-metadata":
        _rezip(copy_zh_en_file, bad, {f"{top}/metadata.json": None}, {})
    elif case == "bad-json":
        _rezip(copy_zh_en_file, bad, {f"{top}/metadata.json": b"{not json"}, {})
    elif case == "missing-keys":
        meta = json.dumps({"package_version": "1", "argos_version": "1", "to_code": "en"})
        _rezip(copy_zh_en_file, bad, {f"{top}/metadata.json": meta.encode()}, {})
    elif case == "no-model":
        _rezip(copy_zh_en_file, bad, {f"{top}/model/model.bin": None}, {})
    elif case == "no-tokenizer":
        _rezip(copy_zh_en_file, bad, {f"{top}/sentencepiece.model": None}, {})
    elif case == "corrupt":
        data = bytearray(copy_zh_en_file.read_bytes())
        # Flip bytes inside the first member's compressed data (after its local header).
        for i in range(200, 260):
            data[i] ^= 0xFF
        bad.write_bytes(bytes(data))
    before = sorted(p.name for p in copy_zh_en.path.parent.iterdir())
    model_bytes = (copy_zh_en.path / "model" / "model.bin").read_bytes()
    with pytest.raises(ModelError) as err:
        install_file(bad)
    message = str(err.value)
    assert BAD_CASES[case] in message
    assert "nothing was installed" in message and str(bad) in message
    assert sorted(p.name for p in copy_zh_en.path.parent.iterdir()) == before
    assert (copy_zh_en.path / "model" / "model.bin").read_bytes() == model_bytes
    assert not (tmp_path.parent / "evil.txt").exists()


def test_validate_returns_top_and_metadata(copy_zh_en_file: Path) -> None:
    top, meta = validate_archive(copy_zh_en_file)
    assert top == _top(copy_zh_en_file)
    assert (meta["from_code"], meta["to_code"]) == ("zh", "en")


def test_remove_unknown_package(argos_home: Path) -> None:
    with pytest.raises(ModelError, match="no installed package named 'x'"):
        remove("x")
