"""``restore``: put every protected span back, exactly as it was (or as its replacement)."""

from __future__ import annotations

from localize.placeholders import PLACEHOLDER_RE
from localize.post import Post
from localize.steps.base import Step


def restore_text(post: Post, text: str) -> str:
    """Replace our placeholders in ``text``; unknown placeholder-shaped text is left alone."""
    if not post.spans:
        return text
    # One pass only: a restored "literal" span is itself placeholder-shaped text and must stay.
    return PLACEHOLDER_RE.sub(
        lambda m: post.spans[m.group()].restored if m.group() in post.spans else m.group(),
        text,
    )


class Restore(Step):
    name = "restore"

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
        post.text = restore_text(post, post.text)
        if post.tokens is not None:
            spans = post.spans
            # ``segment`` makes every placeholder a whole token, so a lookup is enough.
            post.tokens = [
                spans[t].restored if t in spans else restore_text(post, t) if "XQ" in t else t
                for t in post.tokens
            ]
