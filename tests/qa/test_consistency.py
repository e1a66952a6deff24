from __future__ import annotations

import json
import pickle
import re
import sys
import unicodedata
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from localize.cli import main
from localize.post import Post
from localize.qa import Checker, Finding
from localize.qa.base import CheckEnv
from localize.qa.consistency import (
    _LETTER,
    _WIDE_FORMS,
    ConsistencyOptions,
    Ledger,
    PendingCheck,
    _judged,
    _memories,
    _nfkc_pieces,
    _without_noise,
    normalise,
    normalise_all,
    pair_hashes,
    pairs_alone,
    sentence_pairs,
    sentences,
)
from localize.steps.base import StepContext
from localize.steps.check import Check, CheckOptions

POSTS = [
    ("1", "今天去了班夫国家公园。", "Today we went to Banff National Park."),
    ("2", "今天去了班夫国家公园。", "Today we visited Banff National Park."),
    ("3", "今天去了贾斯珀国家公园。", "Today we went to Banff National Park."),
    ("4", "今天 去了班夫国家公园。", "today we went to  Banff National Park."),
]


def _findings(checker: Checker, post: tuple[str, str, str]) -> list[Finding]:
    seg = checker.segment(*post, source_locale="zh-Hans", target_locale="en")
    return [f for f in checker.check(seg) if f.check.startswith("inconsistent")]


def test_one_source_two_translations_and_two_sources_one_translation() -> None:
    checker = Checker()
    found = [_findings(checker, post) for post in POSTS]
    assert found[0] == []
    (two,) = found[1]
    assert two.check == "inconsistent_translation"
    assert two.data["posts"] == ["1", "2"]
    assert two.message == (
        "the source sentence \"今天去了班夫国家公园。\" was translated differently in post '1';"
        " here (post '2') it is \"Today we visited Banff National Park.\""
    )
    (three,) = found[2]
    assert three.check == "inconsistent_source"
    assert three.data["posts"] == ["1", "3"]
    # Spacing and case are normalised away: post 4 repeats post 1.
    assert found[3] == []


def test_forgotten_posts_are_not_compared_with_later_ones() -> None:
    checker = Checker()
    assert _findings(checker, POSTS[0]) == []
    checker.forget_posts()
    assert _findings(checker, POSTS[1]) == []  # post 1 is forgotten
    (again,) = _findings(checker, ("5", *POSTS[0][1:]))  # post 2 is not
    assert again.check == "inconsistent_translation" and again.data["posts"] == ["2", "5"]


def test_multi_sentence_posts_pair_sentences_by_position() -> None:
    checker = Checker()
    first = ("a", "天气很好。我们去滑雪了！", "The weather was fine. We went skiing!")
    second = ("b", "天气很好。明天回家。", "Nice weather. Home tomorrow.")
    assert _findings(checker, first) == []
    (found,) = _findings(checker, second)
    assert found.data == {
        "posts": ["a", "b"],
        "source": "天气很好。",
        "target": "Nice weather.",
    }
    assert sentence_pairs("一。二。", "One. Two. Three.") == [("一。二。", "One. Two. Three.")]


def test_short_sentences_are_not_judged() -> None:
    checker = Checker()
    assert _findings(checker, ("a", "谢谢", "Thanks")) == []
    assert _findings(checker, ("b", "谢谢", "Thank you")) == []


def test_memory_is_bounded_by_max_sentences() -> None:
    env = CheckEnv()
    options = ConsistencyOptions(max_sentences=3)
    memories = _memories(env, options)
    for i in range(10):
        pair = (0, hash(normalise(f"句子{i}")), i)
        assert _judged("inconsistent_translation", memories, str(i), [pair], None) == []
    by_translation = memories[0]
    assert len(by_translation.seen) == 3
    assert list(by_translation.seen.values()) == [(7, "7"), (8, "8"), (9, "9")]


def test_works_across_batches_in_a_pipeline_check_step() -> None:
    step = Check(CheckOptions(), StepContext(source="zh-Hans", target="en"))
    batches = [[Post(i, s, text=t, source_locale="zh-Hans")] for i, s, t in POSTS[:3]]
    for batch in batches:
        step.process(batch)
    checks = [[i.check for i in b[0].issues if i.check.startswith("incons")] for b in batches]
    assert checks == [[], ["inconsistent_translation"], ["inconsistent_source"]]


