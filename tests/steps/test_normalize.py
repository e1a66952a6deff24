from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from localize.post import Post
from localize.steps.base import StepContext
from localize.steps.normalize import Normalize, NormalizeOptions
from localize.text.entities import find_entities


def normalize(text: str, **options: bool) -> str:
    post = Post(id="1", source=text)
    Normalize(NormalizeOptions(**options), StepContext()).process([post])
    return post.text


def test_removes_trailing_zero_width_space_and_collapses_spaces() -> None:
    assert normalize("加拿大  你好\u200b\u200b ") == "加拿大 你好"


def test_nfc() -> None:
    assert normalize("Montre\u0301al") == "Montréal"


def test_fullwidth_letters_and_digits_but_not_punctuation() -> None:
    assert normalize("ＡＣ０２６航班，好！", fullwidth_ascii=True) == "AC026航班，好！"
    assert normalize("ＡＣ０２６") == "ＡＣ０２６"


def test_entities_are_left_untouched() -> None:
    family = "👨\u200d👩\u200d👧"
    text = f"{family}\u200b @ｎｉｃｋ名 http://a.com/ｘ"
    assert normalize(text, fullwidth_ascii=True) == f"{family} @ｎｉｃｋ名 http://a.com/ｘ"


def test_placeholders_are_left_untouched() -> None:
    assert normalize("XQ1QX\u200b  好") == "XQ1QX 好"


def test_newlines_are_kept_but_trimmed() -> None:
    assert normalize("第一行  \r\n\n\n\n  第二行") == "第一行\n\n第二行"


def test_a_placeholder_shaped_run_inside_a_topic_is_not_copied_twice() -> None:
    assert normalize("#XQ7QX话题# 推荐  软件") == "#XQ7QX话题# 推荐 软件"


def test_the_zero_width_space_that_ends_a_link_stays() -> None:
    # Removing it would make "abc" part of the link; the rest is still normalized.
    text = "看\u200b看  http://t.cn/0000\u200babc\u200b"
    assert normalize(text) == "看看 http://t.cn/0000\u200babc"


def test_the_zero_width_space_that_keeps_a_link_and_a_mention_apart_stays() -> None:
    # Removing it would make one link of "http://example.com/a@华"; the rest is still normalized.
    text = "看\u200b看  http://example.com/a\u200b@华\u200b"
    assert normalize(text) == "看看 http://example.com/a\u200b@华"
    # A t.cn short link ends before "@", which starts a mention either way: nothing to keep.
    assert normalize("http://t.cn/0000\u200b@华") == "http://t.cn/0000@华"


def test_a_full_width_letter_after_a_link_is_not_made_part_of_it() -> None:
    text = "http://t.cn/A6x\uff41 ＡＢ"
    assert normalize(text, fullwidth_ascii=True) == "http://t.cn/A6x\uff41 AB"


def test_an_entity_the_whitespace_rules_would_cut_leaves_the_post_as_it_is() -> None:
    text = "https://www.mtl.org/zh/guide?a=1\x1f"  # the URL ends in a control character
    assert normalize(text) == text


def test_what_the_readme_says_about_zero_width_spaces() -> None:
    # README: the trailing U+200B Weibo appends is dropped by default, kept with zero_width: false.
    from localize.pipeline import Pipeline

    text = "@旅游达人 [哈哈] 好\u200b"
    results = []
    for step in ("normalize", {"normalize": {"zero_width": False}}):
        pipe = Pipeline.from_dict({"name": "zw", "steps": [step]})
        [post] = pipe.run([pipe.make_post("1", text)])
        results.append(post.text)
    assert results == ["@旅游达人 [哈哈] 好", text]


