"""Word-aware Chinese conversion: OpenCC's phrases, jieba's words, and a region vocabulary.

OpenCC segments by forward maximum matching over its phrase dictionary, so a phrase can swallow
the end of one word and the start of the next: 多伦多只要 holds the phrase 多只 (多隻, "many
[animals]") across 多伦多|只要 and comes out 多倫多隻要. Converting jieba's tokens one by one
(what OpenCC's jieba plugin does) fixes that but throws away every OpenCC phrase that spans two
jieba tokens: 芒果干 (芒果|干) becomes 芒果幹, 星露谷物语 becomes 星露穀物語.

Here OpenCC's segmentation (forward maximum matching over the keys of the config's segmentation
dictionaries, read straight from its ``.ocd2`` files with marisa-trie, the trie library OpenCC is
built on) is kept, and jieba is consulted only where one of OpenCC's segments cuts into a word
of two or more characters from jieba's dictionary (no HMM guesses: boundaries jieba is sure
of). Such a word converts on its own unless OpenCC reads all of its characters as phrases of
its own: 多只 cuts 多伦多|只要 and leaves 要 alone, so 多伦多 and 只要 convert as words, while
星露谷|物语 both cover jieba's 谷物 and OpenCC's reading stays. Phrases that are whole jieba
tokens (芒果干 = 芒果|干, 今周刊 = 今|周刊) are never cut. The pieces then go through OpenCC
(one call for a whole batch), and the region vocabulary's phrases, where they start and end at
word boundaries, replace OpenCC's output.

Written here rather than taken from a library because no converter offers this: OpenCC's own
segmenters are maximum matching or jieba alone, and the MediaWiki-table converters (zhconv,
zhconv-rs) are GPL.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, Literal

Segmentation = Literal["jieba", "opencc"]

# OCD2 files start with this header, followed by a marisa trie of the keys.
_OCD2_HEADER = b"OPENCC_MARISA_0.2.5"


def opencc_share_dir() -> Path:
    """Where the installed OpenCC keeps its configs and dictionaries."""
    import opencc

    return Path(opencc.__file__).resolve().parent / "clib" / "share" / "opencc"


def config_path(config: str) -> Path:
    """The JSON file of an OpenCC config name (``s2twp``, ``s2twp.json``) or a config file."""
    path = Path(config)
    if path.suffix == ".json" and path.is_file():
        return path
    name = config if config.endswith(".json") else f"{config}.json"
    return opencc_share_dir() / name


class _Keys:
    """The keys of one OpenCC dictionary, for prefix lookups."""

    def __init__(self, path: Path) -> None:
        import marisa_trie

        self.trie: Any
        if path.suffix == ".ocd2":
            data = path.read_bytes()
            if not data.startswith(_OCD2_HEADER):
                raise ValueError(f"{path}: not an OpenCC .ocd2 dictionary")
            self.trie = marisa_trie.Trie()
            self.trie.frombytes(data[len(_OCD2_HEADER) :])
        else:  # OpenCC's text dictionaries: "key<TAB>value value ..."
            keys = []
            for line in path.read_text(encoding="utf-8").splitlines():
                key = line.split("\t", 1)[0].strip()
                if key:
                    keys.append(key)
            self.trie = marisa_trie.Trie(keys)

    def prefixes(self, text: str) -> list[str]:
        found: list[str] = self.trie.prefixes(text)
        return found


def _dict_files(node: Mapping[str, Any], base: Path) -> list[Path]:
    if node.get("type") == "group":
        return [f for d in node.get("dicts", []) for f in _dict_files(d, base)]
    if node.get("type") in ("ocd2", "text", "ocd") and "file" in node:
        path = Path(node["file"])
        for candidate in (base / path, opencc_share_dir() / path, path):
            if candidate.is_file():
                return [candidate]
    return []


@dataclass(frozen=True)
class Stage:
    """One matching pass of a config: its dictionary keys and the text it runs over.

    ``before`` converts the input into what this pass sees (None: the input itself)."""

    keys: _Phrases
    before: Any = None


def _absolute(node: Any, base: Path) -> Any:
    if isinstance(node, dict):
        out = {k: _absolute(v, base) for k, v in node.items()}
        if "file" in out and isinstance(out["file"], str):
            found = _dict_files(node, base)
            if found:
                out["file"] = str(found[0])
        return out
    if isinstance(node, list):
        return [_absolute(v, base) for v in node]
    return node


def _partial_converter(spec: dict[str, Any], base: Path, stages: int) -> Any:
    # OpenCC reads a config file once, when the converter is built.
    import opencc

    partial = _absolute({**spec, "conversion_chain": spec["conversion_chain"][:stages]}, base)
    handle, name = tempfile.mkstemp(suffix=".json")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            json.dump(partial, out)
        return opencc.OpenCC(name)
    finally:
        os.unlink(name)


@cache
def segmentation_stages(config: str) -> tuple[Stage, ...]:
    """How OpenCC matches phrases for ``config``: its segmentation, then each later dictionary
    of the conversion chain, which matches forward again over the previous pass's output (so
    a Taiwan phrase such as 的士 -> 計程車 can cross words the first pass kept apart)."""
    path = config_path(config)
    spec = json.loads(path.read_text(encoding="utf-8"))
    chain = spec.get("conversion_chain") or [{}]
    # Without a "segmentation" section (OpenCC >= 1.2 configs such as s2t), the first dictionary
    # of the conversion chain matches forward over the whole text: its keys are the segments.
    segmentation = spec.get("segmentation")
    first = segmentation.get("dict", {}) if segmentation else chain[0].get("dict", {})
    stages = [Stage(_load_keys(first, path.parent))]
    for index in range(1, len(chain)):
        keys = _load_keys(chain[index].get("dict", {}), path.parent)
        if keys:
            stages.append(Stage(keys, _partial_converter(spec, path.parent, index)))
    return tuple(stages)


def _load_keys(node: Mapping[str, Any], base: Path) -> _Phrases:
    files = [_keys_of(f) for f in _dict_files(node, base) if f.suffix != ".ocd"]
    return _Phrases([k for keys in files for k in keys.trie if len(k) > 1])


class _Phrases:
    """The multi-character keys of one matching pass, merged into one trie (single characters
    are segments anyway), with the characters they can start with for a cheap first test."""

    def __init__(self, keys: list[str]) -> None:
        import marisa_trie

        self.trie: Any = marisa_trie.Trie(keys)
        self.first = frozenset(k[0] for k in keys)
        self.longest = max((len(k) for k in keys), default=1)

    def __bool__(self) -> bool:
        return bool(self.first)


@cache
def _keys_of(path: Path) -> _Keys:
    return _Keys(path)


@dataclass(frozen=True)
class Vocabulary:
    """Region phrases layered over OpenCC: whole-token phrases and single-character forms."""

    phrases: Mapping[str, str] = field(default_factory=dict)
    identity: str = ""

    @property
    def characters(self) -> dict[str, str]:
        return {k: v for k, v in self.phrases.items() if len(k) == 1}


class WordwiseConverter:
    """Converts texts with OpenCC ``config`` over OpenCC's segmentation corrected by jieba."""

    def __init__(
        self,
        opencc_converter: Any,
        config: str,
        *,
        cut: Callable[[str], Iterable[str]] | None = None,
        vocabulary: Vocabulary | None = None,
        segmentation: Segmentation = "jieba",
    ) -> None:
        self._opencc = opencc_converter
        self._cut = cut
        self.segmentation = segmentation
        if segmentation == "jieba" and cut is None:
            raise ValueError("jieba segmentation needs a cut function")
        self.vocabulary = vocabulary or Vocabulary()
        self._stages = segmentation_stages(config)
        self._vocab = dict(self.vocabulary.phrases)
        # Punctuation entries (“ -> 「) hold no Han character, which OpenCC never changes, so
        # they apply anywhere; Han characters (户 -> 戶) only where OpenCC kept the alignment.
        chars = self.vocabulary.characters
        self._punctuation = {ord(k): v for k, v in chars.items() if not _is_han(k)}
        self._vocab_chars = {k: v for k, v in chars.items() if _is_han(k)}
        self._vocab_max = max((len(k) for k in self._vocab), default=0)

    # -- segmentation --------------------------------------------------------------------------
    def opencc_segments(self, text: str, stage: int = 0) -> list[int]:
        """The ends of OpenCC's segments in one pass: forward maximum matching over its keys."""
        phrases = self._stages[stage].keys
        first, prefixes, width = phrases.first, phrases.trie.prefixes, phrases.longest
        ends: list[int] = []
        i, n = 0, len(text)
        while i < n:
            longest = 1
            if text[i] in first:
                for key in prefixes(text[i : i + width]):
                    longest = max(longest, len(key))
            i += longest
            ends.append(i)
        return ends

    def _passes(self, text: str) -> list[list[int]]:
        # The segment ends of every pass, on positions of ``text`` (a later pass is skipped
        # where the text before it no longer lines up character by character).
        passes = [self.opencc_segments(text)]
        for index, stage in enumerate(self._stages[1:], start=1):
            seen = stage.before.convert(text)
            if len(seen) == len(text):
                passes.append(self.opencc_segments(seen, index))
        return passes

    def tokens(self, text: str) -> list[str]:
        """``text`` cut into the pieces that convert on their own (``"".join`` gives it back).

        OpenCC's segments are kept, except where one cuts into a word of two or more characters
        from jieba's dictionary and OpenCC does not read those characters as phrases of its own
        (多只 cutting 多伦多|只要: the words 多伦多 and 只要 convert on their own; 星露谷 and 物语
        both cover 谷物, so OpenCC's reading stays). Region vocabulary phrases are pieces of
        their own where they start and end at word boundaries and cut no OpenCC phrase.
        """
        if not text:
            return []
        fixed: list[tuple[int, int]] = []  # (start, end) of pieces that convert on their own
        if self.segmentation == "jieba":
            assert self._cut is not None
            passes = self._passes(text)
            words = self._words(text, passes)
            cut_words: set[tuple[int, int]] = set()
            for ends in passes:
                cut_words.update(_cut_words(words, ends, len(text)))
            fixed = sorted(cut_words)
            # A vocabulary phrase must not cut a word, nor an OpenCC phrase that stays (宏替换
            # is one phrase, 巨集替換: the Taiwan 替换 -> 取代 does not apply inside it).
            kept = {0, *passes[0], *(a for a, _ in fixed), *(b for _, b in fixed)}
            boundaries = {0, *(a for a, _ in words), *(b for _, b in words)} & kept
        else:
            boundaries = {0, *self.opencc_segments(text)}
        if self._vocab_max:
            fixed = self._with_vocabulary(text, fixed, boundaries)
        if not fixed:
            return [text]
        out: list[str] = []
        at = 0
        for a, b in fixed:
            if a > at:
                out.append(text[at:a])
            out.append(text[a:b])
            at = b
        if at < len(text):
            out.append(text[at:])
        return out

    def _words(self, text: str, passes: list[list[int]]) -> list[tuple[int, int]]:
        """jieba's words as ``(start, end)``, only in the blocks where they can matter.

        jieba cuts each run of Han letters and digits (its own block pattern) on its own, so a
        block without a multi-character OpenCC segment or vocabulary phrase needs no cutting:
        nothing there can be cut into or replaced. Most of a post is such blocks.
        """
        assert self._cut is not None
        wanted = bytearray(len(text))
        for ends in passes:
            start = 0
            for end in ends:
                if end - start > 1:
                    wanted[start:end] = b"\x01" * (end - start)
                start = end
        for key in self._vocab:
            if len(key) > 1:
                at = text.find(key)
                while at != -1:
                    wanted[at : at + len(key)] = b"\x01" * len(key)
                    at = text.find(key, at + 1)
        words: list[tuple[int, int]] = []
        for block in _JIEBA_BLOCK.finditer(text):
            a, b = block.span()
            if 1 not in wanted[a:b]:
                continue
            for word in self._cut(block.group()):
                words.append((a, a + len(word)))
                a += len(word)
        return words

    def _with_vocabulary(
        self, text: str, fixed: list[tuple[int, int]], boundaries: set[int]
    ) -> list[tuple[int, int]]:
        # Longest vocabulary phrase first, left to right, only between word boundaries; a
        # phrase replaces the fixed words it covers and never cuts one.
        taken = [False] * len(text)
        spans: list[tuple[int, int]] = []
        i, n = 0, len(text)
        while i < n:
            if i in boundaries:
                for length in range(min(self._vocab_max, n - i), 1, -1):
                    stop = i + length
                    if stop in boundaries and text[i:stop] in self._vocab:
                        spans.append((i, stop))
                        for k in range(i, stop):
                            taken[k] = True
                        i = stop
                        break
                else:
                    i += 1
            else:
                i += 1
        for a, b in fixed:
            inside = taken[a:b]
            if not any(inside):
                spans.append((a, b))
        return sorted(spans)

    # -- conversion ----------------------------------------------------------------------------
    def convert_many(self, texts: Sequence[str]) -> list[str]:
        """Each text converted; all pieces of the batch go through OpenCC in one call."""
        if self.segmentation == "opencc" and not self._vocab:
            return list(self._opencc.convert_many(list(texts)))
        cut = [self.tokens(text) for text in texts]
        flat = [t for tokens in cut for t in tokens]
        plain = [t for t in flat if t not in self._vocab]
        converted = iter(self._opencc.convert_many(plain))
        out_tokens = [
            self._vocab[t] if t in self._vocab else self._fix_characters(t, next(converted))
            for t in flat
        ]
        result: list[str] = []
        at = 0
        for tokens in cut:
            result.append("".join(out_tokens[at : at + len(tokens)]))
            at += len(tokens)
        return result

    def convert(self, text: str) -> str:
        return self.convert_many([text])[0]

    def _fix_characters(self, source: str, converted: str) -> str:
        # Single-character vocabulary entries replace OpenCC's form of that character.
        if self._punctuation:
            converted = converted.translate(self._punctuation)
        if not self._vocab_chars or len(source) != len(converted):
            return converted
        if not any(ch in self._vocab_chars for ch in source):
            return converted
        return "".join(self._vocab_chars.get(s, c) for s, c in zip(source, converted, strict=True))


