from __future__ import annotations

from pathlib import Path

import pytest

from localize.errors import ConfigError, ModelError
from localize.mt.engine import load_engine
from localize.mt.packages import PackageInfo
from localize.post import Post, ProtectedSpan
from localize.steps.base import StepContext
from localize.steps.protect import Protect, ProtectOptions
from localize.steps.restore import Restore
from localize.steps.translate import Translate, TranslateOptions
from localize.testing.fixtures import *  # noqa: F403
from localize.text.placeholders import PLACEHOLDER_RE, make_placeholder

WEIBO = [
    "#加拿大旅游周# 今天在@温哥华旅游局 看到了极光[哈哈]😀 详情 http://t.cn/A6abcd 。",
    "//@小明: 太美了！我也想去。\n明天见。",
    "我们在多伦多。天气很好！",
    "我们在多伦多。",
]


def _ctx(tmp_path: Path, source: str = "zh-Hans", target: str = "en") -> StepContext:
    return StepContext(pipeline_name="t", source=source, target=target, base_dir=tmp_path)


def _step(tmp_path: Path, ctx: StepContext | None = None, **options: object) -> Translate:
    options.setdefault("cache", str(tmp_path / "mt-cache.sqlite3"))
    return Translate(TranslateOptions(**options), ctx or _ctx(tmp_path))  # type: ignore[arg-type]


def _run(posts: list[Post], translate: Translate, hashtags: str = "keep") -> list[Post]:
    ctx = translate.context
    posts = Protect(ProtectOptions(hashtags=hashtags), ctx).process(posts)  # type: ignore[arg-type]
    posts = translate.process(posts)
    for post in posts:
        # Never a raw placeholder: everything placeholder-shaped left is one restore knows.
        assert all(m.group() in post.spans for m in PLACEHOLDER_RE.finditer(post.text))
    return Restore(Restore.Options(), ctx).process(posts)


def _posts(texts: list[str], locale: str = "zh-Hans") -> list[Post]:
    return [Post(id=str(i), source=t, source_locale=locale) for i, t in enumerate(texts)]


def test_entities_come_back_byte_identical_through_the_model(
    copy_zh_en: PackageInfo, tmp_path: Path
) -> None:
    translate = _step(tmp_path)
    posts = _run(_posts(WEIBO), translate)
    # The copy model writes its input back, so restore must give the source exactly (sentences
    # join by the characters at the boundary: no space between Chinese sentences).
    assert [p.text for p in posts] == WEIBO
    for post in posts:
        assert post.meta["locale"] == "en"
        assert post.meta["mt"] == copy_zh_en.model_id
        assert not post.issues


def test_sentences_of_all_posts_go_to_the_model_together_once(
    copy_zh_en: PackageInfo, tmp_path: Path
) -> None:
    translate = _step(tmp_path, cache=False)
    _run(_posts(WEIBO), translate)
    engine = load_engine(copy_zh_en)
    # "我们在多伦多。" occurs twice; the hashtag, mention, URL... are placeholders, not sentences.
    assert engine.stats.requested == 7
    assert engine.stats.translated == 6
    assert engine.stats.batches == 1


def test_a_rerun_is_served_from_the_cache(copy_zh_en: PackageInfo, tmp_path: Path) -> None:
    _run(_posts(WEIBO), _step(tmp_path))
    engine = load_engine(copy_zh_en)
    translated = engine.stats.translated
    posts = _run(_posts(WEIBO), _step(tmp_path))
    assert engine.stats.translated == translated
    assert posts[0].text == WEIBO[0]


def test_terms_are_masked_and_restored_with_the_target_form(
    copy_zh_en: PackageInfo, tmp_path: Path
) -> None:
    post = Post(id="1", source="我爱加拿大。", source_locale="zh-Hans")
    ph = post.mask("加拿大", "term", replacement="Canada", entry_id="canada")
    post.text = f"我爱{ph}。"
    [post] = _run([post], _step(tmp_path))
    assert post.text == "我爱Canada。"
    assert not post.issues


def _masked_post(kind: str, number: int, original: str, replacement: str | None = None) -> Post:
    ph = make_placeholder(number)
    post = Post(id="p", source=f"我在{original}看到了。", source_locale="zh-Hans")
    post.text = f"我在{ph}看到了。"
    entry_id = "e1" if kind == "term" else None
    post.spans[ph] = ProtectedSpan(ph, original, kind, replacement, entry_id=entry_id)
    return post


def test_n_best_rescues_a_damaged_placeholder(soft_damage: PackageInfo, tmp_path: Path) -> None:
    post = _masked_post("mention", 9, "@小明")
    [post] = _run([post], _step(tmp_path))
    assert post.text == "我在@小明看到了。"
    assert not post.issues


