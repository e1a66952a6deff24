"""Find every glossary term in a text in one Aho-Corasick pass, leftmost-longest.

Library choice, measured here (30,000 terms, Chinese text, one core; see
``benchmarks/bench_glossary.py``, which prints the three side by side): ``daachorse`` (the
character-wise double-array automaton of the Rust crate, leftmost-longest built in, matches
returned as one list in character offsets) scans about 2x faster than ``ahocorasick-rs`` (Rust
``aho-corasick`` crate) over the same text as UTF-16 bytes, its fastest input here, and
``pyahocorasick``'s ``iter_long`` is ~10x slower again because it yields one Python tuple per
step. daachorse also builds in half the time, so we use it. (It has wheels for Linux x86-64,
macOS and Windows; elsewhere pip builds it with a Rust compiler.)

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

Where the time goes, and what keeps it low (``bench_glossary.py`` prints each case):

* Protected spans are blanked out before the one scan, so leftmost-longest around them comes
  from the automaton instead of a reject-and-rescan loop. (Scanning first and blanking only
  when a match overlapped a span scanned most Weibo posts twice: they nearly all hold an entity.)
* The automaton steps through characters, not bytes, and reports character offsets: no
  encoding of the text and no offset map.
* When every match is final as scanned (keys with one candidate and nothing to check: the bulk
  of a Chinese glossary), the ``TermMatch`` tuples are built column-wise in C.
* ``find_all`` matches a batch of posts (what the ``terms`` step sees) as one newline-joined
  text, so the per-call cost is paid once per batch.
* Entities are found by :func:`~localize.text.entities.iter_entity_matches`, which tries the pattern
  only near the few characters an entity must contain.

A brute-force statement of these rules in ``tests/glossary/test_matcher.py`` holds all of this
to the same results as trying every position and length.
"""

from __future__ import annotations

import bisect
import math
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from functools import cache, partial
from itertools import chain, pairwise, product, repeat
from operator import attrgetter, itemgetter, sub
from typing import TYPE_CHECKING, NamedTuple

import daachorse

from localize.glossary.model import GOVERNS, ZH_LOCALES, Entry, Term
from localize.post import TermMatch
from localize.text.entities import Entity, iter_entity_matches
from localize.text.joined import texts_with_matches
from localize.text.locales import language
from localize.text.placeholders import PLACEHOLDER_RE, has_placeholder
from localize.text.segmenter import Tokenizer

if TYPE_CHECKING:
    from localize.glossary.model import Glossary

# Entity kinds a term may never overlap (emoji and numbers cannot contain a term's letters).
PROTECTED_KINDS = ("url", "email", "repost", "mention", "hashtag", "emoticon")
# (start, end, kind) of the entities a caller found already (see ``Matcher.find``'s entities).
_Known = list[tuple[int, int, str]]
# Protected spans are overwritten with this before the scan; no key contains it.
_BLANK = "\x00"
_by_start = attrgetter("start")
_new_match = partial(tuple.__new__, TermMatch)  # a TermMatch from a row, built in C
# Texts matched together are joined with this; no key contains it and no entity crosses it.
_JOIN = "\n"
_UNRESOLVED = object()  # a target form not looked up yet


@cache
def _fold_table() -> tuple[dict[int, str], frozenset[str]]:
    # OpenCC's t2s of each Traditional-only character, stored by tools/gen_script_chars.py:
    # 3,200 conversions and a converter at every start otherwise.
    from localize.text.script import t2s_chars

    table: dict[int, str] = {ord(ch): simplified for ch, simplified in t2s_chars().items()}
    # Follow chains (薴 -> 苧 -> 苎) to the end, so one translate() folds every spelling of a
    # character to the same form.
    for code, simplified in table.items():
        seen = {code}
        while ord(simplified) in table and ord(simplified) not in seen:
            seen.add(ord(simplified))
            simplified = table[ord(simplified)]
        table[code] = simplified
    return table, frozenset(chr(c) for c in table)


def _lower(text: str) -> str:
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    # A few characters lower-case to two (U+0130 İ); keep offsets by leaving those as they are.
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


@cache
def _traditional_finder() -> daachorse.CharwiseDoubleArrayAhoCorasick:
    return daachorse.CharwiseDoubleArrayAhoCorasick(sorted(_fold_table()[1]))


