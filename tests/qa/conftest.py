from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from localize.glossary import Glossary, load_glossaries
from localize.qa import Checker, Finding, QAConfig

DATA = Path(__file__).resolve().parent / "data"

Check = Callable[..., list[Finding]]


@pytest.fixture(scope="session")
def glossary() -> Glossary:
    return load_glossaries([DATA / "glossary.yaml"])


def _runner(glossary: Glossary | None) -> Check:
    checker = Checker(QAConfig.default(), glossary)

    def run(
        source: str,
        target: str,
        source_locale: str = "zh-Hans",
        target_locale: str = "en",
        only: str | None = None,
    ) -> list[Finding]:
        seg = checker.segment(
            "p1", source, target, source_locale=source_locale, target_locale=target_locale
        )
        return [f for f in checker.check(seg) if only is None or f.check == only]

    return run


@pytest.fixture
def check(glossary: Glossary) -> Check:
    """Run every default check with the test glossary; ``only=`` keeps one check's findings."""
    return _runner(glossary)


@pytest.fixture
def check_plain() -> Check:
    """Run every default check without a glossary."""
    return _runner(None)