def test_without_n_best_the_text_around_an_entity_is_translated_in_pieces(
    soft_damage: PackageInfo, tmp_path: Path
) -> None:
    post = _masked_post("mention", 9, "@小明")
    [post] = _run([post], _step(tmp_path, beam_size=1, num_hypotheses=1))
    assert post.text == "我在@小明看到了。"
    assert [i.check for i in post.issues] == ["mt_segmented"]


def test_an_entity_no_hypothesis_keeps_stays_in_place(
    hard_damage: PackageInfo, tmp_path: Path
) -> None:
    post = _masked_post("url", 9, "http://t.cn/A6x")
    [post] = _run([post], _step(tmp_path))
    assert post.text == "我在http://t.cn/A6x看到了。"
    assert "XQ" not in post.text
    assert [i.check for i in post.issues] == ["mt_segmented"]


def test_a_term_no_hypothesis_keeps_is_translated_unmasked(
    hard_damage: PackageInfo, tmp_path: Path
) -> None:
    post = _masked_post("term", 9, "加拿大", "Canada")
    [post] = _run([post], _step(tmp_path))
    # The copy model writes the unmasked source term back; restore reports nothing lost.
    assert post.text == "我在加拿大看到了。"
    [issue] = post.issues
    assert issue.check == "term_not_enforced"
    assert issue.data == {"term": "加拿大", "target": "Canada", "entry": "e1"}
    assert not post.spans


def test_term_and_entity_both_lost(hard_damage: PackageInfo, tmp_path: Path) -> None:
    post = Post(id="p", source="加拿大和@小明。", source_locale="zh-Hans")
    post.text = "XQ9QX和XQ19QX。"
    post.spans["XQ9QX"] = ProtectedSpan("XQ9QX", "加拿大", "term", "Canada")
    post.spans["XQ19QX"] = ProtectedSpan("XQ19QX", "@小明", "mention")
    [post] = _run([post], _step(tmp_path))
    assert post.text == "加拿大和@小明。"
    assert sorted(i.check for i in post.issues) == ["mt_segmented", "term_not_enforced"]


def test_hashtag_text_is_translated_as_its_own_segment(
    copy_zh_en: PackageInfo, tmp_path: Path
) -> None:
    translate = _step(tmp_path, cache=False)
    [post] = _run(_posts(["#加拿大旅游周# 今天出发。"]), translate, hashtags="translate")
    assert post.text == "#加拿大旅游周# 今天出发。"
    engine = load_engine(copy_zh_en)
    assert engine.stats.unique == 2  # the sentence and the hashtag's text


def test_hashtags_keep_sends_no_hashtag_text_to_the_model(
    copy_zh_en: PackageInfo, tmp_path: Path
) -> None:
    translate = _step(tmp_path, cache=False, hashtags="keep")
    [post] = _run(_posts(["#加拿大旅游周# 今天出发。#Travel"]), translate, hashtags="translate")
    assert post.text == "#加拿大旅游周# 今天出发。#Travel"
    assert load_engine(copy_zh_en).stats.unique == 1


def test_sentences_join_by_the_characters_at_the_boundary(
    copy_en_zh: PackageInfo, tmp_path: Path
) -> None:
    # The copy model writes its input back: Latin on both sides of a boundary takes a space
    # even in a Chinese target (it used to come out "lake.It").
    ctx = _ctx(tmp_path, "en", "zh-Hans")
    posts = _run(
        _posts(["I saw @Tom at the lake. It was cold! #Travel"], "en"), _step(tmp_path, ctx)
    )
    assert posts[0].text == "I saw @Tom at the lake. It was cold! #Travel"
    assert posts[0].meta["locale"] == "zh-Hans"


