"""The shipped world data: countries and organisations with their name forms."""

from __future__ import annotations

import json
import re
from functools import cache
from importlib import resources
from typing import Any


@cache
def load(name: str) -> dict[str, dict[str, Any]]:
    text = resources.files("sitegen").joinpath("data", name).read_text(encoding="utf-8")
    data: dict[str, dict[str, Any]] = json.loads(text)
    return data


def countries() -> dict[str, dict[str, Any]]:
    return load("countries.json")


def organizations() -> dict[str, dict[str, Any]]:
    return load("organizations.json")


def forms_of(group: dict[str, dict[str, Any]], entity_id: str) -> set[str]:
    return set(group[entity_id]["forms"])


def test_every_pycountry_country_is_present() -> None:
    import pycountry  # noqa: PLC0415 - the test extra's, not a runtime need

    codes = {entry["iso2"] for entry in countries().values()}
    assert {country.alpha_2 for country in pycountry.countries} <= codes
    assert "XK" in codes


def test_ids_are_common_short_names() -> None:
    assert {
        "kazakhstan",
        "poland",
        "united-states",
        "russia",
        "south-korea",
        "turkey",
        "iran",
        "moldova",
        "czechia",
        "united-kingdom",
    } <= set(countries())


def test_ids_are_unique_slugs() -> None:
    ids = [*countries(), *organizations()]
    assert len(ids) == len(set(ids))
    assert all(re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", entity_id) for entity_id in ids)


def test_entries_have_labels_in_three_languages() -> None:
    for group in (countries(), organizations()):
        for entry in group.values():
            assert set(entry["labels"]) == {"pl", "en", "ru"}
            assert all(entry["labels"].values())
            assert entry["forms"] == sorted(set(entry["forms"]))


def test_kazakhstan_forms_cover_three_languages_and_adjectives() -> None:
    assert {
        "Kazachstanie",
        "Kazachstanu",
        "kazachstańskiego",
        "kazachski",
        "kazachstańsko",
        "Kazakhstan",
        "Kazakh",
        "Казахстана",
        "казахстанский",
    } <= forms_of(countries(), "kazakhstan")


def test_poland_forms_include_compound_prefix_and_cases() -> None:
    assert {"polsko", "Polsce", "Polish", "Польши"} <= forms_of(countries(), "poland")


def test_azerbaijan_and_iraq_forms() -> None:
    assert {"Azerbejdżanu", "azerski"} <= forms_of(countries(), "azerbaijan")
    assert "Iraku" in forms_of(countries(), "iraq")


def test_organization_forms() -> None:
    assert "Radzie Bezpieczeństwa ONZ" in forms_of(organizations(), "un-security-council")
    assert {"OUBZ", "ОДКБ"} <= forms_of(organizations(), "csto")
    assert "Grupy Wyszehradzkiej" in forms_of(organizations(), "visegrad-group")


def test_no_short_lowercase_forms() -> None:
    for group in (countries(), organizations()):
        for entry in group.values():
            for form in entry["forms"]:
                assert not (form[0].islower() and len(form) < 3), form


def test_no_form_names_two_entities() -> None:
    seen: dict[str, str] = {}
    for group in (countries(), organizations()):
        for entity_id, entry in group.items():
            for form in entry["forms"]:
                assert seen.setdefault(form, entity_id) == entity_id, form
