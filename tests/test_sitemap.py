"""sitemap.xml lists every page under the base URL; robots.txt names it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from lxml import etree

from sitegen.commands.check import check_site
from sitegen.outputs.sitemap import sitemap_files, sitemap_xml

NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
BASE = "https://example.org/archiwum/"


@pytest.fixture
def site(built_site: Path, tmp_path: Path) -> Path:
    """A private copy of the built fixture site, free to change."""
    return Path(shutil.copytree(built_site, tmp_path / "site"))


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


def page_paths(n: int) -> list[str]:
    return [f"articles/a-{i:05d}.html" for i in range(n)] + ["en/index.html", "index.html"]


def test_a_sitemap_within_the_limit_is_one_urlset_as_before() -> None:
    paths = page_paths(5)
    assert sitemap_files(BASE, paths, max_urls=len(paths)) == {
        "sitemap.xml": sitemap_xml(BASE, paths)
    }


def test_a_sitemap_past_the_limit_is_an_index_of_parts_that_list_every_page_once() -> None:
    paths = page_paths(23)  # 25 pages, 10 a part: three parts
    files = sitemap_files(BASE, reversed(paths), max_urls=10)
    index = etree.fromstring(files["sitemap.xml"].encode())
    assert index.tag == NS + "sitemapindex"
    parts = [loc.text for loc in index.iter(NS + "loc")]
    assert parts == [f"{BASE}sitemap-{n}.xml" for n in (1, 2, 3)]
    assert sorted(files) == ["sitemap-1.xml", "sitemap-2.xml", "sitemap-3.xml", "sitemap.xml"]
    listed: list[str] = []
    for part in parts:
        assert part is not None
        root = etree.fromstring(files[part.removeprefix(BASE)].encode())
        assert root.tag == NS + "urlset"
        assert all(child.tag == NS + "url" for child in root)
        locs = [str(loc.text) for loc in root.iter(NS + "loc")]
        assert 0 < len(locs) <= 10
        assert all(loc.startswith(BASE) for loc in locs)
        listed += locs
    assert len(listed) == len(set(listed))
    assert set(listed) == {BASE + path for path in paths}


def test_a_part_is_also_cut_before_it_passes_the_size_limit() -> None:
    paths = page_paths(8)
    one = len(sitemap_xml(BASE, paths[:1]).encode())
    files = sitemap_files(BASE, paths, max_bytes=3 * one)
    parts = [text for path, text in files.items() if path != "sitemap.xml"]
    assert len(parts) > 1
    assert all(len(text.encode()) <= 3 * one for text in parts)
    assert sum(text.count("<loc>") for text in parts) == len(paths)


def test_check_follows_a_sitemap_index_to_its_parts(site: Path) -> None:
    root = etree.fromstring((site / "sitemap.xml").read_bytes())
    paths = [str(loc.text).removeprefix(BASE) for loc in root.iter(NS + "loc")]
    files = sitemap_files(BASE, paths, max_urls=7)
    for path, text in files.items():
        (site / path).write_text(text, encoding="utf-8")
    assert len(files) > 2
    assert check_site(site, base_url=BASE, validate_html=False) == []
    (site / "sitemap-99.xml").write_text(files["sitemap-1.xml"], encoding="utf-8")
    (site / "sitemap-2.xml").unlink()
    found = check_site(site, base_url=BASE, validate_html=False)
    messages = {(p.path, p.message.split(" ")[0]) for p in found}
    assert ("sitemap-99.xml", "is") in messages  # not named by the index
    assert ("sitemap.xml", "names") in messages  # the index names a missing part
    assert ("sitemap.xml", "does") in messages  # so pages of part 2 go unlisted
