"""Measure the search page of a built sitegen site in headless Chromium.

    python bench/search.py --site /tmp/b10k [--queries kazachstan ...] [--runs 3]
        [--out bench/results-search-10000.md] [--pagefind]

For each mode (``file://``, and http under the sub-path ``/archiwum/``), each interface
(``search.html``, ``en/search.html``) and each query, in a fresh browser context: the bytes
the empty search page loads, the bytes the first typed query loads (and which index files),
the time from the last keystroke to the results, the longest main-thread task, the JS heap
after the query and the number of results. ``--pagefind`` indexes a copy of the site with
Pagefind and measures its JS API the same way. Prints a Markdown table and the targets;
exits 1 when a target is not met. See bench/README.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import itertools
import os
import platform
import re
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

from playwright.sync_api import (
    Browser,
    ConsoleMessage,
    Error,
    Page,
    Request,
    sync_playwright,
)

# The browser tests' Chromium settings and loopback server (the site under /archiwum/).
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from tests.browser.support import (
    CHROMIUM,
    CHROMIUM_ARGS,
    SUB_PATH,
    serve_directory,
)

DEFAULT_QUERIES = ["kazachstan", "bezpieczeństwa", "Казахстан", '"szefa BBN"']
INTERFACES = {"pl": "search.html", "en": "en/search.html"}
PAGEFIND_PAGE = "pagefind-search.html"
TYPING_DELAY_MS = 60
DEBOUNCE_MS = 100  # search.js's
SETTLE_MS = 1000  # quiet time after the results before the page is measured
KIB = 1024
TARGET_BEFORE = 300 * KIB
TARGET_QUERY = 1024 * KIB
TARGET_TIME_MS = 300.0
TARGET_TASK_MS = 200.0
TARGET_HEAP_MIB = 50.0

# Runs in every page before its own scripts: long tasks, input events on #q and the
# aria-busy changes of #search-results, with performance.now() timestamps.
INIT_SCRIPT = """
(() => {
  const bench = window.__bench = { tasks: [], inputs: [], busy: [], scripts: [], cards: [] };
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        bench.tasks.push({ start: e.startTime, duration: e.duration });
      }
    }).observe({ type: "longtask", buffered: true });
  } catch (error) {
    bench.noLongtasks = String(error);
  }
  document.addEventListener("input", (event) => {
    if (event.target && event.target.id === "q") { bench.inputs.push(performance.now()); }
  }, true);
  new MutationObserver((records) => {
    const now = performance.now();
    for (const r of records) {
      if (r.type === "attributes" && r.target.id === "search-results") {
        bench.busy.push([now, r.target.getAttribute("aria-busy")]);
      }
      for (const node of r.addedNodes) {
        if (node.tagName === "SCRIPT" && node.src) { bench.scripts.push([now, "add"]); }
        if (node.tagName === "LI" && r.target.id === "search-results") { bench.cards.push(now); }
      }
    }
  }).observe(document, {
    subtree: true, childList: true, attributes: true, attributeFilter: ["aria-busy"],
  });
  document.addEventListener("load", (event) => {
    if (event.target.tagName === "SCRIPT") { bench.scripts.push([performance.now(), "load"]); }
  }, true);
})();
"""

# Pagefind's JS API behind the same elements and the same debounce as search.js;
# the first 10 results' data (title, excerpt) are loaded, as sitegen shows 10 cards.
PAGEFIND_HTML = """<!DOCTYPE html>
<html lang="{lang}">
<head><meta charset="utf-8"><title>Pagefind</title><link rel="icon" href="data:,"></head>
<body>
<input id="q" type="search" autocomplete="off" aria-label="Szukaj">
<p id="search-status"></p>
<ul id="search-results" aria-busy="false"></ul>
<script type="module">
const list = document.getElementById("search-results");
const status = document.getElementById("search-status");
const input = document.getElementById("q");
let pagefind = null, timer = null, run = 0;
input.addEventListener("input", () => {{
  list.setAttribute("aria-busy", "true");
  clearTimeout(timer);
  timer = setTimeout(async () => {{
    const id = ++run;
    try {{
      if (!pagefind) {{ throw new Error("Pagefind was not loaded"); }}
      const search = await pagefind.search(input.value);
      const data = await Promise.all(search.results.slice(0, 10).map((r) => r.data()));
      if (id !== run) {{ return; }}
      list.replaceChildren(...data.map((d) => {{
        const li = document.createElement("li");
        const a = document.createElement("a");
        a.href = d.url;
        a.textContent = d.meta.title || d.url;
        const p = document.createElement("p");
        p.innerHTML = d.excerpt;
        li.append(a, p);
        return li;
      }}));
      status.textContent = search.results.length + " results";
    }} catch (error) {{
      status.textContent = "search failed: " + error;
    }}
    if (id === run) {{ list.setAttribute("aria-busy", "false"); }}
  }}, {debounce});
}});
try {{
  pagefind = await import("{prefix}_pagefind/pagefind.js");
}} catch (error) {{
  status.textContent = "import failed: " + error;
}}
</script>
</body>
</html>
"""


class BenchError(Exception):
    """A page that did not work: an error in the page, or no results where some are due."""


# ─── Files behind URLs ──────────────────────────────────────────────────────────


@dataclass
class Site:
    """A site folder, and how its URLs map back to files (sizes as stored on disk)."""

    root: Path
    base: str  # the URL of the root, ending in "/"
    _gzip: dict[Path, int] = field(default_factory=dict)

    def file(self, url: str) -> Path:
        path = urlsplit(url).path
        if self.base.startswith("file:"):
            local = Path(url2pathname(path))
        else:
            prefix = urlsplit(self.base).path
            if not path.startswith(prefix):
                raise BenchError(f"a resource outside the site: {url}")
            local = self.root / unquote(path[len(prefix) :])
        if not local.is_file():
            raise BenchError(f"no file for {url} ({local})")
        return local

    def size(self, url: str) -> int:
        return self.file(url).stat().st_size

    def gzip_size(self, url: str) -> int:
        path = self.file(url)
        if path not in self._gzip:
            self._gzip[path] = len(gzip.compress(path.read_bytes(), 6))
        return self._gzip[path]


def _by_kind(site: Site, urls: list[str]) -> dict[str, int]:
    sizes: dict[str, int] = {}
    for url in urls:
        sizes[kind_of(url)] = sizes.get(kind_of(url), 0) + site.size(url)
    return sizes


def kind_of(url: str) -> str:
    """What an index file is: terms/phrases/facets/docs/entities/text, or Pagefind's kinds."""
    path = urlsplit(url).path
    if "/_pagefind/" in path:
        name = path.rsplit("/", 1)[-1]
        for part, kind in (
            ("/fragment/", "fragment"),
            ("/index/", "index"),
            ("/filter/", "filter"),
            (".pf_meta", "meta"),
            ("wasm.", "wasm"),
            ("pagefind-entry", "entry"),
        ):
            if part in path or name.startswith(part):
                return kind
        return "js"
    for part in ("/terms/", "/phrases/", "/docs/", "/entities/", "/text/"):
        if "/search/" in path and part in path:
            return part.strip("/")
    if "/search/" in path and "/facets." in path:
        return "facets"
    return "other"


