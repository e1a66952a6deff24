from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from localize.errors import ConfigError
from localize.qa import Finding
from localize.qa.waivers import load_waivers

TODAY = dt.date(2026, 11, 21)
WAIVERS = """\
waivers:
  - post: zh-001
    check: untranslated
    reason: the shop sign 福 stays in Chinese
  - post: "zh-01*"
    check: punctuation
    reason: quoted Chinese titles
    contains: 《
  - post: zh-002
    check: number_mismatch
    reason: old price
    expires: 2026-01-31
  - post: zh-404
    check: untranslated
    reason: deleted post
"""


def _finding(check: str, message: str = "m") -> Finding:
    return Finding(check, "warning", message)


def test_waivers_accept_matching_findings_and_report_the_rest(tmp_path: Path) -> None:
    path = tmp_path / "waivers.yaml"
    path.write_text(WAIVERS, encoding="utf-8")
    waivers = load_waivers(path, today=TODAY)
    f1 = [_finding("untranslated"), _finding("punctuation")]
    waivers.apply("zh-001", f1)
    assert [f.waived for f in f1] == ["the shop sign 福 stays in Chinese", None]
    f2 = [_finding("punctuation", 'Chinese punctuation "《" here')]
    waivers.apply("zh-010", f2)
    assert f2[0].waived == "quoted Chinese titles"
    f3 = [_finding("number_mismatch")]
    waivers.apply("zh-002", f3)
    assert f3[0].waived is None  # expired
    report = [(w.line, check, message) for w, check, message in waivers.report()]
    assert report == [
        (9, "expired_waiver", "waiver for zh-002 [number_mismatch] expired on 2026-01-31;"
         " renew or remove it"),
        (13, "stale_waiver", "waiver for zh-404 [untranslated] matched no post in this run;"
         " remove it if it is obsolete"),
    ]  # fmt: skip


def test_a_waiver_whose_post_has_no_such_finding_is_stale(tmp_path: Path) -> None:
    path = tmp_path / "w.yaml"
    path.write_text("- {post: a, check: untranslated, reason: r}\n", encoding="utf-8")
    waivers = load_waivers(path, today=TODAY)
    waivers.apply("a", [_finding("punctuation")])
    assert [m for _, _, m in waivers.report()] == [
        "waiver for a [untranslated] matched no finding; remove it if it is obsolete"
    ]


@pytest.mark.parametrize(
    ("text", "message", "line"),
    [
        ("- {post: a, check: untranslatd, reason: r}\n", "unknown check 'untranslatd'. Did you mean 'untranslated'?", 1),  # noqa: E501
        ("- post: a\n  check: untranslated\n", "a waiver needs a non-empty 'reason'", 1),
        ("- {post: a, check: untranslated, reason: r, expires: soon}\n", "expires must be a date like 2027-01-31; got 'soon'", 1),  # noqa: E501
        ("- {post: a, check: untranslated, reason: r, until: 2027-01-01}\n", "unknown key 'until'.", 1),  # noqa: E501
        ("waivers: 3\n", "a waivers file is a list of waivers (or a mapping with a 'waivers' list)", None),  # noqa: E501
    ],
)  # fmt: skip
def test_bad_waivers(tmp_path: Path, text: str, message: str, line: int | None) -> None:
    path = tmp_path / "w.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_waivers(path)
    assert (info.value.message, info.value.line) == (message, line)
