"""Where templates and static files come from: an archive's ``templates/``, then the theme.

The default theme ships inside the package, so an installed sitegen builds any
archive. A file in the archive's own templates folder wins over the theme's
file of the same name (Hugo's and MkDocs' rule), template by template and
static file by static file; ``copy_theme`` writes the theme there to start from.

>>> [folder.name for folder in template_folders(None)]
['theme']
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from sitegen.core.files import write_new_files

THEME_DIR = Path(__file__).resolve().parent.parent / "theme"
STATIC = "static"


def template_folders(local: Path | None) -> tuple[Path, ...]:
    """The folders templates are looked up in, first match winning."""
    return (THEME_DIR,) if local is None else (local, THEME_DIR)


def static_files(folders: Sequence[Path]) -> dict[str, Path]:
    """Each static file's name and the file used for it, the first folder's winning."""
    found: dict[str, Path] = {}
    for folder in reversed(folders):
        static = folder / STATIC
        if static.is_dir():
            found.update((path.name, path) for path in static.iterdir() if path.is_file())
    return dict(sorted(found.items()))


def theme_files() -> list[Path]:
    """The theme's files, relative to the theme folder, in a stable order."""
    return sorted(
        path.relative_to(THEME_DIR)
        for path in THEME_DIR.rglob("*")
        if path.is_file() and "__pycache__" not in path.parts
    )


def copy_theme(target: Path) -> tuple[list[Path], list[Path]]:
    """Copy the theme's files into ``target``; return (written, kept as they were)."""
    return write_new_files(
        target, ((relative, (THEME_DIR / relative).read_bytes()) for relative in theme_files())
    )
