from __future__ import annotations

from collections.abc import Callable

from localize.glossary import Glossary
from localize.qa import Finding, Segment

Check = Callable[..., list[Finding]]


def messages(findings: list[Finding]) -> list[str]:
    return [f.message for f in findings]


def test_missing_term_names_the_source_term_and_the_approved_form(check: Check) -> None:
    found = check("今天去了尼亚加拉瀑布", "Went to the falls today", only="missing_term")
    assert messages(found) == ['term "尼亚加拉瀑布" needs the approved en form "Niagara Falls"']
    assert found[0].severity == "error" and found[0].fails
    assert found[0].data == {
        "entry": "niagara-falls",
        "term": "尼亚加拉瀑布",
        "expected": ["Niagara Falls"],
    }


def test_approved_and_admitted_forms_satisfy_missing_term(check: Check) -> None:
    assert check("坐商务舱", "Flying Business Class", only="missing_term") == []
    assert check("坐商务舱", "Flying in the business cabin", only="missing_term") == []
    # Capitalised ordinary words match in any case; CN Tower is case-sensitive.
    assert check("尼亚加拉瀑布", "niagara falls at night", only="missing_term") == []
    assert messages(check("加拿大国家电视塔", "the cn tower", only="missing_term")) == [
        'term "加拿大国家电视塔" needs the approved en form "CN Tower"'
    ]


def test_region_form_is_required_for_a_region_target(check: Check) -> None:
    found = check("去了蒙特利尔", "去了蒙特利爾", target_locale="zh-Hant-TW", only="missing_term")
    assert messages(found) == ['term "蒙特利尔" needs the approved zh-Hant-TW form "蒙特婁"']
    assert (
        check("去了蒙特利尔", "去了蒙特婁", target_locale="zh-Hant-TW", only="missing_term") == []
    )
    # zh-Hant has no own form: OpenCC's conversion of the zh-Hans form is the approved one.
    assert check("去了蒙特利尔", "去了蒙特利爾", target_locale="zh-Hant", only="missing_term") == []


def test_a_term_inside_a_longer_word_is_not_the_term(check: Check) -> None:
    # Banff is not in Banffshire: the approved form must stand on word boundaries.
    assert messages(check("去班夫", "Off to Banffshire", only="missing_term")) == [
        'term "班夫" needs the approved en form "Banff"'
    ]


def test_a_name_containing_a_term_is_not_a_missing_term(check: Check) -> None:
    # A user name that contains 多伦多 (Toronto) is copied as is, not translated.
    assert check("@多伦多旅游局 你好", "@多伦多旅游局 hello", only="missing_term") == []
    # An ordinary hashtag that contains a term stays verbatim too.
    assert check("#多伦多美食# 好吃", "#多伦多美食# delicious", only="missing_term") == []


def test_campaign_hashtag_counts_as_a_term(check: Check) -> None:
    found = check("#遇见加拿大# 秋天", "#Canada# autumn", only="missing_term")
    assert messages(found) == [
        'campaign hashtag "#遇见加拿大#" needs the approved en form "#MeetCanada#"'
    ]
    assert check("#遇见加拿大# 秋天", "#MeetCanada# autumn") == []


def test_forbidden_term_in_the_target(check: Check) -> None:
    found = check("坐商务舱", "Flying executive class", only="forbidden_term")
    assert messages(found) == [
        'forbidden term "executive class" in the target; use "Business Class"'
    ]
    zh = check("Went to Toronto", "去了都朗度", "en", "zh-Hans", only="forbidden_term")
    assert messages(zh) == ['forbidden term "都朗度" in the target; use "多伦多"']


def test_forbidden_form_inside_a_mention_is_not_reported(check: Check) -> None:
    assert check("Hi @Toronto", "你好 @都朗度", "en", "zh-Hans", only="forbidden_term") == []


def test_dnt_changed(check: Check) -> None:
    found = check("穿lululemon去多伦多", "Wore Lulu Lemon to Toronto", only="dnt_changed")
    assert messages(found) == ['do-not-translate term "lululemon" was not kept as is in the target']
    assert check("穿lululemon去多伦多", "Wore lululemon to Toronto") == []


def test_without_a_glossary_term_checks_are_silent(check_plain: Check) -> None:
    assert check_plain("今天去了尼亚加拉瀑布", "Went to the falls today") == []


def test_prefetched_batch_matches_are_those_found_one_by_one(glossary: Glossary) -> None:
    from localize.qa import Checker
    from localize.qa.terms import prefetch_matches, source_matches, target_matches

    pairs = [
        ("#遇见加拿大# 去了尼亚加拉瀑布 @旅游达人", "#MeetCanada# Went to Niagara Falls", "en"),
        ("多伦多和蒙特利尔", "多倫多和滿地可", "zh-Hant-TW"),
        ("没有术语", "No terms here", "en"),
        ("加航飞往温哥华", "Air Canada flies to Vancouver [哈哈]", "en"),
        ("#遇见加拿大# 去多伦多", "#遇見加拿大# 去多倫多", "zh-Hant-TW"),
    ]
    checker = Checker(glossary=glossary)

    def segs() -> list[Segment]:
        return [
            checker.segment(str(i), s, t, source_locale="zh-Hans", target_locale=tl)
            for i, (s, t, tl) in enumerate(pairs)
        ]

    batch, alone = segs(), segs()
    prefetch_matches(batch, checker.env)
    assert [s.cache["terms.source.False"] for s in batch] == [
        source_matches(s, checker.env) for s in alone
    ]
    # Targets are prefetched where a check is sure to ask: across languages, or with a hashtag;
    # the others are matched alone when asked, with the same result.
    assert ["terms.target" in s.cache for s in batch] == [True, False, True, True, True]
    assert [target_matches(s, checker.env) for s in batch] == [
        target_matches(s, checker.env) for s in alone
    ]
    assert any(s.cache["terms.source.False"] for s in batch)  # the test has matches to compare
    assert [checker.check(s) for s in batch] == [checker.check(s) for s in alone]


def test_approved_forms_are_the_glossarys_kept_with_the_checker(glossary: Glossary) -> None:
    from localize.qa import Checker
    from localize.qa.terms import _approved

    checker = Checker(glossary=glossary)
    for entry in glossary.entries:
        for locale in ("en", "zh-Hans", "zh-Hant-TW", "zh-Hant-HK"):
            first = _approved(checker.env, entry.id, locale)
            assert [form for form, _ in first] == glossary.approved_forms(entry, locale)
            assert _approved(checker.env, entry.id, locale) is first  # found, not made again
    assert _approved(checker.env, "no-such-entry", "en") == []
