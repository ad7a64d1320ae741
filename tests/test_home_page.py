"""The home page stays the same size whatever the collection's size."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from lxml import html

from sitegen.core import urls
from sitegen.core.records import DateValue
from sitegen.load.loader import Collection
from sitegen.model.site import SiteModel
from sitegen.render.jinja import make_environment, render_page
from sitegen.render.pages import home_page
from sitegen.render.planner import Planner
from sitegen.render.theme import THEME_DIR
from tests.site_fixtures import write_collection
from tests.test_pages import ASSETS

ARTICLES = 10_000
HOME_BYTES_LIMIT = 150_000


def grown(collection: Collection, n: int, years: int) -> Collection:
    """``n`` dated copies of ``collection``'s records, spread over ``years`` years from 2000."""
    dated = [r for r in collection.records if r.date is not None]
    more = tuple(
        replace(
            dated[k % len(dated)],
            id=f"g-{k:05d}",
            slug=f"g-{k:05d}",
            title=f"Generated article number {k} on the relations of the two states",
            date=DateValue(2000 + k % years, 1 + k // years % 12, 1 + k % 28),
        )
        for k in range(n)
    )
    return replace(collection, records=tuple(sorted(more, key=lambda r: r.sort_key)))


def home_html(collection: Collection, lang: str) -> str:
    page = home_page(Planner(SiteModel.from_collection(collection), lang, ASSETS, {}))
    return render_page(make_environment([THEME_DIR]), page)


@pytest.mark.parametrize("years", [3, 26])
def test_the_home_page_of_ten_thousand_articles_stays_small(tmp_path: Path, years: int) -> None:
    collection = grown(write_collection(tmp_path / "content"), ARTICLES, years)
    small = home_html(write_collection(tmp_path / "small"), "en")
    for lang in ("pl", "en"):
        text = home_html(collection, lang)
        assert len(text.encode()) <= HOME_BYTES_LIMIT
        elements = sum(1 for _ in html.fromstring(text).iter())
        assert elements <= 2 * sum(1 for _ in html.fromstring(small).iter()) + 700


def test_monthly_bars_link_through_the_planners_rule_for_month_links(tmp_path: Path) -> None:
    collection = grown(write_collection(tmp_path / "content"), 600, 3)
    planner = Planner(SiteModel.from_collection(collection), "en", ASSETS, {})
    tree = html.fromstring(render_page(make_environment([THEME_DIR]), home_page(planner)))
    hrefs = tree.xpath("//svg//a/@href")
    assert len(hrefs) == len(set(hrefs)) == 36
    month = planner.month_path(DateValue(2001, 4))
    assert urls.relative_url(planner.path(urls.HOME), month) in hrefs
