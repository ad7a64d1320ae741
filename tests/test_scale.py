"""A collection too big for one list: paginated entity and year pages, parallel builds, progress.

``test_no_page_grows_with_the_collection`` builds 3,000 articles made in code
(parsing that many texts would take most of a minute) and bounds the largest page.
"""

from __future__ import annotations

import io
import multiprocessing
import os
import shutil
import sys
import threading
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from lxml import html
from rich.console import Console

from sitegen.commands.check import check_site
from sitegen.core.parallel import CHUNK, QUEUED_PER_WORKER, SWITCH_INTERVAL, map_items
from sitegen.core.records import DateValue
from sitegen.engine.build import BuildOptions, BuildReport, build_collection, build_site
from sitegen.engine.progress import BuildProgress, wanted
from sitegen.outputs.search.index import DOCS_PER_BLOCK
from sitegen.render.pagination import ROWS_PER_PAGE
from sitegen.render.theme import THEME_DIR
from tests.site_fixtures import TEMPLATES, fixture_records, write_collection

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = 2 * ROWS_PER_PAGE + 7  # three pages for Kazakhstan
MANY = 3_000
LARGEST_PAGE = 150_000
"""Bytes the largest HTML page may have at ``MANY`` articles (home pages aside)."""


@pytest.fixture(scope="module")
def big_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample collection's settings with ``ARTICLES`` short dated clippings on Kazakhstan."""
    project = tmp_path_factory.mktemp("big")
    shutil.copytree(THEME_DIR, project / "templates")
    content = project / "content"
    (content / "sources").mkdir(parents=True)
    for name in ("site.yaml", "entities.yaml"):
        shutil.copy(ROOT / "content" / name, content / name)
    for number in range(ARTICLES):
        day = f"{1 + number % 28:02d}.{1 + number % 12:02d}.{2000 + number % 20}"
        (content / "sources" / f"{number:04d}_clip.txt").write_text(
            f"Rozmowy w sprawie handlu numer {number}\n\n"
            f"Opublikowano: {day}\n\n"
            f"Delegacja Polski rozmawiała w Kazachstanie o handlu i transporcie ({number}).\n",
            encoding="utf-8",
        )
    return project


def build(project: Path, output: str, jobs: int | None) -> BuildReport:
    return build_site(
        BuildOptions(
            content_dir=project / "content",
            templates_dir=project / "templates",
            output_dir=project / output,
            jobs=jobs,
            cache_dir=project / f".cache-{output}",
            verbosity=0,
        )
    )


@pytest.fixture(scope="module")
def big_site(big_project: Path) -> Path:
    # Fresh workers every 100 pages: the serial build below must not see the difference.
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("sitegen.engine.build.RENEW_WORKERS_AFTER", 100)
        build(big_project, "build", jobs=2)
    return big_project / "build"


def tree(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}


def titles_on(page: Path) -> list[str]:
    doc = html.parse(str(page))
    return [str(a.text_content()).strip() for a in doc.xpath("//ol[@class='rows']/li/a")]


def test_long_entity_lists_are_split_into_linked_pages(big_site: Path) -> None:
    first = big_site / "countries" / "kazakhstan.html"
    pages = [first, *(big_site / "countries" / "kazakhstan" / f"page-{n}.html" for n in (2, 3))]
    assert not (big_site / "countries" / "kazakhstan" / "page-4.html").exists()
    listed = [titles_on(page) for page in pages]
    assert [len(titles) for titles in listed] == [
        ROWS_PER_PAGE,
        ROWS_PER_PAGE,
        ARTICLES - 2 * ROWS_PER_PAGE,
    ]
    every = [title for titles in listed for title in titles]
    assert len(set(every)) == ARTICLES  # each article on exactly one page
    doc = html.parse(str(pages[1]))
    nav = doc.xpath("//nav[@class='pagination']")[0]
    assert "Strona 2 z 3" in nav.text_content()
    assert nav.xpath(".//a[@rel='prev']/@href") == ["../kazakhstan.html"]
    assert nav.xpath(".//a[@rel='next']/@href") == ["page-3.html"]
    assert nav.xpath(".//a[@aria-current='page']/text()") == ["2"]
    assert "strona 2 z 3" in doc.findtext(".//title")
    english = big_site / "en" / "countries" / "kazakhstan" / "page-3.html"
    assert "Page 3 of 3" in html.parse(str(english)).xpath("string(//nav[@class='pagination'])")


