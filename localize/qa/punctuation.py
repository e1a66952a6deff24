"""``punctuation``: the other language's punctuation, and unbalanced brackets and quotes.

Full-width Chinese punctuation in an English target (``，。！？「」``), ASCII punctuation between
Han characters in a Chinese target (``你好,世界``), and brackets or quotes the target leaves
open or closes twice where the source does not. Emoticon codes like ``[哈哈]`` are entities and
never count as brackets.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import regex

from localize.qa.base import CheckEnv, Hit, Segment, quote, register

# Full-width and CJK punctuation an English text should not contain (… and — are English too).
_FULLWIDTH = regex.compile(r"[\u3001-\u3003\u3008-\u3011\u3014-\u301f\uff01-\uff0f\uff1a-\uff20"
                           r"\uff3b-\uff40\uff5b-\uff65]")  # fmt: skip
_ASCII_BETWEEN_HAN = regex.compile(r"(?<=\p{Han})[ ]?[,.!?;:][ ]?(?=\p{Han})")
# (opening, closing, group): a target may swap 「」 for “” but must close what it opens.
_PAIRS = (
    ("(", ")", "parenthesis"),
    ("（", "）", "parenthesis"),
    ("[", "]", "bracket"),
    ("【", "】", "bracket"),
    ("〔", "〕", "bracket"),
    ("「", "」", "quote"),
    ("『", "』", "quote"),
    ("“", "”", "quote"),
    ("《", "》", "title mark"),
    ("〈", "〉", "title mark"),
)


@dataclass
class PunctuationOptions:
    fullwidth_in_english: bool = True
    ascii_in_chinese: bool = True
    brackets: bool = True


def unbalanced(text: str) -> list[tuple[str, str]]:
    """``(group, description)`` of every bracket pair or quote left open or closed too often."""
    problems: list[tuple[str, str]] = []
    for opening, closing, group in _PAIRS:
        if opening not in text and closing not in text:
            continue
        depth, bad = 0, False
        for ch in text:
            if ch == opening:
                depth += 1
            elif ch == closing:
                depth -= 1
                bad = bad or depth < 0
        if depth > 0:
            problems.append((group, f"{quote(opening)} without a closing {quote(closing)}"))
        elif depth < 0 or bad:
            problems.append((group, f"{quote(closing)} without an opening {quote(opening)}"))
    if text.count('"') % 2:
        problems.append(("quote", "an odd number of '\"' marks"))
    return problems


@register(
    "punctuation",
    severity="warning",
    summary="Chinese punctuation in English, ASCII punctuation between Han characters,"
    " unbalanced brackets or quotes",
    options=PunctuationOptions,
)
def punctuation(seg: Segment, options: PunctuationOptions, env: CheckEnv) -> Iterator[Hit]:
    text = seg.target_plain
    if options.fullwidth_in_english and seg.target_lang == "en":
        marks = "".join(dict.fromkeys(m.group() for m in _FULLWIDTH.finditer(text)))
        if marks:
            yield Hit(f"Chinese punctuation {quote(marks)} in the English target", {"marks": marks})
    if options.ascii_in_chinese and seg.target_lang == "zh":
        found = list(_ASCII_BETWEEN_HAN.finditer(text))
        if found:
            m = found[0]
            context = text[max(0, m.start() - 2) : m.end() + 2]
            yield Hit(
                f"ASCII punctuation between Chinese characters, e.g. {quote(context)}: use"
                " full-width marks",
                {"marks": "".join(dict.fromkeys(f.group().strip() for f in found))},
            )
    if options.brackets:
        source_groups = {group for group, _ in unbalanced(seg.source_plain)}
        for group, problem in unbalanced(text):
            if group not in source_groups:
                yield Hit(f"unbalanced {group}: {problem}", {"group": group})
