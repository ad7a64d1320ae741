"""The article record: what the loader produces and every later stage reads.

Records are frozen and carry no I/O. ``record_to_json`` gives the object that
``sitegen inspect --json`` prints and ``build/data/articles.json`` holds.

>>> DateValue(2022, 1, None).iso
'2022-01'
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field, fields
from typing import Any, Literal, TypeVar, cast

from sitegen.core.inline import strip_inline_markdown

DatePrecision = Literal["day", "month", "year"]
EntityKind = Literal["country", "person", "organization", "place", "topic"]
BlockKind = Literal["paragraph", "heading", "list", "quote"]
EntityOrigin = Literal["gazetteer", "derived"]
AuthorKind = Literal["person", "organization"]
ProvenanceOrigin = Literal["text", "sidecar", "derived"]

ENTITY_KINDS: tuple[EntityKind, ...] = ("country", "person", "organization", "place", "topic")


@dataclass(frozen=True, order=True, slots=True)
class DateValue:
    """A date known to the day, the month or only the year."""

    year: int
    month: int | None = None
    day: int | None = None

    def __reduce__(self) -> tuple[Callable[..., DateValue], tuple[object, ...]]:
        return _shared_value, (DateValue, self.year, self.month, self.day)

    @property
    def precision(self) -> DatePrecision:
        if self.day is not None:
            return "day"
        return "month" if self.month is not None else "year"

    @property
    def iso(self) -> str:
        parts = [f"{self.year:04d}"]
        if self.month is not None:
            parts.append(f"{self.month:02d}")
        if self.day is not None:
            parts.append(f"{self.day:02d}")
        return "-".join(parts)

    @property
    def sort_key(self) -> tuple[int, int, int]:
        return (self.year, self.month or 0, self.day or 0)


@dataclass(frozen=True, slots=True)
class Block:
    """One block of the body. ``text`` holds inline Markdown (emphasis, links).

    A list keeps its items in ``items`` and their plain join in ``text``.
    ``line`` is the 1-based line of the raw source the block starts on.
    """

    kind: BlockKind
    text: str
    line: int
    items: tuple[str, ...] = ()
    level: int = 0


_ANY_TEXT = "surrogatepass"  # a lone surrogate is text too: encoded, not refused


@dataclass(frozen=True, slots=True)
class Body:
    """An article's blocks, kept encoded (compact UTF-8 JSON) and decoded each time they
    are read: iterate once, or take ``decoded()`` once, per use. It has no length and no
    indexing of its own, which would decode the whole text for one block.

    As Python objects the bodies of 10,000 articles are some 50 MiB, and a build's worker
    process that only reads one copies the memory pages it lies in (reading changes
    reference counts). Encoded, and gathered into one buffer before the workers start
    (``share``), they are read without being written to.
    """

    _data: bytes | memoryview

    @classmethod
    def of(cls, blocks: Iterable[Block]) -> Body:
        rows = [[b.kind, b.text, b.line, list(b.items), b.level] for b in blocks]
        text = json.dumps(rows, ensure_ascii=False, separators=(",", ":"))
        return cls(text.encode("utf-8", _ANY_TEXT))

    @staticmethod
    def share(bodies: Iterable[Body]) -> None:
        """Move ``bodies`` into one buffer; each keeps its value (and its equality, hash)."""
        kept = list(bodies)
        view = memoryview(b"".join(body._data for body in kept))
        offset = 0
        for body in kept:
            end = offset + len(body._data)
            object.__setattr__(body, "_data", view[offset:end])  # the same bytes, elsewhere
            offset = end

    def decoded(self) -> tuple[Block, ...]:
        """Every block (each call decodes them again)."""
        rows = json.loads(str(self._data, "utf-8", _ANY_TEXT))
        return tuple(
            Block(cast(BlockKind, sys.intern(kind)), text, line, tuple(items), level)
            for kind, text, line, items, level in rows
        )

    def __iter__(self) -> Iterator[Block]:
        return iter(self.decoded())

    def __bool__(self) -> bool:
        return len(self._data) > len(b"[]")

    def __repr__(self) -> str:
        return f"Body({self.decoded()!r})"

    def __reduce__(self) -> tuple[type[Body], tuple[bytes]]:
        return Body, (bytes(self._data),)


@dataclass(frozen=True, slots=True)
class EntityRef:
    """An entity or topic a record mentions, with how often and where first."""

    id: str
    kind: EntityKind
    label: str
    count: int
    first_form: str = ""
    """The text as it first appears in the body (``Kazachstanie``), for linking."""
    first_block: int = -1
    """Index into ``ArticleRecord.blocks`` of that first mention (-1: only in title/sidecar)."""
    origin: EntityOrigin = "gazetteer"
    """``gazetteer``: a known entity; ``derived``: a name the loader found in the text."""

    def __reduce__(self) -> tuple[Callable[[_RefFields], EntityRef], tuple[_RefFields]]:
        # Unpickled (records from the workers, the build cache), equal references are one
        # object and their ids, labels and forms one string each: see _interned_ref.
        values: _RefFields = (
            self.id,
            self.kind,
            self.label,
            self.count,
            self.first_form,
            self.first_block,
            self.origin,
        )
        return _interned_ref, (values,)


_RefFields = tuple[str, EntityKind, str, int, str, int, EntityOrigin]
_Shared = TypeVar("_Shared")


def _shared_value(kind: type[_Shared], *values: object) -> _Shared:
    """The one object of ``kind`` with these fields unpickled in this process.

    For the small values every record holds many of, with few distinct ones: the
    provenance of its fields (28 distinct of 78,424 at 10,000 records), its dates.
    """
    key = (kind, *values)
    known = _known_values.get(key)
    if known is None:
        known = _known_values[key] = kind(*values)
    return cast(_Shared, known)


def _interned_ref(values: _RefFields) -> EntityRef:
    """``_shared_value`` for an entity mention, its strings interned when first made.

    Most mentions repeat one another across records (the same country named as often,
    first, in the same form): at 10,000 records, 4,807 distinct of 250,785. Shared, they
    are neither built again on each unpickling (half of reading the record memo) nor
    held, and copied by every worker that reads them, once per record.
    """
    known = _known_values.get((EntityRef, *values))
    if known is None:
        entity_id, kind, label, count, first_form, first_block, origin = values
        intern = sys.intern
        interned = (intern(entity_id), intern(kind), intern(label), count, intern(first_form))
        known = _shared_value(EntityRef, *interned, first_block, intern(origin))
    return cast(EntityRef, known)


_known_values: dict[tuple[object, ...], object] = {}
"""By kind and fields (frozen values: safe to share). Held for the life of the process:
bounded by the distinct values read, of which a long ``sitegen serve`` adds only what
edits make new."""


@dataclass(frozen=True, slots=True)
class Author:
    """One author of a record: a person, or an organisation credited as author."""

    name: str
    kind: AuthorKind

    def __reduce__(self) -> tuple[Callable[..., Author], tuple[object, ...]]:
        return _shared_value, (Author, self.name, self.kind)


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date the text names, with the sentence it first stands in."""

    date: DateValue
    sentence: str
    line: int
    """The 1-based line of the raw source its block starts on."""

    def __reduce__(self) -> tuple[type[DateMention], tuple[object, ...]]:
        return DateMention, (self.date, self.sentence, self.line)


