"""Page chrome and line classes (``sitegen.load.parsing.clean``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitegen.core.records import DateValue, block_plain_text
from sitegen.load.parsing.article import parse_article
from sitegen.load.parsing.clean import split_packed_line, split_units

SEED_004 = Path(__file__).resolve().parent.parent / "content/sources/004_0de1820f97266a22.txt"


def kinds(text: str) -> list[str]:
    return [unit.kind for unit in split_units(text) if unit.kind != "blank"]


def body_of(text: str) -> str:
    return "\n\n".join(block_plain_text(b) for b in parse_article(text).blocks)


@pytest.mark.parametrize(
    "line",
    [
        "Tweetnij",
        "[Tweetnij](#)",
        "Tell a friend",
        "Powrót Drukuj",
        "Drukuj",
        "Udostępnij | Drukuj",
        "Share | Print",
        "Версия для печати",
    ],
)
def test_share_and_navigation_lines_are_chrome(line: str) -> None:
    assert kinds(line) == ["chrome"]


@pytest.mark.parametrize(("line", "has_time"), [("12.03.2021, 19:13", True), ("12.03.2021", False)])
def test_a_date_line_says_whether_it_has_a_time_of_day(line: str, has_time: bool) -> None:
    (unit,) = split_units(line)
    assert (unit.kind, unit.date, unit.has_time) == ("date", DateValue(2021, 3, 12), has_time)


@pytest.mark.parametrize("line", ["19:34", "# 19:34"])
def test_a_time_of_day_alone_is_chrome(line: str) -> None:
    assert kinds(line) == ["chrome"]


@pytest.mark.parametrize("line", ["---", "***", "___", "- - -"])
def test_horizontal_rules_are_rules(line: str) -> None:
    assert kinds(line) == ["rule"]


@pytest.mark.parametrize("line", ["*zub/ par/*", "zub/ par/", "(PAP) ab/ cd", "abc/ def/ gh"])
def test_agency_signoffs_are_recognised(line: str) -> None:
    assert kinds(line) == ["signoff"]


def test_a_sentence_with_a_slash_is_not_a_signoff() -> None:
    assert kinds("Ministrowie i/lub wiceministrowie rozmawiali.") == ["text"]


def test_a_headline_starting_with_a_navigation_word_is_text() -> None:
    assert kinds("Powrót do rozmów o współpracy") == ["text"]


@pytest.mark.parametrize(
    ("line", "label", "date"),
    [
        ("Data publikacji 03.06.2025", "Data publikacji", DateValue(2025, 6, 3)),
        ("Opublikowano: 14.05.2021", "Opublikowano", DateValue(2021, 5, 14)),
        ("Published: 24 November 2024", "Published", DateValue(2024, 11, 24)),
        ("date 2024-11-24", "date", DateValue(2024, 11, 24)),
    ],
)
def test_labelled_date_lines_carry_their_label_and_date(
    line: str, label: str, date: DateValue
) -> None:
    (unit,) = split_units(line)
    assert (unit.kind, unit.label, unit.date) == ("labelled_date", label, date)


def test_author_line_gives_the_name_without_emphasis() -> None:
    (unit,) = split_units("*autor: Maciej Zubel*")
    assert (unit.kind, unit.text) == ("author", "Maciej Zubel")


def test_the_packed_header_line_of_seed_004_is_cut_into_its_pieces() -> None:
    first_line = SEED_004.read_text(encoding="utf-8").split("\n", 1)[0]
    units = split_units(first_line)
    assert [u.kind for u in units] == ["labelled_date", "text", "labelled_date", "chrome", "text"]
    assert units[1].text == (
        "Komendant Główny Policji spotkał się z Zastępcą Ministra Spraw Wewnętrznych "
        "Republiki Azerbejdżanu"
    )
    assert units[2].date == DateValue(2025, 6, 3)
    assert units[4].text.startswith("W dniach 27 - 30 maja 2025 roku gościł w Polsce")
    assert all(u.line == 1 for u in units)


def test_split_packed_line_keeps_every_word_between_markers() -> None:
    line = (
        "date 2025-06 Nagłówek tekstu Data publikacji 03.06.2025 Powrót Drukuj Tekst zaczyna się."
    )
    assert split_packed_line(line) == [
        "date 2025-06",
        "Nagłówek tekstu",
        "Data publikacji 03.06.2025",
        "Powrót Drukuj",
        "Tekst zaczyna się.",
    ]


def test_a_clipper_header_with_tell_a_friend_is_date_and_chrome() -> None:
    assert kinds(" date 2024-11-24 Tell a friend") == ["labelled_date", "chrome"]


def test_packed_markers_are_not_cut_out_of_body_lines() -> None:
    text = "## Nagłówek\n\nA.\n\nB.\n\nC.\n\nD.\n\nMówił o stronie Tell a friend w serwisie."
    assert kinds(text)[-1] == "text"
    assert "Tell a friend" in body_of(text)


def test_no_break_spaces_and_runs_of_spaces_are_folded() -> None:
    (unit,) = split_units("\u00a0–\u00a0Kazachstan   pozostaje\tpartnerem.")
    assert unit.text == "– Kazachstan pozostaje partnerem."


def test_chrome_never_reaches_the_body() -> None:
    text = (
        "## Wizyta w Astanie\n\n---\n\nMinister odwiedził Astanę. Rozmowy trwały dwa dni.\n\n"
        "*zub/ par/*\n\n---\n\n[Tweetnij](#)\n\nTell a friend\n\nPowrót Drukuj\n"
    )
    body = body_of(text)
    assert body == "Minister odwiedził Astanę. Rozmowy trwały dwa dni."


@pytest.mark.parametrize(
    ("line", "label", "value"),
    [
        ("Source: PAP", "Source", "PAP"),
        ("Źródło: MSZ", "Źródło", "MSZ"),
        ("Source - Reuters", "Source", "Reuters"),
        ("Edited by Anna Nowak", "Edited by", "Anna Nowak"),
        ("Translated by: Jan Kowalski", "Translated by", "Jan Kowalski"),
    ],
)
def test_a_credit_is_a_label_then_a_separator_then_the_name(
    line: str, label: str, value: str
) -> None:
    (unit,) = split_units(line)
    assert (unit.kind, unit.label, unit.text) == ("credit", label, value)


@pytest.mark.parametrize(
    "line", ["Source.", "Translation of the treaty was signed.", "Sourcebook of the talks."]
)
def test_a_sentence_opening_with_a_credit_word_is_text(line: str) -> None:
    (unit,) = split_units(line)
    assert (unit.kind, unit.text) == ("text", line)
