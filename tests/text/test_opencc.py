from __future__ import annotations

from localize.text.opencc import CONFIGS, convert_text, converter


def test_nul_characters_do_not_cut_the_text() -> None:
    # OpenCC's binding takes a C string: without the split everything after NUL would be lost.
    assert convert_text("头发\x00后来", "s2t") == "頭髮\x00後來"


def test_one_converter_per_config() -> None:
    assert converter("s2t") is converter("s2t")
    assert converter("s2t") is not converter("t2s")


def test_convert_many_keeps_texts_apart() -> None:
    texts = ["多伦多", "只要", "", "头发\ue000后来", "后"]
    assert converter("s2t").convert_many(texts) == [convert_text(t, "s2t") for t in texts]


def test_every_config_names_its_output_locale() -> None:
    assert CONFIGS["s2twp"] == "zh-Hant-TW" and CONFIGS["hk2s"] == "zh-Hans"
