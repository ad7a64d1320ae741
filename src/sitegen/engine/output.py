"""Writing the built site: every file goes straight into a staging folder, put in place at the end.

``SiteFiles`` writes each file as soon as it is made (so a build holds no page
in memory), refuses two files at one path and any path that would leave the
output folder, and on ``publish`` swaps the finished tree into place (or, for an
edit's few files, moves each into the intact output folder). Until then the
previous ``build/`` is untouched, so a failed or interrupted build never leaves a
half-written site. Worker processes write with a ``Writer`` of
the same staging folder and hand their entries back to ``SiteFiles.record``.

The staging folder is named after the build's process id (``build.staging-PID``),
so a build killed hard (SIGKILL, out of memory) leaves one that the next build
recognises as abandoned and removes; a running build's folder is never touched.
A folder or disk that cannot be written is an ``OutputError`` naming the path.
"""

from __future__ import annotations

import bisect
import hashlib
import os
import re
import shutil
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from pathlib import Path, PurePosixPath
from types import TracebackType
from typing import NamedTuple, TypeVar

from sitegen.core.errors import SitegenError
from sitegen.core.files import is_normal_relative_path, remove_tree
from sitegen.engine.cache import (
    TAKEN_OVER,
    FileEntry,
    OutputEntry,
    PackedEntries,
    TakenOver,
    unchanged_on_disk,
)
from sitegen.outputs.joined import JoinedFile, Piece

T = TypeVar("T")
Content = bytes | str | Iterable[bytes] | Iterable[str]
"""A file's content: whole, or in chunks written as they are made."""


class OutputError(SitegenError):
    """Two files at one path, a path outside the output folder, or one that cannot be written."""


def refuse_output_over(output_dir: Path, protected: Mapping[str, Path]) -> None:
    """Raise if ``output_dir`` is, or holds, a folder a build must never replace.

    A build swaps its output folder whole, so ``--output content`` or ``--output .``
    would throw away the collection itself. ``protected`` maps a description
    (``the content folder``) to its path.
    """
    output = output_dir.resolve()
    for what, folder in protected.items():
        target = folder.resolve()
        if target == output or output in target.parents:
            raise OutputError(
                f"cannot build into {shown_path(output_dir)}: it holds {what} "
                f"{shown_path(folder)}, and a build replaces its output folder whole "
                "(choose another --output)"
            )


def safe_relative_path(path: str) -> str:
    """``path`` normalised; an absolute path or one climbing out with ``..`` is refused."""
    if is_normal_relative_path(path):  # nearly every path: no Path object made for it
        return path
    pure = PurePosixPath(path)
    if pure.is_absolute() or not pure.parts or ".." in pure.parts or "\\" in path:
        raise OutputError(f"refusing to write outside the output folder: {path!r}")
    return pure.as_posix()


