"""Incremental builds: nothing redone without cause, the same bytes as a clean build, atomic."""

from __future__ import annotations

import os
import random
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from sitegen.core.errors import ConfigError, ContentError, TemplateError
from sitegen.core.fingerprint import package_fingerprint
from sitegen.engine import build as build_module
from sitegen.engine.build import BuildOptions, BuildReport, KeptRecords, build_site
from sitegen.engine.cache import (
    CACHE_DIR,
    FileEntry,
    load_harvard_references,
    load_manifest,
    load_search_analyses,
    save_search_analyses,
)
from sitegen.engine.output import Writer
from sitegen.load import memo
from sitegen.outputs import citation_files, data_package, exports
from sitegen.outputs.search.analysis import KnownAnalyses
from sitegen.render import article_page, entity_page, pages
from sitegen.render.theme import THEME_DIR
from tests.loader_fixtures import copy_seed_collection

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the sample collection and templates, to edit freely."""
    copy_seed_collection(tmp_path)
    shutil.copytree(THEME_DIR, tmp_path / "templates")
    return tmp_path


def build(
    project: Path, output: str = "build", *, clean: bool = False, jobs: int | None = None
) -> BuildReport:
    return build_site(
        BuildOptions(
            content_dir=project / "content",
            templates_dir=project / "templates",
            output_dir=project / output,
            clean=clean,
            cache_dir=project / f".cache-{output}",
            jobs=jobs,
        )
    )


def snapshot(site: Path) -> dict[str, tuple[bytes, int]]:
    """Every file's bytes and mtime."""
    return {
        p.relative_to(site).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns)
        for p in sorted(site.rglob("*"))
        if p.is_file()
    }


def contents(site: Path) -> dict[str, bytes]:
    return {path: data for path, (data, _) in snapshot(site).items()}


def assert_as_a_clean_build(project: Path) -> None:
    """``build/`` holds what a build from scratch of the same content writes."""
    build(project, "clean", clean=True)
    assert contents(project / "build") == contents(project / "clean")


def test_noop_rebuild_reads_nothing_new_and_writes_nothing(project: Path) -> None:
    first = build(project)
    before = snapshot(project / "build")
    second = build(project)
    assert (second.written, second.unchanged, second.removed) == (0, first.files, 0)
    assert snapshot(project / "build") == before


def test_editing_one_source_rewrites_only_what_shows_it(project: Path) -> None:
    first = build(project)
    before = snapshot(project / "build")
    source = project / "content" / "sources" / "004_0de1820f97266a22.txt"
    source.write_bytes(source.read_bytes() + "\n\nDodatkowe zdanie o współpracy.\n".encode())
    report = build(project)
    after = snapshot(project / "build")
    changed = {path for path in after if after[path] != before.get(path)}
    assert (
        "articles/komendant-glowny-policji-spotkal-sie-z-zastepca-ministra-spraw-wewnetrznych.html"
        in changed
    )
    assert "sources/004_0de1820f97266a22.txt" in changed
    assert "about.html" not in changed  # its bytes and mtime stay
    assert report.written == len(changed) < first.files // 2
    assert report.unchanged == first.files - report.written


@pytest.mark.usefixtures("small_segments")  # edits reuse the last build's other segments
def test_incremental_builds_equal_clean_builds_after_random_edits(project: Path) -> None:
    rng = random.Random(5)
    sources = project / "content" / "sources"
    spare = (sources / "000_487bd26bd6df34d4.txt").read_bytes()
    actions = ["edit", "add", "delete", "sidecar", "retitle", "redate", "template"] * 2
    rng.shuffle(actions)
    for step, action in enumerate(actions):
        texts = sorted(sources.glob("*.txt"))
        if action == "edit":
            target = rng.choice(texts)
            target.write_bytes(target.read_bytes() + f"\n\nKrok {step}: nowe zdanie.\n".encode())
        elif action == "add":
            (sources / f"9{step}_nowy.txt").write_bytes(spare.replace(b"Wizyta", b"Druga wizyta"))
        elif action == "delete" and len(texts) > 2:
            victim = rng.choice(texts)
            victim.unlink()
            victim.with_suffix(".yaml").unlink(missing_ok=True)
        elif action == "sidecar":
            (rng.choice(texts).with_suffix(".yaml")).write_text(f"notes: krok {step}\n")
        elif action == "retitle":  # shown on its neighbours' and related articles' pages too
            (rng.choice(texts).with_suffix(".yaml")).write_text(f"title: Nowy tytuł {step}\n")
        elif action == "redate":  # moves it between other articles: new neighbours
            (rng.choice(texts).with_suffix(".yaml")).write_text(f"date: 20{10 + step}-03-01\n")
        else:
            base = project / "templates" / "base.html"
            base.write_text(base.read_text().replace("</body>", f"<!-- {step} -->\n</body>", 1))
        build(project)
        build(project, "clean", clean=True)
        assert contents(project / "build") == contents(project / "clean"), f"step {step}: {action}"


