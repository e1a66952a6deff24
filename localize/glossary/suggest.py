"""``glossary suggest``: candidate terms from a batch of posts, for review and import.

Candidates come from jieba's TF-IDF keyword extraction over the whole corpus (entities such as
@mentions, URLs and #话题# blanked out first), are counted in one Aho-Corasick pass, and are
dropped when the glossary already has them (or a longer term containing them). The CSV has the
glossary CSV layout (a locale column, empty ``en`` to fill in, ``status``/``domain``/``note``)
plus ``x-`` review columns (count, score, two example contexts) that ``glossary import`` skips.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Iterable
from dataclasses import dataclass, field

import daachorse

from localize.glossary.matcher import fold
from localize.glossary.model import Glossary
from localize.io.csv_cells import EscapingWriter
from localize.text.entities import DEFAULT_KINDS, find_entities
from localize.text.script import detect, is_han

CONTEXT_CHARS = 15


@dataclass
class Suggestion:
    term: str
    locale: str
    count: int
    score: float
    examples: list[str] = field(default_factory=list)


def _blank_entities(text: str) -> str:
    # Same-length blanks keep offsets, so contexts can be cut from the original text.
    pieces, last = [], 0
    for entity in find_entities(text, DEFAULT_KINDS):
        pieces.append(text[last : entity.start])
        pieces.append(" " * (entity.end - entity.start))
        last = entity.end
    pieces.append(text[last:])
    return "".join(pieces)


def _is_candidate(word: str) -> bool:
    word = word.strip()
    if len(word) < 2:
        return False
    if any(is_han(ch) for ch in word):
        return all(is_han(ch) or ch.isalnum() for ch in word)
    # Latin words: proper-noun looking names only (Banff, WestJet), not ordinary words.
    return len(word) >= 3 and word[0].isupper() and word.isalpha()


def suggest_terms(
    texts: Iterable[str],
    glossary: Glossary | None = None,
    *,
    limit: int = 100,
    min_count: int = 2,
) -> list[Suggestion]:
    """Up to ``limit`` candidates seen at least ``min_count`` times, most frequent first."""
    import jieba
    import jieba.analyse

    jieba.setLogLevel(logging.WARNING)
    originals = [t for t in texts if t.strip()]
    if not originals:
        return []
    blanked = [_blank_entities(t) for t in originals]
    corpus = "\n".join(blanked)
    scripts = [detect(t) for t in originals[:500]]
    zh_locale = "zh-Hant" if scripts.count("zh-Hant") > scripts.count("zh-Hans") else "zh-Hans"

    keywords = jieba.analyse.extract_tags(corpus, topK=max(limit * 4, 200), withWeight=True)
    known = "\n".join(fold(t.text) for e in glossary.entries for t in e.terms) if glossary else ""
    scores: dict[str, float] = {}
    for word, weight in keywords:
        if _is_candidate(word) and fold(word) not in known:
            scores[word] = float(weight)
    if not scores:
        return []

    words = list(scores)
    automaton = daachorse.CharwiseDoubleArrayAhoCorasick(
        words, match_kind=daachorse.MATCH_KIND_LEFTMOST_LONGEST
    )
    counts = dict.fromkeys(words, 0)
    examples: dict[str, list[str]] = {w: [] for w in words}
    for original, text in zip(originals, blanked, strict=True):
        seen_here: set[str] = set()
        for start, end, index in automaton.find(text):
            word = words[index]
            # Latin names must stand alone (Banff, not Banffshire).
            if not is_han(word[0]) and (
                (start > 0 and text[start - 1].isalnum())
                or (end < len(text) and text[end].isalnum())
            ):
                continue
            counts[word] += 1
            if word not in seen_here and len(examples[word]) < 2:
                left = original[max(0, start - CONTEXT_CHARS) : start]
                right = original[end : end + CONTEXT_CHARS]
                examples[word].append(f"{left}[{word}]{right}".replace("\n", " "))
                seen_here.add(word)
    out = [
        Suggestion(w, zh_locale if is_han(w[0]) else "en", counts[w], scores[w], examples[w])
        for w in words
        if counts[w] >= min_count
    ]
    out.sort(key=lambda s: (-s.count, -s.score, s.term))
    return out[:limit]


def suggestions_csv(suggestions: list[Suggestion], *, domain: str = "") -> str:
    """CSV in the glossary import layout plus x- review columns."""
    locales = sorted({s.locale for s in suggestions} | {"en"}, key=lambda x: (x != "en", x))
    zh = [loc for loc in locales if loc != "en"] or ["zh-Hans"]
    header = [
        *zh,
        "en",
        "status",
        "domain",
        "note",
        "x-count",
        "x-score",
        "x-example-1",
        "x-example-2",
    ]
    out = io.StringIO()
    writer = EscapingWriter(out)  # escapes formulas: examples are text anyone can post
    writer.writerow(header)
    for s in suggestions:
        row = [s.term if s.locale == loc else "" for loc in zh]
        row.append(s.term if s.locale == "en" else "")
        examples = [*s.examples, "", ""][:2]
        row += ["preferred", domain, "", str(s.count), f"{s.score:.4f}", *examples]
        writer.writerow(row)
    return out.getvalue()
