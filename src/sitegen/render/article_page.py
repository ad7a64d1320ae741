"""The article page: the full text with linked first mentions, metadata, provenance and citation."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup

from sitegen.core import urls
from sitegen.core.i18n import format_date_value, language_name
from sitegen.core.records import ArticleRecord, Block, block_plain_text
from sitegen.render.citation import (
    REFERENCE_FORMATS,
    STYLE_NAME,
    Reference,
    formatted_reference,
    harvard_key,
    inverted_name,
    reference_of,
)
from sitegen.render.markup import entity_links, render_blocks
from sitegen.render.planner import Page, Planner
from sitegen.render.views import (
    ArticleContext,
    Card,
    Citation,
    MetaTag,
    ProvenanceRow,
    ReferenceFile,
    RelatedItem,
)

# A related article's reason names this many shared entities (the rarest) and counts the
# rest; one more is named rather than counted ("A, B, C, D", not "A, B, C and 1 more").
REASON_NAMES = 3

# The record's fields whose origin the metadata panel shows, in display order.
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
# The provenance entry a field's row shows, where its name differs: a record's tags and
# entities come from one reading (the gazetteer's, amended by the sidecar's tags).
PROVENANCE_KEYS = {"tags": "entities"}


@dataclass(frozen=True)
class ArticleInputs:
    """What an article page shows beyond what every page shares (``Planner.shared_inputs``).

    The page is made from these alone, so they are its cache key as well
    (``engine.incremental``): an article whose record, neighbours and related
    articles are unchanged is not made again.
    """

    record: ArticleRecord
    previous: Card | None
    next: Card | None
    related: tuple[tuple[Card, tuple[str, ...], int], ...]
    """Each related article's card, the shared entities its reason names (``reason_shown``)
    and how many more it counts."""
    year_path: str | None
    """Its month on the year page that holds it (which page moves as the year grows)."""


def article_inputs(p: Planner, record: ArticleRecord) -> ArticleInputs:
    previous, following = p.model.neighbours(record)
    return ArticleInputs(
        record,
        _card_or_none(p, previous),
        _card_or_none(p, following),
        tuple(
            (p.card(item.record), *reason_shown(item.shared)) for item in p.model.related[record.id]
        ),
        p.month_path(record.date) if record.date is not None else None,
    )


def article_page(p: Planner, inputs: ArticleInputs) -> Page:
    model, record = p.model, inputs.record
    neutral = urls.article_neutral_path(record.slug)
    path = p.path(neutral)
    blocks = record.blocks.decoded()
    counts = {ref.id: ref.count for ref in record.entities}
    counts.update({tag: 1 for tag in model.entity_ids(record) if tag not in counts})
    links = entity_links(
        [(ref.id, ref.first_form, ref.first_block) for ref in record.entities],
        lambda entity_id: urls.relative_url(path, p.entity_item(entity_id, 0).path),
        {ref.id: model.entities[ref.id].label(p.lang) for ref in record.entities},
    )
    return Page(
        path,
        "article.html",
        ArticleContext(
            meta=p.meta(
                neutral,
                record.title,
                record.summary,
                og_type="article",
                json_ld=news_article_json_ld(p, record, path),
                metadata=bibliographic_metadata(p, record, path),
            ),
            title=record.title,
            text_lang=record.language,
            date=record.date,
            year_path=inputs.year_path,
            language=language_name(record.language, p.lang),
            publisher=record.publisher,
            author=record.author,
            source_url=record.source_url,
            summary=standalone_summary(record.summary, blocks),
            body_html=render_blocks(blocks, links),
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
                RelatedItem(card, related_reason(p, shown, more))
                for card, shown, more in inputs.related
            ),
            previous=inputs.previous,
            next=inputs.next,
            citation=citation(p, record),
            provenance=provenance_rows(record),
            notes=record.notes,
        ),
    )


def reason_shown(shared: Sequence[str]) -> tuple[tuple[str, ...], int]:
    """Of the shared entities (rarest first), those a related article's reason names, and
    how many more it counts: all of them up to ``REASON_NAMES`` + 1, else the first
    ``REASON_NAMES``.

    Twenty names on every related article would bury the few that say why.
    """
    shown = tuple(shared if len(shared) <= REASON_NAMES + 1 else shared[:REASON_NAMES])
    return shown, len(shared) - len(shown)


def related_reason(p: Planner, shown: tuple[str, ...], more: int) -> str:
    """The reason's text: the labels of ``reason_shown``'s entities, and how many more."""
    names = ", ".join(p.model.entities[e].label(p.lang) for e in shown)
    return p.t.text("article.related_more", names=names, n=more) if more else names


def standalone_summary(summary: str, blocks: Sequence[Block]) -> str:
    """The summary, unless the text opens with it (then the page would say it twice)."""
    if blocks and block_plain_text(blocks[0]).startswith(summary[:60]):
        return ""
    return summary


def counts_from_text(record: ArticleRecord) -> set[str]:
    """Ids the metadata panel already lists as mentions (tags repeat them otherwise)."""
    return {ref.id for ref in record.entities}


def _card_or_none(p: Planner, record: ArticleRecord | None) -> Card | None:
    return p.card(record) if record is not None else None


def citation(p: Planner, record: ArticleRecord) -> Citation:
    """The "cite this" block: Harvard from CSL, the archive's own form, and the facts to check."""
    cited = reference_of(record, p.model.config)
    quote = p.t.text("cite.quote_open"), p.t.text("cite.quote_close")
    parts = [record.author, f"{quote[0]}{record.title}{quote[1]}", record.publisher]
    parts.append(format_date_value(record.date, p.lang) or p.t.text("cite.no_date"))
    archival = ", ".join(part for part in parts if part) + "."
    return Citation(
        style_name=STYLE_NAME,
        formatted=_harvard(p, cited),
        archival=archival,
        original_url=record.source_url,
        accessed=record.retrieved,
        archive_url=cited.archive_url,
        archive_url_absolute=bool(p.model.config.base_url),
        sha256=record.source.sha256,
        source_path=urls.source_path(record.source.file),
        source_bytes=record.source.bytes,
        files=tuple(
            ReferenceFile(f.label, urls.reference_path(record.slug, f.suffix), f.media_type)
            for f in REFERENCE_FORMATS
        ),
    )


