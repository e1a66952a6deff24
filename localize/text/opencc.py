"""The OpenCC engine: one cached converter per config, safe for any Python string.

Building a converter loads its dictionaries, so there is one per config per process. OpenCC's
binding costs ~20 us a call whatever the length, so :meth:`Converter.convert_many` converts a
batch in one call.
"""

from __future__ import annotations

from functools import cache

# Config -> the locale its output is in.
CONFIGS = {
    "s2t": "zh-Hant",
    "t2s": "zh-Hans",
    "s2tw": "zh-Hant-TW",
    "tw2s": "zh-Hans",
    "s2twp": "zh-Hant-TW",
    "tw2sp": "zh-Hans",
    "s2hk": "zh-Hant-HK",
    "hk2s": "zh-Hans",
    "s2hkp": "zh-Hant-HK",
    "hk2sp": "zh-Hans",
    "t2tw": "zh-Hant-TW",
    "tw2t": "zh-Hant",
    "t2hk": "zh-Hant-HK",
    "hk2t": "zh-Hant",
    "t2jp": "ja",
    "jp2t": "zh-Hant",
}


class Converter:
    """An OpenCC converter that is safe for any Python string.

    OpenCC's binding passes text as a C string, so everything after a NUL character is silently
    dropped; NULs are split out and put back.
    """

    def __init__(self, config: str) -> None:
        import opencc

        self.config = config
        self._opencc = opencc.OpenCC(config)

    def convert(self, text: str) -> str:
        if "\x00" in text:
            return "\x00".join(self._opencc.convert(piece) for piece in text.split("\x00"))
        result: str = self._opencc.convert(text)
        return result

    def convert_many(self, texts: list[str]) -> list[str]:
        """Convert each text on its own, in one OpenCC call.

        The batch goes through as one string; the separator is a private-use character that no
        dictionary phrase contains, so nothing converts across it.
        """
        if not texts:
            return []
        joined = _SEPARATOR.join(texts)
        if joined.count(_SEPARATOR) == len(texts) - 1:  # no text holds the separator itself
            out = self.convert(joined).split(_SEPARATOR)
            if len(out) == len(texts):
                return out
        return [self.convert(t) for t in texts]


_SEPARATOR = "\ue000"


@cache
def converter(config: str) -> Converter:
    """The process's converter for ``config`` (built on first use)."""
    return Converter(config)


def convert_text(text: str, config: str) -> str:
    """Plain OpenCC conversion with a cached converter (no entity protection)."""
    return converter(config).convert(text)
