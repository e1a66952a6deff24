from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from localize.glossary import Glossary, load_glossary

SAMPLE = """\
name: sample
domain: tourism
entries:
  - id: montreal
    terms:
      en: Montreal
      zh-Hans:
        - 蒙特利尔
        - {term: 满地可, status: forbidden}
      zh-Hant-TW: 蒙特婁
      zh-Hant-HK: 滿地可
  - id: cn-tower
    terms:
      en: CN Tower
      zh-Hans:
        - 加拿大国家电视塔
        - {term: 西恩塔, status: admitted}
  - id: banff
    terms:
      en: Banff
      zh-Hans: {term: 班夫, pos: ns}
  - id: banff-park
    terms:
      en: Banff National Park
      zh-Hans: 班夫国家公园
  - id: meeting-canada
    hashtag: true
    domain: campaign
    terms:
      en: "#Meeting Canada#"
      zh-Hans: "#遇见加拿大#"
  - id: aeroplan
    dnt: true
    terms:
      en: Aeroplan
"""


@pytest.fixture
def write(tmp_path: Path) -> Callable[..., Path]:
    def _write(text: str, name: str = "g.yaml") -> Path:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path

    return _write


@pytest.fixture
def sample(write: Callable[..., Path]) -> Glossary:
    return load_glossary(write(SAMPLE))


@pytest.fixture(autouse=True)
def _private_glossary_cache(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Tests never read or write the user's real cache.
    monkeypatch.setenv("LOCALIZE_GLOSSARY_CACHE", str(tmp_path_factory.mktemp("glossary-cache")))
