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
from itertools import accumulate, pairwise
from pathlib import Path
from typing import Any, Literal

from localize.text.phrase_filter import phrase_filter

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

    ``before`` converts the input into what this pass sees (None: the input itself).
    ``could_match`` tells, from the input alone, whether what this pass sees can hold one of its
    keys (None: assume it can); a text it rules out needs no conversion for this pass."""

    keys: _Phrases
    before: Any = None
    could_match: Callable[[str], bool] | None = None


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
            before = _partial_converter(spec, path.parent, index)
            could_match = None
            if index == 1:
                could_match = _phrase_filter(spec, path, before, keys)
            stages.append(Stage(keys, before, could_match))
    return tuple(stages)


def _phrase_filter(
    spec: dict[str, Any], path: Path, before: Any, keys: _Phrases
) -> Callable[[str], bool] | None:
    # What the first dictionary of the chain reads (normalization, segmentation and its own
    # keys) is all that stands between the input and the second pass.
    chain = spec["conversion_chain"]
    read = [
        *dict.fromkeys(
            _dict_paths([spec.get("normalization"), spec.get("segmentation"), chain[0]], path)
        )
    ]

    def convert(texts: Sequence[str]) -> list[str]:
        return _convert_each(before, texts)

    def read_keys() -> set[str]:
        return {key for file in read for key in _keys_of(file).trie}

    found = phrase_filter(
        convert, read_keys, keys.keys, [path, *read, *_dict_paths(chain[1], path)]
    )
    return found.could_match if found is not None else None


def _dict_paths(nodes: Any, config: Path) -> list[Path]:
    """The dictionary files under config nodes (not the old .ocd format: no trie to read)."""
    if isinstance(nodes, list):
        return [f for node in nodes for f in _dict_paths(node, config)]
    if not isinstance(nodes, dict):
        return []
    if nodes.get("type") in ("group", "ocd2", "text", "ocd"):
        return [f for f in _dict_files(nodes, config.parent) if f.suffix != ".ocd"]
    return [f for value in nodes.values() for f in _dict_paths(value, config)]


def _load_keys(node: Mapping[str, Any], base: Path) -> _Phrases:
    files = [_keys_of(f) for f in _dict_files(node, base) if f.suffix != ".ocd"]
    return _Phrases(k for keys in files for k in keys.trie if len(k) > 1)


class _Phrases:
    """The multi-character keys of one matching pass (single characters are segments anyway).

    OpenCC's forward maximum matching takes, at each position, the longest key starting there,
    or one character where none does. Its multi-character segments are therefore exactly the
    leftmost-longest, non-overlapping matches of its keys, which daachorse's Aho-Corasick
    automaton finds in one pass in C (the matcher the glossary uses too), instead of a trie
    lookup per character in Python.
    """

    def __init__(self, keys: Iterable[str]) -> None:
        import daachorse

        self.keys = frozenset(keys)
        self._automaton: Any = None
        if self.keys:
            self._automaton = daachorse.CharwiseDoubleArrayAhoCorasick(
                sorted(self.keys), match_kind=daachorse.MATCH_KIND_LEFTMOST_LONGEST
            )

    def __bool__(self) -> bool:
        return bool(self.keys)

    def find(self, text: str) -> list[tuple[int, int, int]]:
        """The multi-character segments of ``text``: ``(start, end, key id)``, in order."""
        if self._automaton is None:
            return []
        found: list[tuple[int, int, int]] = self._automaton.find(text)
        return found


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
        self._punctuation_chars = [chr(k) for k in self._punctuation]
        self._vocab_chars = {k: v for k, v in chars.items() if _is_han(k)}
        # Every occurrence of a vocabulary phrase (overlapping ones too) in one C pass.
        self._vocabulary_keys: Any = None
        phrases = sorted(k for k in self._vocab if len(k) > 1)
        if phrases:
            import daachorse

            self._vocabulary_keys = daachorse.CharwiseDoubleArrayAhoCorasick(phrases)

    # -- segmentation --------------------------------------------------------------------------
    def opencc_phrases(self, text: str, stage: int = 0) -> list[tuple[int, int]]:
        """OpenCC's multi-character segments in one pass (forward maximum matching over its
        keys) as ``(start, end)``; every other character is a segment of its own."""
        return [(a, b) for a, b, _ in self._stages[stage].keys.find(text)]

    def _passes(self, texts: Sequence[str]) -> list[list[list[tuple[int, int, int]]]]:
        # Per text, the multi-character segments of every pass, on positions of the text (a
        # later pass is skipped where the text before it no longer lines up character by
        # character). What a later pass sees is converted for the whole batch in one call.
        first = self._stages[0].keys
        passes = [[first.find(text)] for text in texts]
        for stage in self._stages[1:]:
            wanted: Sequence[int] = range(len(texts))
            if stage.could_match is not None:
                wanted = [i for i, text in enumerate(texts) if stage.could_match(text)]
            seen = _convert_each(stage.before, [texts[i] for i in wanted])
            for i, view in zip(wanted, seen, strict=True):
                if len(view) == len(texts[i]):
                    passes[i].append(stage.keys.find(view))
        return passes

    def tokens(self, text: str) -> list[str]:
        """``text`` cut into the pieces that convert on their own (``"".join`` gives it back).

        OpenCC's segments are kept, except where one cuts into a word of two or more characters
        from jieba's dictionary and OpenCC does not read those characters as phrases of its own
        (多只 cutting 多伦多|只要: the words 多伦多 and 只要 convert on their own; 星露谷 and 物语
        both cover 谷物, so OpenCC's reading stays). Region vocabulary phrases are pieces of
        their own where they start and end at word boundaries and cut no OpenCC phrase.
        """
        return self._tokens_many([text])[0]

    def _tokens_many(self, texts: Sequence[str]) -> list[list[str]]:
        if self.segmentation != "jieba":
            return [self._tokens(text, None) for text in texts]
        passes = self._passes(texts)
        return [self._tokens(text, found) for text, found in zip(texts, passes, strict=True)]

    def _tokens(self, text: str, passes: list[list[tuple[int, int, int]]] | None) -> list[str]:
        # ``passes``: OpenCC's multi-character segments of each pass (None: no jieba).
        if not text:
            return []
        occurrences: list[tuple[int, int, int]] = []
        if self._vocabulary_keys is not None:
            occurrences = self._vocabulary_keys.find_overlapping(text)
        fixed: list[tuple[int, int]] = []  # (start, end) of pieces that convert on their own
        if passes is not None:
            if not occurrences and not any(passes):
                return [text]  # no phrase of more than one character: nothing to cut into
            words = self._words(text, passes, occurrences)
            word_ends = dict(words)
            word_starts = {b: a for a, b in words}
            cut_words: set[tuple[int, int]] = set()
            for segments in passes:
                if segments:
                    cut_words.update(_cut_words(word_ends, word_starts, segments, len(text)))
            fixed = sorted(cut_words)
            if occurrences:
                # A vocabulary phrase must not cut a word, nor an OpenCC phrase that stays (宏替换
                # is one phrase, 巨集替換: the Taiwan 替换 -> 取代 does not apply inside it).
                inside = _inside(passes[0], len(text))
                kept = {a for a, _ in fixed} | {b for _, b in fixed}
                boundaries = {
                    x
                    for x in (0, *(a for a, _ in words), *(b for _, b in words))
                    if x == 0 or not inside[x] or x in kept
                }
                fixed = self._with_vocabulary(text, fixed, occurrences, boundaries.__contains__)
        elif occurrences:
            inside = _inside(self._stages[0].keys.find(text), len(text))
            fixed = self._with_vocabulary(text, fixed, occurrences, lambda x: not inside[x])
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

    def _words(
        self,
        text: str,
        passes: list[list[tuple[int, int, int]]],
        occurrences: list[tuple[int, int, int]],
    ) -> list[tuple[int, int]]:
        """jieba's words as ``(start, end)``, only in the blocks where they can matter.

        jieba cuts each run of Han letters and digits (its own block pattern) on its own, so a
        block without a multi-character OpenCC segment or vocabulary phrase needs no cutting:
        nothing there can be cut into or replaced. Most of a post is such blocks.
        """
        assert self._cut is not None
        wanted = bytearray(len(text))
        for segments in passes:
            for start, end, _ in segments:
                wanted[start:end] = _ONE * (end - start)
        for start, end, _ in occurrences:
            wanted[start:end] = _ONE * (end - start)
        words: list[tuple[int, int]] = []
        for block in _JIEBA_BLOCK.finditer(text):
            a, b = block.span()
            if 1 not in wanted[a:b]:
                continue
            words.extend(pairwise(accumulate(map(len, self._cut(block.group())), initial=a)))
        return words

    def _with_vocabulary(
        self,
        text: str,
        fixed: list[tuple[int, int]],
        occurrences: list[tuple[int, int, int]],
        boundary: Callable[[int], bool],
    ) -> list[tuple[int, int]]:
        # Longest vocabulary phrase first, left to right, only between word boundaries; a
        # phrase replaces the fixed words it covers and never cuts one.
        stops: dict[int, list[int]] = {}
        for start, end, _ in occurrences:
            stops.setdefault(start, []).append(end)
        taken: set[int] = set()
        spans: list[tuple[int, int]] = []
        at = 0
        for start in sorted(stops):
            if start < at or not boundary(start):
                continue
            for stop in sorted(stops[start], reverse=True):
                if boundary(stop):
                    spans.append((start, stop))
                    taken.update(range(start, stop))
                    at = stop
                    break
        for a, b in fixed:
            if taken.isdisjoint(range(a, b)):
                spans.append((a, b))
        return sorted(spans)

    # -- conversion ----------------------------------------------------------------------------
    def convert_many(self, texts: Sequence[str]) -> list[str]:
        """Each text converted; all pieces of the batch go through OpenCC in one call."""
        if self.segmentation == "opencc" and not self._vocab:
            return list(self._opencc.convert_many(list(texts)))
        cut = self._tokens_many(texts)
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
        if self._punctuation and any(ch in converted for ch in self._punctuation_chars):
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
    word_ends: Mapping[int, int],
    word_starts: Mapping[int, int],
    segments: Sequence[tuple[int, int, int]],
    length: int,
) -> list[tuple[int, int]]:
    """The words (of two or more characters) that a segment cuts into, where OpenCC does not
    read every character of the word as part of a phrase of its own.

    ``word_ends``: each word's end by its start; ``word_starts``: its start by its end.
    ``segments`` are the pass's multi-character segments: a word is cut where one of its ends
    falls inside one, and a character of the word outside all of them is a one-character
    segment. Only the places inside segments are looked at (a few per text), not every word."""
    found = []
    for start, end, _ in segments:
        for x in range(start + 1, end):
            if x in word_ends:
                found.append((x, word_ends[x]))
            if x in word_starts:
                found.append((word_starts[x], x))
    if not found:
        return found
    covered = bytearray(length)
    for start, end, _ in segments:
        covered[start:end] = _ONE * (end - start)
    return [(a, b) for a, b in found if b - a > 1 and 0 in covered[a:b]]


def _inside(segments: Sequence[tuple[int, int, int]], length: int) -> bytearray:
    """1 at the positions strictly inside a multi-character segment (no segment ends there),
    for positions 0 to ``length``."""
    inside = bytearray(length + 1)
    for start, end, _ in segments:
        inside[start + 1 : end] = _ONE * (end - start - 1)
    return inside


def _convert_each(opencc_converter: Any, texts: Sequence[str]) -> list[str]:
    """``[opencc_converter.convert(t) for t in texts]``, in one OpenCC call where that gives the
    same: texts joined by a private-use character no dictionary key holds (nothing converts
    across it). A text with a NUL or that character itself goes on its own (OpenCC's binding
    stops at a NUL: what a later pass sees then no longer lines up, as before)."""
    if not texts:
        return []
    alone = {i for i, t in enumerate(texts) if "\x00" in t or _SEPARATOR in t}
    batch = [t for i, t in enumerate(texts) if i not in alone]
    converted = iter(opencc_converter.convert(_SEPARATOR.join(batch)).split(_SEPARATOR))
    out = [
        opencc_converter.convert(t) if i in alone else next(converted) for i, t in enumerate(texts)
    ]
    return out


_ONE = b"\x01"
_SEPARATOR = "\ue000"


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
