from __future__ import annotations

import dataclasses
import subprocess
import sys

import pytest

from localize.registry import get_step_class, step_names
from localize.steps.base import Step


@pytest.mark.parametrize("name", step_names())
def test_every_registered_step_loads_with_typed_default_options(name: str) -> None:
    cls = get_step_class(name)
    assert issubclass(cls, Step) and cls.name == name
    assert dataclasses.is_dataclass(cls.Options)
    cls.Options()  # every option has a default


def test_unknown_step() -> None:
    with pytest.raises(KeyError):
        get_step_class("nope")


def test_loading_the_translate_step_does_not_import_the_mt_stack() -> None:
    code = (
        "import sys; from localize.registry import get_step_class; get_step_class('translate');"
        "print(sorted(m for m in ('ctranslate2', 'sentencepiece', 'argostranslate')"
        " if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
