"""The search index's segments kept between builds, in ``.sitegen-cache/search-segments/``.

One file per segment, named by a digest of what its postings depend on: the word
analysers (``made_by``) and each of its articles' content, in order. A file that
cannot be read or is damaged is only a segment to read again.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Sequence
from pathlib import Path

from sitegen.core.records import ArticleRecord
from sitegen.outputs.search.segments import Segment, segment_bytes, segment_from_bytes

SEGMENTS_DIR = "search-segments"
_SUFFIX = ".segment"


class SegmentFiles:
    """A ``SegmentStore`` in a folder of the cache.

    ``read``: whether the last build's segments are used (not under ``--clean``); this
    build's are kept either way, and ``forget_the_rest`` then removes every other file,
    so the folder holds one build's segments (some 60 MB at 10,000 articles).
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
        if not self._read:
            return None
        try:
            return segment_from_bytes(path.read_bytes())
        except (OSError, ValueError):
            return None

    def keep(self, records: Sequence[ArticleRecord], segment: Segment) -> None:
        path = self._path(records)
        self._folder.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(f"{path.name}.{os.getpid()}")
        temporary.write_bytes(segment_bytes(segment))
        temporary.replace(path)

    def forget_the_rest(self) -> None:
        """Remove the segments this build did not use (and any half-written file)."""
        if not self._folder.is_dir():
            return
        for path in self._folder.iterdir():
            if path.name not in self._used:
                path.unlink(missing_ok=True)

    def _path(self, records: Sequence[ArticleRecord]) -> Path:
        digest = hashlib.sha256(self._version + b"\0")
        for record in records:
            digest.update(self._record_digest(record))
        name = digest.hexdigest()[:40] + _SUFFIX
        self._used.add(name)
        return self._folder / name
