"""Reports of a check run: human text, JSON, JUnit XML and GitHub workflow annotations.

Reporters see one :class:`PostResult` at a time and write as they go, so 10,000 posts never sit
in memory; JUnit, whose header carries the totals, spools its test cases to a temporary file.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import socket
import tempfile
from dataclasses import dataclass, field
from typing import IO

from localize.post import TermMatch
from localize.qa.base import Finding
from localize.version import __version__

FORMATS = ("text", "json", "junit", "github", "html")


@dataclass
class PostResult:
    """The findings of one post; ``kind`` is "waiver" for a waiver's own findings and "input"
    for a record that could not be read (its one finding is the reason)."""

    id: str
    path: str | None
    line: int | None
    findings: list[Finding] = field(default_factory=list)
    elapsed: float = 0.0
    kind: str = "post"
    # The texts checked, for reports that show them (the HTML review page).
    source: str | None = None
    target: str | None = None
    target_locale: str | None = None
    terms: list[TermMatch] = field(default_factory=list)

    @property
    def where(self) -> str:
        if self.path is None:
            return ""
        return f"{self.path}:{self.line}" if self.line is not None else self.path

    @property
    def active(self) -> list[Finding]:
        """Findings no waiver accepted."""
        return [f for f in self.findings if f.waived is None]

    @property
    def failed(self) -> bool:
        return any(f.fails for f in self.active)


@dataclass
class Summary:
    posts: int = 0
    failed_posts: int = 0
    errors: int = 0
    warnings: int = 0
    waived: int = 0
    failing: int = 0
    input_errors: int = 0
    fail_on: str = "error"
    elapsed: float = 0.0

    def add(self, result: PostResult) -> None:
        if result.kind == "input":
            self.input_errors += 1
            return
        if result.kind == "post":
            self.posts += 1
        if result.failed:
            self.failed_posts += 1
        for finding in result.findings:
            if finding.waived is not None:
                self.waived += 1
                continue
            if finding.severity == "error":
                self.errors += 1
            else:
                self.warnings += 1
            if finding.fails:
                self.failing += 1

    @property
    def exit_code(self) -> int:
        if self.input_errors:
            return 2
        return 1 if self.failing else 0

    def line(self) -> str:
        parts = [_plural(self.errors, "error"), _plural(self.warnings, "warning")]
        if self.waived:
            parts.append(f"{self.waived} waived")
        if self.input_errors:
            parts.append(_plural(self.input_errors, "input error"))
        verdict = "failed" if self.exit_code else "passed"
        return (
            f"{_plural(self.posts, 'post')} checked: {', '.join(parts)}; {verdict}"
            f" (fail on: {self.fail_on})"
        )

    def to_json(self) -> dict[str, object]:
        return {
            "posts": self.posts,
            "failed_posts": self.failed_posts,
            "errors": self.errors,
            "warnings": self.warnings,
            "waived": self.waived,
            "input_errors": self.input_errors,
            "fail_on": self.fail_on,
            "passed": self.exit_code == 0,
        }


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


# Control characters (C0, DEL, C1), line and paragraph separators and bidirectional overrides:
# in an id or a message they could start a new, forged finding line or workflow command, colour
# or clear a terminal, or reorder what a reviewer reads.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def printable(text: str, *, keep_line_breaks: bool = False) -> str:
    """``text`` with every control character spelled as an escape (``\\n``, ``\\x1b``,
    ``\\u202e``), for the human-readable formats. ``keep_line_breaks``: leave ``\\n`` and
    ``\\r`` to a format's own escaping (GitHub's ``%0A``)."""
    if _CONTROL.search(text) is None:
        return text

    def escape(match: re.Match[str]) -> str:
        char = match.group()
        if keep_line_breaks and char in "\r\n":
            return char
        return _NAMED.get(char) or _escape(char)

    return _CONTROL.sub(escape, text)


def _escape(char: str) -> str:
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def finding_line(result: PostResult, finding: Finding) -> str:
    """``file:line: post-id: [check] severity: message``, control characters escaped."""
    where = f"{result.where}: " if result.where else ""
    return printable(f"{where}{result.id}: [{finding.check}] {finding.severity}: {finding.message}")


class Reporter:
    def __init__(self, stream: IO[str]) -> None:
        self.stream = stream

    def start(self) -> None:
        pass

    def post(self, result: PostResult) -> None:
        raise NotImplementedError

    def finish(self, summary: Summary) -> None:
        pass


class TextReporter(Reporter):
    """One line per finding, then a summary line."""

    def post(self, result: PostResult) -> None:
        for finding in result.active:
            self.stream.write(finding_line(result, finding) + "\n")

    def finish(self, summary: Summary) -> None:
        self.stream.write(summary.line() + "\n")


class JSONReporter(Reporter):
    """One JSON document: ``{"findings": [...], "summary": {...}}``, written incrementally."""

    def start(self) -> None:
        self.stream.write('{"version":1,"localize":' + json.dumps(__version__) + ',"findings":[')
        self._first = True

    def post(self, result: PostResult) -> None:
        for finding in result.findings:
            item: dict[str, object] = {"id": result.id}
            if result.kind != "post":
                item["kind"] = result.kind
            item["file"] = result.path
            item["line"] = result.line
            item.update(finding.to_json())
            self.stream.write(("\n" if self._first else ",\n") + _dumps(item))
            self._first = False

    def finish(self, summary: Summary) -> None:
        self.stream.write(("" if self._first else "\n") + '],"summary":')
        self.stream.write(_dumps(summary.to_json()) + "}\n")


def _dumps(obj: object) -> str:
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"))


class GitHubReporter(Reporter):
    """GitHub Actions workflow commands: ``::error file=F,line=L,title=T::message``."""

    def post(self, result: PostResult) -> None:
        for finding in result.active:
            level = "error" if finding.severity == "error" else "warning"
            props = []
            if result.path is not None:
                props.append(f"file={_gh_property(_gh_printable(result.path))}")
                if result.line is not None:
                    props.append(f"line={result.line}")
            title = _gh_printable(f"[{finding.check}] {result.id}")
            props.append(f"title={_gh_property(title)}")
            message = _gh_data(_gh_printable(finding.message))
            self.stream.write(f"::{level} {','.join(props)}::{message}\n")

    def finish(self, summary: Summary) -> None:
        self.stream.write(summary.line() + "\n")


def _gh_printable(text: str) -> str:
    return printable(text, keep_line_breaks=True)  # _gh_data spells them %0D and %0A


def _gh_data(text: str) -> str:
    # https://github.com/actions/toolkit/blob/main/packages/core/src/command.ts (escapeData)
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _gh_property(text: str) -> str:
    return _gh_data(text).replace(":", "%3A").replace(",", "%2C")


# Characters XML 1.0 forbids; a post may contain them, the report must not.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _xml_text(text: str) -> str:
    # By hand: xml.sax.saxutils would import urllib.request, a fifth of our start-up time.
    text = _XML_ILLEGAL.sub("\ufffd", text)
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _xml_attr(text: str) -> str:
    escaped = _xml_text(text).replace('"', "&quot;")
    return '"' + escaped.replace("\n", "&#10;").replace("\r", "&#13;").replace("\t", "&#9;") + '"'


class JUnitReporter(Reporter):
    """JUnit XML (the Ant/Jenkins schema): one test case per post, failing ones with a
    ``<failure>`` listing the findings; warnings that do not fail go to ``<system-out>``."""

    def __init__(
        self,
        stream: IO[str],
        *,
        suite: str = "localize check",
        timestamp: dt.datetime | None = None,
        hostname: str | None = None,
    ) -> None:
        super().__init__(stream)
        self.suite = suite
        self.timestamp = timestamp or _timestamp()
        self.hostname = hostname or socket.gethostname() or "localhost"
        # Closed in finish(); they hold test cases and warnings until the totals are known.
        self._cases = tempfile.TemporaryFile("w+", encoding="utf-8")  # noqa: SIM115
        self._out = tempfile.TemporaryFile("w+", encoding="utf-8")  # noqa: SIM115
        self.tests = self.failures = self.errors = 0

    def post(self, result: PostResult) -> None:
        self.tests += 1
        if result.kind == "input":
            self.errors += 1
            message = "; ".join(f.message for f in result.findings)
            self._cases.write(
                f"    <testcase name={_xml_attr(result.id)}"
                f' classname={_xml_attr(result.path or "localize.check")} time="0.000">\n'
                f'      <error message={_xml_attr(message)} type="input">'
                f"{_xml_text(result.where + ': ' + message)}</error>\n"
                "    </testcase>\n"
            )
            return
        classname = result.path or "localize.check"
        if result.kind != "post":
            classname = f"{classname} ({result.kind})"
        attrs = (
            f"name={_xml_attr(result.id)} classname={_xml_attr(classname)}"
            f' time="{result.elapsed:.3f}"'
        )
        failing = [f for f in result.active if f.fails]
        for finding in result.active:
            if not finding.fails:
                self._out.write(_xml_text(finding_line(result, finding)) + "\n")
        if not failing:
            self._cases.write(f"    <testcase {attrs}/>\n")
            return
        self.failures += 1
        checks = ",".join(dict.fromkeys(f.check for f in failing))
        message = failing[0].message + (f" (+{len(failing) - 1} more)" if len(failing) > 1 else "")
        body = "\n".join(finding_line(result, f) for f in failing)
        self._cases.write(
            f"    <testcase {attrs}>\n"
            f"      <failure message={_xml_attr(message)} type={_xml_attr(checks)}>"
            f"{_xml_text(body)}</failure>\n"
            "    </testcase>\n"
        )

    def finish(self, summary: Summary) -> None:
        w = self.stream.write
        w('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites>\n')
        w(
            f'  <testsuite name={_xml_attr(self.suite)} package={_xml_attr(self.suite)} id="0"'
            f' timestamp="{self.timestamp:%Y-%m-%dT%H:%M:%S}" hostname={_xml_attr(self.hostname)}'
            f' tests="{self.tests}" failures="{self.failures}" errors="{self.errors}"'
            f' time="{summary.elapsed:.3f}">\n'
        )
        w("    <properties>\n")
        w(f'      <property name="localize.version" value={_xml_attr(__version__)}/>\n')
        w(f'      <property name="fail_on" value={_xml_attr(summary.fail_on)}/>\n')
        w("    </properties>\n")
        self._cases.seek(0)
        shutil.copyfileobj(self._cases, self.stream)
        self._out.seek(0)
        w("    <system-out>")
        shutil.copyfileobj(self._out, self.stream)
        w(_xml_text(summary.line()) + "</system-out>\n")
        w("    <system-err></system-err>\n  </testsuite>\n</testsuites>\n")
        self._cases.close()
        self._out.close()


def _timestamp() -> dt.datetime:
    # SOURCE_DATE_EPOCH makes reports reproducible (https://reproducible-builds.org/specs/).
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).replace(tzinfo=None)
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)


class HTMLReporter(Reporter):
    """The review page of :mod:`localize.report.html` for a check run: source and target side
    by side with their findings. The page's summary needs every post, so they are kept (as
    small records) until :meth:`finish`."""

    def __init__(self, stream: IO[str]) -> None:
        super().__init__(stream)
        self.records: list[dict[str, object]] = []

    def post(self, result: PostResult) -> None:
        # A waived finding stays visible, as information with the waiver's reason.
        issues = [
            {
                "check": f.check,
                "severity": f.severity if f.waived is None else "info",
                "message": f.message if f.waived is None else f"{f.message} (waived: {f.waived})",
            }
            for f in result.findings
        ]
        self.records.append(
            {
                "id": result.id,
                "text": result.source if result.source is not None else f"({result.kind})",
                "result": result.target if result.target is not None else "",
                "locale": result.target_locale,
                "terms": [t.to_json() for t in result.terms],
                "issues": issues,
            }
        )

    def finish(self, summary: Summary) -> None:
        from localize.report.html import write_report

        write_report(self.records, self.stream, title="localize check")


def make_reporter(fmt: str, stream: IO[str]) -> Reporter:
    reporters: dict[str, type[Reporter]] = {
        "text": TextReporter,
        "json": JSONReporter,
        "junit": JUnitReporter,
        "github": GitHubReporter,
        "html": HTMLReporter,
    }
    return reporters[fmt](stream)
