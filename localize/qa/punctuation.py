"""``punctuation``: the other language's punctuation, and unbalanced brackets and quotes.

Full-width Chinese punctuation in an English target (``，。！？「」``), ASCII punctuation between
Han characters in a Chinese target (``你好,世界``), and brackets or quotes the target leaves
open or closes twice where the source does not. Emoticon codes like ``[哈哈]`` are entities and
never count as brackets.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from operator import or_

import regex

from localize.qa.base import BLANK, CheckEnv, Hit, Segment, quote, register, texts_matching

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


_BRACKETS = frozenset("".join(opening + closing for opening, closing, _ in _PAIRS) + '"')
# Any of _BRACKETS: one stdlib re search (a character class, scanned in C) settles most texts,
# about 5x faster than frozenset.isdisjoint on a string.
_ANY_BRACKET = re.compile("[" + "".join(map(re.escape, sorted(_BRACKETS))) + "]")
# The marks _ASCII_BETWEEN_HAN looks for: a text without any needs no scan.
_ANY_ASCII_MARK = re.compile(r"[,.!?;:]")


def unbalanced(text: str) -> list[tuple[str, str]]:
    """``(group, description)`` of every bracket pair or quote left open or closed too often."""
    problems: list[tuple[str, str]] = []
    # The text's brackets and quotes, in order (one C scan): the pairs are matched on these few
    # characters, not on every character of the text.
    marks = _ANY_BRACKET.findall(text)
    if not marks:
        return problems
    for opening, closing, group in _PAIRS:
        if opening not in marks and closing not in marks:
            continue
        depth, bad = 0, False
        for ch in marks:
            if ch == opening:
                depth += 1
            elif ch == closing:
                depth -= 1
                bad = bad or depth < 0
        if depth > 0:
            problems.append((group, f"{quote(opening)} without a closing {quote(closing)}"))
        elif depth < 0 or bad:
            problems.append((group, f"{quote(closing)} without an opening {quote(opening)}"))
    if marks.count('"') % 2:
        problems.append(("quote", "an odd number of '\"' marks"))
    return problems


def _maybe_misplaced(
    segs: Sequence[Segment], options: PunctuationOptions, env: CheckEnv
) -> list[bool]:
    # punctuation's quick tests over all the plain targets at once; an English target is
    # always looked at.
    targets = [seg.target_plain for seg in segs]
    verdicts = [options.fullwidth_in_english and seg.target_lang == "en" for seg in segs]
    if options.ascii_in_chinese:
        marks = texts_matching(_ANY_ASCII_MARK, targets)
        verdicts = [
            v or (m and s.target_lang == "zh")
            for v, m, s in zip(verdicts, marks, segs, strict=True)
        ]
    if options.brackets:
        verdicts = list(map(or_, verdicts, texts_matching(_ANY_BRACKET, targets)))
    return verdicts


@register(
    "punctuation",
    severity="warning",
    summary="Chinese punctuation in English, ASCII punctuation between Han characters,"
    " unbalanced brackets or quotes",
    options=PunctuationOptions,
    screen=_maybe_misplaced,
)
def punctuation(seg: Segment, options: PunctuationOptions, env: CheckEnv) -> Iterator[Hit]:
    text = seg.target_plain
    if options.fullwidth_in_english and seg.target_lang == "en":
        marks = "".join(dict.fromkeys(m.group() for m in _FULLWIDTH.finditer(text)))
        if marks:
            yield Hit(f"Chinese punctuation {quote(marks)} in the English target", {"marks": marks})
    if (
        options.ascii_in_chinese
        and seg.target_lang == "zh"
        and _ANY_ASCII_MARK.search(text) is not None
    ):
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
        problems = unbalanced(text)
        # The source is looked at only when the target has something to excuse.
        source_groups = {group for group, _ in unbalanced(seg.source_plain)} if problems else set()
        for group, problem in problems:
            if group not in source_groups:
                yield Hit(f"unbalanced {group}: {problem}", {"group": group})


# Sentence-final marks by the sentence type they make, in Chinese and English alike.
_END_TYPES = {
    "?": "question", "？": "question", "﹖": "question",
    "!": "exclamation", "！": "exclamation", "﹗": "exclamation",
    ".": "statement", "。": "statement", "．": "statement", "｡": "statement",
}  # fmt: skip
# What may follow the final mark: closing quotes and brackets, blanked entities (emoji,
# emoticons, hashtags, links), spaces and invisible padding.
_TRAILING = f" \t\n\r\u3000{BLANK}\u200b\u200d\ufe0f」』”’\"')）]】》〉~～"
_ELLIPSIS = ("…", "...", "⋯")
_MARKS = "?？﹖!！﹗.。．｡"


def sentence_type(text: str) -> str | None:
    """The type its final mark gives a text: question, exclamation, statement; None if unmarked.

    ``?!`` and ``！？`` are questions; a trailing ellipsis leaves the type open (None).
    """
    body = text.rstrip(_TRAILING)
    if not body or body.endswith(_ELLIPSIS):
        return None
    last = _END_TYPES.get(body[-1])
    if last is None or len(body) == 1 or body[-2] not in _END_TYPES:
        return last  # no final mark, or one: the usual case, settled without a set
    marks = body[len(body.rstrip(_MARKS)) :]
    kinds = {_END_TYPES[ch] for ch in marks}
    if "question" in kinds:
        return "question"
    return "exclamation" if "exclamation" in kinds else "statement"


@dataclass
class SentenceTypeOptions:
    # Also report an exclamation that became a statement or the reverse (a change of tone that
    # translators often make on purpose); a question that lost or gained its "?" always counts.
    exclamation: bool = False


def _maybe_changed_type(
    segs: Sequence[Segment], options: SentenceTypeOptions, env: CheckEnv
) -> list[bool]:
    return [sentence_type(s.source_plain) != sentence_type(s.target_plain) for s in segs]


@register(
    "sentence_type",
    severity="error",
    summary="the final punctuation turns a question into a statement or the reverse"
    " (？ -> . or . -> ?)",
    options=SentenceTypeOptions,
    screen=_maybe_changed_type,
)
def sentence_type_changed(
    seg: Segment, options: SentenceTypeOptions, env: CheckEnv
) -> Iterator[Hit]:
    source, target = sentence_type(seg.source_plain), sentence_type(seg.target_plain)
    if source is None or target is None or source == target:
        return
    if "question" not in (source, target) and not options.exclamation:
        return
    yield Hit(
        f"the source ends as a {source}, the target as a {target}: check the final punctuation"
        f" ({quote(_final_mark(seg.source_plain))} -> {quote(_final_mark(seg.target_plain))})",
        {"source": source, "target": target},
    )


def _final_mark(text: str) -> str:
    body = text.rstrip(_TRAILING)
    return body[-1:] if body else ""
