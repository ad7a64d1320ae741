"""Errors for people: every problem carries a path and, where known, a line.

Content problems are collected in a ``Diagnostics`` so one run reports them
all; only the CLI turns them into an exit code.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal, Protocol

Severity = Literal["error", "warning"]


class SitegenError(Exception):
    """Base of every error sitegen reports without a traceback."""


class ConfigError(SitegenError):
    """The configuration (site.yaml, command-line options) is unusable."""


class TemplateError(SitegenError):
    """A template does not compile or fails while rendering: ``path:line: message``."""


@dataclass(frozen=True)
class Diagnostic:
    path: str
    line: int | None
    message: str
    severity: Severity = "error"

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.severity}: {self.message}"


@dataclass(frozen=True)
class Problem:
    """A problem in one text (a source, a sidecar) found before its path is attached.

    What parsing, the sidecar and assembly return; the loader reports them for
    their file with ``Diagnostics.report``.
    """

    line: int | None
    message: str
    severity: Severity


class ContentError(SitegenError):
    """One or more content problems that stop the work (for example under --strict)."""

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        self.diagnostics = diagnostics
        super().__init__("\n".join(str(d) for d in diagnostics))


@dataclass
class Diagnostics:
    """Collects problems from every stage so they are reported at once."""

    items: list[Diagnostic] = field(default_factory=list)

    def error(self, path: Path | str, line: int | None, message: str) -> None:
        self.items.append(Diagnostic(str(path), line, message, "error"))

    def warning(self, path: Path | str, line: int | None, message: str) -> None:
        self.items.append(Diagnostic(str(path), line, message, "warning"))

    def report(self, path: Path | str, problems: Iterable[Problem]) -> None:
        """Record ``problems`` found in the file at ``path``."""
        self.items.extend(Diagnostic(str(path), p.line, p.message, p.severity) for p in problems)

    def extend(self, other: Diagnostics) -> None:
        self.items.extend(other.items)

    @property
    def errors(self) -> list[Diagnostic]:
        return of_severity(self.items, "error")

    @property
    def warnings(self) -> list[Diagnostic]:
        return of_severity(self.items, "warning")

    def sorted(self) -> list[Diagnostic]:
        return sorted(self.items, key=report_order)


class Located(Protocol):
    """A problem at a place in a file: a ``Diagnostic``, or ``sitegen check``'s problems."""

    @property
    def path(self) -> str: ...
    @property
    def line(self) -> int | None: ...
    @property
    def message(self) -> str: ...


def report_order(problem: Located) -> tuple[str, int, str]:
    """The order every command lists problems in: by file, then line (none first), then text."""
    return (problem.path, problem.line or 0, problem.message)


def of_severity(diagnostics: Iterable[Diagnostic], severity: Severity) -> list[Diagnostic]:
    """The errors, or the warnings, among ``diagnostics``, in their order."""
    return [d for d in diagnostics if d.severity == severity]
