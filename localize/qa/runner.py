"""Stream posts from files through the checker into a reporter.

Two ways in: a SOURCE and a TARGET file of posts paired by ``id`` (JSONL, CSV/TSV or text; text
files pair line by line), or one JSONL file written by ``localize run`` whose lines hold the
source (``text``), the result (``result``), ``id`` and ``locale``. Posts stream: pairing keeps
only the source records read ahead of their target (none when both files are in the same
order), so 10,000 posts check in the memory one needs.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import zip_longest
from pathlib import Path
from typing import Any

from localize.errors import InputError
from localize.io.formats import input_format
from localize.io.readers import Record, Reject, read_records
from localize.qa.base import Finding, define
from localize.qa.checker import Checker
from localize.qa.reporters import PostResult, Reporter, Summary
from localize.qa.waivers import Waivers

define(
    "unpaired",
    "runner",
    severity="error",
    summary="a source post without a translation in TARGET, or a target post without a source",
)

_SIGNATURE_LOCALES = re.compile(r"\blocale:([^|>]+)>([^|]+)")


@dataclass
class Locales:
    """Locales given on the command line or by a pipeline; None: from the records, else detected."""

    source: str | None = None
    target: str | None = None


def _records(
    path: str, fmt: str | None, text_column: str | None, id_column: str, encoding: str | None
) -> Iterator[Any]:
    # An empty target is not an input error here: empty_target reports it.
    yield from read_records(
        [path],
        fmt=fmt,
        text_column=text_column,
        id_column=id_column,
        allow_empty=True,
        encoding=encoding,
    )


def pair_records(
    sources: Iterable[Record | Reject], targets: Iterable[Record | Reject], *, by_id: bool = True
) -> Iterator[tuple[Record | Reject | None, Record | Reject | None]]:
    """``(source, target)`` pairs; a side is None when the other file has no such post."""
    if not by_id:
        yield from zip_longest(sources, targets)
        return
    pending: dict[str, Record] = {}
    source_iter = iter(sources)
    for target in targets:
        if isinstance(target, Reject):
            yield None, target
            continue
        source = pending.pop(target.id, None)
        while source is None:
            item = next(source_iter, None)
            if item is None:
                break
            if isinstance(item, Reject):
                yield item, None
            elif item.id == target.id:
                source = item
            else:
                pending[item.id] = item  # out of order: keep it until its target comes
        yield source, target
    for record in pending.values():
        yield record, None
    for item in source_iter:
        yield item, None


class CheckRun:
    """One ``localize check``: a checker, optional waivers, and a reporter."""

    def __init__(
        self,
        checker: Checker,
        reporter: Reporter,
        *,
        waivers: Waivers | None = None,
        locales: Locales | None = None,
    ) -> None:
        self.checker = checker
        self.reporter = reporter
        self.waivers = waivers
        self.locales = locales or Locales()
        self.summary = Summary(fail_on=checker.config.fail_on.describe())

    def check_files(
        self,
        source: str | None,
        target: str,
        *,
        fmt: str | None = None,
        text_column: str | None = None,
        id_column: str = "id",
        encoding: str | None = None,
    ) -> Summary:
        """Check SOURCE against TARGET, or a ``localize run`` output when ``source`` is None."""
        started = time.perf_counter()
        self.reporter.start()
        if source is None:
            for record in _records(target, fmt, text_column, id_column, encoding):
                self._run_output_record(record)
        else:
            # Plain-text files have no ids: their posts pair line by line.
            positional = "text" in (input_format(source, fmt).name, input_format(target, fmt).name)
            pairs = pair_records(
                _records(source, fmt, text_column, id_column, encoding),
                _records(target, fmt, text_column, id_column, encoding),
                by_id=not positional,
            )
            for src, tgt in pairs:
                self._pair(src, tgt, source, target)
        return self.finish(started)

    def finish(self, started: float) -> Summary:
        if self.waivers is not None:
            for waiver, check, message in self.waivers.report():
                if self.checker.enabled(check):
                    self._emit(
                        PostResult(
                            waiver.post,
                            waiver.path,
                            waiver.line,
                            [self.checker.finding(check, message, {"reason": waiver.reason})],
                            kind="waiver",
                        )
                    )
        self.summary.elapsed = time.perf_counter() - started
        self.reporter.finish(self.summary)
        return self.summary

    def check_post(
        self,
        post_id: str,
        source: str,
        target: str,
        *,
        source_locale: str | None = None,
        target_locale: str | None = None,
        path: str | None = None,
        line: int | None = None,
    ) -> PostResult:
        started = time.perf_counter()
        seg = self.checker.segment(
            post_id,
            source,
            target,
            source_locale=self.locales.source or source_locale,
            target_locale=self.locales.target or target_locale,
            path=path,
            line=line,
        )
        findings = self.checker.check(seg)
        if self.waivers is not None:
            self.waivers.apply(post_id, findings)
        result = PostResult(
            post_id,
            path,
            line,
            findings,
            time.perf_counter() - started,
            source=source,
            target=target,
            target_locale=seg.target_locale,
            # The source's glossary terms the term checks found, for the review page.
            terms=next(
                (
                    m
                    for k, m in seg.cache.items()
                    if isinstance(k, str) and k.startswith("terms.source")
                ),
                [],
            ),
        )
        self._emit(result)
        return result

    def _emit(self, result: PostResult) -> None:
        self.summary.add(result)
        self.reporter.post(result)

    def _reject(self, reject: Reject) -> None:
        finding = Finding("input", "error", reject.error, {}, fails=True)
        post_id = reject.id or f"{Path(reject.path).name}:{reject.line}"
        self._emit(PostResult(post_id, reject.path, reject.line, [finding], kind="input"))

    def _unpaired(self, record: Record, message: str) -> None:
        if not self.checker.enabled("unpaired"):
            return
        finding = self.checker.finding("unpaired", message)
        if self.waivers is not None:
            self.waivers.apply(record.id, [finding])
        self._emit(PostResult(record.id, record.path, record.line, [finding]))

    def _pair(
        self, src: Record | Reject | None, tgt: Record | Reject | None, source: str, target: str
    ) -> None:
        for side in (src, tgt):
            if isinstance(side, Reject):
                self._reject(side)
        if isinstance(src, Reject) or isinstance(tgt, Reject):
            return
        if tgt is None:
            assert src is not None
            self._unpaired(src, f"post {src.id!r} has no translation in {target}")
        elif src is None:
            self._unpaired(tgt, f"post {tgt.id!r} has no source post in {source}")
        else:
            self.check_post(
                tgt.id,
                src.text,
                tgt.text,
                source_locale=src.lang,
                target_locale=tgt.lang,
                path=tgt.path,
                line=tgt.line,
            )

    def _run_output_record(self, record: Record | Reject) -> None:
        if isinstance(record, Reject):
            self._reject(record)
            return
        result = record.fields.get("result")
        if not isinstance(result, str):
            raise InputError(
                "no 'result' field: this is not the output of `localize run`",
                path=record.path,
                line=record.line,
                hint="To check a translation against its source, give both files:"
                " localize check SOURCE TARGET.",
            )
        source_locale, target_locale = record.lang, _str(record.fields.get("locale"))
        signature = _SIGNATURE_LOCALES.search(_str(record.fields.get("signature")) or "")
        if signature is not None:
            source_locale = source_locale or signature.group(1)
            target_locale = signature.group(2) if signature.group(2) != "?" else target_locale
        self.check_post(
            record.id,
            record.text,
            result,
            source_locale=source_locale,
            target_locale=target_locale,
            path=record.path,
            line=record.line,
        )


def _str(value: Any) -> str | None:
    return value if isinstance(value, str) else None
