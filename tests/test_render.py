"""Rendered pages: golden files for one page of each kind in both languages, and what they show.

Golden files are compared byte for byte; ``pytest --update-golden`` rewrites them.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import lxml.html
import pytest
from jinja2 import UndefinedError

from sitegen.core.i18n import Translator
from sitegen.render.jinja import make_environment
from tests.site_fixtures import TEMPLATES

GOLDEN = Path(__file__).resolve().parent / "golden"
ONE_PAGE_OF_EACH_KIND = (
    "index.html",
    "articles/artykul-1.html",
    "countries/kazakhstan.html",
    "places/index.html",
    "browse.html",
    "years/2022.html",
    "years/index.html",
    "years/undated.html",
    "search.html",
    "about.html",
    "404.html",
)


@pytest.mark.parametrize("lang_dir", ["", "en/"])
@pytest.mark.parametrize("page_path", ONE_PAGE_OF_EACH_KIND)
def test_page_matches_its_golden_file(
    built_site: Path, update_golden: bool, page_path: str, lang_dir: str
) -> None:
    actual = (built_site / lang_dir / page_path).read_bytes()
    golden = GOLDEN / (lang_dir or "pl/") / page_path
    if update_golden:
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_bytes(actual)
    assert golden.is_file(), f"no golden file {golden}: run pytest --update-golden"
    assert actual == golden.read_bytes(), f"{lang_dir}{page_path} differs from {golden}"


def text_of(site: Path, page: str) -> str:
    return " ".join(lxml.html.fromstring((site / page).read_bytes()).text_content().split())


def test_article_shows_dates_metadata_provenance_and_citation(built_site: Path) -> None:
    pl = text_of(built_site, "articles/artykul-1.html")
    en = text_of(built_site, "en/articles/artykul-1.html")
    assert "23 czerwca 2018" in pl and "23 June 2018" in en
    assert "Jan Kowalski" in pl
    assert "z tekstu, wiersz 1" in pl and "dodane przez kuratora" in pl
    assert "Data z nagłówka strony." in pl
    assert "Wspólne: ONZ, Kazachstan" in pl and "Shares UN, Kazakhstan" in en
    sha = "SHA-256"
    assert sha in pl and "https://example.org/1" in pl


def test_article_body_carries_the_texts_language(built_site: Path) -> None:
    tree = lxml.html.fromstring((built_site / "en/articles/artykul-4.html").read_bytes())
    assert tree.get("lang") == "en"
    assert tree.xpath("//section[contains(@class, 'article__body')]/@lang") == ["ru"]
    assert tree.xpath("//h1/@lang") == ["ru"]


def test_article_links_the_first_mention_of_each_entity(built_site: Path) -> None:
    tree = lxml.html.fromstring((built_site / "articles/artykul-1.html").read_bytes())
    body = tree.xpath("//section[contains(@class, 'article__body')]")[0]
    links = {a.text: a.get("href") for a in body.xpath(".//a[@class='entity-link']")}
    assert links["Kazachstan"] == "../countries/kazakhstan.html"
    assert links["Astanie"] == "../places/astana.html"
    assert len(body.xpath(".//a[@class='entity-link' and text()='Kazachstan']")) == 1


def test_article_has_json_ld_and_open_graph(built_site: Path) -> None:
    html = (built_site / "articles/artykul-1.html").read_text()
    (script,) = lxml.html.fromstring(html).xpath("//script[@type='application/ld+json']/text()")
    data = json.loads(script)
    assert data["@type"] == "NewsArticle"
    assert data["datePublished"] == "2018-06-23"
    assert '<meta property="og:type" content="article">' in html


def test_month_precision_and_undated_dates(built_site: Path) -> None:
    assert "styczeń 2022" in text_of(built_site, "articles/artykul-3.html")
    assert "January 2022" in text_of(built_site, "en/articles/artykul-3.html")
    assert "data nieznana" in text_of(built_site, "articles/artykul-6.html")


def test_kind_index_sorts_polish_letters_in_polish_order(built_site: Path) -> None:
    tree = lxml.html.fromstring((built_site / "places/index.html").read_bytes())
    assert tree.xpath("//section[@class='letter-group']/h2/text()") == ["A", "L", "Ł"]


def test_entity_page_shows_bars_and_cooccurring_counts(built_site: Path) -> None:
    text = text_of(built_site, "countries/kazakhstan.html")
    assert "Artykuły według lat" in text
    assert "ONZ w 2 artykułach" in text


def test_year_page_groups_by_month(built_site: Path) -> None:
    tree = lxml.html.fromstring((built_site / "en/years/2022.html").read_bytes())
    assert tree.xpath("//section[@class='month']/h2/text()") == ["January"]
    assert tree.xpath("//section[@class='month']/h2/@id") == ["m01"]


def test_home_shows_timeline_newest_and_ways_in(built_site: Path) -> None:
    tree = lxml.html.fromstring((built_site / "index.html").read_bytes())
    bars = tree.xpath("//svg//a/@href")
    assert bars == [f"years/{year}.html" for year in (2018, 2020, 2022, 2024, 2025)]
    assert tree.xpath("//details[@class='timeline-table']//th/a/@href") == bars
    caption = tree.xpath("//figure[@class='timeline-figure']/figcaption/text()")[0]
    assert caption.startswith("5 artykułów z datą, jeden słupek na rok.")
    assert "countries/index.html" in tree.xpath("//a/@href")
    assert "years/index.html" in tree.xpath("//section[@aria-labelledby='newest-title']//a/@href")


def test_content_is_never_compiled_as_a_template(built_site: Path) -> None:
    assert all("{{" not in path.read_text() for path in (built_site / "search").rglob("*.js"))


def test_missing_values_fail_loudly() -> None:
    env = make_environment([TEMPLATES])
    with pytest.raises(UndefinedError):
        env.from_string("{{ missing }}").render()


def test_every_translation_key_used_by_templates_exists() -> None:
    keys = set()
    for template in TEMPLATES.glob("*.html"):
        keys |= set(re.findall(r"""t\(["']([a-z_.]+)["']\s*[,)]""", template.read_text()))
    assert len(keys) > 40
    for lang in ("pl", "en"):
        missing = keys - Translator.load(lang).strings.keys()
        assert not missing, f"{lang}: {missing}"
