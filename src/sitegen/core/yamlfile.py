"""YAML reading that keeps line numbers, so errors can say ``path:line``.

>>> doc = parse_yaml_mapping("title: A\\ndate: 2020-12-08\\n", "x.yaml")
>>> doc.values["date"], doc.lines["date"]
('2020-12-08', 2)
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import yaml


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

    def line_of(self, key: str) -> int | None:
        return self.lines.get(key)


class _StringDateLoader(yaml.SafeLoader):
    """Safe loader that leaves dates as the text the curator wrote and refuses aliases.

    No file of a collection needs ``&anchor``/``*alias``, and aliases are how a few
    lines of YAML expand into gigabytes (the "billion laughs") once a value is
    turned into text.
    """

    def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
        if self.check_event(yaml.AliasEvent):
            mark = self.peek_event().start_mark  # type: ignore[no-untyped-call]
            raise yaml.composer.ComposerError(
                None, None, "aliases (*name) are not allowed; write the value out", mark
            )
        return super().compose_node(parent, index)


_StringDateLoader.yaml_implicit_resolvers = {
    key: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def parse_yaml_mapping(text: str, name: str) -> YamlMapping:
    """Parse ``text`` as a mapping (an empty document is an empty mapping)."""
    try:
        node = yaml.compose(text, Loader=_StringDateLoader)
        values = yaml.load(text, Loader=_StringDateLoader)
    except RecursionError:
        raise YamlProblem(None, "invalid YAML: nested too deeply") from None
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
    lines = {
        str(key.value): key.start_mark.line + 1
        for key, _ in node.value
        if isinstance(key, yaml.ScalarNode)
    }
    return YamlMapping({str(k): v for k, v in values.items()}, lines)


def unknown_key_message(key: str, known: Iterable[str]) -> str:
    """``unknown key 'titel' (did you mean 'title'?)``"""
    close = difflib.get_close_matches(key[:100], sorted(known), n=1, cutoff=0.6)
    hint = f" (did you mean '{close[0]}'?)" if close else ""
    shown = key if len(key) <= 60 else key[:59] + "…"
    return f"unknown key '{shown}'{hint}; allowed: {', '.join(sorted(known))}"
