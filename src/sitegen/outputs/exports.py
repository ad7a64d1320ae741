"""The JSON export: ``data/articles.json``, as ``inspect --json`` prints it.

The CSV tables are the data package's (``data_package.py``).
"""

from __future__ import annotations

import io
import json
from collections.abc import Callable, Sequence

from sitegen.core.records import ArticleRecord, record_to_json


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
