"""The collection as a Frictionless Data Package (``data/*.csv`` and ``data/datapackage.json``).

Each package is opened the way a researcher would open it: frictionless validates
it (types, constraints, primary and foreign keys) and the tables are read with the
``csv`` module. Three sites are read: the fixture site, a small collection whose texts
name Kazakhstan and Poland (so the shipped authority ids show), and the repository's
sample collection built with ``sitegen build``.
"""

from __future__ import annotations

import csv
import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import frictionless
import pytest

from sitegen.commands.cli import main
from sitegen.core.records import ENTITY_KINDS
from sitegen.core.urls import kind_folder
from tests.loader_fixtures import REPO_ROOT, SEED_NAMES, make_collection
from tests.site_fixtures import AUTHORITY, fixture_records

TABLES = ("articles", "entities", "mentions", "dates", "provenance")
Row = dict[str, str]

# A text dated by the line beside its headline, naming Kazakhstan and a later date.
DATED_BY_TEXT = """\
## Rozmowy w Kazachstanie

12.03.2021

Minister spotkał się w Astanie z władzami Kazachstanu. Kolejne spotkanie zaplanowano \
na 5 maja 2021 r. w Warszawie.

Delegacja wróciła do kraju po trzech dniach.
"""
# A text without a date of its own: the sidecar gives it, and tags it with a topic.
DATED_BY_SIDECAR = """\
## Notes on trade

Poland and Kazakhstan talked about grain. The next round is due in June 2021.
"""
TOPIC_ONLY = """\
trade:
  kind: topic
  label: {pl: Handel, en: Trade}
  forms: [handel, handlu]
"""


def read_table(site: Path, name: str) -> list[Row]:
    with (site / "data" / f"{name}.csv").open(encoding="utf-8", newline="") as file:
        return list(csv.DictReader(file))


def csv_header(path: Path) -> list[str]:
    with path.open(encoding="utf-8", newline="") as file:
        return next(csv.reader(file))


def rows_by(rows: list[Row], *keys: str) -> dict[tuple[str, ...], Row]:
    found: dict[tuple[str, ...], Row] = {}
    for row in rows:
        key = tuple(row[k] for k in keys)
        assert key not in found, f"duplicate {keys}: {key}"
        found[key] = row
    return found


def problems(report: frictionless.Report) -> list[tuple[str, str, str]]:
    """(table, error type, message) of every error frictionless found."""
    return [
        (task.name, error.type, error.message) for task in report.tasks for error in task.errors
    ]


def assert_valid(package: Path) -> frictionless.Report:
    report: frictionless.Report = frictionless.validate(package)
    assert report.valid, "\n".join(map(str, problems(report) or report.errors))
    return report


def build(content: Path, root: Path) -> Path:
    """``sitegen build`` of ``content`` into ``root/site``; the build cache stays in ``root``."""
    site = root / "site"
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(root)
        argv = ["build", "--content", str(content), "--output", str(site)]
        code = main([*argv, "--base-url", "https://example.org/", "--quiet"])
    assert code == 0
    return site


@pytest.fixture(scope="module")
def sample_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The repository's sample collection (``content/``), built once for this module."""
    root = tmp_path_factory.mktemp("sample")
    yield build(REPO_ROOT / "content", root)
    shutil.rmtree(root, ignore_errors=True)


