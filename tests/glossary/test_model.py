from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from localize.glossary import Entry, Glossary, Term, load_glossary
from localize.glossary.model import auto_case_sensitive


def test_region_forms_fall_back_to_zh_hant_then_opencc(sample: Glossary) -> None:
    montreal = sample.get("montreal")
    tower = sample.get("cn-tower")
    assert montreal is not None and tower is not None
    assert sample.term_for(montreal, "zh-Hant-TW") == "蒙特婁"
    assert sample.term_for(montreal, "zh-Hant-HK") == "滿地可"
    # No zh-Hant form: derived from zh-Hans with OpenCC, and the derivation is visible.
    resolved = sample.resolve(montreal, "zh-Hant")
    assert resolved is not None
    assert (resolved.text, resolved.via, resolved.from_locale) == ("蒙特利爾", "s2t", "zh-Hans")
    assert resolved.describe() == "OpenCC s2t of zh-Hans"
    assert sample.term_for(tower, "zh-Hant-TW") == "加拿大國家電視塔"
    assert sample.resolve(tower, "zh-Hant-TW").via == "s2tw"  # type: ignore[union-attr]
    assert sample.term_for(tower, "en") == "CN Tower"


def test_region_falls_back_to_written_zh_hant(write: Callable[..., Path]) -> None:
    glossary = load_glossary(
        write(
            "entries:\n  - id: calgary\n"
            "    terms: {en: Calgary, zh-Hans: 卡尔加里, zh-Hant: 卡加利}\n"
        )
    )
    entry = glossary.get("calgary")
    assert entry is not None
    resolved = glossary.resolve(entry, "zh-Hant-HK")
    assert resolved is not None
    assert (resolved.text, resolved.via, resolved.from_locale) == ("卡加利", "fallback", "zh-Hant")
    assert resolved.describe() == "from zh-Hant"


def test_zh_hans_derived_from_traditional_when_absent(write: Callable[..., Path]) -> None:
    glossary = load_glossary(
        write("entries:\n  - id: a\n    terms: {en: Taipei, zh-Hant-TW: 臺北}\n")
    )
    entry = glossary.get("a")
    assert entry is not None
    assert glossary.term_for(entry, "zh-Hans") == "台北"


def test_approved_and_forbidden_forms(sample: Glossary) -> None:
    montreal = sample.get("montreal")
    tower = sample.get("cn-tower")
    assert montreal is not None and tower is not None
    assert sample.approved_forms(tower, "zh-Hans") == ["加拿大国家电视塔", "西恩塔"]
    assert sample.approved_forms(tower, "zh-Hant-TW") == ["加拿大國家電視塔", "西恩塔"]
    assert sample.forbidden_forms(montreal, "zh-Hans") == ["满地可"]
    assert sample.forbidden_forms(montreal, "zh-Hant-HK") == []
    matches = sample.forbidden_matches("我们去满地可看看", "zh-Hans")
    assert [(m.entry_id, m.term) for m in matches] == [("montreal", "满地可")]
    assert sample.forbidden_matches("我們去滿地可看看", "zh-Hant-HK") == []


def test_region_mismatches(sample: Glossary) -> None:
    found = sample.region_mismatches("我們在滿地可", "zh-Hant-TW")
    assert [(m.entry_id, m.term, m.locale) for m in found] == [("montreal", "滿地可", "zh-Hant-HK")]
    assert sample.region_mismatches("我們在蒙特婁", "zh-Hant-TW") == []


def test_dnt_keeps_its_form(sample: Glossary) -> None:
    entry = sample.get("aeroplan")
    assert entry is not None
    assert sample.term_for(entry, "zh-Hans") == "Aeroplan"
    assert sample.dnt_forms(entry) == ["Aeroplan"]
    assert sample.approved_forms(entry, "zh-Hant-TW") == ["Aeroplan"]


