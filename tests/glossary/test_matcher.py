from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from localize.glossary import Glossary, load_glossary


def spans(
    glossary: Glossary, text: str, locale: str = "zh-Hans", **kw: object
) -> list[tuple[str, str]]:
    matcher = glossary.matcher(locale)
    return [(m.entry_id, text[m.start : m.end]) for m in matcher.find(text, **kw)]  # type: ignore[arg-type]


def test_leftmost_longest_without_overlaps(sample: Glossary) -> None:
    text = "班夫国家公园和班夫"
    assert spans(sample, text) == [("banff-park", "班夫国家公园"), ("banff", "班夫")]


def test_traditional_text_against_simplified_only_glossary(sample: Glossary) -> None:
    # The glossary has only the Simplified form of CN Tower; the text is Traditional.
    text = "我在加拿大國家電視塔，還去了蒙特利爾"
    assert spans(sample, text, "zh-Hant") == [
        ("cn-tower", "加拿大國家電視塔"),
        ("montreal", "蒙特利爾"),
    ]
    match = sample.matcher("zh-Hant").find(text, target_locale="zh-Hant-TW")[1]
    assert (match.term, match.locale, match.target) == ("蒙特利尔", "zh-Hans", "蒙特婁")


def test_every_traditional_spelling_folds_to_the_same_key(write: Callable[..., Path]) -> None:
    # OpenCC maps 薴 to 苧, itself a Traditional form of 苎: both must still find the term 苎麻.
    glossary = load_glossary(write("entries:\n  - {id: ramie, terms: {zh-Hans: 苎麻}}\n"))
    assert spans(glossary, "苎麻、苧麻和薴麻", "zh-Hant") == [
        ("ramie", "苎麻"),
        ("ramie", "苧麻"),
        ("ramie", "薴麻"),
    ]


def test_region_form_matches_as_itself(sample: Glossary) -> None:
    [m] = sample.matcher("zh-Hant-TW").find("蒙特婁很美", target_locale="en")
    assert (m.term, m.locale, m.status, m.target) == (
        "蒙特婁",
        "zh-Hant-TW",
        "preferred",
        "Montreal",
    )


def test_english_word_boundaries_and_case(sample: Glossary) -> None:
    text = "Banffshire, banff; BANFF. CN Tower, cn tower"
    assert spans(sample, text, "en") == [
        ("banff", "banff"),
        ("banff", "BANFF"),
        ("cn-tower", "CN Tower"),
    ]


def test_latin_term_next_to_han_is_on_a_boundary(sample: Glossary) -> None:
    assert spans(sample, "去Banff玩", "zh-Hans") == []  # en terms are not in a zh matcher ...
    assert spans(sample, "去Banff玩", None) == [("banff", "Banff")]  # ... but in an any-locale one
    assert spans(sample, "用Aeroplan积分", "zh-Hans") == [("aeroplan", "Aeroplan")]  # dnt: always


def test_rejected_longest_match_does_not_hide_a_shorter_one(write: Callable[..., Path]) -> None:
    glossary = load_glossary(
        write(
            "entries:\n"
            "  - {id: a, terms: {en: Air Canada, zh-Hans: 加拿大航空}}\n"
            "  - {id: b, terms: {en: Air Canada Rouge Lounge, zh-Hans: 枫叶休息室}}\n"
            "  - {id: c, terms: {en: Rouge, zh-Hans: 胭脂}}\n"
        )
    )
    # "Air Canada Rouge Loungex" fails the boundary check; "Air Canada" and "Rouge" remain.
    text = "Air Canada Rouge Loungex"
    assert spans(glossary, text, "en") == [("a", "Air Canada"), ("c", "Rouge")]


