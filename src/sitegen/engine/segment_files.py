"""The search index's segments kept between builds, in ``.sitegen-cache/search-segments/``.

One file per segment, named by a digest of what its postings depend on: the word
analysers (``package_fingerprint``) and each of its articles' content, in order. Signed with this
user's key, as the pickles are: a segment file committed by someone else is not read
(a doctored one could not run code, but could fail the build). A file that cannot be
read, written or verified is only a segment to read again.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from pathlib import Path

from sitegen.core.records import ArticleRecord
from sitegen.engine.cache import read_signed, write_signed
from sitegen.outputs.search.segments import Segment, segment_bytes, segment_from_bytes

SEGMENTS_DIR = "search-segments"
_SUFFIX = ".segment"


class SegmentFiles:
    """A ``SegmentStore`` in a folder of the cache.

    ``read``: whether the last build's segments are used (not under ``--clean``); this
    build's are kept either way, and ``forget_the_rest`` then removes every other file,
    so the folder holds one build's segments (some 40 MB at 10,000 articles).
    """

    def __init__(
        self,
        cache_dir: Path,
        version: str,
        record_digest: Callable[[ArticleRecord], bytes],
        *,
        read: bool = True,
    ) -> None:
        self._folder = cache_dir / SEGMENTS_DIR
        self._version = version.encode()
        self._record_digest = record_digest
        self._read = read
        self._used: set[str] = set()

    def get(self, records: Sequence[ArticleRecord]) -> Segment | None:
        path = self._path(records)
        body = read_signed(path) if self._read else None
        if body is None:
            return None
        try:
            segment = segment_from_bytes(body)
        except ValueError:
            return None
        return segment if segment.fits(len(records)) else None

    def keep(self, records: Sequence[ArticleRecord], segment: Segment) -> None:
        path = self._path(records)
        try:
            write_signed(path, segment_bytes(segment))
        except OSError:  # a full disk, a read-only cache: the next build reads it again
            return

    def forget_the_rest(self) -> None:
        """Remove the segments this build did not use (not another build's half-written one)."""
        if not self._folder.is_dir():
            return
        for path in self._folder.iterdir():
            if path.name.endswith(_SUFFIX) and path.name not in self._used:
                path.unlink(missing_ok=True)

    def _path(self, records: Sequence[ArticleRecord]) -> Path:
        digest = hashlib.sha256(self._version + b"\0")
        for record in records:
            digest.update(self._record_digest(record))
        name = digest.hexdigest()[:40] + _SUFFIX
        self._used.add(name)
        return self._folder / name
