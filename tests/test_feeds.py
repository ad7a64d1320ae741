"""Atom feeds: required RFC 4287 elements, newest first, deterministic ``updated``."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import feedparser
from lxml import etree

from sitegen.core.records import ArticleRecord, DateValue
from sitegen.outputs.feeds import FEED_SIZE, atom_feed
from tests.conftest import build_fixture_site
from tests.site_fixtures import fixture_records

A = "{http://www.w3.org/2005/Atom}"


def feed_for(records: list[ArticleRecord], environ: dict[str, str] | None = None) -> str:
    return atom_feed(
        records,
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
