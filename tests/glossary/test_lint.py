from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from localize.glossary.lint import lint_paths
from localize.resources import glossaries_dir


def rules(
    write: Callable[..., Path], text: str, *, info: bool = False
) -> list[tuple[str, str, int | None]]:
    report = lint_paths([write(text)], info=info)
    return [(f.rule, f.severity, f.line) for f in report.findings]


def test_starter_glossaries_are_clean() -> None:
    report = lint_paths(sorted(glossaries_dir().glob("*.yaml")))
    assert report.findings == [] and report.ok


def test_malformed_and_reader_rules_are_reported_all(write: Callable[..., Path]) -> None:
    found = rules(
        write,
        "entries:\n"
        "  - id: a\n    terms: {en: A, zh-Hans: 甲, fr: X}\n"  # unknown locale, line 3
        "  - id: b\n    terms: {en: {term: B, status: approved}, zh-Hans: 乙}\n"  # line 5
        "  - id: c\n    terms: {en: '', zh-Hans: 丙}\n"  # empty term, line 7
        "  - id: a\n    terms: {en: D, zh-Hans: 丁}\n"  # duplicate id, line 8
        "  - just a string\n",  # malformed, line 10
    )
    assert ("unknown_locale", "error", 3) in found
    assert ("unknown_status", "error", 5) in found
    assert ("empty_term", "error", 7) in found
    assert ("duplicate_id", "error", 8) in found
    assert ("malformed", "error", 10) in found


def test_duplicate_term(write: Callable[..., Path]) -> None:
    found = rules(
        write,
        "entries:\n"
        "  - id: a\n    terms:\n      en: Banff\n      zh-Hans: [班夫, 班夫]\n"
        "  - id: b\n    terms: {en: banff, zh-Hans: 班夫镇}\n"
        "  - id: c\n    terms: {en: Jasper, zh-Hans: 贾斯珀}\n"
        "  - id: d\n    terms: {en: Jasper, zh-Hans: 贾斯珀}\n",
    )
    assert ("duplicate_term", "error", 5) in found  # twice in one entry
    assert ("duplicate_term", "error", 11) in found  # entries c and d are the same
    assert ("conflicting_targets", "error", 7) in found  # Banff -> 班夫 / 班夫镇


def test_forbidden_term_preferred_elsewhere(write: Callable[..., Path]) -> None:
    found = rules(
        write,
        "entries:\n"
        "  - id: a\n    terms:\n      en: Montreal\n"
        "      zh-Hans: [蒙特利尔, {term: 满地可, status: forbidden}]\n"
        "  - id: b\n    terms: {en: Montreal HK, zh-Hans: 满地可}\n",
    )
    assert ("forbidden_preferred", "error", 5) in found


def test_missing_target_and_dnt(write: Callable[..., Path]) -> None:
    found = rules(
        write,
        "entries:\n"
        "  - id: a\n    terms: {zh-Hans: 甲}\n"
        "  - id: b\n    dnt: true\n    terms: {en: Aeroplan}\n"
        "  - id: c\n    dnt: true\n    terms: {en: VIA Rail, zh-Hans: 维亚铁路}\n",
    )
    assert ("missing_target", "warning", 2) in found
    assert not any(r[2] == 4 for r in found)
    assert ("dnt_inconsistent", "warning", 7) in found


def test_opencc_mismatch_and_wrong_script(write: Callable[..., Path]) -> None:
    text = (
        "entries:\n"
        "  - id: a\n    terms:\n      en: Taiwan\n      zh-Hans: 台湾\n      zh-Hant-TW: 台灣\n"
        "  - id: b\n    terms:\n      en: Montreal\n      zh-Hans: 蒙特利尔\n"
        "      zh-Hant-TW: 蒙特婁\n"
        "  - id: c\n    terms:\n      en: Taiwan\n      zh-Hans: 臺湾\n      zh-Hant: 台湾\n"
    )
    found = rules(write, text)
    # 台灣 vs OpenCC's 臺灣: the same word in other variant characters -> warning.
    assert ("opencc_mismatch", "warning", 6) in found
    # 蒙特婁 is region vocabulary: only with --info.
    assert not any(r[2] == 11 for r in found)
    assert ("opencc_mismatch", "info", 11) in rules(write, text, info=True)
    assert ("wrong_script", "warning", 15) in found
    assert ("wrong_script", "warning", 16) in found


def test_jieba_split(write: Callable[..., Path]) -> None:
    text = (
        "entries:\n"
        "  - id: a\n    terms: {en: Banff Park, zh-Hans: 加拿大·班夫}\n"
        "  - id: b\n    terms: {en: Niagara Falls, zh-Hans: 尼亚加拉瀑布}\n"
    )
    found = rules(write, text)
    assert ("jieba_split", "warning", 3) in found  # the · can never be kept whole
    assert not any(r[0] == "jieba_split" and r[2] == 5 for r in found)
    assert ("jieba_split", "info", 5) in rules(write, text, info=True)


def test_merge_conflicts_across_files_and_json(write: Callable[..., Path]) -> None:
    a = write("entries:\n  - id: x\n    terms: {en: Banff, zh-Hans: 班夫}\n", "a.yaml")
    b = write("entries:\n  - id: y\n    terms: {en: Banff, zh-Hans: 班芙}\n", "b.yaml")
    report = lint_paths([a, b])
    assert [f.rule for f in report.findings] == ["merge_conflict"]
    assert report.ok
    data = json.loads(report.to_json())
    assert data["warnings"] == 1 and data["findings"][0]["rule"] == "merge_conflict"


def test_text_output(write: Callable[..., Path]) -> None:
    path = write("entries:\n  - id: a\n    terms: {zh-Hans: 甲}\n")
    text = lint_paths([path]).to_text()
    assert text.splitlines() == [
        f"{path}:2: warning: [missing_target] entry 'a' has terms in only one language (zh-Hans); "
        "add a translation or mark it dnt",
        "1 file(s), 1 entries: 0 error(s), 1 warning(s)",
    ]
