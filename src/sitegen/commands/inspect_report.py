"""What ``sitegen inspect`` prints: the records with their evidence, or the entities found.

The records report puts the fields a curator checks under each record: the
line the date was read from and why it was chosen, the headline's line, and a
``?`` before every field the loader was not sure of, so the doubtful clippings
are reviewed first. The entities report lists every entity of the collection
with where it occurs, and marks ``new`` those the loader found in the texts
that ``entities.yaml`` does not know yet, and ``no id`` those it knows without
an authority id (Wikidata, VIAF, GeoNames or a URL), for the curator to complete.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from sitegen.core.authorities import AUTHORITY_SCHEMES
from sitegen.core.records import ArticleRecord
from sitegen.load.loader import Collection

_CLIP_TITLE = 60
_CLIP_LINE = 90
_WHERE_FILES = 3


def records_report(collection: Collection) -> str:
    """The records as a table, each followed by its date and title evidence."""
    rows = [("DATE", "LANG", "TITLE", "PUBLISHER", "ENTITIES", "FILE", "CHECK")]
    notes: list[list[str]] = [[]]
    for record in collection.records:
        rows.append(
            (
                record.date.iso if record.date else "—",
                record.language,
                _clip(record.title, _CLIP_TITLE),
                _clip(record.publisher or "—", 32),
                str(len(record.entities)),
                record.source.file,
                "? " + ", ".join(record.unsure) if record.unsure else "",
            )
        )
        notes.append(_evidence(record, _source_lines(collection, record)))
    lines = _table(rows, notes)
    unsure = sum(1 for r in collection.records if r.unsure)
    lines.append(f"{len(collection.records)} record(s), {unsure} with a field to check (?)")
    return "\n".join(lines) + "\n"


@dataclass(frozen=True)
class EntityRow:
    id: str
    kind: str
    label: str
    new: bool
    articles: int
    mentions: int
    files: tuple[str, ...]
    authority: Mapping[str, str]
    """Its authority ids (``entities.yaml`` or the shipped data); empty: none yet."""


def entity_rows(collection: Collection) -> list[EntityRow]:
    """Every entity the records name, most written about first."""
    seen: dict[str, tuple[str, str, bool, list[str], int]] = {}
    for record in collection.records:
        for ref in record.entities:
            kind, label, new, files, mentions = seen.get(
                ref.id, (ref.kind, ref.label, ref.origin == "derived", [], 0)
            )
            files.append(record.source.file)
            seen[ref.id] = (kind, label, new, files, mentions + ref.count)
    catalogue = collection.catalogue.entities
    rows = [
        EntityRow(
            entity_id,
            kind,
            label,
            new,
            len(files),
            mentions,
            tuple(files),
            dict(catalogue[entity_id].authority) if entity_id in catalogue else {},
        )
        for entity_id, (kind, label, new, files, mentions) in seen.items()
    ]
    return sorted(rows, key=lambda r: (not r.new, r.kind, -r.articles, r.id))


def entities_report(collection: Collection) -> str:
    """The entities as a table: ``new`` (not in entities.yaml) or ``no id`` (no authority id)."""
    rows = [("", "KIND", "ID", "LABEL", "IDS", "ARTICLES", "WHERE")]
    entities = entity_rows(collection)
    for row in entities:
        more = len(row.files) - _WHERE_FILES
        where = ", ".join(row.files[:_WHERE_FILES]) + (f" (+{more})" if more > 0 else "")
        status = "new" if row.new else "" if row.authority else "no id"
        ids = " ".join(f"{scheme}:{value}" for scheme, value in row.authority.items()) or "-"
        rows.append((status, row.kind, row.id, row.label, ids, str(row.articles), where))
    lines = _table(rows, [[] for _ in rows])
    new = sum(1 for row in entities if row.new)
    unlinked = sum(1 for row in entities if not row.new and not row.authority)
    lines.append(
        f"{len(entities)} entities, {new} new: found in the texts, not in entities.yaml "
        "(give an id an entry there to keep, rename or retype it; remove_tags in a "
        "sidecar takes it off one text)"
    )
    lines.append(
        f"{unlinked} in entities.yaml or the shipped data without an authority id "
        f"(no id): give one of {', '.join(AUTHORITY_SCHEMES)} in entities.yaml"
    )
    return "\n".join(lines) + "\n"


def entities_json(collection: Collection) -> str:
    return (
        json.dumps(
            [
                {
                    "id": row.id,
                    "kind": row.kind,
                    "label": row.label,
                    "origin": "derived" if row.new else "gazetteer",
                    "articles": row.articles,
                    "mentions": row.mentions,
                    "files": list(row.files),
                    "authority": dict(row.authority),
                }
                for row in entity_rows(collection)
            ],
            ensure_ascii=False,
            indent=1,
        )
        + "\n"
    )


def _evidence(record: ArticleRecord, source: Sequence[str]) -> list[str]:
    """``date  line 6 (date line beside the headline): 09.11.2021`` and the title's line."""
    mark = {field: "?" if field in record.unsure else " " for field in ("date", "title")}
    date_from = record.provenance.get("date")
    if date_from is not None and date_from.line is not None:
        line = date_from.line
        date = f"line {line} ({record.date_evidence}): {_line(source, line)}"
    elif date_from is not None:
        date = str(date_from)
    else:
        date = "none found: undated (give date: in the sidecar)"
    title_from = record.provenance.get("title")
    if title_from is not None and title_from.line is not None:
        title = f"line {title_from.line}: {_line(source, title_from.line)}"
    else:
        title = f"{title_from or 'derived'}: {_clip(record.title, _CLIP_LINE)}"
    return [f"{mark['date']} date   {date}", f"{mark['title']} title  {title}"]


def _source_lines(collection: Collection, record: ArticleRecord) -> list[str]:
    path = collection.root / "sources" / record.source.file
    try:
        return path.read_text(encoding=record.source.encoding, errors="replace").splitlines()
    except (OSError, LookupError):
        return []


def _line(source: Sequence[str], number: int) -> str:
    text = " ".join(source[number - 1].split()) if 0 < number <= len(source) else ""
    return _clip(text, _CLIP_LINE)


def _table(rows: Sequence[tuple[str, ...]], notes: Sequence[list[str]]) -> list[str]:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines: list[str] = []
    for row, extra in zip(rows, notes, strict=True):
        cells = zip(row, widths, strict=True)
        lines.append("  ".join(cell.ljust(width) for cell, width in cells).rstrip())
        lines.extend(f"    {note}" for note in extra)
    return lines


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
