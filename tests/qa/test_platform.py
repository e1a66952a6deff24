from __future__ import annotations

import pytest

from localize.errors import ConfigError
from localize.qa import Checker, Finding, QAConfig
from localize.qa.platform import weighted_length
from localize.text.entities import find_entities


def _length(text: str, platform: str, url_length: int) -> int:
    entities = [(e.kind, e.start, e.end) for e in find_entities(text)]
    return weighted_length(text, entities, platform, url_length)


@pytest.mark.parametrize(
    ("text", "length"),
    [
        ("hello", 5),
        ("你好", 4),  # CJK weighs 2
        ("café – “quoted”", 15),  # Latin-1, dashes and curly quotes weigh 1
        ("see https://example.com/a/very/long/path/that/goes/on 🍁", 4 + 23 + 1 + 2),
        ("👨\u200d👩\u200d👧", 2),  # one emoji sequence weighs 2, whatever its code points
    ],
)
def test_x_counts_as_twitter_text(text: str, length: int) -> None:
    assert _length(text, "x", 23) == length


@pytest.mark.parametrize(
    ("text", "length"),
    [
        ("你好", 2),
        ("你好ab", 3),  # two half-width characters count as one
        ("abc", 2),  # rounded up
        ("看 http://t.cn/A6xYz12", 12),  # 1 + half a space + 10 for the link, rounded up
    ],
)
def test_weibo_counts_as_weibo(text: str, length: int) -> None:
    assert _length(text, "weibo", 10) == length


def _run(target: str, target_locale: str, config: QAConfig | None = None) -> list[Finding]:
    checker = Checker(config)
    source_locale = "zh-Hans" if target_locale == "en" else "en"
    seg = checker.segment(
        "p", "source", target, source_locale=source_locale, target_locale=target_locale
    )
    return [f for f in checker.check(seg) if f.check == "platform_limits"]


def test_over_the_limit_of_the_targets_platform() -> None:
    assert _run("a" * 280, "en") == []
    (x,) = _run("中" * 141, "en")
    assert x.message == "the target is 282 weighted characters, over X's limit of 280 (by 2)"
    assert x.severity == "warning" and not x.fails  # a team makes it an error in its config
    assert _run("字" * 2000, "zh-Hans") == []
    (weibo,) = _run("字" * 2001, "zh-Hant-TW")
    assert weibo.message == (
        "the target is 2001 characters as Weibo counts them, over Weibo's limit of 2000 (by 1)"
    )
    (tags,) = _run(" ".join(f"#tag{i}" for i in range(6)), "en")
    assert tags.message == "the target has 6 hashtags, over the 5 set for X"


def test_limits_are_configurable_per_platform() -> None:
    config = QAConfig.default().updated(
        {"checks": {"platform_limits": {"platforms": {"x": {"max_length": 25000}}}}}
    )
    assert _run("中" * 141, "en", config) == []
    weibo = QAConfig.default().updated(
        {
            "checks": {
                "platform_limits": {
                    "platform": "weibo",
                    "platforms": {"weibo": {"max_length": 140}},
                }
            }
        }
    )
    (found,) = _run("a" * 282, "en", weibo)
    assert found.data == {"platform": "weibo", "length": 141, "limit": 140}
    with pytest.raises(ConfigError, match="unknown platform 'facebook'"):
        QAConfig.default().updated({"checks": {"platform_limits": {"platforms": {"facebook": {}}}}})
    with pytest.raises(ConfigError, match="unknown limit 'max_len'"):
        QAConfig.default().updated(
            {"checks": {"platform_limits": {"platforms": {"x": {"max_len": 3}}}}}
        )


def test_links_count_at_their_fixed_weight_even_in_a_short_target() -> None:
    # 83 characters, but each t.cn link weighs 23 on X: 12 * 23 + 11 spaces = 287.
    target = " ".join(["t.cn/A"] * 12)
    (x,) = _run(target, "en")
    assert x.message == "the target is 287 weighted characters, over X's limit of 280 (by 7)"
    assert _run(" ".join(["t.cn/A"] * 11), "en") == []
