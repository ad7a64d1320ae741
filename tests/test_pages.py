"""render/pages.py and article_page.py, called directly: the views each page kind gets.

The rendered pages are tested through HTML in ``test_render.py``; these tests ask
the page functions themselves what a template will be given.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TypeVar

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sitegen.core.records import DateValue, Provenance
from sitegen.load.loader import Collection
from sitegen.model.site import SiteModel
from sitegen.render.article_page import (
    REASON_NAMES,
    article_inputs,
    article_page,
    provenance_rows,
    reason_shown,
)
from sitegen.render.entity_page import entity_inputs, entity_page
from sitegen.render.pages import (
    kind_index_page,
    search_page,
    undated_page,
    year_page,
    years_page,
)
from sitegen.render.pagination import ROWS_PER_PAGE
from sitegen.render.planner import Page, Planner
from sitegen.render.views import (
    ArticleContext,
    Assets,
    EntityContext,
    KindIndexContext,
    PageContext,
    ProvenanceRow,
    SearchContext,
    UndatedContext,
    YearContext,
    YearsContext,
)
from tests.site_fixtures import write_collection

Context = TypeVar("Context", bound=PageContext)
ASSETS = Assets("site.css", "favicon.svg", "favicon.ico", "search.js")
EXTRA_KAZAKHSTAN_ARTICLES = 120
"""With the fixture's three: 123, two entity pages of 100 rows, three year pages of 50 cards."""


def context(page: Page, kind: type[Context]) -> Context:
    assert isinstance(page.context, kind), page.context
    return page.context


def planner_for(collection: Collection, lang: str = "pl") -> Planner:
    return Planner(SiteModel.from_collection(collection), lang, ASSETS, {})


