"""The editor's loop end to end: run, review page, XLIFF, edit, `tm import`, rerun from memory."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from localize.cli import main
from localize.mt.engine import Engine
from localize.testing.fixtures import *  # noqa: F403

ROOT = Path(__file__).resolve().parents[2]
GLOSSARY = ROOT / "glossaries" / "canada-tourism.yaml"
POSTS = [
    {"id": "p1", "text": "@小王 去了温哥华。今天天气很好！"},
    {"id": "p2", "text": "@小李 去了温哥华。"},
    {"id": "p3", "text": "<script>alert(1)</script> 多伦多下雪了"},
]


def pipeline_file(tmp_path: Path) -> Path:
    path = tmp_path / "zh-en.yaml"
    path.write_text(
        f"""name: loop-zh-en
source: zh-Hans
target: en
glossaries: [{GLOSSARY}]
steps:
  - normalize
  - protect: {{kinds: [url, mention, hashtag, emoticon, emoji]}}
  - terms
  - translate: {{beam_size: 1, num_hypotheses: 1}}
  - restore
  - check: {{fail_on: [entity_mismatch]}}
""",
        encoding="utf-8",
    )
    return path


def read_jsonl(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


@pytest.fixture
def model_calls(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every sentence handed to the MT engine (before its cache), in the form the model reads."""
    calls: list[str] = []
    original = Engine.translate

    def spy(self: Engine, sentences: list[str], *args: object, **kwargs: object) -> object:
        calls.extend(sentences)
        return original(self, sentences, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Engine, "translate", spy)
    return calls


def test_edited_xliff_target_comes_back_from_memory_with_no_mt_call(
    copy_zh_en: object, tmp_path: Path, model_calls: list[str]
) -> None:
    runner = CliRunner()
    posts = tmp_path / "posts.jsonl"
    posts.write_text(
        "".join(json.dumps(p, ensure_ascii=False) + "\n" for p in POSTS), encoding="utf-8"
    )
    pipeline = pipeline_file(tmp_path)
    out = tmp_path / "out.jsonl"

    # 1. Run the pipeline: every sentence comes from MT.
    result = runner.invoke(main, ["run", str(pipeline), str(posts), "-o", str(out), "-q"])
    assert result.exit_code == 0, result.output
    first = {r["id"]: r for r in read_jsonl(out)}
    assert [s["origin"] for s in first["p1"]["segments"]] == ["mt", "mt"]  # type: ignore[index]

    # 2. The review page and 3. the XLIFF export.
    assert runner.invoke(main, ["report", str(out), "-o", str(tmp_path / "r.html")]).exit_code == 0
    xlf = tmp_path / "out.xlf"
    assert runner.invoke(main, ["report", str(out), "-o", str(xlf)]).exit_code == 0

    # 4. An editor rewrites the first sentence of p1 in a text editor (the entity and the term
    # are XLIFF codes and stay).
    text = xlf.read_text(encoding="utf-8")
    unit = re.search(r'<trans-unit id="p1-1".*?</trans-unit>', text, re.S)
    assert unit is not None
    edited_unit = re.sub(
        r"(<target[^>]*>.*?</ph>) 去了(.*?)。</target>",
        r"\1 has gone to \2!</target>",
        unit.group(),
        flags=re.S,
    )
    assert edited_unit != unit.group()
    xlf.write_text(text.replace(unit.group(), edited_unit), encoding="utf-8")

    # 5. Import the edited file as memory: only the changed sentence goes in.
    memory = tmp_path / "team.tm"
    result = runner.invoke(main, ["tm", "import", str(xlf), "-m", str(memory)])
    assert result.exit_code == 0, result.output
    assert "1 sentence(s) imported" in result.output
    stats = runner.invoke(main, ["tm", "stats", "-m", str(memory), "--output-format", "json"])
    assert json.loads(stats.output)["pairs"] == [
        {"source": "zh-hans", "target": "en", "sentences": 1}
    ]

    # 6. Rerun with the memory: the edited sentence comes back with origin tm for p1, and for
    # p2, whose mention differs, and the model never sees it.
    model_calls.clear()
    again = tmp_path / "again.jsonl"
    result = runner.invoke(
        main,
        ["run", str(pipeline), str(posts), "-o", str(again), "-q", "--memory", str(memory)],
    )
    assert result.exit_code == 0, result.output
    second = {r["id"]: r for r in read_jsonl(again)}
    assert second["p1"]["result"].startswith("@小王 has gone to Vancouver!")  # type: ignore[union-attr]
    assert second["p2"]["result"] == "@小李 has gone to Vancouver!"
    assert [s["origin"] for s in second["p1"]["segments"]] == ["tm", "cache"]  # type: ignore[index]
    assert [s["origin"] for s in second["p2"]["segments"]] == ["tm"]  # type: ignore[index]
    assert not [c for c in model_calls if "去了" in c]
    assert any("今天天气很好" in c for c in model_calls)  # the other sentence still went to MT


def test_memory_is_never_the_mt_cache(tmp_path: Path) -> None:
    from localize.mt.cache import TranslationCache

    cache = tmp_path / "cache.sqlite3"
    TranslationCache(cache).close()
    result = CliRunner().invoke(main, ["tm", "stats", "-m", str(cache)])
    assert result.exit_code == 2
    assert "not a translation memory" in result.output


def test_tm_import_po_and_tmx_export_import(tmp_path: Path) -> None:
    po = tmp_path / "app.en.po"
    po.write_text(
        'msgid "你好"\nmsgstr "Hello"\n\n#, fuzzy\nmsgid "再见"\nmsgstr "Bye?"\n\n'
        'msgid "谢谢"\nmsgstr ""\n',
        encoding="utf-8",
    )
    runner = CliRunner()
    memory = tmp_path / "m.tm"
    result = runner.invoke(main, ["tm", "import", str(po), "-m", str(tmp_path / "x.tm")])
    assert "0 sentence(s) imported" in result.output
    assert "2 post(s) skipped: the file does not say their locales" in result.output
    locales = ["--source-locale", "zh-CN", "--target-locale", "en"]
    result = runner.invoke(main, ["tm", "import", str(po), "-m", str(memory), *locales])
    assert result.exit_code == 0, result.output
    assert "1 sentence(s) imported" in result.output  # not the fuzzy one, not the empty one
    tmx = tmp_path / "m.tmx"
    assert runner.invoke(main, ["tm", "export", "-m", str(memory), "-o", str(tmx)]).exit_code == 0
    assert "<seg>Hello</seg>" in tmx.read_text(encoding="utf-8")
    other = tmp_path / "other.tm"
    assert runner.invoke(main, ["tm", "import", str(tmx), "-m", str(other)]).exit_code == 0
    stats = runner.invoke(main, ["tm", "stats", "-m", str(other)])
    assert stats.output.splitlines() == [f"{other}: 1 sentence(s)", "  zh-hans -> en: 1"]
