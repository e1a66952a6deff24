from __future__ import annotations

import pytest

from localize.errors import ModelError
from localize.mt.masking import PlaceholderForm, choose_form


def test_internal_form_is_chosen_when_it_survives() -> None:
    form = choose_form(lambda text: text)
    assert form.is_internal
    assert form.to_model("a XQ3QX b") == "a XQ3QX b"


def test_next_form_when_the_tokenizer_breaks_the_internal_one() -> None:
    # A tokenizer that lower-cases "Q" (a vocabulary without it) breaks XQ..QX and QX..XQ.
    form = choose_form(lambda text: text.replace("Q", "q"))
    assert form.template == "ZZ{n}ZZ"
    assert form.to_model("前XQ3QX后XQ12QX") == "前ZZ3ZZ后ZZ12ZZ"
    assert form.from_model("after ZZ12ZZ and ZZ3ZZ") == "after XQ12QX and XQ3QX"
    assert form.count("ZZ3ZZ ZZ3ZZ ZZ4ZZ") == {"3": 2, "4": 1}
    assert form.remove("a ZZ7ZZ b") == "a  b"


def test_unknown_pieces_disqualify_a_form() -> None:
    # None = the encoding contained <unk>.
    form = choose_form(lambda text: None if "X" in text or "Z" in text else text)
    assert form.template == "<{n}>"


def test_braces_form_escapes() -> None:
    form = PlaceholderForm("{{{n}}}")
    assert form.make(5) == "{5}"
    assert form.from_model("a {5} b") == "a XQ5QX b"


def test_no_form_survives() -> None:
    with pytest.raises(ModelError, match="no placeholder form survives the tokenizer of m1"):
        choose_form(lambda text: "", model="m1")


def test_no_candidate_contains_an_underscore() -> None:
    from localize.mt.masking import CANDIDATES

    assert not any("_" in c for c in CANDIDATES)
