"""Atom feeds: required RFC 4287 elements, newest first, deterministic ``updated``."""

from __future__ import annotations

import dataclasses
import datetime
from pathlib import Path

import feedparser
import lxml.html
from hypothesis import given
from hypothesis import strategies as st
from lxml import etree

from sitegen.core.records import ArticleRecord, DateValue
from sitegen.core.urls import kind_folder
from sitegen.model.site import SiteModel
from sitegen.outputs.feeds import (
    ENTITY_FEED_SIZE,
    FEED_SIZE,
    atom_feed,
    feed_updated,
    newest_first,
    site_feeds,
)
from tests.conftest import build_fixture_site
from tests.site_fixtures import ENTITIES, fixture_records, write_collection

A = "{http://www.w3.org/2005/Atom}"


def feed_for(records: list[ArticleRecord], environ: dict[str, str] | None = None) -> str:
    return atom_feed(
        sorted(records, key=lambda r: r.sort_key),  # the model's order, as a build passes them
        title="Archiwum",
        lang="pl",
        feed_url="https://example.org/feed.xml",
        home_url="https://example.org/index.html",
        article_url=lambda r: f"https://example.org/articles/{r.slug}.html",
        environ=environ or {},
    )


def test_built_feeds_have_every_required_element(built_site: Path) -> None:
    for path in (built_site / "feed.xml", built_site / "en" / "feed.xml"):
        root = etree.fromstring(path.read_bytes())
        for name in ("id", "title", "updated"):
            assert root.findtext(A + name), f"{path}: feed {name}"
        self_links = root.findall(A + "link[@rel='self']")
        assert [link.get("href") for link in self_links] == [
            "https://example.org/archiwum/" + path.relative_to(built_site).as_posix()
        ]
        entries = root.findall(A + "entry")
        assert len(entries) == 6
        for entry in entries:
            for name in ("id", "title", "updated", "summary"):
                assert entry.findtext(A + name), f"{path}: entry {name}"
            assert entry.find(A + "link").get("href").startswith("https://example.org/archiwum/")
        assert not feedparser.parse(path.read_bytes()).bozo


def test_entries_are_newest_first_with_undated_last(built_site: Path) -> None:
    root = etree.fromstring((built_site / "en" / "feed.xml").read_bytes())
    titles = [e.findtext(A + "title") for e in root.findall(A + "entry")]
    assert titles[0] == "Komendant Policji spotkał się z delegacją"
    assert titles[-1] == "Notatka bez daty o handlu"
    links = [e.find(A + "link").get("href") for e in root.findall(A + "entry")]
    assert all("/archiwum/en/articles/" in link for link in links)


def test_updated_comes_from_the_newest_record_or_source_date_epoch() -> None:
    records = [r for r, _ in fixture_records()]
    root = etree.fromstring(feed_for(records).encode())
    assert root.findtext(A + "updated") == "2025-06-03T00:00:00Z"
    pinned = etree.fromstring(feed_for(records, {"SOURCE_DATE_EPOCH": "0"}).encode())
    assert pinned.findtext(A + "updated") == "1970-01-01T00:00:00Z"


@given(
    dates=st.lists(
        st.none() | st.builds(DateValue, st.integers(1990, 1992), st.none() | st.integers(1, 2))
    ),
    size=st.integers(0, 6),
)
def test_newest_first_reads_the_ends_of_the_models_order_as_a_full_sort_would(
    dates: list[DateValue | None], size: int
) -> None:
    template = fixture_records()[0][0]
    records = sorted(
        (dataclasses.replace(template, id=f"r{i:03d}", date=d) for i, d in enumerate(dates)),
        key=lambda r: r.sort_key,
    )
    assert newest_first(records, size) == newest_of(records)[:size]
    newest = max((r.date for r in records if r.date), key=lambda d: d.sort_key, default=None)
    expected = newest and datetime.datetime(newest.year, newest.month or 1, 1, tzinfo=datetime.UTC)
    assert feed_updated(records, {}) == (
        expected or datetime.datetime.fromtimestamp(0, datetime.UTC)
    )


