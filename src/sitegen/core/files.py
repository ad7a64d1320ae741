"""Files on disk: symbolic links kept inside their folder, and files written only where none is.

A link in a collection (``content/sources/x.txt -> /etc/passwd``) would publish
what it points at, and a link in a built site would serve it; the loader, the
fingerprints and the preview server each ask ``resolve_within`` before reading.

>>> resolve_within("/etc", "/") is not None, resolve_within("/", "/etc")
(True, None)
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import shutil
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
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


REMOVING_THREADS = 8
"""Unlink calls in flight at once when a tree is removed (each waits on the file system)."""


def remove_tree(folder: Path) -> None:
    """Remove ``folder`` and everything under it, as far as possible (never raises).

    The files are unlinked by several threads, a folder each: an unlink waits on the file
    system, not on Python, and locks its folder. The 81,865 files of a 10,000-article site:
    7.3–9.2 s with ``shutil.rmtree``, 4.5–5.3 s so. A symbolic link is removed, never
    followed.
    """
    if folder.is_symlink():  # a link to a folder is not that folder
        _unlink(str(folder))
        return
    folders: list[tuple[str, list[str]]] = []
    unread = [str(folder)]
    while unread:  # DirEntry knows a folder from a file (or a link) without a stat call
        current = unread.pop()
        files: list[str] = []
        with contextlib.suppress(OSError), os.scandir(current) as entries:
            for entry in entries:
                (unread if entry.is_dir(follow_symlinks=False) else files).append(entry.path)
        folders.append((current, files))
    largest_first = sorted((files for _, files in folders), key=len, reverse=True)
    with ThreadPoolExecutor(REMOVING_THREADS) as pool:
        for _ in pool.map(_unlink_all, largest_first):
            pass
    for emptied, _ in reversed(folders):  # each after the folders inside it
        with contextlib.suppress(OSError):
            Path(emptied).rmdir()
    if folder.exists():  # what could not be removed above (a file made meanwhile)
        shutil.rmtree(folder, ignore_errors=True)


def _unlink_all(paths: list[str]) -> None:
    for path in paths:
        _unlink(path)


def _unlink(path: str) -> None:
    with contextlib.suppress(OSError):
        Path(path).unlink()


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
