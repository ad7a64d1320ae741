"""What a build is asked to do and what it reports, and the check for a build with nothing to do.

Kept apart from ``build.py`` so that a no-op build imports only this and
``cache.py``: the whole pipeline (language models, morphology, Jinja) takes
longer to import than a no-op build takes to run.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from sitegen.core.errors import (
    ContentError,
    Diagnostic,
    Diagnostics,
    of_severity,
    report_order,
)
from sitegen.engine.cache import (
    CACHE_DIR,
    OutputEntry,
)
from sitegen.load.memo import MemoEntry
from sitegen.model.links import Links

LOCAL_TEMPLATES = Path("templates")


@dataclass(frozen=True)
class BuildOptions:
    content_dir: Path = Path("content")
    templates_dir: Path | None = None
    """The archive's own templates, over the packaged theme; ``None``: ``templates/`` if present."""
    output_dir: Path = Path("build")
    base_url: str | None = None
    strict: bool = False
    clean: bool = False
    jobs: int | None = None
    verbosity: int = 1
    """0 quiet, 1 normal, 2 verbose."""
    cache_dir: Path = CACHE_DIR

    @property
    def local_templates(self) -> Path | None:
        """The templates folder that overrides the theme, if there is one."""
        if self.templates_dir is not None:
            return self.templates_dir
        return LOCAL_TEMPLATES if LOCAL_TEMPLATES.is_dir() else None


@dataclass
class KeptRecords:
    """What reading the sources gave, kept in memory by a process that builds again and
    again (``sitegen serve``): each memo entry (a source's record) by its memo key.

    A rebuild takes these as they are instead of unpickling the record memo's entries
    again (0.35 s of a rebuild at 10,000 articles). The same key is the same entry, so an
    entry kept from an earlier build stands for the memo's; the memo in the cache still
    says which keys there are.
    """

    entries: dict[str, MemoEntry] = field(default_factory=dict)

    def take(self) -> dict[str, MemoEntry]:
        """The entries kept so far, no longer held here: a build keeps those the memo
        takes, and the others are not to be held while every source may be read again."""
        entries, self.entries = self.entries, {}
        return entries


@dataclass
class BuildReport:
    pages: int = 0
    """Pages in the site."""
    files: int = 0
    """Files in the site, pages included."""
    written_paths: tuple[str, ...] = ()
    """The files written anew, relative to the output folder (what ``--verbose`` lists)."""
    unchanged: int = 0
    """Files left as the previous build wrote them (same bytes, same mtime)."""
    removed: int = 0
    seconds: float = 0.0
    diagnostics: list[Diagnostic] = field(default_factory=list)
    output: Mapping[str, OutputEntry] = field(default_factory=dict)
    addresses: dict[str, str] = field(default_factory=dict)
    """Every article slug and alias → its article's id, for the next build's comparison."""
    lost: dict[str, str] = field(default_factory=dict)
    """Pages of the previous build gone without a redirect → their article's id (or ``""``)."""
    links: Links | None = None
    """The site model's links when they were worked out anew, to keep for the next build."""
    harvard: dict[str, str] = field(default_factory=dict)
    """The articles' formatted references (``citation.harvard_key`` → HTML), for the next build."""

    @property
    def written(self) -> int:
        return len(self.written_paths)

    @property
    def warnings(self) -> list[Diagnostic]:
        return of_severity(self.diagnostics, "warning")

    @property
    def errors(self) -> list[Diagnostic]:
        return of_severity(self.diagnostics, "error")

    def summary(self) -> str:
        """One line for the terminal and CI logs."""
        return (
            f"built {self.pages} pages ({self.files} files: {self.written} written, "
            f"{self.unchanged} unchanged, {self.removed} removed) "
            f"with {len(self.warnings)} warning(s) in {self.seconds:.2f} s"
        )


def stop_on_problems(diagnostics: Diagnostics, strict: bool) -> None:
    """Raise ``ContentError`` for every error, and every warning under ``strict``."""
    problems = diagnostics.errors + (diagnostics.warnings if strict else [])
    if problems:
        raise ContentError(sorted(problems, key=report_order))
