"""``convert``: Simplified <-> Traditional with OpenCC, never inside protected spans.

Protected spans are placeholders of ASCII letters and digits, which no OpenCC dictionary maps,
so the whole working text converts in one call (the engine is :mod:`localize.text.opencc`).

OpenCC's own maximum-match segmentation can glue the end of one word to the next (多伦多只要 ->
多倫多隻要). With ``segmentation: jieba`` OpenCC's phrase matches are kept and jieba is consulted
only where one of them cuts into a word jieba's dictionary is sure of
(:mod:`localize.text.wordwise`). ``vocabulary: true`` layers the shipped region vocabulary for
the config's target (Taiwan or Hong Kong phrases OpenCC lacks, each with its evidence in
``localize/data/region_vocabulary.tsv``). ``config`` is an OpenCC config name (``s2twp`` or
``s2twp.json``) or a custom OpenCC JSON config file, relative to the pipeline file.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from localize.errors import ConfigError
from localize.options import did_you_mean
from localize.post import Post
from localize.steps.base import Step, StepContext
from localize.text.locales import default_opencc_config
from localize.text.opencc import CONFIGS, converter

if TYPE_CHECKING:
    from localize.text.wordwise import Vocabulary, WordwiseConverter


@dataclass
class ConvertOptions:
    config: str = ""  # empty: chosen from the pipeline's target locale
    segmentation: Literal["opencc", "jieba"] = "opencc"
    vocabulary: bool = False  # layer the region vocabulary of the config's target locale
    # Leave a post alone when it is already Simplified: it holds Simplified-only characters and
    # no Traditional-only one. Every other post converts, mixed ones included.
    keep_simplified: bool = False


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
        self.config, self.output_locale = resolve_config(config, context)
        self.converter = converter(self.config)
        self.vocabulary: Vocabulary | None = None
        if options.vocabulary:
            from localize.text.wordwise import region_vocabulary

            self.vocabulary = region_vocabulary(self.output_locale)
        self._wordwise: WordwiseConverter | None = None

    @property
    def wordwise(self) -> WordwiseConverter | None:
        """The word-aware converter, built on first use (it loads jieba and OpenCC's keys), or
        None for plain OpenCC."""
        if self._wordwise is None and (
            self.options.segmentation == "jieba" or self.vocabulary is not None
        ):
            from localize.text.wordwise import WordwiseConverter

            cut = None
            if self.options.segmentation == "jieba":
                # The pipeline's tokenizer (glossary words included), dictionary words only.
                tokens = self.context.tokenizer
                cut = lambda text: tokens.cut(text, hmm=False)  # noqa: E731
            self._wordwise = WordwiseConverter(
                self.converter,
                self.config,
                cut=cut,
                vocabulary=self.vocabulary,
                segmentation=self.options.segmentation,
            )
        return self._wordwise

    def load(self) -> None:
        self.wordwise  # noqa: B018  (OpenCC's keys, the region vocabulary, jieba)

    def process(self, posts: list[Post]) -> list[Post]:
        if self.options.keep_simplified:
            posts_to_convert = [p for p in posts if not _already_simplified(p.text)]
            self._convert(posts_to_convert)
            return posts
        self._convert(posts)
        return posts

    def _convert(self, posts: list[Post]) -> None:
        texts = [p.text for p in posts]
        wordwise = self.wordwise
        if wordwise is not None:
            converted = wordwise.convert_many(texts)
        else:
            converted = self.convert_many(texts)
        for post, text in zip(posts, converted, strict=True):
            tokens = _aligned_tokens(post, text)
            post.text = text
            if tokens is not None:
                post.set_tokens(tokens)
            else:
                post.tokens = None  # a later step segments again if it needs to
            post.meta["locale"] = self.output_locale

    def convert_many(self, texts: list[str]) -> list[str]:
        return self.converter.convert_many(texts)

    def signature_parts(self) -> dict[str, Any]:
        parts = super().signature_parts()
        parts["config"] = self.config
        if self.vocabulary is not None:
            parts["vocabulary"] = self.vocabulary.identity or "none"
        return parts


def _already_simplified(text: str) -> bool:
    from localize.text.script import simplified_only_chars, traditional_only_chars

    chars = set(text)
    return not chars.isdisjoint(simplified_only_chars()) and chars.isdisjoint(
        traditional_only_chars()
    )


def _aligned_tokens(post: Post, converted: str) -> list[str] | None:
    """The tokens of an earlier ``segment`` cut at the same places in the converted text.

    Conversion nearly always keeps every character's place; where it does not (a Taiwan phrase
    of another length), the tokens are dropped and a later step segments again if it needs to.
    """
    tokens = post.current_tokens
    if tokens is None or len(converted) != len(post.text):
        return None
    at = 0  # a running offset: 40% faster than slicing at pairwise(accumulate(...)) offsets
    return [converted[at : (at := at + len(token))] for token in tokens]


def resolve_config(config: str, context: StepContext | None = None) -> tuple[str, str]:
    """``(OpenCC config, locale of its output)`` for a config name, ``name.json`` or a custom
    OpenCC JSON config file (relative paths resolve against the pipeline's folder)."""
    name = config.removesuffix(".json")
    if name in CONFIGS:
        return name, CONFIGS[name]
    if config.endswith(".json"):
        path = context.resolve(config) if context is not None else Path(config)
        if not path.is_file():
            raise ConfigError(
                f"OpenCC config file not found: {config}",
                key="config",
                hint=f"Give a config name ({', '.join(CONFIGS)}) or an existing JSON file"
                f" (looked for {path}).",
            )
        try:
            import opencc

            opencc.OpenCC(str(path))
        except Exception as error:
            raise ConfigError(
                f"OpenCC cannot load config file {config}: {error}",
                key="config",
                hint="Fix the JSON file (see OpenCC's data/config/*.json for the format).",
            ) from error
        target = context.target if context is not None else None
        return str(path), target or ""
    raise ConfigError(
        f"unknown OpenCC config {config!r}.{did_you_mean(name, CONFIGS)}",
        key="config",
        hint=f"Valid configs: {', '.join(CONFIGS)}, or an OpenCC JSON config file.",
    )