# ─── One measurement ────────────────────────────────────────────────────────────


@dataclass
class Sample:
    bytes_before: int
    gzip_before: int
    bytes_query: int
    gzip_query: int
    kinds: Counter[str]  # files loaded by the query, by kind
    kind_bytes: Counter[str]
    max_gap_ms: float  # longest pause between two input events while typing
    time_ms: float
    cards_ms: float  # last keystroke → the first result card in the list
    first_script_ms: float | None  # last keystroke → first index <script> inserted
    last_script_ms: float | None  # last keystroke → last index <script> loaded
    longest_task_ms: float
    longest_task_phase: str  # "load" or "query"
    heap_mib: float
    buffers_mib: float  # ArrayBuffer backing stores (Wasm memory among them), not in heap
    results: int
    busy_false_after_input: int  # how often #search-results went aria-busy=false after typing


def _count(text: str) -> int:
    match = re.search(r"\d[\d\s\u00a0\u202f.,]*", text)
    return int(re.sub(r"\D", "", match.group(0))) if match else 0


def _wait_settled(page: Page, timeout_ms: float = 30000) -> None:
    """Wait for aria-busy=false, then until #search-results has not changed for SETTLE_MS."""
    page.wait_for_selector(
        "#search-results[aria-busy='false']", state="attached", timeout=timeout_ms
    )
    waited, seen = 0, -1
    while waited < timeout_ms:
        count = page.evaluate("window.__bench.busy.length")
        busy = page.get_attribute("#search-results", "aria-busy")
        if count == seen and busy == "false":
            return
        seen = count
        page.wait_for_timeout(SETTLE_MS)
        waited += SETTLE_MS
    raise BenchError("the results did not settle")