def test_paginated_pages_are_in_the_sitemap_and_pass_the_checker(big_site: Path) -> None:
    sitemap = (big_site / "sitemap.xml").read_text()
    assert "countries/kazakhstan/page-2.html" in sitemap
    assert "en/countries/kazakhstan/page-3.html" in sitemap
    # Built with the sample site.yaml's placeholder base URL, given as the expected one.
    assert check_site(big_site, base_url="https://example.org/archiwum/") == []


def test_a_parallel_build_writes_the_same_bytes_as_a_serial_one(
    big_project: Path, big_site: Path
) -> None:
    # With another thread running, map_items would not fork: two serial builds compared.
    assert threading.active_count() == 1, [thread.name for thread in threading.enumerate()]
    report = build(big_project, "serial", jobs=1)
    assert report.pages > 4 * ARTICLES // 2  # article pages alone, in two languages
    assert tree(big_project / "serial") == tree(big_site)


def test_map_items_keeps_the_order_and_raises_what_a_worker_raised() -> None:
    squares = map_items(lambda i: i * i, 500, jobs=2)
    assert squares == [i * i for i in range(500)]

    def fails_at_321(i: int) -> int:
        if i == 321:
            raise ValueError("broken item")
        return i

    with pytest.raises(ValueError, match="broken item"):
        map_items(fails_at_321, 500, jobs=2)


def test_map_items_runs_each_heavy_item_in_a_process_of_its_own() -> None:
    # Both heavy items wait for each other: batched together, one would wait in vain.
    both_running = multiprocessing.get_context("fork").Barrier(2)

    def task(i: int) -> tuple[int, int]:
        if i < 2:
            both_running.wait(timeout=30)
        return i, os.getpid()

    made = map_items(task, 200, jobs=2, heavy=2)
    assert [i for i, _ in made] == list(range(200))
    assert os.getpid() in {pid for _, pid in made[:2]}  # one worker and this process
    # Three jobs: two workers, each handed one heavy item, and this process.
    three = multiprocessing.get_context("fork").Barrier(3)

    def three_heavy(i: int) -> int:
        if i < 3:
            three.wait(timeout=30)
        return os.getpid()

    assert len(set(map_items(three_heavy, 200, jobs=3, heavy=3)[:3])) == 3


def test_map_items_works_here_beside_one_worker_fewer_unless_isolated() -> None:
    def pid(_: int) -> int:
        # Items as quick as a call: one worker, forked first, could take them all before the
        # other has started (it did, on a loaded machine).
        time.sleep(0.001)
        return os.getpid()

    here = os.getpid()
    pids = map_items(pid, 1_000, jobs=3)
    assert here in pids and len(set(pids)) == 3
    isolated = map_items(pid, 1_000, jobs=3, isolated=True)
    assert here not in isolated and len(set(isolated)) == 3


def test_map_items_switches_threads_often_while_its_workers_run_and_restores_it_after() -> None:
    # The executor's thread of this process feeds the workers: it is not to wait 5 ms for
    # the interpreter while this process runs items of its own.
    here, default = os.getpid(), sys.getswitchinterval()

    def interval(_: int) -> tuple[int, float]:
        time.sleep(0.001)
        return os.getpid(), sys.getswitchinterval()

    seen = {value for pid, value in map_items(interval, 400, jobs=2) if pid == here}
    assert seen == {min(default, SWITCH_INTERVAL)} and default > SWITCH_INTERVAL
    assert sys.getswitchinterval() == default
    assert {value for _, value in map_items(interval, 50, jobs=1)} == {default}  # no workers


@pytest.mark.parametrize("isolated", [True, False])
def test_map_items_runs_meanwhile_here_once_its_workers_are_forked(isolated: bool) -> None:
    made: list[int] = []

    def made_so_far(_: int) -> int:
        time.sleep(0.001)
        return len(made)

    seen = map_items(made_so_far, 200, jobs=2, isolated=isolated, meanwhile=lambda: made.append(1))
    assert made == [1]
    # The worker, forked before it ran, never sees what it made; this process's items do.
    assert set(seen) == ({0} if isolated else {0, 1})
    # No workers (one job): it runs first, and the items see what it made.
    assert set(map_items(made_so_far, 50, jobs=1, meanwhile=lambda: made.append(2))) == {2}


