"""``engine.incremental``: when a page is taken over from the last build instead of made."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, cast

import pytest

from sitegen.core.fingerprint import Run
from sitegen.engine.cache import (
    TAKEN_OVER,
    OutputEntry,
    StoredMemo,
    TakenOver,
    load_record_memo,
    pickle_memo,
    save_record_memo,
)
from sitegen.engine.incremental import PageKeys, record_digests, reuse_or_make_page, source_memo
from sitegen.engine.output import Writer
from sitegen.load.loader import load_collection
from sitegen.render.planner import Page
from sitegen.render.plans import KeyedPagePlan, PagePlan
from tests.loader_fixtures import GOOD_ENGLISH, GOOD_POLISH, make_collection

KEYS = PageKeys("templates")


class LastBuild:
    """A writer whose last build wrote some paths from some keys."""

    def __init__(self, keys: dict[str, str]) -> None:
        self.keys = keys
        self.written: list[str] = []

    def take_over(self, path: str, key: str) -> TakenOver | None:
        return TAKEN_OVER if self.keys.get(path) == key else None

    def write(self, path: str, content: str, key: str) -> OutputEntry:
        self.written.append(content)
        return OutputEntry("new", len(content), 2, key)


def keyed(inputs: tuple[str, ...], made: list[tuple[str, ...]]) -> KeyedPagePlan[tuple[str, ...]]:
    def make_from(received: tuple[str, ...]) -> Page:
        made.append(received)
        return Page("articles/a.html", "article.html", cast(Any, received))

    return KeyedPagePlan("articles/a.html", lambda: inputs, make_from, b"shared")


def render(page: Page) -> str:
    return f"<p>{page.context}</p>"


def test_a_keyed_page_with_its_last_inputs_is_not_made() -> None:
    made: list[tuple[str, ...]] = []
    key = KEYS.key("articles/a.html", (b"shared", ("record",)))
    writer = LastBuild({"articles/a.html": key})
    page = reuse_or_make_page(keyed(("record",), made), cast(Writer, writer), KEYS, render)
    assert (page.path, page.entry, page.rendered) == ("articles/a.html", TAKEN_OVER, False)
    assert (made, writer.written) == ([], [])


def test_a_keyed_page_is_made_from_exactly_the_inputs_its_key_was_made_of() -> None:
    made: list[tuple[str, ...]] = []
    writer = LastBuild({"articles/a.html": "an older key"})
    page = reuse_or_make_page(keyed(("edited record",), made), cast(Writer, writer), KEYS, render)
    assert page.rendered
    assert made == [("edited record",)]
    assert writer.written == ["<p>('edited record',)</p>"]
    assert page.entry == OutputEntry(
        "new",
        len(writer.written[0]),
        2,
        KEYS.key("articles/a.html", (b"shared", ("edited record",))),
    )


def test_the_shared_inputs_are_part_of_a_keyed_pages_key() -> None:
    made: list[tuple[str, ...]] = []
    key = KEYS.key("articles/a.html", (b"other labels", ("record",)))
    writer = LastBuild({"articles/a.html": key})
    reuse_or_make_page(keyed(("record",), made), cast(Writer, writer), KEYS, render)
    assert made == [("record",)]


def test_an_unkeyed_page_is_made_and_taken_over_when_its_context_is_unchanged() -> None:
    page = Page("index.html", "home.html", cast(Any, "context"))
    key = KEYS.key("home.html", "context")
    writer = LastBuild({"index.html": key})
    made = reuse_or_make_page(PagePlan(lambda: page), cast(Writer, writer), KEYS, render)
    assert (made.path, made.entry, made.rendered, writer.written) == (
        "index.html",
        TAKEN_OVER,
        False,
        [],
    )


@dataclass(frozen=True)
class Item:
    title: str


def test_a_recurring_value_stands_in_keys_by_what_it_holds_not_which_object_it_is() -> None:
    keys = PageKeys("templates", recurring=(Item,))
    first = keys.key("list.html", (Item("a"), [Item("b")]))
    # Equal values made apart (as a record read again from the memo) give the same key.
    assert keys.key("list.html", (Item("a"), [Item("b")])) == first
    assert (
        PageKeys("templates", recurring=(Item,)).key("list.html", (Item("a"), [Item("b")])) == first
    )
    assert keys.key("list.html", (Item("a"), [Item("c")])) != first
    assert keys.key("list.html", (Item("a"),)) != first
    assert (
        PageKeys("other templates", recurring=(Item,)).key("list.html", (Item("a"), [Item("b")]))
        != first
    )


def test_a_run_stands_in_keys_by_its_items_values_in_order() -> None:
    keys = PageKeys("templates", recurring=(Item,))
    first = keys.key("list.html", Run((Item("a"), Item("b"))))
    assert (
        PageKeys("templates", recurring=(Item,)).key("list.html", Run((Item("a"), Item("b"))))
        == first
    )
    others = [
        Run((Item("b"), Item("a"))),
        Run((Item("a"), Item("c"))),
        Run((Item("a"),)),
        Run((Item("a"), Item("b"), Item("b"))),
        (Item("a"), Item("b")),  # the same items, not as a run
        Run(()),
    ]
    assert len({first} | {keys.key("list.html", other) for other in others}) == len(others) + 1
    with pytest.raises(TypeError, match="does not recur"):
        keys.key("list.html", Run(("a",)))
    # It stands in by its items' digests: the same items known by other digests, another key.
    a, b = Item("a"), Item("b")
    known = PageKeys("templates", recurring=(Item,), known=[(a, b"\1" * 32), (b, b"\2" * 32)])
    assert known.key("list.html", Run((a, b))) != first
    assert known.key("list.html", Run((a, b))) == known.key("list.html", Run((a, b)))


def test_a_record_digest_follows_its_source_and_what_the_collection_changed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "user-cache"))
    content = make_collection(tmp_path, {"a": GOOD_POLISH, "b": GOOD_ENGLISH})

    def digests(stored: StoredMemo) -> dict[str, bytes]:
        memo = source_memo(content, stored.entries)
        records = load_collection(content, memo).records
        pickled = pickle_memo(memo.entries, stored.pickled)
        save_record_memo(tmp_path / "cache", pickled)
        renamed = replace(records[0], slug="another-address")
        found = record_digests([*records, renamed], memo.entries, pickled)
        return {record.slug: digest for record, digest in found}

    parsed = digests(StoredMemo())
    from_memo = digests(load_record_memo(tmp_path / "cache"))
    assert from_memo == parsed  # read again or taken from the memo: the same digests
    assert len(set(parsed.values())) == 3  # the slug given after reading counts
    (content / "sources" / "b.txt").write_text(GOOD_ENGLISH + "\nOne more line.\n")
    edited = digests(load_record_memo(tmp_path / "cache"))
    changed = {slug for slug in edited if edited[slug] != from_memo.get(slug)}
    assert len(changed) == 1
