"""What every QA check shares: the segment pair it looks at, what it reports, and the registry.

A check is a function ``(segment, options, env) -> iterable of Hit`` registered under an id with
a default severity and an options dataclass. The checker turns hits into findings with the
configured severity; reporters only ever see findings. Families of checks live in one module
each (terms, entities, numbers, ...) and register themselves when imported.

A check may also have a *screen*: ``(segments, options, env) -> one bool per segment``, False
only where the check is sure to find nothing on that segment. A pipeline's ``check`` step sees a
batch of posts at a time and calls each check only on the posts its screen lets through; most
screens settle the whole batch with one scan of its texts joined (:func:`texts_matching`). A
screen is exact, never a guess: tests hold every screen to its check on whole corpora. A check
that must see every post (the checks across posts) may instead have a *batch* form:
``(segments, options, env) -> the hits of each segment``, what the check gives on each in turn,
with what it looks up once per call done once per batch.

Every check that reads running text works on ``Segment.source_plain`` / ``target_plain``: the
text with its Weibo entities (URLs, mentions, hashtags, emoticons, emoji) blanked out with
U+FFFC, offsets unchanged. That is what keeps a Han character inside a URL from counting as
untranslated text, a digit inside ``t.cn/A6x9`` from counting as a number, and ``[哈哈]`` from
counting as unbalanced brackets.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from operator import methodcaller
from typing import TYPE_CHECKING, Any, Generic, TypeVar, overload

from localize.options import NoOptions
from localize.text.entities import BLANK, DEFAULT_KINDS, Entity, blank_spans, find_entities
from localize.text.joined import texts_with_matches
from localize.text.locales import language

if TYPE_CHECKING:
    from localize.glossary import Glossary

SEVERITIES = ("error", "warning", "off")
# Severities a finding can have, most serious first.
LEVELS = ("error", "warning")


def blank_ranges(text: str, spans: Iterable[tuple[int, int]]) -> str:
    """``text`` with each ``(start, end)`` span replaced by as many BLANKs (offsets kept), in
    one pass: rebuilding the string per span is quadratic in the length of a long post."""
    pieces, last = [], 0
    for start, end in sorted(spans):
        start = max(start, last)  # overlapping spans are blanked once
        if end > start:
            pieces += [text[last:start], BLANK * (end - start)]
            last = end
    if not pieces:
        return text
    pieces.append(text[last:])
    return "".join(pieces)


# Modules whose import registers checks, in the order their checks are listed and run.
FAMILIES = (
    "localize.qa.length",
    "localize.qa.placeholders",
    "localize.qa.terms",
    "localize.qa.entities",
    "localize.qa.numbers",
    "localize.qa.untranslated",
    "localize.qa.script",
    "localize.qa.punctuation",
    "localize.qa.platform",
    "localize.qa.consistency",
    "localize.qa.runner",
    "localize.qa.waivers",
)


@dataclass
class Hit:
    """One problem a check found, before severity and waivers are applied."""

    message: str
    data: dict[str, Any] = field(default_factory=dict)


@dataclass
class Finding:
    """A hit with its check id, severity, whether it fails the run, and the waiver if any."""

    check: str
    severity: str  # error | warning
    message: str
    data: dict[str, Any] = field(default_factory=dict)
    fails: bool = False
    waived: str | None = None  # the waiver's reason when a waiver accepted this finding

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "check": self.check,
            "severity": self.severity,
            "message": self.message,
            "fails": self.fails and self.waived is None,
        }
        if self.waived is not None:
            out["waived"] = self.waived
        if self.data:
            out["data"] = self.data
        return out


_T = TypeVar("_T")


class once(Generic[_T]):  # a decorator, named in lower case like functools.cached_property
    """``functools.cached_property`` without its lock: computed on first access and stored in
    the instance's ``__dict__``, where later reads find it without calling the descriptor.

    Written here because before Python 3.12 ``cached_property`` takes a lock on every first
    access: 27,000 first reads (six per post, 4,500 posts) took 22-28 ms with it and 7-8 ms
    without, measured here. A segment is never shared between threads; the lock buys nothing.
    """

    def __init__(self, func: Callable[[Any], _T]) -> None:
        self.func = func
        self.name = func.__name__
        self.__doc__ = func.__doc__

    @overload
    def __get__(self, instance: None, owner: type | None = None) -> once[_T]: ...
    @overload
    def __get__(self, instance: object, owner: type | None = None) -> _T: ...
    def __get__(self, instance: object | None, owner: type | None = None) -> once[_T] | _T:
        if instance is None:
            return self
        value = instance.__dict__[self.name] = self.func(instance)
        return value


@dataclass
class Segment:
    """A source post and its localized target, as the checks see them."""

    id: str
    source: str
    target: str
    source_locale: str | None = None
    target_locale: str | None = None
    path: str | None = None
    line: int | None = None
    # Scratch space shared by the checks of one family (e.g. glossary matches).
    cache: dict[Any, Any] = field(default_factory=dict)

    @once
    def source_entities(self) -> list[Entity]:
        return list(find_entities(self.source, DEFAULT_KINDS))

    @once
    def target_entities(self) -> list[Entity]:
        return list(find_entities(self.target, DEFAULT_KINDS))

    @once
    def source_plain(self) -> str:
        return blank_spans(self.source, self.source_entities)

    @once
    def target_plain(self) -> str:
        return blank_spans(self.target, self.target_entities)

    # Cached: most checks ask, once or more per post (the locales are set when it is made).
    @once
    def source_lang(self) -> str | None:
        return language(self.source_locale)

    @once
    def target_lang(self) -> str | None:
        return language(self.target_locale)


def quote(text: str, limit: int = 40) -> str:
    """A string quoted for a message, shortened in the middle if long."""
    if len(text) > limit:
        text = text[: limit - 11] + "…" + text[-10:]
    return '"' + text.replace("\n", " ") + '"'


@dataclass
class CheckEnv:
    """What checks may consult besides the segment: the glossary (or None)."""

    glossary: Glossary | None = None
    cache: dict[str, Any] = field(default_factory=dict)
    # Not None in a `--jobs` worker: checks across posts put their sentence pairs here for the
    # parent to judge (see localize.qa.consistency) instead of judging a share of the posts.
    pending: list[Any] | None = None


CheckFunc = Callable[[Segment, Any, CheckEnv], Iterable[Hit]]
# Which segments of a batch a check could find something on (see the module's docstring).
ScreenFunc = Callable[[Sequence[Segment], Any, CheckEnv], list[bool]]
# A check done on a batch of segments at once (see the module's docstring).
BatchFunc = Callable[[Sequence[Segment], Any, CheckEnv], list[list[Hit]]]


def texts_matching(pattern: re.Pattern[str], texts: Sequence[str]) -> list[bool]:
    """For each of ``texts``, whether ``pattern`` has a match in it, in one scan of them all
    (:func:`~localize.text.joined.texts_with_matches`). Exact for a pattern that never matches
    NUL and looks at no context (no lookaround, no anchors)."""
    return texts_with_matches(lambda joined: map(_START, pattern.finditer(joined)), texts, "\x00")


_START = methodcaller("start")


def per_target_locale(
    segs: Sequence[Segment], screen: Callable[[str, list[Segment]], list[bool] | None]
) -> list[bool]:
    """A screen's verdicts, from ``screen`` called once per target locale with the segments of
    that locale ("" for none), in batch order; it returns None where none of them can have a
    finding."""
    groups: dict[str, list[int]] = {}
    for k, seg in enumerate(segs):
        groups.setdefault(seg.target_locale or "", []).append(k)
    verdicts = [False] * len(segs)
    for locale, chosen in groups.items():
        found = screen(locale, [segs[k] for k in chosen])
        if found is not None:
            for k, maybe in zip(chosen, found, strict=True):
                verdicts[k] = maybe
    return verdicts


@dataclass(frozen=True)
class CheckDef:
    id: str
    family: str
    severity: str  # the default: error | warning | off
    summary: str
    options: type
    func: CheckFunc | None  # None: reported by the runner itself (waivers, unpaired posts)
    screen: ScreenFunc | None = None  # None: every segment is checked
    batch: BatchFunc | None = None  # None: the check is called segment by segment


_REGISTRY: dict[str, CheckDef] = {}


def register(
    check_id: str,
    *,
    severity: str,
    summary: str,
    options: type = NoOptions,
    screen: ScreenFunc | None = None,
    batch: BatchFunc | None = None,
) -> Callable[[CheckFunc], CheckFunc]:
    """Decorator: register ``func`` as the check ``check_id`` (``screen`` and ``batch``: see
    the module's docstring)."""

    def wrap(func: CheckFunc) -> CheckFunc:
        family = func.__module__.rsplit(".", 1)[-1]
        define(
            check_id,
            family,
            severity=severity,
            summary=summary,
            options=options,
            func=func,
            screen=screen,
            batch=batch,
        )
        return func

    return wrap


def define(
    check_id: str,
    family: str,
    *,
    severity: str,
    summary: str,
    options: type = NoOptions,
    func: CheckFunc | None = None,
    screen: ScreenFunc | None = None,
    batch: BatchFunc | None = None,
) -> None:
    assert severity in SEVERITIES, severity
    _REGISTRY[check_id] = CheckDef(
        check_id, family, severity, summary, options, func, screen, batch
    )


def all_checks() -> dict[str, CheckDef]:
    """Every registered check by id, in family order (whatever order modules were imported in)."""
    for module in FAMILIES:
        importlib.import_module(module)
    order = {module.rsplit(".", 1)[-1]: i for i, module in enumerate(FAMILIES)}
    ranked = sorted(_REGISTRY.values(), key=lambda c: order.get(c.family, len(order)))
    return {c.id: c for c in ranked}
