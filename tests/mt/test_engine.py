from __future__ import annotations

from pathlib import Path

import pytest

from localize.errors import ConfigError, ModelError
from localize.mt.cache import TranslationCache
from localize.mt.engine import DecodingOptions, Engine, load_engine
from localize.mt.packages import PackageInfo
from localize.testing.fixtures import *  # noqa: F403
from localize.testing.fixtures import tatoeba_pairs


def test_copy_model_translates_a_batch_exactly(copy_zh_en: PackageInfo) -> None:
    engine = load_engine(copy_zh_en)
    sentences = [zh for _, zh in tatoeba_pairs()[:300]] + ["我在XQ1QX看到XQ12QX。"]
    out = engine.translate(sentences, DecodingOptions(beam_size=2, num_hypotheses=2))
    assert [hyps[0] for hyps in out] == sentences
    assert all(len(hyps) == 2 for hyps in out)
    assert engine.form.is_internal


def test_duplicates_are_translated_once_and_order_is_kept(copy_zh_en: PackageInfo) -> None:
    engine = Engine(copy_zh_en)
    out = engine.translate(["好。", "你好。", "好。", "  ", "你好。"], DecodingOptions(1, 1))
    assert [h[0] for h in out] == ["好。", "你好。", "好。", "  ", "你好。"]
    assert (engine.stats.unique, engine.stats.translated) == (3, 2)


def test_token_budget_cuts_batches(copy_zh_en: PackageInfo) -> None:
    engine = Engine(copy_zh_en)
    sentences = [zh for _, zh in tatoeba_pairs()[:100]]
    engine.translate(sentences, DecodingOptions(1, 1), max_batch_tokens=64)
    small = engine.stats.batches
    engine2 = Engine(copy_zh_en)
    engine2.translate(sentences, DecodingOptions(1, 1), max_batch_tokens=100_000)
    assert engine2.stats.batches == 1 < small
    batches = engine._batches(sentences, 64)
    assert all(len(b) * max(len(t) for _, t in b) <= 64 for b in batches if len(b) > 1)
    lengths = [len(t) for b in batches for _, t in b]
    assert lengths == sorted(lengths)


def test_cache_hits_skip_the_model(copy_zh_en: PackageInfo, tmp_path: Path) -> None:
    cache = TranslationCache(tmp_path / "c.sqlite3")
    engine = Engine(copy_zh_en)
    engine.translate(["你好。", "再见。"], cache=cache, glossary_fingerprint="g")
    assert engine.stats.translated == 2
    out = engine.translate(["再见。", "谢谢。"], cache=cache, glossary_fingerprint="g")
    assert [h[0] for h in out] == ["再见。", "谢谢。"]
    assert (engine.stats.translated, engine.stats.cache_hits) == (3, 1)
    # Another glossary fingerprint or other decoding options: not the same translation.
    engine.translate(["再见。"], cache=cache, glossary_fingerprint="other")
    engine.translate(["再见。"], DecodingOptions(beam_size=2, num_hypotheses=1), cache=cache)
    assert engine.stats.translated == 5


def test_soft_damage_is_second_best(soft_damage: PackageInfo) -> None:
    engine = Engine(soft_damage)
    [hyps] = engine.translate(["我在XQ9QX。"], DecodingOptions(beam_size=4, num_hypotheses=4))
    assert hyps[0] == "我在XQ8QX。"
    assert hyps[1] == "我在XQ9QX。"


def test_hard_damage_never_keeps_the_piece(hard_damage: PackageInfo) -> None:
    engine = Engine(hard_damage)
    [hyps] = engine.translate(["我在XQ9QX。"], DecodingOptions(beam_size=4, num_hypotheses=4))
    assert hyps[0] == "我在XQ8QX。"
    assert not any("XQ9QX" in h for h in hyps)


def test_decoding_options_are_checked(copy_zh_en: PackageInfo) -> None:
    with pytest.raises(ConfigError, match="num_hypotheses"):
        Engine(copy_zh_en).translate(["好"], DecodingOptions(beam_size=2, num_hypotheses=3))
    with pytest.raises(ConfigError, match="unknown compute_type"):
        Engine(copy_zh_en, compute_type="int3")


def test_a_broken_model_file_is_a_model_error(copy_zh_en: PackageInfo) -> None:
    (copy_zh_en.model_dir / "model.bin").write_bytes(b"garbage")
    with pytest.raises(ModelError, match="cannot load the CTranslate2 model") as err:
        Engine(copy_zh_en)
    assert "localize models remove" in str(err.value)


def test_load_engine_reuses_the_loaded_model(copy_zh_en: PackageInfo) -> None:
    assert load_engine(copy_zh_en) is load_engine(copy_zh_en)
    assert load_engine(copy_zh_en, compute_type="float32") is not load_engine(copy_zh_en)


def test_cuda_without_a_gpu_is_a_clear_model_error(copy_zh_en: PackageInfo) -> None:
    import ctranslate2

    if ctranslate2.get_cuda_device_count() > 0:
        pytest.skip("this machine has a CUDA device")
    with pytest.raises(ModelError, match="sees no CUDA device"):
        Engine(copy_zh_en, device="cuda")
