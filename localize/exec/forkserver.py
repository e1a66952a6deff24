"""Where ``--jobs`` workers start from: the command itself where that is safe, else
multiprocessing's fork server, loaded once for all.

On Linux, while the command runs no thread but its main one, its workers are forked from it
after it has built its pipeline (:func:`forks_here`): a worker starts with that pipeline built
and runs nothing again, and every worker runs the very pipeline the command built and signed,
even if its files change during the run. A forked child gets only the thread that forked it,
so a lock another thread held (a progress bar's, CTranslate2's) would stay locked in it
forever: with any other thread alive, and off Linux (macOS's system libraries are not
fork-safe), workers start from the fork server instead.

The server is a fresh single-threaded interpreter that imports the pipeline code and loads
jieba's dictionary once (:mod:`localize.exec.preload`); a worker forked from it starts in
milliseconds, where a spawned one paid ~1 s of CPU for the same imports and dictionary, then
builds the pipeline itself. Where the command will need it, it calls :func:`prestart` first
thing, so the server loads while the command builds its own pipeline and opens the output.
Where the platform has no fork server (Windows), workers are spawned.

This module imports nothing heavy, so that the server starts before the command's imports.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
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


def forks_here() -> bool:
    """Whether workers can be forked from this process now: on Linux, with no thread running
    but this one (native threads included: ``/proc`` counts them all)."""
    if sys.platform != "linux":
        return False
    try:
        return len(os.listdir("/proc/self/task")) == 1
    except OSError:
        return False


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
    """Start the fork server now if ``--jobs jobs`` will start workers from it (not where they
    can be forked from this process). Returns at once; the server loads what the workers share
    while the caller goes on with its own start-up."""
    if resolve_jobs(jobs) > 1 and not forks_here():
        start_fork_server()


def start_fork_server() -> None:
    """Start the fork server (where the platform has one) if it is not running; returns at once."""
    if start_method() == "forkserver":
        worker_context()
        from multiprocessing import forkserver

        forkserver.ensure_running()
