"""``convert``: Simplified <-> Traditional with OpenCC, never inside protected spans.

Protected spans are placeholders of ASCII letters and digits, which no OpenCC dictionary maps,
so the whole working text converts in one call. One converter per config per process: building
one loads its dictionaries.

OpenCC's own maximum-match segmentation can glue the end of one word to the next (多伦多只要 ->
多倫多隻要). With ``segmentation: jieba`` each jieba token converts on its own (the tokens from
an earlier ``segment`` step are reused and converted too), which is what OpenCC's jieba plugin
does; put ``segment`` before ``convert`` then, since jieba's dictionary is Simplified.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any, Literal

from localize.errors import ConfigError
from localize.post import Post
from localize.steps.base import Step, StepContext

# Config -> the locale its output is in.
CONFIGS = {
    "s2t": "zh-Hant",
    "t2s": "zh-Hans",
    "s2tw": "zh-Hant-TW",
    "tw2s": "zh-Hans",
    "s2twp": "zh-Hant-TW",
    "tw2sp": "zh-Hans",
    "s2hk": "zh-Hant-HK",
    "hk2s": "zh-Hans",
    "s2hkp": "zh-Hant-HK",
    "hk2sp": "zh-Hans",
    "t2tw": "zh-Hant-TW",
    "tw2t": "zh-Hant",
    "t2hk": "zh-Hant-HK",
    "hk2t": "zh-Hant",
    "t2jp": "ja",
    "jp2t": "zh-Hant",
}

# What to use when a pipeline gives no config: by target locale (from Simplified input).
_DEFAULT_FOR_TARGET = {
    "zh-Hant": "s2t",
    "zh-Hant-TW": "s2twp",
    "zh-Hant-HK": "s2hk",
    "zh-Hans": "t2s",
}


class _Converter:
    """An OpenCC converter that is safe for any Python string.

    OpenCC's binding passes text as a C string, so everything after a NUL character is silently
    dropped; NULs are split out and put back.
    """

    def __init__(self, config: str) -> None:
        import opencc

        self._opencc = opencc.OpenCC(config)

    def convert(self, text: str) -> str:
        if "\x00" in text:
            return "\x00".join(self._opencc.convert(piece) for piece in text.split("\x00"))
        result: str = self._opencc.convert(text)
        return result


@cache
def converter(config: str) -> _Converter:
    return _Converter(config)


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
        config = options.config or _DEFAULT_FOR_TARGET.get(context.target or "", "")
        if not config:
            raise ConfigError(
                "convert needs a config: the pipeline's target locale does not imply one",
                key="config",
                hint=f"Set `convert: {{config: s2twp}}`; valid configs: {', '.join(CONFIGS)}.",
            )
        if config not in CONFIGS:
            from localize.config import did_you_mean

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
            flat = self.convert_many([t for tokens in pieces for t in tokens])
            at = 0
            for post, tokens in zip(posts, pieces, strict=True):
                converted, at = flat[at : at + len(tokens)], at + len(tokens)
                post.text = "".join(converted)
                if post.tokens is not None:
                    post.tokens = converted
                    post.meta["segmented"] = post.text
        else:
            for post, text in zip(posts, self.convert_many([p.text for p in posts]), strict=True):
                post.text = text
        for post in posts:
            post.meta["locale"] = self.output_locale
        return posts

    @staticmethod
    def _tokens(post: Post) -> list[str]:
        # Tokens from `segment` are reused only if no step changed the text since.
        if post.tokens is not None and post.meta.get("segmented") is post.text:
            return post.tokens
        from localize.steps.segment import segment_text

        return segment_text(post.text)

    def convert_many(self, texts: list[str]) -> list[str]:
        """Convert each text on its own, in one OpenCC call.

        OpenCC's binding costs ~20 us a call whatever the length, more than converting a whole
        post, so a batch goes through as one string; the separator is a private-use character
        that no dictionary phrase contains, so nothing converts across it.
        """
        if not texts:
            return []
        joined = _SEPARATOR.join(texts)
        if joined.count(_SEPARATOR) == len(texts) - 1:  # no text holds the separator itself
            out = self.converter.convert(joined).split(_SEPARATOR)
            if len(out) == len(texts):
                return out
        return [self.converter.convert(t) for t in texts]

    def signature_parts(self) -> dict[str, Any]:
        parts = super().signature_parts()
        parts["config"] = self.config
        return parts


_SEPARATOR = "\ue000"


def convert_text(text: str, config: str) -> str:
    """Plain OpenCC conversion with a cached converter (no entity protection)."""
    return converter(config).convert(text)
