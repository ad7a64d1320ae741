"""Atom feeds: the newest articles as RFC 4287 XML, of the site and of each entity.

``site_feeds`` gives every feed of every interface language: the site's
(``feed.xml``) and one per entity page (``countries/kazakhstan.xml``), which
lists only that entity's articles. A feed's ``updated`` is ``SOURCE_DATE_EPOCH``
when set, else its newest record's date, so two builds of one input give the
same bytes.
"""

from __future__ import annotations

import datetime
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

    ``records`` in the model's order (``ArticleRecord.sort_key``). ``name``: what makes
    the feed's id unique without an absolute URL (the language alone names the site's feed).
    """
    chosen = newest_first(records, size)
    updated = feed_updated(records, environ)
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": lang})
    _text(feed, "id", feed_id(feed_url, name or lang))
    _text(feed, "title", title)
    _text(feed, "updated", _timestamp(updated))
    ET.SubElement(feed, f"{{{ATOM}}}link", {"rel": "self", "href": feed_url})
    ET.SubElement(feed, f"{{{ATOM}}}link", {"rel": "alternate", "href": home_url})
    for record in chosen:
        entry = ET.SubElement(feed, f"{{{ATOM}}}entry")
        _text(entry, "id", entry_id(record, lang))
        _text(entry, "title", record.title)
        _text(entry, "updated", _timestamp(_moment(record.date) if record.date else updated))
        ET.SubElement(entry, f"{{{ATOM}}}link", {"rel": "alternate", "href": article_url(record)})
        if record.author:
            author = ET.SubElement(entry, f"{{{ATOM}}}author")
            _text(author, "name", record.author)
        summary = _text(entry, "summary", record.summary or record.title)
        summary.set("type", "text")
    ET.indent(feed)
    return ET.tostring(feed, encoding="unicode", xml_declaration=True) + "\n"


def newest_first(records: Sequence[ArticleRecord], size: int) -> list[ArticleRecord]:
    """The ``size`` newest records, dated newest first, then undated in their order.

    ``records`` in the model's order (``ArticleRecord.sort_key``: dated oldest first,
    undated last), so only the ends are read: an entity named in every article has a
    feed in each language, and scanning its records for each cost a second at 10,000.
    """
    dated = _dated_count(records)
    newest = list(reversed(records[max(dated - size, 0) : dated]))
    return newest + list(records[dated : dated + size - len(newest)])


def feed_updated(records: Sequence[ArticleRecord], environ: Mapping[str, str]) -> datetime.datetime:
    """``SOURCE_DATE_EPOCH`` if set, else the newest record's date, else the Unix epoch.

    ``records`` in the model's order, as for ``newest_first``.
    """
    epoch = environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.datetime.fromtimestamp(int(epoch), datetime.UTC)
    newest = records[dated - 1].date if (dated := _dated_count(records)) else None
    return _moment(newest) if newest else _EPOCH


def _dated_count(records: Sequence[ArticleRecord]) -> int:
    """How many records are dated: the undated are the last ones."""
    dated = len(records)
    while dated and records[dated - 1].date is None:
        dated -= 1
    return dated


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
