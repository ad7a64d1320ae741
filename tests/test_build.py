"""The whole build: determinism, raw sources, errors and strict mode, the real content."""

from __future__ import annotations

import dataclasses
import hashlib
import subprocess
import sys
import time
from pathlib import Path

import pytest

from sitegen.core.errors import ContentError, Diagnostics
from sitegen.engine.build import BuildOptions, build_collection, build_site
from sitegen.render.theme import THEME_DIR
from tests.conftest import build_fixture_site
from tests.loader_fixtures import copy_seed_collection, make_collection
from tests.site_fixtures import TEMPLATES, write_collection

ROOT = Path(__file__).resolve().parent.parent


def tree_digest(site: Path) -> dict[str, str]:
    return {
        p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(site.rglob("*"))
        if p.is_file()
    }


def test_two_builds_are_byte_identical(tmp_path: Path) -> None:
    first, _ = build_fixture_site(tmp_path / "a")
    second, _ = build_fixture_site(tmp_path / "b")
    assert tree_digest(first) == tree_digest(second)
    assert len(tree_digest(first)) > 80


def test_raw_sources_are_copied_byte_for_byte(built_site: Path, tmp_path: Path) -> None:
    collection = write_collection(tmp_path / "content")
    for record in collection.records:
        original = (tmp_path / "content" / "sources" / record.source.file).read_bytes()
        assert (built_site / "sources" / record.source.file).read_bytes() == original
    # CRLF and UTF-8 bytes survive untouched.
    assert b"\r\n" in (built_site / "sources" / "001_fixture.txt").read_bytes()


def test_report_counts_pages_and_files(tmp_path: Path) -> None:
    _, report = build_fixture_site(tmp_path)
    assert report.pages == 68
    assert report.files > report.pages
    assert report.warnings == []


def test_errors_in_loading_stop_the_build_and_keep_the_old_site(tmp_path: Path) -> None:
    site, _ = build_fixture_site(tmp_path)
    before = tree_digest(site)
    collection = write_collection(tmp_path / "content2")
    diagnostics = Diagnostics()
    diagnostics.error("sources/bad.txt", 3, "cannot decode")
    broken = dataclasses.replace(collection, diagnostics=diagnostics)
    options = BuildOptions(
        content_dir=tmp_path / "content2", templates_dir=TEMPLATES, output_dir=site
    )
    with pytest.raises(ContentError, match="cannot decode"):
        build_collection(broken, options)
    assert tree_digest(site) == before


def test_no_base_url_warns_skips_sitemap_and_fails_under_strict(tmp_path: Path) -> None:
    site, report = build_fixture_site(tmp_path, base_url=None)
    assert [w.message for w in report.warnings] == [
        "no base URL (site.yaml base_url or --base-url): no sitemap.xml"
    ]
    assert not (site / "sitemap.xml").exists()
    assert "Sitemap:" not in (site / "robots.txt").read_text()
    collection = write_collection(tmp_path / "strict", base_url=None)
    options = BuildOptions(
        content_dir=tmp_path / "strict",
        templates_dir=TEMPLATES,
        output_dir=tmp_path / "strict-build",
        strict=True,
    )
    with pytest.raises(ContentError, match="no base URL"):
        build_collection(collection, options)


def test_real_content_builds_in_both_languages(tmp_path: Path) -> None:
    output = tmp_path / "build"
    report = build_site(
        BuildOptions(
            content_dir=copy_seed_collection(tmp_path),
            templates_dir=THEME_DIR,
            output_dir=output,
        )
    )
    assert report.errors == []
    assert (output / "articles" / "wizyta-szefa-bbn-w-kazachstanie.html").is_file()
    assert (output / "en" / "articles" / "wizyta-szefa-bbn-w-kazachstanie.html").is_file()
    html = (output / "articles" / "wizyta-szefa-bbn-w-kazachstanie.html").read_text()
    assert "23 czerwca 2018" in html
    assert (
        "23 June 2018"
        in (output / "en" / "articles" / "wizyta-szefa-bbn-w-kazachstanie.html").read_text()
    )


def numbered_source(number: int) -> str:
    """A short dated text, different for each number."""
    day, month, year = 1 + number % 28, 1 + number % 12, 2000 + number % 20
    return f"## Wizyta {number}\n\n{day:02d}.{month:02d}.{year}\n\nMinister odwiedził Astanę.\n"


def start_build(cwd: Path, *options: str) -> subprocess.Popen[bytes]:
    """``python -m sitegen build`` run from ``cwd``, as a user would run it."""
    command = [sys.executable, "-m", "sitegen", "build", "--templates", str(TEMPLATES)]
    return subprocess.Popen(
        [*command, *options], cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )


def test_a_build_killed_hard_leaves_the_previous_build_whole_and_the_next_one_cleans_up(
    tmp_path: Path,
) -> None:
    content = make_collection(tmp_path, {f"{n:03d}": numbered_source(n) for n in range(300)})
    assert start_build(tmp_path).wait() == 0
    before = tree_digest(tmp_path / "build")
    site = content / "site.yaml"  # a new title: every page is rendered again
    site.write_text(site.read_text().replace("Archiwum testowe", "Archiwum"))
    killed = start_build(tmp_path, "--jobs", "2")  # with worker processes
    deadline = time.monotonic() + 120  # generous: only a hung build reaches it
    while not any(tmp_path.glob("build.staging-*/*")):
        assert killed.poll() is None, "the build finished before it could be killed"
        assert time.monotonic() < deadline
        time.sleep(0.01)
    killed.kill()
    killed.wait()
    assert tree_digest(tmp_path / "build") == before
    assert start_build(tmp_path).wait() == 0
    fresh = tmp_path / "fresh"
    fresh.mkdir()
    assert start_build(fresh, "--content", str(content), "--clean").wait() == 0
    assert tree_digest(tmp_path / "build") == tree_digest(fresh / "build")
    beside_build = sorted(p.name for p in tmp_path.iterdir())
    assert beside_build == [".sitegen-cache", "build", "content", "fresh"]
