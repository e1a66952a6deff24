from __future__ import annotations

from localize.post import Post
from localize.steps.base import StepContext
from localize.steps.restore import Restore, restore_text


def test_restore_uses_the_replacement_when_there_is_one() -> None:
    post = Post(id="1", source="去蒙特利尔")
    ph = post.mask("蒙特利尔", "term", replacement="蒙特婁")
    post.text = f"去{ph}"
    post.tokens = ["去", ph]
    Restore(Restore.Options(), StepContext()).process([post])
    assert post.text == "去蒙特婁"
    assert post.tokens == ["去", "蒙特婁"]


def test_unknown_placeholders_are_left_alone() -> None:
    post = Post(id="1", source="x")
    post.mask("@a", "mention")
    assert restore_text(post, "XQ1QX XQ9QX") == "@a XQ9QX"
