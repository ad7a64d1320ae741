"""The record memo: what reading each source gave, kept by the build cache between builds.

Light on purpose: the engine's skip decisions (``engine.incremental``) import
it on the way to a build that may have nothing to do.
"""

from __future__ import annotations

import pickle
from collections.abc import Callable, Iterator, Mapping, MutableMapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sitegen.core.errors import Diagnostic
    from sitegen.core.records import ArticleRecord


@dataclass(frozen=True)
class MemoEntry:
    """What reading one source gave: its record, and the problems its files reported."""

    record: ArticleRecord | None
    """``None`` when the source could not be read."""
    diagnostics: tuple[Diagnostic, ...]
    """Of the source and of its sidecar, each with its own path."""


Pickle = bytes | memoryview
"""A memo entry's pickle: its own bytes, or a view of the cache file it was read with."""

RecordMemo = MutableMapping[str, MemoEntry]
"""Each source's ``MemoEntry``, by a key of everything it depends on.

The build cache pickles it (``cache.save_record_memo``): a change of its shape
bumps ``cache._RECORDS_FORMAT``.
"""


@dataclass(frozen=True)
class SourceMemo:
    """The last build's entries and the rule keying a source by its inputs.

    ``key`` receives the files one source is read from (its text, then its
    sidecar). The rule is the engine's (``engine.incremental.source_memo``):
    whether a source is read again is decided there, with every other skip.
    """

    entries: RecordMemo
    key: Callable[[tuple[Path, ...]], str]
    read: dict[str, bytes] = field(default_factory=dict)
    """The pickles of the entries a load read, by key, as the process that read each
    made them (``loader.load_collection``). The build cache keeps these bytes: the main
    process does not pickle 10,000 records again, nor keep the UTF-8 copy of each text
    that pickling a string leaves in it (some 28 MiB at 10,000 articles)."""


def pickled_entry(entry: MemoEntry) -> bytes:
    return pickle.dumps(entry, protocol=5)


def unpickled_entry(data: Pickle) -> MemoEntry:
    """An entry from ``pickled_entry``'s bytes, made by this build's own processes."""
    entry = pickle.loads(data)
    if not isinstance(entry, MemoEntry):
        raise TypeError(f"not a memo entry: {type(entry).__name__}")
    return entry


class PickledMemo(MutableMapping[str, MemoEntry]):
    """Memo entries kept as their pickles, each unpickled when it is first looked up.

    An edit looks up nearly every entry; a change that keys every source anew
    (``entities.yaml``, ``site.yaml``, another sitegen) looks up none, and then the last
    build's records are neither unpickled (0.9 s at 10,000) nor held while every source
    is read again (they made that build's main process 150 MiB larger than a cold one's).
    An entry that cannot be unpickled is missing: its source is read again (one at hand,
    given for its key, is taken as it is).
    """

    def __init__(
        self, pickled: Mapping[str, Pickle], unpickled: Mapping[str, MemoEntry] | None = None
    ) -> None:
        """``unpickled``: entries already at hand, by key (``KeptRecords``): those of
        ``pickled``'s keys are taken as they are."""
        self._pickled = dict(pickled)
        self._entries: dict[str, MemoEntry] = (
            {key: unpickled[key] for key in self._pickled if key in unpickled} if unpickled else {}
        )

    def __getitem__(self, key: str) -> MemoEntry:
        entry = self._entries.get(key)
        if entry is None:
            data = self._pickled[key]
            try:
                entry = unpickled_entry(data)
            except Exception:  # a damaged entry only costs reading its source again
                raise KeyError(key) from None
            self._entries[key] = entry
        return entry

    def __setitem__(self, key: str, entry: MemoEntry) -> None:
        self._pickled.pop(key, None)
        self._entries[key] = entry

    def __delitem__(self, key: str) -> None:
        if key not in self:
            raise KeyError(key)
        self._pickled.pop(key, None)
        self._entries.pop(key, None)

    def __iter__(self) -> Iterator[str]:
        yield from self._pickled
        yield from (key for key in self._entries if key not in self._pickled)

    def __len__(self) -> int:
        return len(self._pickled.keys() | self._entries.keys())

    def __contains__(self, key: object) -> bool:
        return key in self._entries or key in self._pickled

    def clear(self) -> None:  # not MutableMapping's, which would unpickle each entry
        self._pickled.clear()
        self._entries.clear()
