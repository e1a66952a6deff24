"""``translate``: machine translation of the working text with Argos packages, batched.

All sentences of all posts in a batch go to the model together (see :mod:`localize.mt.engine`).
Protected entities and glossary terms stay masked through MT, in a placeholder form the model's
tokenizer keeps (:mod:`localize.mt.masking`). When a translation loses a placeholder, the rescue
in :mod:`localize.mt.rescue` (n-best, unmasked terms, translating around entities) takes over;
this step reports what it did as ``term_not_enforced`` (naming the glossary entry) and
``mt_segmented`` issues. This step is the adapter: it splits posts into sentences, collapses
translated hashtags and joins the results. Hashtags whose hash marks ``protect`` masked
on their own (``protect: {hashtags: translate}``) have their inner text translated as a segment
of its own and keep the ``#…#`` form, unless this step says ``hashtags: keep``.

With ``memory: PATH`` (a translation memory, :mod:`localize.tm`), a sentence whose masked,
normalised form is in the memory takes the memory's translation and never reaches MT.

After this step ``post.text`` is target-language text that still carries placeholders
(``restore`` puts the originals back), ``post.meta["locale"]`` is the target locale,
``post.meta["mt"]`` names the model and ``post.segments`` lists the sentences
(:class:`~localize.post.Segment`: source, target, the separator after it, and where the target
came from: ``tm``, ``cache``, ``mt``, or ``copy`` when there was nothing to translate).
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from localize.errors import ConfigError
from localize.mt.decoding import DecodingOptions, check_engine_options
from localize.mt.rescue import Unit, translatable, translate_units
from localize.post import Origin, Post, Segment
from localize.steps.base import PROTECTED, Step, StepContext
from localize.text.locales import is_chinese, normalize_locale
from localize.text.placeholders import PLACEHOLDER_RE

if TYPE_CHECKING:
    from localize.mt.cache import TranslationCache
    from localize.mt.engine import Engine
    from localize.mt.splitter import Piece
    from localize.tm import TranslationMemory

_GROUP_KIND = "hashtag-text"  # temporary span standing for a hashtag whose text is translated


@dataclass
class TranslateOptions:
    engine: Literal["argos"] = "argos"
    model: str | None = None  # pin a package: folder name (see `localize models list`) or version
    source: str | None = None  # locale MT reads; default: each post's current locale
    target: str | None = None  # locale MT writes; default: the pipeline's target
    beam_size: int = 4
    num_hypotheses: int = 4  # n-best searched for a hypothesis that keeps every placeholder
    compute_type: str = "int8"
    threads: int = 0  # 0: CTranslate2's default
    device: Literal["cpu", "cuda"] = "cpu"  # cuda: an NVIDIA GPU (CTranslate2's CUDA build)
    max_batch_tokens: int = 4096
    max_decoding_length: int = 256
    repetition_penalty: float = 1.0
    no_repeat_ngram_size: int = 0
    cache: bool | str = True  # true: user cache dir; false: off; a string: that SQLite file
    hashtags: Literal["translate", "keep"] = "translate"
    # For a Traditional target (zh-Hant, zh-Hant-TW, zh-Hant-HK): use an Argos ...->zt package
    # when one is installed. Otherwise (and by default) MT writes Simplified and the target's
    # OpenCC config plus the region vocabulary converts it.
    traditional_model: bool = False
    memory: str | None = None  # a translation memory file (`localize tm import`); read only


class Translate(Step):
    name = "translate"
    Options = TranslateOptions
    requires = frozenset({PROTECTED})

    def __init__(self, options: TranslateOptions, context: StepContext) -> None:
        super().__init__(options, context)
        self._converter: Any = None  # Simplified -> the Traditional target, built on first use
        o = options
        if o.source is not None:
            o.source = normalize_locale(o.source, key="source")
        if o.target is not None:
            o.target = normalize_locale(o.target, key="target")
        # The MT rules live with MT (localize.mt.decoding); both raise located ConfigErrors.
        check_engine_options(o.compute_type, o.threads, o.max_batch_tokens)
        self.decoding = DecodingOptions(
            beam_size=o.beam_size,
            num_hypotheses=o.num_hypotheses,
            max_decoding_length=o.max_decoding_length,
            repetition_penalty=o.repetition_penalty,
            no_repeat_ngram_size=o.no_repeat_ngram_size,
        )
        if (o.target or context.target) is None:
            raise ConfigError(
                "translate needs a target locale",
                key="target",
                hint="Set `target:` in the pipeline or `translate: {target: en}`.",
            )

    # -- configuration -------------------------------------------------------------------------

    @cached_property
    def cache(self) -> TranslationCache | None:
        from localize.mt.cache import TranslationCache

        setting = self.options.cache
        if setting is False:
            return None
        if setting is True:
            return TranslationCache()
        return TranslationCache(self.context.resolve(setting))

    def use_memory(self, path: Path) -> None:
        self.options.memory = str(path)
        self.__dict__.pop("memory", None)  # reopen on next use

    @cached_property
    def memory(self) -> TranslationMemory | None:
        from localize.tm import TranslationMemory

        if self.options.memory is None:
            return None
        return TranslationMemory(self.context.resolve(self.options.memory), readonly=True)

    @cached_property
    def glossary_fingerprint(self) -> str:
        """The glossary's own fingerprint (the one in the pipeline signature): a changed
        glossary must not reuse cached sentences."""
        glossary = self.context.glossary
        return glossary.fingerprint[:16] if glossary is not None else ""

    @property
    def target(self) -> str:
        target = self.options.target or self.context.target
        assert target is not None  # checked in __init__
        return target

    def _source_of(self, post: Post) -> str:
        source = self.options.source or post.locale or self.context.source
        if source is None:
            raise ConfigError(
                f"post {post.id}: unknown source locale for translate",
                key="source",
                hint="Set `source:` in the pipeline, a `lang` field, or `translate: {source: zh}`.",
            )
        return source

    def engine_for(self, source: str) -> Engine:
        from localize.mt.engine import load_engine
        from localize.mt.packages import argos_code, find_package

        mt_target, _ = self.plan(source)
        package = find_package(argos_code(source), argos_code(mt_target), self.options.model)
        return load_engine(
            package,
            compute_type=self.options.compute_type,
            threads=self.options.threads,
            device=self.options.device,
        )

    def plan(self, source: str) -> tuple[str, str | None]:
        """``(locale MT writes, OpenCC config that converts it to the target or None)``."""
        from localize.errors import ModelError
        from localize.mt.packages import argos_code, find_package
        from localize.text.locales import default_opencc_config

        if argos_code(self.target) != "zt" or argos_code(source) == "zh":
            return self.target, None
        if self.options.traditional_model:
            try:
                find_package(argos_code(source), "zt", self.options.model)
                return self.target, None
            except ModelError:
                pass
        return "zh-Hans", default_opencc_config(self.target)

    def _conversion(self, source: str, config: str) -> Any:
        from localize.mt.packages import argos_code
        from localize.text.opencc import CONFIGS, converter
        from localize.text.segmenter import tokenizer
        from localize.text.wordwise import WordwiseConverter, region_vocabulary

        if self._converter is None:
            words = tokenizer()
            self._converter = WordwiseConverter(
                converter(config),
                config,
                cut=lambda text: words.cut(text, hmm=False),
                vocabulary=region_vocabulary(CONFIGS[config]),
            )
            _say_once(
                f"translate: no {argos_code(source)} -> zt model asked for or installed;"
                f" translating to Simplified Chinese and converting with OpenCC {config}"
                f" plus the region vocabulary ({self.target})."
            )
        return self._converter

    def signature_parts(self) -> dict[str, Any]:
        parts = super().signature_parts()
        source = self.options.source or self.context.source
        if source is not None:
            from localize.errors import ModelError
            from localize.mt.packages import argos_code, find_package

            mt_target, config = self.plan(source)
            try:
                package = find_package(
                    argos_code(source), argos_code(mt_target), self.options.model
                )
                parts["model"] = package.model_id
            except ModelError:
                pass
            if config is not None:
                parts["via"] = f"zh-Hans+{config}+vocabulary"
        return parts

    # -- processing ----------------------------------------------------------------------------

    def process(self, posts: list[Post]) -> list[Post]:
        from localize.mt.packages import argos_code

        groups: dict[str, list[Post]] = {}
        for post in posts:
            source = self._source_of(post)
            if argos_code(source) == argos_code(self.target):
                post.meta["locale"] = self.target  # already in the target language
                continue
            groups.setdefault(source, []).append(post)
        for source, group in groups.items():
            _, config = self.plan(source)
            convert = self._conversion(source, config).convert if config is not None else None
            self._translate_group(self.engine_for(source), source, group, convert)
        return posts

    def _translate_group(
        self,
        engine: Engine,
        source: str,
        posts: list[Post],
        convert: Callable[[str], str] | None = None,
    ) -> None:
        from localize.mt import splitter

        layouts: list[tuple[Post, list[tuple[Unit, str]], list[tuple[str, str, Unit | str, str]]]]
        layouts = []
        units: list[tuple[Post, Unit]] = []
        for post in posts:
            text, hashtag_groups = self._collapse_hashtags(post)
            pieces = []
            for sentence, sep in _attach_trailing_entities(splitter.split(text, source)):
                unit = _unit(post, sentence)
                units.append((post, unit))
                pieces.append((unit, sep))
            groups: list[tuple[str, str, Unit | str, str]] = []
            for temp, opening, inner, closing in hashtag_groups:
                if self.options.hashtags == "translate":
                    unit = _unit(post, inner)
                    units.append((post, unit))
                    groups.append((temp, opening, unit, closing))
                else:
                    groups.append((temp, opening, inner, closing))
            layouts.append((post, pieces, groups))

        # Where each unit's translation comes from (by unit identity): the memory first.
        origins: dict[int, Origin] = {}
        todo = self._recall(source, units, origins) if self.memory is not None else units
        cached: set[str] = set()
        translate_units(
            [unit for _, unit in todo],
            engine.form,
            lambda texts: self._translate(engine, texts, cached),
            spaced=not is_chinese(self.target),
        )
        for _, unit in todo:
            origins[id(unit)] = _origin(unit, engine.form.to_model(unit.text), cached)
        self._report(units)

        for post, pieces, groups in layouts:
            segments = _segments(pieces, origins)
            text = "".join(seg.target + seg.sep for seg in segments)
            for temp, opening, tag_text, closing in groups:
                inner_out = tag_text if isinstance(tag_text, str) else (tag_text.out or "")
                text = text.replace(temp, opening + inner_out + closing)
                for seg in segments:
                    seg.source = seg.source.replace(temp, post.spans[temp].original)
                    seg.target = seg.target.replace(temp, opening + inner_out + closing)
                del post.spans[temp]
            post.text = convert(text) if convert is not None else text
            post.segments = _converted(segments, post.text, convert)
            post.meta["locale"] = self.target
            post.meta["mt"] = engine.model_id

    def _collapse_hashtags(self, post: Post) -> tuple[str, list[tuple[str, str, str, str]]]:
        """Stand in one placeholder for each hashtag whose text is unmasked between its marks."""
        text = post.text
        opens = [
            m
            for m in PLACEHOLDER_RE.finditer(text)
            if (span := post.spans.get(m.group())) is not None and span.is_hashtag_mark("open")
        ]
        if not opens:
            return text, []
        groups: list[tuple[str, str, str, str]] = []
        out: list[str] = []
        last = 0
        for m in opens:
            if m.start() < last:
                continue
            mark = post.spans[m.group()].hashtag_mark
            tag = mark.tag if mark is not None else ""
            rest = text[m.end() :]
            closing = ""
            close = post.hashtag_close(tag, m.end())
            if tag.endswith("#") and len(tag) > 2 and close is not None:
                inner, closing, end = text[m.end() : close.start()], close.group(), close.end()
            else:
                word = re.match(r"\w+", rest)
                inner = word.group() if word else ""
                end = m.end() + len(inner)
            temp = post.mask(text[m.start() : end], _GROUP_KIND)
            groups.append((temp, m.group(), inner, closing))
            out.append(text[last : m.start()])
            out.append(temp)
            last = end
        out.append(text[last:])
        return "".join(out), groups

    # -- what the rescue did, as issues on the posts ------------------------------------------

    def _report(self, units: list[tuple[Post, Unit]]) -> None:
        for post, unit in units:
            for placeholder in unit.unmasked:
                self._term_not_enforced(post, placeholder)
        for post, unit in units:
            if unit.segmented:
                post.add_issue(
                    "mt_segmented",
                    "a placeholder did not survive MT; the text around it was translated in pieces",
                    severity="info",
                    step=self.name,
                )

    def _recall(
        self, source: str, units: list[tuple[Post, Unit]], origins: dict[int, Origin]
    ) -> list[tuple[Post, Unit]]:
        """Take the memory's translation where it has one; return the units still to translate."""
        from localize.tm import language_pair, mask_key, unmask

        assert self.memory is not None
        masked = [
            mask_key(unit.text, {p: s.kind for p, s in post.spans.items()}) for post, unit in units
        ]
        found = self.memory.lookup(*language_pair(source, self.target), (m.key for m in masked))
        rest = []
        for (post, unit), segment in zip(units, masked, strict=True):
            stored = found.get(segment.key)
            target = unmask(stored, segment) if stored is not None else None
            if target is None:
                rest.append((post, unit))
            else:
                unit.out, origins[id(unit)] = target, "tm"
        return rest

    def _translate(
        self, engine: Engine, texts: list[str], cached: set[str] | None = None
    ) -> list[list[str]]:
        return engine.translate(
            texts,
            self.decoding,
            max_batch_tokens=self.options.max_batch_tokens,
            cache=self.cache,
            glossary_fingerprint=self.glossary_fingerprint,
            cached=cached,
        )

    def _term_not_enforced(self, post: Post, placeholder: str) -> None:
        span = post.spans.pop(placeholder)
        post.add_issue(
            "term_not_enforced",
            f"glossary term {span.original!r} did not survive MT as a placeholder; "
            f"the sentence was translated without it, so {span.restored!r} may be missing",
            step=self.name,
            term=span.original,
            target=span.restored,
            **({"entry": span.entry_id} if span.entry_id is not None else {}),
        )


