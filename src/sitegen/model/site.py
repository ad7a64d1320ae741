"""The site model: every index the pages are planned from, computed once.

``SiteModel.from_collection`` groups records by year, month and entity, ranks
related articles (shared entities and topics first, then closeness in time),
links neighbours in time and counts entities that occur together. Slugs are
the loader's (unique by then). It reads nothing from disk.
"""

from __future__ import annotations

import bisect
import hashlib
import heapq
from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field

from sitegen.core.records import ArticleRecord, DateValue, EntityKind
from sitegen.load.config import SiteConfig
from sitegen.load.entities import Catalogue, label_in
from sitegen.load.loader import Collection
from sitegen.model.links import Links

RELATED_LIMIT = 5
RELATED_WINDOW = 25
# Used as the time distance to an undated record: farther than any real one.
_UNDATED_DISTANCE = 10**6


@dataclass(frozen=True, slots=True)
class EntityInfo:
    """An entity that occurs in at least one record."""

    id: str
    kind: EntityKind
    labels: Mapping[str, str]
    """The catalogue's labels; empty for a name found in the texts alone."""
    fallback_label: str
    """The record's label, for an entity the catalogue does not label."""
    country: str | None = None
    descriptions: Mapping[str, str] = field(default_factory=dict)
    names: tuple[str, ...] = ()
    """Every name it goes by in any language and case (labels, forms, aliases), for search.

    Sorted, not a set: page keys pickle the entities, and a set's order changes
    from one process to the next with the string hash seed."""
    authority: Mapping[str, str] = field(default_factory=dict)
    """The catalogue's authority ids (``core.authorities``)."""
    iso_codes: tuple[str, ...] = ()

    def label(self, lang: str) -> str:
        return label_in(self.labels, lang, self.fallback_label)

    def description(self, lang: str) -> str:
        return self.descriptions.get(lang, "")


@dataclass(frozen=True, slots=True)
class Related:
    """An article related to another, with the shared entity ids that make it so."""

    record: ArticleRecord
    shared: tuple[str, ...]
    """Those fewest records name first (the most telling), ties in the order in which the
    article whose related list this is names them."""


@dataclass(frozen=True)
class SiteModel:
    """Records and their indexes; records in date order, undated last, then id."""

    config: SiteConfig
    records: tuple[ArticleRecord, ...]
    entities: Mapping[str, EntityInfo]
    by_entity: Mapping[str, tuple[ArticleRecord, ...]]
    by_year: Mapping[int, tuple[ArticleRecord, ...]]
    undated: tuple[ArticleRecord, ...]
    related: Mapping[str, tuple[Related, ...]]
    cooccurring: Mapping[str, tuple[tuple[str, int], ...]]
    """Entity id → (other entity id, number of records with both), most first."""
    positions: Mapping[str, int]
    """Record id → its index in ``records``, for neighbours in constant time."""
    links_key: str = ""
    """``Links.key`` of these records (``links`` gives them to keep for the next build)."""
    links_taken_over: bool = False
    """Whether the last build's links were still right, and so are nothing new to keep."""

    @classmethod
    def from_collection(cls, collection: Collection, known: Links | None = None) -> SiteModel:
        """The model of ``collection``; ``known``: the last build's links, used if still right."""
        records = tuple(sorted(collection.records, key=lambda r: r.sort_key))
        entities = collect_entities(records, collection.catalogue)
        key = links_key(records, entities)
        taken_over = known is not None and known.key == key
        if taken_over and known is not None:
            by_id = {record.id: record for record in records}
            related = {
                record_id: tuple(Related(by_id[other], shared) for other, shared in items)
                for record_id, items in known.related.items()
            }
            cooccurring = dict(known.cooccurring)
        else:
            related = rank_all_related(records, entities)
            cooccurring = count_cooccurring(records, entities)
        by_entity: dict[str, list[ArticleRecord]] = defaultdict(list)
        by_year: dict[int, list[ArticleRecord]] = defaultdict(list)
        for record in records:
            for entity_id in entity_ids(record, entities):
                by_entity[entity_id].append(record)
            if record.date is not None:
                by_year[record.date.year].append(record)
        return cls(
            config=collection.config,
            records=records,
            entities=entities,
            by_entity={k: tuple(v) for k, v in sorted(by_entity.items())},
            by_year={k: tuple(v) for k, v in sorted(by_year.items())},
            undated=tuple(r for r in records if r.date is None),
            related=related,
            cooccurring=cooccurring,
            positions={r.id: i for i, r in enumerate(records)},
            links_key=key,
            links_taken_over=taken_over,
        )

    def links(self) -> Links:
        related = {
            record_id: tuple((item.record.id, item.shared) for item in items)
            for record_id, items in self.related.items()
        }
        return Links(self.links_key, related, self.cooccurring)

    def neighbours(
        self, record: ArticleRecord
    ) -> tuple[ArticleRecord | None, ArticleRecord | None]:
        """The records before and after ``record`` in time order."""
        index = self.positions[record.id]
        before = self.records[index - 1] if index > 0 else None
        after = self.records[index + 1] if index + 1 < len(self.records) else None
        return before, after

    def entities_of_kind(self, kind: EntityKind) -> tuple[EntityInfo, ...]:
        return tuple(e for e in self.entities.values() if e.kind == kind)

    def newest(self, count: int) -> tuple[ArticleRecord, ...]:
        """The ``count`` newest dated records, newest first."""
        dated = [r for r in self.records if r.date is not None]
        return tuple(reversed(dated[-count:]))

    def entity_ids(self, record: ArticleRecord) -> tuple[str, ...]:
        return entity_ids(record, self.entities)

    def countries_of(self, record: ArticleRecord) -> tuple[str, ...]:
        ids = self.entity_ids(record)
        return tuple(i for i in ids if self.entities[i].kind == "country")


