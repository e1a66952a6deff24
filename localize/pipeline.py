"""A pipeline: named steps run in order over batches of posts, with a reproducibility signature."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from importlib import metadata
from itertools import islice
from pathlib import Path
from typing import Any

from localize.config import (
    PipelineConfig,
    instantiate_steps,
    load_pipeline_config,
    parse_pipeline_config,
)
from localize.errors import ConfigError, LocalizeError
from localize.post import Post
from localize.steps.base import Step, StepContext
from localize.steps.contracts import check_order as check_step_order
from localize.text.locales import parse_locale
from localize.text.placeholders import PLACEHOLDER_RE
from localize.text.script import matches_script
from localize.version import __version__

log = logging.getLogger(__name__)

FailureHandler = Callable[[Post, Exception], None]


@dataclass
class _BoundStep:
    step: Step
    when: list[str] | None

    def applies_to(self, post: Post) -> bool:
        return self.when is None or any(matches_script(post.script, w) for w in self.when)


class Pipeline:
    def __init__(
        self,
        config: PipelineConfig,
        *,
        extra_glossaries: Iterable[Path] = (),
        check_order: bool = True,
    ) -> None:
        """``check_order=False`` skips the step-order contracts (see
        :mod:`localize.steps.contracts`), for looking at what a partial pipeline does; a pipeline
        built that way may leave placeholders in its output."""
        self.config = config
        self.context = StepContext(
            pipeline_name=config.name,
            source=config.source,
            target=config.target,
            base_dir=config.base_dir,
            glossary_paths=[*config.glossaries, *extra_glossaries],
        )
        steps = instantiate_steps(config, self.context)
        if check_order:
            check_step_order(
                steps, [s.line for s in config.steps], [s.key for s in config.steps], config.path
            )
        self.steps = [_BoundStep(s, spec.when) for s, spec in zip(steps, config.steps, strict=True)]

    @classmethod
    def from_yaml(cls, path: str | Path, *, glossaries: Iterable[Path] = ()) -> Pipeline:
        return cls(load_pipeline_config(path), extra_glossaries=glossaries)

    @classmethod
    def from_dict(
        cls, data: dict[str, Any], *, base_dir: Path | None = None, glossaries: Iterable[Path] = ()
    ) -> Pipeline:
        config = parse_pipeline_config(data, path=None)
        if base_dir is not None:
            config.path = base_dir / "<inline>"
        return cls(config, extra_glossaries=glossaries)

    @property
    def name(self) -> str:
        return self.config.name

    def use_memory(self, path: str | Path) -> None:
        """Give every ``translate`` step this translation memory (``--memory``)."""
        from localize.steps.translate import Translate

        translates = [b.step for b in self.steps if isinstance(b.step, Translate)]
        if not translates:
            raise ConfigError(
                "--memory needs a pipeline with a translate step",
                hint="A memory holds translations; this pipeline does not translate.",
            )
        for step in translates:
            step.use_memory(Path(path).resolve())

    def make_post(
        self,
        post_id: str,
        text: str,
        *,
        lang: str | None = None,
        fields: dict[str, Any] | None = None,
        origin: tuple[str, int] | None = None,
        keep: Sequence[tuple[int, int]] = (),
    ) -> Post:
        """A post for this pipeline. ``keep``: ranges of ``text`` (sorted, not overlapping)
        masked before any step, so they come out exactly as they went in."""
        post = Post(
            id=post_id,
            source=text,
            # A post's own `lang` in any spelling the locale model knows (zh-TW, zh_cn, en-US).
            source_locale=(parse_locale(lang) or lang) if lang else self.config.source,
            target_locale=self.config.target,
            fields=fields or {},
            origin=origin,
        )
        if keep:
            avoid = {m.group() for m in PLACEHOLDER_RE.finditer(text)}
            pieces: list[str] = []
            last = 0
            for start, end in keep:
                pieces += [text[last:start], post.mask(text[start:end], "markup", avoid=avoid)]
                last = end
            post.text = "".join([*pieces, text[last:]])
        return post

    def process_batch(self, posts: list[Post]) -> list[Post]:
        for bound in self.steps:
            # A step with no ``when`` takes the batch as it is (most steps; no test per post).
            chosen = posts if bound.when is None else [p for p in posts if bound.applies_to(p)]
            if chosen:
                bound.step.process(chosen)
        return posts

    def load(self) -> None:
        """Load what every step runs with now rather than on the first post (see
        :meth:`~localize.steps.base.Step.load`): a process that forks workers does it first."""
        for bound in self.steps:
            bound.step.load()

    def run(
        self,
        posts: Iterable[Post],
        *,
        batch_size: int = 64,
        on_failure: FailureHandler | None = None,
    ) -> Iterator[Post]:
        """Process posts in batches, yielding each finished post in input order.

        If a batch fails unexpectedly, its posts are retried one by one from a clean copy, so a
        single bad post is handed to ``on_failure`` and the others still come out. Errors the
        user must fix (bad config, missing model) stop the run.
        """
        iterator = iter(posts)
        while batch := list(islice(iterator, batch_size)):
            pristine = [p.fresh_copy() for p in batch]
            try:
                yield from self.process_batch(batch)
            except LocalizeError:
                raise
            except Exception:
                if on_failure is None:
                    raise
                log.debug("batch failed; retrying its posts one by one", exc_info=True)
                for post in pristine:
                    try:
                        yield from self.process_batch([post])
                    except LocalizeError:
                        raise
                    except Exception as exc:
                        on_failure(post, exc)

    def signature(self) -> str:
        """``localize:0.1.0|pipeline:NAME|steps:a+b(opt=x)|glossary:HASH|jieba:..|opencc:..``."""
        parts = [f"localize:{__version__}", f"pipeline:{self.name}"]
        if self.config.source or self.config.target:
            parts.append(f"locale:{self.config.source or '?'}>{self.config.target or '?'}")
        steps = []
        for bound in self.steps:
            sig = bound.step.signature()
            if bound.when:
                sig += f"[when={'+'.join(bound.when)}]"
            steps.append(sig)
        parts.append("steps:" + "+".join(steps))
        glossary = self.context.glossary
        if glossary is not None:
            parts.append(f"glossary:{glossary.fingerprint[:12]}")
        libraries = sorted({lib for b in self.steps for lib in b.step.libraries})
        for lib in libraries:
            parts.append(f"{lib}:{_version(lib)}")
        return "|".join(parts)


def _version(dist: str) -> str:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return "?"


def load_pipeline(path: str | Path, *, glossaries: Iterable[Path] = ()) -> Pipeline:
    return Pipeline.from_yaml(path, glossaries=glossaries)
