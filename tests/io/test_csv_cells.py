from __future__ import annotations

import io

import pytest

from localize.io.csv_cells import EscapingWriter, escape_formula, unescape_formula


@pytest.mark.parametrize(
    "text",
    [
        '=HYPERLINK("http://evil.example")',
        "=cmd|' /C calc'!A0",
        "+1",
        "-2+3",
        "@SUM(1,1)",
        "\t=1+1",
        "\r=1+1",
        "'=already quoted",
        "''=twice",
        "",
        "'",
        "plain",
        "'plain",
        "-",
        "中=文",
    ],
)
def test_escaping_is_reversible_and_never_starts_a_formula(text: str) -> None:
    assert unescape_formula(escape_formula(text)) == text
    assert escape_formula(text)[:1] not in ("=", "+", "-", "@", "\t", "\r")


def test_only_formula_cells_change() -> None:
    out = io.StringIO()
    EscapingWriter(out, delimiter="\t").writerow(["=1", "a", "'=2", "-"])
    assert out.getvalue() == "'=1\ta\t''=2\t'-\n"