def fold_script(text: str) -> str:
    """Traditional-only characters -> Simplified, one for one (offsets unchanged)."""
    # Most posts are Simplified, so the question is mostly "any Traditional-only character?".
    # Measured on 2 MB of Chinese: an automaton over those ~3,200 characters answers it at
    # ~150 MB/s; a frozenset test runs at ~50 MB/s, translate() at ~37 MB/s, a regex class at
    # ~13 MB/s. A prefix is tried first: Traditional text says so early, and the full scan's
    # match list would be large.
    finder = _traditional_finder()
    if len(text) > 1024 and finder.find(text[:512]):
        return text.translate(_fold_table()[0])
    if not finder.find(text):
        return text
    return text.translate(_fold_table()[0])


def fold(text: str) -> str:
    return fold_script(_lower(text))


def _fold_each(texts: list[str], how: Callable[[str], str]) -> list[str]:
    """``[how(t) for t in texts]`` in one call when no text has a newline (both folds map one
    character to one and leave newlines alone): a 30,000-term glossary's matcher builds ~2x
    faster."""
    if any(_JOIN in t for t in texts):
        return [how(t) for t in texts]
    return how(_JOIN.join(texts)).split(_JOIN) if texts else []


_HAN_RANGE = re.compile("[\u3400-\U0003134f]")


def _spellings(keys: list[str], limit: int = 100_000) -> list[str] | None:
    """Every text that :func:`fold` turns into one of ``keys``; None if that is not known
    cheaply (a key with a character other than a CJK ideograph, or too many spellings).

    A CJK ideograph has no case, so ``fold`` changes only Traditional-only characters, one for
    one: the spellings of a key are the products of each character and the Traditional-only
    characters that fold to it.
    """
    traditional: dict[str, list[str]] = {}
    for code, simplified in _fold_table()[0].items():
        traditional.setdefault(simplified, []).append(chr(code))
    out: list[str] = []
    for key in keys:
        if not all(unicodedata.name(ch, "").startswith("CJK ") for ch in key):
            return None
        choices = [[ch, *traditional.get(ch, ())] for ch in key]
        if len(out) + math.prod(map(len, choices)) > limit:
            return None
        out.extend(map("".join, product(*choices)))
    return sorted(set(out))


def _is_word_char(ch: str) -> bool:
    # Latin letters and digits glue words together; Han, kana and punctuation do not.
    return (ch.isalnum() or ch == "_") and ord(ch) < 0x2E80


class _Candidate(NamedTuple):
    entry: Entry
    term: Term
    exact: str  # the term with only the script folded, for case-sensitive comparison
    case_sensitive: bool
    left_boundary: bool
    right_boundary: bool
    han: bool


# The terms a matcher for text in a language family looks for. Campaign hashtags and
# do-not-translate names are looked for in a post of either language.
_FAMILY_LOCALES = {"zh": frozenset(ZH_LOCALES), "en": frozenset(("en",))}
_rank_of = itemgetter(0)


