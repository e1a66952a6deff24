"""QA recall and false alarms: ``localize check`` and translate-toolkit's ``pofilter`` side by side.

Runs both on tests/data/qa-eval/pairs.jsonl (Tatoeba zh<->en pairs, one error injected per kind
and as many left clean; see tests/data/qa-eval/README.md) and prints, per error kind, the share
of injected pairs each tool flags, and the share of clean pairs it flags (false alarms).

``localize check`` counts a pair as flagged when a finding reaches the gate's fail level (the
default config: ``fail_on: error``). ``pofilter`` has no levels: a pair is flagged when any of
its default tests fails, and a second column counts only the tests pofilter itself classes as
critical or functional (its "fail level"; doubled words and end punctuation are cosmetic there,
untranslated units an extraction issue).

pofilter is GPL and only ever run here, as an external program (install it beside the project,
never as a dependency: ``.venv/bin/pip install translate-toolkit``); without it its column says so.

    .venv/bin/python benchmarks/bench_checks.py [--pairs tests/data/qa-eval/pairs.jsonl]
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

from localize.qa import Checker

ROOT = Path(__file__).resolve().parent.parent
PAIRS = ROOT / "tests" / "data" / "qa-eval" / "pairs.jsonl"
KINDS = ("number", "entity", "empty", "untranslated", "doubled", "sentence_type")
TARGETS = {"number": 1.0, "entity": 1.0, "empty": 1.0, "untranslated": 1.0, "doubled": 0.9,
           "sentence_type": 0.9}  # fmt: skip
# Asks pofilter's own checker (in a child process: the GPL toolkit is never imported here) for
# the category of each test: 100 critical, 60 functional, 30 cosmetic, 10 extraction.
_CATEGORIES = """
import json
from translate.filters.checks import StandardChecker
checker = StandardChecker()
for test in checker.getfilters().values():
    try:
        test("a b", "a b")
    except Exception:
        pass
print(json.dumps({name: int(category) for name, category in checker.categories.items()}))
"""


def load(path: Path) -> list[dict[str, str]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def run_localize(rows: list[dict[str, str]]) -> tuple[dict[str, set[str]], float]:
    """Pair id -> the checks whose findings fail the gate."""
    started = time.perf_counter()
    flagged: dict[str, set[str]] = {}
    for row in rows:
        # One checker per pair: the same Tatoeba sentence may recur, and cross-post
        # consistency is not what this set measures.
        checker = Checker()
        seg = checker.segment(
            row["id"],
            row["source"],
            row["target"],
            source_locale=row["source_locale"],
            target_locale=row["target_locale"],
        )
        flagged[row["id"]] = {f.check for f in checker.check(seg) if f.fails}
    return flagged, time.perf_counter() - started


def _po_string(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a valid PO string here


def run_pofilter(rows: list[dict[str, str]]) -> tuple[dict[str, set[str]] | None, float, str]:
    """Pair id -> the pofilter tests that fail, or None when pofilter is not installed."""
    exe = shutil.which("pofilter") or str(Path(sys.executable).parent / "pofilter")
    if not Path(exe).exists():
        return None, 0.0, "not installed (pip install translate-toolkit)"
    flagged: dict[str, set[str]] = {row["id"]: set() for row in rows}
    started = time.perf_counter()
    version = subprocess.run([exe, "--version"], capture_output=True, text=True).stdout.strip()
    with tempfile.TemporaryDirectory() as tmp:
        for target_lang in ("en", "zh"):
            subset = [r for r in rows if r["target_locale"].startswith(target_lang)]
            src, out = Path(tmp) / f"{target_lang}.po", Path(tmp) / f"{target_lang}.out.po"
            units = [
                f"msgctxt {_po_string(r['id'])}\nmsgid {_po_string(r['source'])}\n"
                f"msgstr {_po_string(r['target'])}\n"
                for r in subset
            ]
            header = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
            src.write_text(header + "\n" + "\n".join(units), encoding="utf-8")
            subprocess.run(
                [exe, f"--language={target_lang}", "--progress=none", "--errorlevel=none",
                 str(src), str(out)],
                check=True, capture_output=True,
            )  # fmt: skip
            for block in out.read_text(encoding="utf-8").split("\n\n"):
                ctxt = re.search(r'^msgctxt "(.*)"$', block, re.MULTILINE)
                if ctxt is None:
                    continue
                tests = re.findall(r"\(pofilter\) (\w+):", block)
                flagged[ctxt.group(1)].update(tests)
    return flagged, time.perf_counter() - started, version


def pofilter_serious(exe: str) -> set[str]:
    """pofilter's critical and functional tests (its categories >= 60)."""
    python = Path(exe).parent / "python"
    out = subprocess.run(
        [str(python if python.exists() else sys.executable), "-c", _CATEGORIES],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    return {name for name, category in json.loads(out).items() if category >= 60}


def rates(rows: list[dict[str, str]], flagged: dict[str, set[str]], keep: set[str] | None = None):
    hit: Counter[str] = Counter()
    total: Counter[str] = Counter()
    for row in rows:
        tests = flagged[row["id"]]
        if keep is not None:
            tests = tests & keep
        total[row["kind"]] += 1
        hit[row["kind"]] += bool(tests)
    return {kind: (hit[kind], total[kind]) for kind in total}


def pct(pair: tuple[int, int]) -> str:
    hit, total = pair
    return f"{100 * hit / total:5.1f}% ({hit}/{total})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=Path, default=PAIRS)
    parser.add_argument("--show", type=int, default=0, help="print N misses and false alarms")
    args = parser.parse_args()
    rows = load(args.pairs)
    ours, our_time = run_localize(rows)
    theirs, their_time, version = run_pofilter(rows)
    columns = [("localize check (fail level)", rates(rows, ours))]
    if theirs is not None:
        columns.append(("pofilter (any test)", rates(rows, theirs)))
        exe = shutil.which("pofilter") or str(Path(sys.executable).parent / "pofilter")
        serious = pofilter_serious(exe)
        columns.append(("pofilter (critical+functional)", rates(rows, theirs, serious)))
    pairs = len({(r["source"], r["target"]) for r in rows})
    print(f"{len(rows)} pairs ({pairs} distinct) from {args.pairs.relative_to(ROOT)}")
    print(f"pofilter: {version}")
    print(f"{'kind':<16}{'target':>8}  " + "".join(f"{name:<32}" for name, _ in columns))
    for kind in (*KINDS, "clean"):
        target = f"{TARGETS[kind]:.0%}" if kind in TARGETS else "≤1%"
        label = "clean (false)" if kind == "clean" else kind
        print(f"{label:<16}{target:>8}  " + "".join(f"{pct(c[kind]):<32}" for _, c in columns))
    print(f"time: localize {our_time:.2f} s" + (f", pofilter {their_time:.2f} s" if theirs else ""))
    by_check: dict[str, Counter[str]] = defaultdict(Counter)
    for row in rows:
        for check in ours[row["id"]]:
            by_check[row["kind"]][check] += 1
    print("localize checks that fired, per kind:")
    for kind in (*KINDS, "clean"):
        print(f"  {kind:<14} " + ", ".join(f"{c} {n}" for c, n in by_check[kind].most_common()))
    if args.show:
        misses = [r for r in rows if (r["kind"] == "clean") == bool(ours[r["id"]])]
        for row in misses[: args.show]:
            print(json.dumps({**row, "flagged": sorted(ours[row["id"]])}, ensure_ascii=False))


if __name__ == "__main__":
    main()
