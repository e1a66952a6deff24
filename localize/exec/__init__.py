"""Executors: how batches of posts reach a pipeline.

``batches`` cuts the input stream into numbered batches and runs one batch through a pipeline
(the same function in every executor, so their output is the same). ``local`` runs batches
in worker processes on this machine (``--jobs N``); ``ray`` runs input shards on a Ray cluster
(``--executor ray``, an optional extra imported only when asked for).
"""

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
