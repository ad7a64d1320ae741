"""The site model: indexes, related articles with reasons, neighbours, co-occurrence."""

from __future__ import annotations

from sitegen.load.loader import Collection
from sitegen.model.site import SiteModel


def ids(records: tuple[object, ...]) -> list[str]:
    return [r.id for r in records]  # type: ignore[attr-defined]


def test_records_are_grouped_by_year_with_undated_apart(collection: Collection) -> None:
    model = SiteModel.from_collection(collection)
    assert list(model.by_year) == [2018, 2020, 2022, 2024, 2025]
    assert ids(model.undated) == ["006_fixture"]
    assert ids(model.records)[-1] == "006_fixture"


def test_entities_index_records_in_time_order(collection: Collection) -> None:
    model = SiteModel.from_collection(collection)
    assert ids(model.by_entity["kazakhstan"]) == ["001_fixture", "002_fixture", "003_fixture"]
    assert ids(model.by_entity["trade"]) == ["002_fixture", "006_fixture"]
    assert model.entities["lodz"].label("en") == "Łódź"


def test_related_ranks_shared_entities_first_and_names_them(collection: Collection) -> None:
    model = SiteModel.from_collection(collection)
    related = model.related["001_fixture"]
    assert related[0].record.id == "002_fixture"
    assert related[0].shared == ("kazakhstan", "un")
    assert related[1].record.id == "003_fixture"
    assert related[1].shared == ("kazakhstan", "astana")


def test_equal_sharing_is_broken_by_closeness_in_time(collection: Collection) -> None:
    model = SiteModel.from_collection(collection)
    # 004 (2024) shares two entities with 005, one with 002 (2020) and one with the
    # undated 006: among the single shares, a dated neighbour is closer than no date.
    related = model.related["004_fixture"]
    assert [r.record.id for r in related] == ["005_fixture", "002_fixture", "006_fixture"]
    assert related[0].shared == ("azerbaijan", "poland")


def test_neighbours_follow_time_order(collection: Collection) -> None:
    model = SiteModel.from_collection(collection)
    first, second = model.records[0], model.records[1]
    assert model.neighbours(first) == (None, second)
    assert model.neighbours(model.records[-1])[1] is None


def test_cooccurring_entities_are_counted_by_records(collection: Collection) -> None:
    model = SiteModel.from_collection(collection)
    together = dict(model.cooccurring["kazakhstan"])
    assert together["un"] == 2
    assert together["astana"] == 2
    assert together["bbn"] == 1
    assert "kazakhstan" not in together


def test_newest_lists_dated_records_newest_first(collection: Collection) -> None:
    model = SiteModel.from_collection(collection)
    assert ids(model.newest(2)) == ["005_fixture", "004_fixture"]
