"""Writing the built site: gather every file, then swap a finished tree into place.

All files are collected in memory first (``SiteFiles``), which refuses two
files at one path and any path that would leave the output folder. ``publish``
writes them into a staging folder beside the output folder and swaps it in, so
a failed or interrupted build never leaves a half-written site.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath

from sitegen.cache import Manifest, OutputEntry, unchanged_on_disk
from sitegen.errors import SitegenError


class OutputError(SitegenError):
    """Two files at one path, or a path outside the output folder."""


class SiteFiles:
    """The output tree as site-relative POSIX path → bytes.

    A page whose inputs did not change since the last build is added with
    ``reuse`` instead of bytes: its file is taken over from the previous build.
    """

    def __init__(self) -> None:
        self._files: dict[str, bytes | None] = {}
        self._keys: dict[str, str] = {}

    def add(self, path: str, content: bytes | str, key: str = "") -> None:
        data = content.encode("utf-8") if isinstance(content, str) else content
        self._put(path, data, key)

    def reuse(self, path: str, key: str) -> None:
        self._put(path, None, key)

    def _put(self, path: str, content: bytes | None, key: str) -> None:
        safe = safe_relative_path(path)
        if safe in self._files:
            raise OutputError(f"two files would be written to {safe}")
        self._files[safe] = content
        self._keys[safe] = key

    def __contains__(self, path: object) -> bool:
        return path in self._files

    def __len__(self) -> int:
        return len(self._files)

    def __iter__(self) -> Iterator[str]:
        return iter(sorted(self._files))

    def content(self, path: str) -> bytes | None:
        """The file's bytes, or ``None`` for a file taken over from the previous build."""
        return self._files[path]

    def key(self, path: str) -> str:
        return self._keys[path]


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


@dataclass(frozen=True)
class Published:
    entries: dict[str, OutputEntry]
    written: int
    unchanged: int
    removed: int


def publish(files: SiteFiles, output_dir: Path, previous: Manifest | None = None) -> Published:
    """Write ``files`` into a staging folder beside ``output_dir`` and swap it in.

    A file whose bytes equal the previous build's is hard-linked from it rather
    than written, so it keeps its mtime. Until the swap, ``output_dir`` is untouched.
    """
    output_dir = output_dir.resolve()
    output_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = output_dir.with_name(f"{output_dir.name}.staging-{os.getpid()}")
    retired = output_dir.with_name(f"{output_dir.name}.old-{os.getpid()}")
    for leftover in (staging, retired):
        if leftover.exists():
            shutil.rmtree(leftover)
    old = previous.files if previous else {}
    entries: dict[str, OutputEntry] = {}
    written = 0
    try:
        for path in files:
            target = staging.joinpath(*PurePosixPath(path).parts)
            target.parent.mkdir(parents=True, exist_ok=True)
            entry = _take_over(files, path, old.get(path), output_dir, target)
            if entry is None:
                content = files.content(path)
                if content is None:
                    raise OutputError(f"{path}: the previous build's file is gone")
                target.write_bytes(content)
                stat = target.stat()
                digest = hashlib.sha256(content).hexdigest()
                entry = OutputEntry(digest, stat.st_size, stat.st_mtime_ns, files.key(path))
                written += 1
            entries[path] = entry
        if output_dir.exists():
            output_dir.rename(retired)
        staging.rename(output_dir)
    finally:
        if retired.exists() and not output_dir.exists():
            retired.rename(output_dir)  # interrupted between the two renames
        if staging.exists():
            shutil.rmtree(staging)
    if retired.exists():
        shutil.rmtree(retired)
    return Published(
        entries=entries,
        written=written,
        unchanged=len(entries) - written,
        removed=len(set(old) - set(entries)),
    )


def _take_over(
    files: SiteFiles, path: str, old: OutputEntry | None, output_dir: Path, target: Path
) -> OutputEntry | None:
    """Link the previous build's file into place when it is still right; else ``None``."""
    if old is None or not unchanged_on_disk(output_dir, path, old):
        return None
    content = files.content(path)
    if content is not None and hashlib.sha256(content).hexdigest() != old.sha256:
        return None
    try:
        os.link(output_dir / path, target)
    except OSError:
        shutil.copy2(output_dir / path, target)  # no hard links here: copy, keeping the mtime
    return replace(old, key=files.key(path))
