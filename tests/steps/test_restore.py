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


def test_english_terms_do_not_glue_to_neighbouring_words() -> None:
    post = Post(id="1", source="加拿大枫糖浆", target_locale="en")
    post.meta["locale"] = "en"
    first = post.mask("加拿大", "term", replacement="Canada")
    second = post.mask("枫糖浆", "term", replacement="maple syrup")
    post.text = f"{first}{second}s and {first}."
    Restore(Restore.Options(), StepContext()).process([post])
    assert post.text == "Canada maple syrups and Canada."


def test_chinese_targets_are_restored_without_spaces() -> None:
    post = Post(id="1", source="x", target_locale="zh-Hant-TW")
    post.meta["locale"] = "zh-Hant-TW"
    ph = post.mask("Montreal", "term", replacement="蒙特婁")
    post.text = f"去{ph}玩"
    Restore(Restore.Options(), StepContext()).process([post])
    assert post.text == "去蒙特婁玩"
