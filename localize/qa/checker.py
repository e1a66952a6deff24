"""Run the configured checks over one segment and turn their hits into findings."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from localize.qa.base import BatchFunc, CheckEnv, CheckFunc, Finding, Hit, ScreenFunc, Segment
from localize.qa.config import QAConfig
from localize.qa.consistency import forget_posts, prefetch_pairs
from localize.qa.terms import prefetch_matches
from localize.text.locales import parse_locale
from localize.text.script import detect

if TYPE_CHECKING:
    from localize.glossary import Glossary
    from localize.qa.consistency import PendingCheck


class Checker:
    """The checks of a :class:`QAConfig`, bound to a glossary; reusable across posts."""

    def __init__(self, config: QAConfig | None = None, glossary: Glossary | None = None) -> None:
        self.config = config or QAConfig.default()
        self.env = CheckEnv(glossary)
        self.checks = [c for c in self.config.enabled() if c.func is not None]
        # What check() calls, looked up once rather than per post and check.
        self._runs: list[tuple[str, CheckFunc, Any, ScreenFunc | None, BatchFunc | None]] = [
            (c.id, c.func, self.config.options[c.id], c.screen, c.batch)
            for c in self.checks
            if c.func is not None
        ]
        # (severity, fails) by check id: the config does not change under a checker.
        self._verdicts: dict[str, tuple[str, bool]] = {}

    def defer_across_posts(self) -> None:
        """Leave the checks across posts to another process (``--jobs`` workers): they record
        :class:`~localize.qa.consistency.PendingCheck` s, taken with :meth:`take_pending`."""
        self.env.pending = []

    def forget_posts(self) -> None:
        """Forget the posts checked so far: the checks across posts start afresh (a Ray shard
        is checked on its own, whichever shards its actor ran before)."""
        forget_posts(self.env)

    def take_pending(self) -> list[PendingCheck]:
        """The checks deferred since the last call, each with the severity and fail level its
        findings would have and their place among the findings of :meth:`check`."""
        pending = self.env.pending
        if pending is None:
            return []
        self.env.pending = []
        return pending

    def segment(
        self,
        post_id: str,
        source: str,
        target: str,
        *,
        source_locale: str | None = None,
        target_locale: str | None = None,
        path: str | None = None,
        line: int | None = None,
    ) -> Segment:
        """A segment with normalized locales; an unknown locale is detected from the text."""
        return Segment(
            post_id,
            source,
            target,
            parse_locale(source_locale) or _detected(source),
            parse_locale(target_locale) or _detected(target),
            path,
            line,
        )

    def prepare(self, segs: list[Segment]) -> None:
        """Do the work the checks of a batch of segments share once for the batch (a pipeline's
        ``check`` step sees a batch at a time): :meth:`check` then finds it cached and gives
        the same findings as without it."""
        # Glossary matches in one scan per side, not one per post.
        prefetch_matches(segs, self.env)
        for definition in self.checks:
            if definition.family == "consistency":
                prefetch_pairs(segs, self.config.options[definition.id])

    def check(self, seg: Segment) -> list[Finding]:
        """The findings of every check on ``seg``."""
        findings, pending = self._run([seg], screened=False)[0]
        if pending:
            assert self.env.pending is not None
            self.env.pending += pending
        return findings

    def check_batch(self, segs: list[Segment]) -> list[tuple[list[Finding], list[PendingCheck]]]:
        """:meth:`check` on each of ``segs``, with what they share done once (:meth:`prepare`),
        each check called only on the segments its screen lets through (and in its batch form
        where it has one): per segment, the same findings as :meth:`check`, and the checks it
        deferred (``--jobs`` workers; see :meth:`defer_across_posts`) in the order
        :meth:`check` would have deferred them."""
        self.prepare(segs)
        return self._run(segs, screened=True)

    def _run(
        self, segs: list[Segment], *, screened: bool
    ) -> list[tuple[list[Finding], list[PendingCheck]]]:
        # Check by check over the batch rather than post by post: each check's code and data
        # stay warm for the whole batch, and a screen settles it in one call.
        env = self.env
        pending = env.pending
        kept = 0 if pending is None else len(pending)  # deferred before: left where they are
        findings: list[list[Finding]] = [[] for _ in segs]
        deferred: list[list[PendingCheck]] = [[] for _ in segs]
        live = list(range(len(segs)))  # the segments no empty target has settled
        for check_id, func, options, screen, batch in self._runs:
            chosen = live
            if screen is not None and screened:
                verdicts = screen([segs[k] for k in live], options, env)
                chosen = [k for k, maybe in zip(live, verdicts, strict=True) if maybe]
            each = None
            if batch is not None and screened and pending is None:
                each = iter(batch([segs[k] for k in chosen], options, env))
            settled = []
            for k in chosen:
                if each is not None:
                    hits = next(each)
                elif pending is None:
                    hits = list(func(segs[k], options, env))
                else:
                    hits = self._deferring(
                        check_id, func, options, segs[k], pending, len(findings[k])
                    )
                    deferred[k] += pending[kept:]
                    del pending[kept:]
                if not hits:
                    continue
                found = [self.finding(check_id, hit.message, hit.data) for hit in hits]
                if check_id == "empty_target":
                    # An empty target lacks everything: the other checks would only echo it.
                    findings[k] = found
                    settled.append(k)
                else:
                    findings[k] += found
            if settled:
                live = [k for k in live if k not in settled]
        return list(zip(findings, deferred, strict=True))

    def _deferring(
        self,
        check_id: str,
        func: CheckFunc,
        options: Any,
        seg: Segment,
        pending: list[PendingCheck],
        position: int,
    ) -> list[Hit]:
        """Run a check in a ``--jobs`` worker: the checks it defers get the place among the
        findings (``position``) and the level their findings would have had."""
        deferred = len(pending)
        hits = list(func(seg, options, self.env))
        if len(pending) > deferred:
            ruling = self.finding(check_id, "")
            pending[deferred:] = [
                p.placed(position, ruling.severity, ruling.fails) for p in pending[deferred:]
            ]
        return hits

    def finding(self, check: str, message: str, data: dict[str, Any] | None = None) -> Finding:
        verdict = self._verdicts.get(check)
        if verdict is None:
            severity = self.config.severity(check)
            verdict = self._verdicts[check] = (
                severity,
                self.config.fail_on.fails(check, severity),
            )
        return Finding(check, verdict[0], message, data or {}, fails=verdict[1])

    def enabled(self, check: str) -> bool:
        return self.config.severity(check) != "off"


def _detected(text: str) -> str | None:
    script = detect(text)
    return script if script in ("zh-Hans", "zh-Hant", "en") else None
