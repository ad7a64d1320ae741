"""The build cache's record memo (``sitegen.engine.cache``): signed, versioned, typed."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitegen.core.errors import Diagnostic
from sitegen.engine import cache
from sitegen.load.memo import MemoEntry, RecordMemo


@pytest.fixture
def memo_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A cache folder, with this test's own signing key."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "user-cache"))
    return tmp_path / "cache"


def test_a_saved_memo_is_read_back_as_memo_entries(memo_dir: Path) -> None:
    memo: RecordMemo = {"key": MemoEntry(None, (Diagnostic("a.txt", None, "unreadable"),))}
    cache.save_record_memo(memo_dir, memo)
    assert cache.load_record_memo(memo_dir) == memo


def test_a_memo_of_another_format_is_ignored_not_misread(
    memo_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    current = cache._RECORDS_FORMAT
    monkeypatch.setattr(cache, "_RECORDS_FORMAT", current - 1)  # as an older sitegen wrote it
    cache.save_record_memo(memo_dir, {"key": MemoEntry(None, ())})
    monkeypatch.setattr(cache, "_RECORDS_FORMAT", current)
    assert cache.load_record_memo(memo_dir) == {}
