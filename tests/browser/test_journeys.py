"""Journeys through the sample site, from disk (file://) and from a sub-path over http."""

from __future__ import annotations

import urllib.request
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urljoin, urlparse
from urllib.request import url2pathname

import feedparser
import pybtex.database
import pytest

from tests.browser.conftest import ROOT

if TYPE_CHECKING:
    from playwright.sync_api import Page

BBN_TITLE = "Wizyta szefa BBN w Kazachstanie"
BBN_ARTICLE = "articles/wizyta-szefa-bbn-w-kazachstanie.html"
BBN_SOURCE = "000_487bd26bd6df34d4.txt"


def heading(page: Page) -> str:
    return page.locator("h1").inner_text().strip()


def focused(page: Page, expression: str) -> str:
    """Evaluate ``expression`` on the focused element (``el``)."""
    result: str = page.evaluate(
        f"(() => {{ const el = document.activeElement; return {expression}; }})()"
    )
    return result


def test_reader_goes_from_home_through_a_country_to_an_article_its_source_and_a_related_one(
    page: Page, site_root: str
) -> None:
    page.goto(site_root + "index.html")
    main = page.get_by_role("main")
    main.get_by_role("link", name="Kazachstan", exact=True).first.click()
    page.wait_for_url("**/countries/kazakhstan.html")
    assert "Kazachstan" in heading(page)

    page.get_by_role("main").get_by_role("link", name=BBN_TITLE).first.click()
    page.wait_for_url("**/" + BBN_ARTICLE)
    assert heading(page) == BBN_TITLE

    page.locator(".cite a[type='text/plain']").click()
    page.wait_for_url("**/sources/" + BBN_SOURCE)
    raw = (ROOT / "content" / "sources" / BBN_SOURCE).read_text(encoding="utf-8")
    shown = page.locator("body").inner_text()
    polish_line = next(line for line in raw.splitlines() if "ó" in line or "ł" in line)
    assert polish_line.strip() in shown, "the raw source is not shown as UTF-8 text"

    page.go_back()
    page.wait_for_url("**/" + BBN_ARTICLE)
    related = page.locator(".related .rows a").first
    related_title = related.inner_text().strip()
    related.click()
    page.wait_for_load_state()
    assert heading(page) == related_title
    assert not page.url.endswith(BBN_ARTICLE)

    page.go_back()
    page.wait_for_url("**/" + BBN_ARTICLE)
    assert heading(page) == BBN_TITLE


def test_switching_to_english_and_back_returns_to_the_same_page(page: Page, site_root: str) -> None:
    start = site_root + BBN_ARTICLE
    page.goto(start)
    assert page.evaluate("document.documentElement.lang") == "pl"

    page.locator(".lang-switch").get_by_role("link", name="English").click()
    page.wait_for_url("**/en/" + BBN_ARTICLE)
    assert page.evaluate("document.documentElement.lang") == "en"
    assert page.locator("#record-title").inner_text().strip() == "Record"

    page.locator(".lang-switch").get_by_role("link", name="Polski").click()
    page.wait_for_url(start)
    assert page.url == start
    assert heading(page) == BBN_TITLE


def result_titles(page: Page) -> list[str]:
    """The titles shown once the search has settled (the list is aria-busy until then)."""
    page.wait_for_selector("#search-results[aria-busy='false']", state="attached")
    return [
        title.strip() for title in page.locator("#search-results .card__title").all_inner_texts()
    ]


def test_search_finds_articles_and_a_filter_narrows_them(page: Page, site_root: str) -> None:
    page.goto(site_root + "index.html")
    navigation = page.get_by_role("navigation", name="Nawigacja główna")
    navigation.get_by_role("link", name="Szukaj").click()
    page.wait_for_url("**/search.html")

    page.fill("#q", "kazach")
    all_kazach = result_titles(page)
    assert len(all_kazach) >= 4, all_kazach
    assert page.locator("#search-status").inner_text().strip()

    page.locator("#search-facets").get_by_role("checkbox", name="angielski").check()
    page.wait_for_url("**lang=en**")
    english_kazach = result_titles(page)
    assert 0 < len(english_kazach) < len(all_kazach), english_kazach
    assert set(english_kazach) <= set(all_kazach)

    page.locator("#search-facets").get_by_role("checkbox", name="angielski").uncheck()
    page.fill("#q", "bezpieczenstwo")
    assert BBN_TITLE in result_titles(page)

    page.locator("#search-results .card__title a", has_text=BBN_TITLE).click()
    page.wait_for_url("**/" + BBN_ARTICLE)


