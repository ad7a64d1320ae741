"""People and organisations found in the texts become entities (``found_entities.py``)."""

from __future__ import annotations

from pathlib import Path

from sitegen.engine.build import BuildOptions, build_site
from sitegen.load.found_entities import link_surnames, record_entities
from sitegen.load.parsing.names import NameMention
from tests.loader_fixtures import MINIMAL_SITE, SMALL_ENTITIES, load, make_collection, record_by_id
from tests.site_fixtures import TEMPLATES

FIRST = """\
Jerżan Kazychanow z wizytą w regionie

14.02.2020

Minister spotkał się w stolicy z wicepremierem Jerżanem Kazychanowem. Kazychanow mówił o handlu.
"""
SECOND = """\
Rozmowy o handlu w regionie

20.02.2020

Według Kazychanowa rozmowy były owocne. Rozmawiano także o transporcie.
"""


def person(name: str, start: int = 0) -> tuple[NameMention, int]:
    return NameMention("person", name, name, start, start + len(name)), 0


def people_of(collection_record: object) -> dict[str, tuple[str, int, str]]:
    return {
        e.id: (e.label, e.count, e.origin)
        for e in getattr(collection_record, "entities", ())
        if e.kind == "person"
    }


def test_a_surname_alone_joins_the_full_name_of_its_record() -> None:
    found = record_entities([person("Jerżan Kazychanow"), person("Kazychanow", 40)])
    assert [(e.id, e.label, e.count) for e in found] == [
        ("jerzan-kazychanow", "Jerżan Kazychanow", 2)
    ]


def test_a_surname_shared_by_two_full_names_stays_alone() -> None:
    found = record_entities(
        [person("Ilham Aliyev"), person("Akram Aliyev", 20), person("Aliyev", 40)]
    )
    assert sorted(e.id for e in found) == ["akram-aliyev", "aliyev", "ilham-aliyev"]


def test_found_people_are_entities_of_the_record_in_the_nominative(tmp_path: Path) -> None:
    record = record_by_id(load(tmp_path, sources={"a": FIRST}), "a")
    assert people_of(record) == {
        "jerzan-kazychanow": ("Jerżan Kazychanow", 3, "derived"),
    }


def test_a_lone_surname_in_another_text_joins_the_one_full_name_of_the_collection(
    tmp_path: Path,
) -> None:
    collection = load(tmp_path, sources={"a": FIRST, "b": SECOND})
    assert "jerzan-kazychanow" in people_of(record_by_id(collection, "b"))


def test_a_lone_surname_two_people_share_is_not_joined(tmp_path: Path) -> None:
    other = FIRST.replace("Jerżan", "Bolat").replace("Jerżanem", "Bolatem")
    collection = load(tmp_path, sources={"a": FIRST, "c": other, "b": SECOND})
    assert not {"jerzan-kazychanow", "bolat-kazychanow"} & set(
        people_of(record_by_id(collection, "b"))
    )


def test_link_surnames_leaves_records_without_lone_surnames_as_they_are(tmp_path: Path) -> None:
    records = list(load(tmp_path, sources={"a": FIRST}).records)
    assert link_surnames(records) == records


def test_the_curator_renames_a_found_person_by_giving_its_id_an_entry(tmp_path: Path) -> None:
    entities = SMALL_ENTITIES + (
        "jerzan-kazychanow:\n  kind: person\n"
        "  label: {pl: Dżerżan Kazychanow, en: Zherzhan Kazykhanov}\n"
    )
    record = record_by_id(load(tmp_path, sources={"a": FIRST}, entities=entities), "a")
    assert people_of(record)["jerzan-kazychanow"][::2] == ("Dżerżan Kazychanow", "gazetteer")


def test_remove_tags_takes_a_found_person_off_a_text(tmp_path: Path) -> None:
    collection = load(
        tmp_path, sources={"a": FIRST}, sidecars={"a": "remove_tags: [jerzan-kazychanow]\n"}
    )
    assert people_of(record_by_id(collection, "a")) == {}
    assert not collection.diagnostics.items


def test_a_found_person_gets_a_page_listing_the_articles(tmp_path: Path) -> None:
    content = make_collection(tmp_path, sources={"a": FIRST, "b": SECOND}, site=MINIMAL_SITE)
    output = tmp_path / "build"
    report = build_site(
        BuildOptions(
            content_dir=content,
            templates_dir=TEMPLATES,
            output_dir=output,
            cache_dir=tmp_path / "c",
        )
    )
    assert report.errors == []
    page = (output / "people" / "jerzan-kazychanow.html").read_text(encoding="utf-8")
    assert "Jerżan Kazychanow" in page
    assert "Rozmowy o handlu w regionie" in page and "z wizytą w regionie" in page
