"""Encodings: byte-order marks, GBK/GB18030 files, and errors that name the encoding to try."""

from __future__ import annotations

import pytest

from localize.errors import GlossaryError, InputError
from localize.text.encodings import bom_encoding, check_utf8_sample, decode, guess_encoding

ROWS = "id,content\n1,从温哥华飞往多伦多\n2,去蒙特利尔看枫叶\n3,尼亚加拉瀑布\n"


@pytest.mark.parametrize(
    ("codec", "name"),
    [("utf-8-sig", "utf-8-sig"), ("utf-16-le", None), ("utf-16", "utf-16"), ("utf-32", "utf-32")],
)
def test_bom_detection(codec: str, name: str | None) -> None:
    assert bom_encoding(ROWS.encode(codec)) == name


@pytest.mark.parametrize("codec", ["utf-8", "utf-8-sig", "utf-16", "utf-32"])
def test_decode_follows_the_bom(codec: str) -> None:
    assert decode(ROWS.encode(codec), "g.csv") == ROWS


def test_a_gbk_file_is_one_error_that_names_gb18030() -> None:
    with pytest.raises(InputError) as err:
        check_utf8_sample(ROWS.encode("gbk"), "posts.csv")
    assert (err.value.path, err.value.line) == ("posts.csv", 2)
    assert err.value.message == (
        "not UTF-8: 3 of the first 3 lines with non-ASCII text do not decode"
    )
    assert err.value.hint == (
        "It decodes as GB18030: pass --encoding gb18030 (or save it as UTF-8)."
    )


def test_a_utf8_file_with_one_bad_line_passes_the_sample_check() -> None:
    data = ROWS.encode("utf-8") + "4,坏行\n".encode("gbk") + "5,好\n".encode()
    check_utf8_sample(data, "posts.csv")  # the bad line is rejected on its own later


def test_a_cut_character_at_the_end_of_the_sample_is_not_an_error() -> None:
    check_utf8_sample("长".encode() * 10 + "长".encode()[:2], "big.jsonl")


def test_decode_with_the_wrong_encoding_names_the_line_and_a_guess() -> None:
    with pytest.raises(GlossaryError) as err:
        decode(ROWS.encode("gb18030"), "g.csv", error=GlossaryError)
    assert err.value.line == 2
    assert "pass --encoding gb18030" in str(err.value)
    assert decode(ROWS.encode("gb18030"), "g.csv", "gb18030") == ROWS


def test_unknown_encoding_is_a_clear_error() -> None:
    with pytest.raises(InputError, match="unknown encoding 'gbk2'"):
        decode(b"x", "g.csv", "gbk2")


def test_guess_prefers_gb18030_and_knows_big5() -> None:
    assert guess_encoding("蒙特利尔\n".encode("gb18030")) == "gb18030"
    assert guess_encoding(b"\xff\xff\xff\n") is None