def test_search_query_in_the_address_is_run_on_load(page: Page, site_root: str) -> None:
    page.goto(site_root + "search.html?q=kazach")
    assert page.input_value("#q") == "kazach"
    assert len(result_titles(page)) >= 4


def test_keyboard_first_tab_focuses_the_skip_link_and_enter_moves_focus_to_main(
    page: Page, site_root: str
) -> None:
    page.goto(site_root + "index.html")
    page.keyboard.press("Tab")
    assert focused(page, "el.className") == "skip-link"
    box = page.locator(".skip-link").bounding_box()
    assert box is not None and box["y"] >= 0, "the focused skip link is off screen"
    assert focused(page, "getComputedStyle(el).outlineStyle") != "none"

    page.keyboard.press("Enter")
    assert focused(page, "el.id") == "main"


def test_keyboard_tab_reaches_the_search_box_and_the_language_switch(
    page: Page, site_root: str
) -> None:
    page.goto(site_root + "index.html")
    reached: list[str] = []
    for _ in range(40):
        page.keyboard.press("Tab")
        reached.append(
            focused(
                page,
                "(el.closest('.lang-switch') ? 'lang-switch:' : '') + el.tagName.toLowerCase()"
                " + (el.id ? '#' + el.id : '')",
            )
        )
    assert "lang-switch:a" in reached, reached
    assert "input#home-q" in reached, reached

    page.goto(site_root + "search.html")
    for _ in range(20):
        page.keyboard.press("Tab")
        if focused(page, "el.id") == "q":
            break
    else:
        pytest.fail("Tab never reached the search page's query box")
    page.keyboard.type("kazach")
    assert len(result_titles(page)) >= 4


def test_researcher_downloads_an_articles_bibtex_and_finds_a_countrys_feed_and_wikidata(
    page: Page, site_root: str
) -> None:
    page.goto(site_root + "en/" + BBN_ARTICLE)
    cite = page.get_by_role("region", name="Cite this")
    assert "Accessed: 25 April 2024" in cite.inner_text()
    link = cite.get_by_role("link", name="BibTeX", exact=True)
    assert link.get_attribute("download") is not None
    if site_root.startswith("http"):  # from disk, Chromium ignores ``download`` (no origin)
        with page.expect_download() as download:
            link.click()
        bibtex = Path(download.value.path()).read_text(encoding="utf-8")
    else:
        bibtex = urlopen_bytes(urljoin(page.url, link.get_attribute("href") or "")).decode()
    (entry,) = pybtex.database.parse_string(bibtex, "bibtex").entries.values()
    assert entry.fields["title"] == BBN_TITLE
    assert entry.fields["urldate"] == "2024-04-25"

    page.get_by_role("main").get_by_role("link", name="Kazakhstan", exact=True).first.click()
    page.wait_for_url("**/en/countries/kazakhstan.html")
    wikidata = page.get_by_role("link", name="Q232", exact=True)
    assert wikidata.get_attribute("href") == "https://www.wikidata.org/wiki/Q232"
    feed = page.get_by_role("link", name="New articles about Kazakhstan (Atom feed)")
    feed_url = urljoin(page.url, feed.get_attribute("href") or "")
    parsed = feedparser.parse(urlopen_bytes(feed_url))
    assert not parsed.bozo and BBN_TITLE in {entry.title for entry in parsed.entries}


def urlopen_bytes(url: str) -> bytes:
    if url.startswith("file://"):
        return Path(url2pathname(urlparse(url).path)).read_bytes()
    with urllib.request.urlopen(url) as response:  # the test's own loopback server
        data: bytes = response.read()
    return data
