"""The glossary model: concepts (entries) with terms per locale variant.

An :class:`Entry` is one concept (a place, a carrier, a campaign hashtag) with :class:`Term` s in
``en``, ``zh-Hans``, ``zh-Hant``, ``zh-Hant-TW`` and ``zh-Hant-HK``. Region forms fall back to
``zh-Hant``, which falls back to an OpenCC conversion of the ``zh-Hans`` form; every resolution
says where it came from (:class:`Resolved`) so ``glossary show`` can make derivations visible.

Terms are kept in a canonical order (locale order, then status order, then file order) so that
every format round-trips to the same model and the fingerprint does not depend on how a file
happened to list them.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any, NamedTuple

from localize.text.locales import LOCALES, ZH_LOCALES
from localize.text.opencc import convert_text

if TYPE_CHECKING:
    from localize.glossary.derived import DerivedForms
    from localize.glossary.matcher import Matcher
    from localize.post import TermMatch

log = logging.getLogger("localize.glossary")

STATUSES = ("preferred", "admitted", "forbidden")

# Where a locale's form comes from when the entry has none: (locale, OpenCC config or None).
# Region forms fall back to zh-Hant and then to the zh-Hans form converted for that region
# (character-level configs only: region *vocabulary* belongs in the glossary, not in OpenCC's
# phrase tables, which would rewrite proper nouns).
FALLBACKS: dict[str, tuple[tuple[str, str | None], ...]] = {
    "en": (("en", None),),
    "zh-Hans": (
        ("zh-Hans", None),
        ("zh-Hant", "t2s"),
        ("zh-Hant-TW", "tw2s"),
        ("zh-Hant-HK", "hk2s"),
    ),
    "zh-Hant": (("zh-Hant", None), ("zh-Hans", "s2t")),
    "zh-Hant-TW": (("zh-Hant-TW", None), ("zh-Hant", None), ("zh-Hans", "s2tw")),
    "zh-Hant-HK": (("zh-Hant-HK", None), ("zh-Hant", None), ("zh-Hans", "s2hk")),
}

# For region_mismatches: the regions whose forms are wrong in a text of each region.
_OTHER_REGIONS = {
    "zh-Hant-TW": frozenset({"zh-Hant-HK"}),
    "zh-Hant-HK": frozenset({"zh-Hant-TW"}),
}
# A term of locale K governs targets in these locales (zh-Hant rules apply to both regions).
GOVERNS: dict[str, tuple[str, ...]] = {
    "en": ("en",),
    "zh-Hans": ("zh-Hans",),
    "zh-Hant": ("zh-Hant", "zh-Hant-TW", "zh-Hant-HK"),
    "zh-Hant-TW": ("zh-Hant-TW",),
    "zh-Hant-HK": ("zh-Hant-HK",),
}

# The locales whose rules hold in a text of each locale (zh-Hant's in a zh-Hant-TW text).
_GOVERNING: dict[str, frozenset[str]] = {
    locale: frozenset(k for k, governed in GOVERNS.items() if locale in governed)
    for locale in GOVERNS
}

ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._:-]*$")
POS_RE = re.compile(r"^[a-z]{1,5}$")


def convert(text: str, config: str) -> str:
    """``text`` through OpenCC ``config``: the shared, NUL-safe converters of the text floor."""
    return convert_text(text, config)


def auto_case_sensitive(text: str) -> bool:
    """Default case rule: acronyms and inner capitals (``CN Tower``, ``WestJet``) match exactly;
    ordinary capitalised words (``Niagara Falls``) match in any case."""
    if text == text.lower():
        return False  # nothing upper-case: every Chinese term
    return any(
        ch.isupper() and i > 0 and text[i - 1].isalnum() and text[i - 1].isascii()
        for i, ch in enumerate(text)
    )


class Term(NamedTuple):
    # A NamedTuple rather than a frozen dataclass: a large glossary makes tens of thousands of
    # terms on every load, and a tuple is built ~6x faster (60,000 terms: 0.075 s -> 0.012 s).
    text: str
    locale: str
    status: str = "preferred"
    # None: decide by :func:`auto_case_sensitive`; True/False: as written in the glossary.
    case_sensitive: bool | None = None
    pos: str | None = None  # jieba part-of-speech tag, e.g. ns (place), nr (person), nz
    note: str | None = None

    @property
    def is_case_sensitive(self) -> bool:
        if self.case_sensitive is None:
            return auto_case_sensitive(self.text)
        return self.case_sensitive

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"term": self.text, "locale": self.locale, "status": self.status}
        if self.case_sensitive is not None:
            out["case"] = "sensitive" if self.case_sensitive else "insensitive"
        if self.pos:
            out["pos"] = self.pos
        if self.note:
            out["note"] = self.note
        return out


def _term_order(term: Term) -> tuple[int, int]:
    return LOCALES.index(term.locale), STATUSES.index(term.status)


_CONTENT = 6  # Entry's fields before its provenance

# _term_order of every valid (locale, status), looked up instead of computed per term.
_TERM_RANK = {
    (locale, status): (i, j)
    for i, locale in enumerate(LOCALES)
    for j, status in enumerate(STATUSES)
}


class Entry(NamedTuple):
    # A NamedTuple for the same reason as Term (30,000 entries: 0.07 s -> 0.02 s to build).
    id: str
    terms: tuple[Term, ...]
    domain: str | None = None
    note: str | None = None
    dnt: bool = False
    hashtag: bool = False
    # Provenance for messages; not part of the content (excluded from equality and fingerprint).
    path: str | None = None
    line: int | None = None
    term_lines: tuple[int | None, ...] = ()

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Entry) and self[:_CONTENT] == other[:_CONTENT]

    def __ne__(self, other: object) -> bool:
        return not self == other

    def __hash__(self) -> int:
        return hash(self[:_CONTENT])

    @staticmethod
    def create(
        id: str,
        terms: Iterable[Term],
        *,
        domain: str | None = None,
        note: str | None = None,
        dnt: bool = False,
        hashtag: bool = False,
        path: str | None = None,
        line: int | None = None,
        term_lines: Iterable[int | None] = (),
    ) -> Entry:
        """An entry with its terms in canonical order (stable within a locale and status)."""
        terms = tuple(terms)
        lines = tuple(term_lines) or (None,) * len(terms)
        if len(lines) != len(terms):
            list(zip(terms, lines, strict=True))  # raises the ValueError it always did
        # Files usually list terms in canonical order already: keep the tuples as they are.
        ordered = True
        previous = (0, 0)
        for t in terms:
            rank = _TERM_RANK.get((t.locale, t.status))
            if rank is None or rank < previous:
                ordered = False
                break
            previous = rank
        if not ordered:
            pairs = sorted(zip(terms, lines, strict=True), key=lambda pair: _term_order(pair[0]))
            terms = tuple(t for t, _ in pairs)
            lines = tuple(line for _, line in pairs)
        return Entry(id, terms, domain, note, dnt, hashtag, path, line, lines)

    def terms_in(self, locale: str, *statuses: str) -> list[Term]:
        return [
            t for t in self.terms if t.locale == locale and (not statuses or t.status in statuses)
        ]

    def preferred(self, locale: str) -> Term | None:
        """The entry's own preferred term in exactly ``locale`` (no fallback)."""
        for term in self.terms:
            if term.locale == locale and term.status == "preferred":
                return term
        return None

    @property
    def locales(self) -> list[str]:
        return [loc for loc in LOCALES if any(t.locale == loc for t in self.terms)]

    @property
    def canonical(self) -> Term | None:
        """The form kept in every target for a dnt entry: its first preferred term."""
        return next((t for t in self.terms if t.status == "preferred"), None)

    def line_of(self, term: Term) -> int | None:
        for t, line in zip(self.terms, self.term_lines, strict=False):
            if t is term:
                return line
        return self.line

    @property
    def where(self) -> str:
        if self.path is None:
            return self.id
        return f"{self.path}:{self.line}" if self.line else self.path

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"id": self.id}
        if self.domain:
            out["domain"] = self.domain
        if self.note:
            out["note"] = self.note
        if self.dnt:
            out["dnt"] = True
        if self.hashtag:
            out["hashtag"] = True
        out["terms"] = [t.to_dict() for t in self.terms]
        return out