def test_feed_holds_at_most_the_newest_fifty() -> None:
    template = fixture_records()[0][0]
    records = [
        dataclasses.replace(
            template, id=f"r{i:03d}", slug=f"r{i}", date=DateValue(2000 + i // 12, i % 12 + 1, 1)
        )
        for i in range(60)
    ]
    root = etree.fromstring(feed_for(records).encode())
    entries = root.findall(A + "entry")
    assert len(entries) == FEED_SIZE
    assert entries[0].find(A + "link").get("href").endswith("/r59.html")


def test_without_a_base_url_ids_are_urns_and_links_relative(tmp_path: Path) -> None:
    site, _ = build_fixture_site(tmp_path, base_url=None)
    root = etree.fromstring((site / "en" / "feed.xml").read_bytes())
    assert root.findtext(A + "id").startswith("urn:uuid:")
    assert root.find(A + "link[@rel='self']").get("href") == "feed.xml"
    assert root.find(A + "entry/" + A + "link").get("href").startswith("articles/")


# --- one feed per entity ---------------------------------------------------------------------


def entity_feeds(site: Path) -> list[Path]:
    """Every entity feed of both interface languages: ``countries/kazakhstan.xml`` and so on."""
    folders = [kind_folder(kind) for kind, _, _ in ENTITIES.values()]
    return sorted(
        path
        for root in (site, site / "en")
        for folder in dict.fromkeys(folders)
        for path in (root / folder).glob("*.xml")
    )


def newest_of(records: list[ArticleRecord]) -> list[ArticleRecord]:
    """Dated newest first, then undated by id: what a feed lists, whatever order it is given."""
    dated = sorted((r for r in records if r.date), key=lambda r: r.sort_key, reverse=True)
    return dated + sorted((r for r in records if r.date is None), key=lambda r: r.id)


def fixture_records_naming(entity_id: str) -> list[ArticleRecord]:
    return [r for r, _ in fixture_records() if entity_id in {e.id for e in r.entities}]


def test_each_entity_has_a_feed_in_each_language(built_site: Path) -> None:
    expected = {
        f"{prefix}{kind_folder(kind)}/{entity_id}.xml"
        for entity_id, (kind, _, _) in ENTITIES.items()
        for prefix in ("", "en/")
    }
    assert {p.relative_to(built_site).as_posix() for p in entity_feeds(built_site)} == expected


def test_an_entity_feed_lists_only_that_entitys_articles_newest_first(built_site: Path) -> None:
    for entity_id, (kind, pl, en) in ENTITIES.items():
        for prefix, label in (("", pl), ("en/", en)):
            path = built_site / f"{prefix}{kind_folder(kind)}/{entity_id}.xml"
            feed = feedparser.parse(path.read_bytes())
            assert not feed.bozo, path
            assert feed.feed.title.startswith(label), path
            expected = newest_of(fixture_records_naming(entity_id))[:ENTITY_FEED_SIZE]
            base = f"https://example.org/archiwum/{prefix}articles/"
            assert [e.link for e in feed.entries] == [f"{base}{r.slug}.html" for r in expected]
            assert [e.title for e in feed.entries] == [r.title for r in expected]
            assert 0 < len(feed.entries) <= ENTITY_FEED_SIZE
            self_link = next(link.href for link in feed.feed.links if link.rel == "self")
            assert self_link == f"https://example.org/archiwum/{path.relative_to(built_site)}"


def test_the_kazakhstan_feed_holds_its_three_articles(built_site: Path) -> None:
    feed = feedparser.parse((built_site / "en" / "countries" / "kazakhstan.xml").read_bytes())
    assert feed.feed.title == "Kazakhstan: new articles"
    assert [e.link.rsplit("/", 1)[1] for e in feed.entries] == [
        "artykul-3.html",
        "artykul-2.html",
        "artykul-1.html",
    ]
    updated = [e.updated_parsed for e in feed.entries]
    assert updated == sorted(updated, reverse=True)
    assert feed.feed.updated == "2022-01-01T00:00:00Z"  # its newest article, not the site's


def test_an_undated_article_comes_last_in_its_entity_feed(built_site: Path) -> None:
    feed = feedparser.parse((built_site / "countries" / "azerbaijan.xml").read_bytes())
    assert [e.link.rsplit("/", 1)[1] for e in feed.entries] == [
        "artykul-5.html",
        "artykul-4.html",
        "artykul-6.html",
    ]


def test_entity_pages_link_their_feed_in_head_and_body(built_site: Path) -> None:
    for feed_path in entity_feeds(built_site):
        page = feed_path.with_suffix(".html")
        tree = lxml.html.document_fromstring(page.read_bytes())
        in_head = tree.xpath("//head/link[@rel='alternate'][@type='application/atom+xml']/@href")
        in_body = tree.xpath("//body//a[@type='application/atom+xml']/@href")
        for hrefs in (in_head, in_body):
            targets = {(page.parent / href).resolve() for href in hrefs}
            assert feed_path.resolve() in targets, (page, hrefs)
        assert feed_path.name in in_head and feed_path.name in in_body


def test_feed_ids_differ_between_entities_and_languages(built_site: Path) -> None:
    paths = [built_site / "feed.xml", built_site / "en" / "feed.xml", *entity_feeds(built_site)]
    ids = [feedparser.parse(p.read_bytes()).feed.id for p in paths]
    assert len(set(ids)) == len(ids) == 2 + 2 * len(ENTITIES)


def test_without_a_base_url_entity_feed_ids_are_distinct_urns(tmp_path: Path) -> None:
    model = SiteModel.from_collection(write_collection(tmp_path / "content", base_url=None))
    feeds = dict(site_feeds(model, {}))
    assert len(feeds) == 2 + 2 * len(ENTITIES)
    ids = [etree.fromstring(xml.encode()).findtext(A + "id") for xml in feeds.values()]
    assert all(i.startswith("urn:uuid:") for i in ids)
    assert len(set(ids)) == len(ids)
    assert ids == [
        etree.fromstring(xml.encode()).findtext(A + "id")
        for xml in dict(site_feeds(model, {})).values()
    ]
    kazakhstan = etree.fromstring(feeds["en/countries/kazakhstan.xml"].encode())
    assert kazakhstan.find(A + "link[@rel='self']").get("href") == "kazakhstan.xml"
    assert kazakhstan.find(A + "entry/" + A + "link").get("href") == "../articles/artykul-3.html"


def test_entity_feeds_are_byte_identical_across_builds(built_site: Path, tmp_path: Path) -> None:
    again, _ = build_fixture_site(tmp_path)
    first = {p.relative_to(built_site): p.read_bytes() for p in entity_feeds(built_site)}
    second = {p.relative_to(again): p.read_bytes() for p in entity_feeds(again)}
    assert first == second
    assert len(first) == 2 * len(ENTITIES)


def test_an_entity_feed_holds_only_its_newest_articles(tmp_path: Path) -> None:
    template = next(r for r, _ in fixture_records() if r.id == "002_fixture")
    kazakhstan = next(e for e in template.entities if e.id == "kazakhstan")
    poland = next(e for e in template.entities if e.id == "poland")
    records = tuple(
        dataclasses.replace(
            template,
            id=f"r{i:03d}",
            slug=f"r{i}",
            date=DateValue(2000 + i // 12, i % 12 + 1, 1),
            entities=(kazakhstan, poland) if i % 3 == 0 else (kazakhstan,),
            source=dataclasses.replace(template.source, sha256=f"{i:064x}", file=f"r{i:03d}.txt"),
        )
        for i in range(ENTITY_FEED_SIZE + 10)
    )
    base = write_collection(tmp_path / "content")
    model = SiteModel.from_collection(dataclasses.replace(base, records=records))
    feeds = dict(site_feeds(model, {}))
    newest = [e.link for e in feedparser.parse(feeds["countries/kazakhstan.xml"]).entries]
    assert len(newest) == ENTITY_FEED_SIZE
    last = ENTITY_FEED_SIZE + 9
    assert newest == [
        f"https://example.org/archiwum/articles/r{i}.html" for i in range(last, 9, -1)
    ]
    polish = [e.link for e in feedparser.parse(feeds["countries/poland.xml"]).entries]
    assert polish == [f"https://example.org/archiwum/articles/r{i}.html" for i in range(27, -1, -3)]
    site = feedparser.parse(feeds["feed.xml"]).entries
    assert len(site) == len(records) <= FEED_SIZE
