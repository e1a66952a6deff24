"""Size and render time of the review page for 10,000 posts in headless Chromium.

Builds 10,000 result records shaped like `localize run` output (entities, a glossary term,
two sentences with origins, issues on a third of them), writes the page, and opens it in
Debian's headless Chromium (the ``browser`` extra). Measured side by side in one run:

- the page as shipped (one page of 50 posts rendered at a time), and
- the same data with every post rendered at once (``page_size`` = all posts): what the page
  would cost without pagination;

for each: file size, time to build it in Python, time from navigation to the page being ready
(its script sets ``data-ready``), and time to apply a filter and a search. Ratios are printed
(all-at-once / paginated). Run:
``.venv/bin/python benchmarks/bench_report.py [--posts 10000] [--runs 3]``
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from localize.report.html import build_page
from localize.testing import browser

SOURCE = "@旅游达人{n} 第{n}天：从温哥华飞往多伦多只要4个半小时。详情 http://t.cn/A6x{n} [哈哈]"
RESULT = (
    "@旅游达人{n} Day {n}: Vancouver to Toronto takes only 4.5 hours."
    " Details http://t.cn/A6x{n} [哈哈]"
)
TERMS = [
    {"id": "vancouver", "term": "温哥华", "status": "preferred", "target": "Vancouver"},
    {"id": "toronto", "term": "多伦多", "status": "preferred", "target": "Toronto"},
]


def records(count: int) -> list[dict[str, Any]]:
    out = []
    for n in range(count):
        issues = []
        if n % 3 == 0:
            issues.append({"check": "length", "severity": "warning", "message": f"long {n}"})
        if n % 17 == 0:
            issues.append({"check": "missing_term", "severity": "error", "message": "Toronto"})
        out.append(
            {
                "id": f"post-{n}",
                "text": SOURCE.format(n=n),
                "result": RESULT.format(n=n),
                "lang": "zh-Hans",
                "locale": "en" if n % 2 else "en-CA",
                "terms": TERMS,
                "spans": {
                    "XQ1QX": {"original": f"@旅游达人{n}", "kind": "mention"},
                    "XQ2QX": {"original": f"http://t.cn/A6x{n}", "kind": "url"},
                    "XQ3QX": {"original": "[哈哈]", "kind": "emoticon"},
                },
                "segments": [
                    {"source": "s", "target": "Day one", "sep": " ", "origin": "tm"},
                    {"source": "s", "target": "Details", "sep": "", "origin": "mt"},
                ],
                "issues": issues,
                "signature": "localize:0.1.0|pipeline:weibo-zh-en|steps:...",
            }
        )
    return out


def open_page(driver: Any, path: Path) -> tuple[float, float]:
    """Seconds to ready after navigation, and to apply a severity filter plus a search."""
    started = time.perf_counter()
    driver.get(path.as_uri())
    while not driver.execute_script("return document.body.dataset.ready === '1'"):
        time.sleep(0.005)
    ready = time.perf_counter() - started
    filtering: float = driver.execute_script(
        """
        const t0 = performance.now();
        const sev = document.getElementById('filter-severity');
        sev.value = 'issues'; sev.dispatchEvent(new Event('change'));
        const box = document.getElementById('filter-text');
        box.value = 'post-99';
        box.dispatchEvent(new Event('input'));
        // The search waits 150 ms for typing to pause; that wait is not rendering time.
        return new Promise(done => setTimeout(
            () => done((performance.now() - t0 - 150) / 1000), 160));
        """
    )
    return ready, filtering


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--posts", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    why = browser.missing()
    if why:
        print(f"cannot run: {why}", file=sys.stderr)
        return 2
    data = records(args.posts)
    driver = browser.start_chromium()
    rows = {}
    try:
        with tempfile.TemporaryDirectory() as tmp:
            for name, page_size in (("paginated (50/page)", 50), ("all at once", args.posts)):
                path = Path(tmp) / f"{page_size}.html"
                started = time.perf_counter()
                path.write_text(build_page(data, page_size=page_size), encoding="utf-8")
                build = time.perf_counter() - started
                timings = [open_page(driver, path) for _ in range(args.runs)]
                rows[name] = (
                    path.stat().st_size,
                    build,
                    statistics.median(t[0] for t in timings),
                    statistics.median(t[1] for t in timings),
                )
    finally:
        driver.quit()
    print(f"{args.posts:,} posts, median of {args.runs} loads in headless Chromium")
    print(f"{'':22} {'size':>10} {'build':>8} {'ready':>8} {'filter+search':>14}")
    for name, (size, build, ready, filtering) in rows.items():
        print(f"{name:22} {size / 1e6:8.2f}MB {build:7.2f}s {ready:7.2f}s {filtering:13.3f}s")
    paged, full = rows["paginated (50/page)"], rows["all at once"]
    print(
        f"all-at-once / paginated: ready {full[2] / paged[2]:.1f}x,"
        f" filter+search {full[3] / max(paged[3], 1e-3):.1f}x"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
