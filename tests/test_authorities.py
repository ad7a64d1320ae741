"""Authority ids (Wikidata, VIAF, GeoNames, a URL): their forms, links, ``entities.yaml`` and
the ids shipped for every country (``core/authorities.py``, ``load/entities.py``).
"""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sitegen.commands.cli import main
from sitegen.core.authorities import (
    AUTHORITY_SCHEMES,
    authority_iri,
    authority_link,
    authority_problem,
    same_as,
)
from sitegen.core.errors import Diagnostics
from sitegen.load.entities import Entity, load_catalogue, shipped_entities
from tests.loader_fixtures import GOOD_POLISH, make_collection


def shipped_country_ids() -> dict[str, dict[str, str]]:
    text = (resources.files("sitegen") / "data" / "country_ids.json").read_text(encoding="utf-8")
    countries: dict[str, dict[str, str]] = json.loads(text)["countries"]
    return countries


def catalogue_of(tmp_path: Path, entities_yaml: str) -> tuple[Path, Diagnostics, dict[str, Entity]]:
    path = tmp_path / "entities.yaml"
    path.write_text(entities_yaml, encoding="utf-8")
    diagnostics = Diagnostics()
    catalogue = load_catalogue(path, diagnostics)
    return path, diagnostics, dict(catalogue.entities)


def errors(diagnostics: Diagnostics) -> list[str]:
    return [str(d) for d in diagnostics.items]


# --- the form of each scheme's id ------------------------------------------------------------


@pytest.mark.parametrize(
    ("scheme", "value"),
    [
        ("wikidata", "Q232"),
        ("wikidata", "Q1"),
        ("viaf", "102333412"),
        ("geonames", "1522867"),
        ("url", "https://example.org/x"),
        ("url", "http://example.org"),
    ],
)
def test_a_well_formed_id_is_accepted(scheme: str, value: str) -> None:
    assert authority_problem(scheme, value) is None


@pytest.mark.parametrize(
    ("scheme", "value", "message"),
    [
        ("wikidata", "232", "wikidata must be an item id like 'Q232', not '232'"),
        ("wikidata", "Q0", "wikidata must be an item id like 'Q232', not 'Q0'"),
        ("wikidata", "q232", "wikidata must be an item id like 'Q232', not 'q232'"),
        ("wikidata", "abc", "wikidata must be an item id like 'Q232', not 'abc'"),
        ("wikidata", "Q232 ", "wikidata must be an item id like 'Q232', not 'Q232 '"),
        ("viaf", "abc", "viaf must be a number like '102333412', not 'abc'"),
        ("viaf", "0102333412", "viaf must be a number like '102333412', not '0102333412'"),
        ("geonames", "abc", "geonames must be a number like '1522867', not 'abc'"),
        ("geonames", "-1522867", "geonames must be a number like '1522867', not '-1522867'"),
        ("url", "ftp://x", "url must be an absolute http(s) address, not 'ftp://x'"),
        ("url", "http://", "url must be an absolute http(s) address, not 'http://'"),
        ("url", "http://a b", "url must be an absolute http(s) address, not 'http://a b'"),
        ("url", "example.org/x", "url must be an absolute http(s) address, not 'example.org/x'"),
        ("url", "javascript:alert(1)", "url must be an absolute http(s) address, not "),
    ],
)
def test_a_malformed_id_is_named_with_the_form_expected(
    scheme: str, value: str, message: str
) -> None:
    problem = authority_problem(scheme, value)
    assert problem is not None
    assert problem.startswith(message)


def test_a_very_long_value_is_clipped_in_the_message() -> None:
    problem = authority_problem("wikidata", "x" * 500)
    assert problem is not None
    assert len(problem) < 120 and problem.endswith("…'")


@given(st.integers(min_value=1, max_value=10**12 - 1))
def test_any_wikidata_item_number_is_well_formed_and_linked(number: int) -> None:
    item = f"Q{number}"
    assert authority_problem("wikidata", item) is None
    assert authority_link("wikidata", item) == f"https://www.wikidata.org/wiki/{item}"
    assert authority_iri("wikidata", item) == f"http://www.wikidata.org/entity/{item}"


