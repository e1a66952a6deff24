"""jieba's HMM for words its dictionary lacks (``jieba.finalseg.cut``), replicated for speed.

The ``segment`` step gives every run of single characters on jieba's dictionary route to this
HMM, and jieba's own ``finalseg`` spent ~40% of the step: its Viterbi builds a dict per
character, a list of candidate tuples per state and a copy of the whole path per state. The
model is fixed (four states, each reached from two others), so here the four scores are locals,
each state's two candidates are compared inline and the path is kept as back-pointers. The
arithmetic is jieba's, in the same order (``previous + transition + emission``), and a tie goes
where jieba's ``max`` over ``(score, state)`` tuples sends it (the later letter), so the cut is
the same token for token; tests hold it to ``jieba.finalseg.cut``. jieba 0.42.1 is frozen
upstream, and the model is read from jieba's own tables, never copied.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

# jieba.finalseg's re_han and re_skip: Han runs go to the HMM, the rest is split into runs of
# letters and digits (a decimal and a percent sign kept with them) and what lies between.
_HAN = re.compile("([\u4e00-\u9fd5]+)")
_ALL_HAN = re.compile("[\u4e00-\u9fd5]+")
_SKIP = re.compile(r"([a-zA-Z0-9]+(?:\.\d+)?%?)")

# States by index: B(egin), M(iddle), S(ingle), E(nd) of a word.
_B, _M, _S, _E = 0, 1, 2, 3


@cache
def _model() -> tuple[Any, tuple[float, ...], tuple[float, ...], dict[str, tuple[float, ...]]]:
    """jieba's finalseg module; its start scores and the eight transitions it allows, by state
    index; and each character's four emission scores (``MIN_FLOAT`` where jieba has none, and
    for a character it has none for, under ``""``)."""
    from jieba import finalseg

    start, trans, emit = finalseg.start_P, finalseg.trans_P, finalseg.emit_P
    starts = tuple(start[s] for s in "BMSE")
    # The transitions jieba's Viterbi reads (PrevStatus): into B from E or S, into M from M or
    # B, into S from S or E, into E from B or M; all eight are in its table.
    moves = (
        trans["E"]["B"],
        trans["S"]["B"],
        trans["M"]["M"],
        trans["B"]["M"],
        trans["S"]["S"],
        trans["E"]["S"],
        trans["B"]["E"],
        trans["M"]["E"],
    )
    unseen = finalseg.MIN_FLOAT
    chars = set().union(*(emit[s] for s in "BMSE"))
    emissions = {c: tuple(emit[s].get(c, unseen) for s in "BMSE") for c in chars}
    emissions[""] = (unseen,) * 4
    return finalseg, starts, moves, emissions


def load_model() -> None:
    """Load the HMM now rather than on the first unknown word (a forking command does it once
    for all its workers)."""
    _model()


def cut(text: str, tokens: list[str]) -> None:
    """Append ``jieba.finalseg.cut(text)``'s tokens to ``tokens``."""
    force_split = _model()[0].Force_Split_Words  # words added to jieba with frequency 0
    if _ALL_HAN.fullmatch(text):  # most runs: one Han block, nothing to split off
        _append_words(text, tokens, force_split)
        return
    # One group in the pattern: the pieces alternate, text between Han blocks, then a block.
    for i, block in enumerate(_HAN.split(text)):
        if i & 1:
            _append_words(block, tokens, force_split)
        elif block:
            tokens.extend(piece for piece in _SKIP.split(block) if piece)


def _append_words(block: str, tokens: list[str], force_split: set[str]) -> None:
    if not force_split:  # nearly always: no word was added to jieba with frequency 0
        tokens += _words(block)
        return
    for word in _words(block):
        if word in force_split:
            tokens.extend(word)
        else:
            tokens.append(word)


def _words(block: str) -> list[str]:
    """jieba.finalseg's ``__cut``: the words of a run of Han characters, by the best path."""
    states = _best_path(block)
    words: list[str] = []
    begin = after = 0
    for i, state in enumerate(states):
        if state == _B:
            begin = i
        elif state == _E:
            words.append(block[begin : i + 1])
            after = i + 1
        elif state == _S:
            words.append(block[i])
            after = i + 1
    if after < len(block):
        words.append(block[after:])
    return words


def _best_path(block: str) -> list[int]:
    """jieba.finalseg's ``viterbi``: the state of each character on the best path."""
    _, starts, moves, emissions = _model()
    e_to_b, s_to_b, m_to_m, b_to_m, s_to_s, e_to_s, b_to_e, m_to_e = moves
    unseen = emissions[""]
    e = emissions.get(block[0], unseen)
    b, m, s, en = starts[0] + e[0], starts[1] + e[1], starts[2] + e[2], starts[3] + e[3]
    # back[t][state]: the state before it at t on the best path to it. jieba takes the max of
    # (score, state) tuples, so a tie goes to the later letter: S over E, M over B.
    back: list[tuple[int, int, int, int]] = []
    for char in block[1:]:
        eb, em, es, ee = emissions.get(char, unseen)
        b_from_e, b_from_s = en + e_to_b + eb, s + s_to_b + eb
        into_b, before_b = (b_from_e, _E) if b_from_e > b_from_s else (b_from_s, _S)
        m_from_m, m_from_b = m + m_to_m + em, b + b_to_m + em
        into_m, before_m = (m_from_b, _B) if m_from_b > m_from_m else (m_from_m, _M)
        s_from_s, s_from_e = s + s_to_s + es, en + e_to_s + es
        into_s, before_s = (s_from_e, _E) if s_from_e > s_from_s else (s_from_s, _S)
        e_from_b, e_from_m = b + b_to_e + ee, m + m_to_e + ee
        into_e, before_e = (e_from_b, _B) if e_from_b > e_from_m else (e_from_m, _M)
        back.append((before_b, before_m, before_s, before_e))
        b, m, s, en = into_b, into_m, into_s, into_e
    state = _E if en > s else _S  # the path ends a word: E or S, S on a tie
    states = [state] * len(block)
    for t in range(len(block) - 1, 0, -1):
        state = back[t - 1][state]
        states[t - 1] = state
    return states
