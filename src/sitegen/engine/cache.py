"""The incremental build cache: what the last build read and wrote, in ``.sitegen-cache/``.

A build is keyed by a fingerprint of everything it reads (content, templates,
the package itself, the options that change output). When nothing changed and
``build/`` is as the last build left it, nothing is loaded, rendered or
written. Otherwise each page is keyed by its template set and its context: a
page whose key is unchanged is not rendered again, and any file whose bytes are
unchanged keeps its inode and mtime (rsync and object-storage deploys stay small).

There is one manifest per output folder, so building into another folder
(a preview, a second base URL) and back into ``build/`` rewrites nothing.

The cache is an optimisation only: deleting ``.sitegen-cache/`` or building with
``--clean`` gives the same ``build/``, byte for byte.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import pickle
import secrets
import struct
import zlib
from array import array
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from itertools import accumulate
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from sitegen.core.errors import Diagnostic
from sitegen.core.files import is_normal_relative_path, user_cache_dir
from sitegen.core.fingerprint import FileHashes, package_fingerprint, tree_fingerprint, walk_files
from sitegen.core.sealed import sealed, unsealed
from sitegen.load.memo import MemoEntry, Pickle, PickledMemo, RecordMemo, pickled_entry
from sitegen.model.links import Links

if TYPE_CHECKING:  # the search index is imported only by builds that make it: not by a no-op
    from sitegen.outputs.search.analysis import KnownAnalyses

CACHE_DIR = Path(".sitegen-cache")
_RECORDS = "records"
_RECORD_SHARDS = 64
"""Files the record memo is kept in: an edit rewrites the one or two whose entries changed."""
_RECORDS_BEFORE = "records.pickle"  # where the memo was one file: removed when saving
_FILE_HASHES = "file-hashes.json"
_LINKS = "links.pickle"
_ANALYSES = "search-analyses.pickle"
_REFERENCES = "references.pickle"
_FORMAT = 1
# The shape of the record memo (``load.memo.MemoEntry`` and the record types): bump
# it when that changes. Memo keys hold sitegen's fingerprint, so another version's
# entries are never used; this number keeps them from being returned as a
# ``RecordMemo`` at all. Not ``_FORMAT``: bumping that would drop the manifests too,
# and with them the old addresses and the files a build takes over.
_RECORDS_FORMAT = 5


class OutputEntry(NamedTuple):
    """One file of the last build: its content hash, its stat, and the key it was rendered from.

    A named tuple, not a dataclass: 80,000 of them come back from the workers each build,
    and a tuple is unpickled in C (0.5 s → 0.2 s).
    """

    sha256: str
    size: int
    mtime_ns: int
    key: str = ""
    pieces: str = ""
    """A file joined from pieces (``Writer.write_pieces``): their keys and lengths, in one
    string (90,000 pieces at 10,000 articles: a tuple each held 20 MiB more)."""


class TakenOver:
    """What a worker hands back for a file the last build made and this one took over as it
    was, instead of its entry: the main process keeps that entry's packed bytes (an edit
    takes over all but a few dozen of 80,000 files)."""

    __slots__ = ()

    def __reduce__(self) -> str:
        return "TAKEN_OVER"  # the one instance, in any process

    def __repr__(self) -> str:
        return "TAKEN_OVER"


TAKEN_OVER = TakenOver()
FileEntry = OutputEntry | TakenOver
"""What a build records of one of its files: the file's entry, or that it took it over."""