def test_match_starting_inside_a_rejected_one(write: Callable[..., Path]) -> None:
    glossary = load_glossary(
        write(
            "entries:\n"
            "  - {id: a, terms: {en: A, zh-Hans: 甲乙}}\n"
            "  - {id: b, terms: {en: B, zh-Hans: 乙丙丁}}\n"
        )
    )
    text = "甲乙丙丁"
    assert spans(glossary, text) == [("a", "甲乙")]
    # With 甲 protected, the scan's 甲乙 is rejected; 乙丙丁, which starts inside it, is found.
    assert spans(glossary, text, protected=[(0, 1)]) == [("b", "乙丙丁")]
    # A case-sensitive miss falls back to the shorter term at the same position.
    g2 = load_glossary(
        write(
            "entries:\n"
            "  - {id: a, terms: {en: {term: Air CANADA, case: sensitive}, zh-Hans: 甲}}\n"
            "  - {id: b, terms: {en: air, zh-Hans: 乙}}\n",
            "g2.yaml",
        )
    )
    assert spans(g2, "air canada", "en") == [("b", "air")]
    assert spans(g2, "Air CANADA", "en") == [("a", "Air CANADA")]


def test_entities_and_placeholders_are_never_overlapped(sample: Glossary) -> None:
    text = "@班夫旅游 班夫 #班夫美食# [班夫] XQ3QX班夫 http://t.cn/班夫"
    found = spans(sample, text)
    assert found == [("banff", "班夫"), ("banff", "班夫")]
    ms = sample.matcher("zh-Hans").find(text)
    assert [m.start for m in ms] == [text.index(" 班夫") + 1, text.index("XQ3QX") + 5]


def test_terms_right_next_to_entities(sample: Glossary) -> None:
    text = "@小明班夫#遇见加拿大#班夫[哈哈]"
    # "@小明班夫" is one mention, so only the班夫 after the hashtag is free.
    assert spans(sample, text) == [("meeting-canada", "#遇见加拿大#"), ("banff", "班夫")]


def test_campaign_hashtag_in_both_forms(sample: Glossary) -> None:
    [m] = sample.matcher("en").find("Join #Meeting Canada# now", target_locale="zh-Hant-TW")
    assert (m.entry_id, m.hashtag, m.target) == ("meeting-canada", True, "#遇見加拿大#")
    [m] = sample.matcher("zh-Hans").find("参加#遇见加拿大#", target_locale="en")
    assert m.target == "#Meeting Canada#"


def test_dnt_target_is_the_matched_form(sample: Glossary) -> None:
    [m] = sample.matcher("en").find("Earn Aeroplan points", target_locale="zh-Hans")
    assert (m.dnt, m.target) == (True, "Aeroplan")


def test_jieba_boundaries(write: Callable[..., Path]) -> None:
    glossary = load_glossary(write("entries:\n  - {id: a, terms: {en: Ming, zh-Hans: 明天}}\n"))
    text = "我们明天见，聪明天才"
    # Without token boundaries 明天 is also found inside 聪明|天才.
    assert len(glossary.matcher("zh-Hans").find(text)) == 2
    strict = glossary.matcher("zh-Hans", jieba_boundaries=True).find(text)
    assert [(m.start, m.end) for m in strict] == [(2, 4)]
    tokens = ["我们", "明天", "见", "，", "聪明", "天才"]
    assert len(glossary.matcher("zh-Hans", jieba_boundaries=True).find(text, tokens=tokens)) == 1


def test_matcher_is_cached(sample: Glossary) -> None:
    assert sample.matcher("zh-Hans") is sample.matcher("zh-Hans")
    assert sample.matcher("zh-Hans") is not sample.matcher("en")