def test_fingerprint_is_stable_and_tracks_content(write: Callable[..., Path]) -> None:
    a = load_glossary(
        write("entries:\n  - id: a\n    terms: {en: Banff, zh-Hans: 班夫}\n", "a.yaml")
    )
    # Same content, other key order and a comment: same fingerprint.
    b = load_glossary(
        write("# c\nentries:\n  - terms: {zh-Hans: 班夫, en: Banff}\n    id: a\n", "b.yaml")
    )
    c = load_glossary(
        write("entries:\n  - id: a\n    terms: {en: Banff, zh-Hans: 班芙}\n", "c.yaml")
    )
    assert a.fingerprint == b.fingerprint
    assert a.fingerprint != c.fingerprint
    assert len(a.fingerprint) == 64


def test_jieba_words_include_derived_and_hashtag_inner(sample: Glossary) -> None:
    words = {w: pos for w, _, pos in sample.jieba_words()}
    assert words["班夫"] == "ns"
    assert "蒙特利爾" in words  # derived zh-Hant form
    assert "遇见加拿大" in words  # hashtag without its marks
    assert all(" " not in w for w in words)


def test_stats(sample: Glossary) -> None:
    stats = sample.stats()
    assert stats["entries"] == 6
    assert stats["domains"] == {"campaign": 1, "tourism": 5}
    assert stats["coverage"]["zh-Hant-TW"] == {"explicit": 1, "derived": 4, "missing": 1}
    assert stats["dnt"] == 1 and stats["hashtags"] == 1


def test_auto_case_rule() -> None:
    assert auto_case_sensitive("CN Tower") and auto_case_sensitive("WestJet")
    assert not auto_case_sensitive("Niagara Falls")


def test_entries_compare_by_content_not_by_where_they_were_read() -> None:
    # Round trips (YAML -> CSV -> YAML) move entries to other files and lines: still equal.
    terms = (Term("Banff", "en"), Term("班夫", "zh-Hans"))
    a = Entry("banff", terms, domain="tourism", path="a.yaml", line=3, term_lines=(5, 6))
    b = Entry("banff", terms, domain="tourism", path="b.csv", line=9, term_lines=(9, 9))
    assert a == b
    assert (a != b) is False  # tuple's own != would see the lines
    assert len({a, b}) == 1
    assert a != Entry("banff", terms, domain="travel", path="a.yaml", line=3)
    assert a != Entry("banff", terms[:1], domain="tourism")
    assert a != tuple(a)  # an entry is not equal to a plain tuple of the same fields


REGIONS = """\
entries:
  - id: montreal
    terms:
      zh-Hans: [蒙特利尔, {term: 满地可, status: forbidden}]
      zh-Hant-TW: 蒙特婁
      zh-Hant-HK: 滿地可
  - id: metro
    terms:
      zh-Hans: 地铁
      zh-Hant-TW: 捷運
      zh-Hant-HK: 港鐵
"""


def _region_forms(glossary: Glossary, text: str, locale: str) -> list[tuple[str, str, int]]:
    return [(m.entry_id, m.term, m.start) for m in glossary.region_mismatches(text, locale)]


def _full_scan(glossary: Glossary, text: str, locale: str) -> list[tuple[str, str, int]]:
    """region_mismatches' rule over a full scan, without the quick test that skips it."""
    other = {"zh-Hant-TW": "zh-Hant-HK", "zh-Hant-HK": "zh-Hant-TW"}[locale]
    return [
        (m.entry_id, m.term, m.start)
        for m in glossary.matcher(locale).find(text, target_locale=locale)
        if m.locale == other
        and m.term not in glossary.approved_forms(glossary.get(m.entry_id), locale)  # type: ignore[arg-type]
    ]


@pytest.mark.parametrize(
    "text",
    [
        "我們在滿地可",
        "我们在满地可",
        "在滿地可和满地可",
        "坐港鐵",
        "坐港铁和捷運",
        "在蒙特婁",
        "",
        "滿",
    ],
)
def test_region_mismatches_quick_test_agrees_with_a_full_scan(
    write: Callable[..., Path], text: str
) -> None:
    # 满地可 and 滿地可 fold to one key: every spelling of an HK form counts in a TW text.
    glossary = load_glossary(write(REGIONS))
    assert _region_forms(glossary, text, "zh-Hant-TW") == _full_scan(glossary, text, "zh-Hant-TW")
    assert _region_forms(glossary, text, "zh-Hant-HK") == _full_scan(glossary, text, "zh-Hant-HK")
    if "滿地可" in text or "港" in text:
        assert _region_forms(glossary, text, "zh-Hant-TW") != []


