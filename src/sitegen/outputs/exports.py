"""Data exports: ``data/articles.json`` (as ``inspect --json`` prints) and ``articles.csv``."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Sequence

from sitegen.core.records import ENTITY_KINDS, ArticleRecord, record_to_json
from sitegen.core.urls import kind_folder

# One column per entity kind, named as its pages' folder (``people``).
_KIND_COLUMNS = {kind: kind_folder(kind) for kind in ENTITY_KINDS}
CSV_COLUMNS = (
    "id", "url", "title", "date", "date_precision", "language", "publisher", "author",
    "source_url", "summary", *_KIND_COLUMNS.values(), "tags", "source_file", "sha256",
)  # fmt: skip
# A spreadsheet treats a cell starting with one of these as a formula.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def articles_json(
    records: Sequence[ArticleRecord], url_of: Callable[[ArticleRecord], str]
) -> bytes:
    """The records as the public JSON array (UTF-8), sorted by date then id, one record a line.

    A line per record keeps diffs between builds readable, and compact lines let
    ``json`` use its C encoder (``indent`` would force the pure-Python one). Each
    line is encoded as it is made: at 10,000 records, lines kept as ``str`` and
    joined held the whole text in memory three times over.
    """
    if not records:
        return b"[]\n"
    out = io.BytesIO()
    separator = b"[\n"
    for record in sorted(records, key=lambda r: r.sort_key):
        out.write(separator)
        out.write(json.dumps(record_to_json(record, url_of(record)), ensure_ascii=False).encode())
        separator = b",\n"
    out.write(b"\n]\n")
    return out.getvalue()


def articles_csv(records: Sequence[ArticleRecord], url_of: Callable[[ArticleRecord], str]) -> str:
    """One row per record; entities of each kind joined with ``; ``."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for record in sorted(records, key=lambda r: r.sort_key):
        by_kind: dict[str, list[str]] = {column: [] for column in _KIND_COLUMNS.values()}
        for ref in record.entities:
            by_kind[_KIND_COLUMNS[ref.kind]].append(ref.label)
        row = [
            record.id,
            url_of(record),
            record.title,
            record.date.iso if record.date else "",
            record.date_precision or "",
            record.language,
            record.publisher or "",
            record.author or "",
            record.source_url or "",
            record.summary,
            *("; ".join(by_kind[column]) for column in _KIND_COLUMNS.values()),
            "; ".join(dict.fromkeys(record.tags + record.extra_tags)),
            record.source.file,
            record.source.sha256,
        ]
        writer.writerow([neutralise_formula(cell) for cell in row])
    return buffer.getvalue()


def neutralise_formula(cell: str) -> str:
    """Prefix ``'`` to a cell a spreadsheet would run as a formula (``=HYPERLINK(...)``)."""
    return "'" + cell if cell.startswith(_FORMULA_STARTS) else cell
