"""YAML reading that keeps line numbers, so errors can say ``path:line``.

``read_yaml_mapping`` (and ``read_yaml_file`` for a whole file) is how every
YAML file of a collection is read: ``site.yaml``, ``entities.yaml``, sidecars
and content pages' front matter. Each problem goes to the caller's ``report``
with its line, an unknown key with the nearest known one.

>>> doc = parse_yaml_mapping("title: A\\ndate: 2020-12-08\\n", "x.yaml")
>>> doc.values["date"], doc.lines["date"]
('2020-12-08', 2)
>>> read_yaml_mapping("titel: A\\n", "x.yaml", print, keys={"title", "date"})
1 unknown key 'titel' (did you mean 'title'?); allowed: date, title
YamlMapping(values={}, lines={'titel': 1}, inner_lines={})
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

Report = Callable[[int | None, str], None]
"""Takes a problem's line (``None``: the whole file) and message."""


class YamlProblem(Exception):
    def __init__(self, line: int | None, message: str) -> None:
        self.line = line
        self.message = message
        super().__init__(message)


@dataclass(frozen=True)
class YamlMapping:
    """A top-level mapping with the 1-based line of each key."""

    values: dict[str, Any]
    lines: dict[str, int] = field(default_factory=dict)
    inner_lines: dict[str, dict[str, int]] = field(default_factory=dict)
    """For a value that is itself a mapping: the line of each of its keys."""

    def line_of(self, key: str, inner: str | None = None) -> int | None:
        """The line of ``key``, or of ``inner`` inside its mapping (else of ``key``)."""
        if inner is not None and inner in self.inner_lines.get(key, {}):
            return self.inner_lines[key][inner]
        return self.lines.get(key)


# libyaml's parser when PyYAML has it (ten times the pure-Python one's speed; the nodes
# carry the same line marks). Either way values are made by PyYAML's safe constructor.
_SafeLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_MAX_DEPTH = 64
"""Nested mappings and lists a file may have: a collection's need four at most, and
composing thousands overflows the C parser's stack."""


class _StringDateLoader(_SafeLoader):  # type: ignore[valid-type, misc]
    """Safe loader that leaves dates as the text the curator wrote (see ``_checked_events``)."""


_StringDateLoader.yaml_implicit_resolvers = {
    key: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_DECIMAL = re.compile(r"[-+]?(?:0|[1-9][0-9_]*)")


def _construct_int(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> int | str:
    """A plain decimal is a number; YAML 1.1's other forms stay the text as written.

    ``0123`` (octal: 83), ``0x1F``, ``190:20`` (base 60) would silently change an id.
    """
    text = str(loader.construct_scalar(node))
    return int(text.replace("_", "")) if _DECIMAL.fullmatch(text) else text


_StringDateLoader.add_constructor("tag:yaml.org,2002:int", _construct_int)


def read_yaml_file(
    path: Path, report: Report, keys: Collection[str] | None = None
) -> YamlMapping | None:
    """``read_yaml_mapping`` of the file at ``path`` (UTF-8, a BOM allowed)."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        report(None, f"cannot read: {exc}")
        return None
    return read_yaml_mapping(text, path.name, report, keys=keys)


def read_yaml_mapping(
    text: str,
    name: str,
    report: Report,
    *,
    keys: Collection[str] | None = None,
    first_line: int = 1,
) -> YamlMapping | None:
    """The mapping ``text`` holds, problems reported; ``None`` when it is no mapping.

    With ``keys``, any other key is reported with the nearest of them and left
    out of the result. ``first_line`` is the file's line ``text`` starts on
    (front matter starts on the second), so every reported line is the file's.
    """
    shift = first_line - 1
    try:
        doc = parse_yaml_mapping(text, name)
    except YamlProblem as exc:
        report(exc.line + shift if exc.line else None, exc.message)
        return None
    if keys is None:
        return doc
    for key in doc.values:
        if key not in keys:
            line = doc.line_of(key)
            report(line + shift if line else None, unknown_key_message(key, keys))
    return YamlMapping(
        {k: v for k, v in doc.values.items() if k in keys}, doc.lines, doc.inner_lines
    )


def parse_yaml_mapping(text: str, name: str) -> YamlMapping:
    """Parse ``text`` as a mapping (an empty document is an empty mapping)."""
    try:
        _check_events(text)
        node, values = _compose_and_construct(text)
    except ValueError as exc:  # a number of 5,000 digits exceeds Python's int conversion limit
        raise YamlProblem(None, f"invalid YAML: {str(exc).split(';')[0]}") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc)
        raise YamlProblem(mark.line + 1 if mark else None, f"invalid YAML: {problem}") from None
    if values is None:
        return YamlMapping({}, {})
    if not isinstance(values, dict) or not isinstance(node, yaml.MappingNode):
        raise YamlProblem(1, f"{name} must be a mapping of keys to values")
    lines = _key_lines(node)
    inner_lines = {
        str(key.value): _key_lines(value)
        for key, value in node.value
        if isinstance(key, yaml.ScalarNode) and isinstance(value, yaml.MappingNode)
    }
    return YamlMapping({str(k): v for k, v in values.items()}, lines, inner_lines)


def _check_events(text: str) -> None:
    """Refuse aliases and deep nesting before anything is composed.

    No file of a collection needs ``&anchor``/``*alias``, and aliases are how a few
    lines of YAML expand into gigabytes (the "billion laughs") once a value is
    turned into text.
    """
    depth = 0
    for event in yaml.parse(text, Loader=_StringDateLoader):
        mark = event.start_mark
        line = mark.line + 1 if mark is not None else None
        if isinstance(event, yaml.AliasEvent):
            raise YamlProblem(
                line, "invalid YAML: aliases (*name) are not allowed; write the value out"
            )
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > _MAX_DEPTH:
                raise YamlProblem(line, "invalid YAML: nested too deeply")
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1


def _compose_and_construct(text: str) -> tuple[yaml.Node | None, Any]:
    """The document's node (for lines) and its value, from one parse."""
    loader = _StringDateLoader(text)
    try:
        node = loader.get_single_node()
        return node, None if node is None else loader.construct_document(node)
    finally:
        loader.dispose()


def _key_lines(node: yaml.MappingNode) -> dict[str, int]:
    return {
        str(key.value): key.start_mark.line + 1
        for key, _ in node.value
        if isinstance(key, yaml.ScalarNode)
    }


def unknown_key_message(key: str, known: Iterable[str]) -> str:
    """``unknown key 'titel' (did you mean 'title'?)``"""
    close = difflib.get_close_matches(key[:100], sorted(known), n=1, cutoff=0.6)
    hint = f" (did you mean '{close[0]}'?)" if close else ""
    shown = key if len(key) <= 60 else key[:59] + "…"
    return f"unknown key '{shown}'{hint}; allowed: {', '.join(sorted(known))}"
