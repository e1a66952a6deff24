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

jieba's accurate mode is replicated here (its block and skip patterns, ``get_DAG`` and ``calc``
fused into one pass with the same arithmetic, and ``finalseg``) rather than called through
``jieba.Tokenizer.cut``, for one reason: the ``segment`` step cuts with HMM and word-aware
``convert`` then needs the dictionary words of the same text (no HMM). Both come from the same
dictionary route of each block (jieba's HMM only regroups runs of single characters of that
route), so one route gives both, and the routes of the blocks cut last are remembered for the
next ``cut(..., hmm=False)`` of the same block (its words are built only then: ``convert`` asks
for few blocks): after ``segment``, ``convert`` routes nothing again. (The fused route also
costs ~20% less than jieba's own cut.) jieba 0.42.1 is frozen upstream, and tests hold this cut
to ``jieba.Tokenizer.cut`` token for token and the route to ``get_DAG``/``calc`` float for
float.
"""

from __future__ import annotations

import hashlib
import logging
import re
import threading
from collections.abc import Iterable, Sequence
from functools import cache, lru_cache
from math import log
from typing import Any

from localize.text import finalseg
from localize.text.placeholders import PLACEHOLDER_RE, has_placeholder

Word = tuple[str, "int | None", "str | None"]  # (word, frequency or None, part-of-speech tag)

_lock = threading.Lock()

# jieba 0.42.1's re_han_default, re_skip_default and re_eng: each run of the first is cut on its
# own; the rest is split at whitespace and yields one token per other character.
_HAN = re.compile("([\u4e00-\u9fd5a-zA-Z0-9+#&\\._%\\-]+)")
_SKIP = re.compile("(\r\n|\\s)")
_LETTER = re.compile("[a-zA-Z0-9]")
_ASCII_ALNUM = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
# How many blocks' dictionary words a tokenizer remembers, twice over (the blocks of the last
# few batches: a batch of 64 posts holds a few hundred).
_REMEMBERED_BLOCKS = 4096


@cache  # jieba.initialize() takes a lock and resolves paths on every call
def _base() -> Any:
    from localize.text import jieba_dict

    jieba = jieba_dict.import_jieba()
    jieba.setLogLevel(logging.WARNING)
    base = jieba.Tokenizer()
    jieba_dict.initialize(base)
    return base


def load_dictionary() -> None:
    """Load jieba's default dictionary and its HMM now rather than on the first cut (a process
    that forks workers does it once for all of them)."""
    tokenizer().load()


class Tokenizer:
    """jieba (accurate mode) with its own user dictionaries and words, built on first use."""

    def __init__(self, user_dicts: Sequence[str] = (), words: Sequence[Word] = ()) -> None:
        self.user_dicts = tuple(user_dicts)
        # jieba never matches user words that contain spaces, so those are left out.
        self.words = tuple(w for w in dict.fromkeys(words) if w[0].strip() and " " not in w[0])
        self._jieba: Any = None
        # Block -> its dictionary route (see _route), for the blocks cut last (two generations:
        # when the newer one is full it becomes the older one, so memory stays bounded).
        self._routes: dict[str, list[int]] = {}
        self._older_routes: dict[str, list[int]] = {}

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

    def load(self, *, hmm: bool = True) -> None:
        """Load what :meth:`cut` needs now rather than on the first text: the dictionary and,
        with ``hmm``, the HMM for unknown words."""
        self.jieba  # noqa: B018  (built on first use)
        if hmm:
            finalseg.load_model()

    def cut(self, text: str, *, hmm: bool = True) -> list[str]:
        """Tokens of ``text``; placeholders are whole tokens and ``"".join(tokens) == text``.

        With ``hmm=False``: jieba's dictionary words alone (no HMM guesses for unknown words).
        """
        if not hmm:
            # A block segment cut last (what word-aware convert asks for): its words are known.
            # Such a block holds no placeholder (cut splits at them first) and is one block.
            known = self._remembered(text)
            if known is not None:
                return known
        if not has_placeholder(text):
            return self._cut(text, hmm)
        tokens: list[str] = []
        last = 0
        for match in PLACEHOLDER_RE.finditer(text):
            if match.start() > last:
                tokens.extend(self._cut(text[last : match.start()], hmm))
            tokens.append(match.group())
            last = match.end()
        if last < len(text):
            tokens.extend(self._cut(text[last:], hmm))
        return tokens

    def _cut(self, text: str, hmm: bool) -> list[str]:
        # jieba.Tokenizer.cut(text, HMM=hmm) in accurate mode, token for token. Both patterns
        # split with one group, so the pieces alternate: text between matches (which holds no
        # character of the pattern, so jieba's re.match on it fails), then a match.
        tokens: list[str] = []
        cut_block = self._cut_block
        for i, block in enumerate(_HAN.split(text)):
            if not block:
                continue
            if i & 1:
                tokens.extend(cut_block(block, hmm))
            elif len(block) == 1:  # one character, whitespace or not, is one token
                tokens.append(block)
            else:
                for j, piece in enumerate(_SKIP.split(block)):
                    if j & 1:
                        tokens.append(piece)
                    else:
                        tokens.extend(piece)  # one token per character
        return tokens

    def _cut_block(self, block: str, hmm: bool) -> list[str]:
        if not hmm:
            known = self._remembered(block)
            if known is not None:
                return known
        ends = self._route(block)[1]
        if not hmm:
            return _dictionary_words(block, ends)
        # jieba's __cut_DAG: the words of the route, with each run of single characters given
        # to the HMM.
        tokens: list[str] = []
        singles = ""
        guess = self._guess
        x, n = 0, len(block)
        while x < n:
            y = ends[x] + 1
            if y - x == 1:
                singles += block[x]
            else:
                if singles:
                    guess(singles, tokens)
                    singles = ""
                tokens.append(block[x:y])
            x = y
        if singles:
            guess(singles, tokens)
        # The route is remembered (its words are built only if asked for): a by-product of an
        # HMM cut (segment's), for word-aware convert after it.
        if len(self._routes) >= _REMEMBERED_BLOCKS:
            self._older_routes = self._routes
            self._routes = {}
        self._routes[block] = ends
        return tokens

    def _remembered(self, block: str) -> list[str] | None:
        """The dictionary words of a block cut last, from its remembered route (a new list)."""
        ends = self._routes.get(block)
        if ends is None:
            ends = self._older_routes.get(block)
            if ends is None:
                return None
        return _dictionary_words(block, ends)

    def _route(self, block: str) -> tuple[list[float], list[int]]:
        """jieba's best route through ``block``: the word that starts at ``x`` ends at
        ``ends[x]`` (inclusive), by the highest total log frequency (``scores[x]``, from ``x``
        to the end of the block).

        jieba's ``get_DAG`` then ``calc``, fused into one backward pass with the same
        arithmetic in the same order (so the same floats and the same ties): a word ending at
        ``i`` is a candidate where ``block[x:i + 1]`` has a non-zero frequency, extending
        while it is a prefix of some word (jieba stores prefixes with frequency 0).
        """
        jieba = self._jieba or self.jieba
        freq = jieba.FREQ.get
        logtotal = log(jieba.total)
        n = len(block)
        scores: list[float] = [0] * (n + 1)
        ends = [0] * (n + 1)
        for x in range(n - 1, -1, -1):
            best: float | None = None
            end = i = x
            count = freq(block[x])
            while count is not None:
                if count:
                    score = log(count) - logtotal + scores[i + 1]
                    # jieba takes the max of (score, end) tuples: on a tie the longer word.
                    if best is None or score >= best:
                        best, end = score, i
                i += 1
                if i >= n:
                    break
                count = freq(block[x : i + 1])
            if best is None:  # no word starts here: the character alone
                best = log(freq(block[x]) or 1) - logtotal + scores[x + 1]
            scores[x] = best
            ends[x] = end
        return scores, ends

    def _guess(self, singles: str, tokens: list[str]) -> None:
        # Single characters of the route: the HMM (finalseg) may join a run of them into words
        # the dictionary lacks, unless the run is itself a dictionary word.
        if len(singles) == 1:
            tokens.append(singles)
        elif not self._jieba.FREQ.get(singles):
            finalseg.cut(singles, tokens)
        else:
            tokens.extend(singles)


def _dictionary_words(block: str, ends: list[int]) -> list[str]:
    """The words of ``block`` on its dictionary route (``ends``, as :meth:`Tokenizer._route`
    gives it); jieba's __cut_DAG_NO_HMM joins runs of single ASCII letters and digits."""
    pieces: list[str] = []
    x, n = 0, len(block)
    while x < n:
        y = ends[x] + 1
        pieces.append(block[x:y])
        x = y
    return _join_letters(pieces) if _LETTER.search(block) else pieces


def _join_letters(pieces: list[str]) -> list[str]:
    words: list[str] = []
    letters = ""
    for piece in pieces:
        if len(piece) == 1 and piece in _ASCII_ALNUM:
            letters += piece
        else:
            if letters:
                words.append(letters)
                letters = ""
            words.append(piece)
    if letters:
        words.append(letters)
    return words


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
