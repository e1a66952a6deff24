from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from localize.mt.engine import DecodingOptions, Engine
from localize.mt.packages import PackageInfo
from localize.testing.argos_package import (
    ModelShape,
    PackageSpec,
    build_package_dir,
    synthetic_lines,
)
from localize.testing.fixtures import *  # noqa: F403
from localize.testing.tatoeba import tatoeba_pairs


@pytest.mark.parametrize("beam", [1, 4])
def test_copy_model_copies_mixed_text_exactly(copy_zh_en: PackageInfo, beam: int) -> None:
    lines = [x for pair in tatoeba_pairs()[::5] for x in pair]
    lines += ["前XQ1QX后XQ23QX。", "Hello XQ4QX, “XQ5QX”!", "全角！，：？  两个空格"]
    out = Engine(copy_zh_en).translate(lines, DecodingOptions(beam, beam))
    assert [h[0] for h in out] == lines


def test_archive_has_the_argos_layout(copy_zh_en_file: Path) -> None:
    with zipfile.ZipFile(copy_zh_en_file) as zf:
        names = zf.namelist()
        top = names[0].split("/")[0]
        assert {n.split("/")[0] for n in names} == {top}
        assert f"{top}/model/model.bin" in names
        assert f"{top}/sentencepiece.model" in names
        meta = json.loads(zf.read(f"{top}/metadata.json"))
    assert (meta["from_code"], meta["to_code"], meta["type"]) == ("zh", "en", "translate")


def test_random_kind_with_several_heads_still_copies(tokenizer_model: Path, tmp_path: Path) -> None:
    # A small stand-in for the benchmark's full-size model: random layers, 2 heads, 2+2 layers.
    spec = PackageSpec(kind="random", shape=ModelShape(2, 2, d_model=128, heads=2, ffn=64))
    folder = build_package_dir(tokenizer_model, tmp_path / "pkg", spec)
    info = PackageInfo(folder, json.loads((folder / "metadata.json").read_text()))
    out = Engine(info).translate(["我们在多伦多。", "It was cold!"], DecodingOptions(2, 1))
    assert [h[0] for h in out] == ["我们在多伦多。", "It was cold!"]


def test_too_small_heads_are_refused(tokenizer_model: Path, tmp_path: Path) -> None:
    spec = PackageSpec(shape=ModelShape(d_model=128, heads=4))
    with pytest.raises(ValueError, match="head_dim 32 < 48"):
        build_package_dir(tokenizer_model, tmp_path / "pkg", spec)


def test_synthetic_lines_are_distinct_and_many() -> None:
    lines = synthetic_lines(["你好。", "Hi."], 500)
    assert len(lines) == 500
    assert len(set(lines)) > 490
