"""``glossary suggest``: candidate terms from a batch of posts, for review and import.

A candidate is a word as jieba segments it, never a substring across word boundaries:

- each post is segmented with part-of-speech tags (entities such as @mentions, URLs and #话题#
  blanked out first; the glossary's own terms added as words, so they come out whole and are
  then left out as known);
- names and proper nouns (``nr``, ``ns``, ``nt``, ``nz``, ``nrt``, ``nrfg``, abbreviations
  ``j``, capitalised Latin words) are candidates; common nouns only when general Chinese rarely
  uses them (IDF at least :data:`RARE_IDF`), which keeps 手机 and 朋友 out and 枫叶 in;
- a word jieba did not know (found by its HMM) must be segmented whole in at least
  :data:`WHOLE_SHARE` of the places its characters occur, which drops fragments such as 位送
  or 节是 that only look like words where two words meet.

The score is TF-IDF against jieba's IDF table: ``score = count * idf``, where ``count`` is how
often the word was segmented in the corpus and ``idf`` its inverse document frequency in
jieba's reference corpus (words it lacks get the table's median). Frequent here and rare in
general Chinese ranks first. The CSV has the glossary CSV layout (a locale column, empty ``en``
and ``status`` for the reviewer to fill in) plus ``x-`` review columns that ``glossary import``
skips: count, idf, score and two contexts with the word marked ``⟦…⟧`` (brackets that do not
occur in posts, unlike ``[…]``, which is Weibo's emoticon syntax).
"""

from __future__ import annotations

import io
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from localize.glossary.matcher import fold, fold_script
from localize.glossary.model import Glossary
from localize.io.csv_cells import EscapingWriter
from localize.text.entities import DEFAULT_KINDS, find_entities
from localize.text.script import detect, is_han

CONTEXT_CHARS = 15
MARK_OPEN, MARK_CLOSE = "⟦", "⟧"
# Place, organisation, other proper noun, transliterated and foreign names, abbreviations:
# candidates unless general Chinese uses them all the time (jieba files 东西 and 美丽 under ns).
PROPER_TAGS = frozenset({"ns", "nsf", "nt", "nz", "nrt", "nrfg", "j", "eng"})
COMMON_IDF = 7.5
# Other nouns (and ``nr``, which jieba's dictionary gives to 谢谢 and 明白): only when rare in
# general Chinese. jieba's IDF table: median 11.95; 手机 6.6, 朋友 6.1, 枫叶 10.3.
NOUN_TAGS = frozenset({"n", "nr", "nl", "ng", "vn"})
RARE_IDF = 10.0
WHOLE_SHARE = 0.8


@dataclass
class Suggestion:
    term: str
    locale: str
    count: int
    score: float
    idf: float = 0.0
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


def _tokenizer(glossary: Glossary | None) -> tuple[Any, dict[str, str]]:
    """The ground floor's jieba tokenizer with the glossary's Chinese terms as words (so they
    come out whole, and are then left out as known), and jieba's part-of-speech table.
    Segmentation runs with the HMM (so unknown names come out whole); tags come from the
    dictionary, since tagging unknown words with ``jieba.posseg``'s HMM is 10x slower and they
    are judged by :func:`_whole_name` instead."""
    import jieba
    import jieba.posseg

    from localize.text.segmenter import tokenizer

    words = sorted(
        {
            (term.text, None, None)
            for entry in (glossary.entries if glossary is not None else [])
            for term in entry.terms
            if any(is_han(ch) for ch in term.text)
        }
    )
    pos = jieba.posseg.dt
    if not pos.word_tag_tab:
        pos.load_word_tag(jieba.get_dict_file())
    return tokenizer(words=words).jieba, pos.word_tag_tab


def _pos_tagger(tokenizer: Any) -> Any:
    import jieba.posseg

    return jieba.posseg.POSTokenizer(tokenizer)


def _whole_name(word: str, count: int, corpus: str, tagger: Any) -> bool:
    """For a word jieba's dictionary lacks (its HMM joined the characters): it comes out whole
    in at least :data:`WHOLE_SHARE` of the places its characters occur (not a fragment where
    two words meet, like 位送), and tagged on its own it is one noun or name (杨素晗 ``nr``),
    not a verb and a particle (投给, 做个)."""
    if count < WHOLE_SHARE * corpus.count(word):
        return False
    pairs = list(tagger.cut(word))
    return len(pairs) == 1 and pairs[0].flag.startswith("n")


