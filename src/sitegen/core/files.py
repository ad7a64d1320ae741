"""Symbolic links kept inside their folder: the one check for every reader of files.

A link in a collection (``content/sources/x.txt -> /etc/passwd``) would publish
what it points at, and a link in a built site would serve it; the loader, the
fingerprints and the preview server each ask ``resolve_within`` before reading.

>>> resolve_within("/etc", "/") is not None, resolve_within("/", "/etc")
(True, None)
"""

from __future__ import annotations

import errno
import os
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
