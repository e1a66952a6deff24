"""``localize.testing`` works from an installed package: no reads from ``tests/``."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import localize


def test_fixtures_work_without_the_source_checkout(tmp_path: Path) -> None:
    # A copy of the package alone, as a wheel installs it: tests/ is not next to it.
    site = tmp_path / "site"
    shutil.copytree(
        Path(localize.__file__).parent, site / "localize", ignore=shutil.ignore_patterns("*.pyc")
    )
    code = (
        "import localize.testing.fixtures as f, localize.testing.tatoeba as t\n"
        f"print(t.TATOEBA.is_relative_to(r'{site}'), len(f.tatoeba_pairs()), f.copy_zh_en_file)"
    )
    env = {**os.environ, "PYTHONPATH": str(site)}
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, cwd=tmp_path, capture_output=True, text=True
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("True 1000 <pytest_fixture")