class PackedEntries(Mapping[str, OutputEntry]):
    """The last build's files: each path's number, and the entries packed in one buffer.

    An edit holds all 80,000 while its workers look each up once. As a bytes object
    each, the entries were copied into every worker that read them (reading an object
    writes its reference count: 14 MiB at 10,000 articles); one buffer is read in place.
    Raises ``ValueError`` for an entry that cannot be packed or a path given twice.
    """

    __slots__ = ("_entries", "_entry_at", "_numbers")

    def __init__(self, entries: Iterable[tuple[str, OutputEntry]]) -> None:
        paths, packed = [], []
        for path, entry in entries:
            paths.append(path)
            packed.append(_packed_entry(entry))
        self._fill(paths, packed)

    @classmethod
    def of_packed(cls, paths: Sequence[str], packed: Sequence[bytes | memoryview]) -> PackedEntries:
        """Entries as ``packed_items`` gives them: each path once, and its packed entry."""
        entries = cls.__new__(cls)
        entries._fill(paths, packed)
        return entries

    @classmethod
    def of(cls, files: Mapping[str, OutputEntry]) -> PackedEntries:
        """``files`` as they are if packed already, else packed in path order."""
        return files if isinstance(files, PackedEntries) else cls(sorted(files.items()))

    @classmethod
    def of_build(
        cls, entries: Mapping[str, FileEntry], previous: Mapping[str, OutputEntry]
    ) -> PackedEntries:
        """A build's files in path order; each it took over is ``previous``'s, as packed."""
        items = sorted(entries.items())
        kept = cls.of(previous)
        packed = [
            kept.packed(path) if isinstance(entry, TakenOver) else _packed_entry(entry)
            for path, entry in items
        ]
        return cls.of_packed([path for path, _ in items], packed)

    def _fill(self, paths: Sequence[str], packed: Sequence[bytes | memoryview]) -> None:
        self._numbers = dict(zip(paths, range(len(paths)), strict=True))
        self._entries = b"".join(packed)
        self._entry_at = array("Q", accumulate(map(len, packed), initial=0))
        if len(self._numbers) != len(packed):
            raise ValueError("a path listed twice")

    def _packed(self, number: int) -> bytes:
        return self._entries[self._entry_at[number] : self._entry_at[number + 1]]

    def packed_items(self) -> Iterator[tuple[str, bytes]]:
        for path, number in self._numbers.items():
            yield path, self._packed(number)

    def packed(self, path: str) -> bytes:
        """One entry, packed."""
        return self._packed(self._numbers[path])

    def listing(self) -> Iterator[tuple[str, int, int]]:
        """Each file's path, size and modification time, without unpacking the rest."""
        for path, number in self._numbers.items():
            _, size, mtime_ns = _PACKED_HEAD.unpack_from(self._entries, self._entry_at[number])
            yield path, size, mtime_ns

    def __getitem__(self, path: str) -> OutputEntry:
        packed = self.packed(path)
        sha256, size, mtime_ns = _PACKED_HEAD.unpack_from(packed)
        key, _, pieces = packed[_PACKED_HEAD.size :].decode().partition("\0")
        return OutputEntry(sha256.hex(), size, mtime_ns, key, pieces)

    def __iter__(self) -> Iterator[str]:
        return iter(self._numbers)

    def __len__(self) -> int:
        return len(self._numbers)

    def __contains__(self, path: object) -> bool:
        return path in self._numbers


_PACKED_HEAD = struct.Struct("<32sQq")  # the content's SHA-256, size, mtime


def _packed_entry(entry: OutputEntry) -> bytes:
    if len(entry.sha256) != 64 or "\0" in entry.key:
        raise ValueError(f"not an output entry: {entry!r}")
    head = _PACKED_HEAD.pack(bytes.fromhex(entry.sha256), entry.size, entry.mtime_ns)
    return head + f"{entry.key}\0{entry.pieces}".encode()


@dataclass(frozen=True)
class Manifest:
    """What the last build into a folder wrote: what the next one takes over or reports lost."""

    output_dir: str
    files: Mapping[str, OutputEntry]
    addresses: Mapping[str, str] = field(default_factory=dict)
    """Every article slug and alias of the build → its article's id (``addresses.py``)."""
    lost: Mapping[str, str] = field(default_factory=dict)
    """Pages of an earlier build gone without a redirect → their article's id (or ``""``),
    for ``sitegen check``; never in the output folder, whose bytes must not depend on them."""


