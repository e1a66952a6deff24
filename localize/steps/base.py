"""What every step is: typed options, a shared context, and ``process(batch) -> batch``.

Steps see a whole batch so that machine translation can batch sentences across posts, while
cheap steps just loop over ``process_post``. Options are a dataclass named by the step class;
:mod:`localize.config` validates YAML against its field types and defaults, so a step never sees
an option of the wrong type.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from localize.options import NoOptions
from localize.post import Post
from localize.text.segmenter import Tokenizer, tokenizer

if TYPE_CHECKING:
    from localize.glossary import Glossary


@dataclass
class StepContext:
    """What the pipeline tells its steps about the run as a whole."""

    pipeline_name: str = "adhoc"
    source: str | None = None  # source locale, e.g. zh-Hans
    target: str | None = None  # target locale, e.g. zh-Hant-TW
    base_dir: Path = field(default_factory=Path.cwd)  # relative paths in options resolve here
    glossary_paths: list[Path] = field(default_factory=list)

    @cached_property
    def glossary(self) -> Glossary | None:
        """All glossaries of the pipeline merged, loaded on first use; None when there are none."""
        if not self.glossary_paths:
            return None
        from localize.glossary import load_glossaries

        return load_glossaries(self.glossary_paths)

    @cached_property
    def tokenizer(self) -> Tokenizer:
        """jieba with this pipeline's glossary words (its own, never the process-wide one)."""
        glossary = self.glossary
        return tokenizer(words=glossary.jieba_words() if glossary is not None else ())

    def resolve(self, path: str | Path) -> Path:
        p = Path(path).expanduser()
        return p if p.is_absolute() else self.base_dir / p


# What holds for a post's working text between steps; step contracts speak of these facts
# (checked by :mod:`localize.steps.contracts` when a pipeline is built).
PROTECTED = "protected"  # Weibo entities are masked (``protect`` ran)
MASKED = "masked"  # the text holds placeholders that ``restore`` must put back


@dataclass(frozen=True)
class Contract:
    """What a step needs before it and what it leaves behind, as facts about the text."""

    requires: frozenset[str] = frozenset()  # must hold before the step
    forbids: frozenset[str] = frozenset()  # must not hold before the step
    provides: frozenset[str] = frozenset()  # hold after it
    removes: frozenset[str] = frozenset()  # no longer hold after it


class Step:
    """Base class. Subclasses set ``name``, may set ``Options`` (a dataclass whose typed fields
    with defaults are the step's YAML options) and override a process method. ``requires``,
    ``forbids``, ``provides`` and ``removes`` are the step's contract; a step whose contract
    depends on its options overrides :meth:`contract`."""

    name: ClassVar[str] = ""
    Options: ClassVar[type[Any]] = NoOptions
    # Distributions whose version goes into the pipeline signature (they change the output).
    libraries: ClassVar[tuple[str, ...]] = ()
    requires: ClassVar[frozenset[str]] = frozenset()
    forbids: ClassVar[frozenset[str]] = frozenset()
    provides: ClassVar[frozenset[str]] = frozenset()
    removes: ClassVar[frozenset[str]] = frozenset()

    def __init__(self, options: Any, context: StepContext) -> None:
        self.options = options
        self.context = context

    def contract(self) -> Contract:
        """This step's contract (the class's declaration; options may refine it)."""
        return Contract(self.requires, self.forbids, self.provides, self.removes)

    def process(self, posts: list[Post]) -> list[Post]:
        for post in posts:
            self.process_post(post)
        return posts

    def process_post(self, post: Post) -> None:
        raise NotImplementedError(f"step {self.name!r} must override process or process_post")

    def load(self) -> None:
        """Load what this step runs with (dictionaries, automata, converters) now rather than
        on its first post, as a process that forks workers does once for all of them. Nothing
        that starts threads (a translation model) loads here."""

    def signature_parts(self) -> dict[str, Any]:
        """Options that differ from their defaults, plus anything else that changes output."""
        defaults = type(self.options)()
        return {
            f.name: getattr(self.options, f.name)
            for f in dataclasses.fields(self.options)
            if getattr(self.options, f.name) != getattr(defaults, f.name)
        }

    def signature(self) -> str:
        parts = self.signature_parts()
        if not parts:
            return self.name
        inner = ",".join(f"{k}={_sig_value(v)}" for k, v in sorted(parts.items()))
        return f"{self.name}({inner})"


def _sig_value(value: Any) -> str:
    if isinstance(value, (list, tuple)):
        return "+".join(str(v) for v in value)
    return str(value)
