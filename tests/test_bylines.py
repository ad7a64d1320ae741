"""Personal bylines told apart from credits, sign-offs and institutions (``parsing/bylines.py``)."""

from __future__ import annotations

import pytest

from sitegen.load.parsing.article import parse_article
from sitegen.load.parsing.bylines import is_byline_line, personal_names

LEAD = "Delegacja spotkała się w stolicy z władzami regionu, aby omówić współpracę gospodarczą."
LEAD_EN = "The delegation met regional officials in the capital to discuss economic cooperation."


def author_of(text: str) -> str | None:
    return parse_article(text).author


@pytest.mark.parametrize(
    ("value", "names"),
    [
        ("Anna Kowalczyk", "Anna Kowalczyk"),
        ("Inez NOWACKA", "Inez Nowacka"),
        ("Anna Kowalczyk, Jan Nowak", "Anna Kowalczyk, Jan Nowak"),
        ("Anna Kowalczyk i Jan Nowak", "Anna Kowalczyk, Jan Nowak"),
        ("Huseyn Aliyev - Agency:", "Huseyn Aliyev"),
        ("Anna Smith, Staff Correspondent", "Anna Smith"),
        ("Anna Smith | Example Agency", "Anna Smith"),
        ("Anna Smith; Editing by Jan Kowalski", "Anna Smith"),
        ("Urząd Wojewódzki", None),
        ("Śląski UW", None),
        ("Dowództwo Komponentu Wojsk", None),
        ("press service", None),
    ],
)
def test_bylines_give_people_not_institutions(value: str, names: str | None) -> None:
    assert personal_names(value) == names


def test_a_labelled_byline_is_the_author() -> None:
    assert author_of(f"Nagłówek\n\n{LEAD}\n\nautor: Anna Kowalczyk, Jan Nowak\n\nab/ cd/") == (
        "Anna Kowalczyk, Jan Nowak"
    )


def test_an_institution_with_a_date_in_the_author_field_is_no_author_but_dates_the_text() -> None:
    parsed = parse_article(f"Wizyta w urzędzie\n\nAutor: Śląski UW 2024-07-08 09:22:43\n\n{LEAD}")
    assert parsed.author is None
    assert parsed.date is not None and parsed.date.iso == "2024-07-08"


def test_a_name_printed_twice_on_its_own_lines_under_the_headline_is_the_author() -> None:
    text = (
        "Presidents meet in the capital\n\n12 November 2024 17:22\n"
        f"Ali Gasimov\nAli Gasimov\nRead more\n\n{LEAD_EN}"
    )
    assert author_of(text) == "Ali Gasimov"


def test_a_name_doubled_by_an_avatar_with_a_role_line_is_the_author() -> None:
    text = (
        "Регионы подписали договор\n\n2 сентября 2016, 14:12\n\n"
        "Наталья Иванова Наталья Иванова\n\nпублицист (Германия)\n\n"
        "Делегации двух регионов подписали договор о сотрудничестве в области культуры."
    )
    parsed = parse_article(text)
    assert parsed.author == "Наталья Иванова"
    assert "Наталья Иванова" not in " ".join(b.text for b in parsed.blocks)


def test_a_byline_glued_to_the_last_sentence_is_the_author() -> None:
    assert author_of(f"{LEAD_EN} “We agreed,” the minister said. By Baurzhan Seitkaliyev") == (
        "Baurzhan Seitkaliyev"
    )


@pytest.mark.parametrize(
    "line",
    [
        "Editing and Translating by Anna Kowalczyk",
        "Ostatnia aktualizacja: Anna Kowalczyk",
        "Foto: Anna Kowalczyk",
        "Photo by Anna Kowalczyk",
        "kos/ reb/",
    ],
)
def test_credits_and_signoffs_are_not_the_author(line: str) -> None:
    assert author_of(f"Nagłówek\n\n{LEAD}\n\n{line}") is None


@pytest.mark.parametrize(
    "line", ["Politics Materials", "Sputnik Армения", "Example Newspaper", "Radio dla Świata"]
)
def test_outlet_and_section_lines_are_not_bylines(line: str) -> None:
    assert not is_byline_line(line)


def test_a_reporting_by_line_with_an_editing_credit_gives_the_reporter() -> None:
    text = f"Regions sign a treaty\n\nReporting by Anna Smith; Editing by Jan Kowalski\n\n{LEAD_EN}"
    assert author_of(text) == "Anna Smith"
