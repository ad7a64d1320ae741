"""Addresses that last: ``slug``/``aliases`` (``slugs.py``), redirect pages, lost addresses.

A title correction must not move a page whose sidecar fixes its ``slug``; an old
slug in ``aliases`` leaves a redirect page that works from ``file://``; a page of
the previous build that is gone without one is a build warning and a ``check``
problem (``addresses.py``, ``check_addresses.py``).
"""

from __future__ import annotations

import json
import posixpath
from pathlib import Path

import lxml.html
import pytest

from sitegen.commands.check import check_site, resolve_link
from sitegen.core.errors import ContentError
from sitegen.core.records import Provenance
from sitegen.engine.build import BuildOptions, BuildReport, build_site
from sitegen.load.loader import Collection
from tests.loader_fixtures import (
    GOOD_ENGLISH,
    GOOD_POLISH,
    diagnostics_for,
    load,
    make_collection,
    record_by_id,
)

OLD = "wizyta-ministra-w-kazachstanie"
NEW = "wizyta-w-astanie"


def build(root: Path, *, clean: bool = False, strict: bool = False) -> BuildReport:
    """Build ``root/content`` into ``root/build``, with the cache in ``root/.cache``."""
    return build_site(
        BuildOptions(
            content_dir=root / "content",
            output_dir=root / "build",
            cache_dir=root / ".cache",
            clean=clean,
            strict=strict,
            jobs=1,
            verbosity=0,
        )
    )


def project(root: Path, sidecar: str | None = None) -> Path:
    """Two articles (``a`` Polish, ``b`` English); ``sidecar`` is ``a.yaml``."""
    return make_collection(
        root,
        sources={"a": GOOD_POLISH, "b": GOOD_ENGLISH},
        sidecars={"a": sidecar} if sidecar is not None else None,
    )


def set_sidecar(root: Path, text: str) -> None:
    (root / "content" / "sources" / "a.yaml").write_text(text, encoding="utf-8")


def problems(root: Path) -> list[str]:
    found = check_site(root / "build", validate_html=False, cache_dir=root / ".cache")
    return [str(problem) for problem in found]


def errors_of(collection: Collection, name: str) -> list[str]:
    return [str(d) for d in diagnostics_for(collection, name) if d.severity == "error"]


# The sidecar's keys


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("slug: Wizyta w Łodzi\n", "(did you mean 'wizyta-w-lodzi'?)"),
        ("slug: wizyta_w_lodzi\n", "(did you mean 'wizyta-w-lodzi'?)"),
        ("slug: -wizyta\n", "(did you mean 'wizyta'?)"),
        ("slug: " + "a-" * 50 + "b\n", "is longer than 80 characters"),
        ("slug: 2024\n", "quote a number"),
        ("aliases: [stary, Stary Tytuł]\n", "'Stary Tytuł' is not a slug"),
        ("aliases: {a: b}\n", "must be a list of slugs"),
    ],
)
def test_a_bad_slug_is_an_error_at_its_line_with_a_suggestion(
    tmp_path: Path, text: str, fragment: str
) -> None:
    collection = load(tmp_path, sources={"a": GOOD_POLISH}, sidecars={"a": "notes: x\n" + text})
    (error,) = errors_of(collection, "a.yaml")
    assert error.startswith(f"{tmp_path}/content/sources/a.yaml:2: error: ")
    assert fragment in error
    assert record_by_id(collection, "a").slug == OLD  # the headline's slug meanwhile


def test_any_slug_the_build_makes_may_be_fixed_in_the_sidecar(tmp_path: Path) -> None:
    long = "a-" * 39 + "bc"  # 80 characters, and the number a repeated headline gets
    collection = load(tmp_path, sources={"a": GOOD_POLISH}, sidecars={"a": f"slug: {long}-2\n"})
    assert collection.diagnostics.items == []
    assert record_by_id(collection, "a").slug == f"{long}-2"


def test_a_title_correction_keeps_the_address_fixed_by_slug(tmp_path: Path) -> None:
    collection = load(
        tmp_path,
        sources={"a": GOOD_POLISH},
        sidecars={"a": f"title: Wizyta w Astanie\nslug: {OLD}\n"},
    )
    record = record_by_id(collection, "a")
    assert (record.title, record.slug) == ("Wizyta w Astanie", OLD)
    assert record.provenance["slug"] == Provenance("sidecar")
    assert collection.diagnostics.items == []


def test_a_headline_slug_has_no_slug_provenance_and_avoids_claimed_slugs(
    tmp_path: Path,
) -> None:
    collection = load(
        tmp_path,
        sources={"a": GOOD_POLISH, "b": GOOD_POLISH.replace("12.03", "13.03")},
        sidecars={"b": f"slug: {OLD}\n"},  # b comes later by id, but its slug is fixed
    )
    a, b = record_by_id(collection, "a"), record_by_id(collection, "b")
    assert (a.slug, b.slug) == (f"{OLD}-2", OLD)
    assert "slug" not in a.provenance


