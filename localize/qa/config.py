"""QA configuration: a severity and options per check, and the level that fails a run.

A YAML file (``--config``), the ``check`` step's options in a pipeline and ``--fail-on`` all
speak the same shape::

    fail_on: error            # error | warning | never, or a list of check ids
    waivers: qa-waivers.yaml  # relative to this file
    checks:
      untranslated: error     # error | warning | off
      length_ratio: {severity: warning, min: 0.3, max: 3.0}
      punctuation: off

Every mistake names the file, line and key, lists what is valid and suggests the closest name.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from localize.errors import ConfigError, brief
from localize.options import build_options, did_you_mean
from localize.qa.base import LEVELS, SEVERITIES, CheckDef, all_checks
from localize.yamlfile import line_of, load_yaml

CONFIG_KEYS = ("fail_on", "checks", "waivers")
NEVER = ("never", "none")


@dataclass(frozen=True)
class FailOn:
    """Which findings fail a run: those at or above ``level``, or of the listed checks."""

    level: str | None = "error"  # error | warning | None (never, unless listed)
    checks: frozenset[str] = frozenset()

    def fails(self, check: str, severity: str) -> bool:
        if self.checks:
            return check in self.checks
        if self.level is None:
            return False
        return LEVELS.index(severity) <= LEVELS.index(self.level)

    def describe(self) -> str:
        if self.checks:
            return ",".join(sorted(self.checks))
        return self.level or "never"


def parse_fail_on(
    value: Any,
    *,
    path: str | Path | None = None,
    line: int | None = None,
    key: str = "fail_on",
) -> FailOn:
    """``error``, ``warning``, ``never``, or check ids (a list or a comma-separated string)."""
    known = all_checks()
    if isinstance(value, str) and value in (*LEVELS, *NEVER):
        return FailOn(None if value in NEVER else value)
    items = [v.strip() for v in value.split(",")] if isinstance(value, str) else value
    if not isinstance(items, list) or not items or not all(isinstance(v, str) for v in items):
        raise ConfigError(
            f"fail_on must be error, warning, never or a list of check ids; got {brief(value)}",
            path=path,
            line=line,
            key=key,
        )
    for item in items:
        if item not in known:
            raise ConfigError(
                f"unknown check {item!r} in fail_on.{did_you_mean(item, known)}",
                path=path,
                line=line,
                key=key,
                hint=f"Levels: error, warning, never. Checks: {', '.join(known)}.",
            )
    return FailOn(None, frozenset(items))


@dataclass
class QAConfig:
    """The severity and options of every check, the fail level and the waivers file."""

    severities: dict[str, str] = field(default_factory=dict)
    options: dict[str, Any] = field(default_factory=dict)
    fail_on: FailOn = field(default_factory=FailOn)
    waivers: Path | None = None

    @classmethod
    def default(cls) -> QAConfig:
        checks = all_checks()
        return cls(
            severities={c.id: c.severity for c in checks.values()},
            options={c.id: c.options() for c in checks.values()},
        )

    def enabled(self) -> list[CheckDef]:
        """The checks to run, in registry order."""
        checks = all_checks()
        return [checks[i] for i in checks if self.severities.get(i, "off") != "off"]

    def severity(self, check: str) -> str:
        return self.severities.get(check, all_checks()[check].severity)

    def updated(self, data: Any, *, path: str | Path | None = None, crumb: str = "") -> QAConfig:
        """A copy with ``data`` (a mapping in the shape above) applied on top."""

        def fail(message: str, container: Any, key: Any, where: str, **kw: Any) -> ConfigError:
            return ConfigError(message, path=path, line=line_of(container, key), key=where, **kw)

        prefix = f"{crumb}." if crumb else ""
        if data is None:
            return self
        if not isinstance(data, Mapping):
            raise ConfigError(
                "a QA config must be a mapping with 'checks' and/or 'fail_on'",
                path=path,
                key=crumb or None,
                hint="See examples/ci/qa.yaml.",
            )
        for key in data:
            if key not in CONFIG_KEYS:
                raise fail(
                    f"unknown key {key!r}.{did_you_mean(str(key), CONFIG_KEYS)}",
                    data,
                    key,
                    f"{prefix}{key}",
                    hint=f"Valid keys: {', '.join(CONFIG_KEYS)}.",
                )
        new = QAConfig(dict(self.severities), dict(self.options), self.fail_on, self.waivers)
        if "fail_on" in data:
            new.fail_on = parse_fail_on(
                data["fail_on"], path=path, line=line_of(data, "fail_on"), key=f"{prefix}fail_on"
            )
        if "waivers" in data:
            value = data["waivers"]
            if not isinstance(value, str):
                raise fail("waivers must be a file path", data, "waivers", f"{prefix}waivers")
            base = Path(path).parent if path is not None else Path.cwd()
            new.waivers = base / Path(value).expanduser()
        checks = data.get("checks", {})
        if checks is None:
            checks = {}
        if not isinstance(checks, Mapping):
            raise fail(
                "checks must be a mapping of check id to severity or options",
                data,
                "checks",
                f"{prefix}checks",
            )
        known = all_checks()
        for check_id, value in checks.items():
            where = f"{prefix}checks.{check_id}"
            if check_id not in known:
                raise fail(
                    f"unknown check {check_id!r}.{did_you_mean(str(check_id), known)}",
                    checks,
                    check_id,
                    where,
                    hint=f"Valid checks: {', '.join(known)}.",
                )
            definition = known[check_id]
            severity, raw_options = _split_setting(value)
            if severity is not None:
                if severity not in SEVERITIES:
                    raise fail(
                        f"severity must be error, warning or off; got {brief(severity)}",
                        checks,
                        check_id,
                        where,
                    )
                new.severities[check_id] = severity
            if raw_options:
                new.options[check_id] = build_check_options(
                    definition,
                    raw_options,
                    base=new.options.get(check_id),
                    path=path,
                    container=value,
                    crumb=where,
                )
        return new


def _split_setting(value: Any) -> tuple[str | None, dict[str, Any]]:
    # YAML 1.1 reads a bare `off` as False; it still means "off" here.
    if value is False:
        return "off", {}
    if isinstance(value, str):
        return value, {}
    if isinstance(value, Mapping):
        options = {k: v for k, v in value.items() if k != "severity"}
        severity = value.get("severity")
        return ("off" if severity is False else severity), options
    return repr(value), {}


def build_check_options(
    definition: CheckDef,
    raw: Mapping[str, Any],
    *,
    base: Any = None,
    path: str | Path | None = None,
    container: Any = None,
    crumb: str = "",
) -> Any:
    """``raw`` checked against the check's options dataclass, applied over ``base``."""
    return build_options(
        f"check {definition.id!r}",
        definition.options,
        raw,
        path=path,
        lines={str(key): line_of(container, key) for key in raw},
        crumb=crumb,
        base=base,
        also_valid=("severity",),
    )


def load_qa_config(path: str | Path, base: QAConfig | None = None) -> QAConfig:
    """A QA config file applied over ``base`` (the defaults if None)."""
    data = load_yaml(path, error=ConfigError)
    return (base or QAConfig.default()).updated(data, path=path)
