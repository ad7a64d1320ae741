"""Writing the built site: gather every file, then swap a finished tree into place.

All files are collected in memory first (``SiteFiles``), which refuses two
files at one path and any path that would leave the output folder. ``publish``
writes them into a staging folder beside the output folder and swaps it in, so
a failed build never leaves a half-written site.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from collections.abc import Iterator
from pathlib import Path, PurePosixPath

from sitegen.errors import SitegenError


class OutputError(SitegenError):
    """Two files at one path, or a path outside the output folder."""


class SiteFiles:
    """The output tree as site-relative POSIX path → bytes."""

    def __init__(self) -> None:
        self._files: dict[str, bytes] = {}

    def add(self, path: str, content: bytes | str) -> None:
        safe = safe_relative_path(path)
        if safe in self._files:
            raise OutputError(f"two files would be written to {safe}")
        self._files[safe] = content.encode("utf-8") if isinstance(content, str) else content

    def __contains__(self, path: object) -> bool:
        return path in self._files

    def __len__(self) -> int:
        return len(self._files)

    def __iter__(self) -> Iterator[str]:
        return iter(sorted(self._files))

    def content(self, path: str) -> bytes:
        return self._files[path]


def safe_relative_path(path: str) -> str:
    """``path`` normalised; an absolute path or one climbing out with ``..`` is refused."""
    pure = PurePosixPath(path)
    if pure.is_absolute() or not pure.parts or ".." in pure.parts or "\\" in path:
        raise OutputError(f"refusing to write outside the output folder: {path!r}")
    return pure.as_posix()


def hashed_name(name: str, content: bytes) -> str:
    """``site.css`` → ``site.3f2a9c1b.css``: a new name whenever the content changes."""
    digest = hashlib.sha256(content).hexdigest()[:10]
    stem, dot, suffix = name.rpartition(".")
    return f"{stem}.{digest}.{suffix}" if dot else f"{name}.{digest}"


def publish(files: SiteFiles, output_dir: Path) -> None:
    """Write ``files`` into a staging folder beside ``output_dir`` and swap it in."""
    output_dir = output_dir.resolve()
    output_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = output_dir.with_name(f"{output_dir.name}.staging-{os.getpid()}")
    retired = output_dir.with_name(f"{output_dir.name}.old-{os.getpid()}")
    for leftover in (staging, retired):
        if leftover.exists():
            shutil.rmtree(leftover)
    try:
        for path in files:
            target = staging.joinpath(*PurePosixPath(path).parts)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(files.content(path))
        if output_dir.exists():
            output_dir.rename(retired)
        staging.rename(output_dir)
    finally:
        if staging.exists():
            shutil.rmtree(staging)
    if retired.exists():
        shutil.rmtree(retired)