@dataclass(frozen=True, slots=True)
class SourceInfo:
    file: str
    sha256: str
    bytes: int
    encoding: str = "utf-8"

    def __reduce__(self) -> tuple[type[SourceInfo], tuple[object, ...]]:
        return SourceInfo, (self.file, self.sha256, self.bytes, self.encoding)


@dataclass(frozen=True, slots=True)
class Provenance:
    """Where a field of a record came from: the text (a line of it), the sidecar, or sitegen.

    ``derived`` is worked out by sitegen (the language detected, a summary from
    the first sentences, the entities found).

    Read by attribute inside sitegen; ``str()`` gives the form the JSON export
    writes (README.md, "What the loader reads"), and nothing parses that form back:

    >>> str(Provenance("text", 12)), str(Provenance("sidecar")), str(Provenance("derived"))
    ('text:12', 'sidecar', 'derived')
    """

    origin: ProvenanceOrigin
    line: int | None = None
    """The text's 1-based line, for ``text`` when one line gives the field."""
    amended: bool = False
    """Derived, then changed by the sidecar (``tags``, ``remove_tags`` on the entities)."""

    def __reduce__(self) -> tuple[Callable[..., Provenance], tuple[object, ...]]:
        return _shared_value, (Provenance, self.origin, self.line, self.amended)

    def __str__(self) -> str:
        if self.line is not None:
            return f"{self.origin}:{self.line}"
        return f"{self.origin}+sidecar" if self.amended else self.origin


