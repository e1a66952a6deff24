"""``convert``: Simplified <-> Traditional with OpenCC, never inside protected spans.

Protected spans are placeholders of ASCII letters and digits, which no OpenCC dictionary maps,
so the whole working text converts in one call (the engine is :mod:`localize.text.opencc`).

OpenCC's own maximum-match segmentation can glue the end of one word to the next (多伦多只要 ->
多倫多隻要). With ``segmentation: jieba`` each jieba token converts on its own (the tokens from
an earlier ``segment`` step are reused and converted too), which is what OpenCC's jieba plugin
does; put ``segment`` before ``convert`` then, since jieba's dictionary is Simplified.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from localize.errors import ConfigError
from localize.options import did_you_mean
from localize.post import Post
from localize.steps.base import Step, StepContext
from localize.text.locales import default_opencc_config
from localize.text.opencc import CONFIGS, converter
from localize.text.segmenter import Tokenizer


@dataclass
class ConvertOptions:
    config: str = ""  # empty: chosen from the pipeline's target locale
    segmentation: Literal["opencc", "jieba"] = "opencc"


class Convert(Step):
    name = "convert"
    Options = ConvertOptions
    libraries = ("opencc",)

    def __init__(self, options: ConvertOptions, context: StepContext) -> None:
        super().__init__(options, context)
        config = options.config or default_opencc_config(context.target) or ""
        if not config:
            raise ConfigError(
                "convert needs a config: the pipeline's target locale does not imply one",
                key="config",
                hint=f"Set `convert: {{config: s2twp}}`; valid configs: {', '.join(CONFIGS)}.",
            )
        if config not in CONFIGS:
            raise ConfigError(
                f"unknown OpenCC config {config!r}.{did_you_mean(config, CONFIGS)}",
                key="config",
                hint=f"Valid configs: {', '.join(CONFIGS)}.",
            )
        self.config = config
        self.output_locale = CONFIGS[config]
        self.converter = converter(config)

    def process(self, posts: list[Post]) -> list[Post]:
        if self.options.segmentation == "jieba":
            pieces = [self._tokens(post) for post in posts]
            flat = self.converter.convert_many([t for tokens in pieces for t in tokens])
            at = 0
            for post, tokens in zip(posts, pieces, strict=True):
                converted, at = flat[at : at + len(tokens)], at + len(tokens)
                post.text = "".join(converted)
                if post.tokens is not None:
                    post.tokens = converted
                    post.meta["segmented"] = post.text
        else:
            texts = self.converter.convert_many([p.text for p in posts])
            for post, text in zip(posts, texts, strict=True):
                post.text = text
        for post in posts:
            post.meta["locale"] = self.output_locale
        return posts

    def _tokens(self, post: Post) -> list[str]:
        # Tokens from `segment` are reused only if no step changed the text since.
        if post.tokens is not None and post.meta.get("segmented") is post.text:
            return post.tokens
        return self.tokenizer.cut(post.text)

    @property
    def tokenizer(self) -> Tokenizer:
        """The pipeline's tokenizer (with its glossary words), as ``segment`` uses it."""
        return self.context.tokenizer

    def signature_parts(self) -> dict[str, Any]:
        parts = super().signature_parts()
        parts["config"] = self.config
        return parts
