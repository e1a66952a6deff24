"""``segment``: jieba word segmentation (accurate mode); each protected span is one token.

jieba shreds URLs and ``[哈哈]`` and would glue a placeholder to neighbouring digits, so the text
is cut at placeholders first and only the pieces between them go to jieba. The tokens joined
give back the text exactly. jieba's default tokenizer is process-wide and loaded once (every
new ``jieba.Tokenizer`` reloads its dictionary); user dictionaries and glossary terms are added
to it once per file/word.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from localize.errors import ConfigError
from localize.longlived import freeze as freeze_long_lived
from localize.placeholders import PLACEHOLDER_RE
from localize.post import Post
from localize.steps.base import Step, StepContext

_loaded_dicts: set[str] = set()
_added_words: set[str] = set()


@cache  # jieba.initialize() takes a lock and resolves paths on every call
def tokenizer() -> Any:
    import jieba

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    freeze_long_lived()  # jieba's dictionary stays loaded for the whole run
    return jieba.dt


def add_user_dict(path: str) -> None:
    if path in _loaded_dicts:
        return
    tokenizer().load_userdict(path)
    _loaded_dicts.add(path)


def add_word(word: str, freq: int | None = None, tag: str | None = None) -> None:
    # jieba never matches user words that contain spaces, so those are skipped.
    if word in _added_words or not word.strip() or " " in word:
        return
    tokenizer().add_word(word, freq, tag)
    _added_words.add(word)


def segment_text(text: str, *, hmm: bool = True) -> list[str]:
    """Tokens of ``text``; placeholders are whole tokens and ``"".join(tokens) == text``."""
    cut = tokenizer().cut
    if "XQ" not in text:
        return list(cut(text, HMM=hmm))
    tokens: list[str] = []
    last = 0
    for match in PLACEHOLDER_RE.finditer(text):
        if match.start() > last:
            tokens.extend(cut(text[last : match.start()], HMM=hmm))
        tokens.append(match.group())
        last = match.end()
    if last < len(text):
        tokens.extend(cut(text[last:], HMM=hmm))
    return tokens


@dataclass
class SegmentOptions:
    hmm: bool = True
    user_dicts: list[str] = field(default_factory=list)  # jieba user dictionary files
    glossary: bool = True  # add the pipeline's glossary terms as user words


class Segment(Step):
    name = "segment"
    Options = SegmentOptions
    libraries = ("jieba",)

    def __init__(self, options: SegmentOptions, context: StepContext) -> None:
        super().__init__(options, context)
        self.user_dicts = []
        for i, name in enumerate(options.user_dicts):
            path = context.resolve(name)
            if not path.is_file():
                raise ConfigError(
                    f"jieba user dictionary not found: {name}",
                    key="user_dicts",
                    hint=f"Entry {i} is resolved relative to the pipeline file: {path}",
                )
            self.user_dicts.append(str(path))
        self._ready = False

    def _prepare(self) -> None:
        # Deferred to the first batch so that validating a pipeline does not load jieba.
        for path in self.user_dicts:
            add_user_dict(path)
        if self.options.glossary and self.context.glossary is not None:
            for word, freq, tag in self.context.glossary.jieba_words():
                add_word(word, freq, tag)
        self._ready = True

    def process(self, posts: list[Post]) -> list[Post]:
        if not self._ready:
            self._prepare()
        for post in posts:
            post.tokens = segment_text(post.text, hmm=self.options.hmm)
            post.meta["segmented"] = post.text  # lets convert reuse tokens without re-checking
        return posts
