"""load/entities.py: an entity's label in a language, one rule for catalogue and model."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import lxml.html
import pytest

from sitegen.commands.cli import main
from sitegen.core.authorities import same_as
from sitegen.load.entities import Catalogue, Entity, label_in
from sitegen.model.site import EntityInfo
from tests.loader_fixtures import GOOD_POLISH, make_collection
from tests.site_fixtures import AUTHORITY


@pytest.mark.parametrize(
    ("labels", "lang", "expected"),
    [
        ({"pl": "Kazachstan", "en": "Kazakhstan", "ru": "Казахстан"}, "ru", "Казахстан"),
        ({"pl": "Kazachstan", "en": "Kazakhstan"}, "ru", "Kazakhstan"),
        ({"ru": "Казахстан", "pl": "Kazachstan"}, "en", "Kazachstan"),
        ({"ru": "Казахстан"}, "pl", "Казахстан"),
        ({"pl": "", "ru": "Казахстан"}, "pl", "Казахстан"),
        ({}, "pl", "kazakhstan"),
        ({"pl": ""}, "pl", "kazakhstan"),
    ],
)
def test_label_falls_back_to_english_polish_any_then_the_fallback(
    labels: dict[str, str], lang: str, expected: str
) -> None:
    assert label_in(labels, lang, "kazakhstan") == expected


def test_catalogue_and_model_name_an_entity_alike() -> None:
    entity = Entity("astana", "place", {"ru": "Астана", "pl": "Astana (miasto)"})
    info = EntityInfo("astana", "place", entity.labels, fallback_label="Astana z rekordu")
    for lang in ("pl", "en", "ru"):
        assert (
            info.label(lang)
            == entity.label(lang)
            == Catalogue({"astana": entity}).label("astana", lang)
        )
    assert Catalogue({}).label("astana", "pl") == "astana"


def test_a_name_the_catalogue_does_not_know_keeps_the_records_label() -> None:
    info = EntityInfo("ermek-kosherbaev", "person", {}, fallback_label="Ермек Кошербаев")
    assert info.label("pl") == info.label("en") == "Ермек Кошербаев"


# --- an entity page: its authority ids as links, and its linked data --------------------------


def entity_page(site: Path, path: str) -> lxml.html.HtmlElement:
    return lxml.html.document_fromstring((site / path).read_bytes())


def json_ld(page: lxml.html.HtmlElement) -> dict[str, Any]:
    [script] = page.xpath("//script[@type='application/ld+json']/text()")
    data: dict[str, Any] = json.loads(script)
    return data


def shown_ids(page: lxml.html.HtmlElement) -> list[tuple[str, str, str]]:
    """(term, link text, link target) of each id the page lists."""
    return [
        (div.findtext("dt"), a.text_content(), a.get("href"))
        for div in page.xpath("//dl[contains(@class, 'ids')]/div")
        for a in div.xpath("dd/a")
    ]


def test_an_entity_page_links_each_authority_id_to_its_page(built_site: Path) -> None:
    kazakhstan = entity_page(built_site, "en/countries/kazakhstan.html")
    assert shown_ids(kazakhstan) == [
        ("Wikidata", "Q232", "https://www.wikidata.org/wiki/Q232"),
        ("GeoNames", "1522867", "https://www.geonames.org/1522867"),
    ]
    iso = kazakhstan.xpath("//dl[contains(@class, 'ids')]/div[dt='ISO 3166-1']/dd/text()")
    assert iso == ["KZ, KAZ"]
    soloch = entity_page(built_site, "en/people/pawel-soloch.html")
    assert shown_ids(soloch) == [
        ("VIAF", "123456789", "https://viaf.org/viaf/123456789"),
        ("Web page", "https://example.org/soloch", "https://example.org/soloch"),
    ]
    for page in (kazakhstan, soloch):
        for link in page.xpath("//dl[contains(@class, 'ids')]//a"):
            assert "noopener" in link.get("rel")


def test_an_entity_without_ids_lists_none(built_site: Path) -> None:
    poland = entity_page(built_site, "en/countries/poland.html")
    assert shown_ids(poland) == []
    assert "sameAs" not in json_ld(poland)


def test_entity_linked_data_names_it_by_one_id_and_its_authorities(built_site: Path) -> None:
    pages = [entity_page(built_site, f"{p}countries/kazakhstan.html") for p in ("", "en/")]
    data = [json_ld(page) for page in pages]
    entity_iri = "https://example.org/archiwum/countries/kazakhstan.html#entity"
    assert [d["@id"] for d in data] == [entity_iri, entity_iri]
    assert [d["@type"] for d in data] == ["Country", "Country"]
    assert [d["name"] for d in data] == ["Kazachstan", "Kazakhstan"]
    for d in data:
        assert d["sameAs"] == same_as(AUTHORITY["kazakhstan"])
        assert d["sameAs"] == [
            "http://www.wikidata.org/entity/Q232",
            "https://sws.geonames.org/1522867/",
        ]
        assert [i["value"] for i in d["identifier"]] == ["KZ", "KAZ"]
    article = json_ld(entity_page(built_site, "en/articles/artykul-1.html"))
    assert entity_iri in {m["@id"] for m in article["mentions"]}
    soloch = json_ld(entity_page(built_site, "people/pawel-soloch.html"))
    assert soloch["@type"] == "Person"
    assert soloch["sameAs"] == ["http://viaf.org/viaf/123456789", "https://example.org/soloch"]


def test_a_hostile_url_id_stays_a_link_and_never_becomes_markup(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    hostile = 'https://example.org/"><script>alert(1)</script>'
    entities = (
        "kazakhstan:\n  kind: country\n  label: {pl: Kazachstan, en: Kazakhstan}\n"
        f"  url: '{hostile}'\n"
    )
    content = make_collection(tmp_path, sources={"a": GOOD_POLISH}, entities=entities)
    monkeypatch.chdir(tmp_path)
    assert main(["build", "--content", str(content), "--output", "site", "--quiet"]) == 0
    page = entity_page(tmp_path / "site", "en/countries/kazakhstan.html")
    assert ("Web page", hostile, hostile) in shown_ids(page)
    assert json_ld(page)["sameAs"][-1] == hostile
    scripts = page.xpath("//script")
    assert all(s.get("src") or s.get("type") == "application/ld+json" for s in scripts)
    raw = (tmp_path / "site" / "en" / "countries" / "kazakhstan.html").read_text(encoding="utf-8")
    assert "<script>alert(1)" not in raw
