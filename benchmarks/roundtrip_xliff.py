"""Round trip counts: result records -> XLIFF 1.2 and 2.1 -> read back, compared field by field.

Uses the 10,000 synthetic `localize run` records of ``bench_report.py`` (entities, glossary
terms, two sentences each with origins, issues), writes each XLIFF version, reads it back and
counts posts, identical records, and entity codes written. Also times both directions.
Run: ``.venv/bin/python benchmarks/roundtrip_xliff.py [--posts 10000]``
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_report import records

from localize.io.xliff import read_xliff, write_xliff


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--posts", type=int, default=10_000)
    args = parser.parse_args()
    data = records(args.posts)
    for record in data:  # segments that carry the spans, as a translate step writes them
        record["segments"] = [
            {
                "source": "XQ1QX 第n天：XQ2QX",
                "target": "XQ1QX Day n: XQ2QX",
                "sep": " ",
                "origin": "mt",
            },
            {
                "source": "详情 XQ2QX XQ3QX",
                "target": "Details XQ2QX XQ3QX",
                "sep": "",
                "origin": "tm",
            },
        ]
    with tempfile.TemporaryDirectory() as tmp:
        for version, name in (("1.2", "out.xlf"), ("2.1", "out.xliff")):
            path = Path(tmp) / name
            started = time.perf_counter()
            write_xliff(data, path, version=version)
            written = time.perf_counter() - started
            started = time.perf_counter()
            back = [r for r in read_xliff(str(path)) if isinstance(r, dict)]
            read = time.perf_counter() - started
            same = sum(a == b for a, b in zip(data, back, strict=False))
            codes = path.read_text(encoding="utf-8").count("<ph ")
            print(
                f"XLIFF {version}: {len(data):,} posts -> {len(back):,} read back,"
                f" {same:,} identical; {codes:,} <ph> codes; {path.stat().st_size / 1e6:.1f} MB;"
                f" write {written:.2f}s, read {read:.2f}s"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
