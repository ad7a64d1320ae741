"""Fingerprints: a hash of a folder's files, and of sitegen itself (its code, theme and data).

A fingerprint changes when a file under the folder is added, removed or
changed; the build cache and the record memo are keyed by them.
"""

from __future__ import annotations

import functools
import hashlib
import os
from collections.abc import Iterator
from pathlib import Path

from sitegen.core.files import resolve_within

_PACKAGE_DIR = Path(__file__).resolve().parent.parent
_PACKAGE_SUFFIXES = (".py", ".yaml", ".json", ".html", ".css", ".js", ".svg", ".ico")


@functools.cache
def package_fingerprint() -> str:
    """sitegen's own code, theme, translations and data: a new version renders differently."""
    return tree_fingerprint(_PACKAGE_DIR, suffixes=_PACKAGE_SUFFIXES)


def tree_fingerprint(root: Path, suffixes: tuple[str, ...] = ()) -> str:
    """A hash of the names and bytes of every file under ``root``."""
    digest = hashlib.sha256(str(root).encode())
    for relative, entry in sorted(walk_files(str(root)), key=lambda item: item[0]):
        if suffixes and not relative.endswith(suffixes):
            continue
        digest.update(relative.encode("utf-8", "surrogateescape") + b"\0")
        digest.update(_file_identity(entry, root))
    return digest.hexdigest()


def _file_identity(entry: os.DirEntry[str], root: Path) -> bytes:
    """A file's part of a fingerprint; only regular files inside ``root`` are read.

    A pipe would block the build, a link loop raise, a link to ``/dev/zero`` never
    end: the loader names such files in errors, the fingerprint only notes them.
    """
    try:
        if entry.is_symlink() and resolve_within(entry.path, root) is None:
            link = os.readlink(entry.path)  # noqa: PTH115 - strings here, see walk_files
            return b"link:" + link.encode("utf-8", "surrogateescape")
        if not entry.is_file():
            return b"not a regular file"
        with open(entry.path, "rb") as file:  # noqa: PTH123 - strings here, see walk_files
            return hashlib.sha256(file.read()).digest()
    except (OSError, ValueError):
        return b"unreadable"


def walk_files(root: str, prefix: str = "") -> Iterator[tuple[str, os.DirEntry[str]]]:
    """Every file under ``root`` as (POSIX path relative to it, its entry); links not followed.

    Strings and ``os.scandir`` rather than ``pathlib``: a no-op build of a large
    site looks at every file twice, and path objects cost more than the look.
    """
    try:
        entries = list(os.scandir(root))
    except OSError:
        return
    for entry in entries:
        relative = prefix + entry.name
        if entry.is_dir(follow_symlinks=False):
            yield from walk_files(entry.path, relative + "/")
        # As os.walk: a linked folder is skipped (isdir, unlike the entry's, survives loops).
        elif not (entry.is_symlink() and os.path.isdir(entry.path)):  # noqa: PTH112
            yield relative, entry
