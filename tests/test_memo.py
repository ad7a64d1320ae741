"""The record memo (``load/memo.py``): kept entries unpickled only when looked up."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from sitegen.core.errors import Diagnostic
from sitegen.engine import cache
from sitegen.engine.incremental import source_memo
from sitegen.load import memo as memo_module
from sitegen.load.loader import load_collection
from sitegen.load.memo import MemoEntry, PickledMemo, pickled_entry
from tests.loader_fixtures import copy_seed_collection


def entry(path: str) -> MemoEntry:
    return MemoEntry(None, (Diagnostic(path, None, "unreadable"),))


def counting_unpickles(monkeypatch: pytest.MonkeyPatch) -> list[bytes]:
    seen: list[bytes] = []
    unpickle = memo_module.unpickled_entry

    def counted(data: bytes) -> MemoEntry:
        seen.append(data)
        return unpickle(data)

    monkeypatch.setattr(memo_module, "unpickled_entry", counted)
    return seen


def test_a_pickled_memo_unpickles_only_what_is_looked_up(monkeypatch: pytest.MonkeyPatch) -> None:
    unpickled = counting_unpickles(monkeypatch)
    kept = PickledMemo({"a": pickled_entry(entry("a.txt")), "b": pickled_entry(entry("b.txt"))})
    assert "a" in kept and "c" not in kept and len(kept) == 2 and unpickled == []
    assert kept["a"] == entry("a.txt") and kept["a"] is kept["a"] and len(unpickled) == 1
    kept["c"] = entry("c.txt")
    assert list(kept) == ["a", "b", "c"] and kept == {
        "a": entry("a.txt"),
        "b": entry("b.txt"),
        "c": entry("c.txt"),
    }
    unpickled.clear()
    kept.clear()
    assert len(kept) == 0 and unpickled == []


def test_entries_at_hand_stand_for_their_pickles_but_add_no_key(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    unpickled = counting_unpickles(monkeypatch)
    at_hand = {"a": entry("a.txt"), "gone": entry("gone.txt")}
    kept = PickledMemo(
        {"a": pickled_entry(entry("a.txt")), "b": pickled_entry(entry("b.txt"))}, at_hand
    )
    assert sorted(kept) == ["a", "b"] and "gone" not in kept and len(kept) == 2
    assert kept["a"] is at_hand["a"] and unpickled == []
    assert kept["b"] == entry("b.txt") and len(unpickled) == 1


def test_a_damaged_entry_is_missing_not_an_error() -> None:
    kept = PickledMemo({"a": b"not a pickle", "b": pickled_entry(entry("b.txt"))})
    assert kept.get("a") is None and kept.get("b") == entry("b.txt")


def test_a_change_that_keys_every_source_anew_unpickles_no_kept_entry(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    copy_seed_collection(tmp_path)
    content, cache_dir = tmp_path / "content", tmp_path / "cache"
    first = source_memo(content, {})
    load_collection(content, first)
    cache.save_record_memo(cache_dir, cache.pickle_memo(first.entries, first.read))
    loads = pickle.loads

    def load_and_count(changed: bool) -> int:
        """Build's way: load the memo, then the collection; the kept entries unpickled."""
        stored = cache.load_record_memo(cache_dir)
        kept = list(stored.pickled.values())
        unpickled: list[bytes] = []

        def counting(data: bytes, *args: object, **kwargs: object) -> object:
            if any(data is entry for entry in kept):
                unpickled.append(data)
            return loads(data, *args, **kwargs)  # type: ignore[arg-type]

        if changed:
            with (content / "entities.yaml").open("a", encoding="utf-8") as entities:
                entities.write("# a curator's note\n")
        with monkeypatch.context() as patched:
            patched.setattr(pickle, "loads", counting)
            memo = source_memo(content, stored.entries)
            load_collection(content, memo, jobs=1)
        assert len(memo.entries) == 5
        return len(unpickled)

    assert load_and_count(changed=False) == 5  # an unchanged collection: each kept one
    assert load_and_count(changed=True) == 0  # every source read again, none unpickled


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_kept_entry_that_cannot_be_unpickled_costs_only_reading_its_source(
    tmp_path: Path, jobs: int
) -> None:
    copy_seed_collection(tmp_path)
    content = tmp_path / "content"
    first = source_memo(content, {})
    fresh = load_collection(content, first)
    pickled = cache.pickle_memo(first.entries, first.read)
    damaged = sorted(pickled)[2]
    pickled[damaged] = b"not a pickle"
    memo = source_memo(content, PickledMemo(pickled))
    again = load_collection(content, memo, jobs=jobs)
    assert again.records == fresh.records and again.diagnostics == fresh.diagnostics
    assert set(memo.read) == {damaged}  # that source alone was read again