# A brute-force statement of the matching rules, to hold the one-pass matcher to: at each
# position, the longest key whose candidates pass the checks and that overlaps no protected span
# (a campaign hashtag may be exactly a #话题#); then on past it, or one character on.
REFERENCE_GLOSSARY = """\
entries:
  - {id: canada, terms: {en: Canada, zh-Hans: 加拿大}}
  - {id: air-canada, terms: {en: Air Canada, zh-Hans: 加拿大航空, zh-Hant-TW: 加拿大航空}}
  - {id: airline, terms: {en: airline, zh-Hans: 航空公司}}
  - {id: company, terms: {en: company, zh-Hans: 公司}}
  - {id: dahang, terms: {en: Dahang, zh-Hans: 大航}}
  - {id: vancouver, terms: {en: Vancouver, zh-Hans: 温哥华}}
  - {id: travel, terms: {en: travel, zh-Hans: 旅游}}
  - {id: cn-tower, terms: {en: CN Tower, zh-Hans: 加拿大国家电视塔}}
  - {id: westjet, dnt: true, terms: {en: WestJet}}
  - {id: scorpion, terms: {en: scorpion, zh-Hans: 蝎}}
  - id: meeting-canada
    hashtag: true
    terms: {en: "#Meeting Canada#", zh-Hans: "#遇见加拿大#"}
"""
PIECES = [
    "加拿大", "加拿大航空", "航空公司", "公司", "大航", "温哥华", "溫哥華", "旅游", "旅遊",
    "加拿大国家电视塔", "@旅游达人", "#遇见加拿大#", "#Meeting Canada#", "#旅游#", "#加拿大",
    "[哈哈]", "[旅游]", "http://t.cn/A6旅游", "XQ3QX", "Air Canada", "air canada", "AIR",
    "Canada", "Canadas", "WestJet", "westjet", "CN Tower", "cn tower", "x", " ", "，", "的", "去",
    "😀", "🍁", "中文", "蝎",
]  # fmt: skip


def _reference_glossary(tmp_path_factory: pytest.TempPathFactory) -> Glossary:
    path = tmp_path_factory.mktemp("ref") / "g.yaml"
    path.write_text(REFERENCE_GLOSSARY, "utf-8")
    return load_glossary(path)


def reference_find(
    glossary: Glossary, locale: str, text: str, extra: list[tuple[int, int]]
) -> list[tuple[str, int, int]]:
    from localize.glossary.matcher import PROTECTED_KINDS, fold
    from localize.text.entities import find_entities
    from localize.text.placeholders import PLACEHOLDER_RE

    matcher = glossary.matcher(locale)
    entities = find_entities(text, PROTECTED_KINDS)
    spans = [(e.start, e.end) for e in entities] + extra
    spans += [m.span() for m in PLACEHOLDER_RE.finditer(text)]
    hashtags = {(e.start, e.end) for e in entities if e.kind == "hashtag"}

    def free_hashtag(s: int, e: int) -> bool:
        # Spans that only partly overlap a #话题# merge with it into something else.
        return (s, e) in hashtags and all(s <= a and b <= e for a, b in spans if a < e and s < b)

    longest = max(len(k) for k in matcher._index)
    found: list[tuple[str, int, int]] = []
    pos = 0
    while pos < len(text):
        for length in range(min(longest, len(text) - pos), 0, -1):
            s, e = pos, pos + length
            candidates = matcher._index.get(fold(text[s:e]))
            if not candidates:
                continue
            is_hashtag = free_hashtag(s, e)
            if not is_hashtag and any(a < e and s < b for a, b in spans):
                continue
            chosen = matcher._choose(candidates, text, s, e, None, is_hashtag)
            if chosen is not None:
                found.append((chosen.entry.id, s, e))
                pos = e
                break
        else:
            pos += 1
    return found


