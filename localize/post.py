"""The unit of work: one post flowing one way through a pipeline.

``source`` is what the author wrote and is never changed. Steps rewrite ``text`` (the working
text, which carries placeholders while entities are protected) and add tokens, term matches and
issues. ``restore`` turns placeholders back into the exact original bytes.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass, field
from typing import Any, Literal, NamedTuple


@dataclass(frozen=True)
class HashtagMark:
    """A span that is one ``#`` of a hashtag whose text stays unmasked for translation
    (``protect: {hashtags: translate}``): which mark it is, and the whole hashtag it belongs to."""

    part: Literal["open", "close"]
    tag: str  # e.g. "#遇见加拿大#"


@dataclass
class ProtectedSpan:
    """What a placeholder in ``Post.text`` stands for.

    Steps pass what they know about a span in typed fields (no free-form dict), so a misspelt
    field is a type error, not a silently missing key.
    """

    placeholder: str
    original: str
    kind: str  # hashtag, mention, repost, emoticon, url, email, emoji, number, term, literal, ...
    # For a translated term: the form to put back instead of ``original`` (target-locale term).
    replacement: str | None = None
    # The glossary entry this span stands for (a masked term or a campaign hashtag), set by
    # ``terms`` and reported by ``translate`` when the term cannot be enforced.
    entry_id: str | None = None
    # Set by ``protect`` on the two marks of a hashtag whose text is translated.
    hashtag_mark: HashtagMark | None = None

    @property
    def restored(self) -> str:
        return self.original if self.replacement is None else self.replacement

    def is_hashtag_mark(self, part: Literal["open", "close"], tag: str | None = None) -> bool:
        """Whether this span is the ``part`` mark of a hashtag (of ``tag``, when given)."""
        mark = self.hashtag_mark
        return mark is not None and mark.part == part and (tag is None or mark.tag == tag)


class TermMatch(NamedTuple):
    """A glossary term found in the post's text (offsets into ``Post.text`` when it was found).

    A named tuple because the matcher makes one per match, many per post: as a tuple they can
    be built from columns entirely in C (``tuple.__new__`` over ``zip``), about 3x cheaper
    than a dataclass's ``__init__``.
    """

    entry_id: str
    term: str
    locale: str
    status: str  # preferred | admitted | forbidden
    start: int
    end: int
    # The approved form in the pipeline's target locale, if the glossary has one.
    target: str | None = None
    dnt: bool = False
    hashtag: bool = False

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "id": self.entry_id,
            "term": self.term,
            "locale": self.locale,
            "status": self.status,
            "span": [self.start, self.end],
        }
        if self.target is not None:
            out["target"] = self.target
        if self.dnt:
            out["dnt"] = True
        if self.hashtag:
            out["hashtag"] = True
        return out


@dataclass
class Issue:
    """Something a step or check noticed about a post."""

    check: str  # e.g. missing_term, entity_mismatch, term_not_enforced
    message: str
    severity: str = "warning"  # error | warning | info
    step: str | None = None
    data: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "check": self.check,
            "severity": self.severity,
            "message": self.message,
        }
        if self.step:
            out["step"] = self.step
        if self.data:
            out["data"] = self.data
        return out


# Where a sentence's translation came from: the translation memory, the MT cache, the model,
# nowhere (``copy``: nothing to translate, only entities and punctuation), or an editor
# (``human``: a target changed in an XLIFF file read back).
Origin = Literal["tm", "cache", "mt", "copy", "human"]
ORIGINS: tuple[str, ...] = ("tm", "cache", "mt", "copy", "human")


@dataclass
class Segment:
    """One translated sentence of a post (written by ``translate``).

    ``source`` and ``target`` carry the post's placeholders; ``"".join(target + sep)`` over a
    post's segments is its text after ``translate``, before ``restore``.
    """

    source: str
    target: str
    sep: str
    origin: Origin

    def to_json(self) -> dict[str, str]:
        return {
            "source": self.source,
            "target": self.target,
            "sep": self.sep,
            "origin": self.origin,
        }


@dataclass
class Post:
    id: str
    source: str
    text: str = ""
    source_locale: str | None = None  # declared (``lang`` field) or pipeline's source
    target_locale: str | None = None
    # zh-Hans | zh-Hant | en | mixed | other, detected from ``source`` on first use (``script``).
    detected: str | None = None
    spans: dict[str, ProtectedSpan] = field(default_factory=dict)
    tokens: list[str] | None = None
    # The text ``tokens`` spell (see :meth:`set_tokens`); a step that rewrites ``text`` without
    # its tokens leaves them stale, and :attr:`current_tokens` then says so.
    tokenized: str | None = None
    terms: list[TermMatch] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)
    # Input fields other than id/text, passed through untouched.
    fields: dict[str, Any] = field(default_factory=dict)
    # Where the post came from, for reports: (path, line).
    origin: tuple[str, int] | None = None
    # Per-step scratch data and provenance (e.g. which MT model translated it).
    meta: dict[str, Any] = field(default_factory=dict)
    # The sentences ``translate`` produced, for XLIFF and the review page (empty otherwise).
    segments: list[Segment] = field(default_factory=list)

    def __post_init__(self) -> None:
        if not self.text:
            self.text = self.source

    def mask(
        self,
        original: str,
        kind: str,
        *,
        replacement: str | None = None,
        avoid: Collection[str] = (),
        entry_id: str | None = None,
        hashtag_mark: HashtagMark | None = None,
    ) -> str:
        """Record a protected span and return the placeholder to put in ``text`` instead.

        ``avoid``: placeholder-shaped strings already in the text, which must not be reused.
        """
        from localize.text.placeholders import make_placeholder

        number = len(self.spans) + 1
        placeholder = make_placeholder(number)
        while placeholder in self.spans or placeholder in avoid:
            number += 1
            placeholder = make_placeholder(number)
        self.spans[placeholder] = ProtectedSpan(
            placeholder, original, kind, replacement, entry_id, hashtag_mark
        )
        return placeholder

    def set_tokens(self, tokens: list[str]) -> None:
        """Set ``tokens``; they must spell the current ``text``."""
        self.tokens = tokens
        self.tokenized = self.text

    @property
    def current_tokens(self) -> list[str] | None:
        """The tokens, if no step changed the text since they were made; else None."""
        if self.tokens is None or self.tokenized is None:
            return None
        return self.tokens if self.tokenized is self.text or self.tokenized == self.text else None

    def hashtag_close(self, tag: str, start: int) -> re.Match[str] | None:
        """The placeholder of the closing mark of hashtag ``tag`` in ``text`` from ``start`` on
        (the one protocol ``terms`` and ``translate`` share for ``hashtags: translate``)."""
        from localize.text.placeholders import PLACEHOLDER_RE

        for m in PLACEHOLDER_RE.finditer(self.text, start):
            span = self.spans.get(m.group())
            if span is not None and span.is_hashtag_mark("close", tag):
                return m
        return None

    def fresh_copy(self) -> Post:
        """The post as it was read, before any step touched it (for retrying a failed batch)."""
        return Post(
            id=self.id,
            source=self.source,
            source_locale=self.source_locale,
            target_locale=self.target_locale,
            detected=self.detected,
            fields=self.fields,
            origin=self.origin,
        )

    def add_issue(
        self,
        check: str,
        message: str,
        *,
        severity: str = "warning",
        step: str | None = None,
        **data: Any,
    ) -> None:
        self.issues.append(Issue(check, message, severity, step, dict(data)))

    @property
    def script(self) -> str:
        """The detected script of the source; computed once, and only if something asks."""
        if self.detected is None:
            from localize.text.script import detect

            self.detected = detect(self.source)
        return self.detected

    @property
    def locale(self) -> str | None:
        """The locale the working text is in now."""
        return self.meta.get("locale", self.source_locale)