def entity_ids(record: ArticleRecord, known: Mapping[str, EntityInfo]) -> tuple[str, ...]:
    """The entity ids a record is filed under: its mentions, then tags naming known entities.

    The one rule of which entity pages list a record: ``by_entity`` (entity pages,
    kind indexes, counts), related articles, co-occurrence, the article page's
    entity panel and the search index all ask it. The data exports carry the
    record's own mentions (``entities``) and ``tags`` apart, as the record has them.
    """
    ids = [e.id for e in record.entities]
    ids.extend(tag for tag in record.tags if tag in known and tag not in ids)
    return tuple(ids)


def collect_entities(
    records: tuple[ArticleRecord, ...], catalogue: Catalogue
) -> dict[str, EntityInfo]:
    """Every entity that occurs, labelled from the catalogue where it is known."""
    found: dict[str, EntityInfo] = {}
    for record in records:
        for ref in record.entities:
            if ref.id not in found:
                found[ref.id] = _entity_info(ref.id, ref.kind, ref.label, catalogue)
        for tag in record.tags:
            if tag not in found and tag in catalogue:
                entity = catalogue[tag]
                found[tag] = _entity_info(tag, entity.kind, entity.label("en"), catalogue)
    return dict(sorted(found.items()))


def _entity_info(entity_id: str, kind: EntityKind, label: str, catalogue: Catalogue) -> EntityInfo:
    known = catalogue.entities.get(entity_id)
    return EntityInfo(
        id=entity_id,
        kind=known.kind if known else kind,
        labels=dict(known.labels) if known else {},
        fallback_label=label,
        country=known.country if known else None,
        descriptions=dict(known.description) if known else {},
        names=tuple(sorted({label, *known.labels.values(), *known.forms, *known.aliases}))
        if known
        else (label,),
        authority=dict(known.authority) if known else {},
        iso_codes=known.iso_codes if known else (),
    )


def links_key(records: tuple[ArticleRecord, ...], known: Mapping[str, EntityInfo]) -> str:
    """A digest of what related articles and co-occurrence are worked out from."""
    digest = hashlib.sha256(f"{RELATED_LIMIT} {RELATED_WINDOW}".encode())
    for record in records:
        date = record.date.sort_key if record.date else ()
        digest.update(f"\n{record.id}\t{date}\t{' '.join(entity_ids(record, known))}".encode())
    return digest.hexdigest()


