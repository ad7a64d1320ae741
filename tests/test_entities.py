"""load/entities.py: an entity's label in a language, one rule for catalogue and model."""

from __future__ import annotations

import pytest

from sitegen.load.entities import Catalogue, Entity, label_in
from sitegen.model.site import EntityInfo


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
