from __future__ import annotations

import gc

from localize.cli.gc_policy import freeze_long_lived


def test_freeze_moves_live_objects_out_of_the_collectors_view() -> None:
    kept = [[i] for i in range(1000)]  # long-lived data, as a dictionary or an index would be
    gc.unfreeze()
    try:
        freeze_long_lived()
        assert gc.get_freeze_count() >= len(kept)
        assert kept[999] == [999]  # still alive and usable
    finally:
        gc.unfreeze()


def test_library_code_never_freezes_the_collector() -> None:
    # A pipeline run (jieba loaded, glossary matched) leaves the host's objects alone.
    from pathlib import Path

    from localize.pipeline import Pipeline

    glossary = Path(__file__).resolve().parents[2] / "glossaries" / "canada-tourism.yaml"
    gc.unfreeze()
    steps = ["protect", "terms", "segment", "restore"]
    pipe = Pipeline.from_dict({"name": "t", "steps": steps}, glossaries=[glossary])
    pipe.process_batch([pipe.make_post("1", "去蒙特利尔看枫叶")])
    assert gc.get_freeze_count() == 0
