"""Writing the built site: every file goes straight into a staging folder, swapped in at the end.

``SiteFiles`` writes each file as soon as it is made (so a build holds no page
in memory), refuses two files at one path and any path that would leave the
output folder, and on ``publish`` swaps the finished tree into place. Until
then the previous ``build/`` is untouched, so a failed or interrupted build
never leaves a half-written site. Worker processes write with a ``Writer`` of
the same staging folder and hand their entries back to ``SiteFiles.record``.

The staging folder is named after the build's process id (``build.staging-PID``),
so a build killed hard (SIGKILL, out of memory) leaves one that the next build
recognises as abandoned and removes; a running build's folder is never touched.
A folder or disk that cannot be written is an ``OutputError`` naming the path.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath
from types import TracebackType

from sitegen.cache import OutputEntry, unchanged_on_disk
from sitegen.errors import SitegenError


class OutputError(SitegenError):
    """Two files at one path, a path outside the output folder, or one that cannot be written."""


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
class Writer:
    """Writes files into ``staging``; a file the previous build already has is hard-linked.

    Stateless, so forked worker processes can share one.
    """

    staging: Path
    output_dir: Path
    previous: Mapping[str, OutputEntry]

    def write(self, path: str, content: bytes | str, key: str = "") -> OutputEntry:
        data = content.encode("utf-8") if isinstance(content, str) else content
        digest = hashlib.sha256(data).hexdigest()
        safe = safe_relative_path(path)
        entry = self.take_over(safe, key, digest)
        if entry is not None:
            return entry
        target = self._target(safe)
        try:
            with target.open("xb") as file:  # "x": a second file at one path is an error
                file.write(data)
        except FileExistsError:
            raise OutputError(f"two files would be written to {safe}") from None
        stat = target.stat()
        return OutputEntry(digest, stat.st_size, stat.st_mtime_ns, key)

    def take_over(self, path: str, key: str, sha256: str | None = None) -> OutputEntry | None:
        """Link the previous build's file into place when it is still right; else ``None``.

        Right means: exactly the bytes ``sha256`` when given, else made from the same ``key``.
        """
        safe = safe_relative_path(path)
        old = self.previous.get(safe)
        if old is None or (old.sha256 != sha256 if sha256 is not None else old.key != key):
            return None
        if not unchanged_on_disk(self.output_dir, safe, old):
            return None
        target = self._target(safe)
        try:
            os.link(self.output_dir / safe, target)
        except FileExistsError:
            raise OutputError(f"two files would be written to {safe}") from None
        except OSError:
            shutil.copy2(self.output_dir / safe, target)  # no hard links here: copy, keep mtime
        return replace(old, key=key)

    def _target(self, safe: str) -> Path:
        target = self.staging.joinpath(*PurePosixPath(safe).parts)
        target.parent.mkdir(parents=True, exist_ok=True)
        return target


@dataclass(frozen=True)
class Published:
    entries: dict[str, OutputEntry]
    written: int
    unchanged: int
    removed: int


class SiteFiles:
    """The output tree being built, as site-relative POSIX path → what was written.

    Use as a context manager: leaving the block without ``publish`` (an error,
    Ctrl-C) removes the staging folder and leaves ``output_dir`` as it was.
    """

    def __init__(self, output_dir: Path, previous: Mapping[str, OutputEntry] | None = None) -> None:
        output_dir = output_dir.resolve()
        staging = output_dir.with_name(f"{output_dir.name}.staging-{os.getpid()}")
        if staging.exists():
            shutil.rmtree(staging)  # left by a killed build of the same process id
        staging.mkdir(parents=True)
        self.writer = Writer(staging, output_dir, dict(previous or {}))
        self._entries: dict[str, OutputEntry] = {}

    def __enter__(self) -> SiteFiles:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.discard()

    def add(self, path: str, content: bytes | str, key: str = "") -> None:
        safe = self._claim(path)
        self._entries[safe] = self.writer.write(safe, content, key)

    def reuse(self, path: str, key: str, sha256: str | None = None) -> bool:
        """Take the previous build's file over unchanged; ``False`` if it is not there intact.

        With ``sha256``, only if the previous file has exactly those bytes.
        """
        safe = self._claim(path)
        entry = self.writer.take_over(safe, key, sha256)
        if entry is not None:
            self._entries[safe] = entry
        return entry is not None

    def record(self, path: str, entry: OutputEntry) -> None:
        """A file a worker process wrote with ``writer``."""
        self._entries[self._claim(path)] = entry

    def _claim(self, path: str) -> str:
        safe = safe_relative_path(path)
        if safe in self._entries:
            raise OutputError(f"two files would be written to {safe}")
        return safe

    def __contains__(self, path: object) -> bool:
        return path in self._entries

    def __len__(self) -> int:
        return len(self._entries)

    def publish(self) -> Published:
        """Swap the staging folder in as ``output_dir``; the old tree is removed."""
        output_dir, staging = self.writer.output_dir, self.writer.staging
        retired = output_dir.with_name(f"{output_dir.name}.old-{os.getpid()}")
        if retired.exists():
            shutil.rmtree(retired)
        try:
            if output_dir.exists():
                output_dir.rename(retired)
            staging.rename(output_dir)
        finally:
            if retired.exists() and not output_dir.exists():
                retired.rename(output_dir)  # interrupted between the two renames
        if retired.exists():
            shutil.rmtree(retired)
        previous = self.writer.previous
        unchanged = sum(
            1
            for path, entry in self._entries.items()
            if path in previous
            and (entry.sha256, entry.mtime_ns) == (previous[path].sha256, previous[path].mtime_ns)
        )
        return Published(
            entries=dict(sorted(self._entries.items())),
            written=len(self._entries) - unchanged,
            unchanged=unchanged,
            removed=len(set(previous) - set(self._entries)),
        )

    def discard(self) -> None:
        """Remove the staging folder if it was not published."""
        if self.writer.staging.exists():
            shutil.rmtree(self.writer.staging)
