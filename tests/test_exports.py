"""Data exports: the JSON as ``inspect --json`` prints it, and a spreadsheet-safe CSV."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from sitegen.core.records import record_to_json
from sitegen.outputs.data_package import neutralise_formula
from tests.site_fixtures import fixture_records


def test_json_is_every_record_with_its_default_language_url(built_site: Path) -> None:
    data = json.loads((built_site / "data" / "articles.json").read_text())
    records = sorted((r for r, _ in fixture_records()), key=lambda r: r.sort_key)
    assert data == [record_to_json(r, f"articles/{r.slug}.html") for r in records]
    assert [d["date"] for d in data] == [
        "2018-06-23",
        "2020-12-08",
        "2022-01",
        "2024",
        "2025-06-03",
        None,
    ]


def test_csv_has_one_row_per_record_with_entities_joined(built_site: Path) -> None:
    rows = list(csv.DictReader(io.StringIO((built_site / "data" / "articles.csv").read_text())))
    assert len(rows) == 6
    first = rows[0]
    assert first["countries"] == "Kazachstan"
    assert first["places"] == "Astana; Łódź; Lublin"
    assert first["url"] == "articles/artykul-1.html"


def test_csv_cells_that_would_run_as_formulas_are_neutralised(built_site: Path) -> None:
    text = (built_site / "data" / "articles.csv").read_text()
    assert "'=HYPERLINK" in text
    assert neutralise_formula("=1+1") == "'=1+1"
    assert neutralise_formula("-2") == "'-2"
    assert neutralise_formula("Astana") == "Astana"
