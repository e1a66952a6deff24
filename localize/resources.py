"""Where the built-in pipelines and glossaries are: inside the wheel, or in a source checkout."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def _data_dir(name: str) -> Path:
    installed = _PACKAGE / "data" / name  # wheels get them via hatch force-include
    return installed if installed.is_dir() else _PACKAGE.parent / name


def pipelines_dir() -> Path:
    return _data_dir("pipelines")


def glossaries_dir() -> Path:
    return _data_dir("glossaries")


def builtin_pipelines() -> dict[str, Path]:
    folder = pipelines_dir()
    return {p.stem: p for p in sorted(folder.glob("*.yaml"))} if folder.is_dir() else {}


def builtin_glossaries() -> dict[str, Path]:
    folder = glossaries_dir()
    return {p.stem: p for p in sorted(folder.glob("*.yaml"))} if folder.is_dir() else {}


def find_pipeline(name_or_path: str) -> Path | None:
    """A pipeline file path, or the built-in pipeline of that name; None if neither exists."""
    path = Path(name_or_path).expanduser()
    if path.is_file():
        return path
    return builtin_pipelines().get(name_or_path.removesuffix(".yaml"))
