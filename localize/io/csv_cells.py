"""CSV cells that a spreadsheet will not run: OWASP's advice on CSV (formula) injection.

A cell starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is a formula (or a
DDE call such as ``=cmd|' /C calc'!A0``) to Excel, LibreOffice and Google Sheets; written with a
leading ``'`` it is shown as text. Every CSV localize writes goes through :class:`EscapingWriter`
(glossary exports, ``glossary suggest``, ``run -o x.csv``: they copy text anyone can post), and
every CSV it reads takes the ``'`` off again with :func:`unescape_formula`, so a round trip
gives back the exact text. Written here because the csv module has no such option.
"""

from __future__ import annotations

import csv
import io

# OWASP "CSV Injection": the characters a spreadsheet starts a formula with.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _needs_quote(cell: str) -> bool:
    # A cell already starting with ' before a formula character is quoted once more, so that
    # reading it back (which drops one ') gives the exact text: escaping is reversible.
    body = cell.lstrip("'")
    return body.startswith(FORMULA_STARTS)


def escape_formula(cell: str) -> str:
    """``cell`` made safe to open in a spreadsheet: ``'`` before a formula-starting cell."""
    return "'" + cell if _needs_quote(cell) else cell


def unescape_formula(cell: str) -> str:
    """The text :func:`escape_formula` was given."""
    return cell[1:] if cell.startswith("'") and _needs_quote(cell[1:]) else cell


class EscapingWriter:
    """A csv.writer whose cells are escaped with :func:`escape_formula`."""

    def __init__(self, out: io.StringIO, *, delimiter: str = ",") -> None:
        self._writer = csv.writer(out, delimiter=delimiter, lineterminator="\n")

    def writerow(self, row: list[str]) -> int:
        """The characters written (what the file's ``write`` returned, as csv.writer says)."""
        written: int = self._writer.writerow([escape_formula(cell) for cell in row])
        return written
