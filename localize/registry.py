"""Step names and where their classes live, imported only when a pipeline uses them.

Keeping the table as strings means ``localize check`` or a convert-only pipeline never imports
the machine-translation stack.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from localize.steps.base import Step

STEPS: dict[str, str] = {
    "normalize": "localize.steps.normalize:Normalize",
    "protect": "localize.steps.protect:Protect",
    "convert": "localize.steps.convert:Convert",
    "segment": "localize.steps.segment:Segment",
    "terms": "localize.steps.terms:Terms",
    "translate": "localize.steps.translate:Translate",
    "restore": "localize.steps.restore:Restore",
    "check": "localize.steps.check:Check",
}


def step_names() -> list[str]:
    return list(STEPS)


def get_step_class(name: str) -> type[Step]:
    """The class registered under ``name``; KeyError if there is none."""
    module_name, _, class_name = STEPS[name].partition(":")
    cls: type[Step] = getattr(importlib.import_module(module_name), class_name)
    return cls
