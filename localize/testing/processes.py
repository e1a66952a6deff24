"""Killing a run mid-way for the crash tests (``kill -9``, then ``--resume``)."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path


def lines_in(path: Path) -> int:
    try:
        return path.read_bytes().count(b"\n")
    except FileNotFoundError:
        return 0


def kill_9_after(proc: subprocess.Popen[bytes], output: Path, lines: int) -> int:
    """SIGKILL ``proc`` once ``output`` holds ``lines`` lines (0: at once) or it has ended;
    return the lines it holds then. Watching the output rather than the clock lands the kill
    mid-run on a slow or a fast machine."""
    deadline = time.monotonic() + 120
    while lines and lines_in(output) < lines and proc.poll() is None:
        if time.monotonic() > deadline:
            raise AssertionError(f"the run wrote nothing to {output} in 120 s")
        time.sleep(0.005)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    return lines_in(output)