def test_works_in_localize_check(tmp_path: Path) -> None:
    def jsonl(name: str, column: int) -> str:
        path = tmp_path / name
        rows = [{"id": p[0], "text": p[column]} for p in POSTS[:3]]
        path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")
        return str(path)

    src, tgt = jsonl("zh.jsonl", 1), jsonl("en.jsonl", 2)
    result = CliRunner().invoke(
        main, ["check", src, tgt, "--output-format", "json", "--target-locale", "en"]
    )
    findings = json.loads(result.output)["findings"]
    found = {
        (f["id"], f["check"], tuple(f["data"]["posts"]))
        for f in findings
        if f["check"].startswith("inconsistent")
    }
    assert found == {
        ("2", "inconsistent_translation", ("1", "2")),
        ("3", "inconsistent_source", ("1", "3")),
    }


def test_deferred_pairs_judged_in_order_give_the_findings_of_one_checker() -> None:
    # What `--jobs` does: workers defer the checks across posts, the parent judges the pairs.
    posts = [*POSTS, ("5", "我们去多伦多吧！今天去了班夫国家公园。", "Let us go! We went.")]
    direct = Checker()
    expected = [
        [(f.check, f.message, f.data, f.severity) for f in _findings(direct, post)]
        for post in posts
    ]
    assert any(expected), "nothing to compare: the posts raise no finding"
    workers = [Checker(), Checker()]
    for worker in workers:
        worker.defer_across_posts()
    ledger = Ledger()
    for i, post in enumerate(posts):
        worker = workers[i % 2]  # alternate posts between two "workers"
        assert _findings(worker, post) == []  # nothing judged where only a share is seen
        texts = (post[1], post[2])
        found = [
            (p.check, hit.message, hit.data, p.severity)
            for p in worker.take_pending()
            for hit in ledger.judge(p, texts)
        ]
        assert found == expected[i]


@pytest.mark.parametrize(
    "texts",
    [
        ["Ｔｏｄａｙ　ＷＥ", "今天 去了。", "STRASSE Straße", "e\u0301", "\u0301x", "ｶﾞ", "…"],
        ["你好，世界！", "好吗？（是）", "一，\u0301二", "①，②"],  # wide marks, then more NFKC
        ["a\x00b", "c"],  # a NUL of its own: normalised one by one
        ["", " ", "\u200b"],
        [],
    ],
)
def test_normalise_all_is_normalise_of_each(texts: list[str]) -> None:
    assert normalise_all(texts) == [normalise(t) for t in texts]


def test_one_batch_finds_what_posts_one_by_one_find() -> None:
    step = Check(CheckOptions(), StepContext(source="zh-Hans", target="en"))
    batch = [Post(i, s, text=t, source_locale="zh-Hans") for i, s, t in POSTS]
    step.process(batch)
    checks = [[i.check for i in post.issues if i.check.startswith("incons")] for post in batch]
    assert checks == [[], ["inconsistent_translation"], ["inconsistent_source"], []]


def test_a_pending_check_crosses_to_the_parent_process_whole() -> None:
    # --jobs workers pickle one per post; it is pickled as its values, in field order.
    check = PendingCheck(
        "inconsistent_source",
        "p1",
        ((0, 1, 2),),
        5,
        position=3,
        severity="error",
        fails=True,
        memory=4,
    )
    assert pickle.loads(pickle.dumps(check)) == check


# The plain statements of what the faster code in consistency.py does.
SENTENCE_END = re.compile(r"([。！？!?…]+[」』”’\"')）]?\s*|\.[\"'”’)]?\s+)")
NOISE = re.compile(r"[\s\ufffc\u200b-\u200f\u2060\ufeff]+")
TRICKY = "。！？!?….」』”’\"')）) \t\n\u3000\u00a0\ufffc\u200b\u200d\ufeffa.Z中文\x1c\x85"


def _sentences_by_statement(text: str) -> list[str]:
    parts = SENTENCE_END.split(text)
    pieces = [a + b for a, b in zip(parts[:-1:2], parts[1::2], strict=True)] + [parts[-1]]
    return [p for p in pieces if p.strip(" \ufffc")]


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=TRICKY, max_size=30))
def test_sentences_cut_where_the_plain_pattern_cuts(text: str) -> None:
    assert sentences(text) == _sentences_by_statement(text)


@pytest.mark.parametrize(
    "text",
    ["", " ", "无标点", "你好！！」 再见。", "a. b", 'a." b', "a.b. c.", "x…  y", ".\u3000"],
)
def test_sentences_of_common_shapes(text: str) -> None:
    assert sentences(text) == _sentences_by_statement(text)


