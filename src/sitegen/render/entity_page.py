"""The entity page: an entity's articles, oldest first, its authority ids and linked data."""

from __future__ import annotations

from dataclasses import dataclass

from sitegen.core import urls
from sitegen.core.authorities import AUTHORITY_SCHEMES, authority_link, same_as
from sitegen.core.fingerprint import Run
from sitegen.core.records import EntityKind
from sitegen.model.site import EntityInfo, SiteModel
from sitegen.render.pagination import ROWS_PER_PAGE, page_count, page_links, page_slice
from sitegen.render.planner import Page, Planner
from sitegen.render.views import AuthorityLink, Card, EntityContext, FeedLink, YearBar

MOST_COOCCURRING = 30
"""Entities listed as appearing alongside one: the most frequent; a long tail says little."""
SCHEMA_TYPES: dict[EntityKind, str] = {
    "country": "Country",
    "person": "Person",
    "organization": "Organization",
    "place": "Place",
    "topic": "DefinedTerm",
}


@dataclass(frozen=True)
class EntityInputs:
    """What one page of an entity's list shows beyond what every page shares
    (``Planner.shared_inputs``): its cache key as well, as ``ArticleInputs`` is an
    article page's. An entity page whose rows are unchanged is not made again.
    """

    entity_id: str
    number: int
    pages: int
    """How many pages its list fills."""
    articles: int
    """How many articles name it."""
    cards: Run[Card]
    """This page's articles as its list shows them, oldest first: an edit that leaves an
    article's card as it was (its text) leaves the page as it was."""
    year_bars: tuple[YearBar, ...]
    """Its articles per year: on the first page only, as the companions."""
    cooccurring: tuple[tuple[str, int], ...]


def entity_inputs(p: Planner, entity_id: str, number: int = 1) -> EntityInputs:
    """Page ``number``'s inputs: oldest first, so that a new clipping, usually the
    newest, changes only the last page (and the first, which counts them)."""
    model = p.model
    records = model.by_entity.get(entity_id, ())
    first = number == 1
    return EntityInputs(
        entity_id,
        number,
        entity_page_count(model, entity_id),
        len(records),
        Run(p.cards(tuple(page_slice(records, number, ROWS_PER_PAGE)))),
        p.year_bars(entity_id) if first else (),
        tuple(model.cooccurring.get(entity_id, ())[:MOST_COOCCURRING]) if first else (),
    )


def entity_page(p: Planner, inputs: EntityInputs) -> Page:
    """A page of an entity's articles; the first heads them with its year bars and companions."""
    entity_id, number, count = inputs.entity_id, inputs.number, inputs.pages
    info = p.model.entities[entity_id]
    label = info.label(p.lang)

    def path_of(page: int) -> str:
        return p.path(urls.entity_neutral_path(info.kind, entity_id, page))

    neutral = urls.entity_neutral_path(info.kind, entity_id, number)
    title = f"{label} ({p.t.text(f'kind.{info.kind}.one')})"
    if count > 1:
        title = p.t.text("pagination.title", title=title, page=number, count=count)
    feed = FeedLink(
        p.path(urls.entity_feed_neutral_path(info.kind, entity_id)),
        p.t.text("entity.feed_title", label=label),
    )
    return Page(
        p.path(neutral),
        "entity.html",
        EntityContext(
            meta=p.meta(
                neutral,
                title,
                p.t.text("entity.description", label=label, n=inputs.articles),
                json_ld=entity_json_ld(p, info, p.path(neutral)),
                page_feed=feed,
            ),
            label=label,
            about=info.description(p.lang),
            authority=tuple(
                AuthorityLink(s, info.authority[s], authority_link(s, info.authority[s]))
                for s in AUTHORITY_SCHEMES
                if s in info.authority
            ),
            iso_codes=info.iso_codes,
            kind=info.kind,
            kind_path=p.path(urls.kind_index_neutral_path(info.kind)),
            articles=inputs.cards.items,
            pagination=page_links(number, count, path_of) if count > 1 else None,
            year_bars=inputs.year_bars,
            cooccurring=tuple(p.entity_item(i, n) for i, n in inputs.cooccurring),
        ),
    )


def entity_page_count(model: SiteModel, entity_id: str) -> int:
    """How many pages an entity's list of articles fills."""
    return page_count(len(model.by_entity.get(entity_id, ())), ROWS_PER_PAGE)


def entity_json_ld(p: Planner, info: EntityInfo, path: str) -> dict[str, object]:
    """schema.org data of the entity: its ``@id`` (as articles name it), labels, authorities."""
    data: dict[str, object] = {
        "@context": "https://schema.org",
        "@type": SCHEMA_TYPES[info.kind],
        "@id": p.entity_ld_id(path, info.id),
        "name": info.label(p.lang),
        "url": p.ld_url(path, p.path(urls.entity_neutral_path(info.kind, info.id))),
    }
    other_names = sorted(set(info.labels.values()) - {info.label(p.lang)})
    if other_names:
        data["alternateName"] = other_names
    if info.description(p.lang):
        data["description"] = info.description(p.lang)
    if info.authority:
        data["sameAs"] = same_as(info.authority)
    if info.iso_codes:
        data["identifier"] = [
            {"@type": "PropertyValue", "propertyID": f"ISO 3166-1 alpha-{len(code)}", "value": code}
            for code in info.iso_codes
        ]
    return data
