"""Argos Translate packages: where they live, which are installed, installing and removing them.

Packages live where Argos itself keeps them, so packages installed with ``argospm`` are found
and ours are visible to Argos. ``argostranslate.settings`` computes that directory once at import
time (and creates directories as a side effect), so :func:`packages_dir` applies the same rules
itself: ``ARGOS_PACKAGES_DIR`` from the environment, else from Argos's ``settings.json``, else
``$XDG_DATA_HOME/argos-translate/packages``.

Installing validates the archive before anything touches the installed set: one top folder, a
``metadata.json`` with the required keys, a CTranslate2 ``model/`` and a tokenizer, no member
escaping the folder, no links, sizes within a limit and no member compressed suspiciously well
(a zip bomb), CRCs intact. It extracts into a temporary folder next to the target, loads the
tokenizer and reads the model's config there, and renames it into place only then, so a corrupt
or hostile file leaves the installed set unchanged.
"""

from __future__ import annotations

import json
import os
import shutil
import stat
import tempfile
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from localize.errors import ModelError
from localize.text.locales import is_traditional, parse_locale

REQUIRED_METADATA = ("package_version", "argos_version", "from_code", "to_code")
TOKENIZER_FILES = ("sentencepiece.model", "bpe.model")
_TMP_PREFIX = ".localize-install-"
# A real package is ~100 MB; LOCALIZE_MAX_PACKAGE_BYTES raises the limit for bigger models.
DEFAULT_MAX_PACKAGE_BYTES = 4 * 1024**3
# Model weights barely compress (int8 or float: 1.1-1.5x; our generated test models ~25x);
# a deflate bomb reaches ~1,000x. Members under 1 MiB are left to the total limit.
MAX_COMPRESSION_RATIO = 200
_RATIO_MIN_BYTES = 1024**2


def argos_code(locale: str) -> str:
    """``zh-Hans`` -> ``zh``, ``zh-Hant-TW`` -> ``zt`` (Argos's Traditional), ``en-GB`` -> ``en``;
    a language outside our locale model is passed on as Argos's code for it (``fr``)."""
    found = parse_locale(locale)
    if found is None:
        return locale.lower().replace("_", "-").split("-")[0]
    if found == "en":
        return "en"
    return "zt" if is_traditional(found) else "zh"


def _home() -> Path:
    if "SNAP" in os.environ and "SNAP_USER_DATA" in os.environ:
        return Path(os.environ["SNAP_USER_DATA"])
    return Path.home()


def _argos_settings_file() -> Path:
    config = Path(os.environ.get("XDG_CONFIG_HOME", _home() / ".config"))
    return config / "argos-translate" / "settings.json"


def packages_dir() -> Path:
    """The directory Argos installs packages into (not created here)."""
    env = os.environ.get("ARGOS_PACKAGES_DIR")
    if env:
        return Path(env).expanduser()
    settings = _argos_settings_file()
    if settings.is_file():
        try:
            value = json.loads(settings.read_text("utf-8")).get("ARGOS_PACKAGES_DIR")
        except (OSError, ValueError, AttributeError):
            value = None
        if isinstance(value, str) and value:
            return Path(value).expanduser()
    data = Path(os.environ.get("XDG_DATA_HOME", _home() / ".local" / "share"))
    return data / "argos-translate" / "packages"


def search_dirs() -> list[Path]:
    """All directories Argos reads packages from (snap bundles included, as Argos does)."""
    dirs = [packages_dir()]
    snap = os.environ.get("SNAP")
    if snap:
        bundled = Path(snap) / "snap_custom" / "packages"
        if bundled.is_dir():
            dirs.append(bundled)
        content = Path(snap) / "snap_custom" / "content_snap_packages"
        if content.is_dir():
            dirs.extend(p for p in sorted(content.iterdir()) if p.is_dir())
    return dirs