def _is_han(char: str) -> bool:
    return "\u3400" <= char <= "\u9fff" or "\U00020000" <= char <= "\U0003134f"


# jieba's re_han_default: it segments each such run on its own.
_JIEBA_BLOCK = re.compile(r"[\u4E00-\u9FD5a-zA-Z0-9+#&\._%\-]+")


def _cut_words(
    words: Sequence[tuple[int, int]], ends: Sequence[int], length: int
) -> Iterable[tuple[int, int]]:
    """The words (of two or more characters) that a segment cuts into, where OpenCC does not
    read every character of the word as part of a phrase of its own."""
    segment_of = [0] * length
    start = 0
    for index, end in enumerate(ends):
        for k in range(start, end):
            segment_of[k] = index
        start = end
    for a, b in words:
        if b - a < 2:
            continue
        first, last = segment_of[a], segment_of[b - 1]
        seg_start = ends[first - 1] if first else 0
        if seg_start < a or ends[last] > b:
            singles = any(ends[k] - (ends[k - 1] if k else 0) < 2 for k in range(first, last + 1))
            if singles:
                yield (a, b)


# -- the region vocabulary -----------------------------------------------------------------------
def _vocabulary_file() -> Path:
    return Path(__file__).resolve().parent.parent / "data" / "region_vocabulary.tsv"


@cache
def _vocabulary_rows() -> tuple[tuple[str, str, str, str], ...]:
    rows = []
    for line in _vocabulary_file().read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        locale, source, target, evidence = line.split("\t", 3)
        rows.append((locale, source, target, evidence))
    return tuple(rows)


def vocabulary_locales() -> tuple[str, ...]:
    """The locales the region vocabulary has phrases for."""
    return tuple(dict.fromkeys(row[0] for row in _vocabulary_rows()))


@cache
def region_vocabulary(locale: str) -> Vocabulary:
    """The shipped region vocabulary for ``locale`` (empty for locales it does not cover)."""
    phrases = {src: tgt for loc, src, tgt, _ in _vocabulary_rows() if loc == locale}
    if not phrases:
        return Vocabulary()
    import hashlib

    digest = hashlib.sha256(
        "".join(f"{k}\t{v}\n" for k, v in sorted(phrases.items())).encode()
    ).hexdigest()[:8]
    return Vocabulary(phrases, identity=f"{locale}:{len(phrases)}:{digest}")


def vocabulary_entries() -> Iterable[tuple[str, str, str, str]]:
    """Every shipped row: (locale, zh-Hans phrase, target, evidence)."""
    return _vocabulary_rows()