class Matcher:
    """Matches one glossary's terms in text of one locale (see the module docstring)."""

    def __init__(
        self, glossary: Glossary, locale: str | None = None, *, jieba_boundaries: bool = False
    ) -> None:
        self.glossary = glossary
        self.locale = locale
        self.jieba_boundaries = jieba_boundaries
        family = language(locale)
        index: dict[str, list[tuple[tuple[int, int, int], _Candidate]]] = {}
        count = len(glossary.entries)
        locales = _FAMILY_LOCALES.get(family) if family else None
        wanted = [
            (position, entry, term)
            for position, entry in enumerate(glossary.entries)
            for term in entry.terms
            if term.text
            and (locales is None or term.locale in locales or entry.hashtag or entry.dnt)
        ]
        texts = [term.text for _, _, term in wanted]
        for (position, entry, term), key, exact in zip(
            wanted, _fold_each(texts, fold), _fold_each(texts, fold_script), strict=True
        ):
            if _BLANK in key or _JOIN in key:
                continue
            # Order among terms sharing a key: terms written for this locale first, then
            # later glossaries (merged entries keep file order; later files win).
            affinity = 0 if term.locale == locale else 1 if locale in GOVERNS[term.locale] else 2
            rank = (affinity, count - position, len(index.get(key, ())))
            text = term.text
            # _is_word_char inline (two calls per term were a tenth of the build): most terms
            # start and end with a Han character, which is no word character.
            first, last = text[0], text[-1]
            candidate = _Candidate(
                entry,
                term,
                exact,
                term.is_case_sensitive,
                first < "\u2e80" and (first.isalnum() or first == "_"),
                last < "\u2e80" and (last.isalnum() or last == "_"),
                _HAN_RANGE.search(text) is not None,
            )
            index.setdefault(key, []).append((rank, candidate))
        self._index: dict[str, list[_Candidate]] = {
            key: [cands[0][1]] if len(cands) == 1 else [c for _, c in sorted(cands, key=_rank_of)]
            for key, cands in index.items()
        }
        self._keys = list(self._index)
        self._lengths = sorted({len(k) for k in self._keys}, reverse=True)
        self._max_len = self._lengths[0] if self._lengths else 0
        # The automaton; ``None`` when there is nothing to find.
        self._automaton = (
            daachorse.CharwiseDoubleArrayAhoCorasick(
                self._keys, match_kind=daachorse.MATCH_KIND_LEFTMOST_LONGEST
            )
            if self._keys
            else None
        )
        # Keys whose only candidate needs no check beyond the scan itself (see ``find``).
        simple_keys: dict[str, _Candidate] = {
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
        # The same by the automaton's pattern index, as the fields a TermMatch is made of (None
        # for keys that need ``accept``), and as columns for building many matches at once.
        simple = [simple_keys.get(key) for key in self._keys]
        self._simple_rows: list[tuple[str, str, str, str, Entry] | None] = [
            (c.entry.id, c.term.text, c.term.locale, c.term.status, c.entry) if c else None
            for c in simple
        ]
        self._simple_indexes = frozenset(i for i, c in enumerate(simple) if c is not None)
        self._columns = (
            [c.entry.id if c else "" for c in simple],
            [c.term.text if c else "" for c in simple],
            [c.term.locale if c else "" for c in simple],
            [c.term.status if c else "" for c in simple],
        )
        # Target forms per target locale and entry id, and per pattern index for simple keys.
        self._targets: dict[str, dict[str, str | None]] = {}
        self._target_columns: dict[str, list[object]] = {}
        self._tokenizer: Tokenizer | None = None
        # could_find's automata by the locales asked about; a bool is the answer for any text
        # (True: no quick answer possible, False: those locales have no terms here).
        self._spelling_finders: dict[
            tuple[frozenset[str], str | None], daachorse.CharwiseDoubleArrayAhoCorasick | bool
        ] = {}

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
        entities: Sequence[Entity] | None = None,
    ) -> list[TermMatch]:
        """Non-overlapping term matches in ``text``, left to right.

        ``target_locale`` fills :attr:`TermMatch.target` with the glossary's form for that
        locale (the matched form itself for dnt entries). ``tokens`` (jieba tokens of ``text``)
        are used for ``jieba_boundaries``; without them the text is segmented here.
        ``protected`` adds spans to avoid besides placeholders and ``entity_kinds`` entities.
        ``entities``: the text's entities as ``find_entities(text, DEFAULT_KINDS)`` gives them,
        when the caller has them (a QA check does): the matcher takes the protected kinds'
        spans from them instead of scanning the text again (see :func:`_known`).
        """
        known = None if entities is None else _known([entities], [0], entity_kinds)
        return self._find(text, target_locale, tokens, protected, entity_kinds, None, known)[0]

    def _find(
        self,
        text: str,
        target_locale: str | None,
        tokens: Sequence[str] | None,
        protected: Iterable[tuple[int, int]],
        entity_kinds: Iterable[str],
        offsets: list[int] | None,
        known: _Known | None = None,
    ) -> list[list[TermMatch]]:
        """``find``, as a list of one list; with ``offsets`` (where each of several joined
        texts starts, and one past the end), a list per text with offsets relative to it.
        ``known``: the entities of ``entity_kinds`` in ``text``, if the caller has them."""
        if self._automaton is None or not text:
            return [[] for _ in range(1 if offsets is None else len(offsets) - 1)]
        folded = fold(text)
        spans, hashtag_spans = self._protected(text, protected, entity_kinds, known)
        hashtags: list[TermMatch] = []
        if spans:
            # Overwrite the protected spans before the scan: leftmost-longest around them then
            # comes straight from the automaton, with no match to reject and rescan after. The
            # one match allowed on a span is a campaign hashtag that is exactly a #话题#.
            for s, e in sorted(hashtag_spans):
                match = self._hashtag_match(text, folded[s:e], s, e, target_locale)
                if match is not None:
                    hashtags.append(match)
            folded = _blank(folded, spans)
        indexes, starts, ends = self._scan(folded)
        bounds = self._token_bounds(text, tokens) if self.jieba_boundaries and indexes else None
        if bounds is None and self._simple_indexes.issuperset(indexes):
            # Every match is final as the scan found it (the common case: Chinese terms with
            # one candidate each), so the matches are built column-wise, without a Python loop.
            ids, terms, locales, statuses = self._columns
            targets = self._targets_of(target_locale, indexes) if target_locale else repeat(None)
            cuts = [0, len(indexes)]
            if offsets is not None:
                # Offsets made relative here, so the matches are built once (all in C): each
                # text's matches are a slice, and its start is subtracted from each of them.
                cuts = list(map(bisect.bisect_left, repeat(starts), offsets))
                shifts = list(chain.from_iterable(map(repeat, offsets, map(sub, cuts[1:], cuts))))
                starts = list(map(sub, starts, shifts))
                ends = list(map(sub, ends, shifts))
            columns = zip(
                map(ids.__getitem__, indexes),
                map(terms.__getitem__, indexes),
                map(locales.__getitem__, indexes),
                map(statuses.__getitem__, indexes),
                starts,
                ends,
                targets,
                repeat(False),  # dnt
                repeat(False),  # hashtag
            )
            found = list(map(_new_match, columns))
            per_text = [found[a:b] for a, b in pairwise(cuts)]
        else:
            raw = list(zip(indexes, starts, ends, strict=True))
            found = self._walk(text, folded, raw, bounds, target_locale)
            per_text = _split(found, offsets)
        if hashtags:
            for own, tags in zip(per_text, _split(hashtags, offsets), strict=True):
                if tags:
                    own += tags
                    own.sort(key=_by_start)
        return per_text

    def could_find(self, text: str, locales: frozenset[str], status: str | None = None) -> bool:
        """False only when no term written for one of ``locales`` (and of this ``status``, if
        given) can match in ``text``.

        A quick test before :meth:`find`, for checks that look for a handful of terms (another
        region's forms, forbidden forms) in every post: one automaton pass over the text as it
        is, no fold, no entity scan. Exact, not a guess: a match's folded span is one of those
        terms' keys, and every spelling that folds to it is in the automaton (see
        :func:`_spellings`). Where no such term exists, no text is looked at.
        """
        finder = self._spelling_finder(locales, status)
        if isinstance(finder, bool):
            return finder
        return bool(finder.find(text))

    def could_find_each(
        self, texts: Sequence[str], locales: frozenset[str], status: str | None = None
    ) -> list[bool]:
        """:meth:`could_find` for each of ``texts``, in one pass over them all: joined by
        newlines (in no key), each match falls inside one text."""
        finder = self._spelling_finder(locales, status)
        if isinstance(finder, bool):
            return [finder] * len(texts)
        return texts_with_matches(
            lambda joined: map(itemgetter(0), finder.find(joined)), texts, _JOIN
        )

    def _spelling_finder(
        self, locales: frozenset[str], status: str | None
    ) -> daachorse.CharwiseDoubleArrayAhoCorasick | bool:
        """The automaton of every spelling of the terms written for ``locales`` (and of
        ``status``), or whether a text could hold one where there are none to look for."""
        wanted = (locales, status)
        if wanted not in self._spelling_finders:
            keys = [
                key
                for key, candidates in self._index.items()
                if any(
                    c.term.locale in locales and (status is None or c.term.status == status)
                    for c in candidates
                )
            ]
            spellings = _spellings(keys)
            self._spelling_finders[wanted] = (
                daachorse.CharwiseDoubleArrayAhoCorasick(spellings)
                if spellings
                else spellings is None
            )
        return self._spelling_finders[wanted]

    def _scan(self, folded: str) -> tuple[Sequence[int], Sequence[int], Sequence[int]]:
        """Pattern indexes, starts and ends (in characters) of the leftmost-longest matches of
        ``folded``."""
        assert self._automaton is not None
        raw = self._automaton.find(folded)
        if not raw:
            return (), (), ()
        starts, ends, indexes = zip(*raw, strict=True)
        return indexes, starts, ends

    def find_all(
        self,
        texts: Sequence[str],
        *,
        target_locale: str | None = None,
        entity_kinds: Iterable[str] = PROTECTED_KINDS,
        entities: Sequence[Sequence[Entity]] | None = None,
    ) -> list[list[TermMatch]]:
        """``find`` for each of ``texts``, in one scan of them all (``entities``: each text's,
        as :meth:`find` takes them).

        Per text, :meth:`find` pays for two calls into the automaton and some Python around
        them: on Weibo-length posts about as much as the scan itself. Joined by newlines (in no
        key, crossed by no entity, a word boundary like the edge of a text) the texts are
        matched as one, and the matches are dealt back with their offsets made relative again.
        """
        if self.jieba_boundaries or len(texts) < 2:
            return [
                self.find(
                    t,
                    target_locale=target_locale,
                    entity_kinds=entity_kinds,
                    entities=None if entities is None else entities[i],
                )
                for i, t in enumerate(texts)
            ]
        offsets = [0]
        for text in texts:
            offsets.append(offsets[-1] + len(text) + 1)
        known = None if entities is None else _known(entities, offsets, entity_kinds)
        return self._find(_JOIN.join(texts), target_locale, None, (), entity_kinds, offsets, known)

    def _walk(
        self,
        text: str,
        folded: str,
        raw: list[tuple[int, int, int]],
        bounds: set[int] | None,
        target_locale: str | None,
    ) -> list[TermMatch]:
        """Matches one by one, checking each candidate (case, word and token boundaries).

        ``folded`` has its protected spans blanked, so no key found in it overlaps one.
        """

        def accept(s: int, e: int) -> tuple[_Candidate, int] | None:
            # The longest key at s first, then shorter keys that start at s.
            for length in (e - s, *[n for n in self._lengths if n < e - s]):
                candidates = self._index.get(folded[s : s + length])
                if not candidates:
                    continue
                end = s + length
                chosen = self._choose(candidates, text, s, end, bounds, False)
                if chosen is not None:
                    return chosen, end
            return None

        results: list[TermMatch] = []
        append = results.append
        pos = 0
        i = 0
        n = len(raw)
        # Fast path: matches whose key has a single candidate and nothing to check are taken
        # straight from the scan (a run of them in the inner loop below); the others go
        # through ``accept``.
        rows = self._simple_rows if bounds is None else [None] * len(self._simple_rows)
        if target_locale:
            targets = self._targets.setdefault(target_locale, {})
        while True:
            while i < n:
                index, s, e = raw[i]
                if s < pos:
                    break
                row = rows[index]
                if row is None:
                    break
                entry_id, term_text, term_locale, status, entry = row
                if target_locale:
                    try:
                        target = targets[entry_id]
                    except KeyError:
                        target = targets[entry_id] = self.glossary.term_for(entry, target_locale)
                else:
                    target = None
                append(TermMatch(entry_id, term_text, term_locale, status, s, e, target))
                pos = e
                i += 1
            while i < n and raw[i][1] < pos:
                i += 1
            if i > 0 and raw[i - 1][1] < pos < raw[i - 1][2]:
                # pos is inside a raw match that was rejected or cut short, so the scan's
                # results from here on are not leftmost-longest from pos: rescan just the
                # stretch that a match starting before that raw match's end could cover.
                stop = raw[i - 1][2]
                assert self._automaton is not None
                local = self._automaton.find(folded[pos : stop + self._max_len])
                if not local or local[0][0] + pos >= stop:
                    pos = stop
                    continue
                s, e = local[0][0] + pos, local[0][1] + pos
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

    def _hashtag_match(
        self, text: str, key: str, s: int, e: int, target_locale: str | None
    ) -> TermMatch | None:
        """The campaign hashtag that is exactly the #话题# at ``s:e`` (``key``: it folded)."""
        candidates = self._index.get(key)
        if not candidates:
            return None
        chosen = self._choose(candidates, text, s, e, None, True)
        return None if chosen is None else self._match(chosen, text, s, e, target_locale)

    def _targets_of(self, target_locale: str, indexes: Sequence[int]) -> list[str | None]:
        """Target forms of simple keys by pattern index, each resolved the first time seen."""
        column = self._target_columns.get(target_locale)
        if column is None:
            column = self._target_columns[target_locale] = [_UNRESOLVED] * len(self._keys)
        targets = list(map(column.__getitem__, indexes))
        if _UNRESOLVED in targets:
            for index in set(indexes):
                if column[index] is _UNRESOLVED:
                    row = self._simple_rows[index]
                    assert row is not None
                    column[index] = self._target(row[4], target_locale)
            targets = list(map(column.__getitem__, indexes))
        return targets  # type: ignore[return-value]

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
        text: str,
        extra: Iterable[tuple[int, int]],
        kinds: Iterable[str],
        known: _Known | None = None,
    ) -> tuple[list[tuple[int, int]], set[tuple[int, int]]]:
        spans = list(extra)
        hashtags: set[tuple[int, int]] = set()
        if has_placeholder(text):
            spans.extend(m.span() for m in PLACEHOLDER_RE.finditer(text))
        kinds = tuple(kinds)
        if known is not None:
            for start, end, kind in known:
                spans.append((start, end))
                if kind == "hashtag":
                    hashtags.add((start, end))
        # Every one of PROTECTED_KINDS holds one of these characters (entities.TRIGGERED_KINDS).
        elif kinds and ("@" in text or "#" in text or "[" in text or "." in text or "/" in text):
            # Match objects straight away: only spans are needed, not Entity objects.
            for m in iter_entity_matches(text, kinds):
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
        # The tokenizer with this glossary's words: the one a pipeline with this glossary uses.
        if self._tokenizer is None:
            from localize.text.segmenter import tokenizer

            self._tokenizer = tokenizer(words=self.glossary.jieba_words())
        return self._tokenizer.cut(text)


