"""Markdown articles: prose blocks are posts; code, links' targets, images, front matter stay."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from localize.cli import main
from localize.io.markdown import splice
from localize.io.readers import Record, read_records

ARTICLE = """\
---
title: 软件和网络
tags: [后来]
---
# 后来的软件 #

后来我们用`软件.exe`写了[软件指南](https://example.com/软件?q=后来)，\r
见![后来的图](img/后来.png)。

- 列表里的软件
  和网络
> 引用的软件

```python
print("软件和网络")  # 后来
```

    缩进的软件代码

<div>后来的HTML</div>
"""


def tw_pipeline(tmp_path: Path) -> str:
    """Simplified to Traditional (Taiwan) with OpenCC: no model needed. Not the Weibo pipeline,
    whose emoticon rule would protect a link's [text] as a Weibo [emoticon]."""
    path = tmp_path / "md-tw.yaml"
    path.write_text(
        "name: md-tw\nsource: zh-Hans\ntarget: zh-Hant-TW\nsteps:\n"
        "  - protect: {kinds: [url, mention]}\n  - convert: {config: s2twp}\n  - restore\n",
        encoding="utf-8",
    )
    return str(path)


def write_article(tmp_path: Path) -> Path:
    path = tmp_path / "article.md"
    path.write_bytes(ARTICLE.encode("utf-8"))
    return path


def test_blocks_are_posts_with_their_lines(tmp_path: Path) -> None:
    records = [r for r in read_records([str(write_article(tmp_path))]) if isinstance(r, Record)]
    assert [(r.line, r.text) for r in records] == [
        (5, "后来的软件"),
        (
            7,
            "后来我们用`软件.exe`写了[软件指南](https://example.com/软件?q=后来)，\n"
            "见![后来的图](img/后来.png)。",
        ),
        (10, "列表里的软件\n和网络"),
        (12, "引用的软件"),
    ]
    assert records[2].fields["markdown"]["prefixes"] == ["- ", "  "]


def test_run_translates_prose_and_keeps_everything_else_byte_for_byte(tmp_path: Path) -> None:
    source = write_article(tmp_path)
    out = tmp_path / "article.zh-TW.md"
    result = CliRunner().invoke(
        main, ["run", tw_pipeline(tmp_path), str(source), "-o", str(out), "-q"]
    )
    assert result.exit_code == 0, result.output
    expected = (
        ARTICLE.replace("# 后来的软件 #", "# 後來的軟體 #")
        .replace("后来我们用`软件.exe`写了[软件指南]", "後來我們用`软件.exe`寫了[軟體指南]")
        .replace("见![后来的图](img/后来.png)", "見![後來的圖](img/后来.png)")
        .replace("- 列表里的软件\n  和网络", "- 列表裡的軟體\n  和網路")
        .replace("> 引用的软件", "> 引用的軟體")
    )
    assert out.read_bytes() == expected.encode("utf-8")  # \r\n, code, HTML, front matter kept


def test_a_translation_that_breaks_a_link_or_code_keeps_the_source_block() -> None:
    source = "Intro\n\nSee [the guide](https://a.example/x) and `run()`.\n"
    record = {
        "text": "See [the guide](https://a.example/x) and `run()`.",
        "markdown": {"file": "a.md", "start": 2, "prefixes": [""], "suffixes": [""]},
    }
    broken = {**record, "result": "Voir [le guide](https://a.example/y) et `run()`."}
    text, notes = splice(source, [broken])
    assert text == source
    assert notes == [
        "line 3: kept untranslated: the translation changed the link 'https://a.example/x'"
    ]
    good = {**record, "result": "Voir [le guide](https://a.example/x) et `run()`."}
    text, notes = splice(source, [good])
    assert text == "Intro\n\nVoir [le guide](https://a.example/x) et `run()`.\n" and notes == []


def test_report_writes_the_article_from_a_run_output(tmp_path: Path) -> None:
    source = write_article(tmp_path)
    out = tmp_path / "out.jsonl"
    runner = CliRunner()
    result = runner.invoke(main, ["run", tw_pipeline(tmp_path), str(source), "-o", str(out), "-q"])
    assert result.exit_code == 0, result.output
    assert all("markdown" in json.loads(line) for line in out.read_text("utf-8").splitlines())
    article = tmp_path / "again.md"
    result = runner.invoke(main, ["report", str(out), "-o", str(article)])
    assert result.exit_code == 0, result.output
    assert "# 後來的軟體 #" in article.read_text(encoding="utf-8")