def _origin(unit: Unit, model_text: str, cached: set[str]) -> Origin:
    """Where a translated unit's text came from: nowhere (nothing to translate), the MT cache
    (what the model would read was served from it), or the model."""
    if not translatable(unit.text):
        return "copy"
    return "cache" if model_text in cached and not unit.segmented else "mt"


def _segments(pieces: list[tuple[Unit, str]], origins: dict[int, Origin]) -> list[Segment]:
    """The post's sentences as ``join`` writes them, with the separators it puts after them."""
    from localize.mt import splitter

    joined = splitter.join_parts([(u.out or "", sep) for u, sep in pieces])
    return [
        Segment(unit.text, out, sep, origins.get(id(unit), "mt"))
        for (unit, _), (out, sep) in zip(pieces, joined, strict=True)
    ]


def _converted(
    segments: list[Segment], text: str, convert: Callable[[str], str] | None
) -> list[Segment]:
    """The segments after the OpenCC conversion of a Traditional target: each converted on its
    own; if that does not spell the post's converted text (a phrase across two sentences), the
    post is one segment, so the segments always rebuild the text."""
    if convert is None:
        return segments
    out = [Segment(s.source, convert(s.target), s.sep, s.origin) for s in segments]
    if "".join(s.target + s.sep for s in out) == text:
        return out
    origins = {s.origin for s in segments}
    origin: Origin = segments[0].origin if len(origins) == 1 else "mt"
    return [Segment("".join(s.source + s.sep for s in segments), text, "", origin)]


def _attach_trailing_entities(pieces: list[Piece]) -> list[tuple[str, str]]:
    """A piece with nothing to translate ("[哈哈]" after "你好。") joins the sentence before it,
    with the space it had, so that joining sentences never moves it."""
    out: list[tuple[str, str]] = []
    for piece in pieces:
        if out and out[-1][0] and "\n" not in out[-1][1] and not translatable(piece.text):
            text, sep = out[-1]
            out[-1] = (text + sep + piece.text, piece.sep)
        else:
            out.append((piece.text, piece.sep))
    return out


def _unit(post: Post, text: str) -> Unit:
    """A unit of ``text``, knowing the source text of each glossary term it masks."""
    terms = {
        m.group(): span.original
        for m in PLACEHOLDER_RE.finditer(text)
        if (span := post.spans.get(m.group())) is not None and span.kind == "term"
    }
    return Unit(text, terms)


_said: set[str] = set()


def _say_once(message: str) -> None:
    """Tell the user once per process (on stderr) about a choice made for them."""
    if message not in _said:
        _said.add(message)
        print(message, file=sys.stderr)
