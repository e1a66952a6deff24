"""Errors a user can act on.

Every error names where the problem is (file, line, key path) and what to do about it, in the
breadcrumb style of pre-commit's cfgv: the CLI prints ``str(error)`` and exits with ``exit_code``.
"""

from __future__ import annotations

from pathlib import Path


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
