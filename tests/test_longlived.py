from __future__ import annotations

import gc

from localize.longlived import freeze


def test_freeze_moves_live_objects_out_of_the_collectors_view() -> None:
    kept = [[i] for i in range(1000)]  # long-lived data, as a dictionary or an index would be
    gc.unfreeze()
    try:
        freeze()
        assert gc.get_freeze_count() >= len(kept)
        assert kept[999] == [999]  # still alive and usable
    finally:
        gc.unfreeze()
