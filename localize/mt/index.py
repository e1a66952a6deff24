"""The Argos package index: fetch it, pick a package, download it with a progress bar.

argostranslate's own ``update_package_index`` swallows network errors and then calls itself
again and again (offline, ``localize models install zh en`` printed 979 lines over 73 s and died
of "maximum recursion depth exceeded"), so the index is read here instead. It is one JSON file:
a list of package metadata objects (``from_code``, ``to_code``, ``package_version``, ``type``,
``links``, ...), the same keys as a package's ``metadata.json``; what it points to is an ordinary
``.argosmodel`` that :func:`localize.mt.packages.install_file` validates and installs.

Network errors become one :class:`ModelError` line that says what failed and how to install a
downloaded file instead.
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from localize.errors import ModelError
from localize.mt.packages import PackageMetadata

if TYPE_CHECKING:
    from localize.mt.packages import PackageInfo

# Argos's default, and the same environment variable (a base URL that ends in "/").
DEFAULT_INDEX_BASE = "https://raw.githubusercontent.com/argosopentech/argospm-index/main/"
BROWSE_URL = "https://www.argosopentech.com/argospm/index/"
TIMEOUT_S = 10.0
_USER_AGENT = "localize (Argos package installer)"


def index_url() -> str:
    """``$ARGOS_PACKAGE_INDEX/index.json`` as Argos computes it, else the public index."""
    base = os.environ.get("ARGOS_PACKAGE_INDEX") or DEFAULT_INDEX_BASE
    return base if base.endswith(".json") else base.rstrip("/") + "/index.json"


@dataclass(frozen=True)
class IndexEntry(PackageMetadata):
    """One package the index offers."""

    metadata: dict[str, Any]

    @property
    def links(self) -> list[str]:
        links = self.metadata.get("links") or []
        return [str(link) for link in links if isinstance(link, str)]

    @property
    def file_name(self) -> str:
        """The archive's name as the index's first link spells it (``translate-zh_en-1_9...``)."""
        if self.links:
            name = self.links[0].rsplit("/", 1)[-1].split("?")[0]
            if name.endswith(".argosmodel"):
                return name
        version = self.version.replace(".", "_")
        return f"{self.type}-{self.from_code}_{self.to_code}-{version}.argosmodel"


def _offline_hint(what: str) -> str:
    return (
        f"{what}; no network? Download the .argosmodel on a machine with network ({BROWSE_URL}) "
        "and run `localize models install FILE.argosmodel`"
    )


def _reason(exc: BaseException) -> str:
    if isinstance(exc, urllib.error.HTTPError):
        return f"HTTP {exc.code} {exc.reason}"
    if isinstance(exc, urllib.error.URLError):
        return str(exc.reason)
    if isinstance(exc, (TimeoutError, socket.timeout)):
        return "timed out"
    return str(exc) or type(exc).__name__


def _open(url: str, timeout: float) -> Any:
    request = urllib.request.Request(url, headers={"User-Agent": _USER_AGENT})
    return urllib.request.urlopen(request, timeout=timeout)


def _read_with_deadline(url: str, timeout: float) -> bytes:
    """GET ``url`` within ``timeout`` seconds of wall time. urllib's timeout bounds each socket
    operation but not the name lookup (getaddrinfo can hang offline), so the request runs in a
    daemon thread that is abandoned when the deadline passes."""
    result: dict[str, Any] = {}

    def fetch() -> None:
        try:
            with _open(url, timeout) as response:
                result["data"] = response.read()
        except BaseException as exc:  # handed to the caller's thread
            result["error"] = exc

    worker = threading.Thread(target=fetch, daemon=True)
    worker.start()
    worker.join(timeout)
    if worker.is_alive():
        raise TimeoutError(f"no answer within {timeout:g} s")
    if "error" in result:
        raise result["error"]
    data: bytes = result["data"]
    return data


def fetch_index(url: str | None = None, *, timeout: float = TIMEOUT_S) -> list[IndexEntry]:
    """Download and parse the index; one clear :class:`ModelError` when that fails."""
    import json

    url = url or index_url()
    try:
        data = _read_with_deadline(url, timeout)
    except (OSError, ValueError) as exc:  # URLError, HTTPError, timeouts are OSErrors
        raise ModelError(
            _offline_hint(f"cannot read the Argos package index {url} ({_reason(exc)})")
        ) from None
    try:
        raw = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise ModelError(f"the Argos package index {url} is not valid JSON ({exc})") from None
    if not isinstance(raw, list):
        raise ModelError(f"the Argos package index {url} is not a JSON list of packages")
    return [IndexEntry(item) for item in raw if isinstance(item, dict)]


def find_entry(entries: list[IndexEntry], from_code: str, to_code: str) -> IndexEntry:
    """The newest translation package for the pair."""
    from packaging.version import InvalidVersion, Version

    def version(entry: IndexEntry) -> Version:
        try:
            return Version(entry.version)
        except InvalidVersion:
            return Version("0")

    matches = [
        e
        for e in entries
        if e.type == "translate" and (e.from_code, e.to_code) == (from_code, to_code)
    ]
    if not matches:
        pairs = sorted({f"{e.from_code} {e.to_code}" for e in entries if e.type == "translate"})
        raise ModelError(
            f"the Argos package index has no package for {from_code} -> {to_code}",
            hint=f"Available pairs: {', '.join(pairs) or 'none'}",
        )
    return max(matches, key=version)


def download(
    entry: IndexEntry, folder: Path, *, timeout: float = TIMEOUT_S, progress: bool = True
) -> Path:
    """Download the entry's archive into ``folder`` (each link in turn) with a progress bar on
    stderr; the file appears under its final name only when complete."""
    if not entry.links:
        raise ModelError(f"the index lists no download link for {entry.file_name}")
    target = folder / entry.file_name
    partial = target.with_name(target.name + ".part")
    errors = []
    for link in entry.links:
        try:
            with _open(link, timeout) as response, partial.open("wb") as out:
                total = response.headers.get("Content-Length")
                _copy_with_bar(response, out, int(total) if total else None, entry, progress)
            os.replace(partial, target)
            return target
        except OSError as exc:
            errors.append(f"{link}: {_reason(exc)}")
        finally:
            partial.unlink(missing_ok=True)
    raise ModelError(
        _offline_hint(f"cannot download {entry.file_name} ({'; '.join(errors)})"),
    )


def _copy_with_bar(
    response: IO[bytes], out: IO[bytes], total: int | None, entry: IndexEntry, progress: bool
) -> None:
    import sys

    from tqdm import tqdm

    with tqdm(
        total=total,
        unit="B",
        unit_scale=True,
        unit_divisor=1024,
        desc=f"{entry.from_code} -> {entry.to_code} {entry.version}",
        disable=not progress,
        file=sys.stderr,
        dynamic_ncols=True,
    ) as bar:
        while chunk := response.read(1 << 16):
            out.write(chunk)
            bar.update(len(chunk))


def install_from_index(
    from_code: str,
    to_code: str,
    *,
    url: str | None = None,
    timeout: float = TIMEOUT_S,
    progress: bool = True,
) -> PackageInfo:
    """Fetch the index, download the pair's newest package and install it."""
    import tempfile

    from localize.mt.packages import install_file

    entry = find_entry(fetch_index(url, timeout=timeout), from_code, to_code)
    folder = Path(tempfile.mkdtemp(prefix="localize-download-"))
    try:
        archive = download(entry, folder, timeout=timeout, progress=progress)
        return install_file(archive)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