@pytest.mark.parametrize(
    ("sidecar_a", "sidecar_b", "message"),
    [
        ("slug: forum\n", "slug: forum\n", "slug: 'forum' is already the slug of a.txt (a.yaml)"),
        ("slug: forum\n", "aliases: [forum]\n", "aliases: 'forum' is already the slug of a.txt"),
        ("aliases: [x]\n", "aliases: [y, x]\n", "aliases: 'x' is already the alias of a.txt"),
        ("slug: forum\naliases: [forum]\n", None, "'forum' is this article's own slug"),
    ],
)
def test_one_address_claimed_twice_is_an_error_naming_both_files(
    tmp_path: Path, sidecar_a: str, sidecar_b: str | None, message: str
) -> None:
    sidecars = {"a": sidecar_a} | ({"b": sidecar_b} if sidecar_b else {})
    collection = load(tmp_path, sources={"a": GOOD_POLISH, "b": GOOD_ENGLISH}, sidecars=sidecars)
    (error,) = [str(d) for d in collection.diagnostics.errors]
    assert message in error
    assert error.startswith(f"{tmp_path}/content/sources/{'b' if sidecar_b else 'a'}.yaml: error")
    slugs = [r.slug for r in collection.records]
    assert len(slugs) == len(set(slugs))


def test_an_alias_of_another_article_stops_the_build(tmp_path: Path) -> None:
    project(tmp_path, "aliases: [minister-visits-kazakhstan]\n")
    with pytest.raises(ContentError, match=r"already the slug of b\.txt"):
        build(tmp_path)
    assert not (tmp_path / "build").exists()


# Redirect pages


def test_a_slug_change_with_its_alias_leaves_a_working_redirect_in_every_language(
    tmp_path: Path,
) -> None:
    project(tmp_path)
    build(tmp_path)
    set_sidecar(tmp_path, f"title: Wizyta w Astanie\nslug: {NEW}\naliases: [{OLD}]\n")
    report = build(tmp_path)
    assert report.warnings == []
    site = tmp_path / "build"
    for lang, folder in (("pl", ""), ("en", "en/")):
        path = f"{folder}articles/{OLD}.html"
        tree = lxml.html.document_fromstring((site / path).read_bytes())
        assert tree.get("lang") == lang
        assert tree.xpath("//title/text()")
        assert tree.xpath("//meta[@name='robots']/@content") == ["noindex"]
        (refresh,) = tree.xpath("//meta[@http-equiv='refresh']/@content")
        delay, _, url = refresh.partition("; url=")
        assert (delay, url) == ("0", f"{NEW}.html")  # relative: file://, any host or sub-path
        target = resolve_link(path, url)
        assert target == f"{folder}articles/{NEW}.html" and (site / target).is_file()
        assert tree.xpath("//body//a/@href") == [url]  # a visible link too
        canonical = tree.xpath("//link[@rel='canonical']/@href")
        assert canonical == [f"https://example.org/{target}"]
    assert problems(tmp_path) == []


def test_redirects_are_in_no_sitemap_feed_search_index_or_export(tmp_path: Path) -> None:
    project(tmp_path, f"slug: {NEW}\naliases: [{OLD}]\n")
    build(tmp_path)
    site = tmp_path / "build"
    assert (site / "articles" / f"{OLD}.html").is_file()
    search_docs = sorted(str(p.relative_to(site)) for p in (site / "search").glob("*/docs/*.js"))
    for name in ("sitemap.xml", "feed.xml", "en/feed.xml", *search_docs, "data/articles.csv"):
        text = (site / name).read_text(encoding="utf-8")
        assert NEW in text, name
        assert OLD not in text, name
    exported = json.loads((site / "data" / "articles.json").read_text(encoding="utf-8"))
    record = next(item for item in exported if item["id"] == "a")
    assert (record["url"], record["aliases"]) == (f"articles/{NEW}.html", [OLD])


def test_without_a_base_url_the_canonical_link_is_relative(tmp_path: Path) -> None:
    project(tmp_path, f"slug: {NEW}\naliases: [{OLD}]\n")
    site_yaml = tmp_path / "content" / "site.yaml"
    site_yaml.write_text(
        site_yaml.read_text(encoding="utf-8").replace("base_url: https://example.org/\n", ""),
        encoding="utf-8",
    )
    build(tmp_path)
    tree = lxml.html.parse(str(tmp_path / "build" / "en" / "articles" / f"{OLD}.html"))
    assert tree.xpath("//link[@rel='canonical']/@href") == [f"{NEW}.html"]
    assert problems(tmp_path) == []


def test_redirect_pages_are_the_same_bytes_however_the_site_was_built(tmp_path: Path) -> None:
    first, second = tmp_path / "incremental", tmp_path / "clean"
    project(first)
    build(first)
    set_sidecar(first, f"slug: {NEW}\naliases: [{OLD}]\n")
    build(first)
    project(second, f"slug: {NEW}\naliases: [{OLD}]\n")
    build(second, clean=True)
    assert contents(first / "build") == contents(second / "build")


