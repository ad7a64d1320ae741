"""Searching as a reader does, in Chromium, from disk (``file://``) and under a sub-path over http.

The expected results are computed here in Python from the collection the site was
built from (which articles name Kazakhstan, which are in English), so a facet's
count and a filtered list are checked against plain set intersections.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from sitegen.load.loader import load_collection
from sitegen.model.site import SiteModel
from tests.browser.conftest import ROOT

if TYPE_CHECKING:
    from playwright.sync_api import Page

BBN_TITLE = "Wizyta szefa BBN w Kazachstanie"
POLAND_BOX = "#search-facets input[name='country'][value='poland']"


@pytest.fixture(scope="module")
def model() -> SiteModel:
    """The model of the sample collection the browser tests' site is built from."""
    return SiteModel.from_collection(load_collection(ROOT / "content"))


def titles_with(model: SiteModel, entity_id: str) -> set[str]:
    return {record.title for record in model.by_entity[entity_id]}


def settle(page: Page) -> None:
    """Wait until the results of the last keystroke or click are shown."""
    page.wait_for_selector("#search-results[aria-busy='false']", state="attached")


def results(page: Page) -> list[str]:
    settle(page)
    return [t.strip() for t in page.locator("#search-results .card__title").all_inner_texts()]


def facet_counts(page: Page, facet: str) -> dict[str, int]:
    """Label → count of the facet's checkboxes (``Kazachstan (3)``)."""
    counts = {}
    for label in page.locator(f"#search-facets input[name='{facet}']").all():
        text = label.locator("xpath=..").inner_text().strip()
        match = re.fullmatch(r"(.+) \(([\d\s\u00a0]+)\)", text)
        assert match, text
        counts[match.group(1)] = int(re.sub(r"\D", "", match.group(2)))
    return counts


def loaded_index_files(page: Page) -> list[str]:
    found: list[str] = page.eval_on_selector_all(
        "script[src*='search/']", "scripts => scripts.map(s => s.getAttribute('src'))"
    )
    return found


@pytest.mark.parametrize("query", ["bezpieczeństwa", "bezpieczenstwo", "BEZPIECZEŃSTWEM"])
def test_any_case_form_finds_the_same_articles(page: Page, site_root: str, query: str) -> None:
    page.goto(site_root + "search.html?q=" + query)
    found = results(page)
    page.goto(site_root + "search.html?q=bezpieczeństwie")
    assert found == results(page)
    assert BBN_TITLE in found
    # The inflected forms in the titles and snippets are marked.
    marks = {m.lower() for m in page.locator("#search-results mark").all_inner_texts()}
    assert marks & {"bezpieczeństwa", "bezpieczeństwie"}, marks


@pytest.mark.parametrize("interface", ["", "en/"])
@pytest.mark.parametrize("query", ["Kazakhstan", "Kazachstan", "Kazachstanu", "Казахстан"])
def test_a_name_in_any_language_finds_every_article_filed_under_it(
    page: Page, site_root: str, model: SiteModel, interface: str, query: str
) -> None:
    page.goto(f"{site_root}{interface}search.html?q={query}")
    assert set(results(page)) == titles_with(model, "kazakhstan")
    reason = "Matched Kazakhstan (country)" if interface else "Dopasowano: Kazachstan (kraj)"
    reasons = page.locator(".search-reason").all_inner_texts()
    assert reasons == [reason] * len(titles_with(model, "kazakhstan"))
    page.locator(".search-reason a").first.click()
    page.wait_for_url("**/countries/kazakhstan.html")


def test_facet_counts_are_the_intersections_and_a_choice_is_kept_in_the_address(
    page: Page, site_root: str, model: SiteModel
) -> None:
    page.goto(site_root + "en/search.html")
    page.fill("#q", "kazach")
    kazakhstan = titles_with(model, "kazakhstan")
    assert set(results(page)) == kazakhstan
    expected = {
        model.entities[entity_id].label("en"): len(kazakhstan & titles_with(model, entity_id))
        for entity_id in model.by_entity
        if model.entities[entity_id].kind == "country"
    }
    assert facet_counts(page, "country") == {k: v for k, v in expected.items() if v}
    english = {r.title for r in model.records if r.language == "en"}
    assert facet_counts(page, "lang")["English"] == len(kazakhstan & english)

    page.locator(POLAND_BOX).check()
    assert set(results(page)) == kazakhstan & titles_with(model, "poland")
    assert "country=poland" in page.url and "q=kazach" in page.url
    chosen = page.url
    page.goto("about:blank")
    page.goto(chosen)  # a cited search shows the same results
    assert set(results(page)) == kazakhstan & titles_with(model, "poland")
    assert page.locator(POLAND_BOX).is_checked()