def _known(
    entities: Sequence[Sequence[Entity]], offsets: list[int], kinds: Iterable[str]
) -> _Known:
    """The spans of ``PROTECTED_KINDS`` among each text's entities (found with
    ``DEFAULT_KINDS``), moved to where each text starts in the joined text (``offsets``).

    The same spans as a scan for ``PROTECTED_KINDS`` alone: ``DEFAULT_KINDS`` adds only emoji,
    which are tried after those kinds at each position, and no character an emoji match goes
    on with (a second regional indicator, U+FE0F, U+20E3, U+200D, a pictograph, a skin tone, a
    tag character) can start one of them, which all start with an ASCII character; so skipping
    an emoji skips no start of theirs (``tests/glossary/test_matcher.py`` holds the two to the
    same spans). Any other set of kinds is refused: a scan for fewer kinds finds, e.g., a
    hashtag inside a URL.
    """
    if set(kinds) != set(PROTECTED_KINDS):
        raise ValueError(f"entities stand in for a scan of {PROTECTED_KINDS} only, not {kinds}")
    wanted = frozenset(PROTECTED_KINDS)
    return [
        (shift + e.start, shift + e.end, e.kind)
        for shift, found in zip(offsets, entities, strict=False)
        for e in found
        if e.kind in wanted
    ]


def _split(found: list[TermMatch], offsets: list[int] | None) -> list[list[TermMatch]]:
    """Matches in a joined text (sorted by start), as a list per text with offsets relative to
    it; all of them as one list when there is no ``offsets``."""
    if offsets is None:
        return [found]
    cuts = [bisect.bisect_left(found, start, key=_by_start) for start in offsets]
    return [
        [m._replace(start=m.start - shift, end=m.end - shift) for m in found[a:b]]
        for (a, b), shift in zip(pairwise(cuts), offsets, strict=False)
    ]


def _blank(text: str, spans: list[tuple[int, int]]) -> str:
    pieces: list[str] = []
    last = 0
    for s, e in spans:
        pieces.append(text[last:s])
        pieces.append(_BLANK * (e - s))
        last = e
    pieces.append(text[last:])
    return "".join(pieces)