def input_fingerprint(
    content_dir: Path,
    templates_dir: Path | None,
    options: Mapping[str, str | None],
    hashes: FileHashes | None = None,
) -> str:
    """A hash of every input of a build: content, templates, sitegen itself, options.

    ``hashes``: the files' hashes the last build kept (``load_file_hashes``).
    """
    digest = hashlib.sha256(repr(sorted(options.items())).encode())
    digest.update(package_fingerprint().encode())
    for root in (content_dir, templates_dir or Path("-")):
        digest.update(tree_fingerprint(root, hashes=hashes).encode())
    return digest.hexdigest()


def load_file_hashes(cache_dir: Path) -> FileHashes:
    """The input files' hashes by their stat, as the last build kept them (none if unreadable)."""
    try:
        known = json.loads((cache_dir / _FILE_HASHES).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        known = {}
    valid = isinstance(known, dict) and all(
        isinstance(row, list) and len(row) == 4 for row in known.values()
    )
    return FileHashes(known if valid else {})


def save_file_hashes(cache_dir: Path, hashes: FileHashes) -> None:
    if not hashes.changed:
        return
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        _write_atomically(cache_dir / _FILE_HASHES, hashes.used)
    except OSError:
        pass  # only the next build's speed depends on it


def manifest_path(cache_dir: Path, output_dir: Path) -> Path:
    """Where the manifest of the last build into ``output_dir`` (an absolute path) is kept."""
    return cache_dir / f"manifest-{hashlib.sha256(str(output_dir).encode()).hexdigest()[:16]}.bin"


# A manifest file (``core.sealed``): a JSON head (format, folder, addresses, lost pages), the
# paths joined by NUL, each entry's length, and the packed entries (``_packed_entry``). Not JSON
# throughout: a 10,000-article site's 81,865 entries took 0.5 s to write and 0.3 s to read back.
_MANIFEST_TAG = b"sitegen manifest 2\n"


def load_manifest(cache_dir: Path, output_dir: Path) -> Manifest | None:
    """The manifest of the last build into ``output_dir``, or ``None`` when there is none usable."""
    try:
        head, packed = _read_manifest(manifest_path(cache_dir, output_dir).read_bytes())
        if head.get("format") != _FORMAT or head.get("output_dir") != str(output_dir):
            return None
        return Manifest(
            output_dir=head["output_dir"],
            files=packed,
            addresses=dict(head.get("addresses", {})),
            lost=dict(head.get("lost", {})),
        )
    except (OSError, KeyError, TypeError, AttributeError, ValueError, RecursionError):
        return None  # a missing or damaged cache only costs a full build


def _read_manifest(data: bytes) -> tuple[dict[str, Any], PackedEntries]:
    """The head and the packed entries of a manifest file; ``ValueError`` if it is damaged."""
    head_json, joined_paths, entry_lengths, entries = unsealed(_MANIFEST_TAG, data, 4)
    head = json.loads(bytes(head_json))
    paths = bytes(joined_paths).decode().split("\0") if joined_paths else []
    lengths = array("I")
    lengths.frombytes(entry_lengths)
    packed: list[memoryview] = []
    at = 0
    for path, length in zip(paths, lengths, strict=True):
        entry = entries[at : at + length]
        at += length
        # Its files are replaced and removed in the output folder: each must be inside it.
        if len(entry) < _PACKED_HEAD.size or not is_normal_relative_path(path):
            raise ValueError(f"not an output file: {path!r}")
        bytes(entry[_PACKED_HEAD.size :]).decode()
        packed.append(entry)
    if at != len(entries) or not isinstance(head, dict):
        raise ValueError("a manifest of the wrong size")
    return head, PackedEntries.of_packed(paths, packed)


def _read_cache_json(path: Path, output_dir: Path) -> dict[str, Any]:
    """A stamp's data if it is of this format and that output folder; else ``{}``."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get("format") != _FORMAT:
        return {}
    return data if data.get("output_dir") == str(output_dir) else {}


def save_manifest(
    cache_dir: Path,
    manifest: Manifest,
    *,
    fingerprint: str,
    pages: int,
    diagnostics: Sequence[Diagnostic],
) -> None:
    """Keep the manifest of a build and its ``Stamp``: its inputs' fingerprint, its counts
    and problems, and a digest of what it wrote."""
    cache_dir.mkdir(parents=True, exist_ok=True)
    files = PackedEntries.of(manifest.files)  # a build's are, in path order
    packed = list(files.packed_items())
    head = {
        "format": _FORMAT,
        "output_dir": manifest.output_dir,
        "addresses": dict(manifest.addresses),
        "lost": dict(manifest.lost),
    }
    parts = (
        json.dumps(head, ensure_ascii=False).encode(),
        "\0".join(path for path, _ in packed).encode(),
        array("I", [len(entry) for _, entry in packed]).tobytes(),
        b"".join(entry for _, entry in packed),
    )
    path = manifest_path(cache_dir, Path(manifest.output_dir))
    _replace_atomically(path, sealed(_MANIFEST_TAG, parts))
    path.with_suffix(".json").unlink(missing_ok=True)  # the JSON manifest of sitegen before 2
    listing = listing_digest(files.listing())
    _write_atomically(
        stamp_path(cache_dir, Path(manifest.output_dir)),
        {
            "format": _FORMAT,
            "output_dir": manifest.output_dir,
            "fingerprint": fingerprint,
            "pages": pages,
            "files": len(manifest.files),
            "listing": listing,
            "diagnostics": [asdict(d) for d in diagnostics],
        },
    )


def _write_atomically(path: Path, data: object) -> None:
    _replace_atomically(path, json.dumps(data, ensure_ascii=False).encode())


def _replace_atomically(path: Path, *chunks: bytes | memoryview) -> None:
    """Write ``chunks`` as ``path``, whole or not at all (no joined copy of a large body)."""
    temporary = path.with_name(f"{path.name}.{os.getpid()}")
    with temporary.open("wb") as file:
        for chunk in chunks:
            file.write(chunk)
    temporary.replace(path)


@dataclass(frozen=True)
class Stamp:
    """What a build with nothing to do needs of the last one: a few lines, not its manifest.

    The manifest of a 10,000-article site is some 10 MB; reading it took
    longer than the rest of such a build.
    """

    fingerprint: str
    pages: int
    files: int
    listing: str
    """``listing_digest`` of every file the build wrote, with its size and mtime."""
    diagnostics: tuple[Diagnostic, ...]


def load_stamp(cache_dir: Path, output_dir: Path) -> Stamp | None:
    """The stamp of the last build into ``output_dir``, or ``None``."""
    data = _read_cache_json(stamp_path(cache_dir, output_dir), output_dir)
    try:
        return Stamp(
            fingerprint=data["fingerprint"],
            pages=data["pages"],
            files=data["files"],
            # Never None: a missing output folder lists as None and must not match.
            listing=data["listing"] if isinstance(data["listing"], str) else "",
            diagnostics=tuple(Diagnostic(**d) for d in data["diagnostics"]),
        )
    except (KeyError, TypeError):
        return None


def stamp_path(cache_dir: Path, output_dir: Path) -> Path:
    """Where the stamp of the last build into ``output_dir`` (an absolute path) is kept."""
    return manifest_path(cache_dir, output_dir).with_suffix(".stamp.json")


def listing_digest(files: Iterable[tuple[str, int, int]]) -> str:
    """A hash of (path, size, mtime) of each file, in path order."""
    return _digest_of_rows([_listing_row(*file) for file in files])


def _listing_row(path: str, size: int, mtime_ns: int) -> str:
    return f"{path}\0{size}\0{mtime_ns}\n"


def _digest_of_rows(rows: list[str]) -> str:
    """Rows sorted as strings: ``\0`` sorts before any character of a path, so that is
    path order, with one string per file (a no-op build lists every file)."""
    rows.sort()
    return hashlib.sha256("".join(rows).encode("utf-8", "surrogateescape")).hexdigest()


def output_listing(output_dir: Path) -> str | None:
    """``listing_digest`` of the files now in ``output_dir``; ``None`` if it cannot be read."""
    if not output_dir.is_dir():
        return None
    try:  # a row per file, not its stat result: 80,000 held at once cost a tenth of a second
        if os.scandir in os.supports_fd:
            rows = _stat_tree(str(output_dir))
        else:
            rows = [
                _listing_row(path, (stat := entry.stat()).st_size, stat.st_mtime_ns)
                for path, entry in walk_files(str(output_dir))
            ]
    except OSError:
        return None
    return _digest_of_rows(rows)


_FOLDER_FLAGS = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0)


def _stat_tree(root: str) -> list[str]:
    """The listing row of every file under ``root``, as ``walk_files`` finds them.

    Each folder is read through its descriptor and its files stated by name in it:
    the kernel does not walk the path from the root again for each of 80,000 files
    (a no-op build at 10,000 articles: 0.29 s → 0.21 s). Raises ``OSError`` when a
    folder or file cannot be read.
    """
    rows: list[str] = []
    folders = [("", os.open(root, _FOLDER_FLAGS))]
    try:
        while folders:
            prefix, folder = folders.pop()
            try:
                with os.scandir(folder) as scanned:  # reads a duplicate of the descriptor
                    for entry in scanned:
                        name = entry.name
                        if entry.is_dir(follow_symlinks=False):
                            opened = os.open(name, _FOLDER_FLAGS, dir_fd=folder)
                            folders.append((f"{prefix}{name}/", opened))
                        # A linked folder is skipped, as walk_files does; a linked file has
                        # its target's stat.
                        elif not (entry.is_symlink() and entry.is_dir()):
                            stat = entry.stat()
                            rows.append(_listing_row(prefix + name, stat.st_size, stat.st_mtime_ns))
            finally:
                os.close(folder)
    finally:
        for _, folder in folders:
            os.close(folder)
    return rows


@dataclass(frozen=True)
class StoredMemo:
    """The record memo as the last build saved it: each entry, and the bytes it was read from.

    Entries are pickled one by one, so the next save re-pickles only the new ones:
    an edit to one source of 10,000 no longer pickles them all again.
    """

    entries: RecordMemo = field(default_factory=dict)
    pickled: Mapping[str, Pickle] = field(default_factory=dict)
    shards: Mapping[int, frozenset[str]] = field(default_factory=dict)
    """The keys each shard file held: one that would hold the same keys is not written again."""


def load_links(cache_dir: Path) -> Links | None:
    """The last build's related articles and co-occurrence, if this sitegen made them.

    Pickled, not JSON: each id is one string however often it recurs (as JSON they
    were 500,000 strings and lists, 70 MiB at 10,000 articles, for 15 MiB of links).
    """
    body = read_signed(cache_dir / _LINKS)
    if body is None:
        return None
    try:
        sitegen, links = pickle.loads(body)
    except Exception:  # a damaged or outdated cache only costs working them out again
        return None
    # Another sitegen may rank otherwise: its links are not these.
    return links if sitegen == package_fingerprint() and isinstance(links, Links) else None


def save_links(cache_dir: Path, links: Links) -> None:
    """Keep the model's links for the next build (signed, as the record memo)."""
    body = pickle.dumps((package_fingerprint(), links), protocol=5)
    write_signed(cache_dir / _LINKS, body)


def load_search_analyses(cache_dir: Path, version: str) -> KnownAnalyses | None:
    """The last build's word analyses for the search index, if made by the same ``version``.

    ``version``: ``fingerprint.package_fingerprint``, which holds the analysers' versions.
    """
    from sitegen.outputs.search.analysis import KnownAnalyses  # noqa: PLC0415 - see TYPE_CHECKING

    known = _load_made_by(cache_dir / _ANALYSES, version)
    return known if isinstance(known, KnownAnalyses) else None


def save_search_analyses(cache_dir: Path, version: str, known: KnownAnalyses) -> None:
    """Keep this build's word analyses for the next one (signed, as the record memo)."""
    _save_made_by(cache_dir / _ANALYSES, version, known)


def load_harvard_references(cache_dir: Path, version: str) -> dict[str, str]:
    """The last build's formatted references (``citation.harvard_key`` → HTML), if made by
    the same ``version`` (``package_fingerprint``: sitegen's and citeproc-py's); else none."""
    known = _load_made_by(cache_dir / _REFERENCES, version)
    if isinstance(known, dict) and all(isinstance(text, str) for text in known.values()):
        return known
    return {}


def save_harvard_references(cache_dir: Path, version: str, references: Mapping[str, str]) -> None:
    """Keep this build's formatted references: signed, for they are shown as HTML.

    Kept as plain strings: 20,000 ``Markup`` (a ``str`` subclass) took 15 MiB more once
    unpickled, in an edit's main process and so in its pages' workers.
    """
    _save_made_by(cache_dir / _REFERENCES, version, {k: str(v) for k, v in references.items()})


def _load_made_by(path: Path, version: str) -> object:
    body = read_signed(path)
    if body is None:
        return None
    try:
        made_by, value = pickle.loads(body)
    except Exception:  # a damaged or outdated cache only costs making it again
        return None
    return value if made_by == version else None


def _save_made_by(path: Path, version: str, value: object) -> None:
    write_signed(path, pickle.dumps((version, value), protocol=5))


def load_record_memo(
    cache_dir: Path, unpickled: Mapping[str, MemoEntry] | None = None
) -> StoredMemo:
    """The records the last build read, by source key (see ``loader.load_collection``).

    ``unpickled``: entries a long-running process kept (``PickledMemo``'s), not unpickled again.

    A shard that is missing, damaged, of another format or not written by this user's
    builds only costs reading its sources again. The entries are views of one buffer the
    shards are read into, not 10,000 objects: unpickled shard by shard onto the heap, they
    left it laid out so that the search job's worker, forked later, grew 12 MiB more.
    """
    key = _signing_key()
    pickled: dict[str, Pickle] = {}
    shards: dict[int, frozenset[str]] = {}
    files = _read_together([_shard_path(cache_dir, n) for n in range(_RECORD_SHARDS)])
    for number, signed in enumerate(files):
        body = _verified(key, signed) if signed is not None else None
        entries = _shard_entries(body) if body is not None else None
        if entries is not None:
            pickled.update(entries)
            shards[number] = frozenset(entries)
    return StoredMemo(PickledMemo(pickled, unpickled), pickled, shards)


def pickle_memo(memo: RecordMemo, kept: Mapping[str, Pickle]) -> dict[str, Pickle]:
    """Each entry's bytes: those it was read from (``kept``), else a new pickle.

    A key names everything its entry was read from: the same key, the same entry.
    """
    return {key: kept.get(key) or pickled_entry(entry) for key, entry in memo.items()}


def save_record_memo(
    cache_dir: Path, pickled: Mapping[str, Pickle], last: StoredMemo | None = None
) -> None:
    """Keep the memo's entries, as ``pickle_memo`` gives them, for the next build.

    The same key is the same entry, so a shard whose keys are those ``last`` (the memo
    this build loaded) read from it is left as it is: an edit to one source of 10,000
    writes some 2 MB, not 60 (0.7 s). Each shard is replaced whole, so a build killed
    while saving leaves each shard as one build or the other wrote it.
    """
    kept = last.shards if last is not None else {}
    by_shard: dict[int, dict[str, Pickle]] = {}
    for key, data in pickled.items():
        by_shard.setdefault(_shard_of(key), {})[key] = data
    for number in range(_RECORD_SHARDS):
        entries = by_shard.get(number, {})
        path = _shard_path(cache_dir, number)
        if not entries:
            path.unlink(missing_ok=True)
        elif kept.get(number) != entries.keys():
            head = json.dumps([[key, len(data)] for key, data in entries.items()]).encode()
            size = struct.pack("<Q", len(head))
            write_signed(path, _records_tag(), size, head, *entries.values())
    (cache_dir / _RECORDS_BEFORE).unlink(missing_ok=True)


def _records_tag() -> bytes:
    """What a shard of the record memo begins with: its layout, its entries' format."""
    return b"sitegen record memo %d\n" % _RECORDS_FORMAT


def _shard_entries(body: memoryview) -> dict[str, Pickle] | None:
    """A shard's entries (``save_record_memo``'s layout), as views of ``body``; else ``None``."""
    tag = _records_tag()
    start = len(tag) + 8
    if len(body) < start or body[: len(tag)] != tag:
        return None  # another layout, or another shape of the records (_RECORDS_FORMAT)
    (head_size,) = struct.unpack_from("<Q", body, len(tag))
    try:
        rows = json.loads(bytes(body[start : start + head_size]))
        entries: dict[str, Pickle] = {}
        at = start + head_size
        for key, size in rows:
            if not isinstance(key, str) or not isinstance(size, int) or size < 0:
                return None
            entries[key] = body[at : at + size]
            at += size
    except (ValueError, TypeError):
        return None
    return entries if at == len(body) else None


def _read_together(paths: Sequence[Path]) -> list[memoryview | None]:
    """The files' bytes as views of one buffer (``None`` for a file that cannot be read)."""
    sizes: list[int | None] = []
    for path in paths:
        try:
            sizes.append(path.stat().st_size)
        except OSError:
            sizes.append(None)
    buffer = memoryview(bytearray(sum(size or 0 for size in sizes)))
    views: list[memoryview | None] = []
    at = 0
    for path, size in zip(paths, sizes, strict=True):
        if size is None:
            views.append(None)
            continue
        view = buffer[at : at + size]
        at += size
        try:
            with path.open("rb") as file:
                whole = file.readinto(view) == size and not file.read(1)
        except OSError:
            whole = False
        views.append(view if whole else None)  # changed while read: its sources are read again
    return views


def _shard_of(key: str) -> int:
    return zlib.crc32(key.encode()) % _RECORD_SHARDS


def _shard_path(cache_dir: Path, number: int) -> Path:
    return cache_dir / _RECORDS / f"{number:02d}.pickle"


def read_signed(path: Path) -> memoryview | None:
    """A cache file's bytes if this user's builds signed them (``write_signed``); else ``None``.

    Unpickling runs code, and ``.sitegen-cache/`` may come from elsewhere (a pull
    request can commit one), so only a file signed with this user's key is read.
    """
    try:
        signed = path.read_bytes()
    except OSError:
        return None
    return _verified(_signing_key(), memoryview(signed))  # a view: no second copy


def _verified(key: bytes | None, signed: memoryview) -> memoryview | None:
    """The body after the signature if ``key`` signed it (``write_signed``); else ``None``."""
    signature, body = signed[:32], signed[32:]
    if key is None or not hmac.compare_digest(signature, _sign(key, body)):
        return None
    return body


def write_signed(path: Path, *body: bytes | memoryview) -> None:
    """Write ``body`` (its parts one after the other) signed with this user's key
    (atomically); nothing without a key."""
    key = _signing_key()
    if key is None:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    _replace_atomically(path, _sign(key, *body), *body)


def _sign(key: bytes, *body: bytes | memoryview) -> bytes:
    signature = hmac.new(key, digestmod=hashlib.sha256)
    for part in body:
        signature.update(part)
    return signature.digest()


def _signing_key() -> bytes | None:
    """This user's secret for signing caches, kept outside any checkout; None if unavailable."""
    folder = user_cache_dir()
    key_file = folder / "cache-key"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with os.fdopen(os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "wb") as f:
            f.write(secrets.token_bytes(32))
    except FileExistsError:
        pass
    except OSError:
        return None
    try:
        key = key_file.read_bytes()
    except OSError:
        return None
    return key if len(key) == 32 else None


def unchanged_on_disk(path: str, entry: OutputEntry) -> bool:
    """Is the file the last build wrote (now at ``path``) still there, untouched?"""
    try:
        stat = os.stat(path)  # noqa: PTH116 - a string: see Writer.take_over
    except OSError:
        return False
    return stat.st_size == entry.size and stat.st_mtime_ns == entry.mtime_ns
