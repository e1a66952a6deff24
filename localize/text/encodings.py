"""Which encoding a text file is in: a byte-order mark, the user's ``--encoding``, or UTF-8.

Chinese Windows tools (Excel's CSV, older exports) write GBK/GB18030 without a BOM. Such a file
read as UTF-8 used to have every row rejected one by one; :func:`check_utf8_sample` tells a file
in another encoding from a UTF-8 file with a few damaged rows, and the error names the encoding
to pass. No library does this small job well: chardet/charset-normalizer guess among dozens of
encodings and are slow and unsure on short Chinese samples, where the two candidates that
matter here (GB18030, Big5) can simply be tried.
"""

from __future__ import annotations

import codecs
import io
from pathlib import Path
from typing import Any, BinaryIO

from localize.errors import InputError, LocalizeError

SAMPLE_BYTES = 1 << 16
# Longest first: the UTF-32-LE mark starts with the UTF-16-LE one.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Tried in this order when a file is not UTF-8: GB18030 is a superset of GBK and GB2312.
_GUESSES = ("gb18030", "big5")


def bom_encoding(head: bytes) -> str | None:
    """The encoding a byte-order mark at the start of ``head`` announces (the codec removes it)."""
    for bom, name in _BOMS:
        if head.startswith(bom):
            return name
    return None


def check_encoding(name: str, *, error: type[LocalizeError] = InputError) -> str:
    """``name`` if Python knows the codec, else a clear error."""
    try:
        return codecs.lookup(name).name
    except LookupError:
        raise error(
            f"unknown encoding {name!r}",
            hint="Use a Python codec name, e.g. utf-8, gb18030, big5, utf-16.",
        ) from None


def is_utf8(name: str) -> bool:
    return codecs.lookup(name).name in ("utf-8", "utf-8-sig")


def guess_encoding(data: bytes) -> str | None:
    """The first of GB18030 and Big5 that decodes ``data`` (cut at its last line end)."""
    cut = data[: data.rfind(b"\n") + 1] or data
    for name in _GUESSES:
        try:
            cut.decode(name)
        except UnicodeDecodeError:
            continue
        return name
    return None


def _hint(data: bytes) -> str:
    guess = guess_encoding(data)
    if guess:
        return f"It decodes as {guess.upper()}: pass --encoding {guess} (or save it as UTF-8)."
    return "Pass its encoding with --encoding (e.g. gb18030, big5, utf-16), or save it as UTF-8."


def check_utf8_sample(sample: bytes, path: str | Path) -> None:
    """Raise :class:`InputError` if ``sample`` (the file's first bytes) is not UTF-8 at all:
    most of its lines with non-ASCII bytes fail to decode. A UTF-8 file with a few bad lines
    passes, so that those lines are rejected one by one and the rest is read."""
    lines = sample.split(b"\n")
    non_ascii = bad = 0
    first_bad = 0
    for number, line in enumerate(lines, start=1):
        if line.isascii():
            continue
        non_ascii += 1
        try:
            # The sample's last line may end inside a character: not an error (final=False).
            codecs.getincrementaldecoder("utf-8")().decode(line, final=number < len(lines))
        except UnicodeDecodeError:
            bad += 1
            first_bad = first_bad or number
    if bad and bad * 2 > non_ascii:
        raise InputError(
            f"not UTF-8: {bad} of the first {non_ascii} lines with non-ASCII text do not decode",
            path=path,
            line=first_bad,
            hint=_hint(sample),
        )


def decode_error(
    exc: UnicodeDecodeError,
    data: bytes,
    encoding: str,
    path: str | Path,
    *,
    error: type[LocalizeError] = InputError,
) -> LocalizeError:
    """A file-level error for bytes that ``encoding`` cannot decode, with the line and a hint."""
    line = data[: exc.start].count(b"\n") + 1 if data else None
    hint = (
        _hint(data)
        if is_utf8(encoding)
        else (
            "Check --encoding: "
            + (_hint(data) if guess_encoding(data) else "the file is not in it.")
        )
    )
    return error(
        f"cannot decode the file as {encoding} ({exc.reason} at byte {exc.start})",
        path=path,
        line=line,
        hint=hint,
    )


def decode(
    data: bytes,
    path: str | Path,
    encoding: str | None = None,
    *,
    error: type[LocalizeError] = InputError,
) -> str:
    """Decode a whole file: ``encoding``, else its BOM, else UTF-8; errors name the encoding to
    try."""
    name = check_encoding(encoding, error=error) if encoding else bom_encoding(data) or "utf-8"
    if is_utf8(name):
        name = "utf-8-sig"  # a BOM is never text
    try:
        return data.decode(name)
    except UnicodeDecodeError as exc:
        raise decode_error(exc, data, name, path, error=error) from None


class Utf8Recoder(io.RawIOBase):
    """A binary stream of UTF-8 over a binary stream in another encoding, decoded strictly and
    incrementally (so a large GB18030 or UTF-16 file is never held in memory). A byte the
    encoding cannot decode raises :class:`InputError` with the line it is on."""

    def __init__(self, raw: BinaryIO, encoding: str, path: str | Path) -> None:
        super().__init__()
        self._raw = raw
        self._encoding = encoding
        self._decoder = codecs.getincrementaldecoder(encoding)("strict")
        self._path = path
        self._pending = b""
        self._lines = 0  # line ends decoded so far (for error messages)
        self._eof = False

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        while not self._pending and not self._eof:
            chunk = self._raw.read(1 << 16)
            self._eof = not chunk
            try:
                text = self._decoder.decode(chunk, final=self._eof)
            except UnicodeDecodeError as exc:
                line = self._lines + 1
                raise InputError(
                    f"cannot decode the file as {self._encoding} ({exc.reason})",
                    path=self._path,
                    line=line,
                    hint="Check --encoding: "
                    + (_hint(chunk) if guess_encoding(chunk) else "the file is not in it."),
                ) from None
            self._lines += text.count("\n")
            self._pending = text.encode("utf-8", "surrogatepass")
        size = min(len(buffer), len(self._pending))
        buffer[:size] = self._pending[:size]
        self._pending = self._pending[size:]
        return size


def utf8_stream(raw: BinaryIO, encoding: str, path: str | Path) -> BinaryIO:
    """``raw`` as UTF-8 bytes (see :class:`Utf8Recoder`)."""
    return io.BufferedReader(Utf8Recoder(raw, encoding, path))