@dataclass(frozen=True)
class Writer:
    """Writes files into ``staging``; a file the previous build already has is taken over:
    hard-linked into ``staging``, or, when ``intact``, left where it is.

    Stateless, so forked worker processes can share one.
    """

    staging: Path
    output_dir: Path
    previous: Mapping[str, OutputEntry]
    intact: bool = False
    """``output_dir`` holds exactly ``previous``'s files, as it left them (checked by the
    caller): a file taken over is neither stated nor linked, for it may stay where it is
    (``SiteFiles.publish``)."""

    def write(self, path: str, content: Content, key: str = "") -> FileEntry:
        """Write ``content``; chunks (an export of every record) are written as they come."""
        safe = safe_relative_path(path)
        if not isinstance(content, bytes | str):
            return self._write_chunks(safe, content, key)
        data = content.encode("utf-8") if isinstance(content, str) else content
        digest = hashlib.sha256(data).hexdigest()
        entry = self.take_over(safe, key, digest)
        if entry is not None:
            return entry
        with self._writing(safe):
            target = self.staging / safe
            _making_folders(target, partial(write_new_file, target, data))
            stat = target.stat()
        return OutputEntry(digest, stat.st_size, stat.st_mtime_ns, key)

    def _write_chunks(self, safe: str, chunks: Iterable[bytes | str], key: str) -> FileEntry:
        # Hashed as written, beside the target: the previous build's file is taken over
        # instead when the bytes turn out the same.
        target = self.staging / safe
        written = target.with_name(f".{target.name}.partial")
        digest = hashlib.sha256()
        with self._writing(safe):
            try:
                with _making_folders(written, lambda: written.open("xb")) as file:
                    for chunk in chunks:
                        data = chunk.encode("utf-8") if isinstance(chunk, str) else chunk
                        digest.update(data)
                        file.write(data)
                taken = self.take_over(safe, key, digest.hexdigest())
                if taken is not None:
                    return taken
                os.link(written, target)  # refuses an existing file: a second file at one path
            finally:
                written.unlink(missing_ok=True)
            stat = target.stat()
        return OutputEntry(digest.hexdigest(), stat.st_size, stat.st_mtime_ns, key)

    def take_over(self, path: str, key: str, sha256: str | None = None) -> FileEntry | None:
        """Link the previous build's file into place when it is still right; else ``None``.

        Right means: exactly the bytes ``sha256`` when given, else made from the same ``key``.
        Its entry is then the previous build's (``TAKEN_OVER``), or that with ``key``.
        """
        safe = safe_relative_path(path)
        old = self.previous.get(safe)
        if old is None or (old.sha256 != sha256 if sha256 is not None else old.key != key):
            return None
        if not self.intact:
            # Strings, not paths, and no context manager: an edit takes over 80,000 files,
            # and that overhead was twice the cost of the two system calls.
            source = f"{self.output_dir}/{safe}"
            if not unchanged_on_disk(source, old):
                return None
            self.link_into_staging(safe)
        if old.key != key:
            return OutputEntry(old.sha256, old.size, old.mtime_ns, key)
        return TAKEN_OVER

    def link_into_staging(self, safe: str) -> None:
        """Hard-link (or copy) the previous build's file into the staging folder."""
        source, target = f"{self.output_dir}/{safe}", f"{self.staging}/{safe}"
        try:
            _making_folders(target, partial(os.link, source, target))
        except FileExistsError:
            raise OutputError(f"two files would be written to {safe}") from None
        except OSError:
            with self._writing(safe):  # no hard links here: copy, keep mtime
                shutil.copy2(source, target)

    def write_pieces(self, path: str, layout: JoinedFile, pieces: Iterable[Piece]) -> FileEntry:
        """Write a file joined from keyed pieces (``outputs.joined``), in the order given.

        A piece the previous build's file holds under the same key is copied from that
        file rather than made again: an edit to one of 10,000 articles makes one line
        of ``articles.json``, not 10,000. Pieces that follow each other there as here
        are copied as one span, separators included (one read, not one per piece).
        """
        safe = safe_relative_path(path)
        index: list[str] = []
        separator = len(layout.separator.encode())
        with self._previous_pieces(safe, layout) as previous:

            def made(short: str, make: Callable[[], str]) -> bytes:
                data = make().encode("utf-8")
                index.append(_piece_entry(short, len(data)))
                return data

            def copied(span: list[_Copy]) -> Iterator[bytes]:
                if not span:
                    return
                data = previous.read(span[0].at, span[-1].end - span[0].at)
                if data is None:
                    yield from (made(piece.short, piece.make) for piece in span)
                    return
                index.extend(_piece_entry(piece.short, piece.size) for piece in span)
                yield data

            def units() -> Iterator[bytes]:
                """Each made piece, and each span of copied ones, in the file's order."""
                span: list[_Copy] = []
                for key, make in pieces:
                    short = _piece_key(key)
                    place = previous.place(short)
                    piece = None if place is None else _Copy(short, make, *place)
                    if piece is None or not piece.continues(span, separator):
                        yield from copied(span)
                        span = []
                    if piece is None:
                        yield made(short, make)
                    else:
                        span.append(piece)
                yield from copied(span)

            entry = self._write_chunks(safe, layout.chunks(units()), "")
        joined = "".join(index)
        if isinstance(entry, TakenOver):
            old = self.previous[safe]
            return TAKEN_OVER if old.pieces == joined else old._replace(pieces=joined)
        return entry._replace(pieces=joined)

    @contextmanager
    def _previous_pieces(self, safe: str, layout: JoinedFile) -> Iterator[_OldPieces]:
        """The previous build's file and where its pieces lie, if it is as it left it."""
        old = self.previous.get(safe)
        source = f"{self.output_dir}/{safe}"
        if old is None or not old.pieces or not unchanged_on_disk(source, old):
            yield _OldPieces({}, None)
            return
        keys, lengths = _read_pieces(old.pieces)
        places = {
            key: (offset, length)
            for key, length, offset in zip(keys, lengths, layout.offsets(lengths), strict=True)
        }
        try:
            descriptor = os.open(source, os.O_RDONLY)
        except OSError:
            yield _OldPieces({}, None)
            return
        try:
            yield _OldPieces(places, descriptor)
        finally:
            os.close(descriptor)

    @contextmanager
    def _writing(self, safe: str) -> Iterator[None]:
        """Turn a failed write (a full disk, no permission) into an error naming the file."""
        try:
            yield
        except FileExistsError:
            raise OutputError(f"two files would be written to {safe}") from None
        except OSError as error:
            shown = shown_path(self.output_dir / safe)
            raise OutputError(f"cannot write {shown}: {_reason(error)}") from None