def rank_all_related(
    records: tuple[ArticleRecord, ...], known: Mapping[str, EntityInfo]
) -> dict[str, tuple[Related, ...]]:
    """For each record, the records sharing entities with it: most shared first, then nearest.

    Candidates come from an inverted index, and for each shared entity only from
    the ``RELATED_WINDOW`` records nearest in time on either side, so a collection
    where every text names Poland stays linear rather than comparing all pairs.
    Candidates are counted in bulk (``Counter.update`` runs in C); which entities
    a pair shares is worked out only for the few that are shown.
    """
    ids_of = [entity_ids(record, known) for record in records]
    postings: dict[str, list[int]] = defaultdict(list)
    for position, ids in enumerate(ids_of):
        for entity_id in ids:
            postings[entity_id].append(position)
    days = [_approximate_day(r.date) if r.date else None for r in records]
    related: dict[str, tuple[Related, ...]] = {}
    for position, record in enumerate(records):
        windows = [
            (entity_id, _window(postings[entity_id], position)) for entity_id in ids_of[position]
        ]
        counts: Counter[int] = Counter()
        for _, (posting, start, stop) in windows:
            counts.update(posting[start:stop])
        del counts[position]
        day = days[position]

        def rank(item: tuple[int, int], day: int | None = day) -> tuple[int, int, str]:
            other_day = days[item[0]]
            distance = (
                abs(day - other_day)
                if day is not None and other_day is not None
                else _UNDATED_DISTANCE
            )
            return (-item[1], distance, records[item[0]].id)

        # Only candidates sharing as many entities as the fifth most can be among the best.
        least = min(heapq.nlargest(RELATED_LIMIT, counts.values()), default=0)
        best = heapq.nsmallest(
            RELATED_LIMIT, [item for item in counts.items() if item[1] >= least], key=rank
        )
        related[record.id] = tuple(
            Related(records[other], _shared(windows, other, ids_of[other])) for other, _ in best
        )
    return related


def _window(posting: list[int], position: int) -> tuple[list[int], int, int]:
    """The part of an entity's posting list near ``position``: ``RELATED_WINDOW`` each side."""
    at = bisect.bisect_left(posting, position)
    return posting, max(0, at - RELATED_WINDOW), min(len(posting), at + RELATED_WINDOW + 1)


def _shared(
    windows: list[tuple[str, tuple[list[int], int, int]]], other: int, its_ids: tuple[str, ...]
) -> tuple[str, ...]:
    """The entities both records name whose window holds ``other``.

    Those named by the fewest records come first: a pair of texts sharing a small
    company says more than a pair sharing Poland. Ties keep ``windows``' order (how the
    article whose related list this is names them).
    """
    common = set(its_ids)
    shared = []
    for entity_id, (posting, start, stop) in windows:
        if entity_id in common:
            at = bisect.bisect_left(posting, other, start, stop)
            if at < stop and posting[at] == other:
                shared.append((len(posting), entity_id))
    return tuple(entity_id for _, entity_id in sorted(shared, key=lambda item: item[0]))


def _approximate_day(value: DateValue) -> int:
    """Days since year 0, roughly (unknown month or day taken as mid-period)."""
    month = value.month if value.month is not None else 6
    day = value.day if value.day is not None else 15
    return value.year * 372 + month * 31 + day


def count_cooccurring(
    records: tuple[ArticleRecord, ...], known: Mapping[str, EntityInfo]
) -> dict[str, tuple[tuple[str, int], ...]]:
    """For each entity, the others found in the same records, with how many records."""
    pairs: dict[str, Counter[str]] = defaultdict(Counter)
    for record in records:
        ids = entity_ids(record, known)
        for entity_id in ids:
            pairs[entity_id].update(ids)  # itself included, removed below: update runs in C
    for entity_id, counter in pairs.items():
        del counter[entity_id]
    return {
        entity_id: tuple(sorted(counter.items(), key=lambda item: (-item[1], item[0])))
        for entity_id, counter in sorted(pairs.items())
    }
