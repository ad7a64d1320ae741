"""Files on disk: symbolic links kept inside their folder, and files written only where none is.

A link in a collection (``content/sources/x.txt -> /etc/passwd``) would publish
what it points at, and a link in a built site would serve it; the loader, the
fingerprints and the preview server each ask ``resolve_within`` before reading.

>>> resolve_within("/etc", "/") is not None, resolve_within("/", "/etc")
(True, None)
"""

from __future__ import annotations

import errno
import os
import re
from collections.abc import Iterable
from pathlib import Path

StrPath = str | os.PathLike[str]


def resolve_within(path: StrPath, folder: StrPath) -> Path | None:
    """``path`` with every symbolic link followed, if that lies inside ``folder``; else ``None``.

    A link to a missing file resolves to where it points (the caller finds no
    file there). Links in a loop raise ``OSError`` (``ELOOP``) on every Python
    version: ``Path.resolve`` stops raising for them in 3.13.
    """
    target = Path(_real_path(path))
    return target if target.is_relative_to(_real_path(folder)) else None


def _real_path(path: StrPath) -> str:
    try:
        return os.path.realpath(path, strict=True)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise
        return os.path.realpath(path)  # a missing target: where the link points


def user_cache_dir() -> Path:
    """This user's cache folder for sitegen (``$XDG_CACHE_HOME/sitegen``), outside any checkout."""
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "sitegen"


def write_new_files(
    target: Path, files: Iterable[tuple[Path, bytes]]
) -> tuple[list[Path], list[Path]]:
    """Write each ``(relative path, bytes)`` under ``target``; return (written, kept).

    A file already there is the curator's and is kept as it is (``sitegen init``,
    ``sitegen theme --copy``).
    """
    written: list[Path] = []
    kept: list[Path] = []
    for relative, content in files:
        destination = target / relative
        if destination.exists():
            kept.append(destination)
            continue
        destination.parent.mkdir(parents=True, exist_ok=True)
        destination.write_bytes(content)
        written.append(destination)
    return written, kept


_PART = r"(?!\.\.?(?:/|$))[^/\\\0]+"
_NORMAL_PATH = re.compile(rf"{_PART}(?:/{_PART})*")


def is_normal_relative_path(path: str) -> bool:
    """Whether ``path`` is relative and already normal: no empty, ``.`` or ``..`` part, no
    backslash or NUL. Such a path names a file inside the folder it is joined to.

    >>> [is_normal_relative_path(p) for p in ("a/b.html", "../x", "/etc/passwd", "a//b")]
    [True, False, False, False]
    """
    return _NORMAL_PATH.fullmatch(path) is not None
