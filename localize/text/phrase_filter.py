"""Which texts a later OpenCC pass can find a phrase in, told without converting them.

s2twp, s2tw, s2hk and hk2s match a second dictionary (Taiwan or Hong Kong phrases) over the
text the first one made, so the word-aware converter converts every text once more only to see
where those phrases are, though few texts hold any (3% of the Weibo-style posts of
``benchmarks/bench_spine.py``). This module rules the others out from the input alone.

Every character is folded into one class with whatever the first pass can turn it into: each
dictionary key that pass reads is converted on its own, and the characters at the same place
in key and result join one class (union-find). The first pass converts a text piece by piece,
each piece one of those keys or a character that is none and stays, so a phrase of the later
pass in its result lies, folded, at the same place in the folded input: a text whose folded
form holds no folded phrase holds none after the first pass either. No filter is made where a
conversion changes a length (the places would not line up).

Building the classes takes ~0.3 s (every key of the first pass's dictionaries is read and
converted), more than the filter saves on a few thousand posts, so they are kept in a small
JSON file under the user's cache folder, keyed by OpenCC's version and the config and its
dictionary files; ``LOCALIZE_OPENCC_CACHE`` names another folder, or ``off``.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Callable, Iterable, Sequence
from itertools import product
from math import prod
from pathlib import Path
from typing import Any

_SCHEMA = "localize-opencc-filter:1"
CACHE_ENV = "LOCALIZE_OPENCC_CACHE"

Converter = Callable[[Sequence[str]], list[str]]


# Past this many spellings of the later pass's phrases, no filter is made (s2twp has ~14,000).
MAX_SPELLINGS = 200_000


class PhraseFilter:
    """``could_match(text)``: False only where the later pass surely finds no phrase.

    One automaton holds every spelling of each phrase that folds to the same as the phrase (a
    character's class members at each place), so a text is searched as it is, without being
    folded first (``str.translate`` with a table of thousands of characters costs more than the
    search)."""

    def __init__(self, fold: dict[str, str], folded_phrases: Iterable[str]) -> None:
        import daachorse

        self.fold = fold
        self.folded_phrases = sorted(set(folded_phrases))
        members: dict[str, list[str]] = {}
        for char, root in fold.items():
            members.setdefault(root, [root]).append(char)
        self.spellings = [
            "".join(chars)
            for phrase in self.folded_phrases
            for chars in product(*(members.get(char, char) for char in phrase))
        ]
        self._automaton = daachorse.CharwiseDoubleArrayAhoCorasick(self.spellings)

    def could_match(self, text: str) -> bool:
        return bool(self._automaton.find(text))


def _spellings(fold: dict[str, str], folded_phrases: Iterable[str]) -> int:
    sizes: dict[str, int] = {}
    for root in fold.values():
        sizes[root] = sizes.get(root, 1) + 1
    return sum(prod(sizes.get(char, 1) for char in phrase) for phrase in set(folded_phrases))


def phrase_filter(
    convert: Converter,
    read_keys: Callable[[], set[str]],
    phrases: Iterable[str],
    files: Sequence[Path],
) -> PhraseFilter | None:
    """The filter for a later pass with ``phrases`` after a first pass that ``convert`` does
    (texts converted one by one) reading the dictionary keys ``read_keys()`` gives; ``files``:
    the config and dictionary files they come from (the cache key). None where no filter can
    be made."""
    path = _cache_path(files)
    if path is not None:
        stored = _read(path)
        if stored is not None:
            if stored["fold"] is None:
                return None
            return PhraseFilter(stored["fold"], stored["phrases"])
    fold = _fold(convert, read_keys())
    made = None
    if fold is not None:
        table = str.maketrans(fold)
        folded = {phrase.translate(table) for phrase in phrases}
        if _spellings(fold, folded) <= MAX_SPELLINGS:
            made = PhraseFilter(fold, folded)
    if path is not None:
        _write(path, None if made is None else {"fold": made.fold, "phrases": made.folded_phrases})
    return made


def _fold(convert: Converter, keys: set[str]) -> dict[str, str] | None:
    """Each character that some key's conversion changes -> the representative of its class."""
    singles = sorted(k for k in keys if len(k) == 1)
    phrases = sorted(k for k in keys if len(k) > 1)
    single_results = convert(singles)
    if any(len(result) != 1 for result in single_results):
        return None
    by_character = str.maketrans(
        {a: b for a, b in zip(singles, single_results, strict=True) if a != b}
    )
    parent: dict[str, str] = {}

    def root(char: str) -> str:
        while (up := parent.get(char, char)) != char:
            parent[char] = parent.get(up, up)  # path halving
            char = up
        return char

    def join(source: str, result: str) -> None:
        for a, b in zip(source, result, strict=True):
            if a != b and (ra := root(a)) != (rb := root(b)):
                parent[ra] = rb

    for source, result in zip(singles, single_results, strict=True):
        join(source, result)
    for source, result in zip(phrases, convert(phrases), strict=True):
        if len(source) != len(result):
            return None
        if result != source.translate(by_character):  # else its characters joined already
            join(source, result)
    return {char: root(char) for char in parent if root(char) != char}


# -- the cache file ------------------------------------------------------------------------------
def cache_dir() -> Path | None:
    setting = os.environ.get(CACHE_ENV)
    if setting is not None:
        return None if setting.strip().lower() in ("", "off", "0", "no") else Path(setting)
    import platformdirs

    return Path(platformdirs.user_cache_dir("localize")) / "opencc"


def _cache_path(files: Sequence[Path]) -> Path | None:
    folder = cache_dir()
    if folder is None:
        return None
    import opencc

    key = hashlib.sha256(f"{_SCHEMA}\0{getattr(opencc, '__version__', '?')}".encode())
    for file in files:
        try:
            stat = file.stat()
        except OSError:
            return None
        key.update(f"\0{file.resolve()}\0{stat.st_size}\0{stat.st_mtime_ns}".encode())
    return folder / f"{key.hexdigest()[:32]}.json"


def _checksum(payload: bytes) -> bytes:
    return hashlib.blake2b(payload, digest_size=16).hexdigest().encode()


def _read(path: Path) -> dict[str, Any] | None:
    try:
        checksum, _, payload = path.read_bytes().partition(b"\n")
        if checksum != _checksum(payload):
            return None  # truncated or damaged: built again
        stored = json.loads(payload)
        fold, phrases = stored["fold"], stored["phrases"]
        if fold is not None and not (
            isinstance(fold, dict)
            and all(isinstance(k, str) and isinstance(v, str) for k, v in fold.items())
            and isinstance(phrases, list)
            and all(isinstance(p, str) and p for p in phrases)
        ):
            return None
        return {"fold": fold, "phrases": phrases}
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _write(path: Path, stored: dict[str, Any] | None) -> None:
    payload = json.dumps(stored or {"fold": None, "phrases": None}, ensure_ascii=False).encode()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(_checksum(payload) + b"\n" + payload)
            os.replace(tmp, path)
        except BaseException:
            os.unlink(tmp)
            raise
    except OSError:
        pass  # a cache that cannot be written only costs the build next time