class _Copy(NamedTuple):
    """A piece to copy from the previous build's file: its short key, maker and place."""

    short: str
    make: Callable[[], str]
    at: int
    size: int

    @property
    def end(self) -> int:
        return self.at + self.size

    def continues(self, span: list[_Copy], separator: int) -> bool:
        """Whether this piece follows ``span`` in the file, and the span stays short."""
        return (
            bool(span)
            and self.at == span[-1].end + separator
            and (self.end - span[0].at <= SPAN_BYTES)
        )


SPAN_BYTES = 1 << 20
"""Copied pieces read at once, at most (a whole 60 MB export would be held in memory)."""


@dataclass(frozen=True)
class _OldPieces:
    """Where each piece of the previous build's joined file lies in it (by short key)."""

    places: Mapping[str, tuple[int, int]]
    descriptor: int | None

    def place(self, short: str) -> tuple[int, int] | None:
        """The piece's offset and length in the file, if the file holds it."""
        return self.places.get(short)

    def read(self, offset: int, length: int) -> bytes | None:
        """The file's bytes there; ``None`` if it ends sooner (changed since)."""
        if self.descriptor is None:
            return None
        data = os.pread(self.descriptor, length, offset)
        return data if len(data) == length else None


IN_PLACE_LIMIT = 1_000
"""Files an intact output folder has replaced or removed one by one, at most (some 10 ms)."""
_KEY_DIGITS, _LENGTH_DIGITS = 20, 8
"""A piece in ``OutputEntry.pieces``: its key's digest and its length, in hex digits."""


