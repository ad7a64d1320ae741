"""``404.html``: hosts serve it at any missing address, so no link on it is relative.

With a base URL every link and asset starts at the server root under the base URL's
path and names a file of the build; without one the page links to nothing (but its
own ``#main``) and loads no stylesheet, and still says what happened in every language.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlsplit

import lxml.html
import pytest

from tests.conftest import build_fixture_site

BASE = "https://example.org/archiwum/"
NOT_FOUND_PAGES = ["404.html", "en/404.html"]


def parse(page: Path) -> lxml.html.HtmlElement:
    return lxml.html.fromstring(page.read_bytes())


def links_of(tree: lxml.html.HtmlElement) -> list[str]:
    return [str(value) for value in tree.xpath("//@href | //@src")]


@pytest.fixture(scope="module")
def site_without_base_url(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site, _ = build_fixture_site(tmp_path_factory.mktemp("no-base"), base_url=None)
    return site


@pytest.mark.parametrize("path", NOT_FOUND_PAGES)
def test_every_link_starts_at_the_base_path_and_names_a_built_file(
    built_site: Path, path: str
) -> None:
    links = links_of(parse(built_site / path))
    base_path = urlsplit(BASE).path
    for link in links:
        parts = urlsplit(link)
        if not parts.path:  # the skip link's #main: the page itself, wherever it is served
            continue
        if parts.scheme:  # canonical and hreflang links, for search engines
            assert link.startswith(BASE), link
            target = link.removeprefix(BASE).partition("#")[0]
        else:
            assert parts.path.startswith(base_path), f"{path}: {link} is relative"
            target = unquote(parts.path.removeprefix(base_path))
        assert (built_site / target).is_file(), f"{path}: {link} names no file of the build"


@pytest.mark.parametrize(
    ("path", "home"),
    [("404.html", "/archiwum/index.html"), ("en/404.html", "/archiwum/en/index.html")],
)
def test_the_stylesheet_icons_and_home_link_start_at_the_base_path(
    built_site: Path, path: str, home: str
) -> None:
    tree = parse(built_site / path)
    assert tree.xpath("//link[@rel='stylesheet']/@href")[0].startswith("/archiwum/static/site.")
    assert "/archiwum/favicon.ico" in tree.xpath("//link[@rel='icon']/@href")
    assert tree.xpath("//main/header//a/@href") == [home]
    assert tree.xpath("//a[@class='site-title']/@href") == [home]


def test_the_root_page_offers_each_languages_home(built_site: Path) -> None:
    tree = parse(built_site / "404.html")
    assert tree.get("lang") == "pl"
    english = tree.xpath("//main/section[@lang='en']")
    assert len(english) == 1
    assert english[0].xpath("h2/text()") == ["Page not found"]
    assert english[0].xpath(".//a/@href") == ["/archiwum/en/index.html"]


@pytest.mark.parametrize("path", NOT_FOUND_PAGES)
def test_without_a_base_url_nothing_is_linked_or_loaded(
    site_without_base_url: Path, path: str
) -> None:
    tree = parse(site_without_base_url / path)
    assert links_of(tree) == ["#main"]
    assert not tree.xpath("//link | //script | //img | //nav")


def test_without_a_base_url_the_page_still_says_what_happened(site_without_base_url: Path) -> None:
    tree = parse(site_without_base_url / "404.html")
    text = " ".join(tree.xpath("//main")[0].text_content().split())
    assert tree.xpath("//h1/text()") == ["Nie znaleziono strony"]
    assert "nie istnieje albo została przeniesiona" in text
    assert "głównego adresu archiwum" in text
    assert tree.xpath("//section[@lang='en']/h2/text()") == ["Page not found"]
    assert tree.xpath("//header[@class='site-header']//text()[normalize-space()]") == [
        "Archiwum testowe"
    ]


def test_other_pages_keep_relative_links(built_site: Path) -> None:
    stylesheet = parse(built_site / "en/about.html").xpath("//link[@rel='stylesheet']/@href")
    assert stylesheet[0].startswith("../static/site.")