# Pieces of entities, and what normalizing removes, widens or joins around them: whitespace of
# every kind (inside topics and reposts too), zero-width marks (ZWJ/ZWNJ read as letters),
# control characters a URL may end in, full-width letters, combining accents.
NORMALIZE_PIECES = [
    "#", "话题", "Travel", "//@", "旅游达人", ":", " :", "@", "http://t.cn/", "A6x", "www.",
    "a.com", "[", "哈哈", "]", "a@b.com", "👨", "\u200d", "\u200c", "\u200b", "\ufeff", "\u2060",
    " ", "  ", "\t", "\n", "\r", "\r\n", "\n\n\n", "\xa0", "\u3000", "\x85", "\x1f", "ｎｉｃｋ",
    "Ａ", "e\u0301", "好", "x", "_", "。",
]  # fmt: skip


@settings(max_examples=1500, deadline=None)
@example(pieces=["#", "话题", "\r", "好", "#", " "], fullwidth=False)  # a newline would end it
@example(pieces=["//@", "旅游达人", "  ", ":", "\u200b"], fullwidth=False)
@given(
    pieces=st.lists(st.sampled_from(NORMALIZE_PIECES), max_size=14),
    fullwidth=st.booleans(),
)
def test_normalizing_never_changes_an_entity(pieces: list[str], fullwidth: bool) -> None:
    text = "".join(pieces)
    result = normalize(text, fullwidth_ascii=fullwidth)
    assert [e.text for e in find_entities(result)] == [e.text for e in find_entities(text)]


# Blank ends: whitespace of every kind, the zero-width marks, and the controls a URL may end in.
END_PIECES = [" ", "\u200b", "\ufeff", "\u2060", "\n", "\r\n", "\t", "\xa0", "\u3000", "\u2003"]


@settings(max_examples=2000, deadline=None)
@example(lead=[], pieces=["http://t.cn/", "\x1f"], trail=[" "], options=(True, True, False, True))
@example(lead=["\u200b"], pieces=["e\u0301"], trail=[], options=(True, True, False, True))
@example(lead=[], pieces=["#", "话题", "\r", "#"], trail=[" "], options=(True, True, False, True))
@given(
    lead=st.lists(st.sampled_from(END_PIECES), max_size=3),
    pieces=st.lists(st.sampled_from(NORMALIZE_PIECES), max_size=10),
    trail=st.lists(st.sampled_from(END_PIECES), max_size=3),
    options=st.tuples(st.booleans(), st.booleans(), st.booleans(), st.booleans()),
)
def test_a_post_dirty_only_at_its_ends_or_inside_entities_is_its_core(
    lead: list[str], pieces: list[str], trail: list[str], options: tuple[bool, ...]
) -> None:
    # The quick path (_clean_core) gives what the gap-by-gap rules give, whatever the post
    # holds and whichever rules are on.
    nfc, zero_width, fullwidth, whitespace = options
    step = Normalize(NormalizeOptions(nfc, zero_width, fullwidth, whitespace), StepContext())
    text = "".join(lead + pieces + trail)
    assert step.normalize(text) == step._normalize_gaps(text)


def test_dirt_at_the_ends_or_inside_entities_goes_without_the_gap_rules() -> None:
    step = Normalize(NormalizeOptions(), StepContext())
    assert step._clean_core(" [哈哈]好 #话题# \u200b") == "[哈哈]好 #话题#"
    family = "👨\u200d👩\u200d👧"  # its joiners are the emoji's, not the post's to remove
    repost = "//@旅游达人  :"  # two spaces inside an entity: not the rules' to collapse
    assert step._clean_core(f"看{family} {repost} 好\u200b") == f"看{family} {repost} 好"
    assert step._clean_core("好  好\u200b") is None  # two spaces between entities: the rules run
    assert step._clean_core("好\u200d好 [哈哈]") is None  # a joiner outside any entity
    kept = Normalize(NormalizeOptions(zero_width=False), StepContext())
    assert kept._clean_core("好\u200b") == "好\u200b"  # the mark is no dirt: the post stays
    assert kept.normalize("好\u200b") == "好\u200b"