@given(st.integers(min_value=1, max_value=10**9))
def test_any_geonames_or_viaf_number_is_well_formed(number: int) -> None:
    assert authority_problem("geonames", str(number)) is None
    assert authority_problem("viaf", str(number)) is None
    assert str(number) in authority_link("geonames", str(number))
    assert str(number) in authority_iri("viaf", str(number))


@given(st.text(max_size=20))
def test_a_wikidata_id_is_accepted_only_in_its_one_form(value: str) -> None:
    accepted = authority_problem("wikidata", value) is None
    well_formed = (
        value[:1] == "Q" and value[1:].isascii() and value[1:].isdigit() and value[1:2] != "0"
    )
    assert accepted == (well_formed and len(value) <= 13)


def test_links_are_pages_and_iris_are_concepts_in_scheme_order() -> None:
    authority = {"url": "https://example.org/x", "geonames": "1522867", "wikidata": "Q232"}
    assert same_as(authority) == [
        "http://www.wikidata.org/entity/Q232",
        "https://sws.geonames.org/1522867/",
        "https://example.org/x",
    ]
    assert authority_link("viaf", "102333412") == "https://viaf.org/viaf/102333412"
    assert authority_link("url", "https://example.org/x") == "https://example.org/x"
    assert AUTHORITY_SCHEMES == ("wikidata", "viaf", "geonames", "url")


# --- entities.yaml --------------------------------------------------------------------------


def test_a_malformed_wikidata_id_is_an_error_on_its_line(tmp_path: Path) -> None:
    path, diagnostics, entities = catalogue_of(
        tmp_path,
        "x:\n  kind: person\n  label: Jan Nowak\n  wikidata: 232\n",
    )
    assert errors(diagnostics) == [
        f"{path}:4: error: entity 'x': wikidata must be an item id like 'Q232', not '232'"
    ]
    assert "x" not in entities


def test_every_malformed_id_of_an_entry_is_reported_on_its_own_line(tmp_path: Path) -> None:
    path, diagnostics, _ = catalogue_of(
        tmp_path,
        "ok:\n  kind: place\n  label: Brzeg\n  geonames: 3102014\n"
        "x:\n"
        "  kind: place\n"
        "  wikidata: 232\n"
        "  label: Wieś\n"
        "  geonames: Q1522867\n"
        "  url: ftp://example.org\n",
    )
    assert errors(diagnostics) == [
        f"{path}:7: error: entity 'x': wikidata must be an item id like 'Q232', not '232'",
        f"{path}:9: error: entity 'x': geonames must be a number like '1522867', not 'Q1522867'",
        f"{path}:10: error: entity 'x': url must be an absolute http(s) address, "
        "not 'ftp://example.org'",
    ]


def test_an_id_problem_is_reported_beside_the_entrys_other_problems(tmp_path: Path) -> None:
    path, diagnostics, _ = catalogue_of(
        tmp_path, "x:\n  kind: contry\n  label: Kraj\n  wikidata: Q\n  viaf: [1, 2]\n"
    )
    assert errors(diagnostics) == [
        f"{path}:1: error: entity 'x': kind must be one of country, person, organization, "
        "place, topic, not 'contry'",
        f"{path}:4: error: entity 'x': wikidata must be an item id like 'Q232', not 'Q'",
        f"{path}:5: error: entity 'x': viaf must be one id",
    ]


def test_ids_given_as_yaml_numbers_or_text_are_accepted(tmp_path: Path) -> None:
    _, diagnostics, entities = catalogue_of(
        tmp_path,
        "almaty-region:\n  kind: place\n  label: Obwód ałmacki\n  geonames: 1537162\n"
        "jan-nowak:\n  kind: person\n  label: Jan Nowak\n  viaf: '102333412'\n"
        "  wikidata: ' Q42 '\n  url: https://example.org/nowak\n",
    )
    assert errors(diagnostics) == []
    assert entities["almaty-region"].authority == {"geonames": "1537162"}
    assert entities["jan-nowak"].authority == {
        "wikidata": "Q42",
        "viaf": "102333412",
        "url": "https://example.org/nowak",
    }


