"""``segment``: jieba word segmentation (accurate mode); each protected span is one token.

The engine is :mod:`localize.text.segmenter`: this pipeline's own tokenizer, with its user
dictionaries and glossary terms (never jieba's process-wide one), built on the first batch so
that validating a pipeline does not load jieba. The tokens joined give back the text exactly.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from localize.errors import ConfigError
from localize.post import Post
from localize.steps.base import Step, StepContext
from localize.text.segmenter import Tokenizer, tokenizer


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
        self._tokenizer: Tokenizer | None = None

    @property
    def tokenizer(self) -> Tokenizer:
        if self._tokenizer is None:
            if not self.user_dicts and self.options.glossary:
                self._tokenizer = self.context.tokenizer  # shared with `convert`
            else:
                glossary = self.context.glossary if self.options.glossary else None
                words = glossary.jieba_words() if glossary is not None else ()
                self._tokenizer = tokenizer(self.user_dicts, words)
        return self._tokenizer

    def load(self) -> None:
        # jieba's dictionary with the pipeline's words, and its HMM when the step uses it.
        self.tokenizer.load(hmm=self.options.hmm)

    def process(self, posts: list[Post]) -> list[Post]:
        cut, hmm = self.tokenizer.cut, self.options.hmm
        for post in posts:
            post.set_tokens(cut(post.text, hmm=hmm))
        return posts

    def signature_parts(self) -> dict[str, Any]:
        parts = super().signature_parts()
        words = self.tokenizer.identity
        if words:
            parts["words"] = words  # which user words jieba was given
        return parts
