"""Glossary checks: ``missing_term``, ``forbidden_term``, ``dnt_changed``.

Source terms are found with the glossary's own matcher (leftmost-longest, word boundaries for
English, the same code the ``terms`` step uses), so a check and a pipeline never disagree about
what a term is. A match inside a Weibo entity does not count: ``@多伦多旅游局`` is a user name,
not the city, and is copied verbatim. The exception is a campaign hashtag entry (``hashtag:
true``), which *is* the hashtag: ``#遇见加拿大#`` must become the approved ``#MeetCanada#``.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from operator import attrgetter
from typing import TYPE_CHECKING

from localize.qa.base import CheckEnv, Hit, Segment, per_target_locale, quote, register
from localize.text.locales import LOCALES

if TYPE_CHECKING:
    from localize.post import TermMatch
    from localize.text.entities import Entity

GLOSSARY_LOCALES = LOCALES  # every locale of the one model has glossary forms
_KIND = attrgetter("kind")


@dataclass
class TermOptions:
    # Match Chinese terms only on jieba word boundaries (fewer false hits inside names, but
    # loads jieba: about a second on the first post).
    jieba_boundaries: bool = False


def _overlapping(entities: list[Entity], ends: list[int], start: int, end: int) -> list[Entity]:
    """The entities overlapping ``[start, end)``; ``entities`` are sorted and do not overlap
    (as :func:`find_entities` gives them), ``ends`` their ends. A bisection rather than a scan
    of every entity per match, so a long post costs n log n, not n²."""
    found = []
    for i in range(bisect_right(ends, start), len(entities)):
        if entities[i].start >= end:
            break
        found.append(entities[i])
    return found


def _usable(matches: list[TermMatch], entities: list[Entity]) -> list[TermMatch]:
    """Matches outside entities, plus campaign-hashtag matches inside hashtags."""
    if not entities:
        return list(matches)
    ends = [e.end for e in entities]
    out = []
    for m in matches:
        inside = _overlapping(entities, ends, m.start, m.end)
        if not inside or (m.hashtag and all(e.kind == "hashtag" for e in inside)):
            out.append(m)
    return out


# Where source_matches caches, by its ``jieba`` argument.
_SOURCE_KEYS = {False: "terms.source.False", True: "terms.source.True"}


def prefetch_matches(segs: list[Segment], env: CheckEnv) -> None:
    """Glossary matches of a batch of segments in one scan per side (``Matcher.find_all``),
    cached as :func:`source_matches` and :func:`target_matches` would cache them one by one.

    Per post, a scan costs about as much in Python around the automaton as in the scan itself;
    a pipeline's ``check`` step sees a batch at a time, so it pays that once per batch. The
    matcher is handed the entities the segments have found already, so it does not look for
    them again.
    """
    glossary = env.glossary
    if glossary is None or not segs:
        return
    groups: dict[tuple[str | None, str | None], list[Segment]] = {}
    for seg in segs:
        groups.setdefault((seg.source_locale, seg.target_locale), []).append(seg)
    for (source_locale, target_locale), group in groups.items():
        if source_locale in GLOSSARY_LOCALES:
            found = glossary.matcher(source_locale).find_all(
                [s.source for s in group],
                target_locale=target_locale,
                entities=[s.source_entities for s in group],
            )
            for seg, matches in zip(group, found, strict=True):
                seg.cache[_SOURCE_KEYS[False]] = _usable(matches, seg.source_entities)
        # Only the targets a check is sure to ask about: across languages (untranslated) and
        # with a hashtag (entity_mismatch). In a zh-Hans -> zh-Hant pipeline most are asked
        # about by no check (forbidden_term's quick test settles them), and the rare one that
        # is (number_mismatch, forbidden_term) is scanned alone: the same matches either way.
        wanted = [
            s for s in group if s.source_lang != s.target_lang or has_hashtag(s.target_entities)
        ]
        if target_locale in GLOSSARY_LOCALES and wanted:
            found = glossary.matcher(target_locale).find_all(
                [s.target for s in wanted],
                target_locale=target_locale,
                entities=[s.target_entities for s in wanted],
            )
            for seg, matches in zip(wanted, found, strict=True):
                seg.cache["terms.target"] = _usable(matches, seg.target_entities)


def source_matches(seg: Segment, env: CheckEnv, *, jieba: bool = False) -> list[TermMatch]:
    """Glossary terms in the source (cached on the segment for the other term checks)."""
    key = _SOURCE_KEYS[jieba]
    if key not in seg.cache:
        found: list[TermMatch] = []
        if env.glossary is not None and seg.source_locale in GLOSSARY_LOCALES:
            matcher = env.glossary.matcher(seg.source_locale, jieba_boundaries=jieba)
            entities = seg.source_entities
            found = _usable(
                matcher.find(seg.source, target_locale=seg.target_locale, entities=entities),
                entities,
            )
        seg.cache[key] = found
    result: list[TermMatch] = seg.cache[key]
    return result


def target_matches(seg: Segment, env: CheckEnv) -> list[TermMatch]:
    if "terms.target" not in seg.cache:
        found: list[TermMatch] = []
        if env.glossary is not None and seg.target_locale in GLOSSARY_LOCALES:
            matcher = env.glossary.matcher(seg.target_locale)
            entities = seg.target_entities
            found = _usable(
                matcher.find(seg.target, target_locale=seg.target_locale, entities=entities),
                entities,
            )
        seg.cache["terms.target"] = found
    result: list[TermMatch] = seg.cache["terms.target"]
    return result


def _approved(env: CheckEnv, entry_id: str, locale: str) -> list[tuple[str, re.Pattern[str]]]:
    """The approved ``locale`` forms of an entry (none if it has no entry), each with the
    pattern that finds it (:func:`_pattern`). Kept with the checker, whose glossary does not
    change: every post with the term asks, and the forms are derived and the patterns built
    only once."""
    known: dict[tuple[str, str], list[tuple[str, re.Pattern[str]]]] = env.cache.setdefault(
        "terms.approved", {}
    )
    key = (entry_id, locale)
    approved = known.get(key)
    if approved is None:
        assert env.glossary is not None
        entry = env.glossary.get(entry_id)
        forms = [] if entry is None else env.glossary.approved_forms(entry, locale)
        approved = known[key] = [(f, _pattern(f, _case_sensitive(env, entry_id, f))) for f in forms]
    return approved


def _pattern(form: str, case_sensitive: bool) -> re.Pattern[str]:
    """What finds ``form`` in a text: on word boundaries where it starts or ends with a Latin
    letter or digit (Banff is not in Banffshire; 多伦多 is in 去多伦多玩). An English form may
    be plural: "mooncakes", "maple leaves", "ferries"."""
    left = r"(?<![A-Za-z0-9_])" if form[:1].isascii() and form[:1].isalnum() else ""
    right = r"(?![A-Za-z0-9_])" if form[-1:].isascii() and form[-1:].isalnum() else ""
    body = re.escape(form)
    if form[-1:].isascii() and form[-1:].isalpha():
        body = "(?:" + "|".join(re.escape(f) for f in _plurals(form)) + ")"
    flags = 0 if case_sensitive else re.IGNORECASE
    return re.compile(left + body + right, flags)


def _plurals(form: str) -> list[str]:
    forms = [form, form + "s", form + "es"]
    if form.endswith("y"):
        forms.append(form[:-1] + "ies")
    if form.endswith("fe"):
        forms.append(form[:-2] + "ves")
    elif form.endswith("f"):
        forms.append(form[:-1] + "ves")
    return forms


def _case_sensitive(env: CheckEnv, entry_id: str, form: str) -> bool:
    assert env.glossary is not None
    entry = env.glossary.get(entry_id)
    if entry is not None:
        for term in entry.terms:
            if term.text == form:
                return term.is_case_sensitive
    return True


def campaign_hashtag_spans(
    seg: Segment, env: CheckEnv
) -> tuple[set[tuple[int, int]], set[tuple[int, int]]]:
    """(start, end) of the hashtag entities on each side that hold a campaign hashtag term, so
    ``entity_mismatch`` leaves them to the term checks."""
    if env.glossary is None:
        return set(), set()

    def spans(entities: list[Entity], matches: list[TermMatch]) -> set[tuple[int, int]]:
        tags = [m for m in matches if m.hashtag]
        if not tags:
            return set()  # the usual case: no campaign hashtag
        # Each campaign-hashtag match lies inside at most one entity: find it by bisection.
        ends = [e.end for e in entities]
        return {
            (e.start, e.end)
            for m in tags
            for e in _overlapping(entities, ends, m.start, m.end)
            if e.kind == "hashtag" and e.start <= m.start and m.end <= e.end
        }

    # Only a hashtag entity can hold one: a side without any needs no glossary matches.
    return (
        spans(seg.source_entities, source_matches(seg, env))
        if has_hashtag(seg.source_entities)
        else set(),
        spans(seg.target_entities, target_matches(seg, env))
        if has_hashtag(seg.target_entities)
        else set(),
    )


def has_hashtag(entities: list[Entity]) -> bool:
    """Whether any of ``entities`` is a hashtag."""
    return "hashtag" in map(_KIND, entities)


def _with_terms(segs: Sequence[Segment], options: TermOptions, env: CheckEnv) -> list[bool]:
    # Only a glossary term of the source can be missing from the target.
    if env.glossary is None:
        return [False] * len(segs)
    jieba = options.jieba_boundaries
    return [
        seg.target_locale in GLOSSARY_LOCALES and bool(source_matches(seg, env, jieba=jieba))
        for seg in segs
    ]


@register(
    "missing_term",
    severity="error",
    summary="a glossary term of the source without its approved target form in the target",
    options=TermOptions,
    screen=_with_terms,
)
def missing_term(seg: Segment, options: TermOptions, env: CheckEnv) -> Iterator[Hit]:
    glossary = env.glossary
    if glossary is None or seg.target_locale not in GLOSSARY_LOCALES:
        return
    reported: set[str] = set()
    for m in source_matches(seg, env, jieba=options.jieba_boundaries):
        if m.status == "forbidden" or m.dnt or m.entry_id in reported:
            continue
        approved = _approved(env, m.entry_id, seg.target_locale)
        if not approved:
            continue  # the glossary has no form for this target: nothing to enforce
        if any(pattern.search(seg.target) for _, pattern in approved):
            continue
        reported.add(m.entry_id)
        kind = "campaign hashtag" if m.hashtag else "term"
        found = seg.source[m.start : m.end]
        wanted = " or ".join(quote(f) for f, _ in approved)
        yield Hit(
            f"{kind} {quote(found)} needs the approved {seg.target_locale} form {wanted}",
            {"entry": m.entry_id, "term": found, "expected": [f for f, _ in approved]},
        )


def _may_forbid(segs: Sequence[Segment], options: object, env: CheckEnv) -> list[bool]:
    glossary = env.glossary

    def screen(locale: str, group: list[Segment]) -> list[bool] | None:
        if glossary is None or locale not in GLOSSARY_LOCALES:
            return None
        return glossary.may_forbid_each([seg.target for seg in group], locale)

    return per_target_locale(segs, screen)


@register(
    "forbidden_term",
    severity="error",
    summary="a form the glossary forbids for the target locale appears in the target",
    screen=_may_forbid,
)
def forbidden_term(seg: Segment, options: object, env: CheckEnv) -> Iterator[Hit]:
    glossary = env.glossary
    if glossary is None or seg.target_locale not in GLOSSARY_LOCALES:
        return
    locale = seg.target_locale
    if not glossary.may_forbid(seg.target, locale):
        return  # the usual case: the target holds no spelling of a term forbidden there
    # glossary.forbidden_matches()'s rule, over the scan the target already had.
    for m in glossary.forbidden_among(target_matches(seg, env), locale):
        entry = glossary.get(m.entry_id)
        found = seg.target[m.start : m.end]
        use = glossary.term_for(entry, locale) if entry is not None else None
        instead = f"; use {quote(use)}" if use else ""
        yield Hit(
            f"forbidden term {quote(found)} in the target{instead}",
            {"entry": m.entry_id, "term": found, "expected": use},
        )


def _with_dnt_terms(segs: Sequence[Segment], options: TermOptions, env: CheckEnv) -> list[bool]:
    if env.glossary is None:
        return [False] * len(segs)
    jieba = options.jieba_boundaries
    return [any(m.dnt for m in source_matches(seg, env, jieba=jieba)) for seg in segs]


@register(
    "dnt_changed",
    severity="error",
    summary="a do-not-translate term of the source not kept as is in the target",
    options=TermOptions,
    screen=_with_dnt_terms,
)
def dnt_changed(seg: Segment, options: TermOptions, env: CheckEnv) -> Iterator[Hit]:
    glossary = env.glossary
    if glossary is None:
        return
    reported: set[str] = set()
    for m in source_matches(seg, env, jieba=options.jieba_boundaries):
        if not m.dnt or m.status == "forbidden" or m.entry_id in reported:
            continue
        found = seg.source[m.start : m.end]
        entry = glossary.get(m.entry_id)
        forms = [found, *(glossary.dnt_forms(entry) if entry is not None else [])]
        if any(form in seg.target for form in forms):
            continue
        reported.add(m.entry_id)
        yield Hit(
            f"do-not-translate term {quote(found)} was not kept as is in the target",
            {"entry": m.entry_id, "term": found},
        )
