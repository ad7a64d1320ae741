"""The JSON export: ``data/articles.json``, as ``inspect --json`` prints it.

The CSV tables are the data package's (``data_package.py``).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Sequence

from sitegen.core.records import ArticleRecord, record_to_json


def articles_json(
    records: Sequence[ArticleRecord], url_of: Callable[[ArticleRecord], str]
) -> Iterator[bytes]:
    """The records as the public JSON array (UTF-8), sorted by date then id, one record a line.

    A line per record keeps diffs between builds readable, and compact lines let
    ``json`` use its C encoder (``indent`` would force the pure-Python one). The
    lines are yielded as they are made, to be written as they come: at 10,000
    records the whole text is 64 MB.
    """
    if not records:
        yield b"[]\n"
        return
    separator = b"[\n"
    for record in sorted(records, key=lambda r: r.sort_key):
        line = json.dumps(record_to_json(record, url_of(record)), ensure_ascii=False)
        yield separator + line.encode()
        separator = b",\n"
    yield b"\n]\n"
