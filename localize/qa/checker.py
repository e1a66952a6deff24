"""Run the configured checks over one segment and turn their hits into findings."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any

from localize.qa.base import CheckEnv, Finding, Segment
from localize.qa.config import QAConfig
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

    def defer_across_posts(self) -> None:
        """Leave the checks across posts to another process (``--jobs`` workers): they record
        :class:`~localize.qa.consistency.PendingCheck` s, taken with :meth:`take_pending`."""
        self.env.pending = []

    def take_pending(self) -> list[PendingCheck]:
        """The checks deferred since the last call, each with the severity and fail level its
        findings would have and their place among the findings of :meth:`check`."""
        pending = self.env.pending or []
        if self.env.pending is not None:
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

    def check(self, seg: Segment) -> list[Finding]:
        findings: list[Finding] = []
        pending = self.env.pending
        for definition in self.checks:
            assert definition.func is not None
            options = self.config.options[definition.id]
            deferred = len(pending) if pending is not None else 0
            hits = list(definition.func(seg, options, self.env))
            if pending is not None and len(pending) > deferred:
                # Where the finding would have come, with the level it would have.
                ruling = self.finding(definition.id, "")
                pending[deferred:] = [
                    replace(p, position=len(findings), severity=ruling.severity, fails=ruling.fails)
                    for p in pending[deferred:]
                ]
            if definition.id == "empty_target" and hits:
                # An empty target lacks everything: the other checks would only echo it.
                return [self.finding(definition.id, hit.message, hit.data) for hit in hits]
            findings.extend(self.finding(definition.id, hit.message, hit.data) for hit in hits)
        return findings

    def finding(self, check: str, message: str, data: dict[str, Any] | None = None) -> Finding:
        severity = self.config.severity(check)
        return Finding(
            check,
            severity,
            message,
            data or {},
            fails=self.config.fail_on.fails(check, severity),
        )

    def enabled(self, check: str) -> bool:
        return self.config.severity(check) != "off"


def _detected(text: str) -> str | None:
    script = detect(text)
    return script if script in ("zh-Hans", "zh-Hant", "en") else None