@pytest.fixture
def long_list(tmp_path: Path) -> Collection:
    """The fixture collection with 120 more articles on Kazakhstan, one a day from 2023."""
    collection = write_collection(tmp_path / "content")
    (statement,) = [r for r in collection.records if r.title.startswith("Official statement")]
    more = tuple(
        replace(
            statement,
            id=f"kz-{n:03d}",
            slug=f"kz-{n:03d}",
            title=f"Kazakhstan {n}",
            date=DateValue(2023, 1 + n // 28, 1 + n % 28),
        )
        for n in range(EXTRA_KAZAKHSTAN_ARTICLES)
    )
    records = tuple(sorted(collection.records + more, key=lambda r: r.sort_key))
    return replace(collection, records=records)


def test_a_long_entity_list_is_split_a_hundred_a_page_with_links_to_the_others(
    long_list: Collection,
) -> None:
    planner = planner_for(long_list)
    first = context(entity_page(planner, entity_inputs(planner, "kazakhstan")), EntityContext)
    page = entity_page(planner, entity_inputs(planner, "kazakhstan", 2))
    assert page.path == "countries/kazakhstan/page-2.html"
    view = context(page, EntityContext)
    assert view.pagination is not None
    assert (view.pagination.number, view.pagination.count) == (2, 2)
    assert view.pagination.previous == "countries/kazakhstan.html"
    assert view.pagination.next is None
    assert [(link.number, link.current) for link in view.pagination.links] == [
        (1, False),
        (2, True),
    ]
    assert (len(first.articles), len(view.articles)) == (ROWS_PER_PAGE, 23)
    # The overview heads the first page only; later pages are the list.
    assert view.year_bars == () and view.cooccurring == ()


def test_entity_pages_list_oldest_first_and_the_last_page_holds_the_rest(
    long_list: Collection,
) -> None:
    planner = planner_for(long_list, "en")
    first = context(entity_page(planner, entity_inputs(planner, "kazakhstan")), EntityContext)
    last = context(entity_page(planner, entity_inputs(planner, "kazakhstan", 2)), EntityContext)
    assert first.articles[0].title == "Wizyta szefa BBN w Kazachstanie"  # 2018, the oldest
    assert [(bar.year, bar.count) for bar in first.year_bars] == [
        (2018, 1),
        (2020, 1),
        (2022, 1),
        (2023, EXTRA_KAZAKHSTAN_ARTICLES),
    ]
    assert len(last.articles) == 123 - 100
    assert last.articles[-1].title == f"Kazakhstan {EXTRA_KAZAKHSTAN_ARTICLES - 1}"
    assert last.pagination is not None and last.pagination.next is None
    assert last.pagination.previous == "en/countries/kazakhstan.html"


def test_a_short_entity_list_has_one_page_and_no_page_links(collection: Collection) -> None:
    planner = planner_for(collection, "en")
    view = context(entity_page(planner, entity_inputs(planner, "lodz")), EntityContext)
    assert view.pagination is None
    assert (view.label, view.kind, view.kind_path) == ("Łódź", "place", "en/places/index.html")
    assert [card.title for card in view.articles] == ["Wizyta szefa BBN w Kazachstanie"]


def test_a_year_page_groups_its_articles_by_month_under_the_months_anchors(
    collection: Collection,
) -> None:
    planner = planner_for(collection)
    view = context(year_page(planner, 2022), YearContext)
    assert [(m.anchor, m.month, len(m.articles)) for m in view.months] == [("m01", 1, 1)]
    assert view.previous_year is not None and view.previous_year.path == "years/2020.html"
    assert view.next_year is not None and view.next_year.year == 2024
    year_only = context(year_page(planner, 2024), YearContext)
    assert [m.anchor for m in year_only.months] == ["year-only"]


def test_years_and_undated_pages_count_and_list_the_records(collection: Collection) -> None:
    planner = planner_for(collection)
    years = context(years_page(planner), YearsContext)
    assert [(y.year, y.count) for y in years.years] == [
        (2018, 1),
        (2020, 1),
        (2022, 1),
        (2024, 1),
        (2025, 1),
    ]
    assert (years.undated_count, years.undated_path) == (1, "years/undated.html")
    undated = context(undated_page(planner), UndatedContext)
    assert [card.title for card in undated.articles] == ["Notatka bez daty o handlu"]


def test_a_kind_index_files_polish_labels_under_their_own_letters(
    collection: Collection,
) -> None:
    view = context(kind_index_page(planner_for(collection), "place"), KindIndexContext)
    assert [(group.letter, [e.label for e in group.entities]) for group in view.letters] == [
        ("A", ["Astana"]),
        ("L", ["Lublin"]),
        ("Ł", ["Łódź"]),
    ]
    assert view.total == 3


def test_the_search_page_names_the_facets_and_points_at_the_shared_index(
    collection: Collection,
) -> None:
    view = context(search_page(planner_for(collection, "en")), SearchContext)
    assert [(o.value, o.label) for o in view.kinds] == [
        ("country", "Countries"),
        ("person", "People"),
        ("organization", "Organisations"),
        ("place", "Places"),
        ("topic", "Topics"),
    ]
    # One index for both interfaces; the page's "rel" filter makes it relative.
    assert view.index_script == "search/manifest.js"


def test_an_article_links_its_date_to_its_month_on_the_year_page(
    collection: Collection,
) -> None:
    first, *_, undated = collection.records
    assert article_inputs(planner_for(collection), first).year_path == "years/2018.html#m06"
    english = planner_for(collection, "en")
    assert article_inputs(english, first).year_path == "en/years/2018.html#m06"
    assert article_inputs(planner_for(collection), undated).year_path is None


def test_a_long_year_is_split_fifty_a_page_and_its_months_link_where_they_begin(
    long_list: Collection,
) -> None:
    # 2023: 120 articles, 28 a month from January to April and 8 in May, plus one
    # known only to the year, which its pages put last.
    (statement,) = [r for r in long_list.records if r.title.startswith("Official statement")]
    year_only = replace(statement, id="kz-year", slug="kz-year", date=DateValue(2023))
    records = tuple(sorted((*long_list.records, year_only), key=lambda r: r.sort_key))
    planner = planner_for(replace(long_list, records=records), "en")
    pages = [year_page(planner, 2023, n) for n in (1, 2, 3)]
    assert [page.path for page in pages] == [
        "en/years/2023.html",
        "en/years/2023/page-2.html",
        "en/years/2023/page-3.html",
    ]
    views = [context(page, YearContext) for page in pages]
    assert [[(m.month, len(m.articles)) for m in v.months] for v in views] == [
        [(1, 28), (2, 22)],
        [(2, 6), (3, 28), (4, 16)],
        [(4, 12), (5, 8), (None, 1)],
    ]
    pagination = views[1].pagination
    assert pagination is not None and (pagination.number, pagination.count) == (2, 3)
    assert pagination.previous == "en/years/2023.html"
    assert pagination.next == "en/years/2023/page-3.html"
    assert views[1].meta.title.endswith(", page 2 of 3")
    month_paths = [planner.month_path(DateValue(2023, m, 1)) for m in (1, 2, 3, 4, 5)]
    assert month_paths == [
        "en/years/2023.html#m01",
        "en/years/2023.html#m02",
        "en/years/2023/page-2.html#m03",
        "en/years/2023/page-2.html#m04",
        "en/years/2023/page-3.html#m05",
    ]
    assert planner.month_path(DateValue(2023)) == "en/years/2023/page-3.html#year-only"
    may = next(r for r in records if r.date == DateValue(2023, 5, 1))
    assert article_inputs(planner, may).year_path == "en/years/2023/page-3.html#m05"
    short = context(year_page(planner, 2022), YearContext)
    assert short.pagination is None


def test_provenance_rows_name_each_field_the_record_has_with_its_origin(
    collection: Collection,
) -> None:
    first = collection.records[0]
    assert provenance_rows(first) == (
        ProvenanceRow("title", "text", 1),
        ProvenanceRow("date", "sidecar", None),
        ProvenanceRow("language", "derived", None),
    )
    # A field the record lacks has no row, whatever its provenance says.
    undated = replace(
        first, date=None, provenance={**first.provenance, "author": Provenance("text", 2)}
    )
    assert [row.field for row in provenance_rows(undated)] == ["title", "language", "author"]


def test_the_tags_row_shows_where_the_entities_and_tags_came_from(
    collection: Collection,
) -> None:
    first = collection.records[0]
    found = replace(
        first,
        tags=("security",),
        provenance={**first.provenance, "entities": Provenance("derived")},
    )
    assert provenance_rows(found)[-1] == ProvenanceRow("tags", "derived", None)
    corrected = replace(
        found, provenance={**first.provenance, "entities": Provenance("derived", amended=True)}
    )
    assert provenance_rows(corrected)[-1] == ProvenanceRow("tags", "derived", None, amended=True)
    assert provenance_rows(replace(found, tags=()))[-1].field != "tags"


def test_many_undated_articles_are_split_fifty_a_page(collection: Collection) -> None:
    (undated,) = [r for r in collection.records if r.date is None]
    more = tuple(replace(undated, id=f"u-{n:03d}", slug=f"u-{n:03d}") for n in range(60))
    records = tuple(sorted(collection.records + more, key=lambda r: r.sort_key))
    planner = planner_for(replace(collection, records=records))
    first, second = (context(undated_page(planner, n), UndatedContext) for n in (1, 2))
    assert (len(first.articles), len(second.articles)) == (50, 11)
    assert second.meta.path == "years/undated/page-2.html"
    assert second.pagination is not None and second.pagination.previous == "years/undated.html"
    assert first.pagination is not None and first.pagination.next == "years/undated/page-2.html"


def test_a_related_articles_reason_names_the_three_rarest_shared_entities_and_counts_the_rest(
    collection: Collection,
) -> None:
    first, second, *rest = collection.records
    # The second now names all eight of the first's entities; Kazakhstan is also in a third.
    twin = replace(second, entities=first.entities)
    collection = replace(collection, records=(first, twin, *rest))
    for lang, more in (("pl", "oraz 5 innych"), ("en", "and 5 more")):
        p = planner_for(collection, lang)
        page = context(article_page(p, article_inputs(p, first)), ArticleContext)
        reason = page.related[0].reason
        assert reason.endswith(more), reason
        shown = reason.removesuffix(" " + more).removesuffix(",").split(", ")
        assert len(shown) == 3
        assert p.model.entities["kazakhstan"].label(lang) not in shown


@given(st.lists(st.text(min_size=1), unique=True, max_size=30))
def test_an_article_page_is_keyed_by_the_entities_a_reason_names_and_the_count_of_the_rest(
    shared: list[str],
) -> None:
    shown, more = reason_shown(shared)
    assert list(shown) == shared[: len(shown)] and len(shown) + more == len(shared)
    assert len(shown) == (len(shared) if len(shared) <= REASON_NAMES + 1 else REASON_NAMES)


def test_a_fourth_shared_entity_is_named_rather_than_counted(collection: Collection) -> None:
    first, second, *rest = collection.records
    twin = replace(second, entities=first.entities[:4])
    p = planner_for(replace(collection, records=(first, twin, *rest)))
    page = context(article_page(p, article_inputs(p, first)), ArticleContext)
    assert page.related[0].reason.count(", ") == 3
    assert "oraz" not in page.related[0].reason
