"""The collection as a Frictionless Data Package: CSV tables and ``data/datapackage.json``.

Each table is declared once, as a ``Table`` whose columns carry their type,
constraints and meaning; the same declaration writes the CSV's header and its
Table Schema, so the two cannot drift apart. ``articles`` and ``entities`` are
joined by ``mentions``; ``dates`` holds every date with its sentence;
``provenance`` says where each field of each record came from.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Literal

from sitegen.core.authorities import AUTHORITY_SCHEMES
from sitegen.core.records import ENTITY_KINDS, ArticleRecord
from sitegen.core.urls import ascii_slug, kind_folder
from sitegen.model.site import EntityInfo, SiteModel
from sitegen.outputs.joined import JoinedFile

ColumnType = Literal["string", "integer", "boolean"]
_DATE = r"^\d{4}(-\d{2}(-\d{2})?)?$"
_PRECISIONS = ("day", "month", "year")
# A spreadsheet treats a cell starting with one of these as a formula.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Column:
    name: str
    description: str
    type: ColumnType = "string"
    required: bool = False
    pattern: str | None = None
    enum: tuple[str, ...] = ()
    text: bool = False
    """Words from a source or the curator: a cell a spreadsheet would run as a formula gets a
    leading ``'``. Ids, addresses and codes are written as they are, so the tables join."""


@dataclass(frozen=True)
class Table:
    name: str
    """The resource's name; its file is ``data/<name>.csv``."""
    description: str
    columns: tuple[Column, ...]
    primary_key: tuple[str, ...]
    foreign_keys: tuple[tuple[str, str], ...] = ()
    """(column, table): the column holds ids of that table's ``id``."""

    @property
    def path(self) -> str:
        return f"{self.name}.csv"


_AUTHORITY_COLUMNS = {
    "wikidata": "Its Wikidata item (Q…).",
    "viaf": "Its VIAF id.",
    "geonames": "Its GeoNames id.",
    "url": "A web page that identifies it.",
}
_ID = Column("id", "The article's id: its source file's name without .txt.", required=True)
_ARTICLE_ID = Column("article_id", "The article (articles.id).", required=True)
_ENTITY_ID = Column("entity_id", "The entity (entities.id).", required=True)
_LINE = Column("line", "The 1-based line of the source text; empty if none.", "integer")

ARTICLES = Table(
    "articles",
    "One row per article.",
    (
        _ID,
        Column("url", "Its page, from the site root.", required=True),
        Column("title", "The headline.", required=True, text=True),
        Column(
            "date",
            "Publication date as precisely as known (2022, 2022-01, 2022-01-05).",
            pattern=_DATE,
        ),
        Column("date_precision", "day, month or year; empty if undated.", enum=_PRECISIONS),
        Column("language", "ISO 639-1 code of the text.", required=True),
        Column("publisher", "Who published it.", text=True),
        Column("author", "Its author(s), as the text or the curator names them.", text=True),
        Column("source_url", "The original's address.", text=True),
        Column("summary", "A summary: the curator's, or the text's first sentences.", text=True),
        *(
            Column(
                kind_folder(kind),
                f"Labels of the {kind} entities it names, '; '-separated.",
                text=True,
            )
            for kind in ENTITY_KINDS
        ),
        *(
            Column(
                f"{kind}_ids", f"Ids (entities.id) of the {kind} entities it names, '; '-separated."
            )
            for kind in ENTITY_KINDS
        ),
        Column("tags", "Topic and entity ids and free tags, '; '-separated.", text=True),
        Column("source_file", "The raw text's file name (sources/).", required=True),
        Column("sha256", "SHA-256 of the raw text, hex.", required=True, pattern="^[0-9a-f]{64}$"),
    ),
    ("id",),
)
MENTIONS = Table(
    "mentions",
    "Which article names which entity, and how often.",
    (
        _ARTICLE_ID,
        _ENTITY_ID,
        Column(
            "count",
            "How many times the text names it (0: a curator's tag the text does not name).",
            "integer",
            required=True,
        ),
        Column(
            "origin",
            "gazetteer: a known entity; derived: a name found in the text.",
            required=True,
            enum=("gazetteer", "derived"),
        ),
    ),
    ("article_id", "entity_id"),
    (("article_id", "articles"), ("entity_id", "entities")),
)
DATES = Table(
    "dates",
    "Every date of every article: its publication date and each date its text names.",
    (
        _ARTICLE_ID,
        Column("role", "published or mentioned.", required=True, enum=("published", "mentioned")),
        Column("date", "The date as precisely as known.", required=True, pattern=_DATE),
        Column("precision", "day, month or year.", required=True, enum=_PRECISIONS),
        Column(
            "sentence", "The line (published) or sentence (mentioned) it was read from.", text=True
        ),
        _LINE,
        Column(
            "origin",
            "text, sidecar (the curator's) or derived.",
            required=True,
            enum=("text", "sidecar", "derived"),
        ),
    ),
    ("article_id", "role", "date"),
    (("article_id", "articles"),),
)
PROVENANCE = Table(
    "provenance",
    "Where each field of each article came from.",
    (
        _ARTICLE_ID,
        Column("field", "The record's field (title, date, author, entities…).", required=True),
        Column(
            "origin",
            "text, sidecar or derived (worked out by sitegen).",
            required=True,
            enum=("text", "sidecar", "derived"),
        ),
        _LINE,
        Column(
            "amended", "Derived, then changed by the curator's sidecar.", "boolean", required=True
        ),
    ),
    ("article_id", "field"),
    (("article_id", "articles"),),
)


