"""Atom feeds: the newest articles as RFC 4287 XML, of the site and of each entity.

``site_feeds`` gives every feed of every interface language: the site's
(``feed.xml``) and one per entity page (``countries/kazakhstan.xml``), which
lists only that entity's articles. A feed's ``updated`` is ``SOURCE_DATE_EPOCH``
when set, else its newest record's date, so two builds of one input give the
same bytes.
"""

from __future__ import annotations

import datetime
import heapq
import uuid
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from xml.etree import ElementTree as ET

from sitegen.core import urls
from sitegen.core.i18n import Translator
from sitegen.core.records import ArticleRecord, DateValue
from sitegen.model.site import SiteModel

ATOM = "http://www.w3.org/2005/Atom"
FEED_SIZE = 50
ENTITY_FEED_SIZE = 20
"""An entity's feed says what is new about it: fewer entries, one feed per entity."""
_EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC)


def site_feeds(model: SiteModel, environ: Mapping[str, str]) -> Iterator[tuple[str, str]]:
    """(path, XML) of every feed: per interface language, the site's and each entity's."""
    config = model.config
    for lang in config.languages:
        feed = _FeedMaker(model, lang, environ)
        yield (
            feed.path(urls.FEED),
            feed.make(
                model.records,
                neutral=urls.FEED,
                page=urls.HOME,
                title=config.title_in(lang),
                name=lang,
                size=FEED_SIZE,
            ),
        )
        t = Translator.load(lang)
        for entity_id, records in sorted(model.by_entity.items()):
            info = model.entities[entity_id]
            neutral = urls.entity_feed_neutral_path(info.kind, entity_id)
            yield (
                feed.path(neutral),
                feed.make(
                    records,
                    neutral=neutral,
                    page=urls.entity_neutral_path(info.kind, entity_id),
                    title=t.text("entity.feed_title", label=info.label(lang)),
                    name=f"{lang}:{neutral}",
                    size=ENTITY_FEED_SIZE,
                ),
            )


@dataclass(frozen=True)
class _FeedMaker:
    """The feeds of one interface language, with their links."""

    model: SiteModel
    lang: str
    environ: Mapping[str, str]

    def path(self, neutral: str) -> str:
        return urls.localised_path(neutral, self.lang, self.model.config.default_language)

    def make(
        self,
        records: Sequence[ArticleRecord],
        *,
        neutral: str,
        page: str,
        title: str,
        name: str,
        size: int,
    ) -> str:
        feed_path = self.path(neutral)
        base_url = self.model.config.base_url

        def public(path: str) -> str:
            # Absolute when the site knows where it lives; relative to the feed otherwise.
            if base_url:
                return urls.absolute_url(base_url, path)
            return urls.relative_url(feed_path, path)

        return atom_feed(
            records,
            title=title,
            lang=self.lang,
            feed_url=public(feed_path),
            home_url=public(self.path(page)),
            article_url=lambda r: public(self.path(urls.article_neutral_path(r.slug))),
            environ=self.environ,
            name=name,
            size=size,
        )


def atom_feed(
    records: Sequence[ArticleRecord],
    *,
    title: str,
    lang: str,
    feed_url: str,
    home_url: str,
    article_url: Callable[[ArticleRecord], str],
    environ: Mapping[str, str],
    name: str = "",
    size: int = FEED_SIZE,
) -> str:
    """The feed of the newest ``size`` records (dated newest first, then undated).

    ``name``: what makes the feed's id unique without an absolute URL (the language
    alone names the site's feed).
    """
    chosen = newest_first(records, size)
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": lang})
    _text(feed, "id", feed_id(feed_url, name or lang))
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


def newest_first(records: Sequence[ArticleRecord], size: int) -> list[ArticleRecord]:
    """The ``size`` newest records, dated newest first, then undated in their order."""
    dated = heapq.nlargest(size, (r for r in records if r.date), key=lambda r: r.sort_key)
    return (dated + [r for r in records if r.date is None])[:size]


def feed_updated(records: Sequence[ArticleRecord], environ: Mapping[str, str]) -> datetime.datetime:
    """``SOURCE_DATE_EPOCH`` if set, else the newest record's date, else the Unix epoch."""
    epoch = environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.datetime.fromtimestamp(int(epoch), datetime.UTC)
    dates = [r.date for r in records if r.date]
    return _moment(max(dates, key=lambda d: d.sort_key)) if dates else _EPOCH


def feed_id(feed_url: str, name: str) -> str:
    """A stable IRI: the feed URL when absolute, else a name-based UUID URN."""
    if feed_url.startswith(("http://", "https://")):
        return feed_url
    return uuid.uuid5(uuid.NAMESPACE_URL, f"sitegen:feed:{name}").urn


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
