"""``entity_mismatch``: Weibo entities of the source that the target lost, altered or added.

Entities are what :func:`localize.text.entities.find_entities` finds (the same definition
``protect`` masks), compared byte for byte as multisets. A missing entity and an extra one of
the same kind that look alike (``@旅游达人`` / ``@旅遊達人``, ``❤`` / ``❤️``) are reported as one
alteration.
Campaign hashtags from the glossary are left to the term checks: ``#遇见加拿大#`` is supposed to
become ``#MeetCanada#``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from operator import attrgetter
from typing import Literal

from localize.qa.base import CheckEnv, Hit, Segment, quote, register
from localize.qa.terms import campaign_hashtag_spans, has_hashtag
from localize.text.entities import DEFAULT_KINDS, Entity

_KIND_NAMES = {
    "url": "URL",
    "email": "e-mail address",
    "repost": "repost chain",
    "mention": "mention",
    "hashtag": "hashtag",
    "emoticon": "emoticon",
    "emoji": "emoji",
}


@dataclass
class EntityOptions:
    kinds: list[str] = field(default_factory=lambda: list(DEFAULT_KINDS))
    # "exact": hashtags must be byte-identical; "count": only their number must match (for
    # pipelines that translate hashtag text, `protect: {hashtags: translate}`); "auto": exact
    # within one language (zh-Hans -> zh-Hant), count across languages.
    hashtags: Literal["auto", "exact", "count"] = "auto"
    # Report entities the target has and the source lacks.
    extra: bool = True
    # How alike a missing and an extra entity must be to count as one altered entity (0..1).
    similarity: float = 0.5


def _kept_in_order(seg: Segment) -> bool:
    """Whether every entity is kept, in order, and the source has no hashtag (so no campaign
    hashtag is left out on either side): the lists entity_mismatch compares are then equal,
    whatever the kinds, and it finds nothing. The usual case, settled before anything is built."""
    source_entities = seg.source_entities
    return not has_hashtag(source_entities) and list(map(_KIND_AND_TEXT, source_entities)) == list(
        map(_KIND_AND_TEXT, seg.target_entities)
    )


def _maybe_mismatched(segs: Sequence[Segment], options: EntityOptions, env: CheckEnv) -> list[bool]:
    return [not _kept_in_order(seg) for seg in segs]


@register(
    "entity_mismatch",
    severity="error",
    summary="hashtags, mentions, repost chains, URLs, e-mails, emoticons or emoji lost, altered"
    " or added",
    options=EntityOptions,
    screen=_maybe_mismatched,
)
def entity_mismatch(seg: Segment, options: EntityOptions, env: CheckEnv) -> Iterator[Hit]:
    if _kept_in_order(seg):
        return
    kinds = set(options.kinds)
    skip_source, skip_target = campaign_hashtag_spans(seg, env)
    source = _compared(seg.source_entities, kinds, skip_source)
    target = _compared(seg.target_entities, kinds, skip_target)
    if source == target:
        return  # the usual case: every entity kept, in order (what follows would find nothing)
    mode = options.hashtags
    if mode == "auto":
        same = seg.source_lang is not None and seg.source_lang == seg.target_lang
        mode = "exact" if same else "count"
    if mode == "count":
        yield from _hashtag_count(source, target)
        source = [e for e in source if e[0] != "hashtag"]
        target = [e for e in target if e[0] != "hashtag"]
    source_count, target_count = Counter(source), Counter(target)
    missing = [e for e in dict.fromkeys(source) if source_count[e] > target_count[e]]
    extra = [e for e in dict.fromkeys(target) if target_count[e] > source_count[e]]
    altered: list[tuple[tuple[str, str], tuple[str, str]]] = []
    for entity in list(missing):
        candidates = [e for e in extra if e[0] == entity[0]]
        best = max(candidates, key=lambda e: _similarity(entity[1], e[1]), default=None)
        if best is not None and _similarity(entity[1], best[1]) >= options.similarity:
            altered.append((entity, best))
            missing.remove(entity)
            extra.remove(best)
    for (kind, text), (_, new) in altered:
        yield Hit(
            f"{_KIND_NAMES[kind]} {quote(text)} was altered to {quote(new)}",
            {"kind": kind, "entity": text, "target": new, "problem": "altered"},
        )
    for kind, text in missing:
        have, want = target_count[(kind, text)], source_count[(kind, text)]
        detail = "is missing from the target" if have == 0 else f"appears {want}× in the source"
        detail += "" if have == 0 else f" but {have}× in the target"
        yield Hit(
            f"{_KIND_NAMES[kind]} {quote(text)} {detail}",
            {"kind": kind, "entity": text, "problem": "missing"},
        )
    if options.extra:
        for kind, text in extra:
            yield Hit(
                f"{_KIND_NAMES[kind]} {quote(text)} in the target is not in the source",
                {"kind": kind, "entity": text, "problem": "extra"},
            )


_KIND_AND_TEXT = attrgetter("kind", "text")


def _compared(
    entities: list[Entity], kinds: set[str], skip: set[tuple[int, int]]
) -> list[tuple[str, str]]:
    """``(kind, text)`` of the entities of ``kinds`` outside the ``skip`` spans."""
    if not skip and kinds.issuperset(DEFAULT_KINDS):
        return list(map(_KIND_AND_TEXT, entities))  # the usual case, in C: every entity counts
    return [(e.kind, e.text) for e in entities if e.kind in kinds and (e.start, e.end) not in skip]


def _hashtag_count(source: list[tuple[str, str]], target: list[tuple[str, str]]) -> Iterator[Hit]:
    n_source = sum(1 for kind, _ in source if kind == "hashtag")
    n_target = sum(1 for kind, _ in target if kind == "hashtag")
    if n_source != n_target:
        yield Hit(
            f"the source has {n_source} hashtag(s), the target {n_target}",
            {"kind": "hashtag", "problem": "count", "source": n_source, "target": n_target},
        )


def _similarity(a: str, b: str) -> float:
    return SequenceMatcher(None, a, b).ratio()
