"""Forms of glossary terms derived with OpenCC (a zh-Hans term's zh-Hant-TW form), cached on disk.

A check or a matcher that needs one derived form used to start an OpenCC converter (0.1-0.2 s)
and convert terms one by one. Here the first form a glossary needs in a configuration derives
every form it could need in that configuration at once (one OpenCC call over all its terms of
the source locale) and stores them beside the glossary parse cache, keyed by the glossary's
content, the configuration and the OpenCC version. Later processes read the file and never
build the converter. ``LOCALIZE_GLOSSARY_CACHE=off`` keeps the batch derivation but stores
nothing.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path

_SCHEMA = "localize-derived-forms:1"


class DerivedForms:
    """``get(text, config)``: ``text`` through OpenCC ``config``, from a per-glossary table.

    ``candidates(config)`` lists every text the glossary may ask for in ``config``;
    ``fingerprint`` names the glossary's content; ``convert`` is the OpenCC call.
    """

    def __init__(
        self,
        fingerprint: Callable[[], str],
        candidates: Callable[[str], Iterable[str]],
        convert: Callable[[str, str], str],
        folder: Path | None,
    ) -> None:
        self._fingerprint = fingerprint
        self._candidates = candidates
        self._convert = convert
        self._folder = folder
        self._tables: dict[str, dict[str, str]] = {}
        self.conversions = 0  # OpenCC calls made (what the cache saves; tests count them)

    def get(self, text: str, config: str) -> str:
        table = self._tables.get(config)
        if table is None:
            table = self._tables[config] = self._load(config) or {}
        found = table.get(text)
        if found is None:
            if not table:
                table.update(self._derive(config))
                self._store(config, table)
            found = table.get(text)
            if found is None:  # not a glossary term (a caller's own text): convert it alone
                self.conversions += 1
                found = table[text] = self._convert(text, config)
        return found

    def _derive(self, config: str) -> dict[str, str]:
        # One call over all the terms; a newline never occurs inside a term, and OpenCC never
        # converts across one, so each line converts as it would alone.
        texts = sorted({t for t in self._candidates(config) if "\n" not in t})
        if not texts:
            return {}
        self.conversions += 1
        converted = self._convert("\n".join(texts), config).split("\n")
        if len(converted) != len(texts):  # never expected; fall back to one call per term
            self.conversions += len(texts)
            converted = [self._convert(t, config) for t in texts]
        return dict(zip(texts, converted, strict=True))

    def _path(self, config: str) -> Path | None:
        if self._folder is None:
            return None
        import opencc

        version = getattr(opencc, "__version__", "?")
        key = f"{_SCHEMA}\0{self._fingerprint()}\0{config}\0{version}".encode()
        return self._folder / f"derived-{hashlib.sha256(key).hexdigest()}.json"

    def _load(self, config: str) -> dict[str, str] | None:
        path = self._path(config)
        if path is None:
            return None
        try:
            table = json.loads(path.read_text("utf-8"))
        except (OSError, ValueError):
            return None  # missing or unreadable: derive again
        return table if isinstance(table, dict) else None

    def _store(self, config: str, table: dict[str, str]) -> None:
        path = self._path(config)
        if path is None or not table:
            return
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(json.dumps(table, ensure_ascii=False))
            os.replace(tmp, path)
        except OSError:
            pass  # a read-only cache directory only costs speed
