"""The search index: a small script assigning every article's searchable text to a global.

Loaded by a plain ``<script>`` tag on the search page only, so search works
from ``file://`` as well as over http. The JSON is escaped so that no text
can close the script element or start markup.

>>> script_text([{"t": "</script><b>"}])
'window.SITEGEN_SEARCH = [{"t": "\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e"}];\\n'
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from sitegen.core.escaping import html_safe_json
from sitegen.core.i18n import format_date_value
from sitegen.core.records import ArticleRecord
from sitegen.model.site import SiteModel

GLOBAL_NAME = "SITEGEN_SEARCH"
SNIPPET_BODY_LIMIT = 20_000


@dataclass(frozen=True)
class SearchDocument:
    """One article as the search script sees it (short keys keep the file small)."""

    href: str
    """Link relative to the search page."""
    title: str
    date: str
    """The date as shown in the interface language; empty when undated."""
    year: str
    language: str
    countries: tuple[str, ...]
    entities: tuple[str, ...]
    """Entity labels in the interface language."""
    summary: str
    body: str


def search_documents(
    model: SiteModel, lang: str, href_of: Callable[[ArticleRecord], str]
) -> list[SearchDocument]:
    """Every record as a search document with labels and dates in ``lang``."""
    return [
        SearchDocument(
            href=href_of(record),
            title=record.title,
            date=format_date_value(record.date, lang),
            year=str(record.date.year) if record.date else "",
            language=record.language,
            countries=model.countries_of(record),
            entities=tuple(model.entities[i].label(lang) for i in model.entity_ids(record)),
            summary=record.summary,
            body=record.body_text,
        )
        for record in model.records
    ]


def search_index_script(documents: Sequence[SearchDocument]) -> str:
    """The JavaScript text of ``search-index.js``."""
    return script_text([_compact(doc) for doc in documents])


def _compact(doc: SearchDocument) -> dict[str, object]:
    return {
        "u": doc.href,
        "t": doc.title,
        "d": doc.date,
        "y": doc.year,
        "l": doc.language,
        "c": list(doc.countries),
        "e": list(doc.entities),
        "s": doc.summary,
        "b": doc.body[:SNIPPET_BODY_LIMIT],
    }


def script_text(value: object) -> str:
    """``value`` as a JS assignment that is safe inside any HTML context."""
    return f"window.{GLOBAL_NAME} = {html_safe_json(value)};\n"
