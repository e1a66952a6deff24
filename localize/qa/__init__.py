"""Quality checks for localized posts: the library behind ``localize check`` and the ``check`` step.

>>> from localize.qa import Checker
>>> checker = Checker()
>>> seg = checker.segment("wb-1", "#旅行# 3天游遍多伦多", "#旅行# Toronto in 4 days",
...                       source_locale="zh-Hans", target_locale="en")
>>> [f.message for f in checker.check(seg)]
['number "3" of the source is not in the target', 'number "4" in the target is not in the source']

Checks live one family per module (:mod:`~localize.qa.terms`, :mod:`~localize.qa.entities`,
:mod:`~localize.qa.numbers`, ...) and register themselves with an id, a default severity and an
options dataclass; :mod:`~localize.qa.config` sets severities and options from YAML,
:mod:`~localize.qa.waivers` accepts known exceptions, :mod:`~localize.qa.reporters` writes text,
JSON, JUnit or GitHub annotations and :mod:`~localize.qa.runner` streams files through it all.
Nothing here imports the machine-translation stack.
"""

from localize.qa.base import CheckDef, Finding, Hit, Segment, all_checks
from localize.qa.checker import Checker
from localize.qa.config import FailOn, QAConfig, load_qa_config, parse_fail_on
from localize.qa.reporters import FORMATS, PostResult, Summary, make_reporter
from localize.qa.runner import CheckRun, Locales
from localize.qa.waivers import Waiver, Waivers, load_waivers

__all__ = [
    "FORMATS",
    "CheckDef",
    "CheckRun",
    "Checker",
    "FailOn",
    "Finding",
    "Hit",
    "Locales",
    "PostResult",
    "QAConfig",
    "Segment",
    "Summary",
    "Waiver",
    "Waivers",
    "all_checks",
    "load_qa_config",
    "load_waivers",
    "make_reporter",
    "parse_fail_on",
]
