"""The internal mask survives every step it has to pass through (and Argos's `_` trap)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from localize.text.opencc import CONFIGS, convert_text
from localize.text.placeholders import PLACEHOLDER_RE, make_placeholder
from localize.text.segmenter import segment_text

TATOEBA = Path(__file__).resolve().parents[1] / "data" / "tatoeba" / "cmn-eng.txt"
TEXT = f"我在{make_placeholder(1)}看到{make_placeholder(12)}和{make_placeholder(305)}2027年"


def test_shape() -> None:
    assert make_placeholder(7) == "XQ7QX"
    assert "_" not in make_placeholder(123)  # Argos decoding turns "_" into a space
    assert PLACEHOLDER_RE.fullmatch("XQ42QX")


@pytest.mark.parametrize("config", sorted(CONFIGS))
def test_survives_every_opencc_config(config: str) -> None:
    assert PLACEHOLDER_RE.findall(convert_text(TEXT, config)) == ["1", "12", "305"]


def test_survives_jieba_as_whole_tokens() -> None:
    tokens = segment_text(TEXT)
    assert [t for t in tokens if PLACEHOLDER_RE.fullmatch(t)] == ["XQ1QX", "XQ12QX", "XQ305QX"]


def test_survives_a_sentencepiece_round_trip(tmp_path: Path) -> None:
    # A tokenizer trained the way Argos's are (unigram, default nmt_nfkc normalization) on
    # ordinary English and Chinese text. Real training corpora hold every Latin letter and
    # digit; Tatoeba's shortest 1,000 lines happen to lack X and Q, so a pangram adds them.
    spm = pytest.importorskip("sentencepiece")
    lines = ["THE QUICK BROWN FOX JUMPS OVER THE LAZY DOG, 0123456789 times."]
    for line in TATOEBA.read_text(encoding="utf-8-sig").splitlines():
        lines.extend(line.split("\t")[:2])
    model = io.BytesIO()
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(lines),
        model_writer=model,
        vocab_size=1500,
        character_coverage=1.0,
        minloglevel=2,
    )
    sp = spm.SentencePieceProcessor(model_proto=model.getvalue())
    pieces = sp.encode(TEXT, out_type=str)
    assert sp.unk_id() not in sp.encode(TEXT)
    assert PLACEHOLDER_RE.findall(sp.decode(pieces)) == ["1", "12", "305"]
