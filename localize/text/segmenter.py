"""The jieba engine: one tokenizer per set of words, never jieba's process-wide ``jieba.dt``.

jieba's default dictionary is loaded once per process into a base tokenizer that nothing ever
adds to. A pipeline with user dictionaries or glossary words gets its own tokenizer: a copy of
the base dictionary (a dict copy, ~30 ms, instead of reloading the dictionary, ~1 s) with its
words added, shared by every pipeline that asks for the same words. So one pipeline's glossary
never changes another pipeline's segmentation, and :attr:`Tokenizer.identity` names the words
for the pipeline signature.

jieba shreds URLs and ``[哈哈]`` and would glue a placeholder to neighbouring digits, so the text
is cut at placeholders first and only the pieces between them go to jieba. The tokens joined
give back the text exactly.
"""

from __future__ import annotations

import hashlib
import logging
import threading
from collections.abc import Iterable, Sequence
from functools import cache, lru_cache
from typing import Any

from localize.text.placeholders import PLACEHOLDER_RE, has_placeholder

Word = tuple[str, "int | None", "str | None"]  # (word, frequency or None, part-of-speech tag)

_lock = threading.Lock()


@cache  # jieba.initialize() takes a lock and resolves paths on every call
def _base() -> Any:
    from localize.text import jieba_dict

    jieba = jieba_dict.import_jieba()
    jieba.setLogLevel(logging.WARNING)
    base = jieba.Tokenizer()
    jieba_dict.initialize(base)
    return base


def load_dictionary() -> None:
    """Load jieba's default dictionary now rather than on the first cut (a process that forks
    workers does it once for all of them)."""
    _base()


class Tokenizer:
    """jieba (accurate mode) with its own user dictionaries and words, built on first use."""

    def __init__(self, user_dicts: Sequence[str] = (), words: Sequence[Word] = ()) -> None:
        self.user_dicts = tuple(user_dicts)
        # jieba never matches user words that contain spaces, so those are left out.
        self.words = tuple(w for w in dict.fromkeys(words) if w[0].strip() and " " not in w[0])
        self._jieba: Any = None

    @property
    def identity(self) -> str:
        """A short name for what this tokenizer adds to jieba's dictionary ("" for nothing)."""
        if not self.user_dicts and not self.words:
            return ""
        digest = hashlib.sha256()
        for path in self.user_dicts:
            with open(path, "rb") as handle:
                digest.update(hashlib.sha256(handle.read()).digest())
        for word, freq, tag in self.words:
            digest.update(f"{word}\t{freq}\t{tag}\n".encode())
        return digest.hexdigest()[:12]

    @property
    def jieba(self) -> Any:
        """The underlying ``jieba.Tokenizer`` (built on first use)."""
        if self._jieba is None:
            with _lock:
                if self._jieba is None:
                    self._jieba = self._build()
        return self._jieba

    def _build(self) -> Any:
        base = _base()
        if not self.user_dicts and not self.words:
            return base
        from localize.text.jieba_dict import import_jieba

        own = import_jieba().Tokenizer()
        own.FREQ = dict(base.FREQ)
        own.total = base.total
        own.initialized = True
        for path in self.user_dicts:
            own.load_userdict(path)
        for word, freq, tag in self.words:
            own.add_word(word, freq, tag)
        return own

    def cut(self, text: str, *, hmm: bool = True) -> list[str]:
        """Tokens of ``text``; placeholders are whole tokens and ``"".join(tokens) == text``."""
        cut = self.jieba.cut
        if not has_placeholder(text):
            return list(cut(text, HMM=hmm))
        tokens: list[str] = []
        last = 0
        for match in PLACEHOLDER_RE.finditer(text):
            if match.start() > last:
                tokens.extend(cut(text[last : match.start()], HMM=hmm))
            tokens.append(match.group())
            last = match.end()
        if last < len(text):
            tokens.extend(cut(text[last:], HMM=hmm))
        return tokens


def tokenizer(user_dicts: Iterable[str] = (), words: Iterable[Word] = ()) -> Tokenizer:
    """The tokenizer for these user dictionaries and words, shared by everyone who asks for the
    same ones (building one copies jieba's dictionary)."""
    return _shared(tuple(user_dicts), tuple(words))


# A few at most: each one that has words holds its own copy of jieba's dictionary (a pipeline
# keeps its own tokenizer alive for as long as it lives, whatever this cache forgets).
@lru_cache(maxsize=4)
def _shared(user_dicts: tuple[str, ...], words: tuple[Word, ...]) -> Tokenizer:
    return Tokenizer(user_dicts, words)


def segment_text(text: str, *, hmm: bool = True) -> list[str]:
    """``text`` cut by jieba's default dictionary alone."""
    return tokenizer().cut(text, hmm=hmm)
