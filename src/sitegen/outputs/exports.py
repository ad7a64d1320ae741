"""The JSON export: ``data/articles.json``, as ``inspect --json`` prints it.

The CSV tables are the data package's (``data_package.py``); ``record_exports``
lists both, as the build writes them: a piece per article.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Sequence

from sitegen.core import urls
from sitegen.core.records import ArticleRecord, record_to_json
from sitegen.outputs.data_package import record_tables
from sitegen.outputs.joined import JoinedFile

ARTICLES_JSON = JoinedFile("[\n", ",\n", "\n]\n", empty="[]\n")
"""The public JSON array, one record a line: a line per record keeps diffs between
builds readable, and compact lines let ``json`` use its C encoder."""


def articles_json(
    records: Sequence[ArticleRecord], url_of: Callable[[ArticleRecord], str]
) -> Iterator[bytes]:
    """The records as the public JSON array (UTF-8), sorted by date then id.

    The lines are yielded as they are made, to be written as they come: at 10,000
    records the whole text is 64 MB.
    """
    ordered = sorted(records, key=lambda r: r.sort_key)
    return ARTICLES_JSON.chunks(article_json_line(r, url_of(r)).encode() for r in ordered)


def article_json_line(record: ArticleRecord, url: str) -> str:
    return json.dumps(record_to_json(record, url), ensure_ascii=False)


def record_exports(
    article_url: Callable[[ArticleRecord], str],
) -> list[tuple[str, JoinedFile, Callable[[ArticleRecord], str]]]:
    """Every export of one piece per article: its path, its layout, and an article's piece."""
    return [
        (
            f"{urls.DATA_DIR}/articles.json",
            ARTICLES_JSON,
            lambda record: article_json_line(record, article_url(record)),
        ),
        *record_tables(article_url),
    ]
