"""Reading and writing glossaries by format: YAML (primary), CSV, TBX, and jieba (write only)."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path

from localize.errors import GlossaryError
from localize.glossary import cache
from localize.glossary.csv_format import dump_csv, parse_csv
from localize.glossary.jieba_dict import dump_jieba
from localize.glossary.merge import merge_glossaries
from localize.glossary.model import Glossary
from localize.glossary.parse import Problems, paused_gc
from localize.glossary.tbx import dump_tbx, parse_tbx
from localize.glossary.yaml_format import dump_yaml, parse_yaml
from localize.text.encodings import decode

READ_FORMATS = ("yaml", "csv", "tbx")
WRITE_FORMATS = ("yaml", "csv", "tbx", "jieba")
_EXTENSIONS = {
    ".yaml": "yaml",
    ".yml": "yaml",
    ".csv": "csv",
    ".tsv": "csv",  # the CSV reader sniffs the delimiter
    ".tbx": "tbx",
    ".xml": "tbx",
    ".txt": "jieba",
    ".dict": "jieba",
}
_DUMPERS: dict[str, Callable[[Glossary], str]] = {
    "yaml": dump_yaml,
    "csv": dump_csv,
    "tbx": dump_tbx,
    "jieba": dump_jieba,
}


def detect_format(path: str | Path, fmt: str | None = None, *, write: bool = False) -> str:
    valid = WRITE_FORMATS if write else READ_FORMATS
    if fmt is None:
        fmt = _EXTENSIONS.get(Path(path).suffix.lower())
        option = "--output-format" if write else "--input-format"
        if fmt is None:
            raise GlossaryError(
                f"cannot tell the glossary format from the file name {Path(path).name!r}",
                path=path,
                hint=f"Use a .yaml, .csv, .tsv or .tbx extension, or pass {option} "
                f"({', '.join(valid)}).",
            )
    if fmt not in valid:
        raise GlossaryError(
            f"format {fmt!r} cannot be {'written' if write else 'read'}",
            path=path,
            hint=f"Valid formats: {', '.join(valid)}.",
        )
    return fmt


def _read(path: str | Path) -> bytes:
    try:
        return Path(path).read_bytes()
    except (FileNotFoundError, IsADirectoryError):
        raise GlossaryError("glossary file not found", path=path, hint="Check the path.") from None


def _parse(
    path: str | Path, fmt: str, data: bytes, encoding: str | None = None
) -> tuple[Glossary, Problems]:
    if fmt == "tbx":
        return parse_tbx(path, text=data)  # XML declares its own encoding
    # A byte-order mark (UTF-8 or UTF-16, as spreadsheets write), else UTF-8, unless given.
    text = decode(data, path, encoding, error=GlossaryError)
    return (parse_yaml if fmt == "yaml" else parse_csv)(path, text=text)


def parse_glossary(
    path: str | Path, fmt: str | None = None, *, encoding: str | None = None
) -> tuple[Glossary, Problems]:
    """The valid entries of a file and every problem found (for lint)."""
    fmt = detect_format(path, fmt)
    data = _read(path)
    with paused_gc():
        return _parse(path, fmt, data, encoding)


def load_glossary(
    path: str | Path, fmt: str | None = None, *, encoding: str | None = None
) -> Glossary:
    """Load one glossary; any problem raises GlossaryError (file, line or XPath) and nothing
    from the file is used. Large files are cached by content (see :mod:`.cache`).
    ``encoding``: of a YAML/CSV file (default: as its byte-order mark says, else UTF-8)."""
    fmt = detect_format(path, fmt)
    data = _read(path)
    key = f"{fmt}:{encoding}" if encoding else fmt  # the same bytes decode differently
    with paused_gc():
        cached = cache.get(data, key, path)
        if cached is not None:
            return cached
        glossary, problems = _parse(path, fmt, data, encoding)
        problems.raise_if_errors()
        cache.put(data, key, glossary)
    return glossary


def load_glossaries(paths: Iterable[str | Path]) -> Glossary:
    """Load and merge glossaries; later files win (see :mod:`localize.glossary.merge`)."""
    loaded = [load_glossary(p) for p in paths]
    if not loaded:
        return Glossary([])
    return merge_glossaries(loaded)


def dump_glossary(glossary: Glossary, fmt: str) -> str:
    return _DUMPERS[fmt](glossary)


def save_glossary(glossary: Glossary, path: str | Path, fmt: str | None = None) -> None:
    """Write atomically: a reader never sees a half-written glossary."""
    fmt = detect_format(path, fmt, write=True)
    data = dump_glossary(glossary, fmt)
    target = Path(path)
    fd, tmp = tempfile.mkstemp(dir=target.parent or ".", prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(data)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