def _piece_key(key: str) -> str:
    """A short, fixed-length name for a piece's key, as the manifest keeps it."""
    return hashlib.blake2b(key.encode(), digest_size=_KEY_DIGITS // 2).hexdigest()


def _piece_entry(short: str, size: int) -> str:
    """A piece in ``OutputEntry.pieces``, as ``_read_pieces`` reads it back."""
    return f"{short}{size:0{_LENGTH_DIGITS}x}"


def _read_pieces(index: str) -> tuple[list[str], list[int]]:
    """The keys and lengths of ``OutputEntry.pieces``; none if it is damaged."""
    step = _KEY_DIGITS + _LENGTH_DIGITS
    if len(index) % step:
        return [], []
    try:
        lengths = [int(index[i + _KEY_DIGITS : i + step], 16) for i in range(0, len(index), step)]
    except ValueError:
        return [], []
    return [index[i : i + _KEY_DIGITS] for i in range(0, len(index), step)], lengths


def _making_folders(target: str | Path, make: Callable[[], T]) -> T:
    """``make()``, making ``target``'s folders first if they are missing.

    Tried before the folders are made: nearly every file goes into a folder that
    an earlier one made, and a ``mkdir`` for each of 80,000 files cost a second.
    """
    try:
        return make()
    except FileNotFoundError:
        os.makedirs(os.path.dirname(target), exist_ok=True)  # noqa: PTH103, PTH120 - str or Path
        return make()


def write_new_file(target: Path, data: bytes) -> None:
    """Write ``data`` to ``target``, which must not exist yet (a second file at one path)."""
    with target.open("xb") as file:  # "x": refuse an existing file
        file.write(data)


def shown_path(path: Path) -> str:
    """``path`` as a user would write it: relative to the current folder when inside it."""
    try:
        return path.relative_to(Path.cwd().resolve()).as_posix()
    except (ValueError, OSError):
        return str(path)


def _reason(error: OSError) -> str:
    return error.strerror or str(error)


@dataclass(frozen=True)
class Published:
    entries: PackedEntries
    written_paths: tuple[str, ...]
    """The files written anew (not left as the previous build had them), sorted."""
    unchanged: int
    removed: int

    @property
    def written(self) -> int:
        return len(self.written_paths)


class SiteFiles:
    """The output tree being built, as site-relative POSIX path → what was written.

    Use as a context manager: leaving the block without ``publish`` (an error,
    Ctrl-C) removes the staging folder and leaves ``output_dir`` as it was.
    """

    def __init__(
        self,
        output_dir: Path,
        previous: Mapping[str, OutputEntry] | None = None,
        *,
        intact: bool = False,
    ) -> None:
        output_dir = output_dir.resolve()
        staging = output_dir.with_name(f"{output_dir.name}.staging-{os.getpid()}")
        try:
            blocking = _file_in_the_way(output_dir)
            if blocking is not None:
                raise OutputError(
                    f"cannot write the output folder {shown_path(output_dir)}: "
                    f"{shown_path(blocking)} is a file, not a folder"
                )
            remove_abandoned_folders(output_dir)
            staging.mkdir(parents=True)
        except OSError as error:
            raise OutputError(
                f"cannot write the output folder {shown_path(output_dir)}: {_reason(error)}"
            ) from None
        self.writer = Writer(staging, output_dir, previous if previous is not None else {}, intact)
        self._entries: dict[str, FileEntry] = {}

    def __enter__(self) -> SiteFiles:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.discard()

    def add(self, path: str, content: Content, key: str = "") -> None:
        safe = self._claim(path)
        self._entries[safe] = self.writer.write(safe, content, key)

    def record(self, path: str, entry: FileEntry) -> None:
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
        """Put the new files in place of the old ones, and remove the files no longer made.

        Few changes to an intact output folder (an edit) are moved into it one by one:
        each file is replaced whole, and a kill in those milliseconds leaves a mix that
        the next build notices (its listing is no longer the stamp's) and rebuilds.
        Otherwise the staging folder, made whole, is swapped in.
        """
        previous = self.writer.previous
        paths = sorted(self._entries)
        written = tuple(
            path
            for path in paths
            if not isinstance(entry := self._entries[path], TakenOver)
            and (
                (old := previous.get(path)) is None
                or (entry.sha256, entry.mtime_ns) != (old.sha256, old.mtime_ns)
            )
        )
        removed = [path for path in previous if path not in self._entries]
        if self.writer.intact and len(written) + len(removed) <= IN_PLACE_LIMIT:
            clash = _file_where_a_folder_is(paths, written)
            if clash is not None:  # what the staging folder would have refused, before any move
                raise OutputError(f"two files would be written to {clash}")
            self._update_in_place(written, removed)
        else:
            if self.writer.intact:  # the unchanged files were left where they are
                unchanged = set(self._entries).difference(written)
                for path in sorted(unchanged):
                    self.writer.link_into_staging(path)
            self._swap()
        return Published(
            entries=PackedEntries.of_build(self._entries, previous),
            written_paths=written,
            unchanged=len(self._entries) - len(written),
            removed=len(removed),
        )

    def _update_in_place(self, written: Sequence[str], removed: Sequence[str]) -> None:
        output_dir, staging = self.writer.output_dir, self.writer.staging
        try:
            for path in removed:
                (output_dir / path).unlink(missing_ok=True)
                _remove_empty_folders((output_dir / path).parent, output_dir)
            for path in written:
                target = f"{output_dir}/{path}"
                _making_folders(target, partial(os.replace, f"{staging}/{path}", target))
        except OSError as error:
            raise OutputError(
                f"cannot update the output folder {shown_path(output_dir)}: {_reason(error)}"
            ) from None
        shutil.rmtree(staging, ignore_errors=True)  # folders only, by now

    def _swap(self) -> None:
        output_dir, staging = self.writer.output_dir, self.writer.staging
        retired = output_dir.with_name(f"{output_dir.name}.old-{os.getpid()}")
        try:
            if output_dir.exists():
                output_dir.rename(retired)
            staging.rename(output_dir)
        except OSError as error:
            raise OutputError(
                f"cannot replace the output folder {shown_path(output_dir)}: {_reason(error)}"
            ) from None
        finally:
            if retired.exists() and not output_dir.exists():
                retired.rename(output_dir)  # interrupted between the two renames
        # What cannot be removed now is removed by the next build.
        remove_tree(retired)

    def discard(self) -> None:
        """Remove the staging folder if it was not published."""
        if self.writer.staging.exists():
            remove_tree(self.writer.staging)


def _file_where_a_folder_is(paths: Sequence[str], written: Iterable[str]) -> str | None:
    """A path of ``written`` that is also a folder of a path in ``paths`` (sorted), or the
    reverse: the clash a tree would refuse, found among the files kept in place."""
    files = set(paths)
    for path in written:
        folder = path
        while "/" in folder:
            folder = folder.rpartition("/")[0]
            if folder in files:
                return folder
        after = bisect.bisect_left(paths, path + "/")
        if after < len(paths) and paths[after].startswith(path + "/"):
            return path
    return None


def _remove_empty_folders(folder: Path, root: Path) -> None:
    """Remove ``folder`` and its parents up to ``root`` while they are empty."""
    while folder != root and root in folder.parents:
        try:
            folder.rmdir()
        except OSError:  # not empty (or already gone)
            return
        folder = folder.parent


def remove_abandoned_folders(output_dir: Path) -> None:
    """Remove the staging and retired folders beside ``output_dir`` whose build has ended.

    A build killed hard (SIGKILL, out of memory, a CI timeout) runs no clean-up and
    leaves them. One killed between the two renames of ``publish`` leaves no
    ``output_dir`` but the previous tree as ``.old-PID``: that tree is put back.
    """
    if not output_dir.parent.is_dir():
        return
    leftover = re.compile(re.escape(output_dir.name) + r"\.(old|staging)-(\d+)")
    for folder in sorted(output_dir.parent.iterdir()):  # "old" before "staging"
        match = leftover.fullmatch(folder.name)
        if match is None or _build_running(int(match.group(2))):
            continue
        if match.group(1) == "old" and not output_dir.exists():
            folder.rename(output_dir)
        else:
            remove_tree(folder)


def _build_running(pid: int) -> bool:
    """Is process ``pid`` a build still at work? Leftovers under this process's own id are not."""
    if pid == os.getpid():
        return False  # a killed build's id, reused by this process
    if os.name != "posix":
        return True  # elsewhere os.kill ends the process it asks about
    try:
        os.kill(pid, 0)  # signal 0 only asks whether the process exists
    except (ProcessLookupError, OverflowError):
        return False
    except PermissionError:
        return True  # another user's process
    return True


def _file_in_the_way(output_dir: Path) -> Path | None:
    """The file standing where the output folder or one of its parents must be, if any."""
    for folder in (output_dir, *output_dir.parents):
        if folder.exists():
            return None if folder.is_dir() else folder
    return None