def entities_table(languages: Sequence[str]) -> Table:
    """The entities table, with a label column for each language the labels use."""
    return Table(
        "entities",
        "Every entity (country, person, organisation, place, topic) an article names.",
        (
            Column("id", "The entity's id.", required=True),
            Column("kind", "Its kind.", required=True, enum=ENTITY_KINDS),
            *(Column(f"label_{lang}", f"Its label in '{lang}'.", text=True) for lang in languages),
            *(Column(scheme, _AUTHORITY_COLUMNS[scheme]) for scheme in AUTHORITY_SCHEMES),
            Column("iso3166_alpha2", "A country's ISO 3166-1 alpha-2 code."),
            Column("iso3166_alpha3", "A country's ISO 3166-1 alpha-3 code."),
            Column("articles", "How many articles name it.", "integer", required=True),
            Column("page", "Its page, from the site root.", required=True),
        ),
        ("id",),
    )


def record_tables(
    article_url: Callable[[ArticleRecord], str],
) -> list[tuple[str, JoinedFile, Callable[[ArticleRecord], str]]]:
    """The tables of one or more rows per article: each one's path, layout, and an article's rows.

    An article's rows are a piece of its table (``joined.py``): an unchanged one is copied
    from the last build's file.
    """
    rows_of: tuple[tuple[Table, Callable[[ArticleRecord], Iterable[Sequence[str]]]], ...] = (
        (ARTICLES, lambda record: (article_row(record, article_url(record)),)),
        (MENTIONS, _mention_rows),
        (DATES, _date_rows),
        (PROVENANCE, _provenance_rows),
    )
    return [
        (f"data/{table.path}", JoinedFile(header_csv(table)), partial(_rows_of, table, rows))
        for table, rows in rows_of
    ]


def _rows_of(
    table: Table, rows: Callable[[ArticleRecord], Iterable[Sequence[str]]], record: ArticleRecord
) -> str:
    return rows_csv(table, rows(record))


def data_package_files(
    model: SiteModel, entity_url: Callable[[EntityInfo], str]
) -> Iterator[tuple[str, str]]:
    """``data/entities.csv`` and ``data/datapackage.json``, which describes every table."""
    languages = sorted({lang for info in model.entities.values() for lang in info.labels})
    languages = languages or [model.config.default_language]
    entities = entities_table(languages)
    rows = (_entity_row(model, i, languages, entity_url(i)) for i in _entities(model))
    yield f"data/{entities.path}", header_csv(entities) + rows_csv(entities, rows)
    tables = [ARTICLES, entities, MENTIONS, DATES, PROVENANCE]
    yield "data/datapackage.json", datapackage_json(model, tables)


def header_csv(table: Table) -> str:
    """The table's header row, as CSV."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerow(column.name for column in table.columns)
    return buffer.getvalue()


def rows_csv(table: Table, rows: Iterable[Sequence[str]]) -> str:
    """Rows of the table as CSV, their text cells safe from spreadsheets' formulas."""
    buffer = io.StringIO()
    text = [column.text for column in table.columns]
    csv.writer(buffer, lineterminator="\r\n").writerows(
        [
            neutralise_formula(cell) if is_text else cell
            for cell, is_text in zip(row, text, strict=True)
        ]
        for row in rows
    )
    return buffer.getvalue()