def test_noise_is_white_space_and_invisibles_of_every_code_point() -> None:
    every = "".join(map(chr, range(sys.maxunicode + 1))).replace("\x00", "")
    assert _without_noise(every) == NOISE.sub("", every)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=TRICKY + "\x00", max_size=40))
def test_noise_dropped_as_the_plain_pattern_drops_it(text: str) -> None:
    assert _without_noise(text) == NOISE.sub("", text)


def test_a_letter_is_what_isalnum_says_of_every_code_point() -> None:
    every = "".join(map(chr, range(sys.maxunicode + 1)))
    assert set(_LETTER.findall(every)) == {ch for ch in every if ch.isalnum()}


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=TRICKY, max_size=20), st.text(alphabet=TRICKY, max_size=20))
def test_sentences_pair_by_position_or_not_at_all(source: str, target: str) -> None:
    src, tgt = sentences(source), sentences(target)
    paired = len(src) == len(tgt) > 1
    assert sentence_pairs(source, target) == (
        list(zip(src, tgt, strict=True)) if paired else [(source, target)]
    )


# Sentences, marks and letters of every kind, NFKC's compatibility forms (Ｔ, ｶﾞ, ﬁ, ①, full-width
# marks), combining marks at the edges of sentences, and the two characters pair_hashes uses.
BATCH = TRICKY + "Ａｔｏｄａｙ去了公园ﬁ①ｶﾞe\u0301\u0301\u0345ΣσςİẞK。！"


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.tuples(st.text(alphabet=BATCH, max_size=24), st.text(alphabet=BATCH, max_size=24)),
        max_size=6,
    ),
    st.integers(min_value=1, max_value=5),
)
def test_pairs_hashed_together_are_those_hashed_one_by_one(
    pairs: list[tuple[str, str]], min_chars: int
) -> None:
    texts = [text for pair in pairs for text in pair]
    assert pair_hashes(texts, min_chars) == [pairs_alone(s, t, min_chars) for s, t in pairs]


@pytest.mark.parametrize(
    "pairs",
    [
        [("今天去了公园。明天去海边！", "Today: the park. Then the sea!"), ("一句话", "one")],
        [("a\x01b. c. d.", "x. y. z."), ("今天。明天。", "今日。明日。")],  # a mark of its own
        # A last piece of spaces and blanks is no sentence: two pairs by position.
        [("今天去了公园。明天去海边。 \ufffc", "Went to the park. Tomorrow the sea."), ("", "")],
        [("a\x00b. c.", "x. y."), ("", "")],  # a separator of its own
        [("Ｓｅｎｔｅｎｃｅ ｏｎｅ． Two.", "ＳＴＲＡＳＳＥ. straße."), (" \ufffc。", "\u200b。")],
    ],
)
def test_pairs_hashed_together_in_common_and_odd_shapes(pairs: list[tuple[str, str]]) -> None:
    texts = [text for pair in pairs for text in pair]
    assert pair_hashes(texts, 4) == [pairs_alone(s, t, 4) for s, t in pairs]
    assert pair_hashes(texts, 2) == [pairs_alone(s, t, 2) for s, t in pairs]


def test_each_wide_form_is_replaced_by_its_full_compatibility_decomposition() -> None:
    for wide, narrow in _WIDE_FORMS:
        assert unicodedata.decomposition(wide) == f"<wide> {ord(narrow):04X}"
        assert unicodedata.decomposition(narrow) == ""  # it decomposes no further


# Full-width marks, with combining marks after them and other compatibility forms beside them
# (which still need NFKC), and the characters the pieces are cut at.
WIDE = BATCH + "，？！：；（）％～\u3000Ａ\u0301\u0327①㎡\x00\x01"


@settings(max_examples=400, deadline=None)
@given(st.lists(st.text(alphabet=WIDE, max_size=12), max_size=6), st.sampled_from("\x00\x01"))
def test_pieces_in_nfkc_are_each_piece_in_nfkc(pieces: list[str], separator: str) -> None:
    pieces = [p.replace(separator, "") for p in pieces]
    expected = separator.join(unicodedata.normalize("NFKC", p) for p in pieces)
    assert _nfkc_pieces(separator.join(pieces), separator) == expected


def test_normalising_keeps_the_two_characters_pair_hashes_cuts_at() -> None:
    # No character normalises or folds into a NUL or a \x01, and those stay as they are.
    for code in range(sys.maxunicode + 1):
        ch = chr(code)
        if ch not in "\x00\x01":
            assert "\x00" not in normalise(ch) and "\x01" not in normalise(ch), hex(code)
    assert normalise("\x00\x01") == "\x00\x01"
