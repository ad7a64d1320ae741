"""Plan the pages: one function per page kind, each returning ``Page(path, template, context)``.

``page_plans`` lists every HTML page of every interface language, not yet made
(``plans.py``); the article page, the richest, lives in ``article_page.py``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from functools import partial
from typing import Any

from sitegen.core import urls
from sitegen.core.i18n import (
    Translator,
    collation_key,
    format_date_value,
    initial_letter,
)
from sitegen.core.records import ENTITY_KINDS, ArticleRecord, DateValue, EntityKind
from sitegen.load.content_pages import ContentPage
from sitegen.model.site import SiteModel
from sitegen.render.article_page import article_inputs, article_page
from sitegen.render.entity_page import entity_inputs, entity_page, entity_page_count
from sitegen.render.pagination import page_count, page_links, page_slice
from sitegen.render.planner import Page, Planner
from sitegen.render.plans import KeyedPagePlan, PagePlan
from sitegen.render.timeline import Period, Timeline, TimelineItem, TimelineText, draw_timeline
from sitegen.render.views import (
    AboutContext,
    Assets,
    BrowseContext,
    EntityItem,
    HomeContext,
    KindIndexContext,
    LetterGroup,
    MonthGroup,
    NotFoundContext,
    NotFoundNote,
    Option,
    RedirectContext,
    SearchContext,
    UndatedContext,
    YearContext,
    YearCount,
    YearsContext,
)

NEWEST_ON_HOME = 6


def page_plans(
    model: SiteModel,
    assets: Assets,
    content_pages: dict[tuple[str, str], ContentPage],
    harvard: Mapping[str, str] | None = None,
) -> list[PagePlan | KeyedPagePlan[Any]]:
    """Every HTML page of the site, in every interface language, not yet planned.

    ``harvard``: the articles' formatted references, by ``citation.harvard_key``.
    """
    plans: list[PagePlan | KeyedPagePlan[Any]] = []
    kinds = sorted({info.kind for info in model.entities.values()}, key=ENTITY_KINDS.index)
    for lang in model.config.languages:
        planner = Planner(model, lang, assets, content_pages, harvard or {})
        for kind_page in (home_page, browse_page, years_page, search_page, about_page):
            plans.append(PagePlan(partial(kind_page, planner)))
        plans.append(PagePlan(partial(not_found_page, planner)))
        plans += [
            KeyedPagePlan(
                planner.path(urls.article_neutral_path(record.slug)),
                partial(article_inputs, planner, record),
                partial(article_page, planner),
                planner.shared_inputs,
            )
            for record in model.records
        ]
        plans += [
            PagePlan(partial(redirect_page, planner, record, alias), listed=False)
            for record in model.records
            for alias in record.aliases
        ]
        plans += [
            KeyedPagePlan(
                planner.path(urls.entity_neutral_path(info.kind, entity_id, n)),
                partial(entity_inputs, planner, entity_id, n),
                partial(entity_page, planner),
                planner.shared_inputs,
            )
            for entity_id, info in model.entities.items()
            for n in range(1, entity_page_count(model, entity_id) + 1)
        ]
        plans += [PagePlan(partial(kind_index_page, planner, kind)) for kind in kinds]
        plans += [
            PagePlan(partial(year_page, planner, year, n))
            for year, records in model.by_year.items()
            for n in range(1, page_count(len(records)) + 1)
        ]
        if model.undated:
            plans += [
                PagePlan(partial(undated_page, planner, n))
                for n in range(1, page_count(len(model.undated)) + 1)
            ]
    return plans


def home_page(p: Planner) -> Page:
    model, t = p.model, p.t
    timeline = home_timeline(p)
    all_counts = {i: len(rs) for i, rs in model.by_entity.items()}
    return Page(
        p.path(urls.HOME),
        "home.html",
        HomeContext(
            meta=p.meta(urls.HOME, model.config.title_in(p.lang)),
            intro=p.site_description(),
            lead=collection_lead(p),
            newest=p.cards(model.newest(NEWEST_ON_HOME)),
            timeline=timeline,
            timeline_caption=t.text(
                "timeline.caption_months" if timeline.monthly else "timeline.caption_years",
                articles=t.text("count.articles", n=sum(bar.count for bar in timeline.bars)),
            ),
            years=year_counts(p),
            years_path=p.path(urls.YEARS),
            kinds=p.kind_groups(all_counts, limit=8),
            undated_count=len(model.undated),
            undated_path=p.path(urls.UNDATED),
            search_path=p.path(urls.SEARCH),
            about_path=p.path(urls.ABOUT),
        ),
    )


def home_timeline(p: Planner) -> Timeline:
    """The home page's chart: a bar per month or year, each linking to it on the year pages."""
    t, home = p.t, p.path(urls.HOME)

    def href(period: Period) -> str:
        if period.monthly:
            return urls.relative_url(home, p.month_path(DateValue(period.year, period.month)))
        return urls.relative_url(home, p.path(urls.year_neutral_path(period.year)))

    def period_label(period: Period) -> str:
        if period.monthly and period.month is None:
            return t.text("timeline.year_only", year=period.year)
        return format_date_value(DateValue(period.year, period.month), p.lang)

    text = TimelineText(
        country_label=lambda c: p.model.entities[c].label(p.lang),
        other_label=t.text("timeline.other"),
        period_label=period_label,
        bar_title=lambda label, n: t.text(
            "timeline.bar", period=label, articles=t.text("count.articles", n=n)
        ),
    )
    items = [TimelineItem(r.date, p.main_country(r)) for r in p.model.records if r.date is not None]
    return draw_timeline(items, text, href)


