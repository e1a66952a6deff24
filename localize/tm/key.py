"""How a sentence is looked up in the memory: normalised, with entities and terms masked.

A sentence arrives with our internal placeholders (``XQ3QX``) standing for protected entities
and glossary terms. In the key, each becomes ``{E1}``, ``{E2}``... (entities) or ``{T1}``...
(terms), numbered by first appearance, so ``@A 去了温哥华`` and ``@B 去了温哥华`` share one key,
and the stored target uses the same tokens, so a hit maps back onto the new post's placeholders.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass

from localize.text.placeholders import PLACEHOLDER_RE

TOKEN_RE = re.compile(r"\{([ET])(\d+)\}")
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class MaskedSegment:
    """A sentence in key form and the placeholder each token stands for in its post."""

    key: str
    tokens: dict[str, str]  # "{E1}" -> "XQ3QX"


def _normalise(text: str) -> str:
    # NFKC folds full-width ASCII and compatibility forms; runs of space count as one.
    return _SPACE.sub(" ", unicodedata.normalize("NFKC", text)).strip()


def mask_key(text: str, kinds: Mapping[str, str]) -> MaskedSegment:
    """``text`` with internal placeholders; ``kinds`` maps a placeholder to its span kind.

    A placeholder not in ``kinds`` (placeholder-shaped text of the post itself) stays literal.
    """
    tokens: dict[str, str] = {}
    by_placeholder: dict[str, str] = {}
    counts = {"E": 0, "T": 0}

    def replace(m: re.Match[str]) -> str:
        placeholder = m.group()
        kind = kinds.get(placeholder)
        if kind is None:
            return placeholder
        token = by_placeholder.get(placeholder)
        if token is None:
            letter = "T" if kind == "term" else "E"
            counts[letter] += 1
            token = f"{{{letter}{counts[letter]}}}"
            by_placeholder[placeholder] = token
            tokens[token] = placeholder
        return token

    return MaskedSegment(_normalise(PLACEHOLDER_RE.sub(replace, text)), tokens)


def key_target(target: str, segment: MaskedSegment) -> str | None:
    """A target with the source's placeholders written as the key's tokens (for storing).

    None when the target holds a placeholder the source does not: it could never be mapped back.
    """
    tokens = {placeholder: token for token, placeholder in segment.tokens.items()}
    missing = False

    def replace(m: re.Match[str]) -> str:
        nonlocal missing
        token = tokens.get(m.group())
        if token is None:
            missing = True
            return m.group()
        return token

    out = PLACEHOLDER_RE.sub(replace, target)
    return None if missing else out


def unmask(stored: str, segment: MaskedSegment) -> str | None:
    """A stored target with each token replaced by this post's placeholder.

    None when the stored target uses a token this sentence lacks (it cannot be used here).
    """
    missing = False

    def replace(m: re.Match[str]) -> str:
        nonlocal missing
        placeholder = segment.tokens.get(m.group())
        if placeholder is None:
            missing = True
            return m.group()
        return placeholder

    out = TOKEN_RE.sub(replace, stored)
    return None if missing else out


def language_pair(source: str, target: str) -> tuple[str, str]:
    """The locales a memory entry is filed under: language, and the script for Chinese.

    ``zh``, ``zh-CN`` and ``zh-Hans`` are one; ``zh-TW``, ``zh-HK`` and ``zh-Hant`` another;
    ``en-US`` is ``en``. Region vocabulary differences within a script are left to glossaries.
    """
    return _language(source), _language(target)


def _language(locale: str) -> str:
    parts = locale.replace("_", "-").lower().split("-")
    if parts[0] != "zh":
        return parts[0]
    traditional = any(p in ("hant", "tw", "hk", "mo") for p in parts[1:])
    return "zh-hant" if traditional else "zh-hans"
