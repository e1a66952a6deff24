from __future__ import annotations

from collections.abc import Callable

from hypothesis import given, settings
from hypothesis import strategies as st

from localize.qa import Finding
from localize.qa.placeholders import every_mask_span, mask_spans
from localize.text.placeholders import CANDIDATES, PlaceholderForm

Check = Callable[..., list[Finding]]


def messages(findings: list[Finding]) -> list[str]:
    return [f.message for f in findings]


def test_internal_placeholder_left_in_the_target(check_plain: Check) -> None:
    found = check_plain("你好 @旅游达人", "Hello XQ3QX", only="placeholder_leftover")
    assert messages(found) == ['internal placeholder "XQ3QX" left in the target']
    assert found[0].severity == "error"


def test_mangled_and_model_forms(check_plain: Check) -> None:
    found = check_plain("你好", "Hello XQ 12 QX and ZZ4ZZ, xq5qx")
    assert messages(found) == [
        'mangled placeholder "XQ 12 QX" left in the target',
        'model placeholder "ZZ4ZZ" left in the target',
        'mangled placeholder "xq5qx" left in the target',
    ]  # and no number_mismatch for the numbers inside them


def test_mask_shaped_text_the_source_has_is_not_a_leftover(check_plain: Check) -> None:
    assert check_plain("代码 XQ1QX 和 [1]", "code XQ1QX and [1]", only="placeholder_leftover") == []
    assert messages(check_plain("代码 XQ1QX", "code XQ1QX XQ1QX", only="placeholder_leftover")) == [
        'internal placeholder "XQ1QX" left in the target'
    ]


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="XQZxqz<>[]{}# \u30007０a中", max_size=24))
def test_the_quick_test_passes_every_text_with_a_mask(text: str) -> None:
    assert mask_spans(text) == every_mask_span(text)


def test_every_form_and_its_mangled_shapes_are_found() -> None:
    texts = [PlaceholderForm(t).make(12) for t in CANDIDATES]
    texts += ["XQ 7 QX", "xq7qx", "X Q\u3000７ Q X", "x q 7 q x"]
    for text in texts:
        assert mask_spans(f"看{text}了") == every_mask_span(f"看{text}了") != []
