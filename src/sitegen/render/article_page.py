"""The article page: the full text with linked first mentions, metadata, provenance and citation."""

from __future__ import annotations

import pickle

from sitegen.core import urls
from sitegen.core.i18n import format_date_value, language_name
from sitegen.core.records import ArticleRecord, block_plain_text
from sitegen.render.markup import entity_links, render_blocks
from sitegen.render.planner import Page, Planner
from sitegen.render.views import ArticleContext, Card, Citation, ProvenanceRow, RelatedItem

# The record fields whose origin the metadata panel shows, in display order.
PROVENANCE_FIELDS = (
    "title",
    "date",
    "language",
    "publisher",
    "author",
    "source_url",
    "summary",
    "tags",
)


def article_page(p: Planner, record: ArticleRecord) -> Page:
    model = p.model
    neutral = urls.article_neutral_path(record.slug)
    path = p.path(neutral)
    counts = {ref.id: ref.count for ref in record.entities}
    counts.update({tag: 1 for tag in model.entity_ids(record) if tag not in counts})
    links = entity_links(
        [(ref.id, ref.first_form, ref.first_block) for ref in record.entities],
        lambda entity_id: urls.relative_url(path, p.entity_item(entity_id, 0).path),
        {ref.id: model.entities[ref.id].label(p.lang) for ref in record.entities},
    )
    previous, following = model.neighbours(record)
    return Page(
        path,
        "article.html",
        ArticleContext(
            meta=p.meta(
                neutral,
                record.title,
                record.summary,
                og_type="article",
                json_ld=news_article_json_ld(p, record),
            ),
            title=record.title,
            text_lang=record.language,
            date=record.date,
            year_path=year_link(p, record),
            language=language_name(record.language, p.lang),
            publisher=record.publisher,
            author=record.author,
            source_url=record.source_url,
            summary=standalone_summary(record),
            body_html=render_blocks(record.blocks, links),
            entities=p.kind_groups(counts),
            tags=tuple(
                p.entity_item(tag, 0)
                for tag in record.tags
                if tag in model.entities and tag not in counts_from_text(record)
            ),
            free_tags=tuple(  # a sidecar's free tags are in both lists
                dict.fromkeys(
                    record.extra_tags + tuple(t for t in record.tags if t not in model.entities)
                )
            ),
            related=tuple(
                RelatedItem(
                    p.card(item.record),
                    ", ".join(model.entities[e].label(p.lang) for e in item.shared),
                )
                for item in model.related[record.id]
            ),
            previous=_card_or_none(p, previous),
            next=_card_or_none(p, following),
            citation=citation(p, record, path),
            provenance=provenance_rows(p, record),
            notes=record.notes,
        ),
    )


def article_inputs(p: Planner, record: ArticleRecord) -> bytes:
    """What ``article_page`` reads, without its cost (the body's HTML above all).

    The record; the cards of its neighbours and related articles; and what
    every page shares (configuration, entity labels and paths, assets).
    Keep it in step with ``article_page``: the incremental tests compare with
    clean builds.
    """
    previous, following = p.model.neighbours(record)
    related = [(p.card(item.record), item.shared) for item in p.model.related[record.id]]
    neighbours = [_card_or_none(p, previous), _card_or_none(p, following)]
    return p.shared_inputs + pickle.dumps((record, neighbours, related), protocol=5)


def standalone_summary(record: ArticleRecord) -> str:
    """The summary, unless the text opens with it (then the page would say it twice)."""
    if record.blocks and block_plain_text(record.blocks[0]).startswith(record.summary[:60]):
        return ""
    return record.summary


def counts_from_text(record: ArticleRecord) -> set[str]:
    """Ids the metadata panel already lists as mentions (tags repeat them otherwise)."""
    return {ref.id for ref in record.entities}


def year_link(p: Planner, record: ArticleRecord) -> str | None:
    if record.date is None:
        return None
    anchor = urls.month_anchor(record.date.month)
    return p.path(f"{urls.year_neutral_path(record.date.year)}#{anchor}")


def _card_or_none(p: Planner, record: ArticleRecord | None) -> Card | None:
    return p.card(record) if record is not None else None


def citation(p: Planner, record: ArticleRecord, path: str) -> Citation:
    """A reference in the interface language: who, what, where, when, and how to check it."""
    parts = [record.author, f"„{record.title}”", record.publisher]
    if record.date:
        parts.append(format_date_value(record.date, p.lang))
    text = ", ".join(part for part in parts if part) + "."
    base_url = p.model.config.base_url
    return Citation(
        text=text,
        access_url=record.source_url or (urls.absolute_url(base_url, path) if base_url else None),
        sha256=record.source.sha256,
        source_path=urls.source_path(record.source.file),
        source_bytes=record.source.bytes,
    )


def provenance_rows(p: Planner, record: ArticleRecord) -> tuple[ProvenanceRow, ...]:
    """One row per field with a known origin: what the text said, what the curator added."""
    values = {
        "title": record.title,
        "date": format_date_value(record.date, p.lang) if record.date else "",
        "language": language_name(record.language, p.lang),
        "publisher": record.publisher or "",
        "author": record.author or "",
        "source_url": record.source_url or "",
        "summary": record.summary,
        "tags": ", ".join(
            p.model.entities[t].label(p.lang) if t in p.model.entities else t for t in record.tags
        ),
    }
    rows = []
    for field in PROVENANCE_FIELDS:
        origin = record.provenance.get(field)
        if origin is None or not values[field]:
            continue
        kind, _, line = origin.partition(":")
        rows.append(
            ProvenanceRow(
                field=field,
                value=values[field],
                origin=kind if kind in ("text", "sidecar", "derived") else "derived",
                line=int(line) if line.isdigit() else None,
            )
        )
    return tuple(rows)


def news_article_json_ld(p: Planner, record: ArticleRecord) -> dict[str, object]:
    """schema.org ``NewsArticle`` metadata for search engines and citation tools."""
    data: dict[str, object] = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": record.title,
        "inLanguage": record.language,
        "description": record.summary,
        "about": [p.model.entities[ref.id].label(p.lang) for ref in record.entities],
    }
    if record.date:
        data["datePublished"] = record.date.iso
    if record.author:
        data["author"] = {"@type": "Person", "name": record.author}
    if record.publisher:
        data["publisher"] = {"@type": "Organization", "name": record.publisher}
    if record.source_url:
        data["url"] = record.source_url
    return data
