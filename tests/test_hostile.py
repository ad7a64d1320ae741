"""Hostile sources and sidecars, checked in the BUILT site: nothing injected, nothing evaluated.

A collection whose clippings and sidecar fields carry scripts, event handlers,
script links (plain, mixed case, entity-encoded), Jinja syntax, formula starts and
``../`` is built with the real loader; then every page (lxml), the feed, the
sitemap, the JSON and CSV exports and the search index are read back.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import lxml.etree
import lxml.html
import pytest

from sitegen.core.urls import source_path
from sitegen.engine.build import BuildOptions, BuildReport, build_site
from tests.loader_fixtures import MINIMAL_SITE, make_collection
from tests.site_fixtures import TEMPLATES

BASE_URL = "https://example.org/"
POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; font-src 'self'; "
    "connect-src 'self'; manifest-src 'self'; form-action 'self'; base-uri 'none'"
)
EVIL_TEXT = """\
## <script>alert("headline")</script> {{ 7*7 }} <img src=x onerror=alert(1)>

12.03.2021

Tekst o miejscu Zła Wieś <svg onload=alert(3)> i <iframe src="javascript:alert(4)"></iframe> \
oraz [a](javascript:alert(5)), [b](JaVaScRiPt:alert(6)), [c](&#106;avascript:alert(7)), \
[d](data:text/html;base64,PHNjcmlwdD4=), [e](vbscript:msgbox(9)), [f](java&#x09;script:alert(10)) \
i [g](https://example.org/ok). \
Szablon {% for x in range(3) %}X{% endfor %} i {{ 7*7 }} oraz {{ config }}.

Koniec </script><script>alert(12)</script> <style>body{display:none}</style> \
<a href="https://example.org/" onclick="alert(13)">klik</a> &lt;b&gt; &#60;i&#62;.

=HYPERLINK("http://evil.example","x") i dalej.
"""
EVIL_SIDECAR: dict[str, Any] = {
    "title": "=cmd|' /C calc'!A0 <b onmouseover=alert(14)>x</b> {{ 7*7 }} </script>",
    "publisher": "@SUM(1+1) <script>alert(15)</script>",
    "author": "-2+3 <img src=x onerror=alert(16)>",
    "summary": "+{{ self.__init__ }} ]]> <!-- --> </script><script>alert(17)</script>",
    "notes": "<a href='javascript:alert(18)'>n</a> {% raw %} [x](javascript:alert(19))",
    "tags": ["../../etc", "<script>alert(20)</script>", "=1+1"],
    "source_url": 'https://example.org/?a=<script>&b="x"',
}
HOSTILE_ENTITY = """\
zla-wies:
  kind: place
  label: {pl: "=HYPERLINK(\\"http://e\\") <script>alert(21)</script>", en: "<b>Bad</b> village"}
  forms: [Zła Wieś]
"""
SCRIPT_SCHEMES = ("javascript:", "data:", "vbscript:")
URL_ATTRIBUTES = ("href", "src", "action", "formaction", "xlink:href", "srcset", "poster")


def _yaml(values: Mapping[str, object]) -> str:
    lines = (f"{key}: {json.dumps(value, ensure_ascii=False)}\n" for key, value in values.items())
    return "".join(lines)


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, BuildReport]:
    root = tmp_path_factory.mktemp("hostile")
    content = make_collection(
        root,
        sources={
            "evil": EVIL_TEXT,
            "traversal": "Krótki tekst o niczym.\n\n12.03.2021\n",
            "a b#?": "## Nazwa pliku ze spacją\n\n12.03.2021\n\nTekst.\n",
        },
        sidecars={
            "evil": _yaml(EVIL_SIDECAR),
            "traversal": _yaml({"title": "../../etc/passwd", "tags": ["../../../tmp/x"]}),
        },
        entities=HOSTILE_ENTITY,
        site=MINIMAL_SITE,
    )
    report = build_site(
        BuildOptions(
            content_dir=content,
            templates_dir=TEMPLATES,
            output_dir=root / "build",
            cache_dir=root / "cache",
            verbosity=0,
        )
    )
    return root, report


@pytest.fixture(scope="module")
def site(hostile: tuple[Path, BuildReport]) -> Path:
    return hostile[0] / "build"


@pytest.fixture(scope="module")
def records(site: Path) -> dict[str, dict[str, Any]]:
    loaded = json.loads((site / "data" / "articles.json").read_text(encoding="utf-8"))
    return {record["id"]: record for record in loaded}


def pages(site: Path) -> list[Path]:
    found = sorted(site.rglob("*.html"))
    assert len(found) > 20
    return found


def evil_page(site: Path, records: dict[str, dict[str, Any]], lang: str = "") -> Any:
    return lxml.html.parse(site / lang / records["evil"]["url"]).getroot()


def test_the_hostile_collection_builds_without_errors(hostile: tuple[Path, BuildReport]) -> None:
    assert hostile[1].errors == []


def test_no_page_carries_a_script_handler_style_or_script_link(site: Path) -> None:
    for path in pages(site):
        for element in lxml.html.parse(path).getroot().iter():
            if not isinstance(element.tag, str):
                continue
            where = f"{path.relative_to(site)}: <{element.tag}>"
            assert element.tag not in ("iframe", "object", "embed", "img", "style", "base"), where
            for name, value in element.attrib.items():
                assert not name.lower().startswith("on"), f"{where} {name}"
                assert name.lower() != "style", where
                if name.lower() in URL_ATTRIBUTES:
                    plain = re.sub(r"[\x00-\x20]", "", value).lower()
                    assert not plain.startswith(SCRIPT_SCHEMES), f"{where} {name}={value}"
            if element.tag == "script":
                _assert_harmless_script(site, path, element)


def _assert_harmless_script(site: Path, page: Path, element: Any) -> None:
    """A script is the site's own file, or JSON-LD data that parses and cannot end early."""
    source = element.get("src")
    if source is not None:
        assert "://" not in source and not source.startswith("/")
        assert (page.parent / source).resolve().is_relative_to(site.resolve())
        return
    assert element.get("type") == "application/ld+json"
    assert "</" not in element.text and "<!--" not in element.text
    json.loads(element.text)


def test_every_page_has_the_content_security_and_referrer_policy(site: Path) -> None:
    for path in pages(site):
        head = lxml.html.parse(path).getroot().head
        policies = head.xpath('meta[@http-equiv="Content-Security-Policy"]/@content')
        assert policies == [POLICY], path
        assert head.xpath('meta[@name="referrer"]/@content') == ["no-referrer"], path
        # The policy must come before anything it governs.
        first = next(e for e in head if e.tag in ("link", "script", "style"))
        assert head.index(first) > head.index(head.xpath("meta[@http-equiv]")[0])
    assert "unsafe" not in POLICY


def test_no_page_loads_anything_from_elsewhere(site: Path) -> None:
    """No mixed content, no third party: every stylesheet, icon and script is relative."""
    for path in pages(site):
        root = lxml.html.parse(path).getroot()
        loaded = root.xpath("//link[not(@rel='alternate' or @rel='canonical')]/@href")
        loaded += root.xpath("//script/@src | //img/@src | //source/@src | //iframe/@src")
        for url in loaded:
            assert "://" not in url and not url.startswith("//"), f"{path}: {url}"


def test_hostile_title_and_sidecar_fields_are_shown_as_text(
    site: Path, records: dict[str, dict[str, Any]]
) -> None:
    for lang in ("", "en"):
        page = evil_page(site, records, lang)
        assert page.xpath("string(//h1)") == EVIL_SIDECAR["title"]
        assert page.find(".//title").text.startswith(EVIL_SIDECAR["title"])
        summary = page.xpath("string(//*[@class='article__summary'])")
        assert summary == EVIL_SIDECAR["summary"]
        facts = page.xpath("string(//dl[@class='facts'])")
        assert EVIL_SIDECAR["publisher"] in facts and EVIL_SIDECAR["author"] in facts
        assert page.xpath("string(//*[@class='notes'])") == EVIL_SIDECAR["notes"]
        tags = page.xpath("//ul[@class='tags']/li")
        assert [li.text_content() for li in tags] == sorted(EVIL_SIDECAR["tags"])
        original = page.xpath("//dl[@class='facts']//a[@class='external']/@href")
        assert original == [EVIL_SIDECAR["source_url"]]


def test_markup_in_a_clipping_is_text_and_script_links_are_no_links(
    site: Path, records: dict[str, dict[str, Any]]
) -> None:
    body = evil_page(site, records).xpath("//section[contains(@class, 'article__body')]")[0]
    text = body.text_content()
    for shown in (
        "<svg onload=alert(3)>",
        '<iframe src="javascript:alert(4)"></iframe>',
        "</script><script>alert(12)</script>",
        "<style>body{display:none}</style>",
        '<a href="https://example.org/" onclick="alert(13)">klik</a>',
        "&lt;b&gt; &#60;i&#62;",
        "oraz a, b, c, d, e, f i g.",
        '=HYPERLINK("http://evil.example","x")',
    ):
        assert shown in text
    assert body.xpath(".//a[not(@class='entity-link')]/@href") == ["https://example.org/ok"]
    assert body.xpath(".//a[@class='entity-link']/text()") == ["Zła Wieś"]


def test_jinja_syntax_in_content_is_never_evaluated(
    site: Path, records: dict[str, dict[str, Any]]
) -> None:
    page = evil_page(site, records)
    body = page.xpath("string(//section[contains(@class, 'article__body')])")
    assert "{% for x in range(3) %}X{% endfor %} i {{ 7*7 }} oraz {{ config }}" in body
    assert "XXX" not in body and "49" not in page.xpath("string(//h1)")
    assert "{{ self.__init__ }}" in page.xpath("string(//*[@class='article__summary'])")
    assert "{% raw %}" in page.xpath("string(//*[@class='notes'])")


def test_hostile_entity_labels_are_text_on_their_pages(site: Path) -> None:
    page = lxml.html.parse(site / "places" / "zla-wies.html").getroot()
    assert page.xpath("string(//h1)") == '=HYPERLINK("http://e") <script>alert(21)</script>'
    english = lxml.html.parse(site / "en" / "places" / "zla-wies.html").getroot()
    assert english.xpath("string(//h1)") == "<b>Bad</b> village"


def test_the_json_ld_cannot_end_its_script_and_keeps_the_values(
    site: Path, records: dict[str, dict[str, Any]]
) -> None:
    (script,) = evil_page(site, records).xpath("//script[@type='application/ld+json']")
    data = json.loads(script.text)
    assert data["headline"] == EVIL_SIDECAR["title"]
    assert data["description"] == EVIL_SIDECAR["summary"]


def test_the_feed_is_well_formed_atom_with_the_values_as_text(site: Path) -> None:
    atom = "{http://www.w3.org/2005/Atom}"
    for feed_path in (site / "feed.xml", site / "en" / "feed.xml"):
        feed = lxml.etree.parse(str(feed_path)).getroot()
        namespaces = {element.tag.split("}")[0] for element in feed.iter()}
        assert namespaces == {atom[:-1]}
        entries = {e.findtext(f"{atom}title"): e for e in feed.iter(f"{atom}entry")}
        entry = entries[EVIL_SIDECAR["title"]]
        summary = entry.find(f"{atom}summary")
        assert summary.get("type") == "text" and summary.text == EVIL_SIDECAR["summary"]
        assert entry.findtext(f"{atom}author/{atom}name") == EVIL_SIDECAR["author"]
        for link in feed.iter(f"{atom}link"):
            assert link.get("href").startswith(BASE_URL)


def test_the_sitemap_lists_only_pages_inside_the_site(site: Path) -> None:
    sitemap = lxml.etree.parse(str(site / "sitemap.xml")).getroot()
    locations = [element.text for element in sitemap.iter("{*}loc")]
    assert locations
    for location in locations:
        assert location.startswith(BASE_URL) and ".." not in location
        assert (site / location.removeprefix(BASE_URL)).is_file()


def test_the_json_export_keeps_every_hostile_value_exactly(
    records: dict[str, dict[str, Any]],
) -> None:
    evil = records["evil"]
    for key in ("title", "publisher", "author", "summary", "notes", "source_url"):
        assert evil[key] == EVIL_SIDECAR[key], key
    assert set(EVIL_SIDECAR["tags"]) <= set(evil["tags"])
    assert "<svg onload=alert(3)>" in evil["body_text"]


def test_no_csv_cell_starts_a_formula(site: Path, records: dict[str, dict[str, Any]]) -> None:
    text = (site / "data" / "articles.csv").read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(text)))
    for row in rows:
        for column, cell in row.items():
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), (column, cell)
    (evil,) = [row for row in rows if row["id"] == "evil"]
    for key in ("title", "publisher", "author", "summary"):
        assert evil[key] == "'" + EVIL_SIDECAR[key], key
    assert evil["places"] == "'" + '=HYPERLINK("http://e") <script>alert(21)</script>'
    assert evil["tags"].split("; ").count("../../etc") == 1


def test_the_search_index_cannot_end_a_script_and_keeps_the_values(site: Path) -> None:
    scripts = list((site / "search").rglob("*.js"))
    assert len(scripts) > 5
    for script in scripts:
        text = script.read_text(encoding="utf-8")
        assert "<" not in text and ">" not in text and "\u2028" not in text, script
    for lang in ("pl", "en"):
        titles = set()
        for block in (site / "search" / lang / "docs").glob("*.js"):
            prefix, _, rest = block.read_text(encoding="utf-8").partition(",")
            assert prefix.startswith("sitegenSearchData(") and rest.endswith(");\n")
            titles |= {row[1] for row in json.loads(rest[: -len(");\n")])}
        assert EVIL_SIDECAR["title"] in titles


def test_no_value_reaches_a_path_and_nothing_is_written_outside_the_build(
    hostile: tuple[Path, BuildReport], site: Path, records: dict[str, dict[str, Any]]
) -> None:
    root = hostile[0]
    assert sorted(p.name for p in root.iterdir()) == ["build", "cache", "content"]
    assert records["traversal"]["url"] == "articles/etc-passwd.html"
    for path in site.rglob("*"):
        assert not path.is_symlink() and path.resolve().is_relative_to(site.resolve())
        assert ".." not in path.relative_to(site).parts
        assert path.name not in ("etc", "passwd", "tmp", "x")


def test_raw_copies_keep_their_name_only_when_it_is_safe(
    hostile: tuple[Path, BuildReport], site: Path, records: dict[str, dict[str, Any]]
) -> None:
    sources = hostile[0] / "content" / "sources"
    assert (site / "sources" / "evil.txt").read_bytes() == (sources / "evil.txt").read_bytes()
    renamed = source_path("a b#?.txt")
    assert re.fullmatch(r"sources/a-b\.[0-9a-f]{8}\.txt", renamed)
    assert (site / renamed).read_bytes() == (sources / "a b#?.txt").read_bytes()
    page = site / records["a b#?"]["url"]
    (link,) = (
        lxml.html.parse(page)
        .getroot()
        .xpath("//section[@class='cite']//a[@type='text/plain']/@href")
    )
    assert (page.parent / link).resolve() == (site / renamed).resolve()