def measure(
    browser: Browser, site: Site, page_path: str, query: str, expect_failure: bool = False
) -> Sample | str:
    """One query in a fresh context; a Sample, or (``expect_failure``) why the page failed."""
    context = browser.new_context()
    problems: list[str] = []
    try:
        page = context.new_page()
        page.add_init_script(INIT_SCRIPT)

        def on_console(message: ConsoleMessage) -> None:
            if message.type == "error":
                problems.append(f"console error: {message.text}")

        page.on("console", on_console)
        page.on("pageerror", lambda error: problems.append(f"page error: {error}"))
        # Chromium makes no resource-timing entries for file:// loads: the requests the
        # page made (its workers' included) are counted instead, each URL once.
        finished: list[str] = []

        def on_failed(request: Request) -> None:
            problems.append(f"request failed: {request.url} ({request.failure})")

        page.on("requestfinished", lambda request: finished.append(request.url))
        page.on("requestfailed", on_failed)
        page.goto(site.base + page_path, wait_until="load")
        page.wait_for_timeout(500)
        urls_before = list(dict.fromkeys(u for u in finished if u.startswith(("file:", "http"))))
        loaded_before = len(finished)
        page.focus("#q")
        page.keyboard.type(query, delay=TYPING_DELAY_MS)
        try:
            _wait_settled(page)
        except (BenchError, Error) as exc:
            problems.append(f"no results shown: {exc}")
        status = page.inner_text("#search-status")
        if status.startswith(("import failed", "search failed")):  # the Pagefind page
            problems.append(status)
        if problems:
            if expect_failure:
                why = re.sub(r"file://\S*/site/", "file://…/", problems[0])
                return why if len(why) <= 160 else why[:160] + "…"
            raise BenchError(f"{page.url} {query!r}: " + "; ".join(problems))
        state: dict[str, Any] = page.evaluate("window.__bench")
        cdp = context.new_cdp_session(page)
        cdp.send("HeapProfiler.collectGarbage")
        heap: dict[str, float] = cdp.send("Runtime.getHeapUsage")
    finally:
        context.close()
    last_input = max(state["inputs"])
    idle = [t for t, value in state["busy"] if t >= last_input and value == "false"]
    tasks = state["tasks"] or [{"duration": 0.0, "start": 0.0}]
    longest = max(tasks, key=lambda t: t["duration"])
    phase = "query" if longest["start"] >= state["inputs"][0] else "load"
    added = [t - last_input for t, what in state["scripts"] if what == "add" and t >= last_input]
    done = [t - last_input for t, what in state["scripts"] if what == "load" and t >= last_input]
    urls_query = [
        u
        for u in dict.fromkeys(finished[loaded_before:])
        if u.startswith(("file:", "http")) and u not in urls_before
    ]
    return Sample(
        bytes_before=sum(site.size(u) for u in urls_before),
        gzip_before=sum(site.gzip_size(u) for u in urls_before),
        bytes_query=sum(site.size(u) for u in urls_query),
        gzip_query=sum(site.gzip_size(u) for u in urls_query),
        kinds=Counter(kind_of(u) for u in urls_query),
        kind_bytes=Counter(_by_kind(site, urls_query)),
        max_gap_ms=max((b - a for a, b in itertools.pairwise(state["inputs"])), default=0.0),
        time_ms=idle[-1] - last_input,
        cards_ms=min((t for t in state["cards"] if t >= last_input), default=idle[-1]) - last_input,
        first_script_ms=min(added) if added else None,
        last_script_ms=max(done) if done else None,
        longest_task_ms=longest["duration"],
        longest_task_phase=phase if state["tasks"] else "",
        heap_mib=heap["usedSize"] / KIB / KIB,
        buffers_mib=heap.get("backingStorageSize", 0.0) / KIB / KIB,
        results=_count(status),
        busy_false_after_input=len(idle),
    )


