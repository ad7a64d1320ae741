"""``sitegen check``: a clean build passes, and each kind of breakage is reported exactly."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from sitegen.commands.check import (
    CheckProblem,
    check_site,
    configured_base_url,
    find_vnu_jar,
    unpublishable_address,
)
from sitegen.engine.build import BuildOptions, build_site
from tests.conftest import build_fixture_site
from tests.site_fixtures import TEMPLATES

REPO = Path(__file__).resolve().parent.parent
BASE = "https://example.org/archiwum/"
NOT_RELATIVE = "is not relative (only http, https and mailto may leave the site)"


@pytest.fixture
def site(built_site: Path, tmp_path: Path) -> Path:
    """A private copy of the built fixture site, free to break."""
    return Path(shutil.copytree(built_site, tmp_path / "site"))


def problems(site: Path) -> list[CheckProblem]:
    """The problems of a fixture site, which is built for the placeholder ``BASE``."""
    return check_site(site, base_url=BASE, validate_html=False)


def edit(site: Path, path: str, old: str, new: str, count: int = 1) -> None:
    """Replace ``old`` by ``new`` in one file of the site; ``old`` must be there."""
    file = site / path
    text = file.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    file.write_text(text.replace(old, new, count), encoding="utf-8")


def add_to_main(site: Path, path: str, html: str) -> None:
    edit(site, path, "</main>", f"{html}</main>")


def test_clean_fixture_site_has_no_problems(built_site: Path) -> None:
    assert problems(built_site) == []


def test_fixture_site_without_base_url_has_no_problems(tmp_path: Path) -> None:
    # No sitemap.xml, and feeds with links relative to themselves.
    site, _ = build_fixture_site(tmp_path, base_url=None)
    assert not (site / "sitemap.xml").exists()
    assert problems(site) == []


def test_build_of_the_sample_collection_has_no_problems(tmp_path: Path) -> None:
    output = tmp_path / "build"
    options = BuildOptions(
        content_dir=REPO / "content", templates_dir=TEMPLATES, output_dir=output, verbosity=0
    )
    build_site(options)
    assert [str(p) for p in problems(output)] == []


def test_a_missing_folder_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        check_site(tmp_path / "nowhere")


def test_problem_prints_as_path_and_message() -> None:
    assert str(CheckProblem("about.html", "no <title>")) == "about.html: no <title>"
    assert str(CheckProblem("a/b.html", "bad", line=7)) == "a/b.html:7: bad"


@pytest.mark.parametrize(
    ("link", "message"),
    [
        ("nowhere.html", 'broken link "nowhere.html": no file nowhere.html'),
        ("articles/gone.html#x", 'broken link "articles/gone.html#x": no file articles/gone.html'),
        ("index.html#nope", 'broken anchor "index.html#nope": no id "nope" in index.html'),
        ("#nowhere", 'broken anchor "#nowhere": no id "nowhere" in about.html'),
        ("countries/", 'link "countries/" names a folder, not a file'),
        ("countries", 'link "countries" names a folder, not a file'),
        ("../outside.html", 'link "../outside.html" leaves the output folder'),
        ("/index.html", 'link "/index.html" starts at the server root; links must be relative'),
        ("javascript:alert(1)", f'link "javascript:alert(1)" {NOT_RELATIVE}'),
        ("//cdn.example/x.js", f'link "//cdn.example/x.js" {NOT_RELATIVE}'),
    ],
)  # fmt: skip
def test_bad_links_are_reported(site: Path, link: str, message: str) -> None:
    add_to_main(site, "about.html", f'<a href="{link}">x</a>')
    assert problems(site) == [CheckProblem("about.html", message)]


ANY_DEPTH = (
    "is relative, but 404.html is served at any missing address:"
    " start it at the server root (build with a base URL) or drop it"
)


@pytest.mark.parametrize(
    ("path", "link", "message"),
    [
        ("404.html", "/archiwum/gone.html", 'broken link "{}": no file gone.html'),
        ("404.html", "/archiwum/index.html#x", 'broken anchor "{}": no id "x" in index.html'),
        ("404.html", "/archiwum/countries/", 'link "{}" names a folder, not a file'),
        ("404.html", "/else/a.html", "link \"{}\" is not under the site's base path /archiwum/"),
        ("404.html", "/archiwum/../outside.html", 'link "{}" leaves the output folder'),
        ("404.html", "index.html", f'link "{{}}" {ANY_DEPTH}'),
        ("en/404.html", "../index.html", f'link "{{}}" {ANY_DEPTH}'),
    ],
)  # fmt: skip
def test_bad_links_on_a_404_page_are_reported(
    site: Path, path: str, link: str, message: str
) -> None:
    # Hosts serve 404.html at any depth: its links are checked from the server root.
    add_to_main(site, path, f'<a href="{link}">x</a>')
    assert problems(site) == [CheckProblem(path, message.format(link))]


def test_links_of_a_404_page_from_the_server_root_pass(site: Path) -> None:
    links = '<a href="/archiwum/en/countries/kazakhstan.html">a</a><a href="#main">b</a>'
    add_to_main(site, "404.html", links)
    assert problems(site) == []


def test_a_404_page_linking_from_the_root_of_a_site_whose_base_url_is_unknown(
    site: Path,
) -> None:
    edit(site, "index.html", 'rel="canonical"', 'rel="bookmark"')
    found = check_site(site, validate_html=False)
    assert found and all(p.path in ("404.html", "en/404.html") for p in found)
    assert all("the site's base URL is unknown" in p.message for p in found)


def test_bad_src_is_reported_like_a_link(site: Path) -> None:
    add_to_main(site, "en/about.html", '<img src="../static/missing.png" alt="">')
    message = 'broken link "../static/missing.png": no file static/missing.png'
    assert problems(site) == [CheckProblem("en/about.html", message)]


def test_existing_anchors_and_external_links_pass(site: Path) -> None:
    add_to_main(
        site,
        "about.html",
        '<a href="index.html#main">a</a><a href="https://example.com/x">b</a>'
        '<a href="mailto:a@example.org">c</a><a href="http://example.com/">d</a>',
    )
    assert problems(site) == []


def test_files_no_page_links_to_are_orphans(site: Path) -> None:
    (site / "static" / "unused.css").write_text("body{}", encoding="utf-8")
    (site / "sources" / "stray.txt").write_text("x", encoding="utf-8")
    assert problems(site) == [
        CheckProblem("sources/stray.txt", "no page links to this file"),
        CheckProblem("static/unused.css", "no page links to this file"),
    ]


def test_the_search_index_is_followed_from_its_manifest(site: Path) -> None:
    # Every index file is reached through the search page's manifest: none is an orphan.
    assert problems(site) == []
    stray = site / "search" / "terms" / "99.0000000000.js"
    stray.write_text('sitegenSearchData("t99",{});\n', encoding="utf-8")
    (text,) = sorted((site / "search" / "text").glob("*.js"))[:1]
    text.unlink()
    (shard,) = sorted((site / "search" / "terms").glob("0.*.js"))
    shard.write_text("garbage", encoding="utf-8")
    found = problems(site)
    assert CheckProblem("search/terms/99.0000000000.js", "no page links to this file") in found
    shard_path = shard.relative_to(site).as_posix()
    broken = CheckProblem(shard_path, "is not a search index file: not a sitegenSearchData call")
    assert broken in found
    missing = text.relative_to(site).as_posix()
    # Both interfaces' display blocks name the text: each says so.
    naming = [p for p in found if p.message == f"names a missing file {missing}"]
    assert sorted(p.path.split("/")[1] for p in naming) == ["en", "pl"]


def test_a_page_nothing_links_to_is_an_orphan(site: Path) -> None:
    shutil.copy(site / "about.html", site / "orphan.html")
    assert CheckProblem("orphan.html", "no page links to this file") in problems(site)


def test_files_asked_for_by_name_are_never_orphans(site: Path) -> None:
    (site / "data" / "extra.json").write_text("[]", encoding="utf-8")
    (site / "data" / "sub").mkdir()
    (site / "data" / "sub" / "more.csv").write_text("a,b\n", encoding="utf-8")
    assert problems(site) == []


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ('<html lang="pl">', "<html>", "<html> has no lang attribute"),
        ("O archiwum · Archiwum testowe</title>", " </title>", "no <title> or an empty one"),
        ("<title>O archiwum · Archiwum testowe</title>", "", "no <title> or an empty one"),
        ('<meta name="description" content="Czym jest zbiór i jak go opisano.">', "",
         'no <meta name="description"> or an empty one'),
        ('content="Czym jest zbiór i jak go opisano."', 'content=""',
         'no <meta name="description"> or an empty one'),
        ('<meta name="viewport" content="width=device-width, initial-scale=1">', "",
         'no <meta name="viewport">'),
        ("</main>", "<h1>Second</h1></main>", "expected exactly one <h1>, found 2"),
        ("<h1", "<h2", "expected exactly one <h1>, found 0"),
    ],
)  # fmt: skip
def test_missing_page_elements_are_reported(site: Path, old: str, new: str, message: str) -> None:
    edit(site, "about.html", old, new)
    assert problems(site) == [CheckProblem("about.html", message)]


def test_sitemap_missing_a_page(site: Path) -> None:
    edit(site, "sitemap.xml", f"<url>\n    <loc>{BASE}about.html</loc>\n  </url>", "")
    assert problems(site) == [CheckProblem("sitemap.xml", "does not list about.html")]


def test_sitemap_listing_a_missing_page(site: Path) -> None:
    edit(site, "sitemap.xml", "</urlset>", f"<url><loc>{BASE}gone.html</loc></url></urlset>")
    assert problems(site) == [
        CheckProblem("sitemap.xml", f"lists {BASE}gone.html, but there is no page gone.html")
    ]


def test_sitemap_listing_a_page_twice_or_off_site(site: Path) -> None:
    elsewhere = "https://other.example/a.html"
    extra = f"<url><loc>{BASE}about.html</loc></url><url><loc>{elsewhere}</loc></url>"
    edit(site, "sitemap.xml", "</urlset>", extra + "</urlset>")
    assert problems(site) == [
        CheckProblem("sitemap.xml", "lists about.html 2 times"),
        CheckProblem("sitemap.xml", f"lists {elsewhere}, which is not under {BASE}"),
    ]


def test_sitemap_that_does_not_parse(site: Path) -> None:
    edit(site, "sitemap.xml", "</urlset>", "")
    [problem] = problems(site)
    assert problem.path == "sitemap.xml"
    assert problem.message.startswith("does not parse as XML")


def test_feed_without_an_id(site: Path) -> None:
    edit(site, "feed.xml", f"<id>{BASE}feed.xml</id>", "")
    assert problems(site) == [CheckProblem("feed.xml", "feed has no <id>")]


def test_feed_entry_linking_to_a_missing_page(site: Path) -> None:
    edit(site, "feed.xml", f"{BASE}articles/artykul-5.html", f"{BASE}articles/gone.html")
    assert problems(site) == [
        CheckProblem("feed.xml", f"entry 1 links to {BASE}articles/gone.html: no such page")
    ]


def test_feed_entry_missing_elements_and_bad_dates(site: Path) -> None:
    edit(site, "en/feed.xml", "<updated>2024-01-01T00:00:00Z</updated>", "<updated>2024</updated>")
    edit(site, "en/feed.xml", '<link rel="self"', '<link rel="related"')
    assert problems(site) == [
        CheckProblem("en/feed.xml", 'entry 2 <updated> "2024" is not an RFC 3339 date-time'),
        CheckProblem("en/feed.xml", 'feed has no <link rel="self">'),
    ]


def test_feed_that_is_not_atom(site: Path) -> None:
    (site / "feed.xml").write_text("<rss><channel/></rss>", encoding="utf-8")
    assert problems(site) == [CheckProblem("feed.xml", "not an Atom feed (root element rss)")]


def test_vnu_jar_found_from_environment_or_node_modules(tmp_path: Path) -> None:
    jar = tmp_path / "vnu.jar"
    jar.write_bytes(b"")
    assert find_vnu_jar({"SITEGEN_VNU_JAR": str(jar)}, tmp_path / "elsewhere") == jar
    assert find_vnu_jar({}, tmp_path) is None
    local = tmp_path / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
    local.parent.mkdir(parents=True)
    local.write_bytes(b"")
    assert find_vnu_jar({}, tmp_path) == local


# CI installs java and vnu-jar (.ci/run): there a missing checker fails instead of skipping.
@pytest.mark.skipif(
    (shutil.which("java") is None or find_vnu_jar() is None) and os.environ.get("CI") != "true",
    reason="needs java and vnu.jar (npm install vnu-jar, or SITEGEN_VNU_JAR)",
)
def test_invalid_html_is_reported_by_vnu(site: Path) -> None:
    add_to_main(site, "about.html", "<p><div>block in a paragraph</div></p>")
    found = check_site(site, base_url=BASE)
    assert found, "vnu reported nothing"
    assert {p.path for p in found} == {"about.html"}
    assert all(p.line is not None for p in found)


def test_vnu_messages_become_problems_with_lines(
    site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A stand-in for java that answers as vnu.jar does: JSON on stderr, file: URLs.
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    page_url = (site / "about.html").resolve().as_uri()
    report = {"messages": [{"type": "error", "url": page_url, "lastLine": 12, "message": "Bad."}]}
    java = bin_dir / "java"
    java.write_text(f"#!/bin/sh\necho '{json.dumps(report)}' >&2\nexit 1\n", encoding="utf-8")
    java.chmod(0o755)
    jar = tmp_path / "vnu.jar"
    jar.write_bytes(b"")
    monkeypatch.setenv("PATH", str(bin_dir))
    monkeypatch.setenv("SITEGEN_VNU_JAR", str(jar))
    assert check_site(site, base_url=BASE) == [CheckProblem("about.html", "Bad.", line=12)]


def test_a_site_built_for_a_loopback_address_fails_naming_each_file(tmp_path: Path) -> None:
    site, _ = build_fixture_site(tmp_path, base_url="http://127.0.0.1:8000/")
    found = check_site(site, validate_html=False)
    paths = [p.path for p in found]
    assert {"index.html", "en/about.html", "sitemap.xml", "feed.xml", "robots.txt"} <= set(paths)
    assert len(paths) == len(set(paths)), "one problem line per file"
    home = next(p for p in found if p.path == "index.html")
    assert str(home) == (
        "index.html: http://127.0.0.1:8000/index.html points at a loopback address; "
        "rebuild with the real --base-url (and 3 more URLs)"
    )


def test_a_site_built_for_its_real_address_passes(tmp_path: Path) -> None:
    site, _ = build_fixture_site(tmp_path, base_url="https://archiwum.test/zbior/")
    assert check_site(site, validate_html=False) == []
    assert check_site(site, base_url="https://archiwum.test/zbior/", validate_html=False) == []


def test_urls_off_the_expected_base_url_are_reported(built_site: Path) -> None:
    found = check_site(built_site, base_url="https://archiwum.test/", validate_html=False)
    assert (
        CheckProblem(
            "robots.txt",
            "https://example.org/archiwum/sitemap.xml is not under https://archiwum.test/",
        )
        in found
    )
    assert {"index.html", "sitemap.xml", "feed.xml", "en/feed.xml"} <= {p.path for p in found}


def test_placeholder_domains_pass_when_no_real_base_url_is_expected(built_site: Path) -> None:
    assert check_site(built_site, validate_html=False) == []


def test_placeholder_domains_fail_when_a_real_base_url_is_expected(built_site: Path) -> None:
    found = check_site(built_site, validate_html=False, base_url="https://archiwum.test/")
    assert found and all("is not under https://archiwum.test/" in p.message for p in found)


def test_a_site_without_any_base_url_passes_without_an_expected_one(tmp_path: Path) -> None:
    site, _ = build_fixture_site(tmp_path, base_url=None)
    assert check_site(site, validate_html=False) == []


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("http://localhost:8000/", "a loopback address"),
        ("http://127.3.0.1/", "a loopback address"),
        ("http://[::1]:8000/a.html", "a loopback address"),
        ("http://0.0.0.0:8000/", "a loopback address"),
        ("https://www.example.com/", "the placeholder domain example.com"),
        ("https://example.net/x/", "the placeholder domain example.net"),
        ("https://archiwum.pl/", None),
        ("https://example.org.pl/", None),
    ],
)  # fmt: skip
def test_unpublishable_addresses_are_recognised(url: str, reason: str | None) -> None:
    assert unpublishable_address(url) == reason


@pytest.mark.parametrize(
    ("site_yaml", "expected"),
    [
        (None, None),
        ("title: A\n", None),
        ("base_url: https://example.org/archiwum/\n", None),
        ("base_url: https://archiwum.test/zbior\n", "https://archiwum.test/zbior/"),
    ],
)  # fmt: skip
def test_site_yaml_gives_the_expected_base_url_unless_a_placeholder(
    tmp_path: Path, site_yaml: str | None, expected: str | None
) -> None:
    path = tmp_path / "site.yaml"
    if site_yaml is not None:
        path.write_text(site_yaml, encoding="utf-8")
    assert configured_base_url(path) == expected