def _harvard(p: Planner, reference: Reference) -> Markup:
    known = p.harvard.get(harvard_key(reference, p.lang))
    # Made from escaped values by citeproc-py (formatted_reference), here or before the pages.
    return Markup(known) if known is not None else formatted_reference(reference, p.lang)


def provenance_rows(record: ArticleRecord) -> tuple[ProvenanceRow, ...]:
    """One row per field the record has, with its origin: the text's line, the sidecar, derived.

    The panel names each field and its origin; the values are shown above it.
    """
    rows = []
    for field in PROVENANCE_FIELDS:
        where = record.provenance.get(PROVENANCE_KEYS.get(field, field))
        if where is not None and getattr(record, field):
            rows.append(ProvenanceRow(field, where.origin, where.line, where.amended))
    return tuple(rows)


def news_article_json_ld(p: Planner, record: ArticleRecord, path: str) -> dict[str, object]:
    """schema.org ``NewsArticle``: the archive's page, based on the original, naming its entities.

    Entities are named by the ``@id`` of their own pages (``Planner.entity_ld_id``);
    the topics are what the article is ``about``, everything else it ``mentions``.
    """
    archive = p.ld_url(path, p.archive_path(record))
    data: dict[str, object] = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "@id": f"{archive}#article",
        "url": archive,
        "headline": record.title,
        "inLanguage": record.language,
        "description": record.summary,
        "identifier": {
            "@type": "PropertyValue",
            "propertyID": "SHA-256",
            "value": record.source.sha256,
        },
        "isPartOf": {
            "@type": "WebSite",
            "name": p.model.config.title_in(p.lang),
            "url": p.ld_url(path, p.path(urls.HOME)),
        },
    }
    if record.date:
        data["datePublished"] = record.date.iso
    if record.authors:
        data["author"] = [
            {"@type": "Person" if a.kind == "person" else "Organization", "name": a.name}
            for a in record.authors
        ]
    if record.publisher:
        data["publisher"] = {"@type": "Organization", "name": record.publisher}
    if record.source_url:
        data["isBasedOn"] = data["sameAs"] = record.source_url
    about: list[dict[str, str]] = []
    mentions: list[dict[str, str]] = []
    for ref in record.entities:
        node = {"@id": p.entity_ld_id(path, ref.id), "name": p.model.entities[ref.id].label(p.lang)}
        (about if ref.kind == "topic" else mentions).append(node)
    if about:
        data["about"] = about
    if mentions:
        data["mentions"] = mentions
    return data


def bibliographic_metadata(p: Planner, record: ArticleRecord, path: str) -> tuple[MetaTag, ...]:
    """Highwire Press ``citation_*`` and Dublin Core ``DC.*`` tags: what Zotero and Mendeley read.

    A date keeps its precision (``2022/01`` for a month); persons are "Family, Given".
    """
    archive = p.ld_url(path, p.archive_path(record))
    tags = [MetaTag("citation_title", record.title)]
    tags += [MetaTag("citation_author", inverted_name(author)) for author in record.authors]
    if record.date:
        tags.append(MetaTag("citation_publication_date", record.date.iso.replace("-", "/")))
    if record.publisher:
        tags.append(MetaTag("citation_publisher", record.publisher))
    tags += [
        MetaTag("citation_language", record.language),
        MetaTag("citation_public_url", archive),
        MetaTag("citation_fulltext_html_url", archive),
        MetaTag("DC.title", record.title),
    ]
    tags += [MetaTag("DC.creator", author.name) for author in record.authors]
    if record.date:
        tags.append(MetaTag("DC.date", record.date.iso))
    if record.publisher:
        tags.append(MetaTag("DC.publisher", record.publisher))
    tags += [MetaTag("DC.language", record.language), MetaTag("DC.identifier", archive)]
    if record.source_url:
        tags.append(MetaTag("DC.source", record.source_url))
    tags.append(MetaTag("DC.type", "Text"))
    return tuple(tags)
