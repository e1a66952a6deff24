from __future__ import annotations

from collections.abc import Callable

from localize.qa import Finding

Check = Callable[..., list[Finding]]


def messages(findings: list[Finding]) -> list[str]:
    return [f.message for f in findings]


SOURCE = "#旅行# 秋天的班夫 @旅游达人 快来看 http://t.cn/A6xYz12 [爱你] 🍁 //@文化使者: 好"


def test_every_entity_kept_is_clean(check_plain: Check) -> None:
    target = "#旅行# Banff in autumn @旅游达人 come and see http://t.cn/A6xYz12 [爱你] 🍁"
    target += " //@文化使者: good"
    assert check_plain(SOURCE, target, only="entity_mismatch") == []


def test_missing_altered_and_extra_entities(check_plain: Check) -> None:
    target = "#旅行# Banff in autumn @旅遊達人 come and see [爱你] 🍂 //@文化使者: good ❤️"
    found = check_plain(SOURCE, target, only="entity_mismatch")
    assert messages(found) == [
        'mention "@旅游达人" was altered to "@旅遊達人"',
        'URL "http://t.cn/A6xYz12" is missing from the target',
        'emoji "🍁" is missing from the target',
        'emoji "🍂" in the target is not in the source',
        'emoji "❤️" in the target is not in the source',
    ]
    assert found[0].data == {
        "kind": "mention",
        "entity": "@旅游达人",
        "target": "@旅遊達人",
        "problem": "altered",
    }


def test_repost_chain_email_and_emoticon(check_plain: Check) -> None:
    source = "//@文化使者: 写信到 info@example.com [哈哈]"
    # Some clients write "//@user :"; it is still a repost chain, but not the source's bytes.
    target = "//@文化使者 : write to info@example.org [haha]"
    assert messages(check_plain(source, target, only="entity_mismatch")) == [
        'repost chain "//@文化使者:" was altered to "//@文化使者 :"',
        'e-mail address "info@example.com" was altered to "info@example.org"',
        'emoticon "[哈哈]" is missing from the target',
        'emoticon "[haha]" in the target is not in the source',
    ]


def test_counts_matter(check_plain: Check) -> None:
    assert messages(check_plain("🍁🍁 枫叶", "🍁 maple", only="entity_mismatch")) == [
        'emoji "🍁" appears 2× in the source but 1× in the target'
    ]


def test_url_with_han_characters_is_one_entity(check_plain: Check) -> None:
    source = "详情 https://zh.wikipedia.org/wiki/多伦多 见"
    target = "Details: https://zh.wikipedia.org/wiki/多伦多 see"
    # Neither the URL nor its Han path counts as untranslated text or a mismatch.
    assert check_plain(source, target) == []


def test_hashtags_across_languages_may_be_translated(check_plain: Check) -> None:
    # Pipelines translate the text of #话题# topics into English; only their number must match.
    assert check_plain("#旅行# 好", "#Travel# good", only="entity_mismatch") == []
    assert messages(check_plain("#旅行# 好", "Travel good", only="entity_mismatch")) == [
        "the source has 1 hashtag(s), the target 0"
    ]


def test_hashtags_within_one_language_must_be_identical(check_plain: Check) -> None:
    found = check_plain("#旅行# 好", "#旅行遊# 好", "zh-Hans", "zh-Hant-TW", only="entity_mismatch")
    assert messages(found) == ['hashtag "#旅行#" was altered to "#旅行遊#"']


def test_exact_mode_for_every_pair() -> None:
    from localize.qa import Checker, QAConfig

    config = QAConfig.default().updated({"checks": {"entity_mismatch": {"hashtags": "exact"}}})
    checker = Checker(config)
    seg = checker.segment(
        "p", "#旅行# 好", "#Travel# good", source_locale="zh-Hans", target_locale="en"
    )
    assert messages(checker.check(seg)) == [
        'hashtag "#旅行#" is missing from the target',
        'hashtag "#Travel#" in the target is not in the source',
    ]


def test_campaign_hashtag_is_left_to_the_term_checks(check: Check) -> None:
    assert check("#遇见加拿大# 秋天", "#MeetCanada# autumn", only="entity_mismatch") == []
