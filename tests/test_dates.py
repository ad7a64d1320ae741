"""Dates in Polish, English and Russian press texts (``sitegen.load.parsing.dates``)."""

from __future__ import annotations

import calendar
import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sitegen.core.records import DateValue
from sitegen.load.parsing.dates import find_dates, parse_date_text


def isos(text: str, reference_year: int | None = None) -> list[str]:
    return [m.value.iso for m in find_dates(text, reference_year)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2018-06-23", DateValue(2018, 6, 23)),
        ("23.06.2018", DateValue(2018, 6, 23)),
        ("3.6.2025", DateValue(2025, 6, 3)),
        ("25.04.2024, 19:13", DateValue(2024, 4, 25)),
        ("2025-06", DateValue(2025, 6)),
        ("2022", DateValue(2022)),
    ],
)
def test_numeric_dates_parse(text: str, expected: DateValue) -> None:
    assert parse_date_text(text) == expected


def test_precision_follows_what_the_text_says() -> None:
    values = [parse_date_text(text) for text in ("2018-06-23", "2025-06", "2022")]
    assert [v.precision if v else None for v in values] == ["day", "month", "year"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("8 grudnia 2020 r.", DateValue(2020, 12, 8)),
        ("8 grudnia 2020 roku", DateValue(2020, 12, 8)),
        ("1 stycznia 2018", DateValue(2018, 1, 1)),
        ("30 września 2019 r.", DateValue(2019, 9, 30)),
        ("22 października 2020", DateValue(2020, 10, 22)),
        ("styczeń 2022", DateValue(2022, 1)),
        ("Styczeń 2022", DateValue(2022, 1)),
        ("luty 2023", DateValue(2023, 2)),
        ("sierpień 2021 r.", DateValue(2021, 8)),
    ],
)
def test_polish_month_names_in_nominative_and_genitive_parse(
    text: str, expected: DateValue
) -> None:
    assert parse_date_text(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Delegacja przyjechała w maju 2025.", ["2025-05"]),
        ("Rozmowy odbyły się we wrześniu 2020 r.", ["2020-09"]),
        ("Przed styczniem 2022 nie było protestów.", ["2022-01"]),
        ("Konsultacje przeprowadzone 8 grudnia 2020 r. potwierdziły", ["2020-12-08"]),
        ("W listopadzie 2024 roku", ["2024-11"]),
    ],
)
def test_polish_month_names_in_locative_and_instrumental_are_found(
    text: str, expected: list[str]
) -> None:
    assert isos(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("24 November 2024", DateValue(2024, 11, 24)),
        ("November 24, 2024", DateValue(2024, 11, 24)),
        ("November 24 2024", DateValue(2024, 11, 24)),
        ("May 2025", DateValue(2025, 5)),
        ("Sept. 3, 2021", DateValue(2021, 9, 3)),
    ],
)
def test_english_dates_parse(text: str, expected: DateValue) -> None:
    assert parse_date_text(text) == expected


def test_english_day_range_gives_first_and_last_day() -> None:
    text = "consultations held in Warsaw (October 22-23, 2024)."
    assert isos(text) == ["2024-10-22", "2024-10-23"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("3 августа 2022", DateValue(2022, 8, 3)),
        ("3 августа 2022 года", DateValue(2022, 8, 3)),
        ("15 января 2022 г.", DateValue(2022, 1, 15)),
        ("март 2021", DateValue(2021, 3)),
    ],
)
def test_russian_dates_parse(text: str, expected: DateValue) -> None:
    assert parse_date_text(text) == expected


def test_polish_day_range_without_year_takes_the_reference_year() -> None:
    text = "Szef BBN przebywał w Kazachstanie w dniach 19-21 czerwca na zaproszenie"
    assert isos(text, reference_year=2018) == ["2018-06-19", "2018-06-21"]


def test_spaced_range_with_year_word_is_found() -> None:
    text = "W dniach 27 - 30 maja 2025 roku gościł w Polsce Zastępca Ministra"
    assert isos(text) == ["2025-05-27", "2025-05-30"]


def test_en_dash_range_is_found() -> None:
    assert isos("Forum odbyło się 5–7 marca 2023 r.") == ["2023-03-05", "2023-03-07"]


def test_day_and_month_without_year_need_a_reference_year() -> None:
    assert isos("Konsultacje 19-21 czerwca") == []
    assert parse_date_text("8 grudnia") is None


