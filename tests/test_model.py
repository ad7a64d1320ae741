"""The site model: indexes, related articles with reasons, neighbours, co-occurrence."""

from __future__ import annotations

from dataclasses import replace

from sitegen.core.records import DateValue
from sitegen.load.loader import Collection
from sitegen.model.links import Links
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
    # Kazakhstan is in three records, the UN and Astana in two: the rarer comes first.
    assert related[0].shared == ("un", "kazakhstan")
    assert related[1].record.id == "003_fixture"
    assert related[1].shared == ("astana", "kazakhstan")


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


def test_the_last_builds_links_are_taken_over_while_entities_and_dates_stay(
    collection: Collection,
) -> None:
    model = SiteModel.from_collection(collection)
    links = model.links()
    # A title or a sentence changes neither what a record names nor its date.
    retitled = replace(
        collection,
        records=tuple(replace(r, title=r.title + " (corrected)") for r in collection.records),
    )
    assert SiteModel.from_collection(retitled).links_key == links.key
    # Taken over, they are what ranking again gives, with the new records in them.
    stale = Links(links.key, {r: items[:1] for r, items in links.related.items()}, {})
    taken = SiteModel.from_collection(retitled, stale)
    assert taken.related["001_fixture"][0].record.title.endswith("(corrected)")
    assert len(taken.related["001_fixture"]) == 1  # the given links, not ranked again
    assert taken.links_taken_over
    assert (
        SiteModel.from_collection(retitled, links).related
        == SiteModel.from_collection(retitled).related
    )


def test_links_are_worked_out_again_when_an_entity_or_a_date_changes(
    collection: Collection,
) -> None:
    model = SiteModel.from_collection(collection)
    first, *others = collection.records
    for changed in (
        replace(first, entities=first.entities[1:]),
        replace(first, date=DateValue(1999)),
    ):
        edited = replace(collection, records=(changed, *others))
        again = SiteModel.from_collection(edited, model.links())
        assert again.links_key != model.links_key
        assert not again.links_taken_over
        assert again.related == SiteModel.from_collection(edited).related
        assert again.cooccurring == SiteModel.from_collection(edited).cooccurring