def test_traditional_target_without_a_zt_model_goes_through_simplified(
    copy_en_zh: PackageInfo, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ctx = _ctx(tmp_path, "en", "zh-Hant-HK")
    step = _step(tmp_path, ctx, traditional_model=True)  # asked for, but none is installed
    posts = _run(_posts(["I love 软件 and 链接 @小明.", "More 头发 here."], "en"), step)
    # The copy model writes its input back in "Simplified"; s2hk + the HK vocabulary convert it.
    assert [p.text for p in posts] == ["I love 軟件 and 連結 @小明.", "More 頭髮 here."]
    assert all(p.meta["locale"] == "zh-Hant-HK" for p in posts)
    _run(_posts(["Again 头发."], "en"), step)
    said = capsys.readouterr().err
    assert said.count("translating to Simplified Chinese and converting with OpenCC s2hk") == 1
    assert step.signature_parts()["via"] == "zh-Hans+s2hk+vocabulary"


def test_posts_already_in_the_target_language_are_left_alone(
    copy_zh_en: PackageInfo, tmp_path: Path
) -> None:
    [post] = _run(_posts(["Already English."], "en"), _step(tmp_path))
    assert post.text == "Already English."
    assert "mt" not in post.meta


def test_missing_model_says_which_install_to_run(argos_home: Path, tmp_path: Path) -> None:
    with pytest.raises(ModelError) as err:
        _step(tmp_path).process(_posts(["你好。"]))
    assert "localize models install zh en" in str(err.value)


def test_pinned_model(copy_zh_en: PackageInfo, tmp_path: Path) -> None:
    [post] = _step(tmp_path, model=copy_zh_en.name).process(_posts(["你好。"]))
    assert post.text == "你好。"
    with pytest.raises(ModelError, match="'other' is not installed"):
        _step(tmp_path, model="other").process(_posts(["你好。"]))


def test_signature_names_the_model(copy_zh_en: PackageInfo, tmp_path: Path) -> None:
    assert _step(tmp_path, beam_size=2, num_hypotheses=2).signature_parts()["model"] == (
        copy_zh_en.model_id
    )


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"beam_size": 2, "num_hypotheses": 3}, "cannot exceed beam_size"),
        ({"beam_size": 0}, "beam_size must be >= 1"),
        ({"compute_type": "int3"}, "unknown compute_type"),
        ({"repetition_penalty": 0.0}, "repetition_penalty must be > 0"),
    ],
)
def test_bad_options(options: dict[str, object], message: str, tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=message):
        _step(tmp_path, **options)


@pytest.mark.real_model
def test_real_zh_en_package_keeps_entities(tmp_path: Path) -> None:
    from localize.mt.packages import installed_packages

    if not any((p.from_code, p.to_code) == ("zh", "en") for p in installed_packages()):
        pytest.skip(
            "no real Argos zh->en package installed (run `localize models install zh en` "
            "to enable this test)"
        )
    post = _posts(["今天在@温哥华旅游局 看到了极光[哈哈] 详情 http://t.cn/A6abcd"])
    [out] = _run(post, _step(tmp_path, cache=False))
    for entity in ("@温哥华旅游局", "[哈哈]", "http://t.cn/A6abcd"):
        assert entity in out.text
    assert "XQ" not in out.text
    assert out.text.isascii() or any(c.isascii() and c.isalpha() for c in out.text)


def test_segments_rebuild_the_converted_text_or_become_one() -> None:
    from localize.post import Segment
    from localize.steps.translate import _converted

    segments = [Segment("s1", "后来。", "", "mt"), Segment("s2", "软件", "", "tm")]
    table = {"后来。": "後來。", "软件": "軟體", "后来。软件": "後來。軟體"}
    out = _converted(segments, "後來。軟體", table.__getitem__)
    assert [(s.target, s.origin) for s in out] == [("後來。", "mt"), ("軟體", "tm")]
    # A conversion that reads across the boundary: the post becomes one segment.
    merged = _converted(segments, "後來。軟件", table.__getitem__)
    assert [(s.source, s.target, s.origin) for s in merged] == [("s1s2", "後來。軟件", "mt")]


def test_join_parts_spell_what_join_writes() -> None:
    from localize.mt import splitter

    pieces = [("溫哥華.", " "), ("經濟艙", "\n"), ("Try it.", " "), ("Now", "")]
    parts = splitter.join_parts(pieces)
    assert "".join(s + sep for s, sep in parts) == splitter.join(pieces)
    assert parts[0] == ("溫哥華。", "")


def test_a_masked_terms_glossary_entry_reaches_the_output_record(
    hard_damage: PackageInfo, tmp_path: Path
) -> None:
    """Through a real run: ``terms`` masks 加拿大 as XQ9QX (eight emoticons come first), the
    damaged model can never write a 9, so ``translate`` unmasks the term and reports it, and the
    issue in the output line names the glossary entry ``terms`` recorded."""
    import json

    from click.testing import CliRunner

    from localize.cli import main

    glossary = Path(__file__).resolve().parents[2] / "glossaries" / "canada-tourism.yaml"
    pipeline = tmp_path / "p.yaml"
    pipeline.write_text(
        "name: p\nsource: zh-Hans\ntarget: en\n"
        f"glossaries: [{glossary}]\n"
        "steps: [normalize, protect, terms, {translate: {cache: false}}, restore]\n",
        encoding="utf-8",
    )
    source = tmp_path / "in.jsonl"
    text = "[哈哈]" * 8 + "我爱加拿大。"
    source.write_text(json.dumps({"id": "1", "text": text}, ensure_ascii=False) + "\n", "utf-8")
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(main, ["run", str(pipeline), str(source), "-o", str(out), "-q"])
    assert result.exit_code == 0, result.output
    record = json.loads(out.read_text("utf-8"))
    assert record["result"].endswith("我爱加拿大。")  # the copy model wrote the unmasked term
    [issue] = [i for i in record["issues"] if i["check"] == "term_not_enforced"]
    assert issue["data"] == {"term": "加拿大", "target": "Canada", "entry": "canada"}
