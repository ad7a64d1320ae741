"""Search segments (``outputs/search/segments.py``): kept runs give the index read afresh."""

from __future__ import annotations

import dataclasses
import json
from array import array
from collections.abc import Sequence

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sitegen.core.records import ArticleRecord, Block, Body
from sitegen.core.sealed import sealed
from sitegen.load.loader import Collection
from sitegen.model.site import SiteModel
from sitegen.outputs.search import index, segments
from sitegen.outputs.search.analysis import Analyser
from sitegen.outputs.search.index import search_files
from sitegen.outputs.search.segments import (
    FILE_TAG,
    Segment,
    collect_segment,
    segment_bounds,
    segment_bytes,
    segment_from_bytes,
)

WORDS = ["Kazachstan", "Kazachstanu", "wizyta", "Astana", "ambasador", "Polska", "OBWE", "2024"]


class DictStore:
    """Segments kept in memory by their articles' content, as ``SegmentFiles`` keeps them."""

    def __init__(self) -> None:
        self.kept: dict[tuple[object, ...], Segment] = {}
        self.reused = 0

    def get(self, records: Sequence[ArticleRecord]) -> Segment | None:
        found = self.kept.get(self._key(records))
        self.reused += found is not None
        return found

    def keep(self, records: Sequence[ArticleRecord], segment: Segment) -> None:
        self.kept[self._key(records)] = segment

    @staticmethod
    def _key(records: Sequence[ArticleRecord]) -> tuple[object, ...]:
        return tuple(
            (r.language, r.title, r.summary, r.author, r.publisher, r.body_text) for r in records
        )


def many(collection: Collection, copies: int = 4) -> Collection:
    """The fixture's articles several times over (new ids), for more segments."""
    records = tuple(
        dataclasses.replace(record, id=f"{record.id}-{n}", slug=f"{record.slug}-{n}")
        for n in range(copies)
        for record in collection.records
    )
    return dataclasses.replace(collection, records=records)


def edited(collection: Collection, changes: list[tuple[int, str, str]]) -> Collection:
    """Articles dropped, or words added to a body or a summary."""
    records = list(collection.records)
    for position, change, text in changes:
        at = position % len(records)
        record = records[at]
        if change == "drop" and len(records) > 1:
            del records[at]
        elif change == "body":
            block = Block("paragraph", text, 1)
            records[at] = dataclasses.replace(record, blocks=Body.of((*record.blocks, block)))
        else:
            records[at] = dataclasses.replace(record, summary=f"{record.summary} {text}")
    return dataclasses.replace(collection, records=tuple(records))


def files(collection: Collection, store: DictStore | None = None) -> dict[str, str]:
    return dict(search_files(SiteModel.from_collection(collection), Analyser(), store))


def files_of_one_segment(collection: Collection) -> dict[str, str]:
    """The index read as one run: what merging segments must give."""
    saved = segments.SEGMENT_DOCS, segments.LONGEST_SEGMENT
    segments.SEGMENT_DOCS = segments.LONGEST_SEGMENT = 10**9
    try:
        return files(collection)
    finally:
        segments.SEGMENT_DOCS, segments.LONGEST_SEGMENT = saved


changes = st.lists(
    st.tuples(
        st.integers(0, 100),
        st.sampled_from(["drop", "body", "summary"]),
        st.lists(st.sampled_from(WORDS), min_size=1, max_size=5).map(" ".join),
    ),
    max_size=4,
)


@pytest.mark.usefixtures("small_segments")
# Neither fixture is changed by an example: the collection is copied, the setting restored.
@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(changes=changes)
def test_an_index_from_kept_segments_is_the_index_read_afresh(
    collection: Collection, changes: list[tuple[int, str, str]]
) -> None:
    before = many(collection)
    store = DictStore()
    files(before, store)
    after = edited(before, changes)
    assert files(after, store) == files(after) == files_of_one_segment(after)


@pytest.mark.usefixtures("small_segments")
def test_an_edit_reads_only_its_segment_again(
    collection: Collection, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = many(collection)
    store = DictStore()
    files(before, store)
    read: list[int] = []

    def counting(records: Sequence[ArticleRecord], analyser: Analyser) -> Segment:
        read.append(len(records))
        return collect_segment(records, analyser)

    monkeypatch.setattr(index, "collect_segment", counting)
    after = edited(before, [(7, "body", "Kazachstanu i Polska")])
    in_order = SiteModel.from_collection(after).records
    segment_count = len(list(segment_bounds([record.id for record in in_order])))
    assert files(after, store) == files(after)
    assert segment_count > 4 and read[0] <= segments.LONGEST_SEGMENT
    assert len(read) == 1 + segment_count  # one read again with the store, all without


def test_segment_cuts_follow_ids_not_positions() -> None:
    ids = [f"article-{n}" for n in range(3000)]
    before = {tuple(ids[a:b]) for a, b in segment_bounds(ids)}
    with_one_more = [*ids[:1500], "a new clipping", *ids[1500:]]
    after = {tuple(with_one_more[a:b]) for a, b in segment_bounds(with_one_more)}
    assert len(before - after) == 1 and 1 <= len(after - before) <= 2
    assert sum(map(len, after)) == len(with_one_more)


@st.composite
def any_segment(draw: st.DrawFn) -> Segment:
    terms = draw(st.lists(st.text(min_size=1, max_size=8), unique=True, max_size=6))
    lengths, postings, positions = array("I"), array("I"), array("I")
    for _ in terms:
        pairs = draw(st.lists(st.tuples(st.integers(0, 2**32 - 1), st.integers(0, 99)), min_size=1))
        gaps = [number for pair in pairs for number in pair]
        places = draw(st.lists(st.integers(0, 2**32 - 1), min_size=1, max_size=6))
        lengths.extend((len(gaps), len(places), draw(st.integers(0, 2**32 - 1))))
        postings.extend(gaps)
        positions.extend(places)
    found = draw(
        st.dictionaries(st.sampled_from(["pl", "en", "ru"]), st.lists(st.text()).map(tuple))
    )
    return Segment(tuple(terms), lengths, postings, positions, found)


@given(any_segment())
def test_a_segment_comes_back_from_its_bytes(segment: Segment) -> None:
    assert segment_from_bytes(segment_bytes(segment)) == segment


@given(any_segment(), st.data())
def test_damaged_segment_bytes_are_refused(segment: Segment, data: st.DataObject) -> None:
    whole = segment_bytes(segment)
    at = data.draw(st.integers(0, len(whole) - 1))
    flipped = whole[:at] + bytes([whole[at] ^ 0x01]) + whole[at + 1 :]
    for damaged in (flipped, whole[:at], whole + b"x"):
        with pytest.raises(ValueError):
            segment_from_bytes(damaged)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=5),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner),
    max_leaves=10,
)


@given(json_values, st.lists(st.binary(max_size=24), min_size=3, max_size=3))
def test_any_well_sealed_bytes_give_a_segment_or_a_value_error(
    head: object, arrays: list[bytes]
) -> None:
    # What a damaged file with a correct digest could hold: never another exception.
    sealed_bytes = sealed(FILE_TAG, [json.dumps(head).encode(), *arrays])
    try:
        segment = segment_from_bytes(sealed_bytes)
    except ValueError:
        return
    assert len(segment.lengths) == 3 * len(segment.terms)
