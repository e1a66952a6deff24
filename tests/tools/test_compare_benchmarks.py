"""tools/compare_benchmarks.py reads the figures of every benchmark's output, tables included."""

from __future__ import annotations

import importlib.util
from pathlib import Path

_PATH = Path(__file__).resolve().parents[2] / "tools" / "compare_benchmarks.py"
_spec = importlib.util.spec_from_file_location("compare_benchmarks", _PATH)
assert _spec is not None and _spec.loader is not None
compare = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(compare)


def test_labelled_lines_and_table_rows_are_both_figures() -> None:
    output = """text: 8,917 posts, 1.00 MB, best of 2 rounds
                                   wall       CPU  ratio wall  ratio CPU
jieba.lcut alone                  1.77s     1.72s       1.00x      1.00x
weibo-zh-tw (+ terms, check)      7.12s     7.03s       4.03x      4.09x
  first load (parse, check, write the parse cache): 0.45 s
matching: 21.5 MB/s
"""
    found = compare.figures(output)
    assert found["jieba.lcut alone #1"] == (1.77, "s")
    assert found["weibo-zh-tw (+ terms, check) #4"] == (4.09, "x")
    assert found["first load (parse, check, write the parse cache)"] == (0.45, "s")
    assert found["matching"] == (21.5, "MB/s")
    assert not any(label.startswith("text") for label in found)