def neutralise_formula(cell: str) -> str:
    """Prefix ``'`` to a cell a spreadsheet would run as a formula (``=HYPERLINK(...)``)."""
    return "'" + cell if cell.startswith(_FORMULA_STARTS) else cell


def datapackage_json(model: SiteModel, tables: Sequence[Table]) -> str:
    config = model.config
    title = config.title_in(config.default_language)
    package: dict[str, object] = {
        "profile": "tabular-data-package",
        "name": ascii_slug(title) or "archive",
        "title": title,
    }
    if description := config.description_in(config.default_language):
        package["description"] = description
    if config.base_url:
        package["homepage"] = config.base_url
    package["resources"] = [_resource(table) for table in tables]
    return json.dumps(package, ensure_ascii=False, indent=1) + "\n"


def _resource(table: Table) -> dict[str, object]:
    fields = []
    for column in table.columns:
        field: dict[str, object] = {
            "name": column.name,
            "type": column.type,
            "description": column.description,
        }
        constraints: dict[str, object] = {}
        if column.required:
            constraints["required"] = True
        if column.pattern:
            constraints["pattern"] = column.pattern
        if column.enum:
            constraints["enum"] = list(column.enum)
        if constraints:
            field["constraints"] = constraints
        fields.append(field)
    schema: dict[str, object] = {"fields": fields, "primaryKey": list(table.primary_key)}
    if table.foreign_keys:
        schema["foreignKeys"] = [
            {"fields": column, "reference": {"resource": other, "fields": "id"}}
            for column, other in table.foreign_keys
        ]
    return {
        "name": table.name,
        "path": table.path,
        "profile": "tabular-data-resource",
        "description": table.description,
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "schema": schema,
    }


def article_row(record: ArticleRecord, url: str) -> list[str]:
    labels: dict[str, list[str]] = {kind: [] for kind in ENTITY_KINDS}
    ids: dict[str, list[str]] = {kind: [] for kind in ENTITY_KINDS}
    for ref in record.entities:
        labels[ref.kind].append(ref.label)
        ids[ref.kind].append(ref.id)
    return [
        record.id,
        url,
        record.title,
        record.date.iso if record.date else "",
        record.date_precision or "",
        record.language,
        record.publisher or "",
        record.author or "",
        record.source_url or "",
        record.summary,
        *("; ".join(labels[kind]) for kind in ENTITY_KINDS),
        *("; ".join(ids[kind]) for kind in ENTITY_KINDS),
        "; ".join(dict.fromkeys(record.tags + record.extra_tags)),
        record.source.file,
        record.source.sha256,
    ]


def _entities(model: SiteModel) -> list[EntityInfo]:
    return [model.entities[entity_id] for entity_id in sorted(model.by_entity)]


def _entity_row(
    model: SiteModel, info: EntityInfo, languages: Sequence[str], url: str
) -> list[str]:
    default = model.config.default_language
    labels = dict(info.labels) or {default: info.fallback_label}
    codes = [*info.iso_codes, "", ""][:2]
    return [
        info.id,
        info.kind,
        *(labels.get(lang, "") for lang in languages),
        *(info.authority.get(scheme, "") for scheme in AUTHORITY_SCHEMES),
        *codes,
        str(len(model.by_entity[info.id])),
        url,
    ]


def _mention_rows(record: ArticleRecord) -> Iterable[list[str]]:
    for ref in sorted(record.entities, key=lambda ref: ref.id):
        yield [record.id, ref.id, str(ref.count), ref.origin]


def _date_rows(record: ArticleRecord) -> Iterable[list[str]]:
    if record.date is not None:
        where = record.provenance.get("date")
        origin = where.origin if where is not None else "derived"
        line = str(where.line) if where is not None and where.line else ""
        yield [
            record.id,
            "published",
            record.date.iso,
            record.date.precision,
            record.date_context,
            line,
            origin,
        ]
    for mention in record.date_mentions:
        yield [
            record.id,
            "mentioned",
            mention.date.iso,
            mention.date.precision,
            mention.sentence,
            str(mention.line),
            "text",
        ]


def _provenance_rows(record: ArticleRecord) -> Iterable[list[str]]:
    for field, where in sorted(record.provenance.items()):
        line = str(where.line) if where.line else ""
        yield [record.id, field, where.origin, line, "true" if where.amended else "false"]