def test_region_mismatches_scan_only_texts_that_may_hold_another_regions_form(
    write: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    glossary = load_glossary(write(REGIONS))
    matcher = glossary.matcher("zh-Hant-TW")
    scans: list[str] = []
    find = matcher.find
    monkeypatch.setattr(matcher, "find", lambda text, **kw: scans.append(text) or find(text, **kw))
    assert glossary.region_mismatches("今天在蒙特婁坐捷運", "zh-Hant-TW") == []
    assert scans == []  # no HK form in it: settled by the quick test
    assert _region_forms(glossary, "今天在滿地可", "zh-Hant-TW") == [("montreal", "滿地可", 3)]
    assert scans == ["今天在滿地可"]


def test_a_region_form_with_letters_is_always_scanned_for(write: Callable[..., Path]) -> None:
    # A key with letters has spellings in every case: no quick answer, the full scan decides.
    glossary = load_glossary(write(REGIONS.replace("港鐵", "MTR")))
    assert glossary.matcher("zh-Hant-HK").could_find("沒有", frozenset({"zh-Hant-TW"})) is False
    assert glossary.matcher("zh-Hant-TW").could_find("沒有", frozenset({"zh-Hant-HK"})) is True
    assert _region_forms(glossary, "坐MTR去", "zh-Hant-TW") == [("metro", "MTR", 1)]


FORBIDDEN = """\
entries:
  - id: montreal
    terms:
      zh-Hans: [蒙特利尔, {term: 满地可, status: forbidden}]
      zh-Hant: [{term: 滿地可, status: forbidden}]
      zh-Hant-TW: 蒙特婁
  - id: niagara
    terms:
      zh-Hans: [尼亚加拉瀑布, {term: 尼加拉瀑布, status: forbidden}]
      zh-Hant-TW: 尼加拉瀑布
  - id: cn-tower
    terms:
      en: [CN Tower, {term: CN Towers, status: forbidden}]
"""


@pytest.mark.parametrize(
    "text",
    [
        "今天去满地可",
        "今天去滿地可",
        "今天去蒙特婁",
        "尼加拉瀑布",
        "去尼加拉瀑布和#满地可#",
        "满地",
        "去CN Towers玩",
        "cn towers",
        "没有术语",
        "",
    ],
)
@pytest.mark.parametrize("locale", ["zh-Hans", "zh-Hant", "zh-Hant-TW", "zh-Hant-HK", "en"])
def test_may_forbid_is_false_only_where_no_forbidden_term_is_found(
    write: Callable[..., Path], text: str, locale: str
) -> None:
    glossary = load_glossary(write(FORBIDDEN))
    found = glossary.forbidden_matches(text, locale)
    assert glossary.may_forbid(text, locale) or found == []
    # The quick test answers no where no spelling of a forbidden Chinese form is in the text.
    if text in ("今天去蒙特婁", "满地", "没有术语", "") and locale != "en":
        assert glossary.may_forbid(text, locale) is False


def test_may_forbid_looks_at_no_text_where_nothing_is_forbidden(
    write: Callable[..., Path],
) -> None:
    # Only zh-Hans and zh-Hant forms are forbidden: a zh-Hant-TW text needs zh-Hant's rule,
    # while a glossary without forbidden forms settles every text without looking at it.
    glossary = load_glossary(write(REGIONS.replace("{term: 满地可, status: forbidden}", "满地")))
    matcher = glossary.matcher("zh-Hant-TW")
    assert glossary.may_forbid("满地可 滿地可", "zh-Hant-TW") is False
    assert matcher._spelling_finders[(frozenset({"zh-Hant", "zh-Hant-TW"}), "forbidden")] is False
