"""Safe YAML loading that remembers line numbers, so every error can say where it is.

PyYAML's SafeLoader forgets node positions once it builds Python objects; these containers keep
them (``.line`` for the container, ``.key_lines`` / ``.item_lines`` for members). Duplicate
keys, which SafeLoader silently lets the last one win, are an error here, and so are aliases
that expand a document past a small budget (a "billion laughs" alias bomb: nine levels of ten
aliases are a billion nodes to any code that walks or prints the value).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from localize.errors import ConfigError, LocalizeError


class LineDict(dict[Any, Any]):
    line: int = 0
    key_lines: dict[Any, int]

    def line_of(self, key: Any) -> int:
        return self.key_lines.get(key, self.line)


class LineList(list[Any]):
    line: int = 0
    item_lines: list[int]

    def line_of(self, index: int) -> int:
        return self.item_lines[index] if index < len(self.item_lines) else self.line


# libyaml's C parser when available (8x faster on our glossaries); the constructors stay
# Python's safe ones, so nothing but plain data can be built either way.
_SafeLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


# How many nodes aliases may add to a document beyond the nodes written in it: generous for
# anchors that share a step's options, far below what an alias bomb expands to.
ALIAS_BUDGET = 100_000


class _LineLoader(_SafeLoader):  # type: ignore[valid-type,misc]
    def get_single_data(self) -> Any:
        node = self.get_single_node()
        if node is None:
            return None
        _check_aliases(node)
        return self.construct_document(node)


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.MappingNode):
        return [child for pair in node.value for child in pair]
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    return []


def _check_aliases(root: yaml.Node) -> None:
    """Refuse a document whose aliases expand it by more than :data:`ALIAS_BUDGET` nodes, or
    that refers to itself. The composer shares an aliased node, so the expanded size is counted
    once per distinct node (memoized), in time linear in the document as written."""
    expanded: dict[int, int] = {}
    on_path: set[int] = set()
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, children_done = stack.pop()
        key = id(node)
        if children_done:
            on_path.discard(key)
            expanded[key] = 1 + sum(expanded[id(c)] for c in _children(node))
            continue
        if key in expanded:
            continue
        if key in on_path:
            raise yaml.constructor.ConstructorError(
                None, None, "an alias refers to the node that contains it", node.start_mark
            )
        on_path.add(key)
        stack.append((node, True))
        stack.extend((child, False) for child in _children(node) if id(child) not in expanded)
    added = expanded[id(root)] - len(expanded)
    if added > ALIAS_BUDGET:
        raise yaml.constructor.ConstructorError(
            None,
            None,
            f"aliases expand this document by {added:,} nodes (at most {ALIAS_BUDGET:,} are "
            "allowed); write the values out instead of nesting aliases",
            root.start_mark,
        )


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> LineDict:
    loader.flatten_mapping(node)
    result = LineDict()
    result.line = node.start_mark.line + 1
    result.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if key in result.key_lines:
            raise yaml.constructor.ConstructorError(
                None,
                None,
                f"duplicate key {key!r} (first at line {result.key_lines[key]})",
                key_node.start_mark,
            )
        result[key] = loader.construct_object(value_node, deep=True)
        result.key_lines[key] = key_node.start_mark.line + 1
    return result


def _construct_sequence(loader: _LineLoader, node: yaml.SequenceNode) -> LineList:
    result = LineList(loader.construct_object(child, deep=True) for child in node.value)
    result.line = node.start_mark.line + 1
    result.item_lines = [child.start_mark.line + 1 for child in node.value]
    return result


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)


def read_text(
    path: str | Path, *, error: type[LocalizeError] = ConfigError, encoding: str = "utf-8"
) -> str:
    """A UTF-8 file's text; a missing file or bad bytes raise ``error`` naming the file."""
    try:
        return Path(path).read_text(encoding=encoding)
    except FileNotFoundError:
        raise error("file not found", path=path, hint="Check the path.") from None
    except UnicodeDecodeError as exc:
        raise error(f"not valid UTF-8 ({exc.reason} at byte {exc.start})", path=path) from None


def load_yaml(
    path: str | Path, *, text: str | None = None, error: type[LocalizeError] = ConfigError
) -> Any:
    """Load one YAML document with line-aware containers; syntax errors name file and line."""
    if text is None:
        text = read_text(path, error=error)
    try:
        return yaml.load(text, Loader=_LineLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        problem = exc.problem or exc.context or "invalid YAML"
        raise error(f"invalid YAML: {problem}", path=path, line=line) from None
    except yaml.YAMLError as exc:
        raise error(f"invalid YAML: {exc}", path=path) from None


def line_of(container: Any, key: Any) -> int | None:
    """Line of ``container[key]`` if the container came from :func:`load_yaml`."""
    if isinstance(container, (LineDict, LineList)):
        return container.line_of(key)
    return None
