"""What the fork server loads once for every ``--jobs`` worker forked from it.

Importing the pipeline code and loading jieba's dictionary cost each worker ~1 s of CPU when
every worker did them itself; in the server they are done once, and a forked worker shares the
pages. Only what every run may need, and nothing that starts threads (a forked process inherits
none of them, but would inherit their locks held): the translate step, with CTranslate2 behind
it, loads in the worker that uses it. A failure here must not stop the server, so it is left for
the worker to meet (and report) when it builds its pipeline.
"""

from __future__ import annotations

import contextlib
import importlib

import localize.exec.local  # noqa: F401  (the worker loop: batches, pipeline, io, post)
from localize.registry import STEPS

# Steps whose engines load native thread pools: imported only by the workers that run them.
NOT_PRELOADED = frozenset({"translate"})

with contextlib.suppress(Exception):
    for name, target in STEPS.items():
        if name not in NOT_PRELOADED:
            importlib.import_module(target.partition(":")[0])
    from localize.text.segmenter import load_dictionary

    load_dictionary()
