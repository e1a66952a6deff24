from __future__ import annotations

from collections.abc import Callable

from localize.qa import Finding

Check = Callable[..., list[Finding]]


def messages(findings: list[Finding]) -> list[str]:
    return [f.message for f in findings]


def test_han_left_in_an_english_target(check_plain: Check) -> None:
    found = check_plain(
        "今天去了班夫，太美了", "Today we went to 班夫, so beautiful", only="untranslated"
    )
    assert messages(found) == ['Chinese text left in the English target: "班夫"']
    assert found[0].data == {"text": ["班夫"], "han_chars": 2}


def test_han_in_entities_and_dnt_terms_is_fine(check: Check) -> None:
    source = "@旅游达人 推荐 https://zh.wikipedia.org/wiki/班夫 [哈哈]"
    target = "@旅游达人 recommends https://zh.wikipedia.org/wiki/班夫 [哈哈]"
    assert check(source, target, only="untranslated") == []


def test_threshold_option() -> None:
    from localize.qa import Checker, QAConfig

    config = QAConfig.default().updated({"checks": {"untranslated": {"max_han_chars": 2}}})
    checker = Checker(config)
    seg = checker.segment("p", "去班夫", "Off to 班夫", source_locale="zh-Hans", target_locale="en")
    assert checker.check(seg) == []


def test_latin_run_left_in_a_chinese_target(check_plain: Check) -> None:
    source = "Welcome to Banff, the best place to visit in autumn"
    target = "欢迎来到班夫，the best place to visit in autumn"
    found = check_plain(source, target, "en", "zh-Hans", only="untranslated")
    assert messages(found) == [
        'English text left in the Chinese target: "the best place to visit in autumn"'
    ]


def test_names_and_short_latin_runs_in_chinese_are_fine(check_plain: Check) -> None:
    source = "Fly Air Canada Business Class to Banff National Park via WestJet"
    target = "乘坐Air Canada Business Class飞往Banff National Park，转乘WestJet"
    assert check_plain(source, target, "en", "zh-Hans", only="untranslated") == []


def test_same_language_pairs_are_not_untranslated(check_plain: Check) -> None:
    assert check_plain("去班夫", "去班夫", "zh-Hans", "zh-Hant-TW", only="untranslated") == []


def test_a_copied_source_is_untranslated_too(check_plain: Check) -> None:
    # A model that returns its input: identical_to_source hints, untranslated quotes the span.
    post = "落基山脉的露易丝湖 😍 转发抽3位送加拿大枫糖浆！"
    found = check_plain(post, post, only="untranslated")
    assert messages(found) == [
        'Chinese text left in the English target: "落基山脉的露易丝湖", "转发抽3位送加拿大枫糖浆"'
    ]


def test_builtin_mt_pipelines_fail_on_untranslated_output() -> None:
    from pathlib import Path

    from localize.config import load_pipeline_config
    from localize.steps.check import qa_config_from_pipeline

    pipelines = Path(__file__).resolve().parents[2] / "pipelines"
    for name in ("weibo-zh-en", "weibo-zht-en", "weibo-en-zh", "weibo-en-zhtw", "weibo-en-zhhk"):
        config = qa_config_from_pipeline(load_pipeline_config(pipelines / f"{name}.yaml"))
        assert config is not None
        assert config.fail_on.fails("untranslated", config.severity("untranslated")), name
