"""sitemap.xml lists every page under the base URL; robots.txt names it."""

from __future__ import annotations

from pathlib import Path

from lxml import etree

NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
BASE = "https://example.org/archiwum/"


def test_sitemap_lists_every_html_page_but_404(built_site: Path) -> None:
    root = etree.fromstring((built_site / "sitemap.xml").read_bytes())
    locations = {loc.text for loc in root.iter(NS + "loc")}
    pages = {
        BASE + p.relative_to(built_site).as_posix()
        for p in built_site.rglob("*.html")
        if p.name != "404.html"
    }
    assert locations == pages
    assert BASE + "en/articles/artykul-1.html" in locations


def test_robots_names_the_sitemap(built_site: Path) -> None:
    assert f"Sitemap: {BASE}sitemap.xml" in (built_site / "robots.txt").read_text()