def test_a_curators_id_overrides_the_shipped_one_and_the_others_stay(tmp_path: Path) -> None:
    _, diagnostics, entities = catalogue_of(
        tmp_path,
        "kazakhstan:\n  kind: country\n  label: {pl: Kazachstan, en: Kazakhstan}\n"
        "  wikidata: Q1\n  url: https://example.org/kz\n",
    )
    assert errors(diagnostics) == []
    kazakhstan = entities["kazakhstan"]
    assert kazakhstan.authority == {
        "wikidata": "Q1",
        "geonames": "1522867",
        "url": "https://example.org/kz",
    }
    assert kazakhstan.iso_codes == ("KZ", "KAZ")


def test_build_stops_with_exit_1_on_a_malformed_id_naming_file_and_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    entities = (
        "kazakhstan:\n  kind: country\n  label: Kazachstan\n  wikidata: 232\n  geonames: 15228.67\n"
    )
    content = make_collection(tmp_path, sources={"a": GOOD_POLISH}, entities=entities)
    monkeypatch.chdir(tmp_path)
    code = main(["build", "--content", str(content), "--output", "site", "--quiet"])
    err = capsys.readouterr().err
    assert code == 1
    where = f"{content / 'entities.yaml'}"
    assert (
        f"{where}:4: error: entity 'kazakhstan': wikidata must be an item id like 'Q232', "
        "not '232'" in err.splitlines()
    )
    assert f"{where}:5: error: entity 'kazakhstan': geonames must be one id" in err.splitlines()
    assert "Traceback" not in err
    assert not (tmp_path / "site").exists()


# --- the ids shipped for every country ------------------------------------------------------


def test_every_shipped_country_id_is_well_formed() -> None:
    countries = shipped_country_ids()
    assert len(countries) == 250
    for code, ids in countries.items():
        assert set(ids) <= set(AUTHORITY_SCHEMES), code
        for scheme, value in ids.items():
            assert authority_problem(scheme, value) is None, (code, scheme, value)
    assert sum("wikidata" in ids for ids in countries.values()) >= 230
    assert sum("geonames" in ids for ids in countries.values()) >= 230


def test_no_two_shipped_countries_share_an_id() -> None:
    for scheme in ("wikidata", "geonames"):
        values = [ids[scheme] for ids in shipped_country_ids().values() if scheme in ids]
        assert len(values) == len(set(values)), scheme


@pytest.mark.parametrize(
    ("entity_id", "wikidata", "geonames", "iso_codes"),
    [
        ("kazakhstan", "Q232", "1522867", ("KZ", "KAZ")),
        ("poland", "Q36", "798544", ("PL", "POL")),
        ("germany", "Q183", "2921044", ("DE", "DEU")),
    ],
)
def test_a_shipped_country_carries_its_ids_and_iso_codes(
    entity_id: str, wikidata: str, geonames: str, iso_codes: tuple[str, str]
) -> None:
    country = shipped_entities()[entity_id]
    assert dict(country.authority) == {"wikidata": wikidata, "geonames": geonames}
    assert country.iso_codes == iso_codes


def test_every_shipped_country_takes_the_ids_of_its_iso_code() -> None:
    countries = shipped_country_ids()
    shipped = [e for e in shipped_entities().values() if e.kind == "country"]
    assert len(shipped) == 250
    for entity in shipped:
        assert dict(entity.authority) == countries[entity.iso_codes[0]], entity.id


@pytest.mark.parametrize("written", ["0123", "0x1F", "190:20"])
def test_an_id_yaml_would_read_as_another_number_is_an_error_not_a_changed_id(
    tmp_path: Path, written: str
) -> None:
    path, diagnostics, entities = catalogue_of(
        tmp_path, f"x:\n  kind: place\n  label: Wieś\n  geonames: {written}\n"
    )
    assert errors(diagnostics) == [
        f"{path}:4: error: entity 'x': geonames must be a number like '1522867', not '{written}'"
    ]
    assert "x" not in entities
