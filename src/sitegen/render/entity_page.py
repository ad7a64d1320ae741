"""The entity page: an entity's articles, oldest first, its authority ids and linked data."""

from __future__ import annotations

from sitegen.core import urls
from sitegen.core.authorities import AUTHORITY_SCHEMES, authority_link, same_as
from sitegen.core.records import EntityKind
from sitegen.model.site import EntityInfo, SiteModel
from sitegen.render.pagination import ROWS_PER_PAGE, page_count, page_links, page_slice
from sitegen.render.planner import Page, Planner
from sitegen.render.views import AuthorityLink, EntityContext, FeedLink

MOST_COOCCURRING = 30
"""Entities listed as appearing alongside one: the most frequent; a long tail says little."""
SCHEMA_TYPES: dict[EntityKind, str] = {
    "country": "Country",
    "person": "Person",
    "organization": "Organization",
    "place": "Place",
    "topic": "DefinedTerm",
}


def entity_page(p: Planner, entity_id: str, number: int = 1) -> Page:
    """Page ``number`` of an entity's articles, oldest first, with its year bars.

    Oldest first, so that a new clipping, usually the newest, changes only the last page.
    """
    model = p.model
    info = model.entities[entity_id]
    records = model.by_entity.get(entity_id, ())
    label = info.label(p.lang)
    bars = p.year_bars(entity_id)

    def path_of(page: int) -> str:
        return p.path(urls.entity_neutral_path(info.kind, entity_id, page))

    count = entity_page_count(model, entity_id)
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
                p.t.text("entity.description", label=label, n=len(records)),
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
            articles=p.cards(tuple(page_slice(records, number, ROWS_PER_PAGE))),
            pagination=page_links(number, count, path_of) if count > 1 else None,
            # The overview (bars, companions) heads the first page; later pages are the list.
            year_bars=bars if number == 1 else (),
            cooccurring=tuple(
                p.entity_item(i, n)
                for i, n in model.cooccurring.get(entity_id, ())[:MOST_COOCCURRING]
            )
            if number == 1
            else (),
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
