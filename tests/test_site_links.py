"""A crawl of the built fixture site: every link resolves, every page has its essentials."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlsplit

import lxml.html
import pytest

LINK_ATTRIBUTES = ("href", "src")


def html_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def parse(page: Path) -> lxml.html.HtmlElement:
    return lxml.html.fromstring(page.read_bytes())


def internal_links(page: Path) -> list[str]:
    """Every href/src on the page that points inside the site."""
    tree = parse(page)
    links = []
    for element in tree.iter():
        for attribute in LINK_ATTRIBUTES:
            value = element.get(attribute)
            if value is None:
                continue
            scheme = urlsplit(value).scheme
            if scheme in ("http", "https", "mailto"):
                continue
            links.append(value)
    return links


def test_site_has_pages_of_every_kind(built_site: Path) -> None:
    names = {p.relative_to(built_site).as_posix() for p in html_pages(built_site)}
    expected = {
        "index.html", "en/index.html", "articles/artykul-1.html", "en/articles/artykul-1.html",
        "countries/kazakhstan.html", "countries/index.html", "browse.html", "years/2018.html",
        "years/index.html", "years/undated.html", "search.html", "about.html", "404.html",
        "places/lodz.html", "topics/trade.html", "people/pawel-soloch.html",
    }  # fmt: skip
    assert expected <= names


def test_every_internal_link_resolves_to_a_file_and_fragment(built_site: Path) -> None:
    checked = 0
    for page in html_pages(built_site):
        for link in internal_links(page):
            parts = urlsplit(link)
            assert not parts.scheme and not parts.netloc, f"{page}: {link} is not relative"
            assert not link.startswith("/"), f"{page}: {link} is root-absolute"
            target = (page.parent / unquote(parts.path)).resolve() if parts.path else page
            assert target.is_file(), f"{page.relative_to(built_site)}: {link} → no file"
            assert built_site.resolve() in target.parents, f"{page}: {link} leaves the site"
            if parts.fragment:
                ids = set(parse(target).xpath("//@id"))
                assert parts.fragment in ids, f"{page}: {link} → no id {parts.fragment}"
            checked += 1
    assert checked > 500


def test_links_name_files_not_folders(built_site: Path) -> None:
    for page in html_pages(built_site):
        for link in internal_links(page):
            path = urlsplit(link).path
            assert not path or not path.endswith("/"), f"{page}: {link}"


@pytest.mark.parametrize("lang_dir, lang", [("", "pl"), ("en/", "en")])
def test_every_page_has_its_essentials(built_site: Path, lang_dir: str, lang: str) -> None:
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
        assert tree.findtext(".//title").strip(), where
        assert len(tree.xpath("//h1")) == 1, where
        assert tree.xpath("//meta[@name='description']/@content")[0].strip(), where
        assert tree.xpath("//meta[@name='viewport']/@content"), where
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