def collection_lead(p: Planner) -> str:
    """One sentence on the collection's size and span."""
    articles = p.t.text("count.articles", n=len(p.model.records))
    years = list(p.model.by_year)
    if not years:
        return p.t.text("home.lead_single", articles=articles)
    return p.t.text("home.lead", articles=articles, first=years[0], last=years[-1])


def year_counts(p: Planner) -> tuple[YearCount, ...]:
    return tuple(
        YearCount(year, len(records), p.path(urls.year_neutral_path(year)))
        for year, records in p.model.by_year.items()
    )


def kind_index_page(p: Planner, kind: EntityKind) -> Page:
    items = [
        p.entity_item(e.id, len(p.model.by_entity[e.id])) for e in p.model.entities_of_kind(kind)
    ]
    items.sort(key=lambda item: collation_key(item.label))
    letters: dict[str, list[EntityItem]] = {}
    for item in items:
        letters.setdefault(initial_letter(item.label), []).append(item)
    neutral = urls.kind_index_neutral_path(kind)
    title = p.t.text(f"kind.{kind}.many")
    return Page(
        p.path(neutral),
        "kind_index.html",
        KindIndexContext(
            meta=p.meta(neutral, title, p.t.text(f"kind.{kind}.description")),
            kind=kind,
            letters=tuple(
                LetterGroup(letter, f"letter-{index}", tuple(group))
                for index, (letter, group) in enumerate(letters.items())
            ),
            total=len(items),
        ),
    )


def browse_page(p: Planner) -> Page:
    counts = {i: len(rs) for i, rs in p.model.by_entity.items()}
    return Page(
        p.path(urls.BROWSE),
        "browse.html",
        BrowseContext(
            meta=p.meta(urls.BROWSE, p.t.text("browse.title"), p.t.text("browse.description")),
            kinds=p.kind_groups(counts, limit=12),
        ),
    )


def year_page(p: Planner, year: int, number: int = 1) -> Page:
    """Page ``number`` of a year's articles, by month; a long year runs over pages as an entity."""
    records = p.year_articles(year)
    months: dict[int | None, list[ArticleRecord]] = {}
    for record in page_slice(records, number):
        months.setdefault(record.date.month if record.date else None, []).append(record)
    years = list(p.model.by_year)
    index = years.index(year)
    neighbour = {
        "previous": years[index - 1] if index > 0 else None,
        "next": years[index + 1] if index + 1 < len(years) else None,
    }
    links = {
        key: YearCount(y, len(p.model.by_year[y]), p.path(urls.year_neutral_path(y)))
        if y is not None
        else None
        for key, y in neighbour.items()
    }

    def path_of(page: int) -> str:
        return p.path(urls.year_neutral_path(year, page))

    count = page_count(len(records))
    neutral = urls.year_neutral_path(year, number)
    title = p.t.text("year.title", year=year)
    if count > 1:
        title = p.t.text("pagination.title", title=title, page=number, count=count)
    return Page(
        p.path(neutral),
        "year.html",
        YearContext(
            meta=p.meta(neutral, title, p.t.text("year.description", year=year, n=len(records))),
            year=year,
            months=tuple(
                MonthGroup(urls.month_anchor(month), month, p.cards(tuple(group)))
                for month, group in months.items()
            ),
            pagination=page_links(number, count, path_of) if count > 1 else None,
            previous_year=links["previous"],
            next_year=links["next"],
        ),
    )


