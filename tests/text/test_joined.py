"""texts_with_matches: which texts of a batch hold a match, from one scan of them joined."""

from __future__ import annotations

import re

from localize.text.joined import texts_with_matches


def _starts(joined: str) -> list[int]:
    return [m.start() for m in re.finditer("ab", joined)]


def test_matches_are_dealt_to_the_texts_they_fall_in() -> None:
    texts = ["xab", "", "ab", "a", "b", "zzab"]
    assert texts_with_matches(_starts, texts, "|") == [True, False, True, False, False, True]


def test_a_longer_separator_shifts_every_later_text_by_its_length() -> None:
    texts = ["ab", "c", "", "cab"]
    assert texts_with_matches(_starts, texts, "---") == [True, False, False, True]


def test_one_text_is_scanned_alone() -> None:
    assert texts_with_matches(_starts, ["xxab"], "|") == [True]
    assert texts_with_matches(_starts, ["a"], "|") == [False]