def test_a_quoted_phrase_needs_its_words_side_by_side(page: Page, site_root: str) -> None:
    page.goto(site_root + 'search.html?q="szef BBN"')
    assert results(page) == [BBN_TITLE]
    page.goto(site_root + 'search.html?q="BBN szef"')
    assert results(page) == []
    assert page.locator("#search-status").inner_text().strip() == "Nic nie znaleziono."
    # Unquoted, the words may be anywhere in the article.
    page.goto(site_root + "search.html?q=BBN szef")
    assert results(page) == [BBN_TITLE]


def test_dates_and_order_narrow_and_sort_the_results(
    page: Page, site_root: str, model: SiteModel
) -> None:
    page.goto(site_root + "en/search.html?from=2020&to=2022-06")
    in_range = [
        r.title
        for r in reversed(model.records)
        if r.date and (2020, 1) <= (r.date.year, r.date.month or 1) <= (2022, 6)
    ]
    assert results(page) == in_range

    page.goto(site_root + "en/search.html?q=kazach")
    page.select_option("select[name=sort]", "date")
    kazakhstan = titles_with(model, "kazakhstan")
    assert results(page) == [r.title for r in reversed(model.records) if r.title in kazakhstan]
    assert "sort=date" in page.url


def test_only_the_index_files_a_query_needs_are_loaded(page: Page, site_root: str) -> None:
    page.goto(site_root + "search.html")
    settle(page)
    assert loaded_index_files(page) == ["search/manifest.js"]
    page.fill("#q", "kazachstan")
    results(page)
    loaded = loaded_index_files(page)
    terms = [src for src in loaded if "/terms/" in src]
    assert 1 <= len(terms) <= 5, loaded
    assert not [src for src in loaded if "/phrases/" in src], loaded
    assert len([src for src in loaded if "/facets." in src]) == 1
    page.fill("#q", '"szef BBN"')
    results(page)
    assert [src for src in loaded_index_files(page) if "/phrases/" in src]


def test_results_and_facets_are_reached_by_keyboard(page: Page, site_root: str) -> None:
    page.goto(site_root + "search.html?q=kazach")
    results(page)
    page.locator(POLAND_BOX).focus()
    page.keyboard.press("Space")
    settle(page)
    assert "country=poland" in page.url
    assert page.locator(POLAND_BOX).is_checked()


def test_a_missing_index_file_is_reported_not_hidden(page: Page, site_url: str) -> None:
    page.route("**/search/terms/**", lambda route: route.abort())
    page.goto(site_url + "search.html?q=kazach")
    settle(page)
    assert (
        page.locator("#search-status").inner_text().strip()
        == "Nie udało się wczytać indeksu wyszukiwania."
    )


def test_hostile_text_is_shown_as_text_not_markup(page: Page, built_site: Path) -> None:
    page.goto((built_site / "search.html").as_uri() + "?q=script")
    assert results(page) == ["Komendant Policji spotkał się z delegacją"]
    item = page.locator("#search-results li").first
    snippet = item.locator(".card__summary").inner_text()
    assert '<script>alert("x")</script>' in snippet
    assert '<img src=x onerror="alert(1)">' in snippet
    assert item.locator("mark").all_inner_texts() == ["script", "script"]
    # Only the elements the search script makes: none from the text, no handler, one link.
    tags = item.evaluate("li => [...li.querySelectorAll('*')].map(e => e.localName)")
    assert set(tags) <= {"article", "h2", "a", "p", "mark"}, tags
    handlers = item.evaluate(
        "li => [...li.querySelectorAll('*')].flatMap(e => [...e.attributes])"
        ".map(a => a.name).filter(n => n.startsWith('on'))"
    )
    assert handlers == []
    assert item.locator("a").evaluate_all("links => links.map(a => a.getAttribute('href'))") == [
        "articles/artykul-5.html"
    ]