@settings(max_examples=400, deadline=None)
@given(
    pieces=st.lists(st.sampled_from(PIECES), max_size=14),
    locale=st.sampled_from(["zh-Hans", "zh-Hant", "en", None]),
    protect=st.lists(st.tuples(st.integers(0, 40), st.integers(1, 6)), max_size=2),
)
def test_matches_follow_the_brute_force_rules(
    pieces: list[str],
    locale: str | None,
    protect: list[tuple[int, int]],
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    glossary = _reference_glossary(tmp_path_factory)
    text = "".join(pieces)
    extra = [(s, s + n) for s, n in protect if s + n <= len(text)]
    matches = glossary.matcher(locale).find(text, target_locale="zh-Hant-TW", protected=extra)
    assert [(m.entry_id, m.start, m.end) for m in matches] == reference_find(
        glossary, locale, text, extra
    )
    for m in matches:
        entry = glossary.get(m.entry_id)
        assert entry is not None
        expected = text[m.start : m.end] if entry.dnt else glossary.term_for(entry, "zh-Hant-TW")
        assert m.target == expected


@settings(max_examples=200, deadline=None)
@given(
    texts=st.lists(
        st.lists(st.sampled_from([*PIECES, "\n", "CN", " Tower"]), max_size=6).map("".join),
        max_size=6,
    ),
    locale=st.sampled_from(["zh-Hans", "en", None]),
)
def test_matching_many_texts_at_once_equals_one_by_one(
    texts: list[str], locale: str | None, tmp_path_factory: pytest.TempPathFactory
) -> None:
    matcher = _reference_glossary(tmp_path_factory).matcher(locale)
    one_by_one = [matcher.find(t, target_locale="zh-Hant-HK") for t in texts]
    assert matcher.find_all(texts, target_locale="zh-Hant-HK") == one_by_one


# Entities, emoji of every shape (keycaps, flags, ZWJ sequences, tags, skin tones) and the
# characters that start or end them, side by side: what a QA check hands the matcher.
ENTITY_PIECES = [
    *PIECES, "#", "#️⃣", "1️⃣", "*⃣", "🇨🇦", "🇨", "👨\u200d👩\u200d👧", "\u200d", "👍🏽",
    "🏴\U000e0067\U000e0062\U000e007f", "©", "\ufe0f", "@", "//@", "加拿大驻华使馆:", "http://",
    "www.", "t.cn/", "a.b", "x@y.com", "[", "]",
    "哈哈", "doge", "/", ".", "http://t.cn/🍁", "https://a.cn/👨", "Banff", "#Travel", "XQ1QX",
]  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(
    texts=st.lists(
        st.lists(st.sampled_from(ENTITY_PIECES), max_size=10).map("".join), min_size=1, max_size=5
    ),
    locale=st.sampled_from(["zh-Hans", "zh-Hant-TW", "en", None]),
)
def test_entities_found_already_give_the_matches_a_scan_gives(
    texts: list[str], locale: str | None, tmp_path_factory: pytest.TempPathFactory
) -> None:
    from localize.glossary.matcher import PROTECTED_KINDS
    from localize.text.entities import DEFAULT_KINDS, find_entities, iter_entity_matches

    matcher = _reference_glossary(tmp_path_factory).matcher(locale)
    entities = [find_entities(t, DEFAULT_KINDS) for t in texts]
    for text, found in zip(texts, entities, strict=True):
        # The claim the hand-over rests on: the protected kinds found with emoji are those found
        # without them.
        assert [(e.start, e.end, e.kind) for e in found if e.kind != "emoji"] == [
            (*m.span(), m.lastgroup) for m in iter_entity_matches(text, PROTECTED_KINDS)
        ]
        assert matcher.find(text, target_locale="en", entities=found) == matcher.find(
            text, target_locale="en"
        )
    assert matcher.find_all(texts, target_locale="en", entities=entities) == matcher.find_all(
        texts, target_locale="en"
    )


def test_entities_found_already_stand_in_only_for_the_protected_kinds(sample: Glossary) -> None:
    from localize.text.entities import find_entities

    text = "http://t.cn/#加拿大# 加拿大"
    with pytest.raises(ValueError, match="only"):
        sample.matcher("zh-Hans").find(
            text, entity_kinds=("hashtag",), entities=find_entities(text)
        )


def test_a_term_whose_bytes_straddle_two_characters_is_not_matched_there(
    write: Callable[..., Path],
) -> None:
    # In UTF-16 中文 is 2D 4E 87 65, and 蝎 (U+874E) is 4E 87, which occurs in it across the
    # two characters: a scan over bytes must not match there (an earlier matcher scanned
    # UTF-16). A real 蝎 after it still is a match.
    glossary = load_glossary(write("entries:\n  - {id: s, terms: {en: scorpion, zh-Hans: 蝎}}\n"))
    assert spans(glossary, "中文") == []
    assert spans(glossary, "中文蝎") == [("s", "蝎")]


def test_offsets_count_emoji_as_one_character(sample: Glossary) -> None:
    text = "😀🍁班夫👨‍👩‍👧 班夫"
    assert [(m.start, m.end) for m in sample.matcher("zh-Hans").find(text)] == [(2, 4), (10, 12)]
