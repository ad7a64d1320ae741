"""The search index script and the search page, run in Chromium from ``file://``."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import lxml.html
import pytest

from sitegen.load.loader import Collection
from sitegen.model.site import SiteModel
from sitegen.outputs.search_index import (
    GLOBAL_NAME,
    SearchDocument,
    search_documents,
    search_index_script,
)
from tests.browser.support import CHROMIUM_ARGS

CHROMIUM = shutil.which("chromium")
FLAGS = ["--headless", *CHROMIUM_ARGS, "--virtual-time-budget=3000"]


def document(**changes: str) -> SearchDocument:
    values = {"href": "articles/a.html", "title": "T", "date": "", "year": "", "language": "pl"}
    values |= {"summary": "", "body": ""} | changes
    return SearchDocument(countries=(), entities=(), **values)


def test_index_assigns_a_global_with_every_field() -> None:
    script = search_index_script([document(title="Łódź", year="2018")])
    prefix = f"window.{GLOBAL_NAME} = "
    assert script.startswith(prefix) and script.endswith(";\n")
    data = json.loads(script[len(prefix) : -2])
    assert data == [
        {
            "u": "articles/a.html",
            "t": "Łódź",
            "d": "",
            "y": "2018",
            "l": "pl",
            "c": [],
            "e": [],
            "s": "",
            "b": "",
        }
    ]


def test_no_text_can_close_the_script_element() -> None:
    script = search_index_script(
        [document(title="</script><script>alert(1)</script>", body="<!-- \u2028")]
    )
    assert "<" not in script and ">" not in script and "\u2028" not in script
    data = json.loads(script[len(f"window.{GLOBAL_NAME} = ") : -2])
    assert data[0]["t"] == "</script><script>alert(1)</script>"


def test_a_documents_body_is_the_records_plain_text(collection: Collection) -> None:
    model = SiteModel.from_collection(collection)
    documents = search_documents(model, "pl", lambda record: record.slug)
    # Paragraphs apart by a blank line, as in articles.json; a list's items one a line.
    assert (
        documents[0].body
        == model.records[0].body_text
        == (
            "Szef BBN Paweł Soloch odwiedził Kazachstan.\n\n"
            "Rozmowy o bezpieczeństwie w Astanie i w ONZ; Kazachstan.\n\nŁódź\nLublin"
        )
    )
    assert documents[0].date == "23 czerwca 2018" and documents[-1].date == ""


def test_index_is_loaded_only_by_the_search_page(built_site: Path) -> None:
    for page in built_site.rglob("*.html"):
        loads_index = "search-index.js" in page.read_text()
        assert loads_index == (page.name == "search.html"), page


def search_results(site: Path, query: str) -> list[tuple[str, str, list[str]]]:
    """(title, href, highlighted words) of each result of ``search.html?QUERY`` in Chromium."""
    return [
        (
            item.xpath("string(.//h2)"),
            item.xpath(".//h2/a/@href")[0],
            [m.text_content() for m in item.xpath(".//mark")],
        )
        for item in result_items(site, query)
    ]


def result_items(site: Path, query: str) -> list[lxml.html.HtmlElement]:
    """The result list's items once the search script ran, as Chromium's DOM holds them."""
    assert CHROMIUM
    with tempfile.TemporaryDirectory() as profile:
        dom = subprocess.run(
            [
                CHROMIUM,
                *FLAGS,
                f"--user-data-dir={profile}",
                "--dump-dom",
                f"{(site / 'search.html').as_uri()}?{query}",
            ],
            capture_output=True,
            text=True,
            timeout=60,
            check=True,
        ).stdout
    # The dump serialises the live DOM: text stays text (``&lt;``), elements are tags.
    items: list[lxml.html.HtmlElement] = lxml.html.fromstring(dom).xpath(
        "//ol[@id='search-results']/li"
    )
    return items


# In CI a missing browser is a failure, never a silent skip.
needs_browser = pytest.mark.skipif(
    CHROMIUM is None and os.environ.get("CI") != "true",
    reason="Chromium is not installed (apt-get install chromium); required when CI=true",
)


@needs_browser
@pytest.mark.parametrize(
    "query, expected_title, highlighted",
    [
        ("q=lodz", "Wizyta szefa BBN w Kazachstanie", "Łódź"),
        ("q=bezpieczenstw", "Wizyta szefa BBN w Kazachstanie", "bezpieczeństw"),
        ("q=komendant", "Komendant Policji spotkał się z delegacją", "Komendant"),
    ],
)
def test_search_ignores_diacritics_and_matches_word_starts(
    built_site: Path, query: str, expected_title: str, highlighted: str
) -> None:
    results = search_results(built_site, query)
    assert [title for title, _, _ in results] == [expected_title]
    assert highlighted in results[0][2]


@needs_browser
def test_prefix_finds_inflected_forms_and_links_work_from_disk(built_site: Path) -> None:
    results = search_results(built_site, "q=kazach")
    titles = [title for title, _, _ in results]
    assert "Konsultacje polityczne Polski i Kazachstanu" in titles
    assert "Official statement on the events of January 2022" in titles
    for _, href, _ in results:
        assert (built_site / href).is_file()


@needs_browser
def test_filters_narrow_by_language_country_and_year(built_site: Path) -> None:
    assert [t for t, _, _ in search_results(built_site, "q=kazach&lang=en")] == [
        "Official statement on the events of January 2022"
    ]
    by_country = [t for t, _, _ in search_results(built_site, "country=azerbaijan&year=2024")]
    assert by_country == ["Заявление МИД"]


@needs_browser
def test_hostile_text_is_shown_as_text_not_markup(built_site: Path) -> None:
    (item,) = result_items(built_site, "q=script")
    assert item.xpath("string(.//h2)") == "Komendant Policji spotkał się z delegacją"
    snippet = item.xpath("string(.//p[@class='card__summary'])")
    assert '<script>alert("x")</script>' in snippet
    assert '<img src=x onerror="alert(1)">' in snippet
    assert [m.text_content() for m in item.xpath(".//mark")] == ["script", "script"]
    # Only the elements the search script makes; none from the text, no handler, one link.
    tags = {element.tag for element in item.iter()}
    assert tags <= {"li", "article", "h2", "a", "p", "mark"}, tags
    assert item.xpath(".//@*[starts-with(name(), 'on')]") == []
    assert item.xpath(".//a/@href") == ["articles/artykul-5.html"]