def test_deleted_source_pages_disappear(project: Path) -> None:
    build(project)
    (project / "content" / "sources" / "002_86cc7b07a9dd7307.txt").unlink()
    (project / "content" / "sources" / "002_86cc7b07a9dd7307.yaml").unlink()
    report = build(project)
    assert report.removed > 0
    assert not (project / "build" / "sources" / "002_86cc7b07a9dd7307.txt").exists()
    assert not list((project / "build").rglob("deputy-foreign-minister-*"))


def test_a_file_changed_by_hand_in_build_is_rebuilt(project: Path) -> None:
    build(project)
    page = project / "build" / "about.html"
    original = page.read_bytes()
    page.write_bytes(b"tampered")
    report = build(project)
    assert page.read_bytes() == original
    assert report.written >= 1


def test_a_file_added_or_removed_by_hand_in_build_is_noticed(project: Path) -> None:
    first = build(project)
    stray = project / "build" / "notes.txt"
    stray.write_text("a file no build wrote")
    report = build(project)
    assert not stray.exists() and report.files == first.files
    (project / "build" / "about.html").unlink()
    report = build(project)
    assert (project / "build" / "about.html").is_file() and report.files == first.files


def test_an_edit_updates_build_in_place_unless_it_was_changed_by_hand(project: Path) -> None:
    build(project)
    folder = (project / "build").stat().st_ino
    source = project / "content" / "sources" / "004_0de1820f97266a22.txt"
    source.write_bytes(source.read_bytes() + "\n\nDodatkowe zdanie o współpracy.\n".encode())
    build(project)
    assert (project / "build").stat().st_ino == folder  # moved in file by file
    stray = project / "build" / "notes.txt"
    stray.write_text("a file no build wrote")
    source.write_bytes(source.read_bytes() + b"\n\nI jeszcze jedno.\n")
    build(project)
    assert not stray.exists() and (project / "build").stat().st_ino != folder  # swapped
    assert_as_a_clean_build(project)


def test_a_same_size_edit_in_build_is_rebuilt(project: Path) -> None:
    build(project)
    page = project / "build" / "about.html"
    original = page.read_bytes()
    page.write_bytes(original.replace(b"<title>", b"<TITLE>"))
    os.utime(page, ns=(page.stat().st_atime_ns, page.stat().st_mtime_ns + 1_000_000))
    build(project)
    assert page.read_bytes() == original


def test_template_error_leaves_the_previous_build_untouched(project: Path) -> None:
    build(project)
    before = snapshot(project / "build")
    (project / "templates" / "home.html").write_text("{% block main %}{{ unclosed")
    with pytest.raises(TemplateError, match=r"home\.html:1: "):
        build(project)
    assert snapshot(project / "build") == before
    assert not list(project.glob("build.staging-*"))


def test_strict_warning_leaves_the_previous_build_untouched(project: Path) -> None:
    build(project)
    before = snapshot(project / "build")
    (project / "content" / "sources" / "001_e4617cc254c662f3.yaml").unlink()  # 001 is undated
    with pytest.raises(ContentError):
        build_site(
            BuildOptions(
                content_dir=project / "content",
                templates_dir=project / "templates",
                output_dir=project / "build",
                strict=True,
                cache_dir=project / ".cache-build",
            )
        )
    assert snapshot(project / "build") == before


