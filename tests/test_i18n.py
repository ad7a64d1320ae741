"""Interface languages: dates, plurals, numbers and Polish collation."""

from __future__ import annotations

import pytest

from sitegen.core.i18n import (
    Translator,
    collation_key,
    format_date_value,
    format_number,
    initial_letter,
    language_name,
)
from sitegen.core.records import DateValue


@pytest.mark.parametrize(
    "value, lang, expected",
    [
        (DateValue(2018, 6, 23), "pl", "23 czerwca 2018"),
        (DateValue(2022, 1), "pl", "styczeń 2022"),
        (DateValue(2018, 6, 23), "en", "23 June 2018"),
        (DateValue(2022, 1), "en", "January 2022"),
        (DateValue(2024), "pl", "2024"),
    ],
)
def test_dates_are_shown_as_precisely_as_known(value: DateValue, lang: str, expected: str) -> None:
    assert format_date_value(value, lang) == expected


def test_an_undated_record_shows_no_date() -> None:
    assert format_date_value(None, "pl") == format_date_value(None, "en") == ""


@pytest.mark.parametrize(
    "n, expected", [(1, "1 artykuł"), (3, "3 artykuły"), (5, "5 artykułów"), (22, "22 artykuły")]
)
def test_polish_plurals_follow_cldr(n: int, expected: str) -> None:
    assert Translator.load("pl").text("count.articles", n=n) == expected


def test_numbers_follow_the_interface_language() -> None:
    assert format_number(12345, "en") == "12,345"
    assert format_number(12345, "pl") == "12\xa0345"


def test_polish_collation_puts_l_stroke_after_l_and_accents_after_base() -> None:
    words = ["Łódź", "Zabrze", "Lublin", "Ąb", "Az", "Ćma", "Cz", "Żagań", "Źródło"]
    assert sorted(words, key=collation_key) == [
        "Az", "Ąb", "Cz", "Ćma", "Lublin", "Łódź", "Zabrze", "Źródło", "Żagań",
    ]  # fmt: skip


def test_index_letters_keep_polish_letters() -> None:
    assert initial_letter("łódź") == "Ł"
    assert initial_letter("„Selena”") == "S"


def test_both_languages_have_the_same_keys() -> None:
    assert Translator.load("pl").strings.keys() == Translator.load("en").strings.keys()


def test_language_names_come_in_the_interface_language() -> None:
    assert language_name("ru", "pl") == "Rosyjski"
    assert language_name("ru", "en") == "Russian"
