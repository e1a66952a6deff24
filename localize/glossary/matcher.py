"""Find every glossary term in a text in one Aho-Corasick pass, leftmost-longest.

Library choice, measured here (30,000 terms, 4.5 MB of Chinese text, one core; see
``benchmarks/bench_glossary.py``, which prints both side by side): ``ahocorasick-rs`` (Rust
``aho-corasick`` crate, leftmost-longest built in, matches returned as one list) scans at about
30 MB/s; ``pyahocorasick``'s ``iter_long`` at about 5 MB/s (8 MB/s for overlapping ``iter``)
because it yields one Python tuple per step. Build times are equal (~0.05 s), so we use
ahocorasick-rs.

How a match is decided:

* Keys and text are *folded* the same way before matching: lower-cased, and every
  Traditional-only character mapped to its Simplified form (OpenCC's character table). So a
  Simplified-only glossary finds 蒙特利爾 in Traditional text, and 蒙特婁 (zh-Hant-TW) is still
  found as itself. The fold keeps offsets: it maps one character to one character.
* Each raw match is then checked against the original text: a case-sensitive term must match
  exactly (``CN Tower``, ``WestJet``; see :func:`~localize.glossary.model.auto_case_sensitive`);
  a term that starts/ends with a Latin letter or digit must sit on a word boundary (Han
  characters next to it are a boundary: 去Banff玩); with ``jieba_boundaries`` a Chinese term must
  start and end on jieba token boundaries; and no match may overlap a protected span
  (placeholders such as ``XQ3QX`` and Weibo entities: @mentions, #话题#, URLs, [表情]) -- except
  a campaign-hashtag term, which may be exactly a #话题#.
* When the longest match at a position fails a check, shorter terms at the same position are
  tried, then positions further on, so a rejected match never hides a valid one.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

import ahocorasick_rs

from localize.entities import entity_pattern
from localize.glossary.model import GOVERNS, ZH_LOCALES, Entry, Term, convert, locale_family
from localize.placeholders import PLACEHOLDER_RE
from localize.post import TermMatch

if TYPE_CHECKING:
    from localize.glossary.model import Glossary

# Entity kinds a term may never overlap (emoji and numbers cannot contain a term's letters).
PROTECTED_KINDS = ("url", "email", "repost", "mention", "hashtag", "emoticon")
# Characters without which none of PROTECTED_KINDS can occur: skips the entity scan cheaply.
_ENTITY_TRIGGERS = "@#[./"
_NOWHERE = 1 << 62  # a span start/end past any text


@cache
def _fold_table() -> tuple[dict[int, str], frozenset[str]]:
    from localize.script import traditional_only_chars

    table: dict[int, str] = {}
    for ch in traditional_only_chars():
        simplified = convert(ch, "t2s")
        if len(simplified) == 1 and simplified != ch:
            table[ord(ch)] = simplified
    return table, frozenset(chr(c) for c in table)


def _lower(text: str) -> str:
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    # A few characters lower-case to two (U+0130 İ); keep offsets by leaving those as they are.
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


@cache
def _traditional_finder() -> ahocorasick_rs.AhoCorasick:
    return ahocorasick_rs.AhoCorasick(sorted(_fold_table()[1]))


def fold_script(text: str) -> str:
    """Traditional-only characters -> Simplified, one for one (offsets unchanged)."""
    # Most posts are Simplified, so the question is mostly "any Traditional-only character?".
    # Measured on 4 MB of Chinese: the Rust automaton over those ~3,200 characters answers it at
    # ~230 MB/s (and the UTF-8 copy it makes is cached on the string, so the main scan reuses
    # it); a frozenset test runs at ~60 MB/s, translate() at ~37 MB/s, a regex class at ~18 MB/s.
    # A prefix is tried first: Traditional text says so early, and the full scan's match list
    # would be large.
    finder = _traditional_finder()
    if len(text) > 1024 and finder.find_matches_as_indexes(text[:512]):
        return text.translate(_fold_table()[0])
    if not finder.find_matches_as_indexes(text):
        return text
    return text.translate(_fold_table()[0])


def fold(text: str) -> str:
    return fold_script(_lower(text))


def _is_word_char(ch: str) -> bool:
    # Latin letters and digits glue words together; Han, kana and punctuation do not.
    return (ch.isalnum() or ch == "_") and ord(ch) < 0x2E80


@dataclass(frozen=True)
class _Candidate:
    entry: Entry
    term: Term
    exact: str  # the term with only the script folded, for case-sensitive comparison
    case_sensitive: bool
    left_boundary: bool
    right_boundary: bool
    han: bool


class Matcher:
    """Matches one glossary's terms in text of one locale (see the module docstring)."""

    def __init__(
        self, glossary: Glossary, locale: str | None = None, *, jieba_boundaries: bool = False
    ) -> None:
        self.glossary = glossary
        self.locale = locale
        self.jieba_boundaries = jieba_boundaries
        family = locale_family(locale)
        index: dict[str, list[tuple[tuple[int, int, int], _Candidate]]] = {}
        count = len(glossary.entries)
        for position, entry in enumerate(glossary.entries):
            for term in entry.terms:
                if not self._wanted(entry, term, family):
                    continue
                key = fold(term.text)
                if not key:
                    continue
                # Order among terms sharing a key: terms written for this locale first, then
                # later glossaries (merged entries keep file order; later files win).
                affinity = (
                    0 if term.locale == locale else 1 if locale in GOVERNS[term.locale] else 2
                )
                rank = (affinity, count - position, len(index.get(key, ())))
                text = term.text
                candidate = _Candidate(
                    entry=entry,
                    term=term,
                    exact=fold_script(text),
                    case_sensitive=term.is_case_sensitive,
                    left_boundary=_is_word_char(text[0]),
                    right_boundary=_is_word_char(text[-1]),
                    han=any("\u3400" <= ch <= "\U0003134f" for ch in text),
                )
                index.setdefault(key, []).append((rank, candidate))
        self._index: dict[str, list[_Candidate]] = {
            key: [c for _, c in sorted(cands, key=lambda rc: rc[0])] for key, cands in index.items()
        }
        self._keys = list(self._index)
        self._lengths = sorted({len(k) for k in self._keys}, reverse=True)
        self._max_len = self._lengths[0] if self._lengths else 0
        self._automaton = (
            ahocorasick_rs.AhoCorasick(
                self._keys, matchkind=ahocorasick_rs.MatchKind.LeftmostLongest
            )
            if self._keys
            else None
        )
        # Keys whose only candidate needs no check beyond the scan itself (see ``find``).
        self._simple: dict[str, _Candidate] = {
            key: cands[0]
            for key, cands in self._index.items()
            if len(cands) == 1
            and not (
                cands[0].case_sensitive
                or cands[0].left_boundary
                or cands[0].right_boundary
                or cands[0].entry.hashtag
                or cands[0].entry.dnt
            )
        }
        # The same, as the fields a fast-path TermMatch is made of.
        self._simple_rows: dict[str, tuple[str, str, str, str, Entry]] = {
            key: (c.entry.id, c.term.text, c.term.locale, c.term.status, c.entry)
            for key, c in self._simple.items()
        }
        # Target forms per target locale and entry id.
        self._targets: dict[str, dict[str, str | None]] = {}
        self._jieba_ready = False

    @staticmethod
    def _wanted(entry: Entry, term: Term, family: str | None) -> bool:
        # Campaign hashtags and do-not-translate names can appear in a post of either language.
        if family is None or entry.hashtag or entry.dnt:
            return True
        if family == "zh":
            return term.locale in ZH_LOCALES
        return term.locale == "en"

    def __len__(self) -> int:
        return len(self._keys)

    def find(
        self,
        text: str,
        *,
        target_locale: str | None = None,
        tokens: Sequence[str] | None = None,
        protected: Iterable[tuple[int, int]] = (),
        entity_kinds: Iterable[str] = PROTECTED_KINDS,
    ) -> list[TermMatch]:
        """Non-overlapping term matches in ``text``, left to right.

        ``target_locale`` fills :attr:`TermMatch.target` with the glossary's form for that
        locale (the matched form itself for dnt entries). ``tokens`` (jieba tokens of ``text``)
        are used for ``jieba_boundaries``; without them the text is segmented here.
        ``protected`` adds spans to avoid besides placeholders and ``entity_kinds`` entities.
        """
        automaton = self._automaton
        if automaton is None or not text:
            return []
        folded = fold(text)
        raw = automaton.find_matches_as_indexes(folded)
        if not raw:
            return []  # nothing to check against protected spans or token boundaries
        spans, hashtag_spans = self._protected(text, protected, entity_kinds)
        starts = [s for s, _ in spans]
        bounds = self._token_bounds(text, tokens) if self.jieba_boundaries else None

        def accept(s: int, e: int) -> tuple[_Candidate, int] | None:
            # The longest key at s first, then shorter keys that start at s.
            for length in (e - s, *[n for n in self._lengths if n < e - s]):
                candidates = self._index.get(folded[s : s + length])
                if not candidates:
                    continue
                end = s + length
                if spans and _overlaps(spans, starts, s, end) and (s, end) not in hashtag_spans:
                    continue
                chosen = self._choose(candidates, text, s, end, bounds, (s, end) in hashtag_spans)
                if chosen is not None:
                    return chosen, end
            return None

        results: list[TermMatch] = []
        append = results.append
        pos = 0
        i = 0
        n = len(raw)
        # Fast path: most matches are Chinese terms with a single candidate and nothing to
        # check but protected spans, so they are taken straight from the scan (a run of them in
        # the inner loop below); the others go through ``accept``.
        simple_get = (self._simple_rows if bounds is None else {}).get
        if target_locale:
            targets = self._targets.setdefault(target_locale, {})
        # The protected spans are merged and sorted (so their ends are sorted too), and the
        # fast path sees match starts in increasing order: the first span ending after a match
        # start is the only one it can overlap, found by walking forward instead of bisecting.
        n_spans = len(spans)
        j = 0
        span_s, span_e = spans[0] if n_spans else (_NOWHERE, _NOWHERE)
        while True:
            while i < n:
                _, s, e = raw[i]
                if s < pos:
                    break
                row = simple_get(folded[s:e])
                if row is None:
                    break
                while span_e <= s:
                    j += 1
                    span_s, span_e = spans[j] if j < n_spans else (_NOWHERE, _NOWHERE)
                if span_s < e:
                    break  # overlaps a protected span
                entry_id, term_text, term_locale, status, entry = row
                if target_locale:
                    try:
                        target = targets[entry_id]
                    except KeyError:
                        target = targets[entry_id] = self.glossary.term_for(entry, target_locale)
                else:
                    target = None
                append(
                    TermMatch(entry_id, term_text, term_locale, status, s, e, target, False, False)
                )
                pos = e
                i += 1
            while i < n and raw[i][1] < pos:
                i += 1
            if i > 0 and raw[i - 1][1] < pos < raw[i - 1][2]:
                # pos is inside a raw match that was rejected or cut short, so the scan's
                # results from here on are not leftmost-longest from pos: rescan just the
                # stretch that a match starting before that raw match's end could cover.
                stop = raw[i - 1][2]
                local = automaton.find_matches_as_indexes(folded[pos : stop + self._max_len])
                if not local or local[0][1] + pos >= stop:
                    pos = stop
                    continue
                s, e = local[0][1] + pos, local[0][2] + pos
            elif i < n:
                _, s, e = raw[i]
            else:
                break
            found = accept(s, e)
            if found is None:
                pos = s + 1
                continue
            candidate, end = found
            append(self._match(candidate, text, s, end, target_locale))
            pos = end
        return results

    def _choose(
        self,
        candidates: list[_Candidate],
        text: str,
        s: int,
        e: int,
        bounds: set[int] | None,
        is_hashtag_span: bool,
    ) -> _Candidate | None:
        exact_text: str | None = None
        fallback: _Candidate | None = None
        for c in candidates:
            if c.left_boundary and s > 0 and _is_word_char(text[s - 1]):
                continue
            if c.right_boundary and e < len(text) and _is_word_char(text[e]):
                continue
            if exact_text is None:
                exact_text = fold_script(text[s:e])
            if c.case_sensitive and exact_text != c.exact:
                continue
            if bounds is not None and c.han and not (s in bounds and e in bounds):
                continue
            if is_hashtag_span and not c.entry.hashtag:
                continue
            # Prefer the term whose case/script is exactly what the text has.
            if text[s:e] == c.term.text:
                return c
            if fallback is None:
                fallback = c
        return fallback

    def _match(self, c: _Candidate, text: str, s: int, e: int, target: str | None) -> TermMatch:
        entry, term = c.entry, c.term
        target_form: str | None = None
        if target is not None:
            target_form = text[s:e] if entry.dnt else self._target(entry, target)
        return TermMatch(
            entry_id=entry.id,
            term=term.text,
            locale=term.locale,
            status=term.status,
            start=s,
            end=e,
            target=target_form,
            dnt=entry.dnt,
            hashtag=entry.hashtag,
        )

    def _target(self, entry: Entry, target: str) -> str | None:
        forms = self._targets.setdefault(target, {})
        try:
            return forms[entry.id]
        except KeyError:
            form = forms[entry.id] = self.glossary.term_for(entry, target)
            return form

    @staticmethod
    def _protected(
        text: str, extra: Iterable[tuple[int, int]], kinds: Iterable[str]
    ) -> tuple[list[tuple[int, int]], set[tuple[int, int]]]:
        spans = list(extra)
        hashtags: set[tuple[int, int]] = set()
        if "XQ" in text:
            spans.extend(m.span() for m in PLACEHOLDER_RE.finditer(text))
        kinds = tuple(kinds)
        # Characters without which none of PROTECTED_KINDS can occur (_ENTITY_TRIGGERS).
        if kinds and ("@" in text or "#" in text or "[" in text or "." in text or "/" in text):
            # The compiled pattern straight away: only spans are needed, not Entity objects.
            for m in entity_pattern(kinds).finditer(text):
                spans.append(m.span())
                if m.lastgroup == "hashtag":
                    hashtags.add(m.span())
        if not spans:
            return spans, hashtags
        # Merge overlapping spans so one bisect finds any overlap.
        spans.sort()
        merged = [spans[0]]
        for s, e in spans[1:]:
            if s < merged[-1][1]:
                merged[-1] = (merged[-1][0], max(merged[-1][1], e))
            else:
                merged.append((s, e))
        if not hashtags:
            return merged, hashtags
        kept = set(merged)
        return merged, {h for h in hashtags if h in kept}

    def _token_bounds(self, text: str, tokens: Sequence[str] | None) -> set[int]:
        if tokens is None:
            tokens = self._segment(text)
        bounds = {0, len(text)}
        pos = 0
        for token in tokens:
            found = text.find(token, pos)
            if found < 0:
                continue
            bounds.add(found)
            pos = found + len(token)
            bounds.add(pos)
        return bounds

    def _segment(self, text: str) -> list[str]:
        # The same process-wide tokenizer and glossary words as the ``segment`` step.
        from localize.steps.segment import add_word, segment_text

        if not self._jieba_ready:
            for word, freq, tag in self.glossary.jieba_words():
                add_word(word, freq, tag)
            self._jieba_ready = True
        return segment_text(text)


def _overlaps(spans: list[tuple[int, int]], starts: list[int], s: int, e: int) -> bool:
    i = bisect.bisect_right(starts, s) - 1
    if i >= 0 and spans[i][1] > s:
        return True
    return i + 1 < len(spans) and spans[i + 1][0] < e