def _idf_table() -> tuple[dict[str, float], float]:
    import jieba.analyse

    loader = jieba.analyse.default_tfidf.idf_loader
    return loader.idf_freq, float(loader.median_idf)


def _may_be_term(word: str, tag: str | None, idf: float) -> bool:
    """Whether a segmented word may be a glossary term (see the module docstring); ``tag`` is
    None for a word jieba's dictionary lacks."""
    if len(word) < 2 or not word.strip() or len(set(word)) == 1:  # 哈哈哈, 啊啊啊
        return False
    if not any(is_han(ch) for ch in word):
        # Latin words: proper-noun looking names only (Banff, WestJet), not ordinary words.
        return len(word) >= 3 and word[0].isupper() and word.isalpha()
    if not all(is_han(ch) or ch.isalnum() for ch in word):
        return False
    if tag is None:
        return True  # judged by how often it comes out whole
    if tag in PROPER_TAGS:
        return idf >= COMMON_IDF
    return tag in NOUN_TAGS and idf >= RARE_IDF


def suggest_terms(
    texts: Iterable[str],
    glossary: Glossary | None = None,
    *,
    limit: int = 100,
    min_count: int = 2,
) -> list[Suggestion]:
    """Up to ``limit`` candidates seen at least ``min_count`` times, highest score first."""
    originals = [t for t in texts if t.strip()]
    if not originals:
        return []
    blanked = [_blank_entities(t) for t in originals]
    scripts = [detect(t) for t in originals[:500]]
    zh_locale = "zh-Hant" if scripts.count("zh-Hant") > scripts.count("zh-Hans") else "zh-Hans"
    known = {fold(t.text) for e in glossary.entries for t in e.terms} if glossary else set()
    tokenizer, tags = _tokenizer(glossary)
    tagger = _pos_tagger(tokenizer)
    idf_freq, median_idf = _idf_table()

    counts: Counter[str] = Counter()
    spelling: dict[str, str] = {}  # folded word -> how the corpus first wrote it
    places: dict[str, list[tuple[int, int]]] = {}
    folded_texts = [fold_script(t) for t in blanked]  # one for one: offsets unchanged
    for number, text in enumerate(folded_texts):
        # Traditional text is segmented in its Simplified folding (jieba's dictionary is
        # Simplified); 這樣 and 这样 are one word.
        for word, start, end in tokenizer.tokenize(text, HMM=True):
            idf = idf_freq.get(word, median_idf)
            tag = tags.get(word) if tokenizer.FREQ.get(word) else None
            if fold(word) in known or not _may_be_term(word, tag, idf):
                continue
            counts[word] += 1
            spelling.setdefault(word, originals[number][start:end])
            if len(places.setdefault(word, [])) < 2 and all(p[0] != number for p in places[word]):
                places[word].append((number, start))

    corpus = "\n".join(folded_texts)
    out = []
    for word, count in counts.items():
        if count < min_count:
            continue
        unknown_han = is_han(word[0]) and not tokenizer.FREQ.get(word)
        if unknown_han and not _whole_name(word, count, corpus, tagger):
            continue
        idf = idf_freq.get(word, median_idf)
        term = spelling[word]
        examples = [_context(originals[n], start, term) for n, start in places[word]]
        locale = zh_locale if is_han(word[0]) else "en"
        out.append(Suggestion(term, locale, count, count * idf, idf, examples))
    out.sort(key=lambda s: (-s.score, -s.count, s.term))
    return out[:limit]


def _context(text: str, start: int, word: str) -> str:
    end = start + len(word)
    left = text[max(0, start - CONTEXT_CHARS) : start]
    right = text[end : end + CONTEXT_CHARS]
    return f"{left}{MARK_OPEN}{word}{MARK_CLOSE}{right}".replace("\n", " ")


def suggestions_csv(suggestions: list[Suggestion], *, domain: str = "") -> str:
    """CSV in the glossary import layout (``status`` left empty for the reviewer) plus x-
    review columns."""
    locales = sorted({s.locale for s in suggestions} | {"en"}, key=lambda x: (x != "en", x))
    zh = [loc for loc in locales if loc != "en"] or ["zh-Hans"]
    header = [
        *zh,
        "en",
        "status",
        "domain",
        "note",
        "x-count",
        "x-idf",
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
        row += ["", domain, "", str(s.count), f"{s.idf:.2f}", f"{s.score:.1f}", *examples]
        writer.writerow(row)
    return out.getvalue()
