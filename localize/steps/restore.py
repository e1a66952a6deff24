"""``restore``: put every protected span back, exactly as it was (or as its replacement)."""

from __future__ import annotations

import re

from localize.post import Post
from localize.steps.base import MASKED, Step
from localize.text.locales import language
from localize.text.placeholders import PLACEHOLDER_RE


def restore_text(post: Post, text: str, *, space_words: bool = False) -> str:
    """Replace our placeholders in ``text``; unknown placeholder-shaped text is left alone.

    ``space_words``: in a space-separated language (English), two placeholders that sit right
    next to each other (Chinese has no spaces, so 加拿大枫糖浆 can come back as two adjacent
    terms) get a space between them when their words would otherwise run together: "Canada
    maple syrup", not "Canadamaple syrup".
    """
    spans = post.spans
    if not spans:
        return text

    def replace(m: re.Match[str]) -> str:
        span = spans.get(m.group())
        if span is None:
            return m.group()
        restored = span.restored
        if space_words and restored:
            following = PLACEHOLDER_RE.match(text, m.end())
            nxt = spans.get(following.group()) if following else None
            if nxt is not None and nxt.restored and _glues(restored[-1], nxt.restored[0]):
                restored += " "
        return restored

    # One pass only: a restored "literal" span is itself placeholder-shaped text and must stay.
    return PLACEHOLDER_RE.sub(replace, text)


def _glues(left: str, right: str) -> bool:
    return left.isascii() and right.isascii() and left.isalnum() and right.isalnum()


class Restore(Step):
    name = "restore"
    requires = frozenset({MASKED})
    removes = frozenset({MASKED})

    def process_post(self, post: Post) -> None:
        if not post.spans:
            return
        present = {m.group() for m in PLACEHOLDER_RE.finditer(post.text)}
        for placeholder, span in post.spans.items():
            if placeholder not in present:
                post.add_issue(
                    "entity_lost",
                    f"{span.kind} {span.original!r} was lost before restore",
                    severity="error",
                    step=self.name,
                    kind=span.kind,
                    original=span.original,
                )
        english = language(post.locale) == "en"
        post.text = restore_text(post, post.text, space_words=english)
        if post.tokens is not None:
            spans = post.spans
            # ``segment`` makes every placeholder a whole token, so a lookup is enough.
            post.tokens = [
                spans[t].restored if t in spans else restore_text(post, t) if "XQ" in t else t
                for t in post.tokens
            ]
