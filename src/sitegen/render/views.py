"""Template-facing views: what each page kind's template receives.

Views hold display-ready values (labels in the interface language, paths from
the site root) and no behaviour; templates turn paths into relative links with
the ``rel`` filter and dates into text with ``date_text``. Keeping them apart
from the model means a template can only show what a page was given.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from sitegen.core.records import DateValue, EntityKind, ProvenanceOrigin
from sitegen.render.timeline import Timeline


@dataclass(frozen=True)
class NavItem:
    key: str
    """Translation key of the label (``nav.search``)."""
    path: str
    current: bool


@dataclass(frozen=True)
class Alternate:
    """The same page in another interface language, for the switcher."""

    lang: str
    path: str
    url: str | None
    """Absolute, for ``<link hreflang>`` (search engines refuse relative ones); ``None``
    without a base URL."""


@dataclass(frozen=True)
class Assets:
    stylesheet: str
    favicon_svg: str
    favicon_ico: str
    search_script: str


@dataclass(frozen=True)
class PageMeta:
    """What ``base.html`` needs on every page."""

    lang: str
    path: str
    site_title: str
    title: str
    document_title: str
    """The ``<title>``: page title and site title (or the site title alone on home)."""
    description: str
    nav: tuple[NavItem, ...]
    alternates: tuple[Alternate, ...]
    assets: Assets
    home: str
    feed: str
    canonical: str | None = None
    og_type: str = "website"
    json_ld: Mapping[str, object] | None = None
    metadata: tuple[MetaTag, ...] = ()
    """Bibliographic ``<meta>`` tags (article pages)."""
    page_feed: FeedLink | None = None
    """The feed of this page's own list (an entity's articles), beside the site's."""
    any_depth_base: str | None = None
    """The base URL of a page a host serves at any address (the 404 page): its links start
    at the server root under it (``urls.any_depth_url``) instead of being relative to
    ``path``."""


@dataclass(frozen=True)
class Card:
    """An article in a list."""

    title: str
    path: str
    date: DateValue | None
    language: str
    """The text's language, named in the interface language."""
    text_lang: str
    """Its code, for the ``lang`` of title and summary (an English title in the Polish UI)."""
    summary: str
    publisher: str | None


@dataclass(frozen=True)
class EntityItem:
    label: str
    path: str
    kind: EntityKind
    count: int


@dataclass(frozen=True)
class RelatedItem:
    card: Card
    reason: str
    """The shared entities' labels, rarest first (``Stokson, Astana, ONZ oraz 12 innych``)."""


@dataclass(frozen=True)
class ProvenanceRow:
    field: str
    origin: ProvenanceOrigin
    """Shown as the translation ``origin.<origin>``, or ``origin.text_line`` with a line."""
    line: int | None
    amended: bool = False
    """Derived, then corrected by the curator (``origin.derived_amended``)."""


@dataclass(frozen=True)
class ReferenceFile:
    label: str
    """The format's name (``BibTeX``); the same in every language."""
    path: str
    media_type: str


@dataclass(frozen=True)
class Citation:
    style_name: str
    formatted: str
    """The reference in ``style_name``, as HTML (``render.citation``): shown as it is."""
    archival: str
    """The archive's own form: who, what, where, when (the details follow it on the page)."""
    original_url: str | None
    accessed: DateValue | None
    archive_url: str
    """The article's permanent address: absolute with a base URL, else from the site root."""
    archive_url_absolute: bool
    sha256: str
    source_path: str
    source_bytes: int
    files: tuple[ReferenceFile, ...]


@dataclass(frozen=True)
class MetaTag:
    """A ``<meta name content>`` for reference managers (Highwire ``citation_*``, ``DC.*``)."""

    name: str
    content: str


@dataclass(frozen=True)
class FeedLink:
    path: str
    title: str


@dataclass(frozen=True)
class KindGroup:
    kind: EntityKind
    path: str
    entities: tuple[EntityItem, ...]


@dataclass(frozen=True)
class HomeContext:
    meta: PageMeta
    intro: str
    lead: str
    """``The collection holds 5 articles from 2018–2025.``"""
    newest: tuple[Card, ...]
    timeline: Timeline
    timeline_caption: str
    """What the chart shows, in words: ``10,000 articles, one bar per year.``"""
    years: tuple[YearCount, ...]
    years_path: str
    kinds: tuple[KindGroup, ...]
    undated_count: int
    undated_path: str
    search_path: str
    about_path: str


