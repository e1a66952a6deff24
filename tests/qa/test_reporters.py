from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

import pytest
import xmlschema

from localize.qa import Finding, PostResult, Summary
from localize.qa.reporters import GitHubReporter, JSONReporter, JUnitReporter, TextReporter

XSD = Path(__file__).resolve().parent / "data" / "JUnit.xsd"


def _results() -> list[PostResult]:
    missing = Finding(
        "missing_term",
        "error",
        'term "尼亚加拉瀑布" needs the approved en form "Niagara Falls"',
        {"entry": "niagara-falls"},
        fails=True,
    )
    warning = Finding("punctuation", "warning", 'Chinese punctuation "！" in the English target')
    waived = Finding("untranslated", "warning", 'Chinese text: "福"', waived="shop sign")
    return [
        PostResult("zh-001", "out/en.jsonl", 1, [missing, warning]),
        PostResult("zh-002", "out/en.jsonl", 2, []),
        PostResult("zh-003", "out/en.jsonl", 3, [waived]),
        PostResult(
            "zh-9",
            "waivers.yaml",
            4,
            [Finding("stale_waiver", "warning", "waiver for zh-9 [untranslated] matched no post")],
            kind="waiver",
        ),
    ]


def _report(reporter_cls: type, **kwargs: object) -> str:
    stream = io.StringIO()
    reporter = reporter_cls(stream, **kwargs)
    summary = Summary(fail_on="error")
    reporter.start()
    for result in _results():
        summary.add(result)
        reporter.post(result)
    reporter.finish(summary)
    return stream.getvalue()


def test_text() -> None:
    assert _report(TextReporter) == (
        'out/en.jsonl:1: zh-001: [missing_term] error: term "尼亚加拉瀑布" needs the approved en'
        ' form "Niagara Falls"\n'
        'out/en.jsonl:1: zh-001: [punctuation] warning: Chinese punctuation "！" in the English'
        " target\n"
        "waivers.yaml:4: zh-9: [stale_waiver] warning: waiver for zh-9 [untranslated] matched"
        " no post\n"
        "3 posts checked: 1 error, 2 warnings, 1 waived; failed (fail on: error)\n"
    )


def test_json() -> None:
    out = _report(JSONReporter)
    assert out.splitlines()[1] == (
        '{"id":"zh-001","file":"out/en.jsonl","line":1,"check":"missing_term","severity":"error",'
        '"message":"term \\"尼亚加拉瀑布\\" needs the approved en form \\"Niagara Falls\\"",'
        '"fails":true,"data":{"entry":"niagara-falls"}},'
    )
    doc = json.loads(out)
    assert [(f["id"], f["check"], f["fails"]) for f in doc["findings"]] == [
        ("zh-001", "missing_term", True),
        ("zh-001", "punctuation", False),
        ("zh-003", "untranslated", False),
        ("zh-9", "stale_waiver", False),
    ]
    assert doc["findings"][2]["waived"] == "shop sign"
    assert doc["findings"][3]["kind"] == "waiver"
    assert doc["summary"] == {
        "posts": 3,
        "failed_posts": 1,
        "errors": 1,
        "warnings": 2,
        "waived": 1,
        "input_errors": 0,
        "fail_on": "error",
        "passed": False,
    }


def test_json_without_findings_is_valid() -> None:
    stream = io.StringIO()
    reporter = JSONReporter(stream)
    reporter.start()
    reporter.finish(Summary())
    assert json.loads(stream.getvalue())["findings"] == []


def test_github() -> None:
    assert _report(GitHubReporter) == (
        "::error file=out/en.jsonl,line=1,title=[missing_term] zh-001::term"
        ' "尼亚加拉瀑布" needs the approved en form "Niagara Falls"\n'
        "::warning file=out/en.jsonl,line=1,title=[punctuation] zh-001::Chinese punctuation"
        ' "！" in the English target\n'
        "::warning file=waivers.yaml,line=4,title=[stale_waiver] zh-9::waiver for zh-9"
        " [untranslated] matched no post\n"
        "3 posts checked: 1 error, 2 warnings, 1 waived; failed (fail on: error)\n"
    )


def test_github_escapes_properties_and_data() -> None:
    stream = io.StringIO()
    result = PostResult("a,b:c", "x.jsonl", 1, [Finding("doubled_word", "warning", "50%\nnext")])
    GitHubReporter(stream).post(result)
    assert stream.getvalue() == (
        "::warning file=x.jsonl,line=1,title=[doubled_word] a%2Cb%3Ac::50%25%0Anext\n"
    )


JUNIT = """\
<?xml version="1.0" encoding="UTF-8"?>
<testsuites>
  <testsuite name="localize check" package="localize check" id="0" timestamp="2026-11-21T12:00:00" hostname="ci" tests="4" failures="1" errors="0" time="0.000">
    <properties>
      <property name="localize.version" value="{version}"/>
      <property name="fail_on" value="error"/>
    </properties>
    <testcase name="zh-001" classname="out/en.jsonl" time="0.000">
      <failure message="term &quot;尼亚加拉瀑布&quot; needs the approved en form &quot;Niagara Falls&quot;" type="missing_term">out/en.jsonl:1: zh-001: [missing_term] error: term "尼亚加拉瀑布" needs the approved en form "Niagara Falls"</failure>
    </testcase>
    <testcase name="zh-002" classname="out/en.jsonl" time="0.000"/>
    <testcase name="zh-003" classname="out/en.jsonl" time="0.000"/>
    <testcase name="zh-9" classname="waivers.yaml (waiver)" time="0.000"/>
    <system-out>out/en.jsonl:1: zh-001: [punctuation] warning: Chinese punctuation "！" in the English target
waivers.yaml:4: zh-9: [stale_waiver] warning: waiver for zh-9 [untranslated] matched no post
3 posts checked: 1 error, 2 warnings, 1 waived; failed (fail on: error)</system-out>
    <system-err></system-err>
  </testsuite>
</testsuites>
"""  # noqa: E501


def test_junit_exact_and_valid() -> None:
    from localize import __version__

    out = _report(JUnitReporter, timestamp=dt.datetime(2026, 11, 21, 12), hostname="ci")
    assert out == JUNIT.format(version=__version__)
    xmlschema.XMLSchema(XSD).validate(io.StringIO(out))


def test_junit_input_errors_and_control_characters_stay_valid() -> None:
    stream = io.StringIO()
    reporter = JUnitReporter(stream, timestamp=dt.datetime(2026, 1, 1), hostname="h")
    summary = Summary()
    results = [
        PostResult(
            "bad\x01id", "a.jsonl", 2, [Finding("input", "error", "malformed JSON")], kind="input"
        ),
        PostResult(
            "p<1>", "a.jsonl", 3, [Finding("doubled_word", "error", "x\x07 & y", fails=True)]
        ),
    ]
    for result in results:
        summary.add(result)
        reporter.post(result)
    reporter.finish(summary)
    xmlschema.XMLSchema(XSD).validate(io.StringIO(stream.getvalue()))
    assert 'errors="1"' in stream.getvalue() and 'failures="1"' in stream.getvalue()
    assert summary.exit_code == 2


def test_the_schema_rejects_what_ci_would_reject() -> None:
    # The schema is real: a testsuite without its required attributes does not validate.
    bad = '<testsuite name="x" tests="1"><properties/><system-out/><system-err/></testsuite>'
    with pytest.raises(xmlschema.XMLSchemaValidationError):
        xmlschema.XMLSchema(XSD).validate(io.StringIO(bad))
