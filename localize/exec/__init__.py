"""Executors: how batches of posts reach a pipeline.

``batches`` cuts the input stream into numbered batches and runs one batch through a pipeline
(the same function in every executor, so their output is the same). ``local`` runs batches
in worker processes on this machine (``--jobs N``); ``ray`` runs input shards on a Ray cluster
(``--executor ray``, an optional extra imported only when asked for).

The names below are imported on first use, so that ``localize.exec.forkserver`` can start the
workers' fork server before the pipeline code is imported (``forkserver.prestart``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from localize.exec.batches import (
        Batch,
        BatchResult,
        PipelineSpec,
        make_batches,
        post_failed,
        process_batch,
        run_inline,
    )

__all__ = [
    "Batch",
    "BatchResult",
    "PipelineSpec",
    "make_batches",
    "post_failed",
    "process_batch",
    "run_inline",
]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from localize.exec import batches

        return getattr(batches, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