class PackageMetadata:
    """What an Argos ``metadata.json`` says: an installed package's and an index entry's alike
    (installed ones are only read when they have every key of ``REQUIRED_METADATA``)."""

    metadata: dict[str, Any]

    @property
    def from_code(self) -> str:
        return str(self.metadata.get("from_code", ""))

    @property
    def to_code(self) -> str:
        return str(self.metadata.get("to_code", ""))

    @property
    def version(self) -> str:
        return str(self.metadata.get("package_version", ""))

    @property
    def type(self) -> str:
        return str(self.metadata.get("type", "translate"))


@dataclass(frozen=True)
class PackageInfo(PackageMetadata):
    """An installed package folder and its metadata."""

    path: Path
    metadata: dict[str, Any]

    @property
    def name(self) -> str:
        return self.path.name

    @property
    def model_id(self) -> str:
        """Stable id for provenance and cache keys: pair, version and folder name."""
        return f"argos:{self.from_code}-{self.to_code}@{self.version}/{self.name}"

    @property
    def model_dir(self) -> Path:
        return self.path / "model"

    @property
    def tokenizer_path(self) -> Path:
        for name in TOKENIZER_FILES:
            if (self.path / name).is_file():
                return self.path / name
        raise ModelError(f"package {self.name} has no tokenizer", path=self.path)

    @property
    def target_prefix(self) -> str:
        return str(self.metadata.get("target_prefix") or "")

    def summary(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "from": self.from_code,
            "to": self.to_code,
            "from_name": self.metadata.get("from_name", ""),
            "to_name": self.metadata.get("to_name", ""),
            "version": self.version,
            "argos_version": self.metadata.get("argos_version", ""),
            "type": self.type,
            "tokenizer": self.tokenizer_path.name,
            "path": str(self.path),
        }


