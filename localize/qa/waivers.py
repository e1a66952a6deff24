"""Waivers: known exceptions a team accepts, kept in git next to the posts.

::

    waivers:
      - post: wb-1002                 # a post id, or a glob such as "wb-10*"
        check: untranslated
        reason: the shop sign 福 stays in Chinese on purpose
        expires: 2027-01-31           # optional; an expired waiver stops applying
        contains: 福                  # optional; only findings whose message contains this

A waiver that accepted nothing in a run is reported as ``stale_waiver`` and one past its date as
``expired_waiver``, so the file does not rot.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from fnmatch import fnmatchcase
from pathlib import Path
from typing import Any

from localize.errors import ConfigError, brief
from localize.options import did_you_mean
from localize.qa.base import Finding, define
from localize.yamlfile import line_of, load_yaml

WAIVER_KEYS = ("post", "check", "reason", "expires", "contains")

define(
    "stale_waiver",
    "waivers",
    severity="warning",
    summary="a waiver that matched no finding in this run (remove it)",
)
define(
    "expired_waiver",
    "waivers",
    severity="warning",
    summary="a waiver past its expiry date (it no longer applies)",
)


@dataclass
class Waiver:
    post: str
    check: str
    reason: str
    expires: dt.date | None = None
    contains: str | None = None
    path: str | None = None
    line: int | None = None
    used: int = 0

    def expired(self, today: dt.date) -> bool:
        return self.expires is not None and self.expires < today

    def matches(self, post_id: str, finding: Finding) -> bool:
        if finding.check != self.check or not fnmatchcase(post_id, self.post):
            return False
        return self.contains is None or self.contains in finding.message


class Waivers:
    """The waivers of one file, applied to findings as posts stream past."""

    def __init__(self, waivers: Iterable[Waiver], *, today: dt.date | None = None) -> None:
        self.waivers = list(waivers)
        self.today = today or dt.date.today()
        self.seen_posts: set[str] = set()

    def apply(self, post_id: str, findings: list[Finding]) -> None:
        """Mark the findings of ``post_id`` that a live waiver accepts."""
        if self._mentions(post_id):
            self.seen_posts.add(post_id)  # only ids a waiver names: memory stays flat
        for finding in findings:
            for waiver in self.waivers:
                if not waiver.expired(self.today) and waiver.matches(post_id, finding):
                    finding.waived = waiver.reason
                    waiver.used += 1
                    break

    def _mentions(self, post_id: str) -> bool:
        return any(fnmatchcase(post_id, w.post) for w in self.waivers)

    def report(self) -> Iterator[tuple[Waiver, str, str]]:
        """``(waiver, check, message)`` for every expired or unused waiver, in file order."""
        for waiver in self.waivers:
            label = f"waiver for {waiver.post} [{waiver.check}]"
            if waiver.expired(self.today):
                assert waiver.expires is not None
                yield (
                    waiver,
                    "expired_waiver",
                    f"{label} expired on {waiver.expires.isoformat()}; renew or remove it",
                )
            elif waiver.used == 0:
                if any(fnmatchcase(p, waiver.post) for p in self.seen_posts):
                    why = "matched no finding"
                else:
                    why = "matched no post in this run"
                yield waiver, "stale_waiver", f"{label} {why}; remove it if it is obsolete"


def parse_waivers(data: Any, *, path: str | Path | None = None) -> list[Waiver]:
    from localize.qa.base import all_checks

    known = all_checks()
    if data is None:
        return []
    items = data.get("waivers") if isinstance(data, dict) else data
    if not isinstance(items, list):
        raise ConfigError(
            "a waivers file is a list of waivers (or a mapping with a 'waivers' list)",
            path=path,
            hint="Each waiver needs post, check and reason.",
        )
    out = []
    for index, item in enumerate(items):
        crumb = f"waivers[{index}]"
        line = line_of(items, index)
        if not isinstance(item, dict):
            raise ConfigError("each waiver must be a mapping", path=path, line=line, key=crumb)
        for key in item:
            if key not in WAIVER_KEYS:
                raise ConfigError(
                    f"unknown key {key!r}.{did_you_mean(str(key), WAIVER_KEYS)}",
                    path=path,
                    line=line_of(item, key),
                    key=f"{crumb}.{key}",
                    hint=f"Valid keys: {', '.join(WAIVER_KEYS)}.",
                )
        for key in ("post", "check", "reason"):
            value = item.get(key)
            if not isinstance(value, (str, int)) or not str(value).strip():
                raise ConfigError(
                    f"a waiver needs a non-empty {key!r}",
                    path=path,
                    line=line,
                    key=f"{crumb}.{key}",
                    hint="Write post (id or glob), check (a check id) and reason.",
                )
        check = str(item["check"])
        if check not in known:
            raise ConfigError(
                f"unknown check {check!r}.{did_you_mean(check, known)}",
                path=path,
                line=line_of(item, "check"),
                key=f"{crumb}.check",
                hint=f"Valid checks: {', '.join(known)}.",
            )
        out.append(
            Waiver(
                post=str(item["post"]),
                check=check,
                reason=str(item["reason"]),
                expires=_date(item.get("expires"), path, line_of(item, "expires"), crumb),
                contains=str(item["contains"]) if item.get("contains") is not None else None,
                path=str(path) if path is not None else None,
                line=line,
            )
        )
    return out


def _date(value: Any, path: str | Path | None, line: int | None, crumb: str) -> dt.date | None:
    if value is None or (isinstance(value, dt.date) and not isinstance(value, dt.datetime)):
        return value
    if isinstance(value, dt.datetime):
        return value.date()
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise ConfigError(
            f"expires must be a date like 2027-01-31; got {brief(value)}",
            path=path,
            line=line,
            key=f"{crumb}.expires",
        ) from None


def load_waivers(path: str | Path, *, today: dt.date | None = None) -> Waivers:
    return Waivers(parse_waivers(load_yaml(path, error=ConfigError), path=path), today=today)
