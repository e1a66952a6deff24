from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import settings

# CI explores the same examples on every run, so a landing never hinges on the luck of a draw;
# local runs keep exploring new ones (and print the blob to reproduce what they find).
settings.register_profile("ci", derandomize=True, print_blob=True)
settings.register_profile("dev", print_blob=True)
settings.load_profile("ci" if os.environ.get("CI") else "dev")

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def root() -> Path:
    return ROOT


@pytest.fixture(autouse=True, scope="session")
def _private_caches(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """No test reads or writes the user's real caches (MT translations, parsed glossaries)."""
    cache = tmp_path_factory.mktemp("cache")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("XDG_CACHE_HOME", str(cache))
        mp.setenv("LOCALIZE_GLOSSARY_CACHE", str(cache / "glossaries"))
        yield


@pytest.fixture
def routed_blocks(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The blocks whose jieba dictionary route is worked out (get_DAG and calc), in order."""
    from localize.text.segmenter import Tokenizer

    routed: list[str] = []
    route = Tokenizer._route

    def counting(self: Tokenizer, block: str) -> tuple[list[float], list[int]]:
        routed.append(block)
        return route(self, block)

    monkeypatch.setattr(Tokenizer, "_route", counting)
    return routed