def _read_package(folder: Path) -> PackageInfo | None:
    meta_path = folder / "metadata.json"
    try:
        metadata = json.loads(meta_path.read_text("utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(metadata, dict) or any(k not in metadata for k in REQUIRED_METADATA):
        return None
    return PackageInfo(folder, metadata)


def installed_packages() -> list[PackageInfo]:
    """Installed translation packages, sorted by pair and newest version first."""
    from packaging.version import InvalidVersion, Version

    found: list[PackageInfo] = []
    for directory in search_dirs():
        if not directory.is_dir():
            continue
        for folder in sorted(directory.iterdir()):
            if folder.name.startswith(_TMP_PREFIX) or not folder.is_dir():
                continue
            info = _read_package(folder)
            if info is not None and info.type == "translate":
                found.append(info)

    def newest_first(p: PackageInfo) -> tuple[str, str, Any]:
        try:
            v: Any = Version(p.version)
        except InvalidVersion:
            v = Version("0")
        return (p.from_code, p.to_code, _Reverse(v))

    return sorted(found, key=newest_first)


class _Reverse:
    def __init__(self, value: Any) -> None:
        self.value = value

    def __lt__(self, other: _Reverse) -> bool:
        return bool(other.value < self.value)


def install_hint(from_code: str, to_code: str) -> str:
    return (
        f"Run `localize models install {from_code} {to_code}` (downloads from the Argos index), "
        f"or `localize models install FILE.argosmodel` for a package you already have."
    )


def find_package(from_code: str, to_code: str, model: str | None = None) -> PackageInfo:
    """The installed package for a pair; ``model`` pins a folder name or ``version``."""
    candidates = [
        p for p in installed_packages() if (p.from_code, p.to_code) == (from_code, to_code)
    ]
    if model:
        pinned = [p for p in installed_packages() if model in (p.name, str(p.path))]
        pinned = pinned or [p for p in candidates if p.version == model]
        if not pinned:
            have = ", ".join(p.name for p in installed_packages()) or "none"
            raise ModelError(
                f"model {model!r} is not installed (installed: {have})",
                hint=install_hint(from_code, to_code),
            )
        return pinned[0]
    if not candidates:
        raise ModelError(
            f"no Argos package for {from_code} -> {to_code} is installed in {packages_dir()}",
            hint=install_hint(from_code, to_code),
        )
    return candidates[0]


def get_package(name: str) -> PackageInfo:
    for p in installed_packages():
        if name in (p.name, str(p.path)):
            return p
    have = ", ".join(p.name for p in installed_packages()) or "none"
    raise ModelError(
        f"no installed package named {name!r} (installed: {have})",
        hint="See `localize models list`.",
    )


def _bad(archive: Path, why: str) -> ModelError:
    return ModelError(
        f"not a valid Argos package: {why}; nothing was installed",
        path=archive,
        hint="Download the .argosmodel again, or check that it is an Argos Translate package.",
    )


def max_package_bytes() -> int:
    setting = os.environ.get("LOCALIZE_MAX_PACKAGE_BYTES", "").strip()
    if not setting:
        return DEFAULT_MAX_PACKAGE_BYTES
    try:
        return int(setting)
    except ValueError:
        raise ModelError(
            f"LOCALIZE_MAX_PACKAGE_BYTES must be a number of bytes, got {setting!r}"
        ) from None


def _check_sizes(archive: Path, infos: list[zipfile.ZipInfo]) -> None:
    """Refuse a zip bomb from the sizes the archive declares, before anything is unpacked.
    (zipfile never yields more than a member's declared size: it stops there and fails the
    CRC, so the declared sizes also bound what extraction writes.)"""
    limit = max_package_bytes()
    total = 0
    for info in infos:
        total += info.file_size
        if total > limit:
            raise _bad(
                archive,
                f"it unpacks to more than {limit:,} bytes (raise LOCALIZE_MAX_PACKAGE_BYTES "
                "if the model really is that big)",
            )
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size >= _RATIO_MIN_BYTES and ratio > MAX_COMPRESSION_RATIO:
            raise _bad(
                archive,
                f"member {info.filename!r} is compressed {ratio:,.0f} to 1 "
                f"({info.compress_size:,} -> {info.file_size:,} bytes), like a zip bomb",
            )


def check_package_dir(folder: Path, archive: Path) -> None:
    """Load the tokenizer and read the model's config of an unpacked package, so that a
    broken one is refused at install, naming the file, instead of failing every translation."""
    model_dir = folder / "model"
    config = model_dir / "config.json"
    if config.exists():
        try:
            if not isinstance(json.loads(config.read_text("utf-8")), dict):
                raise ValueError("not a JSON object")
        except (ValueError, UnicodeDecodeError) as exc:
            raise _bad(archive, f"{folder.name}/model/config.json is unreadable ({exc})") from None
    weights = model_dir / "model.bin"
    if not weights.is_file() or weights.stat().st_size == 0:
        raise _bad(archive, f"{folder.name}/model/model.bin is empty")
    for name in TOKENIZER_FILES:
        path = folder / name
        if path.is_file():
            problem = _tokenizer_problem(path)
            if problem:
                raise _bad(archive, f"{folder.name}/{name} {problem}")


def _tokenizer_problem(path: Path) -> str:
    if path.stat().st_size == 0:
        return "is empty"
    if path.name != "sentencepiece.model":
        return ""
    import sentencepiece

    try:
        processor = sentencepiece.SentencePieceProcessor(model_file=str(path))
    except (RuntimeError, OSError) as exc:
        return f"cannot be loaded ({exc})"
    if processor.get_piece_size() == 0:
        return "has no pieces"
    return ""


def validate_archive(archive: Path) -> tuple[str, dict[str, Any]]:
    """Check an ``.argosmodel`` without extracting it; return its top folder and metadata."""
    if not archive.is_file():
        raise ModelError("file not found", path=archive)
    if not zipfile.is_zipfile(archive):
        raise _bad(archive, "not a zip archive")
    try:
        with zipfile.ZipFile(archive) as zf:
            infos = zf.infolist()
            if not infos:
                raise _bad(archive, "the archive is empty")
            tops: set[str] = set()
            for info in infos:
                pure = PurePosixPath(info.filename.replace("\\", "/"))
                if pure.is_absolute() or ".." in pure.parts or info.filename.startswith("/"):
                    raise _bad(archive, f"member {info.filename!r} escapes the package folder")
                if ":" in pure.parts[0]:
                    raise _bad(archive, f"member {info.filename!r} has a drive in its path")
                mode = info.external_attr >> 16
                if stat.S_ISLNK(mode):
                    raise _bad(archive, f"member {info.filename!r} is a symbolic link")
                tops.add(pure.parts[0])
                if len(pure.parts) == 1 and not info.is_dir():
                    raise _bad(archive, f"{info.filename!r} lies outside a top folder")
            if len(tops) != 1:
                raise _bad(archive, f"expected one top folder, found {sorted(tops)}")
            top = tops.pop()
            names = {i.filename.rstrip("/") for i in infos}
            if f"{top}/metadata.json" not in names:
                raise _bad(archive, f"{top}/metadata.json is missing")
            if f"{top}/model/model.bin" not in names:
                raise _bad(archive, f"{top}/model/ is not a CTranslate2 model (no model.bin)")
            if not any(f"{top}/{t}" in names for t in TOKENIZER_FILES):
                raise _bad(archive, f"no tokenizer ({' or '.join(TOKENIZER_FILES)}) in {top}/")
            try:
                metadata = json.loads(zf.read(f"{top}/metadata.json").decode("utf-8"))
            except (ValueError, UnicodeDecodeError) as exc:
                raise _bad(archive, f"{top}/metadata.json is not valid JSON ({exc})") from None
            if not isinstance(metadata, dict):
                raise _bad(archive, "metadata.json is not a JSON object")
            missing = [k for k in REQUIRED_METADATA if not metadata.get(k)]
            if missing:
                raise _bad(archive, f"metadata.json lacks {', '.join(missing)}")
            _check_sizes(archive, infos)  # before testzip, which inflates every member
            broken = zf.testzip()
            if broken is not None:
                raise _bad(archive, f"member {broken!r} is corrupt (CRC mismatch)")
    except zipfile.BadZipFile as exc:
        raise _bad(archive, f"corrupt zip ({exc})") from None
    except (OSError, EOFError, RuntimeError, zlib.error) as exc:  # truncated, encrypted
        raise _bad(archive, f"cannot read the archive ({exc})") from None
    return top, metadata


def install_file(archive: str | Path) -> PackageInfo:
    """Install a local ``.argosmodel``; an existing folder of the same name is replaced."""
    archive = Path(archive)
    top, _ = validate_archive(archive)
    dest_root = packages_dir()
    dest_root.mkdir(parents=True, exist_ok=True)
    dest = dest_root / top
    staging = Path(tempfile.mkdtemp(prefix=_TMP_PREFIX, dir=dest_root))
    try:
        try:
            with zipfile.ZipFile(archive) as zf:
                zf.extractall(staging)
        except (OSError, zipfile.BadZipFile, EOFError, zlib.error) as exc:
            raise _bad(archive, f"extraction failed ({exc})") from None
        info = _read_package(staging / top)
        if info is None:
            raise _bad(archive, "metadata.json could not be read after extraction")
        check_package_dir(staging / top, archive)
        # Swap in with renames so a reader sees either the old package or the new one.
        if dest.exists():
            os.replace(dest, staging / ".old")
        os.replace(staging / top, dest)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    result = _read_package(dest)
    assert result is not None  # validated above
    return result


def remove(name: str) -> PackageInfo:
    """Uninstall a package by folder name (see ``localize models list``)."""
    info = get_package(name)
    if info.path.parent != packages_dir():
        raise ModelError(
            f"package {name} lives in {info.path.parent}, outside the packages directory "
            f"{packages_dir()}; remove it there",
        )
    # Rename first so a concurrent reader never sees a half-deleted package.
    trash = Path(tempfile.mkdtemp(prefix=_TMP_PREFIX, dir=info.path.parent))
    os.replace(info.path, trash / info.name)
    shutil.rmtree(trash, ignore_errors=True)
    return info