def contents(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (f"url={NEW}.html", "url=missing.html", 'redirect to "missing.html" leads to no page'),
        (f"url={NEW}.html", f"url=/articles/{NEW}.html", "is not relative"),
        (f"url={NEW}.html", "", "redirect without a URL"),
        (f'<a href="{NEW}.html"', '<a href="../index.html"', "without a visible link"),
        (f"/articles/{NEW}.html", "/index.html", "is not the redirect's target"),
    ],
)
def test_check_reports_a_redirect_that_leads_wrong(
    tmp_path: Path, old: str, new: str, message: str
) -> None:
    project(tmp_path, f"slug: {NEW}\naliases: [{OLD}]\n")
    build(tmp_path)
    page = tmp_path / "build" / "articles" / f"{OLD}.html"
    html = page.read_text(encoding="utf-8")
    assert old in html
    page.write_text(html.replace(old, new, 1), encoding="utf-8")
    found = [p for p in problems(tmp_path) if p.startswith(f"articles/{OLD}.html: ")]
    assert found and message in found[0], problems(tmp_path)


# Addresses lost since the previous build


def test_a_slug_change_without_an_alias_is_warned_and_checked(tmp_path: Path) -> None:
    project(tmp_path)
    assert build(tmp_path).warnings == []  # a first build lost nothing
    set_sidecar(tmp_path, f"slug: {NEW}\n")
    report = build(tmp_path)
    sidecar = tmp_path / "content" / "sources" / "a.yaml"
    warned = {Path(w.path).relative_to(tmp_path / "build").as_posix(): w for w in report.warnings}
    assert sorted(warned) == [f"articles/{OLD}.html", f"en/articles/{OLD}.html"]
    message = warned[f"en/articles/{OLD}.html"].message
    assert f"it was the page of a.txt, now en/articles/{NEW}.html" in message
    assert f'add "aliases: [{OLD}]" to {sidecar}' in message
    assert problems(tmp_path) == [
        f"{path}: was a page of an earlier build and is gone, with no redirect (a page of "
        f'article a: add "aliases: [{OLD}]" to its sidecar)'
        for path in sorted(warned)
    ]
    # Until the alias is there, every build says so (an unrelated edit does not forget it).
    (tmp_path / "content" / "sources" / "b.txt").write_text(GOOD_ENGLISH + "\nMore.\n")
    assert len(build(tmp_path).warnings) == 2
    set_sidecar(tmp_path, f"slug: {NEW}\naliases: [{OLD}]\n")
    assert build(tmp_path).warnings == []
    assert problems(tmp_path) == []


def test_a_lost_address_stops_a_strict_build_and_leaves_build_as_it_was(tmp_path: Path) -> None:
    project(tmp_path)
    build(tmp_path)
    before = contents(tmp_path / "build")
    set_sidecar(tmp_path, f"slug: {NEW}\n")
    with pytest.raises(ContentError, match="is gone, with no redirect"):
        build(tmp_path, strict=True)
    assert contents(tmp_path / "build") == before


def test_a_clean_build_compares_with_nothing(tmp_path: Path) -> None:
    project(tmp_path)
    build(tmp_path)
    set_sidecar(tmp_path, f"slug: {NEW}\n")
    assert len(build(tmp_path).warnings) == 2
    assert build(tmp_path, clean=True).warnings == []
    assert problems(tmp_path) == []


def test_pages_no_alias_could_bring_back_are_no_lost_addresses(tmp_path: Path) -> None:
    """A deleted article's page, an entity no text names any more: nothing to fix."""
    project(tmp_path)
    build(tmp_path)
    assert (tmp_path / "build" / "topics" / "security.html").is_file()
    (tmp_path / "content" / "sources" / "a.txt").unlink()
    report = build(tmp_path)
    assert not (tmp_path / "build" / "topics" / "security.html").exists()
    assert not (tmp_path / "build" / "articles" / f"{OLD}.html").exists()
    assert report.removed > 0 and report.warnings == []
    assert problems(tmp_path) == []


def test_the_redirects_target_is_a_page_of_the_site(tmp_path: Path) -> None:
    """Every redirect the build writes passes ``check``: it leads to an article page."""
    project(tmp_path, f"slug: {NEW}\naliases: [{OLD}, stary-adres]\n")
    build(tmp_path)
    site = tmp_path / "build"
    redirects = sorted(
        p.relative_to(site).as_posix()
        for p in site.rglob("*.html")
        if b'http-equiv="refresh"' in p.read_bytes()
    )
    assert redirects == [
        "articles/stary-adres.html",
        f"articles/{OLD}.html",
        "en/articles/stary-adres.html",
        f"en/articles/{OLD}.html",
    ]
    assert all(posixpath.dirname(path).endswith("articles") for path in redirects)
    assert problems(tmp_path) == []
