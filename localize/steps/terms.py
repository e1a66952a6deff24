"""``terms``: find glossary terms in each post, record them, and mask them for later steps.

Matches go on ``post.terms`` (entry id, span in the working text at that moment, status, target
form). With ``mask: true`` (default) each matched term that has a form in the target locale (or
is dnt) becomes a placeholder whose span restores to the glossary's target form, so ``convert``
and ``translate`` cannot touch it and ``restore`` writes e.g. the zh-Hant-TW form from the
glossary instead of OpenCC's conversion.

Campaign hashtags: ``protect`` has already masked ``#遇见加拿大#`` as a ``hashtag`` span; when
the glossary has that hashtag, the span's replacement becomes the target-locale counterpart
(``#Meeting Canada#``). With ``protect: {hashtags: translate}`` only the hash marks are masked,
so the two marks and the inner text are replaced by one hashtag span instead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from operator import attrgetter
from typing import Any, Literal

from localize.errors import ConfigError
from localize.glossary.model import Glossary
from localize.post import Post, ProtectedSpan, TermMatch
from localize.steps.base import MASKED, Contract, Step, StepContext
from localize.text.locales import is_chinese, normalize_locale, parse_locale
from localize.text.placeholders import PLACEHOLDER_RE, make_placeholder


@dataclass
class TermsOptions:
    mask: bool = True  # replace matched terms by placeholders that restore to the target form
    jieba_boundaries: bool = False  # Chinese terms only on jieba token boundaries
    statuses: list[str] | None = None  # which term statuses to act on (default: all)
    # How a campaign hashtag is written for an English target: "weibo" (#Meeting Canada#) or
    # "single" (#MeetingCanada, as on X and Instagram). Chinese targets always get Weibo's #…#.
    hashtag_style: Literal["weibo", "single"] = "weibo"


class Terms(Step):
    name = "terms"
    Options = TermsOptions
    libraries = ("daachorse",)
    provides = frozenset({MASKED})

    def __init__(self, options: TermsOptions, context: StepContext) -> None:
        super().__init__(options, context)
        if options.statuses is not None:
            unknown = sorted(set(options.statuses) - {"preferred", "admitted", "forbidden"})
            if unknown:
                raise ConfigError(
                    f"unknown term status(es) {', '.join(unknown)}",
                    key="statuses",
                    hint="Valid statuses: preferred, admitted, forbidden.",
                )
        target = context.target
        self.target = normalize_locale(target, key="target") if target else None
        self._forms: tuple[Glossary, dict[str, str]] | None = None

    def contract(self) -> Contract:
        if not self.options.mask:
            return Contract()  # only records the matches: nothing to restore
        return super().contract()

    def load(self) -> None:
        glossary = self.context.glossary
        if glossary is None or not glossary.entries:
            return
        # The automata of the pipeline's source locale and of hashtags (posts in another
        # language build theirs when they come).
        glossary.matcher(
            parse_locale(self.context.source), jieba_boundaries=self.options.jieba_boundaries
        )
        glossary.matcher(None)

    def process(self, posts: list[Post]) -> list[Post]:
        glossary = self.context.glossary
        if glossary is None or not glossary.entries:
            return posts
        # Posts of one source and target locale are matched together, in one scan.
        groups: dict[tuple[str | None, str | None], list[Post]] = {}
        for post in posts:
            locale = post.locale or self.context.source
            target = parse_locale(post.target_locale) or self.target
            self._hashtag_spans(post, glossary, target)
            key = (parse_locale(locale), target)
            groups.setdefault(key, []).append(post)
        for (locale, target), group in groups.items():
            matcher = glossary.matcher(locale, jieba_boundaries=self.options.jieba_boundaries)
            if self.options.jieba_boundaries:
                found = [
                    matcher.find(post.text, target_locale=target, tokens=post.current_tokens)
                    for post in group
                ]
            else:
                found = matcher.find_all([post.text for post in group], target_locale=target)
            for post, matches in zip(group, found, strict=True):
                self._record(post, matches, target)
        return posts

    def _record(self, post: Post, matches: list[TermMatch], target: str | None) -> None:
        """Put the matches on the post and, with ``mask``, replace them by placeholders."""
        if self.options.statuses is not None:
            matches = [m for m in matches if m.status in self.options.statuses]
        post.terms.extend(matches)
        if not self.options.mask or target is None:
            return
        pieces: list[str] = []
        last = 0
        number = 0  # the next placeholder's, found at the first match to mask
        for match in matches:
            if match.target is None:
                continue
            number = number or _next_number(post)
            original = post.text[match.start : match.end]
            placeholder = make_placeholder(number)
            number += 1
            post.spans[placeholder] = ProtectedSpan(
                placeholder, original, "term", replacement=match.target, entry_id=match.entry_id
            )
            pieces.append(post.text[last : match.start])
            pieces.append(placeholder)
            last = match.end
        if pieces:
            pieces.append(post.text[last:])
            post.text = "".join(pieces)

    def _hashtag_spans(self, post: Post, glossary: Glossary, target: str | None) -> None:
        """Campaign hashtags protected by ``protect``: point their spans at the counterpart."""
        if "hashtag" not in map(_KIND, post.spans.values()):
            return
        matcher = glossary.matcher(None)
        # One pass over the text: spans were made left to right, so each placeholder is looked
        # for after the last one, and translate mode's rewrites are joined once at the end
        # (searching and rebuilding the whole text per hashtag was quadratic in a long post).
        text = post.text
        pieces: list[str] = []
        copied = 0  # text[:copied] is in pieces
        shift = 0  # how much longer the rewritten text is than text, up to copied
        cursor = 0
        number: int | None = None
        for placeholder, span in list(post.spans.items()):
            if span.kind != "hashtag":
                continue
            mark = span.hashtag_mark
            if mark is not None and mark.part == "close":
                continue
            tag = mark.tag if mark is not None else span.original
            found = self._hashtag_matches(glossary, matcher, tag, target)
            if not found:
                continue
            match = found[0]
            position = _find_from(text, placeholder, cursor)
            if position < copied:
                continue
            start = position + shift
            cursor = position + len(placeholder)
            if mark is not None:
                # translate mode: "<open>inner<close>" (or "<open>inner" for a single-hash tag
                # such as #MeetingCanada) becomes one hashtag span. post.text is still ``text``
                # here: the rewrites are joined after the loop.
                if tag.endswith("#"):
                    closing = post.hashtag_close(tag, position + 1)
                    if closing is None:
                        continue
                    close_end = closing.end()
                    del post.spans[closing.group()]
                elif text.startswith(tag[1:], cursor):
                    close_end = cursor + len(tag) - 1
                else:
                    continue
                del post.spans[placeholder]
                number = _next_number(post) if number is None else number
                placeholder = make_placeholder(number)
                number += 1
                post.spans[placeholder] = ProtectedSpan(placeholder, tag, "hashtag")
                span = post.spans[placeholder]
                pieces += [text[copied:position], placeholder]
                shift += len(placeholder) - (close_end - position)
                copied = cursor = close_end
            if target is not None and match.target is not None:
                span.replacement = self._platform_form(match.target, target)
            span.entry_id = match.entry_id
            post.terms.append(
                TermMatch(
                    entry_id=match.entry_id,
                    term=match.term,
                    locale=match.locale,
                    status=match.status,
                    start=start,
                    end=start + len(placeholder),
                    target=match.target,
                    dnt=match.dnt,
                    hashtag=True,
                )
            )
        if pieces:
            post.text = "".join([*pieces, text[copied:]])

    def _hashtag_matches(
        self, glossary: Glossary, matcher: Any, tag: str, target: str | None
    ) -> list[Any]:
        """Glossary hashtags that are exactly ``tag``, or the same tag written another way:
        one hash or two, with or without spaces, any case (#MeetingCanada = #Meeting Canada#)."""
        for surface in (tag, self._hashtag_forms(glossary).get(_hashtag_key(tag))):
            if surface is None:
                continue
            found = [
                m
                for m in matcher.find(surface, target_locale=target, entity_kinds=())
                if m.hashtag and m.start == 0 and m.end == len(surface)
            ]
            if found:
                return found
        return []

    def _hashtag_forms(self, glossary: Glossary) -> dict[str, str]:
        if self._forms is None or self._forms[0] is not glossary:
            forms = {
                _hashtag_key(term.text): term.text
                for entry in glossary.entries
                if entry.hashtag
                for term in entry.terms
            }
            self._forms = (glossary, forms)
        return self._forms[1]

    def _platform_form(self, text: str, target: str) -> str:
        """The target platform's way of writing a hashtag: Weibo's #…# for Chinese targets, the
        ``hashtag_style`` option for others."""
        inner = text.strip("#").strip()
        if not text.startswith("#") or not inner:
            return text
        if is_chinese(target) or self.options.hashtag_style == "weibo":
            return f"#{inner}#"
        return "#" + "".join(word[:1].upper() + word[1:] for word in inner.split())


_KIND = attrgetter("kind")


def _hashtag_key(tag: str) -> str:
    return re.sub(r"[#\s_]+", "", tag).casefold()


def _next_number(post: Post) -> int:
    """One more than the highest placeholder number on the post, so none can collide."""
    numbers = [int(m.group(1)) for key in post.spans for m in [PLACEHOLDER_RE.fullmatch(key)] if m]
    numbers += [int(m.group(1)) for m in PLACEHOLDER_RE.finditer(post.text)]
    return max(numbers, default=0) + 1


def _find_from(text: str, placeholder: str, cursor: int) -> int:
    position = text.find(placeholder, cursor)
    return position if position >= 0 else text.find(placeholder)
