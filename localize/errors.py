"""Errors a user can act on.

Every error names where the problem is (file, line, key path) and what to do about it, in the
breadcrumb style of pre-commit's cfgv: the CLI prints ``str(error)`` and exits with ``exit_code``.
"""

from __future__ import annotations

import reprlib
from pathlib import Path

_REPR = reprlib.Repr()
_REPR.maxstring = _REPR.maxother = 120
_REPR.maxlist = _REPR.maxdict = _REPR.maxtuple = _REPR.maxset = 8
_REPR.maxlevel = 3
# A message is cut to this many characters: an error quotes what the user wrote, and what was
# written may expand to gigabytes (YAML aliases) or hold a whole post.
MAX_MESSAGE = 2_000


def brief(value: object) -> str:
    """``repr(value)``, bounded: long strings, long or deep containers are elided with ``...``."""
    return _REPR.repr(value)


class LocalizeError(Exception):
    """Base class: a problem the user can fix. ``exit_code`` is what the CLI exits with."""

    exit_code = 2

    def __init__(
        self,
        message: str,
        *,
        path: str | Path | None = None,
        line: int | None = None,
        key: str | None = None,
        hint: str | None = None,
    ) -> None:
        if len(message) > MAX_MESSAGE:
            message = f"{message[:MAX_MESSAGE]}... ({len(message) - MAX_MESSAGE:,} characters cut)"
        self.message = message
        self.path = str(path) if path is not None else None
        self.line = line
        self.key = key
        self.hint = hint
        super().__init__(str(self))

    @property
    def location(self) -> str:
        """``file:line`` (or just the file) for one-line reports."""
        if self.path is None:
            return ""
        return f"{self.path}:{self.line}" if self.line is not None else self.path

    def __str__(self) -> str:
        parts = []
        if self.path is not None:
            where = f"==> File {self.path}"
            if self.line is not None:
                where += f", line {self.line}"
            parts.append(where)
        if self.key:
            parts.append(f"==> At key: {self.key}")
        parts.append(("=====> " if parts else "") + self.message)
        if self.hint:
            parts.append(f"       {self.hint}")
        return "\n".join(parts)


class ConfigError(LocalizeError):
    """A pipeline or step configuration is invalid; the run never starts."""


class InputError(LocalizeError):
    """An input file or record cannot be read."""


class GlossaryError(LocalizeError):
    """A glossary file is malformed; nothing from it is loaded."""


class ModelError(LocalizeError):
    """A translation model is missing, corrupt or unusable."""
