from __future__ import annotations

from localize.mt.rescue import Unit, translatable, translate_units
from localize.text.placeholders import PlaceholderForm

INTERNAL = PlaceholderForm("XQ{n}QX")


def _upper(*, lose: str = "", nbest: int = 1) -> tuple[list[list[str]], object]:
    calls: list[list[str]] = []

    def translate(texts: list[str]) -> list[list[str]]:
        calls.append(texts)
        # The first hypotheses drop `lose`; the last keeps everything.
        return [[t.replace(lose, "").upper()] * (nbest - 1) + [t.upper()] for t in texts]

    return calls, translate


def test_n_best_keeps_the_placeholders() -> None:
    calls, translate = _upper(lose="XQ1QX", nbest=2)
    unit = Unit("see XQ1QX now")
    translate_units([unit], INTERNAL, translate, spaced=True)  # type: ignore[arg-type]
    assert unit.out == "SEE XQ1QX NOW" and not unit.unmasked and not unit.segmented
    assert len(calls) == 1


def test_a_lost_term_is_translated_unmasked_and_recorded() -> None:
    def translate(texts: list[str]) -> list[list[str]]:
        return [[t.replace("XQ2QX", "").upper()] for t in texts]

    unit = Unit("go to XQ2QX", terms={"XQ2QX": "banff"})
    translate_units([unit], INTERNAL, translate, spaced=True)
    assert unit.out == "GO TO BANFF" and unit.unmasked == ["XQ2QX"]


def test_a_lost_entity_stays_in_place_and_the_text_around_it_is_translated() -> None:
    def translate(texts: list[str]) -> list[list[str]]:
        return [[t.replace("XQ3QX", "").upper()] for t in texts]

    unit = Unit("hi XQ3QX there")
    translate_units([unit], INTERNAL, translate, spaced=True)
    assert unit.out == "HI XQ3QX THERE" and unit.segmented


def test_nothing_to_translate_is_not_sent() -> None:
    calls, translate = _upper()
    unit = Unit("XQ1QX！")
    translate_units([unit], INTERNAL, translate, spaced=False)  # type: ignore[arg-type]
    assert unit.out == "XQ1QX！" and calls == []
    assert not translatable(" XQ1QX ，") and translatable("XQ1QX a")
