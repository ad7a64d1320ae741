"""Matching entities and topics in texts (``sitegen.load.gazetteer``)."""

from __future__ import annotations

from collections import Counter
from functools import cache
from pathlib import Path

import pytest

from sitegen.core.errors import Diagnostics
from sitegen.load.entities import Catalogue, Entity, load_catalogue
from sitegen.load.gazetteer import Gazetteer

ENTITIES_FILE = Path(__file__).resolve().parent.parent / "content" / "entities.yaml"


@cache
def real_gazetteer() -> Gazetteer:
    diagnostics = Diagnostics()
    catalogue = load_catalogue(ENTITIES_FILE, diagnostics)
    assert diagnostics.items == []
    return Gazetteer(catalogue)


def ids(text: str, gazetteer: Gazetteer | None = None) -> list[str]:
    return [m.entity_id for m in (gazetteer or real_gazetteer()).find(text)]


def small_gazetteer(*entities: Entity) -> Gazetteer:
    return Gazetteer(Catalogue({e.id: e for e in entities}))


@pytest.mark.parametrize(
    "form", ["Kazachstan", "Kazachstanu", "Kazachstanie", "Kazachstanem", "Kazakhstan"]
)
def test_every_case_of_kazakhstan_is_one_country(form: str) -> None:
    assert ids(f"Rozmowy o {form} trwały.") == ["kazakhstan"]


def test_all_case_forms_count_together() -> None:
    text = "Kazachstan, Kazachstanu, Kazachstanie, Kazachstanem i Kazakhstan."
    assert Counter(ids(text)) == Counter({"kazakhstan": 5})


@pytest.mark.parametrize(
    ("text", "entity_id"),
    [
        ("rozmów szefa BBN Pawła Solocho w Kazachstanie", "pawel-soloch"),
        ('"To ważne" - powiedział Soloch.', "pawel-soloch"),
        ("Prezydent Kazachstanu K.Tokajew objął stanowisko", "kasym-zomart-tokajew"),
        ("Obywatele popierają działania prezydenta K.Tokajewa", "kasym-zomart-tokajew"),
        ("orędzie Tokajewa", "kasym-zomart-tokajew"),
    ],
)
def test_inflected_person_names_fold_to_the_person(text: str, entity_id: str) -> None:
    assert entity_id in ids(text)


def test_the_longest_form_wins_polska_agencja_prasowa_is_the_agency() -> None:
    found = real_gazetteer().find("Polska Agencja Prasowa podała, że Polska i Kazachstan")
    assert [(m.entity_id, m.surface) for m in found] == [
        ("pap", "Polska Agencja Prasowa"),
        ("poland", "Polska"),
        ("kazakhstan", "Kazachstan"),
    ]


def test_iraku_is_iraq() -> None:
    assert ids("służyli razem podczas misji w Iraku") == ["iraq"]


def test_a_mention_reports_its_surface_and_span() -> None:
    text = "szef BBN w Kazachstanie"
    (bbn, kz) = real_gazetteer().find(text)
    assert (bbn.surface, text[bbn.start : bbn.end]) == ("BBN", "BBN")
    assert (kz.entity_id, kz.surface, text[kz.start : kz.end]) == (
        "kazakhstan",
        "Kazachstanie",
        "Kazachstanie",
    )


def test_a_text_without_names_has_no_mentions() -> None:
    assert ids("Rozmowy trwały długo i były owocne.") == []


CHAD = Entity("chad", "country", {"pl": "Czad", "en": "Chad"}, frozenset({"Czad"}))
UN = Entity("un", "organization", {"pl": "ONZ"}, frozenset({"ONZ"}))
KZ_ADJ = Entity("kazakhstan", "country", {"pl": "Kazachstan"}, frozenset({"kazachstański"}))


def test_an_acronym_matches_only_in_capitals() -> None:
    gazetteer = small_gazetteer(UN)
    assert ids("Rada Bezpieczeństwa ONZ", gazetteer) == ["un"]
    assert ids("onz i Onz", gazetteer) == []


def test_a_capitalised_form_needs_a_capital_in_the_text() -> None:
    gazetteer = small_gazetteer(CHAD)
    assert ids("Czad leży w Afryce.", gazetteer) == ["chad"]
    assert ids("W kopalni wykryto czad.", gazetteer) == []
    assert ids("CZAD", gazetteer) == ["chad"]


def test_a_lowercase_form_matches_in_any_case() -> None:
    gazetteer = small_gazetteer(KZ_ADJ)
    assert ids("kazachstański i Kazachstański", gazetteer) == ["kazakhstan", "kazakhstan"]


def test_hyphens_and_dots_split_words() -> None:
    tokajew = Entity("tokajew", "person", {"pl": "Tokajew"}, frozenset({"K. Tokajew"}))
    assert ids("prezydent K.Tokajew", small_gazetteer(tokajew)) == ["tokajew"]
    assert ids("prezydent K. Tokajew", small_gazetteer(tokajew)) == ["tokajew"]


def test_a_form_shared_by_two_entities_counts_for_both() -> None:
    a = Entity("a", "place", {"pl": "A"}, frozenset({"Jordan"}))
    b = Entity("b", "country", {"pl": "B"}, frozenset({"Jordan"}))
    assert ids("Jordan", small_gazetteer(a, b)) == ["a", "b"]


def test_mentions_are_counted_per_occurrence() -> None:
    text = (
        "Soloch przekazał, że Kazachstan jest partnerem. Wizyta Solocho w Kazachstanie "
        "i rozmowy Pawła Solocho z Kazachstanem."
    )
    counts = Counter(ids(text))
    assert counts["pawel-soloch"] == 3
    assert counts["kazakhstan"] == 3


def test_a_part_of_a_word_is_no_mention() -> None:
    assert ids("Kazachstanowiec i Polskość", small_gazetteer(KZ_ADJ, CHAD)) == []
    assert "kazakhstan" not in ids("Kazachstanowiec")


def test_topic_phrase_does_not_hide_the_countries_inside_it() -> None:
    kazakhstan = Entity("kazakhstan", "country", {"en": "Kazakhstan"}, frozenset({"kazachskich"}))
    poland = Entity("poland", "country", {"en": "Poland"}, frozenset({"polsko"}))
    diplomacy = Entity(
        "diplomacy", "topic", {"en": "Diplomacy"}, frozenset({"stosunków polsko-kazachskich"})
    )
    catalogue = Catalogue({e.id: e for e in (kazakhstan, poland, diplomacy)})
    found = Gazetteer(catalogue).find("dobry stan stosunków polsko-kazachskich")
    assert sorted({m.entity_id for m in found}) == ["diplomacy", "kazakhstan", "poland"]
