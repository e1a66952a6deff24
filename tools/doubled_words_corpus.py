"""Write localize/data/doubled-words-en.tsv: how often each English word is written twice in a
row in a reference corpus, which ``doubled_word`` uses to tell "had had" from "is is".

    python tools/doubled_words_corpus.py en-alice.txt en-dracula.txt en-frankenstein.txt

The files used are Project Gutenberg's Alice's Adventures in Wonderland (#11), Dracula (#345)
and Frankenstein (#84), public domain in the USA, as packaged (zipped UTF-8 text) in
github.com/andrejacobs/datasets-text under corpora/gutenberg.org/english. Any plain English
text works; more text makes the table better.
"""

from __future__ import annotations

import argparse
import re
from collections import Counter
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "localize" / "data" / "doubled-words-en.tsv"
_WORD = re.compile(r"[A-Za-z][A-Za-z']*")
_DOUBLE = re.compile(r"\b([A-Za-z][A-Za-z']*)\s+(\1)\b", re.IGNORECASE)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="+", type=Path, help="plain English text files (UTF-8)")
    args = parser.parse_args()
    text = " ".join(path.read_text(encoding="utf-8-sig") for path in args.files)
    words = Counter(w.lower() for w in _WORD.findall(text))
    doubles = Counter(m.group(1).lower() for m in _DOUBLE.finditer(text))
    names = ", ".join(path.name for path in args.files)
    lines = [
        "# Doubled English words in a reference corpus: word, times written twice in a row,",
        "# times written at all. Made by tools/doubled_words_corpus.py (see there for the corpus)",
        f"# from {names}: {sum(words.values())} words.",
        "# doubled_word allows a double seen at least twice here.",
        *(f"{w}\t{n}\t{words[w]}" for w, n in doubles.most_common()),
    ]
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {OUT} ({len(doubles)} doubled words)")


if __name__ == "__main__":
    main()