def test_interrupted_writing_leaves_the_previous_build_untouched(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    build(project)
    before = snapshot(project / "build")
    (project / "templates" / "base.html").write_text(
        (project / "templates" / "base.html").read_text().replace("</body>", "<!-- x -->\n</body>")
    )
    written: list[str] = []
    real_write = Writer.write

    def interrupt_midway(
        writer: Writer, path: str, content: bytes | str, key: str = ""
    ) -> FileEntry:
        written.append(path)
        if len(written) == 50:
            raise KeyboardInterrupt
        return real_write(writer, path, content, key)

    monkeypatch.setattr(Writer, "write", interrupt_midway)
    with pytest.raises(KeyboardInterrupt):
        build(project)
    assert snapshot(project / "build") == before
    assert not list(project.glob("build.staging-*")) and not list(project.glob("build.old-*"))


def test_clean_ignores_the_cache(project: Path) -> None:
    first = build(project)
    report = build(project, clean=True)
    assert (report.written, report.unchanged) == (first.files, 0)
    assert build(project).written == 0  # the clean build left a manifest again


def test_the_last_builds_word_analyses_are_used_but_not_under_clean(project: Path) -> None:
    build(project)
    cache_dir, version = project / ".cache-build", package_fingerprint()
    known = load_search_analyses(cache_dir, version)
    assert known is not None and "Kazachstanu" in known.words["pl"]
    # A doctored analysis shows that the next build reads them (a real one gives the same).
    words = {lang: dict(analyses) for lang, analyses in known.words.items()}
    words["pl"]["Kazachstanu"] = ("kazachstanu", ("doctored",), ())
    save_search_analyses(cache_dir, version, KnownAnalyses(words, known.lexemes))
    source = next((project / "content" / "sources").glob("*.txt"))
    source.write_bytes(source.read_bytes() + b"\n\nNowe zdanie.\n")

    def terms_files() -> str:
        return "".join(p.read_text() for p in (project / "build" / "search" / "terms").iterdir())

    build(project)
    assert '"doctored"' in terms_files()
    build(project, clean=True)
    assert '"doctored"' not in terms_files()


def test_after_a_template_edit_no_reference_is_formatted_again(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = build(project)
    base = project / "templates" / "base.html"
    base.write_text(base.read_text().replace("</body>", "<!-- edited -->\n</body>", 1))

    def formatted_again(reference: object, lang: str) -> str:
        raise AssertionError("a reference was formatted again")

    # Forked workers inherit the patch: neither the build nor a page formats one.
    monkeypatch.setattr(build_module, "formatted_reference", formatted_again)
    monkeypatch.setattr(article_page, "formatted_reference", formatted_again)
    report = build(project)
    assert report.written >= first.pages  # every page made again, from the kept references
    monkeypatch.undo()
    assert_as_a_clean_build(project)


def test_the_kept_references_are_plain_strings(project: Path) -> None:
    # Formatted as Markup, and kept so, the 20,000 of a 10,000-article edit's cache took
    # 15 MiB more once unpickled, in the main process and so in the pages' workers.
    # (The cache keeps plain strings whatever it is given: tests/test_cache.py.)
    build(project)
    cache_dir, version = project / ".cache-build", package_fingerprint()
    kept = load_harvard_references(cache_dir, version)
    assert kept and {type(text) for text in kept.values()} == {str}


def test_an_edit_makes_the_exports_and_references_of_that_article_alone(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    build(project)
    source = project / "content" / "sources" / "004_0de1820f97266a22.txt"
    source.write_bytes(source.read_bytes() + "\n\nDodatkowe zdanie o współpracy.\n".encode())
    edited = source.stem
    made: list[str] = []

    def only_the_edited(name: str, make: Callable[..., Any]) -> Callable[..., Any]:
        def making(record: Any, *rest: Any) -> Any:
            record_id = getattr(record, "id", None) or record[0].key  # a record, or [reference]
            if record_id not in (edited, slug_of(project, edited)):
                raise AssertionError(f"{name} made again for {record_id}")
            made.append(name)
            return make(record, *rest)

        return making

    # One process (jobs=1), so that what is made is counted here; another article's fails.
    json_line, csv_row = exports.article_json_line, data_package.article_row
    monkeypatch.setattr(exports, "article_json_line", only_the_edited("json", json_line))
    monkeypatch.setattr(data_package, "article_row", only_the_edited("csv", csv_row))
    monkeypatch.setattr(citation_files, "bibtex", only_the_edited("bib", citation_files.bibtex))
    monkeypatch.setattr(citation_files, "ris", only_the_edited("ris", citation_files.ris))
    build(project, jobs=1)
    assert sorted(made) == ["bib", "csv", "json", "ris"]
    monkeypatch.undo()
    assert_as_a_clean_build(project)


def test_an_edit_to_a_text_makes_no_entity_page_its_card_is_listed_on_again(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    build(project)
    source = project / "content" / "sources" / "004_0de1820f97266a22.txt"
    made: list[str] = []

    def counted(planner: Any, inputs: Any) -> Any:
        made.append(inputs.entity_id)
        return entity_page.entity_page(planner, inputs)

    monkeypatch.setattr(pages, "entity_page", counted)  # one process: counted here
    source.write_bytes(source.read_bytes() + "\n\nDodatkowe zdanie o współpracy.\n".encode())
    build(project, jobs=1)
    assert made == []  # its title, date and summary as they were: each list's row too
    with source.with_suffix(".yaml").open("a", encoding="utf-8") as sidecar:
        sidecar.write("title: Nowy tytuł komendanta\n")  # its publisher stays
    build(project, jobs=1)
    assert {"poland", "polish-police"} <= set(made)  # its lists show the new title
    monkeypatch.undo()
    assert_as_a_clean_build(project)


def test_a_process_that_builds_again_keeps_its_records_and_unpickles_none(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache_dir = project / ".cache-build"
    options = BuildOptions(
        content_dir=project / "content",
        templates_dir=project / "templates",
        output_dir=project / "build",
        cache_dir=cache_dir,
    )
    kept = KeptRecords()
    build_site(options, kept=kept)
    assert len(kept.entries) == 5
    unpickled: list[bytes] = []
    unpickle = memo.unpickled_entry

    def counted(data: bytes) -> memo.MemoEntry:
        unpickled.append(data)
        return unpickle(data)

    monkeypatch.setattr(memo, "unpickled_entry", counted)
    source = project / "content" / "sources" / "004_0de1820f97266a22.txt"

    def edit_and_build(step: int, with_kept: KeptRecords | None) -> None:
        source.write_bytes(source.read_bytes() + f"\n\nZdanie {step}.\n".encode())
        build_site(options, kept=with_kept)

    for step in range(2):
        edit_and_build(step, kept)
        assert unpickled == []  # the four others as the last build left them
        assert len(kept.entries) == 5
    assert_as_a_clean_build(project)
    edit_and_build(2, None)
    assert len(unpickled) == 4  # a process of its own: from the cache's memo
    shutil.rmtree(cache_dir)  # the memo gone: nothing kept stands for it, all read again
    edit_and_build(3, kept)
    assert len(unpickled) == 4 and len(kept.entries) == 5
    assert_as_a_clean_build(project)


def slug_of(project: Path, record_id: str) -> str:
    addresses = load_manifest(project / ".cache-build", (project / "build").resolve())
    assert addresses is not None
    return next(slug for slug, owner in addresses.addresses.items() if owner == record_id)


def test_missing_templates_folder_is_a_config_error(project: Path) -> None:
    shutil.rmtree(project / "templates")
    with pytest.raises(ConfigError):
        build(project)


def inodes_and_mtimes(site: Path) -> dict[str, tuple[int, int]]:
    return {
        p.relative_to(site).as_posix(): (p.stat().st_ino, p.stat().st_mtime_ns)
        for p in site.rglob("*")
        if p.is_file()
    }


def build_into(project: Path, output: str) -> BuildReport:
    """A build with the one cache every output folder shares, as on the command line."""
    return build_site(
        BuildOptions(
            content_dir=project / "content",
            templates_dir=project / "templates",
            output_dir=project / output,
            cache_dir=project / ".sitegen-cache",
        )
    )


def test_a_build_elsewhere_and_back_rewrites_nothing(project: Path) -> None:
    build_into(project, "build")
    before = inodes_and_mtimes(project / "build")
    build_into(project, "preview")
    report = build_into(project, "build")
    assert (report.written, report.removed) == (0, 0)
    assert inodes_and_mtimes(project / "build") == before


def test_a_build_elsewhere_and_back_rewrites_only_what_changed(project: Path) -> None:
    build_into(project, "build")
    before = inodes_and_mtimes(project / "build")
    source = project / "content" / "sources" / "004_0de1820f97266a22.txt"
    source.write_bytes(source.read_bytes() + b"\n\nAnother sentence.\n")
    build_into(project, "preview")
    report = build_into(project, "build")
    after = inodes_and_mtimes(project / "build")
    kept = {path for path in after if after[path] == before.get(path)}
    assert "sources/004_0de1820f97266a22.txt" not in kept
    assert "about.html" in kept
    assert report.written == len(after) - len(kept) < len(after) // 2


def test_page_keys_do_not_depend_on_the_process(project: Path) -> None:
    """Each build is a new process with its own string hash seed; a key that changed with
    it (a set pickled in a page's inputs) would make every edit re-render every page."""
    keys = []
    for seed, output in (("1", "build-a"), ("2", "build-b")):
        subprocess.run(
            [sys.executable, "-m", "sitegen", "build", "--quiet", "--output", output],
            cwd=project,
            env={**os.environ, "PYTHONHASHSEED": seed},
            check=True,
        )
        manifest = load_manifest(project / CACHE_DIR, (project / output).resolve())
        assert manifest is not None
        keys.append({path: entry.key for path, entry in manifest.files.items() if entry.key})
    assert len(keys[0]) > 50
    assert keys[0] == keys[1]