@dataclass(frozen=True)
class Resolved:
    """A locale's form of an entry and where it came from.

    ``via`` is None for a form written in the glossary, ``"fallback"`` for another locale's form
    used as is (a region falling back to zh-Hant), or the OpenCC config that derived it.
    """

    text: str
    locale: str  # the locale the form is written for
    from_locale: str  # the locale of the glossary form it came from
    via: str | None = None
    status: str = "preferred"

    @property
    def derived(self) -> bool:
        return self.via is not None

    def describe(self) -> str:
        if self.via is None:
            return "glossary"
        if self.via == "fallback":
            return f"from {self.from_locale}"
        return f"OpenCC {self.via} of {self.from_locale}"


class Glossary:
    """Entries from one or more files, with lookups, resolution and matchers.

    ``entries`` keep file order; when several glossaries are merged, ``warnings`` lists what was
    overridden (see :func:`localize.glossary.merge.merge_glossaries`).
    """

    def __init__(
        self,
        entries: Iterable[Entry],
        *,
        name: str = "",
        description: str = "",
        sources: Iterable[str] = (),
        warnings: Iterable[str] = (),
    ) -> None:
        self.entries: list[Entry] = list(entries)
        self.name = name
        self.description = description
        self.sources: list[str] = list(sources)
        self.warnings: list[str] = list(warnings)
        self._by_id = {e.id: e for e in self.entries}
        self._matchers: dict[tuple[str | None, bool], Matcher] = {}

    def __len__(self) -> int:
        return len(self.entries)

    def __iter__(self) -> Iterator[Entry]:
        return iter(self.entries)

    def __eq__(self, other: object) -> bool:
        # Content equality (what round trips must preserve); name/description are metadata.
        return isinstance(other, Glossary) and self.entries == other.entries

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"Glossary({self.name!r}, {len(self.entries)} entries)"

    def get(self, entry_id: str) -> Entry | None:
        return self._by_id.get(entry_id)

    @cached_property
    def fingerprint(self) -> str:
        """sha256 hex of the content (entries in order), stable across formats and runs."""
        payload = json.dumps(
            [e.to_dict() for e in self.entries], ensure_ascii=False, sort_keys=True
        )
        return hashlib.sha256(payload.encode("utf-8")).hexdigest()

    # -- resolution -------------------------------------------------------------------------

    @cached_property
    def derived(self) -> DerivedForms:
        """OpenCC-derived forms of this glossary's terms, cached on disk (see
        :mod:`localize.glossary.derived`)."""
        from localize.glossary.cache import cache_dir
        from localize.glossary.derived import DerivedForms

        return DerivedForms(lambda: self.fingerprint, self._derivable, convert, cache_dir())

    def _derivable(self, config: str) -> Iterator[str]:
        """Every term text that :meth:`resolve` or :meth:`approved_forms` may derive with
        ``config``."""
        sources = {s for chain in FALLBACKS.values() for s, c in chain if c == config}
        for entry in self.entries:
            for term in entry.terms:
                if term.locale in sources and term.status != "forbidden":
                    yield term.text

    def resolve(self, entry: Entry, locale: str, *, derive: bool = True) -> Resolved | None:
        """The preferred form of ``entry`` for ``locale``, following :data:`FALLBACKS`."""
        for source_locale, config in FALLBACKS.get(locale, ((locale, None),)):
            term = entry.preferred(source_locale)
            if term is None:
                continue
            if source_locale == locale:
                return Resolved(term.text, locale, locale)
            if config is None:
                return Resolved(term.text, locale, source_locale, "fallback")
            # Without ``derive`` the caller only wants to know where the form would come from.
            text = self.derived.get(term.text, config) if derive else term.text
            return Resolved(text, locale, source_locale, config)
        return None

    def term_for(self, entry: Entry, locale: str) -> str | None:
        """The preferred form for ``locale`` (region -> zh-Hant -> OpenCC of zh-Hans).

        A dnt entry keeps its own form: the locale's form if it has one, else its canonical
        (first preferred) term.
        """
        if entry.dnt:
            own = entry.preferred(locale) or entry.canonical
            return own.text if own else None
        resolved = self.resolve(entry, locale)
        return resolved.text if resolved else None

    def approved_forms(self, entry: Entry, locale: str) -> list[str]:
        """Every acceptable target form for ``locale``: preferred and admitted terms of the
        first locale in the fallback chain that has any (derived with OpenCC if needed).
        For a dnt entry: every non-forbidden form of the entry, in any locale."""
        if entry.dnt:
            return _unique(t.text for t in entry.terms if t.status != "forbidden")
        for source_locale, config in FALLBACKS.get(locale, ((locale, None),)):
            terms = entry.terms_in(source_locale, "preferred", "admitted")
            if not terms:
                continue
            if config is None:
                return _unique(t.text for t in terms)
            return _unique(self.derived.get(t.text, config) for t in terms)
        return []

    def forbidden_forms(self, entry: Entry, locale: str) -> list[str]:
        """Forms of ``entry`` that must not appear in a ``locale`` target."""
        return _unique(
            t.text for t in entry.terms if t.status == "forbidden" and locale in GOVERNS[t.locale]
        )

    def forbidden_matches(self, text: str, locale: str) -> list[TermMatch]:
        """Forbidden terms for ``locale`` that occur in ``text`` (for the forbidden_term check)."""
        return self.forbidden_among(self.matcher(locale).find(text, target_locale=locale), locale)

    @staticmethod
    def forbidden_among(matches: Iterable[TermMatch], locale: str) -> list[TermMatch]:
        """The matches (in a ``locale`` text) that are forbidden there: a forbidden term of
        ``locale`` or of a locale that governs it (a zh-Hant rule holds in TW and HK)."""
        return [
            m for m in matches if m.status == "forbidden" and locale in GOVERNS.get(m.locale, ())
        ]

    def may_forbid(self, text: str, locale: str) -> bool:
        """False only when :meth:`forbidden_among` is sure to find nothing among the matches
        of ``text`` (a ``locale`` text): no spelling of a term forbidden there is in it (see
        :meth:`Matcher.could_find`). Most targets have none, and most glossaries forbid
        nothing in most locales: then no text is even looked at."""
        governing = _GOVERNING.get(locale)
        if governing is None:
            return True
        return self.matcher(locale).could_find(text, governing, "forbidden")

    def may_forbid_each(self, texts: Sequence[str], locale: str) -> list[bool]:
        """:meth:`may_forbid` for each of ``texts``, in one pass over them all."""
        governing = _GOVERNING.get(locale)
        if governing is None:
            return [True] * len(texts)
        return self.matcher(locale).could_find_each(texts, governing, "forbidden")

    def may_mismatch_region_each(self, texts: Sequence[str], locale: str) -> list[bool]:
        """False for each of ``texts`` where :meth:`region_mismatches` is sure to find nothing,
        in one pass over them all."""
        if locale not in ("zh-Hant-TW", "zh-Hant-HK"):
            return [False] * len(texts)
        return self.matcher(locale).could_find_each(texts, _OTHER_REGIONS[locale])

    def region_mismatches(self, text: str, locale: str) -> list[TermMatch]:
        """Forms written for another region found in a ``locale`` text where this glossary has a
        different form for ``locale`` (e.g. HK's 滿地可 in a zh-Hant-TW post)."""
        if locale not in ("zh-Hant-TW", "zh-Hant-HK"):
            return []
        matcher = self.matcher(locale)
        if not matcher.could_find(text, _OTHER_REGIONS[locale]):
            return []  # the usual case, settled without a full scan
        out = []
        for m in matcher.find(text, target_locale=locale):
            if m.locale in ("zh-Hant-TW", "zh-Hant-HK") and m.locale != locale:
                entry = self._by_id[m.entry_id]
                if m.term not in self.approved_forms(entry, locale):
                    out.append(m)
        return out

    def dnt_forms(self, entry: Entry) -> list[str]:
        """Forms a dnt entry must keep unchanged (all its non-forbidden forms)."""
        return _unique(t.text for t in entry.terms if t.status != "forbidden")

    # -- matching and dictionaries -------------------------------------------------------

    def matcher(self, locale: str | None = None, *, jieba_boundaries: bool = False) -> Matcher:
        """A cached :class:`~localize.glossary.matcher.Matcher` for text in ``locale``."""
        key = (locale, jieba_boundaries)
        matcher = self._matchers.get(key)
        if matcher is None:
            from localize.glossary.matcher import Matcher
            from localize.glossary.parse import paused_gc

            with paused_gc():  # the index is all long-lived containers, as in a load
                matcher = Matcher(self, locale, jieba_boundaries=jieba_boundaries)
            self._matchers[key] = matcher
        return matcher

    def find(
        self, text: str, locale: str | None = None, *, target_locale: str | None = None
    ) -> list[TermMatch]:
        return self.matcher(locale).find(text, target_locale=target_locale)

    def jieba_words(self) -> list[tuple[str, int | None, str | None]]:
        """``(word, freq, pos)`` for jieba: every Chinese form (also forbidden ones, so checks
        see them whole) and the Traditional forms OpenCC derives, hashtags without their ``#``.
        Words with spaces are left out: jieba never matches them."""
        out: dict[str, tuple[str, int | None, str | None]] = {}

        def add(word: str, pos: str | None) -> None:
            word = word.strip().strip("#") if word.startswith("#") else word.strip()
            if len(word) >= 2 and " " not in word and word not in out:
                out[word] = (word, None, pos)

        for entry in self.entries:
            for term in entry.terms:
                if term.locale in ZH_LOCALES:
                    add(term.text, term.pos)
            for locale in ("zh-Hant", "zh-Hant-TW", "zh-Hant-HK"):
                resolved = self.resolve(entry, locale)
                if resolved is not None and resolved.derived:
                    pos = entry.preferred(resolved.from_locale)
                    add(resolved.text, pos.pos if pos else None)
        return list(out.values())

    def stats(self) -> dict[str, Any]:
        """Entries per domain and locale, and how many entries each variant covers."""
        per_domain: dict[str, int] = {}
        per_locale: dict[str, int] = dict.fromkeys(LOCALES, 0)
        coverage: dict[str, dict[str, int]] = {}
        for entry in self.entries:
            per_domain[entry.domain or "-"] = per_domain.get(entry.domain or "-", 0) + 1
            for locale in entry.locales:
                per_locale[locale] += 1
        for locale in LOCALES:
            explicit = derived = 0
            for entry in self.entries:
                resolved = self.resolve(entry, locale, derive=False)
                if resolved is None:
                    continue
                if resolved.via is None:
                    explicit += 1
                else:
                    derived += 1
            coverage[locale] = {
                "explicit": explicit,
                "derived": derived,
                "missing": len(self.entries) - explicit - derived,
            }
        return {
            "entries": len(self.entries),
            "terms": sum(len(e.terms) for e in self.entries),
            "domains": dict(sorted(per_domain.items())),
            "locales": per_locale,
            "coverage": coverage,
            "dnt": sum(1 for e in self.entries if e.dnt),
            "hashtags": sum(1 for e in self.entries if e.hashtag),
        }


def _unique(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(items))
