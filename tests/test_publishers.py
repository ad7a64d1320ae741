"""Phrases naming the publisher (``parsing/publishers.py``), in invented texts."""

from __future__ import annotations

import pytest

from sitegen.load.parsing.article import parse_article

LEAD_EN = "The delegation met regional officials to discuss economic cooperation, "
LEAD_RU = "Делегация встретилась с представителями региона, чтобы обсудить сотрудничество."


def clues(text: str) -> list[tuple[str, str]]:
    return [(c.text, c.how) for c in parse_article(text).publisher_clues]


@pytest.mark.parametrize(
    ("text", "clue"),
    [
        (f"{LEAD_EN}Example News reports.", ("Example News", "attribution")),
        (
            f"{LEAD_EN}press service of the Regional Ministry reports.",
            ("Regional Ministry", "attribution"),
        ),
        (f"(MENAFN- ExampleNews) {LEAD_EN}it said.", ("ExampleNews", "attribution")),
        (f"ГОРОДОК, 3 августа /Агентство/. {LEAD_RU}", ("Агентство", "attribution")),
        (f"ГОРОДОК, 3 августа /ИА «Вестник»/. {LEAD_RU}", ("Вестник", "attribution")),
        (f"ГОРОДОК, 26 фев – Вестник. {LEAD_RU}", ("Вестник", "attribution")),
        (f"Городок - 14 августа «Вестник.ру». {LEAD_RU}", ("Вестник.ру", "attribution")),
        (f"{LEAD_RU} Об этом передает Вестник.ру", ("Вестник.ру", "attribution")),
        (
            f"CAPITAL, March 12 (Example Agency) - {LEAD_EN}it said.",
            ("Example Agency", "attribution"),
        ),
        (f"CAPITAL. EXAMPLEINFORM – {LEAD_EN}it said.", ("EXAMPLEINFORM", "attribution")),
    ],
)
def test_attributions_in_the_first_paragraphs_name_the_publisher(
    text: str, clue: tuple[str, str]
) -> None:
    assert clue in clues(text)


def test_the_agency_of_a_byline_is_a_publisher_clue() -> None:
    text = f"Regions meet\n\nBy Anna Kowalczyk - Example Agency:\n\n{LEAD_EN}it said."
    assert ("Example Agency", "byline") in clues(text)
    assert parse_article(text).author == "Anna Kowalczyk"


def test_an_outlets_domain_beside_the_date_stamp_is_a_publisher_clue() -> None:
    text = f"Regions meet\n\nExample.ge, 27 Apr 2023 - 12:54, Capital\n\n{LEAD_EN}it said."
    assert ("Example.ge", "date line") in clues(text)


def test_a_source_line_names_the_publisher() -> None:
    text = f"Regions meet\n\n{LEAD_EN}it said.\n\nŹródło: Agencja Przykładowa"
    assert ("Agencja Przykładowa", "source line") in clues(text)


def test_a_short_line_naming_an_outlet_above_the_headline_is_the_site_name() -> None:
    text = (
        "The Example Times\n\nRegions sign a treaty\n\nPublished 12 March 2024\n\n"
        f"{LEAD_EN}it said."
    )
    assert clues(text)[0] == ("The Example Times", "site name")