@pytest.fixture(scope="module")
def small_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Two texts naming Kazakhstan (no entities.yaml entry: the shipped data's)."""
    root = tmp_path_factory.mktemp("small")
    content = make_collection(
        root,
        sources={"a": DATED_BY_TEXT, "b": DATED_BY_SIDECAR},
        sidecars={"b": "date: 2021-04\ntags: [trade]\n"},
        entities=TOPIC_ONLY,
    )
    yield build(content, root)
    shutil.rmtree(root, ignore_errors=True)


def exported_records(site: Path) -> list[dict[str, Any]]:
    records: list[dict[str, Any]] = json.loads((site / "data" / "articles.json").read_text())
    return records


# --- frictionless: the package is valid, and its checks are real ---------------------------


def test_the_fixture_sites_package_is_valid(built_site: Path) -> None:
    report = assert_valid(built_site / "data" / "datapackage.json")
    rows = {task.name: task.stats["rows"] for task in report.tasks}
    assert rows == {"articles": 6, "entities": 11, "mentions": 20, "dates": 5, "provenance": 18}


def test_the_sample_collections_package_is_valid(sample_site: Path) -> None:
    report = assert_valid(sample_site / "data" / "datapackage.json")
    rows = {task.name: task.stats["rows"] for task in report.tasks}
    assert set(rows) == set(TABLES)
    assert rows["articles"] == len(exported_records(sample_site)) >= 5
    assert rows["mentions"] > rows["articles"] and rows["dates"] >= rows["articles"]


def test_the_small_sites_package_is_valid(small_site: Path) -> None:
    assert_valid(small_site / "data" / "datapackage.json")


def test_a_mention_of_an_unknown_entity_is_a_foreign_key_error(
    built_site: Path, tmp_path: Path
) -> None:
    data = tmp_path / "data"
    shutil.copytree(built_site / "data", data)
    with (data / "mentions.csv").open("a", encoding="utf-8", newline="") as file:
        csv.writer(file, lineterminator="\r\n").writerow(
            ["001_fixture", "atlantis", "1", "gazetteer"]
        )
    report = frictionless.validate(data / "datapackage.json")
    assert not report.valid
    [(table, kind, message)] = problems(report)
    assert (table, kind) == ("mentions", "foreign-key")
    assert 'for "entity_id": values "atlantis" not found in the lookup table "entities"' in message


def test_a_date_of_the_wrong_form_is_a_constraint_error(built_site: Path, tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(built_site / "data", data)
    dates = data / "dates.csv"
    text = dates.read_text(encoding="utf-8")
    dates.write_text(text.replace(",2018-06-23,day,", ",23.06.2018,day,"), encoding="utf-8")
    report = frictionless.validate(data / "datapackage.json")
    [(table, kind, message)] = problems(report)
    assert (table, kind) == ("dates", "constraint-error")
    assert '"23.06.2018"' in message and 'field "date"' in message


@pytest.mark.parametrize("site_fixture", ["built_site", "sample_site", "small_site"])
def test_each_resource_describes_its_csv_file_column_by_column(
    site_fixture: str, request: pytest.FixtureRequest
) -> None:
    site: Path = request.getfixturevalue(site_fixture)
    package = json.loads((site / "data" / "datapackage.json").read_text(encoding="utf-8"))
    assert package["profile"] == "tabular-data-package"
    resources = {r["name"]: r for r in package["resources"]}
    assert list(resources) == list(TABLES)
    for name, resource in resources.items():
        assert resource["path"] == f"{name}.csv"
        fields = [f["name"] for f in resource["schema"]["fields"]]
        assert fields == csv_header(site / "data" / resource["path"]), name
        assert set(resource["schema"]["primaryKey"]) <= set(fields)
        for key in resource["schema"].get("foreignKeys", []):
            assert key["fields"] in fields
            assert key["reference"]["resource"] in resources
    references = {
        (name, key["fields"], key["reference"]["resource"])
        for name, resource in resources.items()
        for key in resource["schema"].get("foreignKeys", [])
    }
    assert references == {
        ("mentions", "article_id", "articles"),
        ("mentions", "entity_id", "entities"),
        ("dates", "article_id", "articles"),
        ("provenance", "article_id", "articles"),
    }


# --- the rows: what each table says about the fixture site ---------------------------------


def test_articles_name_their_entities_by_label_and_by_id(built_site: Path) -> None:
    rows = rows_by(read_table(built_site, "articles"), "id")
    records = [record for record, _ in fixture_records()]
    assert sorted(rows) == sorted((r.id,) for r in records)
    for record in records:
        row = rows[(record.id,)]
        for kind in ENTITY_KINDS:
            refs = [ref for ref in record.entities if ref.kind == kind]
            assert row[f"{kind}_ids"] == "; ".join(ref.id for ref in refs), (record.id, kind)
            assert row[kind_folder(kind)] == "; ".join(ref.label for ref in refs)
        assert row["source_file"] == record.source.file
        assert row["sha256"] == record.source.sha256
    first = rows[("001_fixture",)]
    assert first["country_ids"] == "kazakhstan"
    assert first["organization_ids"] == "bbn; un"
    assert first["place_ids"] == "astana; lodz; lublin"
    assert (first["date"], first["date_precision"]) == ("2018-06-23", "day")
    undated = rows[("006_fixture",)]
    assert (undated["date"], undated["date_precision"]) == ("", "")
    assert rows[("003_fixture",)]["date_precision"] == "month"


def test_entities_have_a_label_column_per_language_and_their_authority_ids(
    built_site: Path,
) -> None:
    header = csv_header(built_site / "data" / "entities.csv")
    assert [name for name in header if name.startswith("label_")] == ["label_en", "label_pl"]
    rows = rows_by(read_table(built_site, "entities"), "id")
    kazakhstan = rows[("kazakhstan",)]
    assert (kazakhstan["label_pl"], kazakhstan["label_en"]) == ("Kazachstan", "Kazakhstan")
    assert (kazakhstan["wikidata"], kazakhstan["geonames"]) == ("Q232", "1522867")
    assert (kazakhstan["iso3166_alpha2"], kazakhstan["iso3166_alpha3"]) == ("KZ", "KAZ")
    assert kazakhstan["page"] == "countries/kazakhstan.html"
    soloch = rows[("pawel-soloch",)]
    assert {s: soloch[s] for s in ("wikidata", "viaf", "geonames", "url")} == {
        "wikidata": "",
        "geonames": "",
        **AUTHORITY["pawel-soloch"],
    }
    assert all(rows[(i,)]["wikidata"] == "" for i in ("poland", "un", "lodz"))


def test_entity_article_counts_agree_with_the_mentions(built_site: Path) -> None:
    mentions = read_table(built_site, "mentions")
    for row in read_table(built_site, "entities"):
        named = {m["article_id"] for m in mentions if m["entity_id"] == row["id"]}
        assert int(row["articles"]) == len(named), row["id"]
    assert rows_by(read_table(built_site, "entities"), "id")[("kazakhstan",)]["articles"] == "3"


def test_mentions_count_what_each_record_counts(built_site: Path) -> None:
    mentions = rows_by(read_table(built_site, "mentions"), "article_id", "entity_id")
    expected = {
        (record.id, ref.id): str(ref.count)
        for record, _ in fixture_records()
        for ref in record.entities
    }
    assert {key: row["count"] for key, row in mentions.items()} == expected
    assert mentions[("001_fixture", "kazakhstan")]["count"] == "2"
    assert {row["origin"] for row in mentions.values()} == {"gazetteer"}


def test_provenance_has_a_row_per_field_of_each_record(built_site: Path) -> None:
    rows = rows_by(read_table(built_site, "provenance"), "article_id", "field")
    expected = {
        (record.id, field): (where.origin, str(where.line or ""), "false")
        for record, _ in fixture_records()
        for field, where in record.provenance.items()
    }
    assert {k: (r["origin"], r["line"], r["amended"]) for k, r in rows.items()} == expected
    assert rows[("001_fixture", "title")]["line"] == "1"


def test_a_spreadsheet_formula_in_a_cell_is_neutralised(built_site: Path) -> None:
    rows = rows_by(read_table(built_site, "articles"), "id")
    assert rows[("003_fixture",)]["summary"] == '\'=HYPERLINK("https://evil.example")'


# --- a collection whose texts name shipped countries ---------------------------------------


def test_a_shipped_countrys_row_carries_its_wikidata_geonames_and_iso_codes(
    small_site: Path,
) -> None:
    rows = rows_by(read_table(small_site, "entities"), "id")
    kazakhstan = rows[("kazakhstan",)]
    assert kazakhstan["kind"] == "country"
    assert (kazakhstan["wikidata"], kazakhstan["geonames"]) == ("Q232", "1522867")
    assert (kazakhstan["iso3166_alpha2"], kazakhstan["iso3166_alpha3"]) == ("KZ", "KAZ")
    assert (kazakhstan["viaf"], kazakhstan["url"]) == ("", "")
    assert kazakhstan["articles"] == "2"
    poland = rows[("poland",)]
    assert (poland["wikidata"], poland["geonames"], poland["iso3166_alpha2"]) == (
        "Q36",
        "798544",
        "PL",
    )
    trade = rows[("trade",)]
    assert (trade["label_pl"], trade["label_en"]) == ("Handel", "Trade")
    assert trade["wikidata"] == trade["geonames"] == trade["iso3166_alpha2"] == ""


def test_the_published_date_read_from_the_text_keeps_its_line(small_site: Path) -> None:
    rows = rows_by(read_table(small_site, "dates"), "article_id", "role", "date")
    published = rows[("a", "published", "2021-03-12")]
    assert published["precision"] == "day"
    assert published["origin"] == "text"
    assert published["line"] == "3"
    assert published["sentence"] == DATED_BY_TEXT.splitlines()[2] == "12.03.2021"


def test_a_date_the_text_mentions_comes_with_its_sentence(small_site: Path) -> None:
    rows = rows_by(read_table(small_site, "dates"), "article_id", "role", "date")
    mentioned = rows[("a", "mentioned", "2021-05-05")]
    assert mentioned["precision"] == "day"
    assert mentioned["sentence"] == "Kolejne spotkanie zaplanowano na 5 maja 2021 r. w Warszawie."
    assert mentioned["line"] == "5"
    assert mentioned["sentence"] in DATED_BY_TEXT.splitlines()[4]
    month = rows[("b", "mentioned", "2021-06")]
    assert (month["precision"], month["sentence"]) == (
        "month",
        "The next round is due in June 2021.",
    )


def test_a_date_from_the_sidecar_has_no_line_or_sentence(small_site: Path) -> None:
    rows = rows_by(read_table(small_site, "dates"), "article_id", "role", "date")
    published = rows[("b", "published", "2021-04")]
    assert (published["precision"], published["origin"]) == ("month", "sidecar")
    assert (published["line"], published["sentence"]) == ("", "")
    assert {key[:2] for key in rows} == {
        ("a", "published"),
        ("a", "mentioned"),
        ("b", "published"),
        ("b", "mentioned"),
    }


def test_provenance_says_which_line_or_sidecar_gave_each_field(small_site: Path) -> None:
    rows = rows_by(read_table(small_site, "provenance"), "article_id", "field")
    assert (rows[("a", "date")]["origin"], rows[("a", "date")]["line"]) == ("text", "3")
    assert (rows[("a", "title")]["origin"], rows[("a", "title")]["line"]) == ("text", "1")
    assert (rows[("b", "date")]["origin"], rows[("b", "date")]["line"]) == ("sidecar", "")
    assert rows[("a", "entities")]["amended"] == "false"
    # The sidecar's tags changed the entities sitegen found.
    assert (rows[("b", "entities")]["origin"], rows[("b", "entities")]["amended"]) == (
        "derived",
        "true",
    )


# --- every table agrees with the JSON export, on the fixture, small and sample sites ---------


@pytest.mark.parametrize("site_fixture", ["built_site", "sample_site", "small_site"])
def test_tables_agree_with_the_json_export(
    site_fixture: str, request: pytest.FixtureRequest
) -> None:
    site: Path = request.getfixturevalue(site_fixture)
    records = exported_records(site)
    articles = rows_by(read_table(site, "articles"), "id")
    assert sorted(articles) == sorted((r["id"],) for r in records)
    mentions = rows_by(read_table(site, "mentions"), "article_id", "entity_id")
    assert {k: r["count"] for k, r in mentions.items()} == {
        (r["id"], e["id"]): str(e["count"]) for r in records for e in r["entities"]
    }
    for record in records:
        row = articles[(record["id"],)]
        assert row["date"] == (record["date"] or "")
        for kind in ENTITY_KINDS:
            ids = [e["id"] for e in record["entities"] if e["kind"] == kind]
            assert row[f"{kind}_ids"] == "; ".join(ids)
    provenance = rows_by(read_table(site, "provenance"), "article_id", "field")
    assert {(k, r["origin"]) for k, r in provenance.items()} == {
        ((r["id"], field), origin.split(":")[0].split("+")[0])
        for r in records
        for field, origin in r["provenance"].items()
    }
    dates = read_table(site, "dates")
    for record in records:
        mentioned = [d["date"] for d in dates if d["article_id"] == record["id"]]
        expected = ([record["date"]] if record["date"] else []) + record["mentioned_dates"]
        assert mentioned == expected, record["id"]


def test_every_sentence_of_the_sample_dates_stands_in_its_source(sample_site: Path) -> None:
    # The five seeds: a clipping a curator adds later changes no test's outcome.
    rows = [row for row in read_table(sample_site, "dates") if row["article_id"] in SEED_NAMES]
    assert any(row["role"] == "published" and row["origin"] == "text" for row in rows)
    assert sum(row["role"] == "mentioned" for row in rows) >= 5
    for row in rows:
        source = (sample_site / "sources" / f"{row['article_id']}.txt").read_text(encoding="utf-8")
        lines = source.splitlines()
        sentence = " ".join(row["sentence"].split())
        if row["role"] == "mentioned":
            assert sentence and sentence in " ".join(source.split()), row
        if row["role"] == "published" and row["origin"] == "text":
            assert sentence in " ".join(lines[int(row["line"]) - 1].split()), row


def test_a_date_in_a_paragraph_of_several_lines_gives_the_line_that_has_it(
    tmp_path: Path,
) -> None:
    text = (
        "Rozmowy w Astanie\n\n12.03.2021\n\nPierwsza linia akapitu bez daty,\n"
        "druga linia też bez daty,\na trzecia mówi o spotkaniu 5 kwietnia 2021 r. w stolicy.\n"
    )
    site = build(make_collection(tmp_path, sources={"a": text}), tmp_path)
    rows = [r for r in read_table(site, "dates") if r["role"] == "mentioned"]
    assert [(r["date"], r["line"]) for r in rows] == [("2021-04-05", "7")]


def test_an_id_that_starts_like_a_formula_is_written_as_it_is(tmp_path: Path) -> None:
    content = make_collection(tmp_path, sources={"-minus": "Tytuł\n\n12.03.2021\n\n=Tekst.\n"})
    site = build(content, tmp_path)
    (article,) = read_table(site, "articles")
    assert article["id"] == "-minus" and article["source_file"] == "-minus.txt"
    assert {row["article_id"] for row in read_table(site, "provenance")} == {"-minus"}