@pytest.mark.parametrize(
    ("text", "year", "expected"),
    [
        ("Konsultacje polityczne przeprowadzone 8 grudnia br. przez", 2020, ["2020-12-08"]),
        ("przeprowadzone 8 grudnia b.r. przez", 2020, ["2020-12-08"]),
        ("konwój wysłano w listopadzie tego roku", 2020, ["2020-11"]),
        ("the forum will meet in November this year", 2024, ["2024-11"]),
        ("он прибыл 3 августа этого года", 2022, ["2022-08-03"]),
        ("он прибыл 3 августа с. г.", 2022, ["2022-08-03"]),
        ("в мае с. г.", 2022, ["2022-05"]),
        ("в мае с.г. и в июне этого года", 2022, ["2022-05", "2022-06"]),
        ("w maju br.", 2021, ["2021-05"]),
    ],
)
def test_this_year_is_resolved_against_the_reference_year(
    text: str, year: int, expected: list[str]
) -> None:
    assert isos(text, reference_year=year) == expected


def test_this_year_without_a_reference_year_gives_nothing() -> None:
    assert isos("8 grudnia br.") == []
    assert isos("в мае с. г.") == []


def test_this_year_after_a_month_is_part_of_the_date() -> None:
    (match,) = find_dates("в мае с. г.", 2022)
    assert (match.value, match.text) == (DateValue(2022, 5), "мае с. г.")


@pytest.mark.parametrize(
    "text",
    [
        "2025-02-30",
        "30.02.2024",
        "31.04.2020",
        "29.02.2023",
        "32 stycznia 2020",
        "31 June 2024",
        "30 февраля 2022",
        "2024-13-01",
        "2024-00",
        "00.05.2024",
    ],
)
def test_impossible_dates_are_rejected(text: str) -> None:
    assert parse_date_text(text) is None
    assert isos(f"Spotkanie {text} w Astanie") == []


def test_leap_day_is_a_date_in_a_leap_year() -> None:
    assert parse_date_text("29.02.2024") == DateValue(2024, 2, 29)


@pytest.mark.parametrize(
    "text",
    [
        "The talks may 2025 be continued.",
        "Both sides may 5 times meet.",
        "it may be that",
        "They mar the view.",
    ],
)
def test_lowercase_english_may_is_not_a_month(text: str) -> None:
    assert isos(text, reference_year=2024) == []


def test_capitalised_may_is_a_month() -> None:
    assert isos("The summit opens on May 5, 2025.") == ["2025-05-05"]


def test_polish_maj_in_lowercase_is_a_month() -> None:
    assert isos("Spotkanie odbyło się 28 maja 2025 roku we Wrocławiu.") == ["2025-05-28"]


def test_a_bare_year_with_preposition_or_year_word_is_a_year() -> None:
    assert isos("przewodnictwo Polski w OBWE w 2022 r.") == ["2022"]
    assert isos("investment since 2005.") == ["2005"]


def test_numbers_that_are_not_years_are_not_dates() -> None:
    assert isos("about 2500 people and 852.8 million dollars") == []


def test_parse_date_text_rejects_text_that_only_contains_a_date() -> None:
    assert parse_date_text("Spotkanie 8 grudnia 2020 r. w Astanie") is None
    assert parse_date_text("Wizyta szefa BBN w Kazachstanie") is None


def test_a_match_reports_where_the_date_is_in_the_text() -> None:
    text = "Spotkanie 3 августа 2022 года в Астане"
    (match,) = find_dates(text, None)
    assert text[match.start : match.end] == match.text
    assert match.text.startswith("3 августа 2022")


_DATE_WORDS = st.sampled_from(
    [
        "8", "19-21", "27 - 30", "31", "29", "30", "0", "2020", "2025", "1999", "13", "02",
        "grudnia", "maja", "maju", "styczeń", "May", "may", "November", "августа", "февраля",
        "br.", "b.r.", "r.", "roku", "tego roku", "this year", "года", ",", ".", "-", "–",
        "w", "we", "in", "2024-02-30", "2024-11-24", "30.02.2024", "25.04.2024, 19:13",
    ]
)  # fmt: skip


def _assert_valid(value: DateValue) -> None:
    assert 1000 <= value.year <= 2999
    if value.month is not None:
        assert 1 <= value.month <= 12
    if value.day is not None:
        assert value.month is not None
        assert 1 <= value.day <= calendar.monthrange(value.year, value.month)[1]
        datetime.date(value.year, value.month, value.day)


@settings(max_examples=200, deadline=None)
@given(
    text=st.one_of(st.text(), st.lists(_DATE_WORDS, max_size=12).map(" ".join)),
    reference_year=st.one_of(st.none(), st.integers(min_value=1, max_value=9999)),
)
def test_find_dates_never_raises_and_returns_only_calendar_dates(
    text: str, reference_year: int | None
) -> None:
    for match in find_dates(text, reference_year):
        _assert_valid(match.value)
        assert 0 <= match.start < match.end <= len(text)
    value = parse_date_text(text)
    if value is not None:
        _assert_valid(value)