@dataclass(frozen=True)
class ArticleContext:
    meta: PageMeta
    title: str
    text_lang: str
    """ISO code of the text's language, for its element's ``lang``."""
    date: DateValue | None
    year_path: str | None
    """The year page, linked from the date (at the month's section)."""
    language: str
    publisher: str | None
    author: str | None
    source_url: str | None
    summary: str
    body_html: str
    entities: tuple[KindGroup, ...]
    tags: tuple[EntityItem, ...]
    free_tags: tuple[str, ...]
    related: tuple[RelatedItem, ...]
    previous: Card | None
    next: Card | None
    citation: Citation
    provenance: tuple[ProvenanceRow, ...]
    notes: str | None


@dataclass(frozen=True)
class YearBar:
    year: int
    count: int
    percent: int
    path: str


@dataclass(frozen=True)
class PageLink:
    number: int | None
    """None for a gap in the numbers."""
    path: str | None
    current: bool


@dataclass(frozen=True)
class Pagination:
    number: int
    count: int
    previous: str | None
    next: str | None
    links: tuple[PageLink, ...]


@dataclass(frozen=True)
class AuthorityLink:
    scheme: str
    """``wikidata``, ``viaf``, ``geonames``, ``url``: its name is ``authority.<scheme>``."""
    value: str
    url: str


@dataclass(frozen=True)
class EntityContext:
    meta: PageMeta
    label: str
    about: str
    """The catalogue's one-sentence description (a person's role), or empty."""
    authority: tuple[AuthorityLink, ...]
    iso_codes: tuple[str, ...]
    kind: EntityKind
    kind_path: str
    articles: tuple[Card, ...]
    """The articles on this page of the list."""
    pagination: Pagination | None
    """Links to the list's other pages, when it has more than one."""
    year_bars: tuple[YearBar, ...]
    cooccurring: tuple[EntityItem, ...]


@dataclass(frozen=True)
class LetterGroup:
    letter: str
    anchor: str
    entities: tuple[EntityItem, ...]


@dataclass(frozen=True)
class KindIndexContext:
    meta: PageMeta
    kind: EntityKind
    letters: tuple[LetterGroup, ...]
    total: int


@dataclass(frozen=True)
class BrowseContext:
    meta: PageMeta
    kinds: tuple[KindGroup, ...]


@dataclass(frozen=True)
class MonthGroup:
    anchor: str
    month: int | None
    articles: tuple[Card, ...]


@dataclass(frozen=True)
class YearContext:
    meta: PageMeta
    year: int
    months: tuple[MonthGroup, ...]
    """The months on this page; a month may begin on one page and go on on the next."""
    pagination: Pagination | None
    previous_year: YearCount | None
    next_year: YearCount | None


@dataclass(frozen=True)
class YearCount:
    year: int
    count: int
    path: str


@dataclass(frozen=True)
class YearsContext:
    meta: PageMeta
    years: tuple[YearCount, ...]
    undated_count: int
    undated_path: str


@dataclass(frozen=True)
class UndatedContext:
    meta: PageMeta
    articles: tuple[Card, ...]
    pagination: Pagination | None


@dataclass(frozen=True)
class Option:
    value: str
    label: str


@dataclass(frozen=True)
class SearchContext:
    meta: PageMeta
    index_script: str
    """The search index's manifest (``search/manifest.js``); the shards sit beside it."""
    kinds: tuple[Option, ...]
    """Entity kinds and their plural names, the facets' legends."""


@dataclass(frozen=True)
class AboutContext:
    meta: PageMeta
    heading: str
    html: str


@dataclass(frozen=True)
class NotFoundNote:
    """The not-found message in another interface language, for a reader of that one."""

    lang: str
    title: str
    text: str
    home: str
    home_label: str
    unlinked: str
    """What to do instead of following a link, when the page has none."""


@dataclass(frozen=True)
class NotFoundContext:
    meta: PageMeta
    linked: bool
    """Whether the page shows links and loads assets: with a base URL they start at the
    server root and work at any depth; without one each would miss again from a missing
    address, so the page is plain text that reads well unstyled."""
    others: tuple[NotFoundNote, ...]
    """The message in every other interface language: hosts serve one 404 page for all."""


@dataclass(frozen=True)
class RedirectContext:
    """A page at an old address of an article (a sidecar's ``aliases``), sending readers on.

    ``meta.canonical`` is the new page's absolute URL when the base URL is known.
    """

    meta: PageMeta
    target: str
    """The article's page, from the site root."""
    article_title: str
    text_lang: str
    """The language of the article's title."""


PageContext = (
    HomeContext
    | ArticleContext
    | EntityContext
    | KindIndexContext
    | BrowseContext
    | YearContext
    | YearsContext
    | UndatedContext
    | SearchContext
    | AboutContext
    | NotFoundContext
    | RedirectContext
)
