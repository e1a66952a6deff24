from __future__ import annotations

from localize.tm.key import key_target, language_pair, mask_key, unmask

KINDS = {"XQ1QX": "mention", "XQ2QX": "term", "XQ7QX": "mention", "XQ9QX": "term"}


def test_entities_and_terms_are_masked_by_order_so_other_mentions_share_a_key() -> None:
    a = mask_key("XQ1QX 去了XQ2QX。", KINDS)
    b = mask_key("XQ7QX  去了XQ9QX。", KINDS)
    assert a.key == b.key == "{E1} 去了{T1}。"
    assert b.tokens == {"{E1}": "XQ7QX", "{T1}": "XQ9QX"}


def test_normalisation_folds_width_and_space_but_not_words() -> None:
    assert mask_key(" ＡＢＣ\t１２３ ", {}).key == "ABC 123"
    assert mask_key("去了", {}).key != mask_key("去过", {}).key


def test_a_stored_target_maps_onto_the_new_posts_placeholders() -> None:
    stored = key_target("XQ1QX went to XQ2QX.", mask_key("XQ1QX 去了XQ2QX。", KINDS))
    assert stored == "{E1} went to {T1}."
    assert unmask(stored, mask_key("XQ7QX 去了XQ9QX。", KINDS)) == "XQ7QX went to XQ9QX."


def test_unknown_placeholders_stay_literal_and_unmappable_targets_are_refused() -> None:
    segment = mask_key("XQ5QX 好", KINDS)  # not a span of the post: text of its own
    assert segment.key == "XQ5QX 好" and segment.tokens == {}
    assert key_target("XQ1QX fine", mask_key("好", KINDS)) is None
    assert unmask("{E2} fine", mask_key("XQ1QX 好", KINDS)) is None


def test_language_pairs_group_locales_by_language_and_chinese_script() -> None:
    assert language_pair("zh-CN", "en-US") == ("zh-hans", "en")
    assert language_pair("zh_Hant_TW", "zh-HK") == ("zh-hant", "zh-hant")
    assert language_pair("zh", "zh-Hans") == ("zh-hans", "zh-hans")
