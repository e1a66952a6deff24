"""Pipeline files: YAML -> a validated :class:`PipelineConfig`, or an error that says where.

Validation is complete before anything runs: unknown top-level keys, unknown steps and options
(with a did-you-mean), option types checked against each step's ``Options`` dataclass, and the
steps' own checks (e.g. an unknown OpenCC config), all reported with file, line and key path.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from localize.errors import ConfigError, brief
from localize.options import build_options, did_you_mean
from localize.options import type_name as _type_name
from localize.registry import get_step_class, step_names
from localize.text.locales import LocaleError, normalize_locale
from localize.text.script import SCRIPTS
from localize.yamlfile import line_of, load_yaml

TOP_LEVEL_KEYS = ("name", "description", "source", "target", "glossaries", "steps")
WHEN_VALUES = (*SCRIPTS, "zh")


@dataclass
class StepSpec:
    name: str
    options: dict[str, Any]
    when: list[str] | None = None
    line: int | None = None
    option_lines: dict[str, int] = field(default_factory=dict)
    key: str = ""  # breadcrumb, e.g. steps[3].convert


@dataclass
class PipelineConfig:
    name: str
    steps: list[StepSpec]
    source: str | None = None
    target: str | None = None
    description: str = ""
    glossaries: list[Path] = field(default_factory=list)
    path: Path | None = None

    @property
    def base_dir(self) -> Path:
        return self.path.parent if self.path is not None else Path.cwd()


def load_pipeline_config(path: str | Path) -> PipelineConfig:
    path = Path(path)
    data = load_yaml(path)
    return parse_pipeline_config(data, path=path)


def parse_pipeline_config(data: Any, *, path: Path | None = None) -> PipelineConfig:
    def fail(message: str, container: Any = None, member: Any = None, **kw: Any) -> ConfigError:
        line = line_of(container, member) if container is not None else None
        return ConfigError(message, path=path, line=line, **kw)

    if not isinstance(data, dict):
        raise fail(
            "a pipeline file must be a mapping with 'name' and 'steps'",
            hint="See pipelines/weibo-zh-en.yaml for an example.",
        )
    for key in data:
        if key not in TOP_LEVEL_KEYS:
            raise fail(
                f"unknown key {key!r}.{did_you_mean(str(key), TOP_LEVEL_KEYS)}",
                data,
                key,
                key=str(key),
                hint=f"Valid keys: {', '.join(TOP_LEVEL_KEYS)}.",
            )
    for required in ("name", "steps"):
        if required not in data:
            raise fail(f"missing required key {required!r}", hint="Add it at the top level.")
    for key in ("name", "description", "source", "target"):
        if key in data and not isinstance(data[key], str):
            raise fail(f"expected a string, got {_type_name(data[key])}", data, key, key=key)
    locales = {}
    for key in ("source", "target"):
        if data.get(key) is not None:
            try:
                locales[key] = normalize_locale(data[key], key=key)
            except LocaleError as exc:
                exc.path, exc.line = (str(path) if path else None), line_of(data, key)
                raise
    base_dir = path.parent if path is not None else Path.cwd()
    glossaries = _parse_glossaries(data, base_dir, fail)
    steps_raw = data["steps"]
    if not isinstance(steps_raw, list) or not steps_raw:
        raise fail("'steps' must be a non-empty list", data, "steps", key="steps")
    steps = [_parse_step(steps_raw, i, fail) for i in range(len(steps_raw))]
    config = PipelineConfig(
        name=data["name"],
        steps=steps,
        source=locales.get("source"),
        target=locales.get("target"),
        description=data.get("description", ""),
        glossaries=glossaries,
        path=path,
    )
    return config


def _parse_glossaries(data: Any, base_dir: Path, fail: Any) -> list[Path]:
    raw = data.get("glossaries", [])
    if isinstance(raw, str):
        raw = [raw]
    if not isinstance(raw, list) or not all(isinstance(g, str) for g in raw):
        raise fail("'glossaries' must be a list of file paths", data, "glossaries")
    out = []
    for i, item in enumerate(raw):
        p = Path(item).expanduser()
        p = p if p.is_absolute() else base_dir / p
        if not p.exists():
            raise fail(
                f"glossary file not found: {item}",
                raw,
                i,
                key=f"glossaries[{i}]",
                hint="Paths are relative to the pipeline file.",
            )
        out.append(p)
    return out


def _parse_step(steps_raw: Any, index: int, fail: Any) -> StepSpec:
    item = steps_raw[index]
    options: Any
    line = line_of(steps_raw, index)
    crumb = f"steps[{index}]"
    if isinstance(item, str):
        name, options = item, {}
    elif isinstance(item, dict) and len(item) == 1:
        name, options = next(iter(item.items()))
        options = {} if options is None else options
        if not isinstance(options, dict):
            raise fail(
                f"options of step {name!r} must be a mapping, got {_type_name(options)}",
                steps_raw,
                index,
                key=crumb,
                hint=f"Write `- {name}: {{option: value}}` or just `- {name}`.",
            )
    else:
        raise fail(
            "each step must be a name or a one-key mapping `name: {options}`",
            steps_raw,
            index,
            key=crumb,
        )
    if name not in step_names():
        raise fail(
            f"unknown step {name!r}.{did_you_mean(str(name), step_names())}",
            steps_raw,
            index,
            key=crumb,
            hint=f"Available steps: {', '.join(step_names())}.",
        )
    option_lines = {str(k): (line_of(options, k) or line or 0) for k in options}
    when = options.pop("when", None) if isinstance(options, dict) else None
    crumb = f"{crumb}.{name}"
    if when is not None:
        when_list = [when] if isinstance(when, str) else when
        if not isinstance(when_list, list) or not all(w in WHEN_VALUES for w in when_list):
            raise fail(
                f"'when' must be one or a list of {', '.join(WHEN_VALUES)}; got {brief(when)}",
                options,
                "when",
                key=f"{crumb}.when",
            )
        when = list(when_list)
    return StepSpec(
        name=name, options=dict(options), when=when, line=line, option_lines=option_lines, key=crumb
    )


def step_options(config: PipelineConfig, spec: StepSpec, options_cls: type) -> Any:
    """The options of ``spec`` checked against ``options_cls``; errors carry file, line, key."""
    return build_options(
        f"step {spec.name!r}",
        options_cls,
        spec.options,
        path=config.path,
        lines=spec.option_lines,
        crumb=spec.key,
        default_line=spec.line,
    )


def locate_step_error(exc: ConfigError, config: PipelineConfig, spec: StepSpec) -> None:
    """Give a ConfigError that a step raised about its options the pipeline's file, line, key."""
    if exc.path is None:
        exc.path = str(config.path) if config.path else None
        # The line the error names inside the options when it has one, else the option's line.
        exc.line = exc.line or spec.option_lines.get((exc.key or "").split(".")[0], spec.line)
        exc.key = f"{spec.key}.{exc.key}" if exc.key else spec.key


def instantiate_steps(config: PipelineConfig, context: Any) -> list[Any]:
    """Build each step with checked options; a step's own ConfigError gets the file and line."""
    steps = []
    for spec in config.steps:
        cls = get_step_class(spec.name)
        options = step_options(config, spec, cls.Options)
        try:
            steps.append(cls(options, context))
        except ConfigError as exc:
            locate_step_error(exc, config, spec)
            raise
    return steps
