"""What every page function of one interface language shares: ``Planner`` and ``Page``.

A ``Planner`` holds the model, translator and assets of one language and builds
the common views: page chrome (``PageMeta``), article cards, entity items.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property

from sitegen.core import urls
from sitegen.core.fingerprint import update_with_value
from sitegen.core.i18n import Translator, collation_key, format_date_value, language_name
from sitegen.core.records import ENTITY_KINDS, ArticleRecord, DateValue, EntityKind
from sitegen.load.content_pages import ContentPage
from sitegen.model.site import SiteModel
from sitegen.render.pagination import PAGE_SIZE
from sitegen.render.views import (
    Alternate,
    Assets,
    Card,
    EntityItem,
    FeedLink,
    KindGroup,
    MetaTag,
    NavItem,
    PageContext,
    PageMeta,
    YearBar,
)

NAV = (
    ("nav.home", urls.HOME),
    ("nav.browse", urls.BROWSE),
    ("nav.years", urls.YEARS),
    ("nav.search", urls.SEARCH),
    ("nav.about", urls.ABOUT),
)


@dataclass(frozen=True)
class Page:
    path: str
    template: str
    context: PageContext


@dataclass(frozen=True)
class Planner:
    """Shared inputs of the pages of one interface language."""

    model: SiteModel
    lang: str
    assets: Assets
    content_pages: dict[tuple[str, str], ContentPage]
    harvard: Mapping[str, str] = field(default_factory=dict, compare=False, repr=False)
    """Formatted references by ``citation.harvard_key``, made before the pages (any missing
    one is formatted when its page is)."""
    # A record's card is on many pages (entity lists, related articles): make it once.
    _cards: dict[str, Card] = field(default_factory=dict, compare=False, repr=False)
    # Every page of a long entity list shows the same bars.
    _year_bars: dict[str, tuple[YearBar, ...]] = field(
        default_factory=dict, compare=False, repr=False
    )

    @property
    def t(self) -> Translator:
        return Translator.load(self.lang)

    def path(self, neutral: str) -> str:
        return urls.localised_path(neutral, self.lang, self.model.config.default_language)

    def meta(
        self,
        neutral: str,
        title: str,
        description: str = "",
        og_type: str = "website",
        json_ld: dict[str, object] | None = None,
        *,
        metadata: tuple[MetaTag, ...] = (),
        page_feed: FeedLink | None = None,
        any_depth: bool = False,
    ) -> PageMeta:
        """The chrome of the page at ``neutral`` (language-neutral path) in this language.

        ``any_depth``: a host serves the page at any address (the 404 page), so its
        links start at the server root under the base URL (``urls.any_depth_url``).
        """
        config = self.model.config
        site_title = config.title_in(self.lang)
        path = self.path(neutral)
        canonical = urls.absolute_url(config.base_url, path) if config.base_url else None
        return PageMeta(
            lang=self.lang,
            path=path,
            site_title=site_title,
            title=title,
            document_title=title if title == site_title else f"{title} · {site_title}",
            description=description or self.site_description(),
            nav=tuple(NavItem(key, self.path(p), p == neutral) for key, p in NAV),
            alternates=tuple(
                self._alternate(neutral, lang) for lang in config.languages if lang != self.lang
            ),
            assets=self.assets,
            home=self.path(urls.HOME),
            feed=self.path(urls.FEED),
            canonical=canonical,
            og_type=og_type,
            json_ld=json_ld,
            metadata=metadata,
            page_feed=page_feed,
            any_depth_base=config.base_url if any_depth else None,
        )

    def archive_path(self, record: ArticleRecord) -> str:
        """The article's permanent page: in the default language, whatever this page's is."""
        config = self.model.config
        return urls.article_path(record.slug, config.default_language, config.default_language)

    def ld_url(self, page_path: str, target: str) -> str:
        """A URL in the page's linked data: absolute with a base URL, else relative to the page.

        JSON-LD resolves a relative IRI against the page's own address, so both name
        the same resource wherever the site is served.
        """
        base_url = self.model.config.base_url
        return (
            urls.absolute_url(base_url, target)
            if base_url
            else urls.relative_url(page_path, target)
        )

    def entity_ld_id(self, page_path: str, entity_id: str) -> str:
        """The entity's ``@id``: its page in the default language, ``#entity``.

        One IRI in every language and on every page that names it.
        """
        default = self.model.config.default_language
        target = urls.entity_path(self.model.entities[entity_id].kind, entity_id, default, default)
        return f"{self.ld_url(page_path, target)}#entity"

    def site_description(self) -> str:
        return self.model.config.description_in(self.lang) or self.t.text("site.description")

    def _alternate(self, neutral: str, lang: str) -> Alternate:
        base_url = self.model.config.base_url
        path = urls.localised_path(neutral, lang, self.model.config.default_language)
        return Alternate(lang, path, urls.absolute_url(base_url, path) if base_url else None)

    def card(self, record: ArticleRecord) -> Card:
        card = self._cards.get(record.id)
        if card is None:
            card = self._cards[record.id] = self._make_card(record)
        return card

    def _make_card(self, record: ArticleRecord) -> Card:
        return Card(
            title=record.title,
            path=self.path(urls.article_neutral_path(record.slug)),
            date=record.date,
            language=language_name(record.language, self.lang),
            text_lang=record.language,
            summary=record.summary,
            publisher=record.publisher,
        )

    def cards(self, records: tuple[ArticleRecord, ...]) -> tuple[Card, ...]:
        return tuple(self.card(r) for r in records)

    @cached_property
    def shared_inputs(self) -> bytes:
        """What every page of this language shows beyond its own records, for cache keys."""
        model = self.model
        digest = hashlib.sha256()
        update_with_value(digest, (self.lang, model.config, model.entities, self.assets))
        return digest.digest()

    def entity_item(self, entity_id: str, count: int) -> EntityItem:
        label, path, kind = self._entity_views[entity_id]
        return EntityItem(label=label, path=path, kind=kind, count=count)

    @cached_property
    def _entity_views(self) -> dict[str, tuple[str, str, EntityKind]]:
        # Made once: every article page lists entities, and labels and paths cost.
        return {
            entity_id: (
                info.label(self.lang),
                self.path(urls.entity_neutral_path(info.kind, entity_id)),
                info.kind,
            )
            for entity_id, info in self.model.entities.items()
        }

    def kind_groups(
        self, counts: dict[str, int], limit: int | None = None
    ) -> tuple[KindGroup, ...]:
        """Entities grouped by kind (in ``ENTITY_KINDS`` order), each sorted by label."""
        groups = []
        for kind in ENTITY_KINDS:
            items = [
                self.entity_item(i, n)
                for i, n in counts.items()
                if self.model.entities[i].kind == kind
            ]
            if items:
                items.sort(key=lambda item: (-item.count, collation_key(item.label)))
                chosen = sorted(items[:limit], key=lambda item: collation_key(item.label))
                path = self.path(urls.kind_index_neutral_path(kind))
                groups.append(KindGroup(kind, path, tuple(chosen)))
        return tuple(groups)

    def year_bars(self, entity_id: str) -> tuple[YearBar, ...]:
        """An entity's articles per year, as bars scaled to its busiest year (none for one)."""
        bars = self._year_bars.get(entity_id)
        if bars is None:
            records = self.model.by_entity.get(entity_id, ())
            per_year = Counter(r.date.year for r in records if r.date is not None)
            most = max(per_year.values(), default=1)
            bars = tuple(
                YearBar(year, n, round(100 * n / most), self.path(urls.year_neutral_path(year)))
                for year, n in sorted(per_year.items())
            )
            self._year_bars[entity_id] = bars = bars if len(records) > 1 else ()
        return bars

    def year_articles(self, year: int) -> tuple[ArticleRecord, ...]:
        """A year's articles in the order of its pages: by month, those known only to the year last.

        Its pages are slices of this (``pagination.page_slice``), as an entity's are.
        """
        return self._year_orders[year]

    def month_path(self, date: DateValue) -> str:
        """Where a link to a date's month goes: its section on the year page that holds it.

        The one rule for such links (article pages, the timeline, the year pages): a
        month whose articles run over two pages is linked on the page where it starts.
        """
        return self.path(urls.month_neutral_path(date, self._month_pages[date.year, date.month]))

    @cached_property
    def _year_orders(self) -> dict[int, tuple[ArticleRecord, ...]]:
        return {
            year: tuple(sorted(records, key=lambda r: (r.date.month if r.date else None) or 13))
            for year, records in self.model.by_year.items()
        }

    @cached_property
    def _month_pages(self) -> dict[tuple[int, int | None], int]:
        # Month (None: the year alone) → the number of the year page its first article is on.
        pages: dict[tuple[int, int | None], int] = {}
        for year, records in self._year_orders.items():
            for index, record in enumerate(records):
                month = record.date.month if record.date else None
                pages.setdefault((year, month), index // PAGE_SIZE + 1)
        return pages

    def main_country(self, record: ArticleRecord) -> str | None:
        """The country the record is most about: mentions weighed against how common it is.

        A country named in nearly every record (the collection's home country)
        needs many more mentions to colour a record than one named rarely.
        """
        mentions = {ref.id: ref.count for ref in record.entities if ref.kind == "country"}
        if not mentions:
            return None
        return min(
            mentions,
            key=lambda c: (-mentions[c] / len(self.model.by_entity[c]), c),
        )

    def date_text(self, record: ArticleRecord) -> str:
        return format_date_value(record.date, self.lang)