# ─── Rows ───────────────────────────────────────────────────────────────────────


@dataclass
class Row:
    engine: str  # "sitegen" or "pagefind"
    mode: str  # "file" or "http"
    interface: str
    query: str
    samples: list[Sample] = field(default_factory=list)
    failure: str | None = None

    def median(self, pick: Callable[[Sample], float]) -> float:
        return statistics.median(pick(s) for s in self.samples)

    def spread(self, pick: Callable[[Sample], float]) -> str:
        values = [pick(s) for s in self.samples]
        return "" if min(values) == max(values) else f" ({min(values):,.0f}–{max(values):,.0f})"


def _kib(n: float) -> str:
    return f"{n / KIB:,.1f}"


def _files(row: Row) -> str:
    """The files of the run with the median bytes: count and KiB by kind."""
    middle = sorted(row.samples, key=lambda s: s.bytes_query)[len(row.samples) // 2]
    return f"{sum(middle.kinds.values())}: " + ", ".join(
        f"{n} {k} {_kib(middle.kind_bytes[k])}" for k, n in sorted(middle.kinds.items())
    )


def _kib_spread(row: Row) -> str:
    values = [s.bytes_query for s in row.samples]
    return "" if min(values) == max(values) else f" ({_kib(min(values))}–{_kib(max(values))})"


def _ms(row: Row, pick: Callable[[Sample], float | None]) -> str:
    values = [v for s in row.samples if (v := pick(s)) is not None]
    return f"{statistics.median(values):,.0f}" if values else "–"


def table(rows: list[Row]) -> list[str]:
    lines = [
        "| engine | mode | interface | query | before query KiB (gzip) "
        "| first query KiB (gzip) | files loaded by the query | results shown / complete, ms "
        "| first index file requested / last loaded, ms | longest task ms "
        "| heap MiB (+ buffers) | results |",
        "| --- | --- | --- | --- | ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    failed: set[tuple[str, str, str, str]] = set()
    for row in rows:
        head = f"| {row.engine} | {row.mode} | {row.interface} | `{row.query}` "
        if row.failure is not None:
            same = [
                r.query
                for r in rows
                if (r.engine, r.mode, r.interface, r.failure)
                == (row.engine, row.mode, row.interface, row.failure)
            ]
            key = (row.engine, row.mode, row.interface, row.failure)
            if len(same) > 1 and key in failed:
                continue
            failed.add(key)
            if len(same) > 1:
                head = f"| {row.engine} | {row.mode} | {row.interface} | every query "
            lines.append(f"{head}| does not work: {row.failure} | | | | | | | |")
            continue
        results = {x.results for x in row.samples}
        lines.append(
            head + f"| {_kib(row.median(lambda x: x.bytes_before))} "
            f"({_kib(row.median(lambda x: x.gzip_before))}) "
            f"| {_kib(row.median(lambda x: x.bytes_query))} "
            f"({_kib(row.median(lambda x: x.gzip_query))}){_kib_spread(row)} "
            f"| {_files(row)} "
            f"| {row.median(lambda x: x.cards_ms):,.0f}{row.spread(lambda x: x.cards_ms)} "
            f"/ {row.median(lambda x: x.time_ms):,.0f}{row.spread(lambda x: x.time_ms)} "
            f"| {_ms(row, lambda x: x.first_script_ms)} / {_ms(row, lambda x: x.last_script_ms)} "
            f"| {row.median(lambda x: x.longest_task_ms):,.0f}"
            f"{row.spread(lambda x: x.longest_task_ms)} "
            f"| {row.median(lambda x: x.heap_mib):,.1f} "
            f"(+{row.median(lambda x: x.buffers_mib):,.1f}) "
            f"| {'/'.join(f'{n:,}' for n in sorted(results))} |"
        )
    return lines


def targets(rows: list[Row]) -> tuple[list[str], bool]:
    """One line per target over the sitegen rows: met or not, with the worst figure."""
    ok = [r for r in rows if r.engine == "sitegen" and r.samples]
    if not ok:
        return ["No sitegen row was measured."], False

    def worst(pick: Callable[[Row], float]) -> tuple[float, Row]:
        return max(((pick(r), r) for r in ok), key=lambda pair: pair[0])

    def where(r: Row) -> str:
        return f"{r.mode}, {r.interface}, `{r.query}`"

    checks: list[tuple[str, tuple[float, Row], float, Callable[[float], str]]] = [
        (
            "bytes before the first query ≤ 300 KiB",
            worst(lambda r: r.median(lambda s: s.bytes_before)),
            TARGET_BEFORE,
            lambda v: f"{_kib(v)} KiB",
        ),
        (
            "bytes of the first query ≤ 1 MiB (1,048,576 B)",
            worst(lambda r: r.median(lambda s: s.bytes_query)),
            TARGET_QUERY,
            lambda v: f"{_kib(v)} KiB ({v:,.0f} B)",
        ),
        (
            "time from the last keystroke to the first results shown ≤ 300 ms (median of the runs)",
            worst(lambda r: r.median(lambda s: s.cards_ms)),
            TARGET_TIME_MS,
            lambda v: f"{v:,.0f} ms",
        ),
        (
            "no main-thread task over 200 ms (longest of every run)",
            worst(lambda r: max(s.longest_task_ms for s in r.samples)),
            TARGET_TASK_MS,
            lambda v: f"{v:,.0f} ms",
        ),
        (
            "JS heap after the query ≤ 50 MiB",
            worst(lambda r: r.median(lambda s: s.heap_mib)),
            TARGET_HEAP_MIB,
            lambda v: f"{v:,.1f} MiB",
        ),
    ]
    lines, all_met = [], True
    for text, (value, row), limit, fmt in checks:
        met = value <= limit
        all_met &= met
        lines.append(
            f"- {text}: {'met' if met else '**NOT met**'}; worst {fmt(value)} ({where(row)})"
        )
    return lines, all_met


# ─── Pagefind ───────────────────────────────────────────────────────────────────


def pagefind_command() -> list[str] | None:
    for cmd in ([sys.executable, "-m", "pagefind"], ["pagefind"]):
        try:
            done = subprocess.run(
                [*cmd, "--version"], capture_output=True, text=True, check=False, timeout=120
            )
        except (OSError, subprocess.TimeoutExpired):
            continue
        if done.returncode == 0:
            return cmd
    return None


def _link_or_copy(src: str, dst: str) -> None:
    try:
        os.link(src, dst)
    except OSError:
        shutil.copy2(src, dst)


def pagefind_site(site: Path, tmp: Path, cmd: list[str]) -> tuple[Path, str]:
    """A copy of ``site`` (hard links) indexed by Pagefind (article pages, ``<main>``
    only), with a test page per interface; the copy and Pagefind's summary."""
    copy = tmp / "site"
    shutil.copytree(site, copy, copy_function=_link_or_copy)
    done = subprocess.run(
        [
            *cmd,
            "--site",
            str(copy),
            "--output-subdir",
            "_pagefind",
            "--glob",
            "{articles,en/articles}/*.html",
            "--root-selector",
            "main",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise BenchError(f"pagefind failed: {done.stdout[-500:]}{done.stderr[-500:]}")
    summary = " ".join(
        line.strip()
        for line in done.stdout.splitlines()
        if re.search(r"Indexed \d|Total:|Finished in", line)
    )
    for interface, page in INTERFACES.items():
        folder = Path(page).parent
        prefix = "../" * len(folder.parts)
        (copy / folder / PAGEFIND_PAGE).write_text(
            PAGEFIND_HTML.format(lang=interface, prefix=prefix or "./", debounce=DEBOUNCE_MS),
            encoding="utf-8",
        )
    return copy, summary


# ─── Running everything ─────────────────────────────────────────────────────────


def _shell(cmd: list[str]) -> str:
    try:
        return subprocess.run(cmd, capture_output=True, text=True, check=False).stdout.strip()
    except OSError:
        return "?"


def _chromium_version() -> str:
    return _shell([str(CHROMIUM), "--version"]) or "?"


@dataclass
class Plan:
    browser: Browser
    runs: int
    queries: list[str]
    rows: dict[tuple[str, str, str, str], Row] = field(default_factory=dict)

    def run(self, engine: str, mode: str, site: Site, expect_failure: bool = False) -> None:
        for run in range(self.runs):
            for interface, search_page in INTERFACES.items():
                page = search_page
                if engine == "pagefind":
                    page = str(Path(search_page).parent / PAGEFIND_PAGE)
                for query in self.queries:
                    key = (engine, mode, interface, query)
                    row = self.rows.setdefault(key, Row(*key))
                    if row.failure is not None:
                        continue
                    got = measure(self.browser, site, page, query, expect_failure)
                    if isinstance(got, str):
                        row.failure = got
                        print(f"  {engine} {mode} {interface} {query}: {got}", file=sys.stderr)
                        continue
                    row.samples.append(got)
                    if engine == "sitegen" and got.results == 0:
                        raise BenchError(f"{mode} {interface} {query!r}: 0 results")
                    print(
                        f"  run {run + 1} {engine} {mode} {interface} {query}: "
                        f"{_kib(got.bytes_before)} + {_kib(got.bytes_query)} KiB, "
                        f"{got.time_ms:.0f} ms (scripts {got.first_script_ms or 0:.0f}–"
                        f"{got.last_script_ms or 0:.0f}), task {got.longest_task_ms:.0f} ms "
                        f"{got.longest_task_phase}, heap {got.heap_mib:.1f} MiB, "
                        f"{got.results} results, busy=false ×{got.busy_false_after_input}, "
                        f"longest gap between keys {got.max_gap_ms:.0f} ms",
                        file=sys.stderr,
                    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--site", type=Path, required=True, help="a built site folder")
    parser.add_argument(
        "--queries", nargs="+", default=DEFAULT_QUERIES, help="queries typed into #q"
    )
    parser.add_argument("--runs", type=int, default=3, help="runs per query (median)")
    parser.add_argument("--out", type=Path, help="also write the Markdown report here")
    parser.add_argument(
        "--pagefind", action="store_true", help="also index a copy with Pagefind and measure it"
    )
    args = parser.parse_args(argv)
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    site_root: Path = args.site.resolve()
    if not (site_root / "search" / "manifest.js").is_file():
        parser.error(f"{site_root} has no search/manifest.js: not a built site")
    uptime_start, nproc = _shell(["uptime"]), _shell(["nproc"])
    started = dt.datetime.now()
    notes: list[str] = []
    try:
        with sync_playwright() as pw, tempfile.TemporaryDirectory(prefix="bench-search-") as tmp:
            browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            plan = Plan(browser, args.runs, args.queries)
            print("sitegen", file=sys.stderr)
            with serve_directory(site_root) as base:
                plan.run("sitegen", "file", Site(site_root, site_root.as_uri() + "/"))
                plan.run("sitegen", "http", Site(site_root, base))
            if args.pagefind:
                cmd = pagefind_command()
                if cmd is None:
                    notes.append("Pagefind: not measured (`python -m pagefind` not available).")
                else:
                    print("pagefind: indexing a copy of the site", file=sys.stderr)
                    copy, summary = pagefind_site(site_root, Path(tmp), cmd)
                    version = _shell([*cmd, "--version"])
                    notes.append(f"Pagefind: {version}; {summary}")
                    with serve_directory(copy) as base:
                        plan.run("pagefind", "http", Site(copy, base))
                        plan.run("pagefind", "file", Site(copy, copy.as_uri() + "/"), True)
            browser.close()
    except BenchError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    rows = list(plan.rows.values())
    target_lines, met = targets(rows)
    text = report(
        args,
        rows,
        target_lines=target_lines,
        notes=notes,
        started=started,
        uptime_start=uptime_start,
        nproc=nproc,
    )
    print(text)
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(text, encoding="utf-8")
        print(f"written to {args.out}", file=sys.stderr)
    return 0 if met else 1


def report(
    args: argparse.Namespace,
    rows: list[Row],
    *,
    target_lines: list[str],
    notes: list[str],
    started: dt.datetime,
    uptime_start: str,
    nproc: str,
) -> str:
    site: Path = args.site.resolve()
    manifest = (site / "search" / "manifest.js").read_text(encoding="utf-8")
    docs = re.search(r'"docs":(\d+)', manifest)
    lines = [
        f"# sitegen search page: {int(docs.group(1)) if docs else '?':,} articles",
        "",
        f"Measured {started.strftime('%Y-%m-%d %H:%M')} on {platform.node() or '?'}, "
        f"`nproc` {nproc}; {_chromium_version()} headless (Playwright); "
        f"Python {platform.python_version()}.",
        "",
        f"- `uptime` at start: `{uptime_start}`",
        f"- `uptime` at end: `{_shell(['uptime'])}`",
        f"- Site: `{site}`; command: `python bench/search.py {shlex.join(sys.argv[1:])}`",
        f"- Each row: a fresh browser context per run, median of {args.runs} run(s) (min–max "
        "when they differ). `file`: the site opened from disk; `http`: served under "
        f"`{SUB_PATH}` by a loopback `ThreadingHTTPServer`. The query is typed into `#q` "
        f"({TYPING_DELAY_MS} ms between keys).",
        "- Bytes: the sizes of the files on disk behind every request the page completed "
        "(Playwright `requestfinished`, each URL once; the document, the favicon and workers' "
        "requests included; Chromium makes no `performance` resource entries for file:// "
        "loads): uncompressed for sitegen, while Pagefind stores its index and fragments "
        "gzip-compressed; what gzip -6 makes of the same files in brackets. *Before query*: "
        "after `load` + 500 ms; *first query*: every other file loaded until the results "
        f"settle ({SETTLE_MS} ms without a change of `aria-busy`).",
        "- Results shown / complete: `performance.now()` from the last `input` event on `#q` to "
        "the first result card added to `#search-results` (titles, dates, summaries) / to the "
        'last `aria-busy="false"` of `#search-results`, when the snippets around the hits have '
        "replaced the summaries (MutationObserver); both include the "
        f"{DEBOUNCE_MS} ms debounce. For "
        "Pagefind both are the moment its 10 results with excerpts are shown. "
        "*First index file requested / last loaded*: from the same keystroke to the "
        "first index `<script>` search.js inserts and to the `load` of the last one (sitegen "
        "only; Pagefind fetches). Longest task: `longtask` entries (≥ 50 ms; 0 = none) over "
        "load and query. Heap: `Runtime.getHeapUsage` `usedSize` after "
        "`HeapProfiler.collectGarbage`; + buffers: its `backingStorageSize` (ArrayBuffers, "
        "WebAssembly memory among them), not in the target.",
        "- Pagefind rows: a hard-linked copy indexed by Pagefind (`--glob "
        "'{articles,en/articles}/*.html' --root-selector main`), searched from a minimal page "
        "(`pagefind-search.html`, `lang` pl or en) with the same "
        f"{DEBOUNCE_MS} ms debounce that imports "
        "`_pagefind/pagefind.js` on load and on a query runs `pagefind.search(q)` and "
        "`data()` of the first 10 results.",
        *[f"- {note}" for note in notes],
        "",
        *table(rows),
        "",
        "Targets (sitegen rows):",
        "",
        *target_lines,
    ]

    def runs_where(test: Callable[[Sample], bool]) -> str:
        return ", ".join(
            f"{r.engine} {r.mode} {r.interface} `{r.query}` ({sum(map(test, r.samples))})"
            for r in rows
            if any(map(test, r.samples))
        )

    paused = runs_where(lambda s: s.max_gap_ms > DEBOUNCE_MS)
    double = runs_where(lambda s: s.busy_false_after_input > 1)
    if paused:
        lines += [
            "",
            f"Runs in which two keystrokes reached the page more than {DEBOUNCE_MS} ms apart (the "
            "debounce), so that a search for the unfinished word ran while typing and its index "
            "files count in the first query's bytes: " + paused + ".",
        ]
    if double:
        lines += [
            "",
            '`#search-results` went `aria-busy="false"` more than once after the last keystroke '
            "(a search started before it ended after it) in: " + double + ".",
        ]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.exit(main())