def years_page(p: Planner) -> Page:
    return Page(
        p.path(urls.YEARS),
        "years.html",
        YearsContext(
            meta=p.meta(urls.YEARS, p.t.text("years.title"), p.t.text("years.description")),
            years=year_counts(p),
            undated_count=len(p.model.undated),
            undated_path=p.path(urls.UNDATED),
        ),
    )


def undated_page(p: Planner, number: int = 1) -> Page:
    """Page ``number`` of the articles without a date, fifty a page as a year's."""
    records = p.model.undated

    def path_of(page: int) -> str:
        return p.path(urls.undated_neutral_path(page))

    count = page_count(len(records))
    neutral = urls.undated_neutral_path(number)
    title = p.t.text("undated.title")
    if count > 1:
        title = p.t.text("pagination.title", title=title, page=number, count=count)
    return Page(
        p.path(neutral),
        "undated.html",
        UndatedContext(
            meta=p.meta(neutral, title, p.t.text("undated.description")),
            articles=p.cards(tuple(page_slice(records, number))),
            pagination=page_links(number, count, path_of) if count > 1 else None,
        ),
    )


def search_page(p: Planner) -> Page:
    t = p.t
    return Page(
        p.path(urls.SEARCH),
        "search.html",
        SearchContext(
            meta=p.meta(urls.SEARCH, t.text("search.title"), t.text("search.description")),
            index_script=urls.SEARCH_MANIFEST,
            kinds=tuple(Option(kind, t.text(f"kind.{kind}.many")) for kind in ENTITY_KINDS),
        ),
    )


def about_page(p: Planner) -> Page:
    page = p.content_pages.get(("about", p.lang)) or p.content_pages.get(
        ("about", p.model.config.default_language)
    )
    heading = page.title if page else p.t.text("about.title")
    return Page(
        p.path(urls.ABOUT),
        "about.html",
        AboutContext(
            meta=p.meta(urls.ABOUT, heading, page.description if page else ""),
            heading=heading,
            html=page.html if page else "",
        ),
    )


def not_found_page(p: Planner) -> Page:
    """The page a host shows for a missing address at any depth, in every language.

    Hosts (GitHub Pages, Netlify, ``sitegen serve``) serve the root one, in the
    default language, for every missing address; some (Cloudflare Pages) the nearest
    one up the tree, so each language has its own. With a base URL its links start at
    the server root; without one no link could work from an unknown depth, and the
    page shows none.
    """
    linked = p.model.config.base_url is not None
    return Page(
        p.path(urls.NOT_FOUND),
        "404.html",
        NotFoundContext(
            meta=p.meta(urls.NOT_FOUND, p.t.text("notfound.title"), any_depth=True),
            linked=linked,
            others=tuple(
                not_found_note(p, lang) for lang in p.model.config.languages if lang != p.lang
            ),
        ),
    )


def not_found_note(p: Planner, lang: str) -> NotFoundNote:
    t = Translator.load(lang)
    return NotFoundNote(
        lang=lang,
        title=t.text("notfound.title"),
        text=t.text("notfound.text"),
        home=urls.localised_path(urls.HOME, lang, p.model.config.default_language),
        home_label=t.text("notfound.home"),
        unlinked=t.text("notfound.unlinked"),
    )


def redirect_page(p: Planner, record: ArticleRecord, alias: str) -> Page:
    """The page at an old address of ``record``: a refresh and a link to its page.

    Both are relative, so it works from ``file://`` and under any sub-path; the
    canonical link names the new page, absolutely when the base URL is known.
    """
    neutral = urls.article_neutral_path(alias)
    target = p.path(urls.article_neutral_path(record.slug))
    base_url = p.model.config.base_url
    meta = p.meta(neutral, p.t.text("redirect.title", title=record.title))
    canonical = urls.absolute_url(base_url, target) if base_url else None
    return Page(
        p.path(neutral),
        "redirect.html",
        RedirectContext(
            meta=replace(meta, canonical=canonical),
            target=target,
            article_title=record.title,
            text_lang=record.language,
        ),
    )
