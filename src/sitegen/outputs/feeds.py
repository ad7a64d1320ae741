"""Atom feeds: the newest articles of one interface language as RFC 4287 XML.

The feed's ``updated`` is ``SOURCE_DATE_EPOCH`` when set, else the newest
record's date, so two builds of one input give the same bytes.
"""

from __future__ import annotations

import datetime
import uuid
from collections.abc import Callable, Mapping, Sequence
from xml.etree import ElementTree as ET

from sitegen.core.records import ArticleRecord, DateValue

ATOM = "http://www.w3.org/2005/Atom"
FEED_SIZE = 50
_EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC)


def atom_feed(
    records: Sequence[ArticleRecord],
    *,
    title: str,
    lang: str,
    feed_url: str,
    home_url: str,
    article_url: Callable[[ArticleRecord], str],
    environ: Mapping[str, str],
) -> str:
    """The feed of the newest ``FEED_SIZE`` records (dated newest first, then undated).

    URLs are absolute when the site has a base URL and relative to the feed otherwise.
    """
    chosen = newest_first(records)[:FEED_SIZE]
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": lang})
    _text(feed, "id", feed_id(feed_url, lang))
    _text(feed, "title", title)
    _text(feed, "updated", _timestamp(feed_updated(records, environ)))
    ET.SubElement(feed, f"{{{ATOM}}}link", {"rel": "self", "href": feed_url})
    ET.SubElement(feed, f"{{{ATOM}}}link", {"rel": "alternate", "href": home_url})
    fallback = feed_updated(records, environ)
    for record in chosen:
        entry = ET.SubElement(feed, f"{{{ATOM}}}entry")
        _text(entry, "id", entry_id(record, lang))
        _text(entry, "title", record.title)
        _text(entry, "updated", _timestamp(_moment(record.date) if record.date else fallback))
        ET.SubElement(entry, f"{{{ATOM}}}link", {"rel": "alternate", "href": article_url(record)})
        if record.author:
            author = ET.SubElement(entry, f"{{{ATOM}}}author")
            _text(author, "name", record.author)
        summary = _text(entry, "summary", record.summary or record.title)
        summary.set("type", "text")
    ET.indent(feed)
    return ET.tostring(feed, encoding="unicode", xml_declaration=True) + "\n"


def newest_first(records: Sequence[ArticleRecord]) -> list[ArticleRecord]:
    dated = sorted((r for r in records if r.date), key=lambda r: r.sort_key, reverse=True)
    return dated + [r for r in records if r.date is None]


def feed_updated(records: Sequence[ArticleRecord], environ: Mapping[str, str]) -> datetime.datetime:
    """``SOURCE_DATE_EPOCH`` if set, else the newest record's date, else the Unix epoch."""
    epoch = environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.datetime.fromtimestamp(int(epoch), datetime.UTC)
    dates = [r.date for r in records if r.date]
    return _moment(max(dates, key=lambda d: d.sort_key)) if dates else _EPOCH


def feed_id(feed_url: str, lang: str) -> str:
    """A stable IRI: the feed URL when absolute, else a name-based UUID URN."""
    if feed_url.startswith(("http://", "https://")):
        return feed_url
    return uuid.uuid5(uuid.NAMESPACE_URL, f"sitegen:feed:{lang}").urn


def entry_id(record: ArticleRecord, lang: str) -> str:
    # Based on the raw text's hash, so an entry keeps its id if the slug changes.
    return uuid.uuid5(uuid.NAMESPACE_URL, f"sitegen:{record.source.sha256}:{lang}").urn


def _moment(value: DateValue) -> datetime.datetime:
    return datetime.datetime(value.year, value.month or 1, value.day or 1, tzinfo=datetime.UTC)


def _timestamp(moment: datetime.datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def _text(parent: ET.Element, name: str, text: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM}}}{name}")
    element.text = text
    return element
