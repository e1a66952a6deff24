"""The Tatoeba English-Mandarin sample that ships with the package (CC BY 2.0 FR, see
``data/tatoeba/README.md``): training text for the tokenizers of generated test models, and
sentences for tests and benchmarks. Read from the installed package, never from ``tests/``."""

from __future__ import annotations

from pathlib import Path

TATOEBA = Path(__file__).resolve().parent / "data" / "tatoeba" / "cmn-eng.txt"


def tatoeba_pairs() -> list[tuple[str, str]]:
    """(English, Simplified Chinese) pairs, 1,000 of them."""
    pairs = []
    for line in TATOEBA.read_text("utf-8-sig").splitlines():
        en, zh, _ = line.split("\t")
        pairs.append((en, zh))
    return pairs
