"""Export a glossary as a jieba user dictionary (``word [freq] [tag]`` per line).

The same words :meth:`Glossary.jieba_words` gives the ``segment`` step, so another tool that
loads the file with ``jieba.load_userdict`` keeps glossary terms whole exactly as we do. The
frequency is left out so jieba computes one that keeps the word whole.
"""

from __future__ import annotations

from pathlib import Path

from localize.glossary.model import Glossary


def dump_jieba(glossary: Glossary) -> str:
    lines = []
    for word, freq, tag in glossary.jieba_words():
        parts = [word]
        if freq is not None:
            parts.append(str(freq))
        if tag:
            parts.append(tag)
        lines.append(" ".join(parts))
    return "\n".join(lines) + ("\n" if lines else "")


def write_jieba(glossary: Glossary, path: str | Path) -> None:
    Path(path).write_text(dump_jieba(glossary), encoding="utf-8")