def test_map_items_renews_its_workers_but_not_while_the_heavy_items_run() -> None:
    # The worker has the heavy item and the batches queued behind it; the first batch this
    # process runs, beyond the first round's work of 50, runs alongside it all the same.
    beside = 1 + (QUEUED_PER_WORKER - 1) * CHUNK + CHUNK // 2
    assert beside > 50
    both_running = multiprocessing.get_context("fork").Barrier(2)

    def task(i: int) -> tuple[int, int]:
        if i in {0, beside}:
            both_running.wait(timeout=30)
        return i * i, os.getpid()

    made = map_items(task, 1_000, jobs=2, heavy=1, renew=50)
    assert [square for square, _ in made] == [i * i for i in range(1_000)]
    assert made[0][1] != os.getpid()  # the heavy item went to the worker


def test_map_items_renews_by_the_work_its_results_report() -> None:
    def pid(_: int) -> int:
        return os.getpid()

    # A round runs the batches handed out before its work reached 50 (a worker's queue, one
    # here): 5,000 items make several.
    assert len(set(map_items(pid, 5_000, jobs=2, renew=50))) >= 1 + 5
    # Items that report no work (a page taken over, not rendered) never end a round.
    assert len(set(map_items(pid, 1_000, jobs=2, renew=50, work=lambda _: 0))) <= 2
    assert len(set(map_items(pid, 1_000, jobs=2, renew=-1))) <= 2  # as 0: never


def test_map_items_hands_every_heavy_item_to_the_first_round() -> None:
    def pid(_: int) -> int:
        time.sleep(0.001)  # not all done here before the worker's first item comes back
        return os.getpid()

    pids = map_items(pid, 300, jobs=2, heavy=6, renew=2)
    assert len(set(pids[:6])) <= 2
    assert len(set(pids)) > 2


def test_map_items_forks_no_fresh_workers_once_another_thread_runs_but_finishes_here() -> None:
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)

    def progress(_: int) -> None:
        if not other.is_alive():
            other.start()  # as a progress bar drawing on its own would

    try:
        pids = map_items(lambda _: os.getpid(), 1_000, jobs=2, progress=progress, renew=50)
    finally:
        stop.set()
        other.join()
    assert len(set(pids) - {os.getpid()}) <= 2  # the first round's workers
    assert pids[-1] == os.getpid()


def test_map_items_runs_even_one_isolated_item_in_a_worker_unless_told_one_job() -> None:
    here = os.getpid()
    assert map_items(lambda _: os.getpid(), 1, jobs=2) == [here]
    assert map_items(lambda _: os.getpid(), 1, jobs=2, isolated=True) != [here]
    assert map_items(lambda _: os.getpid(), 1, jobs=1, isolated=True) == [here]
    assert map_items(lambda _: os.getpid(), 0, jobs=2, isolated=True) == []


def test_progress_bar_shows_only_after_a_second() -> None:
    def run(started: float) -> str:
        out = io.StringIO()
        console = Console(file=out, force_terminal=True, width=80)
        with BuildProgress(True, started, console) as progress:
            advance = progress.stage("pages", 10)
            advance(4)
            advance(3)
        return out.getvalue()

    assert run(time.monotonic()) == ""
    shown = run(time.monotonic() - 5)
    assert "pages" in shown and "7/10" in shown


def test_the_progress_bar_runs_no_thread_of_its_own() -> None:
    # A second thread would keep the build from forking its workers (at a terminal only).
    out = io.StringIO()
    console = Console(file=out, force_terminal=True, width=80)
    with BuildProgress(True, time.monotonic() - 5, console) as progress:
        progress.stage("pages", 10)(4)
        assert threading.active_count() == 1
        assert map_items(lambda _: os.getpid(), 100, jobs=2) != [os.getpid()] * 100
    assert "4/10" in out.getvalue()


