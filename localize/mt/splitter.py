"""Sentence splitting for MT, for Chinese and English, with no model and no network.

Argos's own splitter (MiniSBD) downloads an ONNX model on first use; stanza and spaCy need torch
or the network. A translation model only needs pieces of a sensible length that end where a
sentence ends, and rule-based splitting is enough for that:

- Chinese: after 。！？!? and ellipses (……, ...), with any closing quotes or brackets that follow.
- English: after . ! ? (plus closing quotes/brackets) followed by whitespace and a capital, digit,
  quote or CJK character, except after common abbreviations and single initials.
- Both: every line break ends a sentence. A sentence longer than ``max_chars`` is cut further at
  clause punctuation (；;，,：:), then at whitespace, so no piece outruns the model's input limit.

``split`` returns :class:`Piece` objects whose ``text`` and ``sep`` concatenate back to the input,
so the caller decides how to join translations (no space between Chinese sentences, one space
between English ones, line breaks kept).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from localize.text.locales import is_chinese

MAX_CHARS = 300

_CLOSERS = "\"'”’」』）)】〕》〉]"
_CLOSE_RUN = "[" + re.escape(_CLOSERS) + "]*"
_ZH_END = re.compile(r"(?:[。！？!?]+|……+|…+|\.{3,})" + _CLOSE_RUN)
_EN_END = re.compile(r"[.!?]+" + _CLOSE_RUN + r"(?=\s+[\"'“‘(\[A-Z0-9\u4e00-\u9fff])")
# Abbreviations after which a period does not end an English sentence.
_ABBREV = {
    "mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "mt", "ft", "vs", "etc", "e.g", "i.e",
    "no", "vol", "fig", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct",
    "nov", "dec", "approx", "dept", "est", "inc", "ltd", "co", "corp", "u.s", "u.k", "a.m", "p.m",
}  # fmt: skip
_CLAUSE = re.compile(r"[；;，,：:、]\s*")


@dataclass(frozen=True)
class Piece:
    """One sentence and the whitespace that followed it in the source."""

    text: str
    sep: str = ""


def _is_zh(lang: str) -> bool:
    return is_chinese(lang)  # our locales and Argos's codes (zh, zt) alike


def _en_boundary_ok(text: str, end: int) -> bool:
    """False when the period before ``end`` belongs to an abbreviation or an initial."""
    dot = text.rfind(".", 0, end)
    if dot < 0 or text[dot + 1 : end].strip(_CLOSERS + "!?"):
        return True  # ended by ! or ?
    word = re.search(r"([A-Za-z][A-Za-z.]*)\.$", text[: dot + 1])
    if not word:
        return True
    w = word.group(1).lower()
    return not (w in _ABBREV or (len(w) == 1 and w.isalpha() and word.group(1).isupper()))


def _sentence_ends(line: str, zh: bool) -> list[int]:
    ends: list[int] = []
    if zh:
        # Chinese text also contains English sentences ("OK. 我们走吧"), so use both rule sets.
        ends.extend(m.end() for m in _ZH_END.finditer(line))
    ends.extend(m.end() for m in _EN_END.finditer(line) if _en_boundary_ok(line, m.end()))
    return sorted(set(e for e in ends if 0 < e < len(line)))


def _cut_long(sentence: str, max_chars: int) -> list[str]:
    if len(sentence) <= max_chars:
        return [sentence]
    out: list[str] = []
    rest = sentence
    while len(rest) > max_chars:
        window = rest[:max_chars]
        cut = max((m.end() for m in _CLAUSE.finditer(window)), default=0)
        if cut < max_chars // 3:
            space = window.rfind(" ")
            cut = space + 1 if space > max_chars // 3 else max_chars
        out.append(rest[:cut])
        rest = rest[cut:]
    if rest:
        out.append(rest)
    return out


def split(text: str, lang: str, *, max_chars: int = MAX_CHARS) -> list[Piece]:
    """Split ``text`` into sentences; ``"".join(p.text + p.sep for p in pieces) == text``."""
    zh = _is_zh(lang)
    pieces: list[Piece] = []
    lead = re.match(r"\s*", text)
    assert lead is not None
    if lead.end():
        # Leading whitespace belongs to no sentence; keep it as an empty piece's separator.
        pieces.append(Piece("", lead.group()))
    pos = lead.end()
    for line_match in re.finditer(r"[^\n]*\n*", text[pos:]):
        chunk = line_match.group()
        if not chunk:
            continue
        line = chunk.rstrip("\n")
        newlines = chunk[len(line) :]
        start = 0
        bounds = [*_sentence_ends(line, zh), len(line)]
        for end in bounds:
            segment = line[start:end]
            start = end
            body = segment.rstrip()
            trail = segment[len(body) :]
            body_lead = len(body) - len(body.lstrip())
            if body_lead:
                # Whitespace before a sentence goes to the previous piece's separator.
                if pieces:
                    last = pieces[-1]
                    pieces[-1] = Piece(last.text, last.sep + body[:body_lead])
                else:
                    pieces.append(Piece("", body[:body_lead]))
                body = body[body_lead:]
            if not body:
                if pieces:
                    last = pieces[-1]
                    pieces[-1] = Piece(last.text, last.sep + trail)
                elif trail:
                    pieces.append(Piece("", trail))
                continue
            parts = _cut_long(body, max_chars)
            for part in parts[:-1]:
                stripped = part.rstrip()
                pieces.append(Piece(stripped, part[len(stripped) :]))
            pieces.append(Piece(parts[-1], trail))
        if newlines:
            if pieces:
                last = pieces[-1]
                pieces[-1] = Piece(last.text, last.sep + newlines)
            else:
                pieces.append(Piece("", newlines))
    return pieces


def sentences(text: str, lang: str, *, max_chars: int = MAX_CHARS) -> list[str]:
    """Just the sentence texts (no separators, no empty pieces)."""
    return [p.text for p in split(text, lang, max_chars=max_chars) if p.text]


def join(pieces: list[tuple[str, str]], target: str = "") -> str:
    """Join translated sentences by the characters at each boundary, whatever the target.

    Line breaks are kept as they were. Between sentences on one line: a space where both sides
    are Latin script (``town. Try``, ``2027. IELTS``), nothing where either side is Chinese
    (``你好。再见。``); an ASCII ``.!?`` that a Chinese sentence ends with before another
    Chinese sentence becomes its full-width form (``溫哥華。經濟艙``, not ``溫哥華.經濟艙``).
    ``target`` is unused and kept for callers.
    """
    return "".join(s + sep for s, sep in join_parts(pieces))


def join_parts(pieces: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Each translated sentence as :func:`join` writes it, with the separator after it, so
    ``"".join(s + sep)`` is the joined text (``translate`` keeps them as the post's segments)."""
    out: list[tuple[str, str]] = []
    for i, (sentence, sep) in enumerate(pieces):
        last = i == len(pieces) - 1
        if "\n" in sep or last or not sentence:
            out.append((sentence, sep))
            continue
        following = next((s for s, _ in pieces[i + 1 :] if s), "")
        out.append((_fit(sentence, following), _gap(sentence, following)))
    return out


_FULL_WIDTH = {".": "。", "!": "！", "?": "？"}


def _cjk(char: str) -> bool:
    return "\u2e80" <= char <= "\u9fff" or "\uf900" <= char <= "\uffef"


def _fit(sentence: str, following: str) -> str:
    # 溫哥華. + 經濟艙 -> 溫哥華。 (only a single ASCII stop right after a Chinese character)
    if (
        len(sentence) >= 2
        and sentence[-1] in _FULL_WIDTH
        and _cjk(sentence[-2])
        and following[:1]
        and _cjk(following[0])
    ):
        return sentence[:-1] + _FULL_WIDTH[sentence[-1]]
    return sentence


def _gap(sentence: str, following: str) -> str:
    if not following:
        return ""
    return "" if _cjk(sentence[-1]) or _cjk(following[0]) else " "
