"""``sitegen init``: a new archive with its content folders, settings and publishing workflow.

The files come from the package (``starter/``, and ``example/`` for the sample
collection), so an installed sitegen needs nothing of its repository. A file
that exists is never overwritten: it is the curator's.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from sitegen import __version__
from sitegen.core.errors import ConfigError
from sitegen.core.files import write_new_files

PACKAGE_DIR = Path(__file__).resolve().parent.parent
STARTER_DIR = PACKAGE_DIR / "starter"
EXAMPLE_DIR = PACKAGE_DIR / "example"
WORKFLOW = Path(".github/workflows/pages.yml")
SOURCES = Path("content/sources")
# Entries that do not make a folder "not empty": a fresh `git init` or clone has them.
IGNORED_ENTRIES = frozenset({".git"})
# A folder git keeps although it is empty; the loader skips hidden files.
KEEP_FILE = ".gitkeep"


@dataclass(frozen=True)
class InitReport:
    written: tuple[Path, ...]
    kept: tuple[Path, ...]
    """Files that were there already and were left as they were."""
    requirement: str
    """What the workflow installs (``sitegen==0.1.0`` or a VCS URL)."""


def init_archive(target: Path, *, example: bool = False, force: bool = False) -> InitReport:
    """Write a new archive into ``target`` (created if missing).

    Raises ``ConfigError`` when ``target`` is a file, or a folder with files in
    it and ``force`` is not set.
    """
    if target.exists() and not target.is_dir():
        raise ConfigError(f"{target}: not a folder")
    if not force and target.is_dir() and _has_entries(target):
        raise ConfigError(
            f"{target}: the folder is not empty; choose an empty or new folder, or add "
            "--force to add the missing files (existing files are never overwritten)"
        )
    requirement = sitegen_requirement()
    written, kept = write_new_files(target, _archive_files(example, requirement))
    return InitReport(tuple(written), tuple(kept), requirement)


def sitegen_requirement() -> str:
    """How the workflow installs this sitegen: its VCS URL and commit if known, else its version."""
    try:
        origin = metadata.distribution("sitegen").read_text("direct_url.json")
        info = json.loads(origin or "{}")
    except (metadata.PackageNotFoundError, ValueError):
        info = {}
    vcs = info.get("vcs_info") if isinstance(info, dict) else None
    if isinstance(vcs, dict) and vcs.get("vcs") == "git" and vcs.get("commit_id"):
        return f"sitegen @ git+{info['url']}@{vcs['commit_id']}"
    return f"sitegen=={__version__}"


def _has_entries(folder: Path) -> bool:
    return any(entry.name not in IGNORED_ENTRIES for entry in folder.iterdir())


def _archive_files(example: bool, requirement: str) -> Iterator[tuple[Path, bytes]]:
    """Each file of a new archive: its path in the archive and its bytes."""
    if example:
        for path in sorted(EXAMPLE_DIR.rglob("*")):
            if path.is_file():
                yield Path("content") / path.relative_to(EXAMPLE_DIR), path.read_bytes()
    else:
        yield Path("content/site.yaml"), _starter("site.yaml")
        yield Path("content/entities.yaml"), _starter("entities.yaml")
        yield Path("content/pages/about.md"), _starter("about.md")
        yield Path("content/pages/about.en.md"), _starter("about.en.md")
        yield SOURCES / KEEP_FILE, b""
    yield Path(".gitignore"), _starter("gitignore")
    workflow = _starter("pages.yml").decode("utf-8").replace("{requirement}", requirement)
    yield WORKFLOW, workflow.encode("utf-8")


def _starter(name: str) -> bytes:
    return (STARTER_DIR / name).read_bytes()
