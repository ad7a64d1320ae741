"""The built fixture site: every link resolves, every page has its language and landmarks."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import lxml.html
import pytest

from sitegen.commands.check import check_site


def html_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def parse(page: Path) -> lxml.html.HtmlElement:
    return lxml.html.fromstring(page.read_bytes())


def test_site_has_pages_of_every_kind(built_site: Path) -> None:
    names = {p.relative_to(built_site).as_posix() for p in html_pages(built_site)}
    expected = {
        "index.html", "en/index.html", "articles/artykul-1.html", "en/articles/artykul-1.html",
        "countries/kazakhstan.html", "countries/index.html", "browse.html", "years/2018.html",
        "years/index.html", "years/undated.html", "search.html", "about.html", "404.html",
        "places/lodz.html", "topics/trade.html", "people/pawel-soloch.html",
    }  # fmt: skip
    assert expected <= names


def test_sitegen_check_finds_nothing_wrong(built_site: Path) -> None:
    """Links, anchors, reachability, page essentials, sitemap and feeds, as users check them.

    Each failure mode ``check_site`` reports is shown to fire in tests/test_check.py.
    """
    # The fixture's placeholder base URL, given as the expected one.
    assert (
        check_site(built_site, base_url="https://example.org/archiwum/", validate_html=False) == []
    )


@pytest.mark.parametrize("lang_dir, lang", [("", "pl"), ("en/", "en")])
def test_every_page_has_its_language_and_landmarks(
    built_site: Path, lang_dir: str, lang: str
) -> None:
    pages = [
        p
        for p in html_pages(built_site)
        if (p.relative_to(built_site).as_posix().startswith("en/")) == (lang == "en")
    ]
    assert len(pages) > 20
    for page in pages:
        tree = parse(page)
        where = page.relative_to(built_site)
        assert tree.get("lang") == lang, where
        assert tree.xpath("//a[@class='skip-link']/@href") == ["#main"], where
        assert tree.xpath("//main[@id='main']") and tree.xpath("//header") and tree.xpath("//nav")
        assert tree.xpath("//footer"), where


def test_language_switcher_points_to_the_same_page(built_site: Path) -> None:
    pl = parse(built_site / "countries" / "kazakhstan.html")
    en = parse(built_site / "en" / "countries" / "kazakhstan.html")
    assert pl.xpath("//nav[@class='lang-switch']/a/@href") == ["../en/countries/kazakhstan.html"]
    assert en.xpath("//nav[@class='lang-switch']/a/@href") == ["../../countries/kazakhstan.html"]
    assert en.xpath("//h1/text()") == ["Kazakhstan"]
    assert pl.xpath("//h1/text()") == ["Kazachstan"]


def test_no_page_requests_anything_external(built_site: Path) -> None:
    for page in html_pages(built_site):
        tree = parse(page)
        for value in tree.xpath(
            "//script/@src | //link[@rel='stylesheet' or @rel='icon']/@href | //img/@src"
        ):
            assert not urlsplit(value).scheme, f"{page}: loads {value}"
