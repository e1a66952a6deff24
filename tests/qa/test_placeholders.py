from __future__ import annotations

from collections.abc import Callable

from localize.qa import Finding

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
