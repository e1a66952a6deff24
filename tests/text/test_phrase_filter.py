"""The filter that spares a later OpenCC pass the texts it cannot find a phrase in."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from localize.testing.tatoeba import TATOEBA
from localize.text import phrase_filter as module
from localize.text.opencc import converter
from localize.text.wordwise import segmentation_stages

WEIBO = Path(__file__).resolve().parent.parent / "data" / "weibo" / "weibo_senti_100k-sample.csv"
FILTERED = ("s2tw", "s2hk", "s2twp", "hk2s", "tw2s")


def _texts() -> list[str]:
    with WEIBO.open(encoding="utf-8", newline="") as handle:
        posts = [row["review"] for row in csv.DictReader(handle)]
    lines = TATOEBA.read_text(encoding="utf-8").splitlines()
    return posts + [line.split("\t")[1] for line in lines[:3000] if "\t" in line]


def _phrase_texts(config: str) -> list[str]:
    """Every phrase of the later pass, in the forms an input may hold it (the phrase itself,
    its Simplified and Traditional forms), between other characters."""
    phrases = segmentation_stages(config)[1].keys.keys
    forms = set(phrases)
    for other in ("t2s", "s2t", "tw2s", "hk2s"):
        forms |= {converter(other).convert(p) for p in phrases}
    return [f"前{form}后" for form in sorted(forms)]


@pytest.mark.parametrize("config", FILTERED)
def test_no_text_with_a_later_phrase_is_ruled_out(config: str) -> None:
    stage = segmentation_stages(config)[1]
    assert stage.could_match is not None
    texts = _texts() + _phrase_texts(config)
    seen = [stage.before.convert(text) for text in texts]
    found = [t for t, v in zip(texts, seen, strict=True) if len(v) == len(t) and stage.keys.find(v)]
    assert len(found) >= 10  # the phrases do turn up
    missed = [text for text in found if not stage.could_match(text)]
    assert missed == []


def test_most_posts_are_ruled_out() -> None:
    stage = segmentation_stages("s2twp")[1]
    assert stage.could_match is not None
    posts = _texts()
    ruled_out = [text for text in posts if not stage.could_match(text)]
    assert len(ruled_out) > 0.8 * len(posts)


def test_the_filter_is_read_back_from_its_cache_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(module.CACHE_ENV, str(tmp_path))
    calls = []

    def convert(texts: list[str]) -> list[str]:
        calls.append(len(texts))
        return [converter("s2t").convert(t) for t in texts]

    def keys() -> set[str]:
        return {"干", "乾", "幹", "发", "髮", "發", "头发", "的士"}

    files = [WEIBO]
    made = module.phrase_filter(convert, keys, ["頭髮"], files)
    assert made is not None and calls
    assert made.could_match("剪头发") and not made.could_match("出发")
    assert len(list(tmp_path.glob("*.json"))) == 1

    calls.clear()
    again = module.phrase_filter(convert, keys, ["頭髮"], files)
    assert again is not None and calls == []  # nothing converted: read from the file
    assert again.could_match("剪头发") and not again.could_match("出发")

    # A changed file is a miss, even one that still parses: the filter is built again.
    [stored] = tmp_path.glob("*.json")
    stored.write_bytes(stored.read_bytes().replace(b"]}", b', "x"]}'))
    rebuilt = module.phrase_filter(convert, keys, ["頭髮"], files)
    assert calls and rebuilt is not None and rebuilt.could_match("剪头发")
    assert not rebuilt.could_match("x")
    stored.write_bytes(stored.read_bytes()[:-5])  # truncated
    assert module.phrase_filter(convert, keys, ["頭髮"], files) is not None


def test_the_cache_can_be_turned_off(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(module.CACHE_ENV, "off")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    made = module.phrase_filter(lambda texts: list(texts), set, ["的士"], [WEIBO])
    assert made is not None and made.could_match("的士") and not made.could_match("出租车")
    assert list(tmp_path.rglob("*.json")) == []


def test_a_conversion_that_changes_a_length_gives_no_filter(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(module.CACHE_ENV, str(tmp_path))
    made = module.phrase_filter(
        lambda texts: [t.replace("的士", "計程車") for t in texts],
        lambda: {"的士"},
        ["計程車"],
        [WEIBO],
    )
    assert made is None
    # ... and that answer is cached too.
    assert module.phrase_filter(lambda texts: 1 / 0, set, ["計程車"], [WEIBO]) is None  # type: ignore[arg-type,return-value]
