"""pytest fixtures around generated Argos packages (import with ``from ... import *``).

A pytest plugin for projects that test code built on ``localize`` too: it needs pytest (a
dev dependency, not one of ``localize``'s) and reads only data inside the installed package.

Models are built once per test session (a module-level cache under pytest's session temp dir,
so every test module that imports these fixtures shares them) and installed per test into an
isolated ``ARGOS_PACKAGES_DIR``, so no test sees the user's real packages or cache.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

try:
    import pytest
except ImportError as exc:  # pragma: no cover - depends on the environment
    raise ImportError(
        "localize.testing.fixtures holds pytest fixtures: install pytest to use it "
        "(`pip install pytest`); localize.testing.argos_package works without it"
    ) from exc

from localize.mt.packages import PackageInfo, install_file
from localize.testing.argos_package import (
    Damage,
    PackageSpec,
    build_package,
    placeholder_lines,
    train_sentencepiece,
)
from localize.testing.tatoeba import tatoeba_pairs

__all__ = [
    "DAMAGED_DIGIT",
    "DECOY_DIGIT",
    "argos_home",
    "copy_en_zh",
    "copy_en_zh_file",
    "copy_zh_en",
    "copy_zh_en_file",
    "hard_damage",
    "hard_damage_file",
    "soft_damage",
    "soft_damage_file",
    "tatoeba_pairs",
    "tokenizer_model",
]

# Digit pieces used by the damaged models: "9" becomes "8" (tests avoid both digits in text).
DAMAGED_DIGIT, DECOY_DIGIT = "9", "8"

_built: dict[str, Path] = {}


def _once(factory: pytest.TempPathFactory, name: str, build: Callable[[Path], Path]) -> Path:
    path = _built.get(name)
    if path is None or not path.exists():
        path = _built[name] = build(factory.mktemp(name))
    return path


@pytest.fixture(scope="session")
def tokenizer_model(tmp_path_factory: pytest.TempPathFactory) -> Path:
    def build(work: Path) -> Path:
        lines = [x for pair in tatoeba_pairs() for x in pair] + placeholder_lines()
        return train_sentencepiece(lines, work / "sentencepiece.model", vocab_size=3000)

    return _once(tmp_path_factory, "spm", build)


def _package_fixture(name: str, spec: PackageSpec) -> Callable[..., Path]:
    @pytest.fixture(scope="session")
    def fixture(tmp_path_factory: pytest.TempPathFactory, tokenizer_model: Path) -> Path:
        return _once(
            tmp_path_factory, name, lambda work: build_package(tokenizer_model, work, spec)
        )

    return fixture


copy_zh_en_file = _package_fixture("copy-zh-en", PackageSpec("zh", "en"))
copy_en_zh_file = _package_fixture(
    "copy-en-zh", PackageSpec("en", "zh", from_name="English", to_name="Chinese")
)
# Best hypothesis alters every placeholder with a 9 in it; the runner-up is the exact copy.
soft_damage_file = _package_fixture(
    "soft-zh-en", PackageSpec("zh", "en", damage=Damage({DAMAGED_DIGIT: DECOY_DIGIT}))
)
# No hypothesis keeps a placeholder with a 9 in it.
hard_damage_file = _package_fixture(
    "hard-zh-en", PackageSpec("zh", "en", damage=Damage({DAMAGED_DIGIT: DECOY_DIGIT}, hard=True))
)


@pytest.fixture
def argos_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """An empty, private Argos packages dir (and config dir, so no settings.json leaks in)."""
    from localize.mt.engine import clear_engines

    packages = tmp_path / "argos-packages"
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(packages))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    clear_engines()
    yield packages
    clear_engines()


@pytest.fixture
def copy_zh_en(argos_home: Path, copy_zh_en_file: Path) -> PackageInfo:
    return install_file(copy_zh_en_file)


@pytest.fixture
def copy_en_zh(argos_home: Path, copy_en_zh_file: Path) -> PackageInfo:
    return install_file(copy_en_zh_file)


@pytest.fixture
def soft_damage(argos_home: Path, soft_damage_file: Path) -> PackageInfo:
    return install_file(soft_damage_file)


@pytest.fixture
def hard_damage(argos_home: Path, hard_damage_file: Path) -> PackageInfo:
    return install_file(hard_damage_file)
