"""The curator's sidecar (``sitegen.load.sidecar``), alone and through the loader."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from sitegen.core.errors import Problem
from sitegen.core.records import DateValue, Provenance
from sitegen.load.sidecar import SIDECAR_KEYS, Sidecar, parse_sidecar
from tests.loader_fixtures import GOOD_POLISH, diagnostics_for, load, record_by_id


def test_every_documented_key_is_accepted() -> None:
    text = (
        "title: Tytuł\ndate: 2020-12-08\nlanguage: pl\npublisher: MSZ\nauthor: Jan Nowak\n"
        "source_url: https://example.org/a\nsummary: Streszczenie.\ntags: [security]\n"
        "remove_tags: [poland]\nnotes: Uwagi kuratora.\nslug: tytul\naliases: [stary-tytul]\n"
    )
    sidecar, problems = parse_sidecar(text)
    assert problems == []
    assert sidecar == Sidecar(
        title="Tytuł",
        date=DateValue(2020, 12, 8),
        language="pl",
        publisher="MSZ",
        author="Jan Nowak",
        source_url="https://example.org/a",
        summary="Streszczenie.",
        tags=("security",),
        remove_tags=("poland",),
        notes="Uwagi kuratora.",
        slug="tytul",
        aliases=("stary-tytul",),
    )
    assert all(getattr(sidecar, key) for key in SIDECAR_KEYS)  # every key is read


def test_an_empty_sidecar_says_nothing() -> None:
    assert parse_sidecar("") == (Sidecar(), [])
    assert parse_sidecar("# only a comment\n") == (Sidecar(), [])


def test_invalid_yaml_is_reported_with_its_line() -> None:
    sidecar, problems = parse_sidecar("title: Dobry\nnotes: ok\ndate: [2020\n")
    assert sidecar == Sidecar()
    (problem,) = problems
    assert problem.line is not None and problem.line >= 3
    assert problem.message.startswith("invalid YAML")


def test_a_sidecar_that_is_not_a_mapping_is_reported() -> None:
    (problem,) = parse_sidecar("- title\n- date\n")[1]
    assert problem.line == 1
    assert "mapping" in problem.message


@pytest.mark.parametrize(
    ("text", "line", "fragment"),
    [
        ("title: [a, b]\n", 1, "title: must be text"),
        ("notes: ok\ntags: 5\n", 2, "tags: must be a list"),
        ("language: Polish\n", 1, "language: must be a two-letter"),
        ("source_url: www.example.org\n", 1, "source_url: must be an http"),
        ("date: [2020, 12]\n", 1, "date: must be a date: YYYY-MM-DD, YYYY-MM, YYYY or DD.MM.YYYY"),
        ("remove_tags: {a: 1}\n", 1, "remove_tags: must be a list"),
    ],
)
def test_a_wrong_type_is_reported_with_key_and_line(text: str, line: int, fragment: str) -> None:
    (problem,) = parse_sidecar(text)[1]
    assert problem.line == line
    assert fragment in problem.message


def test_an_unknown_key_suggests_the_nearest_key() -> None:
    sidecar, problems = parse_sidecar("notes: x\ntitel: Hello\n")
    (problem,) = problems
    assert problem.line == 2
    assert "unknown key 'titel'" in problem.message
    assert "did you mean 'title'?" in problem.message
    assert sidecar.notes == "x"  # the good keys still count


def test_an_unknown_key_far_from_any_key_gets_the_list_of_keys() -> None:
    (problem,) = parse_sidecar("colour: red\n")[1]
    assert "did you mean" not in problem.message
    assert "allowed: aliases, author, date" in problem.message


def test_an_impossible_date_is_an_error() -> None:
    sidecar, problems = parse_sidecar("title: T\ndate: 2025-02-30\n")
    (problem,) = problems
    assert problem.line == 2
    assert "'2025-02-30' is not a date" in problem.message
    assert "28 days" in problem.message
    assert sidecar.date is None
    assert sidecar.title == "T"


def test_a_month_thirteen_is_an_error() -> None:
    (problem,) = parse_sidecar("date: 2025-13\n")[1]
    assert "no month 13" in problem.message


@pytest.mark.parametrize(
    ("written", "value", "precision"),
    [
        ("2020-12-08", DateValue(2020, 12, 8), "day"),
        ("2022-01", DateValue(2022, 1), "month"),
        ("2022", DateValue(2022), "year"),
        ("'2022-01'", DateValue(2022, 1), "month"),
        ("28.06.2017", DateValue(2017, 6, 28), "day"),
        ("8.6.2017", DateValue(2017, 6, 8), "day"),
    ],
)
def test_date_precision_follows_the_form(written: str, value: DateValue, precision: str) -> None:
    sidecar, problems = parse_sidecar(f"date: {written}\n")
    assert problems == []
    assert sidecar.date == value
    assert sidecar.date is not None and sidecar.date.precision == precision


def test_an_impossible_day_first_date_is_an_error() -> None:
    (problem,) = parse_sidecar("date: 30.02.2025\n")[1]
    assert problem.message == "date: '30.02.2025' is not a date: February 2025 has 28 days"


@pytest.mark.parametrize(
    ("written", "meant"),
    [
        ("28/06/2017", "2017-06-28"),
        ("28-06-2017", "2017-06-28"),
        ("8 grudnia 2020", "2020-12-08"),
        ("June 2017", "2017-06"),
        ("2017.06.28", "2017-06-28"),
    ],
)
def test_an_unreadable_date_is_refused_with_the_iso_form_it_seems_to_mean(
    written: str, meant: str
) -> None:
    sidecar, problems = parse_sidecar(f"title: T\ndate: {written}\n")
    assert problems == [
        Problem(
            2,
            f"date: '{written}' is not YYYY-MM-DD, YYYY-MM, YYYY or DD.MM.YYYY "
            f"(did you mean {meant}?)",
            "error",
        )
    ]
    assert sidecar.date is None


@pytest.mark.parametrize("written", ["'06.2017'", "28.06.17", "wczoraj"])
def test_a_date_with_no_clear_meaning_is_refused_without_a_guess(written: str) -> None:
    (problem,) = parse_sidecar(f"date: {written}\n")[1]
    assert problem.message.endswith("is not YYYY-MM-DD, YYYY-MM, YYYY or DD.MM.YYYY")


def test_a_single_tag_may_be_written_as_text() -> None:
    assert parse_sidecar("tags: security\n")[0].tags == ("security",)


def test_a_sidecar_problem_is_an_error_with_its_line() -> None:
    sidecar, problems = parse_sidecar("notes: x\nlanguage: Polish\n")
    assert sidecar == Sidecar(notes="x")
    assert problems == [
        Problem(2, "language: must be a two-letter ISO 639-1 code such as pl, en or ru", "error")
    ]


def test_several_problems_are_all_reported() -> None:
    problems = parse_sidecar("titel: A\ndate: 2025-02-30\nlanguage: 12\n")[1]
    assert [(p.line, p.severity) for p in problems] == [(1, "error"), (2, "error"), (3, "error")]


def test_sidecar_fields_override_the_text_and_provenance_says_so(tmp_path: Path) -> None:
    collection = load(
        tmp_path,
        sources={"a": GOOD_POLISH},
        sidecars={"a": "title: Tytuł od kuratora\ndate: 2022-01\nnotes: Powód.\n"},
    )
    record = record_by_id(collection, "a")
    assert (record.title, record.date, record.notes) == (
        "Tytuł od kuratora",
        DateValue(2022, 1),
        "Powód.",
    )
    assert record.date_precision == "month"
    assert record.provenance["title"] == Provenance("sidecar")
    assert record.provenance["date"] == Provenance("sidecar")
    assert collection.diagnostics.items == []


def test_tags_and_remove_tags_adjust_the_entities(tmp_path: Path) -> None:
    plain = load(tmp_path / "plain", sources={"a": GOOD_POLISH})
    before = {e.id for e in record_by_id(plain, "a").entities}
    assert {"kazakhstan", "security"} <= before

    collection = load(
        tmp_path / "tagged",
        sources={"a": GOOD_POLISH},
        sidecars={
            "a": "tags: [kazakhstan-poland-relations, azerbaijan]\nremove_tags: [security]\n"
        },
    )
    record = record_by_id(collection, "a")
    ids = {e.id for e in record.entities}
    assert "security" not in ids
    assert "security" not in record.tags
    assert "azerbaijan" in ids  # a known id is added as an entity
    assert "kazakhstan" in ids
    assert "kazakhstan-poland-relations" in record.tags  # a free tag is kept as a tag
    assert "kazakhstan-poland-relations" in record.extra_tags
    assert record.provenance["entities"] == Provenance("derived", amended=True)


def test_removing_a_tag_the_record_lacks_is_a_warning(tmp_path: Path) -> None:
    collection = load(
        tmp_path, sources={"a": GOOD_POLISH}, sidecars={"a": "remove_tags: [nepal]\n"}
    )
    (warning,) = diagnostics_for(collection, "a.txt")
    assert warning.severity == "warning"
    assert "'nepal' is not among the record's tags" in warning.message


def test_a_bad_sidecar_is_reported_at_its_own_path_and_line(tmp_path: Path) -> None:
    collection = load(tmp_path, sources={"a": GOOD_POLISH}, sidecars={"a": "notes: x\ntitel: Y\n"})
    (error,) = diagnostics_for(collection, "a.yaml")
    assert re.fullmatch(r".*/sources/a\.yaml:2: error: unknown key 'titel' .*", str(error))
    assert record_by_id(collection, "a").title == "Wizyta ministra w Kazachstanie"