@dataclass(frozen=True, slots=True)
class ArticleRecord:
    id: str
    slug: str
    title: str
    date: DateValue | None
    language: str
    publisher: str | None
    author: str | None
    source_url: str | None
    summary: str
    blocks: Body
    entities: tuple[EntityRef, ...]
    tags: tuple[str, ...]
    date_mentions: tuple[DateMention, ...]
    """Each distinct date the text names, in date order."""
    provenance: Mapping[str, Provenance]
    """Field name (``title``, ``date``, ``body``, ``entities``…) → where it came from."""
    source: SourceInfo
    notes: str | None = None
    extra_tags: tuple[str, ...] = field(default=())
    """Free tags from the sidecar that name no entity or topic."""
    retrieved: DateValue | None = None
    """When the clipping was saved, if the clipper stamped it (``25.04.2024, 19:13``)."""
    date_evidence: str = ""
    """What the date's line is (``publication label 'Data publikacji'``); empty from a sidecar."""
    unsure: tuple[str, ...] = ()
    """Fields read without confidence (``title``, ``date``): the curator checks these first."""
    aliases: tuple[str, ...] = ()
    """Old slugs of the article (the sidecar's ``aliases``): redirect pages lead from them."""
    authors: tuple[Author, ...] = ()
    """``author`` read as names: each person of a byline, or the one organisation."""
    date_context: str = ""
    """The line the publication date was read from, as the text has it; empty otherwise."""

    def __reduce__(self) -> tuple[Callable[[tuple[object, ...]], ArticleRecord], tuple[object]]:
        # Field values without their names (each record is pickled on its own), read
        # back by _unpickled_record.
        return _unpickled_record, (tuple(getattr(self, name) for name in _RECORD_FIELDS),)

    @property
    def mentioned_dates(self) -> tuple[str, ...]:
        return tuple(mention.date.iso for mention in self.date_mentions)

    @property
    def body_text(self) -> str:
        return plain_text(self.blocks)

    @property
    def date_precision(self) -> DatePrecision | None:
        return self.date.precision if self.date else None

    @property
    def sort_key(self) -> tuple[int, tuple[int, int, int], str]:
        """Date order, undated last, then id."""
        if self.date is None:
            return (1, (0, 0, 0), self.id)
        return (0, self.date.sort_key, self.id)


_RECORD_FIELDS = tuple(record_field.name for record_field in fields(ArticleRecord))


def _unpickled_record(values: tuple[object, ...]) -> ArticleRecord:
    """A record from its pickle, its tags, field names and language one string each.

    Every record names the same few fields and languages, and its tags are the ids
    its entity references already share: 10 MiB of copies at 10,000 records.
    """
    record: dict[str, Any] = dict(zip(_RECORD_FIELDS, values, strict=True))
    record["tags"] = tuple(map(sys.intern, record["tags"]))
    record["provenance"] = {sys.intern(name): where for name, where in record["provenance"].items()}
    record["language"] = sys.intern(record["language"])
    return ArticleRecord(**record)


def origin_of(provenance: Mapping[str, Provenance], name: str) -> ProvenanceOrigin | None:
    """Where the field ``name`` came from; ``None`` when nothing gave it."""
    where = provenance.get(name)
    return where.origin if where is not None else None


def plain_text(blocks: Iterable[Block]) -> str:
    """The words of ``blocks`` without Markdown, a blank line between blocks (``body_text``).

    >>> plain_text([Block("paragraph", "**Szef BBN** w Astanie.", 1),
    ...             Block("list", "", 3, items=("jeden", "*dwa*"))])
    'Szef BBN w Astanie.\\n\\njeden\\ndwa'
    """
    return "\n\n".join(block_plain_text(block) for block in blocks)


def block_plain_text(block: Block) -> str:
    """One block's words without Markdown; a list's items one a line."""
    if block.kind == "list":
        return "\n".join(strip_inline_markdown(item) for item in block.items)
    return strip_inline_markdown(block.text)


def record_to_json(record: ArticleRecord, url: str) -> dict[str, object]:
    """The record as the public JSON object (its fields: README.md, "What the loader reads")."""
    return {
        "id": record.id,
        "slug": record.slug,
        "aliases": list(record.aliases),
        "url": url,
        "title": record.title,
        "date": record.date.iso if record.date else None,
        "date_precision": record.date_precision,
        "language": record.language,
        "publisher": record.publisher,
        "author": record.author,
        "authors": [{"name": a.name, "kind": a.kind} for a in record.authors],
        "source_url": record.source_url,
        "summary": record.summary,
        "body_text": record.body_text,
        "entities": [
            {"id": e.id, "kind": e.kind, "label": e.label, "count": e.count, "origin": e.origin}
            for e in record.entities
        ],
        "tags": list(record.tags),
        "mentioned_dates": list(record.mentioned_dates),
        "provenance": {name: str(where) for name, where in record.provenance.items()},
        "notes": record.notes,
        "retrieved": record.retrieved.iso if record.retrieved else None,
        "date_evidence": record.date_evidence,
        "unsure": list(record.unsure),
        "source": {
            "file": record.source.file,
            "sha256": record.source.sha256,
            "bytes": record.source.bytes,
            "encoding": record.source.encoding,
        },
    }
