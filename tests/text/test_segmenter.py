from __future__ import annotations

import jieba

from localize.text.segmenter import Tokenizer, segment_text, tokenizer


def test_placeholders_are_whole_tokens_even_next_to_digits() -> None:
    assert segment_text("XQ1QX2027年XQ2QX去") == ["XQ1QX", "2027", "年", "XQ2QX", "去"]


def test_tokens_join_back_to_the_text() -> None:
    text = "从温哥华飞往多伦多只要4个半小时， 真快！"
    assert "".join(segment_text(text)) == text


def test_words_stay_in_their_own_tokenizer() -> None:
    lake = tokenizer(words=[("露易丝湖", None, "ns")])
    assert "露易丝湖" in lake.cut("落基山脉的露易丝湖", hmm=False)
    assert "露易丝湖" not in segment_text("落基山脉的露易丝湖", hmm=False)
    assert "露易丝湖" not in jieba.dt.FREQ  # jieba's process-wide tokenizer is never written


def test_same_words_share_one_tokenizer_and_identity_names_them() -> None:
    words = [("露易丝湖", None, "ns")]
    assert tokenizer(words=words) is tokenizer(words=list(words))
    assert Tokenizer().identity == ""
    assert Tokenizer(words=words).identity == Tokenizer(words=words).identity != ""
    assert Tokenizer(words=words).identity != Tokenizer(words=[("基山", None, None)]).identity


def test_words_with_spaces_are_left_out() -> None:
    # jieba never matches a user word with a space in it.
    assert Tokenizer(words=[("Lake Louise", None, None), ("露易丝湖", 5, None)]).words == (
        ("露易丝湖", 5, None),
    )
