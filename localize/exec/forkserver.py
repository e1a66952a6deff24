"""Where ``--jobs`` workers start from: multiprocessing's fork server, loaded once for all.

The server is a fresh single-threaded interpreter that imports the pipeline code and loads
jieba's dictionary once (:mod:`localize.exec.preload`); a worker forked from it starts in
milliseconds, where a spawned one paid ~1 s of CPU for the same imports and dictionary. The
command calls :func:`prestart` first thing, so the server loads while the command builds its
own pipeline and opens the output. Forking the command's own process instead would be unsafe:
by then it may hold threads (progress bar, CTranslate2) and their locks. Where the platform has
no fork server (Windows), workers are spawned.

This module imports nothing heavy, so that the server starts before the command's imports.
"""

from __future__ import annotations

import multiprocessing
import os
from typing import Any

# Imported once by the fork server for every worker forked from it.
PRELOAD = "localize.exec.preload"


def available_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def resolve_jobs(jobs: int) -> int:
    """``--jobs 0`` means one worker per core this process may use."""
    return jobs if jobs > 0 else available_cores()


def start_method() -> str:
    """How workers start: ``forkserver`` where the platform has it, else ``spawn``."""
    return "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"


def worker_context() -> Any:
    """The multiprocessing context workers are started with."""
    method = start_method()
    context = multiprocessing.get_context(method)
    if method == "forkserver":
        # "__main__" is multiprocessing's default: the server imports the main script once
        # (as a spawned child would), so a forked worker need not.
        context.set_forkserver_preload(["__main__", PRELOAD])
    return context


def prestart(jobs: int) -> None:
    """Start the fork server now if ``--jobs jobs`` will start workers. Returns at once; the
    server loads what the workers share while the caller goes on with its own start-up."""
    if resolve_jobs(jobs) > 1 and start_method() == "forkserver":
        worker_context()
        from multiprocessing import forkserver

        forkserver.ensure_running()
