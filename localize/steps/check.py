"""``check``: the QA checks of ``localize check``, run on each post at the end of a pipeline.

Compares ``post.source`` with the finished ``post.text`` and adds one :class:`~localize.post.Issue`
per finding (``step: check``; ``data.fails`` when it reaches ``fail_on``), and sets
``post.meta["check_failed"]`` so a runner can exit non-zero. Options::

    - check:
        fail_on: [missing_term, forbidden_term, entity_mismatch]   # or error | warning | never
        checks: {untranslated: error, length_ratio: off}
        config: ../qa.yaml                                          # a QA config file
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from localize.config import PipelineConfig, locate_step_error, step_options
from localize.errors import ConfigError
from localize.post import Issue, Post
from localize.qa.base import Finding, Segment
from localize.qa.checker import Checker
from localize.qa.config import QAConfig, load_qa_config
from localize.qa.consistency import PendingCheck
from localize.qa.terms import GLOSSARY_LOCALES
from localize.steps.base import MASKED, Step, StepContext
from localize.text.locales import parse_locale

# post.meta key of the checks a --jobs worker leaves to the parent (list[PendingCheck]).
PENDING = "pending_consistency"


@dataclass
class CheckOptions:
    # error | warning | never, or a list of check ids; None: the config file's (or "error").
    fail_on: str | list[str] | None = None
    # Per check: a severity (error | warning | off) or a mapping with severity and options.
    checks: dict[str, Any] = field(default_factory=dict)
    # A QA config file (the same YAML as `localize check --config`), applied first.
    config: str | None = None


def qa_config(options: CheckOptions, base_dir: Path, base: QAConfig | None = None) -> QAConfig:
    """The QA config these step options describe, over ``base`` (the defaults if None)."""
    config = base or QAConfig.default()
    if options.config:
        path = Path(options.config).expanduser()
        config = load_qa_config(path if path.is_absolute() else base_dir / path, config)
    overrides: dict[str, Any] = {"checks": options.checks}
    if options.fail_on is not None:
        overrides["fail_on"] = options.fail_on
    return config.updated(overrides)


def qa_config_from_pipeline(pipeline: PipelineConfig) -> QAConfig | None:
    """The QA config of a pipeline's ``check`` step (None if it has none), for ``localize check
    --pipeline``: errors name the pipeline file, line and key as when the pipeline loads."""
    spec = next((s for s in pipeline.steps if s.name == Check.name), None)
    if spec is None:
        return None
    options = step_options(pipeline, spec, CheckOptions)
    try:
        return qa_config(options, pipeline.base_dir)
    except ConfigError as exc:
        locate_step_error(exc, pipeline, spec)
        raise


class Check(Step):
    name = "check"
    Options = CheckOptions
    forbids = frozenset({MASKED})  # it compares the finished text with the source

    def __init__(self, options: CheckOptions, context: StepContext) -> None:
        super().__init__(options, context)
        self.config = qa_config(options, context.base_dir)
        self._checker: Checker | None = None
        self._memory: int | None = None  # set in a --jobs worker (defer_across_posts)

    @property
    def checker(self) -> Checker:
        # Built on first use so that validating a pipeline never loads its glossary.
        if self._checker is None:
            self._checker = Checker(self.config, self.context.glossary)
            if self._memory is not None:
                self._checker.defer_across_posts()
        return self._checker

    def defer_across_posts(self, memory: int) -> None:
        """In a ``--jobs`` worker: leave the checks across posts to the parent process. Each
        post's sentence hashes go to ``post.meta[PENDING]`` (``memory`` tells this step's apart
        from another check step's), to be judged in input order by one
        :class:`~localize.qa.consistency.Ledger` (see :mod:`localize.exec.batches`)."""
        self._memory = memory
        if self._checker is not None:
            self._checker.defer_across_posts()

    def load(self) -> None:
        # The glossary, and its automata for the pipeline's source and target locales (the
        # term checks scan both sides).
        glossary = self.checker.env.glossary
        if glossary is None or not glossary.entries:
            return
        for locale in {parse_locale(self.context.source), parse_locale(self.context.target)}:
            if locale in GLOSSARY_LOCALES:
                glossary.matcher(locale)

    def forget_posts(self) -> None:
        """The checks across posts start afresh with the next post."""
        if self._checker is not None:
            self._checker.forget_posts()

    def process(self, posts: list[Post]) -> list[Post]:
        segs = [self._segment(post) for post in posts]
        for post, (findings, pending) in zip(posts, self.checker.check_batch(segs), strict=True):
            self._record(post, findings, pending)
        return posts

    def process_post(self, post: Post) -> None:
        self._record(post, self.checker.check(self._segment(post)), self.checker.take_pending())

    def _segment(self, post: Post) -> Segment:
        return self.checker.segment(
            post.id,
            post.source,
            post.text,
            source_locale=post.source_locale or self.context.source,
            target_locale=self.context.target or post.locale,
        )

    def _record(self, post: Post, findings: list[Finding], deferred: list[PendingCheck]) -> None:
        failed = False
        before = len(post.issues)
        if self._memory is not None:
            pending = post.meta.setdefault(PENDING, [])
            for check in deferred:
                place = before + check.position
                pending.append(check.placed(place, check.severity, check.fails, self._memory))
        for finding in findings:
            post.issues.append(
                check_issue(
                    finding.check, finding.message, finding.severity, finding.data, finding.fails
                )
            )
            failed = failed or finding.fails
        if failed:
            post.meta["check_failed"] = True


def check_issue(
    check: str, message: str, severity: str, data: dict[str, Any], fails: bool
) -> Issue:
    """The issue the ``check`` step records for a finding (``data.fails`` when it reaches the
    fail level); also what a ``--jobs`` parent adds for the checks across posts it judges."""
    data = dict(data)
    if fails:
        data["fails"] = True
    return Issue(check, message, severity, Check.name, data)
