"""``protect``: replace Weibo entities with placeholders so no later step can rewrite them.

Each entity kind is masked whole and put back byte for byte by ``restore``. With
``hashtags: translate`` only the hash marks of a hashtag are masked, so its inner words reach
``convert``/``translate`` while the ``#…#`` form stays. Text that already looks like one of our
placeholders is masked too, so restoring can never confuse it with a real mask.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from localize.errors import ConfigError
from localize.post import HashtagMark, Post
from localize.steps.base import MASKED, PROTECTED, Step, StepContext
from localize.text.entities import DEFAULT_KINDS, KINDS, check_kinds, find_entities
from localize.text.placeholders import PLACEHOLDER_RE


@dataclass
class ProtectOptions:
    kinds: list[str] = field(default_factory=lambda: list(DEFAULT_KINDS))
    hashtags: Literal["keep", "translate"] = "keep"


class Protect(Step):
    name = "protect"
    Options = ProtectOptions
    provides = frozenset({PROTECTED, MASKED})

    def __init__(self, options: ProtectOptions, context: StepContext) -> None:
        super().__init__(options, context)
        try:
            self.kinds = check_kinds(options.kinds)
        except ValueError:
            unknown = sorted(set(options.kinds) - set(KINDS))
            raise ConfigError(
                f"unknown entity kind(s) {', '.join(unknown)}",
                key="kinds",
                hint=f"Valid kinds: {', '.join(KINDS)}.",
            ) from None

    def process_post(self, post: Post) -> None:
        post.text = protect_text(post, post.text, self.kinds, self.options.hashtags)


def protect_text(post: Post, text: str, kinds: tuple[str, ...], hashtags: str = "keep") -> str:
    """Mask the entities of ``text`` on ``post``; return the masked text."""
    pieces: list[str] = []
    last = 0
    if "XQ" not in text:
        # No placeholder or placeholder-shaped text: each entity masked, nothing else to do.
        # The entities come from find_entities's cache, which the check step finds them in.
        entities = find_entities(text, kinds)
        if not entities:
            return text
        for kind, start, end, part in entities:
            pieces.append(text[last:start])
            if kind == "hashtag" and hashtags == "translate":
                pieces.append(_mask_hash_marks(post, part, set()))
            else:
                pieces.append(post.mask(part, kind))
            last = end
        pieces.append(text[last:])
        return "".join(pieces)
    # Placeholder-shaped text of the author's: masked as "literal" and never reused as a number.
    avoid = {m.group() for m in PLACEHOLDER_RE.finditer(text)} - set(post.spans)
    for entity in find_entities(text, kinds):
        if post.spans and _overlaps_own_placeholder(post, text, entity.start, entity.end):
            continue
        pieces.append(_mask_literals(post, text[last : entity.start], avoid))
        last = entity.end
        if entity.kind == "hashtag" and hashtags == "translate":
            pieces.append(_mask_hash_marks(post, entity.text, avoid))
        else:
            pieces.append(post.mask(entity.text, entity.kind, avoid=avoid))
    pieces.append(_mask_literals(post, text[last:], avoid))
    return "".join(pieces)


def _mask_literals(post: Post, text: str, avoid: set[str]) -> str:
    if not avoid or "XQ" not in text:
        return text
    return PLACEHOLDER_RE.sub(
        lambda m: post.mask(m.group(), "literal", avoid=avoid) if m.group() in avoid else m.group(),
        text,
    )


def _mask_hash_marks(post: Post, tag: str, avoid: set[str]) -> str:
    closed = tag.endswith("#") and len(tag) > 2
    inner = tag[1:-1] if closed else tag[1:]
    opening = post.mask("#", "hashtag", avoid=avoid, hashtag_mark=HashtagMark("open", tag))
    closing = (
        post.mask("#", "hashtag", avoid=avoid, hashtag_mark=HashtagMark("close", tag))
        if closed
        else ""
    )
    return opening + _mask_literals(post, inner, avoid) + closing


def _overlaps_own_placeholder(post: Post, text: str, start: int, end: int) -> bool:
    # When protect runs after other masking steps, an entity must not swallow their placeholders.
    for m in PLACEHOLDER_RE.finditer(text, max(0, start - 12), min(len(text), end + 12)):
        if m.group() in post.spans and m.start() < end and start < m.end():
            return True
    return False
