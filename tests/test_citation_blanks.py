"""A collection's Harvard entries formatted once per blank give every entry exactly as alone.

``formatted_references`` runs citeproc-py once for all references that differ only
in free text, years and days, and puts the values back; every test compares with
``formatted_reference`` formatting the reference itself.
"""

from __future__ import annotations

import calendar
from collections.abc import Sequence

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from sitegen.core.records import Author, DateValue
from sitegen.render import citation
from sitegen.render.citation import (
    Blank,
    Reference,
    blank_reference,
    filled,
    formatted_reference,
    formatted_references,
)
from tests.site_fixtures import make_reference


class Formatter:
    """``format_blanks`` as the build's, in this process, remembering each round's size."""

    def __init__(self) -> None:
        self.rounds: list[int] = []

    def __call__(self, blanks: Sequence[Blank]) -> list[str]:
        self.rounds.append(len(blanks))
        return [str(formatted_reference(*blank)) for blank in blanks]


def alone(wanted: Sequence[tuple[Reference, str]]) -> list[str]:
    return [str(formatted_reference(reference, lang)) for reference, lang in wanted]


def together(wanted: Sequence[tuple[Reference, str]]) -> tuple[list[str], list[int]]:
    formatter = Formatter()
    return [str(entry) for entry in formatted_references(wanted, formatter)], formatter.rounds


# Text a style might treat as more than text: seam punctuation at either end, quotes,
# HTML specials, digits like the blanks' own years and days, the markers' characters.
PIECES = [*"aZżŁбЖ .,;:!?„”\"'‘’&<>0123456789\ue000\ue001-/", "1901", "28", "qz Qz", "of the"]
TEXT = st.lists(st.sampled_from(PIECES), min_size=1, max_size=12).map("".join)


@st.composite
def dates(draw: st.DrawFn) -> DateValue:
    year = draw(st.integers(900, 2100))
    month = draw(st.none() | st.integers(1, 12))
    if month is None:
        return DateValue(year)
    day = draw(st.none() | st.integers(1, calendar.monthrange(year, month)[1]))
    return DateValue(year, month, day)


AUTHORS = st.sampled_from(
    [
        (),
        (Author("Jan Kowalski", "person"),),
        (Author("agencja prasowa", "organization"),),
        (Author("Anna Maria Nowak", "person"), Author("Biuro Prasowe", "organization")),
    ]
)
REFERENCES = st.builds(
    Reference,
    key=st.from_regex(r"[a-z0-9]+(-[a-z0-9]+)*", fullmatch=True),  # a slug
    title=TEXT,
    authors=AUTHORS,
    container=st.none() | TEXT,
    issued=st.none() | dates(),
    accessed=st.none() | dates(),
    language=st.sampled_from(["pl", "en", "ru"]),
    original_url=st.none() | TEXT,
    archive_url=TEXT,
    archive_title=st.just("Archiwum"),
    sha256=st.just("ab" * 32),
    abstract=st.just("") | TEXT,
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(REFERENCES, st.sampled_from(["pl", "en", "ru"])), max_size=6))
@example([(make_reference(original_url="https://example.org/1.", accessed=None), "pl")])
@example([(make_reference(title="Co dalej?", authors=(), language="en"), "en")])
@example([(make_reference(container="ministry of foreign affairs", authors=()), "en")])
def test_every_entry_is_the_one_formatted_alone(wanted: list[tuple[Reference, str]]) -> None:
    assert together(wanted)[0] == alone(wanted)


def test_a_value_ending_where_the_style_puts_the_same_mark_keeps_one() -> None:
    # citeproc-py drops the entry's closing "." after an address ending in one.
    wanted = [
        (make_reference(original_url=f"https://example.org/{n}{end}", accessed=None), "pl")
        for n, end in enumerate(["", ".", "", "."])
    ]
    entries, rounds = together(wanted)
    assert entries == alone(wanted)
    assert rounds == [2, 0, 0]
    assert entries[1].endswith("https://example.org/1.") and entries[0].endswith("/0.")


def test_references_differing_in_text_years_and_days_are_formatted_once() -> None:
    wanted = [
        (
            make_reference(
                key=f"artykul-{n}",
                title=f"Rozmowy w Astanie, dzień {n}",
                issued=DateValue(1995 + n, 3, 1 + n),
                accessed=DateValue(2020 + n, 7, 2 + n),
                original_url=f"https://example.org/{n}",
                archive_url=f"https://example.org/archiwum/articles/artykul-{n}.html",
                sha256=f"{n:02d}" * 32,
                abstract=f"Streszczenie {n}.",
            ),
            "pl",
        )
        for n in range(20)
    ]
    entries, rounds = together(wanted)
    assert entries == alone(wanted)
    assert rounds == [1, 0, 0]
    assert "Rozmowy w Astanie, dzień 7" in entries[7] and "(2002)" in entries[7]


def test_a_month_or_a_precision_is_a_blank_of_its_own() -> None:
    dated = [DateValue(2001, 3, 4), DateValue(2001, 4, 4), DateValue(2001, 4), DateValue(2001)]
    wanted = [(make_reference(issued=date), "en") for date in dated]
    entries, rounds = together(wanted)
    assert entries == alone(wanted)
    assert rounds == [4, 0, 0]
    assert "4 March" in entries[0] and "April" in entries[2] and "4 April" not in entries[2]


def test_a_container_title_cased_as_the_author_is_blanked_again_with_it_kept() -> None:
    # An English item without an author is led by its publisher, title-cased: its blank
    # cannot be filled; one with the publisher kept can (one a publisher, not a title).
    english = {"authors": (), "language": "en"}
    wanted = [
        (make_reference(title=f"Talks {n}", container="the press office", **english), "en")
        for n in range(5)
    ] + [(make_reference(container="The Press Office", **english), "en")]
    entries, rounds = together(wanted)
    assert entries == alone(wanted)
    assert rounds == [1, 2, 0]  # then one a publisher
    assert entries[0].startswith("<i>The Press Office</i>")


def test_years_before_1000_stay_in_the_blank() -> None:
    # citeproc-py gives them an era ("AD"): only plain four-digit years are put back.
    wanted = [(make_reference(issued=DateValue(year, 5, 1)), "en") for year in (800, 801)]
    entries, rounds = together(wanted)
    assert entries == alone(wanted)
    assert rounds == [2, 0, 0]


def test_dates_stay_in_the_blank_unless_the_style_shows_plain_digits(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert citation._plain_date_numbers("pl-PL") and citation._plain_date_numbers("en-GB")
    monkeypatch.setattr(citation, "_plain_date_numbers", lambda locale: False)
    wanted = [(make_reference(issued=DateValue(2000 + n, 5, 1 + n)), "pl") for n in range(3)]
    entries, rounds = together(wanted)
    assert entries == alone(wanted)
    assert rounds == [3, 0, 0]


def test_an_entry_whose_marker_the_style_changed_is_not_filled() -> None:
    blank, filling = blank_reference(make_reference(), "pl")
    entry = str(formatted_reference(*blank))
    assert filled(entry, filling) == formatted_reference(make_reference(), "pl")
    assert filled(entry.upper(), filling) is None  # a text case over a value
    assert filled(entry.replace("1901", "1901, 1901"), filling) is None  # a year shown twice
    title = next(marker for marker, value in filling.texts.items() if value == "Wizyta szefa")
    assert filled(entry.replace(title, title[1:]), filling) is None  # a character dropped
