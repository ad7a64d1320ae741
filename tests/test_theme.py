"""The packaged theme and an archive's ``templates/`` over it, file by file (``render.theme``)."""

from __future__ import annotations

import filecmp
from pathlib import Path

import pytest
from lxml import html

from sitegen.commands.cli import main
from sitegen.render.theme import THEME_DIR, theme_files
from tests.loader_fixtures import copy_seed_collection, tree_digests


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def archive(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The sample collection in a folder of its own, with no templates folder."""
    copy_seed_collection(tmp_path)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def build(archive: Path, capsys: pytest.CaptureFixture[str], *extra: str) -> None:
    code, _, err = run(["build", "--quiet", "--jobs", "1", *extra], capsys)
    assert code == 0, err


def test_the_theme_ships_every_page_template_and_static_file() -> None:
    names = {path.as_posix() for path in theme_files()}
    assert {"base.html", "article.html", "404.html", "static/site.css", "static/search.js"} <= (
        names
    )


def test_an_archive_without_templates_builds_with_the_theme(
    archive: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    build(archive, capsys)
    page = html.fromstring((archive / "build/index.html").read_bytes())
    assert page.xpath("//link[@rel='stylesheet']/@href")[0].startswith("static/site.")


def test_a_local_template_overrides_the_themes_and_only_it(
    archive: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    build(archive, capsys)
    before = tree_digests(archive / "build")
    (archive / "templates").mkdir()
    home = (THEME_DIR / "home.html").read_text(encoding="utf-8")
    (archive / "templates/home.html").write_text(
        home.replace("{% block main %}", "{% block main %}<p id='mine'>Moja strona</p>", 1),
        encoding="utf-8",
    )
    build(archive, capsys)
    after = tree_digests(archive / "build")
    changed = {path for path in after if after[path] != before.get(path)}
    assert changed == {"index.html", "en/index.html"}
    page = html.fromstring((archive / "build/index.html").read_bytes())
    assert page.xpath("//p[@id='mine']/text()") == ["Moja strona"]


def test_a_local_static_file_overrides_the_themes(
    archive: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (archive / "templates/static").mkdir(parents=True)
    (archive / "templates/static/site.css").write_text("body { color: teal }\n", encoding="utf-8")
    build(archive, capsys)
    page = html.fromstring((archive / "build/index.html").read_bytes())
    stylesheet = page.xpath("//link[@rel='stylesheet']/@href")[0]
    assert (archive / "build" / stylesheet).read_text(encoding="utf-8") == "body { color: teal }\n"
    theme_script = (THEME_DIR / "static/search.js").read_bytes()
    assert [p.read_bytes() for p in (archive / "build/static").glob("search.*.js")] == [
        theme_script
    ]


def test_a_copied_theme_builds_the_same_site_byte_for_byte(
    archive: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    build(archive, capsys)
    before = tree_digests(archive / "build")
    code, out, _ = run(["theme", "--copy"], capsys)
    assert code == 0
    assert f"wrote {Path('templates/base.html')}" in out.splitlines()
    assert not filecmp.dircmp(THEME_DIR, archive / "templates").diff_files
    build(archive, capsys)
    assert tree_digests(archive / "build") == before


def test_theme_copy_keeps_the_curators_files(
    archive: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (archive / "templates").mkdir()
    (archive / "templates/base.html").write_text("mine", encoding="utf-8")
    code, out, _ = run(["theme", "--copy"], capsys)
    assert code == 0
    assert (archive / "templates/base.html").read_text(encoding="utf-8") == "mine"
    assert f"kept {Path('templates/base.html')}: it overrides the theme's file" in out
    assert (archive / "templates/article.html").is_file()


def test_theme_lists_what_the_archive_overrides(
    archive: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (archive / "templates").mkdir()
    (archive / "templates/home.html").write_text("mine", encoding="utf-8")
    code, out, _ = run(["theme"], capsys)
    assert code == 0
    assert "home.html  (overridden by templates/home.html)" in out.splitlines()
    assert "base.html" in out.splitlines()


def test_a_named_templates_folder_that_is_missing_is_an_error(
    archive: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(["build", "--templates", "mytheme"], capsys)
    assert (code, err) == (2, "error: templates folder not found: mytheme\n")
    assert not (archive / "build").exists()
