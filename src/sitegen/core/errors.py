"""Errors for people: every problem carries a path and, where known, a line.

Content problems are collected in a ``Diagnostics`` so one run reports them
all; only the CLI turns them into an exit code.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

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

    def extend(self, other: Diagnostics) -> None:
        self.items.extend(other.items)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.items if d.severity == "error"]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.items if d.severity == "warning"]

    def sorted(self) -> list[Diagnostic]:
        return sorted(self.items, key=lambda d: (d.path, d.line or 0, d.message))
