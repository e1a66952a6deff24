"""The one locale model: the tags users write, normalised to the five locales we work in.

``en``, ``zh-Hans``, ``zh-Hant``, ``zh-Hant-TW`` and ``zh-Hant-HK``. Tags come from real files
in many spellings (``zh_TW``, ``zh-CN``, ``en-US``, Argos's ``zt``); every module that takes a
locale goes through :func:`normalize_locale`, so they all agree, and an unknown tag gets one
error that lists what is supported.
"""

from __future__ import annotations

from functools import cache

from localize.errors import ConfigError

LOCALES = ("en", "zh-Hans", "zh-Hant", "zh-Hant-TW", "zh-Hant-HK")
ZH_LOCALES = LOCALES[1:]
TRADITIONAL = ("zh-Hant", "zh-Hant-TW", "zh-Hant-HK")

# Region subtags -> the locale a Chinese tag with that region and no script means.
_ZH_REGIONS = {
    "cn": "zh-Hans",
    "sg": "zh-Hans",
    "my": "zh-Hans",
    "tw": "zh-Hant-TW",
    "hk": "zh-Hant-HK",
    "mo": "zh-Hant-HK",  # Macau follows Hong Kong usage
}
ALIASES_TEXT = (
    "zh, zh-CN, zh-SG -> zh-Hans; zh-TW -> zh-Hant-TW; zh-HK, zh-MO -> zh-Hant-HK; "
    "zt -> zh-Hant; en-US, en-GB -> en (any case, _ or -)"
)


class LocaleError(ConfigError):
    """A locale tag we do not support."""


def supported_text() -> str:
    """What the error messages list: our locales and the spellings we understand."""
    return f"{', '.join(LOCALES)} (also {ALIASES_TEXT})"


def normalize_locale(tag: str, *, key: str | None = None) -> str:
    """Our locale for ``tag`` (``zh-TW`` -> ``zh-Hant-TW``); LocaleError if it has none
    (``key``: the option or field it came from, for the error)."""
    found = parse_locale(tag) if isinstance(tag, str) else None
    if found is None:
        raise LocaleError(
            f"unknown locale {tag!r}",
            key=key,
            hint=f"Supported locales: {supported_text()}.",
        )
    return found


def parse_locale(tag: str | None) -> str | None:
    """Our locale for ``tag``, or None when it is empty or not one we support."""
    if not tag:
        return None
    if tag in LOCALES:
        return tag
    return _parse(tag)


@cache
def _parse(tag: str) -> str | None:
    parts = tag.strip().lower().replace("_", "-").split("-")
    lang, rest = parts[0], parts[1:]
    if lang == "en":
        # en-US, en-GB, en-Latn-CA: one English for us.
        return "en" if all(p.isalnum() for p in rest) else None
    if lang == "zt":
        return "zh-Hant" if not rest else None
    if lang != "zh" or len(rest) > 2:
        return None
    script = next((p for p in rest if p in ("hans", "hant")), None)
    regions = [p for p in rest if p != script]
    if len(regions) > 1 or (regions and regions[0] not in _ZH_REGIONS):
        return None
    region = _ZH_REGIONS[regions[0]] if regions else None
    if script == "hans":
        return "zh-Hans"
    if script == "hant":
        return region if region in ("zh-Hant-TW", "zh-Hant-HK") else "zh-Hant"
    return region or "zh-Hans"


def is_chinese(locale: str | None) -> bool:
    """Whether ``locale`` (any supported spelling) is a Chinese locale."""
    return parse_locale(locale) in ZH_LOCALES


def is_traditional(locale: str | None) -> bool:
    return parse_locale(locale) in TRADITIONAL


def language(locale: str | None) -> str | None:
    """``zh`` or ``en`` for a supported locale; None otherwise."""
    found = parse_locale(locale)
    if found is None:
        return None
    return "en" if found == "en" else "zh"


# The OpenCC config that turns Simplified text into each locale (character-level for zh-Hant,
# with Taiwan's vocabulary for zh-Hant-TW, as the built-in pipelines do) ...
_FROM_SIMPLIFIED = {"zh-Hant": "s2t", "zh-Hant-TW": "s2twp", "zh-Hant-HK": "s2hk", "zh-Hans": "t2s"}
# ... and Traditional text into a region's standard.
_FROM_TRADITIONAL = {"zh-Hant-TW": "t2tw", "zh-Hant-HK": "t2hk", "zh-Hans": "t2s"}


def default_opencc_config(target: str | None, source: str | None = None) -> str | None:
    """The OpenCC config for converting ``source`` text into ``target`` when a pipeline names
    none; None when the pair implies no conversion (e.g. an English target)."""
    to = parse_locale(target)
    if to is None:
        return None
    if is_traditional(source):
        return _FROM_TRADITIONAL.get(to)
    return _FROM_SIMPLIFIED.get(to)
