"""``platform_limits``: a target too long, or with too many hashtags, for where it is posted.

Each platform counts length its own way:

- **Weibo** counts a Chinese (full-width) character or an emoji as 1 and a half-width (ASCII)
  character as half of one, rounded up; a link counts as ``url_length`` (Weibo shortens every
  link to a ``t.cn`` address).
- **X** counts as the twitter-text library (configuration v3) does: code points in U+0000–U+10FF
  and a few punctuation ranges weigh 1, everything else (CJK, most symbols) 2, an emoji sequence
  (``👨‍👩‍👧``) 2 whatever its code points, and every URL 23.

Written here rather than taken from a library because the URLs and emoji must be the ones every
other check sees (:mod:`localize.text.entities`), and the rules are the few lines below.

The platform follows the target (Chinese targets go to Weibo, English ones to X) unless
``platform`` says otherwise; the limits of each are options::

    checks:
      platform_limits:
        platform: x
        platforms: {x: {max_length: 25000}, weibo: {max_hashtags: 3}}
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from operator import attrgetter
from typing import Literal

import regex

from localize.errors import ConfigError
from localize.qa.base import CheckEnv, Hit, Segment, register

# twitter-text's v3 configuration: ranges of code points that weigh 1 (the rest weigh 2).
_X_LIGHT_RANGES = ((0x0000, 0x10FF), (0x2000, 0x200D), (0x2010, 0x201F), (0x2032, 0x2037))

DEFAULT_LIMITS: dict[str, dict[str, int]] = {
    # A Weibo post holds up to 2,000 characters (reposts and comments: 140).
    "weibo": {"max_length": 2000, "max_hashtags": 10, "url_length": 10},
    "x": {"max_length": 280, "max_hashtags": 5, "url_length": 23},
}
_LIMIT_NAMES = ("max_length", "max_hashtags", "url_length")


@dataclass
class PlatformOptions:
    # weibo | x | none; auto: Weibo for Chinese targets, X for English ones.
    platform: Literal["auto", "weibo", "x", "none"] = "auto"
    # Per platform, limits that replace the defaults (max_length, max_hashtags, url_length).
    platforms: dict[str, dict[str, int]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for name, limits in self.platforms.items():
            if name not in DEFAULT_LIMITS:
                raise ConfigError(
                    f"unknown platform {name!r} in platform_limits.platforms",
                    key="checks.platform_limits.platforms",
                    hint=f"Platforms: {', '.join(DEFAULT_LIMITS)}.",
                )
            for key in limits:
                if key not in _LIMIT_NAMES:
                    raise ConfigError(
                        f"unknown limit {key!r} for platform {name!r}",
                        key=f"checks.platform_limits.platforms.{name}",
                        hint=f"Limits: {', '.join(_LIMIT_NAMES)}.",
                    )

    def limits(self, platform: str) -> Mapping[str, int]:
        own = self.platforms.get(platform)
        # A Mapping, read only: the defaults themselves where the platform has none of its own.
        return {**DEFAULT_LIMITS[platform], **own} if own else DEFAULT_LIMITS[platform]


_X_HEAVY = regex.compile(
    "[^" + "".join(f"\\U{lo:08x}-\\U{hi:08x}" for lo, hi in _X_LIGHT_RANGES) + "]"
)


def weighted_length(
    text: str, entities: list[tuple[str, int, int]], platform: str, url_length: int
) -> int:
    """The length ``platform`` counts for a text with these ``(kind, start, end)`` entities."""
    units = 0  # X: weight units; Weibo: half characters
    last = 0
    for kind, start, end in entities:
        units += _plain_units(text[last:start], platform)
        if kind == "url":
            units += _url_units(platform, {"url_length": url_length})
        elif kind == "emoji":
            units += 2
        else:
            units += _plain_units(text[start:end], platform)
        last = end
    units += _plain_units(text[last:], platform)
    return _units_to_length(units, platform)


def _url_units(platform: str, limits: Mapping[str, int]) -> int:
    return limits["url_length"] * (1 if platform == "x" else 2)


def _units_to_length(units: int, platform: str) -> int:
    return units if platform == "x" else math.ceil(units / 2)


def _plain_units(text: str, platform: str) -> int:
    if platform == "x":
        return len(text) + len(_X_HEAVY.findall(text))
    # Weibo: half-width (ASCII) characters count half.
    return 2 * len(text) - len(text.encode("ascii", "ignore"))


def target_platform(seg: Segment, options: PlatformOptions) -> str | None:
    if options.platform == "none":
        return None
    if options.platform != "auto":
        return options.platform
    return _PLATFORMS.get(seg.target_lang or "")


_PLATFORMS = {"zh": "weibo", "en": "x"}  # by target language


_NAMES = {"weibo": "Weibo", "x": "X"}
_KIND = attrgetter("kind")


def _maybe_over(segs: Sequence[Segment], options: PlatformOptions, env: CheckEnv) -> list[bool]:
    # Every link and every hashtag is an entity, and no character weighs more than 2 units: a
    # target with few entities and few characters is under both limits (nearly all).
    verdicts = []
    for seg in segs:
        platform = target_platform(seg, options)
        if platform is None:
            verdicts.append(False)
            continue
        limits = options.limits(platform)
        entities = len(seg.target_entities)
        most = _units_to_length(
            2 * len(seg.target) + entities * _url_units(platform, limits), platform
        )
        verdicts.append(most > limits["max_length"] or entities > limits["max_hashtags"])
    return verdicts


# A warning by default: English "short articles" are not always bound for X. A team that posts
# every target sets `platform_limits: error` (and its platform) in its QA config.
@register(
    "platform_limits",
    severity="warning",
    summary="the target is over its platform's length limit (Weibo or X, counted as they count)"
    " or has too many hashtags",
    options=PlatformOptions,
    screen=_maybe_over,
)
def platform_limits(seg: Segment, options: PlatformOptions, env: CheckEnv) -> Iterator[Hit]:
    platform = target_platform(seg, options)
    if platform is None:
        return
    limits = options.limits(platform)
    kinds = list(map(_KIND, seg.target_entities))
    urls = kinds.count("url")
    # No character weighs more than 2 units, and a link weighs its fixed length: a target that
    # cannot be over the limit (nearly all) is not weighed character by character.
    most = _units_to_length(2 * len(seg.target) + urls * _url_units(platform, limits), platform)
    length = 0
    if most > limits["max_length"]:
        entities = [(e.kind, e.start, e.end) for e in seg.target_entities]
        length = weighted_length(seg.target, entities, platform, limits["url_length"])
    if length > limits["max_length"]:
        how = "weighted characters" if platform == "x" else "characters as Weibo counts them"
        yield Hit(
            f"the target is {length} {how}, over {_NAMES[platform]}'s limit of"
            f" {limits['max_length']} (by {length - limits['max_length']})",
            {"platform": platform, "length": length, "limit": limits["max_length"]},
        )
    hashtags = kinds.count("hashtag")
    if hashtags > limits["max_hashtags"]:
        yield Hit(
            f"the target has {hashtags} hashtags, over the {limits['max_hashtags']} set for"
            f" {_NAMES[platform]}",
            {"platform": platform, "hashtags": hashtags, "limit": limits["max_hashtags"]},
        )