def test_no_progress_bar_in_ci_or_when_quiet(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stderr.isatty", lambda: True)
    monkeypatch.setenv("CI", "true")
    assert not wanted(1)
    monkeypatch.delenv("CI")
    assert wanted(1) and not wanted(0)


@pytest.fixture(scope="module")
def large_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``MANY`` articles, the fixture's six over and over, over 26 years; one in 20 undated."""
    root = tmp_path_factory.mktemp("large")
    collection = write_collection(root / "content")
    templates = [record for record, _ in fixture_records()]
    records = []
    for number in range(MANY):
        template = templates[number % len(templates)]
        year, month, day = 2000 + number % 26, 1 + number // 26 % 12, 1 + number // 312 % 28
        file_name = f"{number:05d}_many.txt"
        (root / "content" / "sources" / file_name).write_bytes(b"Clipping\n")
        records.append(
            replace(
                template,
                id=f"{number:05d}_many",
                slug=f"artykul-{number:05d}",
                title=f"{template.title} ({number})",
                date=None if number % 20 == 19 else DateValue(year, month, day),
                source=replace(template.source, file=file_name, bytes=9),
            )
        )
    records.sort(key=lambda r: r.sort_key)
    output = root / "build"
    options = BuildOptions(
        content_dir=root / "content", templates_dir=TEMPLATES, output_dir=output, jobs=2
    )
    build_collection(replace(collection, records=tuple(records)), options)
    return output


def test_no_page_grows_with_the_collection(large_site: Path) -> None:
    # The home pages are left out: their timeline is being bounded separately.
    homes = {"index.html", "en/index.html"}
    sizes = {
        path.relative_to(large_site).as_posix(): path.stat().st_size
        for path in large_site.rglob("*.html")
    }
    largest = max((size, path) for path, size in sizes.items() if path not in homes)
    assert largest[0] <= LARGEST_PAGE, largest
    assert {"years/2000/page-3.html", "en/years/2025/page-2.html"} <= set(sizes)
    assert "years/undated/page-3.html" in sizes  # 150 undated: three pages
    assert "countries/kazakhstan/page-15.html" in sizes  # 3,000 in rows of 100 a page


def test_the_search_index_is_split_into_small_files(large_site: Path) -> None:
    search = large_site / "search"
    # The manifest, loaded with the page, names shards, not articles: a few KB here.
    assert (search / "manifest.js").stat().st_size <= 10_000
    sizes = {
        path.relative_to(search).as_posix(): path.stat().st_size
        for path in search.rglob("*.js")
        if path.parent.name != "text"
    }
    assert len([path for path in sizes if "/docs/" in path]) == 2 * MANY // DOCS_PER_BLOCK
    assert max(sizes.values()) <= 120_000, max((s, p) for p, s in sizes.items())


def test_a_month_link_lands_on_the_year_page_that_holds_the_month(large_site: Path) -> None:
    article = html.parse(str(large_site / "articles" / "artykul-00311.html"))  # 1 Dec 2025
    (link,) = article.xpath("//a[contains(@href, 'years/') and contains(@href, '#')]/@href")
    page, _, anchor = str(link).partition("#")
    target = html.parse(str(large_site / "articles" / page))
    assert target.xpath(f"//h2[@id='{anchor}']"), link
    assert page.startswith("../years/2025/page-") and anchor == "m12"  # past the first page


def test_the_workers_find_every_text_in_one_buffer(tmp_path: Path) -> None:
    # A worker reading a text then copies no page of the main process's memory for it
    # (core/records.py, Body): the build gathers the bodies before it forks the workers.
    content = tmp_path / "content"
    collection = write_collection(content)
    options = BuildOptions(content_dir=content, templates_dir=TEMPLATES, output_dir=tmp_path / "b")
    buffers: set[int] = set()

    def spy(*args: Any, **kw: Any) -> Any:
        if kw.get("heavy"):
            bodies = [record.blocks._data for record in collection.records]
            assert all(isinstance(body, memoryview) for body in bodies)
            buffers.update(id(body.obj) for body in bodies if isinstance(body, memoryview))
        return map_items(*args, **kw)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("sitegen.engine.build.map_items", spy)
        build_collection(collection, options)
    assert len(buffers) == 1
