"""Run one benchmark script from two checkouts, alternately, and print each figure side by side.

The machine is noisy (absolute times drift 1.5-2x between runs), so the two trees take turns,
``--rounds`` times each, and the best of each figure counts: the lowest time, the highest
speed. Both trees run with this interpreter; ``PYTHONPATH`` picks which tree's ``localize`` is
imported (and the benchmark script is the tree's own).

    .venv/bin/python tools/compare_benchmarks.py /tmp/old . bench_spine --rounds 4 -- --mb 0.5
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

# "label : 1.23 s", "label: 0.40 MB/s", "  no glossary:  1.014 s (min 0.906)"
_FIGURE = re.compile(r"^\s*(?P<label>[^:=]+?)\s*:\s*(?P<value>[\d.,]+)\s*(?P<unit>s|MB/s|x)\b")


# Table rows: "jieba.lcut alone      1.77s     1.72s       1.00x      1.00x" (a label, two or
# more spaces, then figures with their units); each column is its own figure, "label #1", ...
_ROW = re.compile(
    r"^\s*(?P<label>\S.*?)\s{2,}(?P<values>[\d.,]+\s?(?:s|x)(?:\s+[\d.,]+\s?(?:s|x))*)\s*$"
)
_CELL = re.compile(r"(?P<value>[\d.,]+)\s?(?P<unit>s|x)")


def figures(output: str) -> dict[str, tuple[float, str]]:
    found: dict[str, tuple[float, str]] = {}
    for line in output.splitlines():
        m = _FIGURE.match(line)
        if m:
            found[m["label"]] = (float(m["value"].replace(",", "")), m["unit"])
            continue
        row = _ROW.match(line)
        if row:
            for k, cell in enumerate(_CELL.finditer(row["values"]), start=1):
                found[f"{row['label']} #{k}"] = (
                    float(cell["value"].replace(",", "")),
                    cell["unit"],
                )
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("old", type=Path)
    parser.add_argument("new", type=Path)
    parser.add_argument("benchmark", help="a script name in benchmarks/, e.g. bench_spine")
    parser.add_argument("--rounds", type=int, default=3)
    parser.epilog = "Arguments after -- go to the benchmark."
    argv = sys.argv[1:]
    cut = argv.index("--") if "--" in argv else len(argv)
    a = parser.parse_args(argv[:cut])
    extra = argv[cut + 1 :]
    seen: dict[str, dict[str, list[float]]] = {"old": defaultdict(list), "new": defaultdict(list)}
    units: dict[str, str] = {}
    for round_ in range(a.rounds):
        for tree, root in (("old", a.old), ("new", a.new)):
            root = root.resolve()
            env = {**os.environ, "PYTHONPATH": str(root)}
            script = root / "benchmarks" / f"{a.benchmark}.py"
            proc = subprocess.run(
                [sys.executable, str(script), *extra],
                cwd=root,
                env=env,
                capture_output=True,
                text=True,
            )
            if proc.returncode != 0:
                sys.exit(f"{tree} round {round_ + 1} failed:\n{proc.stdout}\n{proc.stderr}")
            for label, (value, unit) in figures(proc.stdout).items():
                seen[tree][label].append(value)
                units[label] = unit
            print(f"round {round_ + 1} {tree} done", file=sys.stderr, flush=True)
    print(f"{a.benchmark} {' '.join(extra)}: best of {a.rounds} alternating rounds each")
    print(f"{'figure':<40} {'old':>10} {'new':>10}  new vs old")
    for label, unit in units.items():
        old, new = seen["old"].get(label), seen["new"].get(label)
        if not old or not new:
            continue
        if unit == "s":
            o, n = min(old), min(new)
            verdict = f"{o / n:.2f}x as fast" if n else "-"
        elif unit == "MB/s":
            o, n = max(old), max(new)
            verdict = f"{n / o:.2f}x as fast" if o else "-"
        else:  # ratios such as spine/jieba: lower is better
            o, n = min(old), min(new)
            verdict = f"{n / o:.2f} of old" if o else "-"
        print(f"{label[:40]:<40} {o:>8.3f}{unit[:2]:>2} {n:>8.3f}{unit[:2]:>2}  {verdict}")


if __name__ == "__main__":
    main()
