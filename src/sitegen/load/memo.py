"""The record memo: what reading each source gave, kept by the build cache between builds.

Light on purpose: the engine's skip decisions (``engine.incremental``) import
it on the way to a build that may have nothing to do.
"""

from __future__ import annotations

import pickle
from collections.abc import Callable
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


RecordMemo = dict[str, MemoEntry]
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


def unpickled_entry(data: bytes) -> MemoEntry:
    """An entry from ``pickled_entry``'s bytes, made by this build's own processes."""
    entry = pickle.loads(data)
    if not isinstance(entry, MemoEntry):
        raise TypeError(f"not a memo entry: {type(entry).__name__}")
    return entry
