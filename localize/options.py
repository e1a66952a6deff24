"""Typed options from YAML: a dataclass's fields are the valid keys, their hints the types.

Steps and QA checks both declare their options as a dataclass; :func:`build_options` checks a
YAML mapping against it (unknown keys get a did-you-mean, values are checked against the type
hints) and every error carries file, line and key path.
"""

from __future__ import annotations

import dataclasses
import difflib
import types
import typing
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, Literal, Union, get_args, get_origin, get_type_hints

from localize.errors import ConfigError, brief


@dataclasses.dataclass
class NoOptions:
    """For steps and checks that take no options."""


def did_you_mean(word: str, choices: typing.Iterable[str]) -> str:
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" Did you mean {close[0]!r}?" if close else ""


def build_options(
    owner: str,
    options_cls: type,
    raw: Mapping[str, Any],
    *,
    path: str | Path | None = None,
    lines: Mapping[str, int | None] | None = None,
    crumb: str = "",
    default_line: int | None = None,
    base: Any = None,
    also_valid: Sequence[str] = (),
) -> Any:
    """Check ``raw`` against the fields of ``options_cls`` and build it (over ``base``'s values
    when given). ``owner`` names what takes the options in messages (``step 'convert'``);
    ``lines`` gives each key's line, ``also_valid`` the keys the owner handles itself."""
    lines = lines or {}
    fields = {f.name: f for f in dataclasses.fields(options_cls)}
    hints = get_type_hints(options_cls)
    values = dataclasses.asdict(base) if base is not None else {}
    for key, value in raw.items():
        where = f"{crumb}.{key}" if crumb else str(key)
        line = lines.get(str(key)) or default_line
        if key not in fields:
            valid = ", ".join([*also_valid, *fields]) or "(none: it takes no options)"
            raise ConfigError(
                f"unknown option {key!r} for {owner}.{did_you_mean(str(key), fields)}",
                path=path,
                line=line,
                key=where,
                hint=f"Valid options: {valid}.",
            )
        ok, converted = coerce_option(value, hints[key])
        if not ok:
            raise ConfigError(
                f"expected {describe_type(hints[key])}, got {type_name(value)} {brief(value)}",
                path=path,
                line=line,
                key=where,
            )
        values[key] = converted
    return options_cls(**values)


def coerce_option(value: Any, tp: Any) -> tuple[bool, Any]:
    """Whether ``value`` (from YAML) fits the type hint ``tp``, and the value to use."""
    origin = get_origin(tp)
    if tp is Any:
        return True, value
    if origin is Literal:
        return (value in get_args(tp)), value
    if origin in (Union, types.UnionType):
        for arg in get_args(tp):
            ok, converted = coerce_option(value, arg)
            if ok:
                return True, converted
        return False, value
    if tp is type(None):
        return value is None, value
    if tp is bool:
        return isinstance(value, bool), value
    if tp is int:
        return isinstance(value, int) and not isinstance(value, bool), value
    if tp is float:
        ok = isinstance(value, (int, float)) and not isinstance(value, bool)
        return ok, float(value) if ok else value
    if tp is str:
        return isinstance(value, str), value
    if origin in (list, tuple):
        (item_tp, *_) = get_args(tp) or (Any,)
        items = [value] if isinstance(value, str) and item_tp is str else value
        if not isinstance(items, list):
            return False, value
        out = []
        for item in items:
            ok, converted = coerce_option(item, item_tp)
            if not ok:
                return False, value
            out.append(converted)
        return True, out
    if origin is dict:
        key_tp, val_tp = get_args(tp) or (Any, Any)
        if not isinstance(value, dict):
            return False, value
        for k, v in value.items():
            if not (coerce_option(k, key_tp)[0] and coerce_option(v, val_tp)[0]):
                return False, value
        return True, dict(value)
    return isinstance(value, tp), value


def describe_type(tp: Any) -> str:
    origin = get_origin(tp)
    if origin is Literal:
        return "one of " + ", ".join(repr(a) for a in get_args(tp))
    if origin in (Union, types.UnionType):
        return " or ".join(describe_type(a) for a in get_args(tp))
    if tp is type(None):
        return "null"
    if origin in (list, tuple):
        args = get_args(tp)
        return f"a list of {describe_type(args[0])}" if args else "a list"
    if origin is dict:
        return "a mapping"
    return {bool: "true/false", int: "an integer", float: "a number", str: "a string"}.get(
        tp, getattr(tp, "__name__", str(tp))
    )


def type_name(value: Any) -> str:
    if value is None:
        return "null"
    return {bool: "boolean", int: "integer", float: "number", str: "string", list: "list"}.get(
        type(value), "mapping" if isinstance(value, dict) else type(value).__name__
    )
