"""Score a built site with Lighthouse 12: home, search, an article, the largest lists.

Run from the repository root by maintainers (needs Node 20, npm and Debian's Chromium at
``/usr/bin/chromium`` or ``$CHROME_PATH``; never downloads a browser)::

    python tools/lighthouse.py                     # 3 runs a page, mobile and desktop
    python tools/lighthouse.py --runs 1 --form-factor mobile --reports-dir /tmp/lh
    python tools/lighthouse.py --content /tmp/c10000/content --page years=years/2025.html

The script

1. builds ``--content`` (default ``content/``) into a temporary folder with
   ``sitegen build --output TMP --base-url http://127.0.0.1:PORT/archiwum/``;
2. serves that folder on loopback under the sub-path ``/archiwum/`` (a
   :class:`http.server.ThreadingHTTPServer` in a thread, on a free port), so links,
   canonical URLs and assets are checked as they behave on sub-path hosting;
3. installs Lighthouse 12 with ``npm install --no-save --prefix .lighthouse lighthouse@12``
   when ``.lighthouse/node_modules/lighthouse`` is missing (``.lighthouse/`` is a local
   cache, git-ignored; Lighthouse 13 needs Node 22);
4. runs Lighthouse ``--runs`` times on each page, one run at a time, and takes the median
   score of each category. The pages are the ``--page NAME=PATH`` options, or by default
   those ``default_pages`` picks from the built site: the home page, the search page with
   a query (a word of the first article's headline), the first article, and the largest
   entity page and year page (the ones a growing collection makes heavy);
5. prints a Markdown table (page x performance / accessibility / best practices / SEO,
   0-100) and, for every category whose median is under 100, the audits that failed in
   the run that gave that median: id, title, displayValue and the items of their details
   (element selectors, contrast explanations, URLs, sizes...).

By default every page is scored in both form factors: mobile (Lighthouse's default:
412 px wide, simulated slow 4G and a 4x slower CPU, the stricter for load metrics) and
the desktop preset (1350 px, no CPU slowdown). Neither is stricter everywhere: layout
shift depends on the viewport, and the search page's shift was twice as bad on desktop.
``--form-factor mobile`` halves the time (about 12 s a run) for a quick check.

Exit status: 0 when every page meets issue 4's targets (performance >= 95, the other
three at 100), 1 when one does not, 2 when Lighthouse could not run.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import http.server
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

from sitegen.core.records import ENTITY_KINDS
from sitegen.core.urls import kind_folder

MOUNT: Final = "/archiwum/"
CATEGORIES: Final = {
    "performance": "Performance",
    "accessibility": "Accessibility",
    "best-practices": "Best practices",
    "seo": "SEO",
}
TARGETS: Final = {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100}
CHROME_FLAGS: Final = (
    "--headless --no-sandbox --disable-gpu --disable-quic --no-first-run "
    "--disable-background-networking --disable-component-update --disable-sync"
)
LIGHTHOUSE_SPEC: Final = "lighthouse@12"
# Audits that carry no pass/fail verdict.
UNSCORED_MODES: Final = frozenset({"informative", "manual", "notApplicable"})

Report = dict[str, Any]


class ToolError(Exception):
    """Lighthouse (or what it needs) cannot run; the message says why."""


def log(message: str) -> None:
    """Print a progress line on stderr, keeping stdout for the Markdown report."""
    print(message, file=sys.stderr, flush=True)


# --- serving ---------------------------------------------------------------------------


class SubPathHandler(http.server.SimpleHTTPRequestHandler):
    """Serve ``directory`` under :data:`MOUNT` only; every other path is a 404."""

    def translate_path(self, path: str) -> str:
        """Map ``/archiwum/x`` to ``directory/x``; anything outside the mount to nowhere."""
        bare = path.split("?", 1)[0].split("#", 1)[0]
        if bare == MOUNT.rstrip("/"):
            return super().translate_path("/")  # a folder: the base class redirects to MOUNT
        if not bare.startswith(MOUNT):
            return str(Path(self.directory).parent / "no-such-file-outside-the-mount")
        return super().translate_path("/" + path[len(MOUNT) :])

    def log_message(self, format: str, *args: Any) -> None:
        """Stay quiet: Lighthouse's own report lists failed requests."""


@contextlib.contextmanager
def serve(root: Path) -> Iterator[http.server.ThreadingHTTPServer]:
    """Listen on a free loopback port; serve ``root`` under :data:`MOUNT` while in the block.

    The socket is bound before the block starts, so ``server.server_address`` gives the
    port to build the site for; requests are answered once the block has started.
    """
    handler = functools.partial(SubPathHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name="lighthouse-http", daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


# --- building and installing -----------------------------------------------------------


def build_site(content: Path, output: Path, base_url: str) -> None:
    """Run ``sitegen build`` (the installed command, else ``python -m sitegen``)."""
    command = [shutil.which("sitegen") or "", "build"]
    if not command[0]:
        command = [sys.executable, "-m", "sitegen", "build"]
    command += ["--content", str(content), "--output", str(output), "--base-url", base_url]
    command += ["--clean", "--quiet"]
    log(f"building {content}/ for {base_url}")
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise ToolError(f"`{' '.join(command)}` failed:\n{result.stdout}{result.stderr}")


def lighthouse_cli(cache: Path) -> Path:
    """Return Lighthouse 12's CLI script in ``cache``, installing it with npm if missing."""
    package = cache / "node_modules" / "lighthouse"
    cli = package / "cli" / "index.js"
    if not _is_lighthouse_12(package):
        npm = shutil.which("npm")
        if npm is None:
            raise ToolError("npm is not on PATH: install Node 20 and npm")
        log(f"installing {LIGHTHOUSE_SPEC} into {cache}/ (npm)")
        cache.mkdir(parents=True, exist_ok=True)
        command = [npm, "install", "--no-save", "--no-audit", "--no-fund", "--prefix"]
        command += [str(cache), LIGHTHOUSE_SPEC]
        result = subprocess.run(command, capture_output=True, text=True, check=False)
        if result.returncode != 0 or not _is_lighthouse_12(package):
            raise ToolError(f"`{' '.join(command)}` failed:\n{result.stdout}{result.stderr}")
    return cli


def _is_lighthouse_12(package: Path) -> bool:
    try:
        manifest = json.loads((package / "package.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return (
        str(manifest.get("version", "")).startswith("12.")
        and (package / "cli" / "index.js").is_file()
    )


# --- running ---------------------------------------------------------------------------


def run_lighthouse(
    cli: Path, chrome: str, url: str, *, form_factor: str, output: Path, timeout: float
) -> Report:
    """Run Lighthouse once on ``url`` and return its JSON report."""
    node = shutil.which("node")
    if node is None:
        raise ToolError("node is not on PATH: install Node 20")
    command = [node, str(cli), url, "--output=json", f"--output-path={output}", "--quiet"]
    command += [f"--chrome-flags={CHROME_FLAGS}", f"--only-categories={','.join(CATEGORIES)}"]
    if form_factor == "desktop":
        command.append("--preset=desktop")
    env = {**os.environ, "CHROME_PATH": chrome}
    try:
        result = subprocess.run(
            command, capture_output=True, text=True, env=env, timeout=timeout, check=False
        )
    except subprocess.TimeoutExpired as error:
        raise ToolError(f"Lighthouse took over {timeout:.0f} s on {url}") from error
    if result.returncode != 0 or not output.is_file():
        raise ToolError(
            f"Lighthouse failed on {url} (exit {result.returncode}):\n{result.stderr[-4000:]}"
        )
    report: Report = json.loads(output.read_text(encoding="utf-8"))
    if report.get("runtimeError"):
        raise ToolError(f"Lighthouse runtime error on {url}: {report['runtimeError']}")
    return report


def category_score(report: Report, category: str) -> int | None:
    """The category's score as 0-100, or None when Lighthouse could not compute it."""
    score = report["categories"][category]["score"]
    return None if score is None else round(score * 100)


@dataclass
class PageResult:
    """Every run of one page in one form factor."""

    name: str
    form_factor: str
    url: str
    reports: list[Report] = field(default_factory=list)

    def scores(self, category: str) -> list[int | None]:
        """The category's score in each run."""
        return [category_score(report, category) for report in self.reports]

    def median(self, category: str) -> int | None:
        """The median score over the runs (the lower middle one for an even count)."""
        scores = [score for score in self.scores(category) if score is not None]
        return statistics.median_low(scores) if scores else None

    def median_report(self, category: str) -> Report:
        """A run whose score for ``category`` is the median one."""
        median = self.median(category)
        for report in self.reports:
            if category_score(report, category) == median:
                return report
        return self.reports[0]

    def meets_targets(self) -> bool:
        """True when every category reaches issue 4's target."""
        return all((self.median(cat) or 0) >= target for cat, target in TARGETS.items())


# --- reporting -------------------------------------------------------------------------


def failing_audits(report: Report, category: str) -> list[Report]:
    """The category's audits that did not pass: weighted ones first, then diagnostics."""
    audits = report["audits"]
    weighted: list[Report] = []
    diagnostics: list[Report] = []
    for ref in report["categories"][category]["auditRefs"]:
        audit = audits[ref["id"]]
        mode = audit.get("scoreDisplayMode")
        if mode in UNSCORED_MODES:
            continue
        if mode == "error" or (audit.get("score") is not None and audit["score"] < 1):
            (weighted if ref.get("weight", 0) > 0 else diagnostics).append(audit)
    return weighted + diagnostics


def format_value(value: Any, value_type: str | None = None) -> str:
    """Render one cell of a Lighthouse details table as plain text."""
    if isinstance(value, dict):
        kind = value.get("type")
        if kind == "node":
            parts = [f"`{value.get('selector', '?')}`"]
            if value.get("snippet"):
                parts.append(f"`{_clip(' '.join(str(value['snippet']).split()), 120)}`")
            elif value.get("nodeLabel"):
                parts.append(f"({_clip(' '.join(str(value['nodeLabel']).split()), 60)})")
            if value.get("explanation"):
                parts.append("- " + " ".join(str(value["explanation"]).split()))
            return " ".join(parts)
        if kind is None:  # a plain record, e.g. a sub-item: "key: value; ..."
            return "; ".join(f"{key}: {format_value(item)}" for key, item in value.items())
        if kind == "source-location":
            return f"{value.get('url', '?')}:{value.get('line', 0) + 1}"
        if kind == "url":
            return str(value.get("value", ""))
        if kind in ("code", "text"):
            return _clip(str(value.get("value", "")), 200)
        if kind == "numeric":
            return format_value(value.get("value"), value.get("granularity") and "numeric")
        return _clip(json.dumps(value, ensure_ascii=False), 200)
    if isinstance(value, float | int) and not isinstance(value, bool):
        if value_type == "bytes":
            return f"{value / 1024:.1f} KiB"
        if value_type in ("ms", "timespanMs"):
            return f"{value:.0f} ms"
        return f"{value:g}" if isinstance(value, float) else str(value)
    return _clip(" ".join(str(value).split()), 200)


def _chain_lines(chains: Report, indent: str) -> list[str]:
    """A network dependency tree, one request a line, children indented."""
    lines = []
    for chain in chains.values():
        took = chain.get("navStartToEndTime")
        size = chain.get("transferSize")
        text = f"{indent}{chain.get('url', '?')}"
        if took is not None:
            text += f" ({took:.0f} ms" + (f", {size / 1024:.1f} KiB)" if size else ")")
        lines.append(text)
        lines += _chain_lines(chain.get("children", {}), "  " + indent)
    return lines


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def detail_lines(details: Report | None, limit: int) -> list[str]:
    """The items of an audit's details, one Markdown list line each (at most ``limit``)."""
    if not details:
        return []
    kind = details.get("type")
    if kind == "list":
        return [line for sub in details.get("items", []) for line in detail_lines(sub, limit)]
    if kind == "list-section":
        return detail_lines(details.get("value"), limit)
    if kind == "network-tree":
        return _chain_lines(details.get("chains", {}), "  - ")
    if kind in (
        "debugdata",
        "text",
        "screenshot",
        "filmstrip",
        "treemap-data",
        "criticalrequestchain",
    ):
        return []
    if kind == "checklist":
        items = details.get("items", {})
        return [
            f"  - {key}: {'ok' if item.get('value') else 'FAIL'}" for key, item in items.items()
        ]
    headings = [h for h in details.get("headings", []) if h.get("key")]
    lines: list[str] = []
    items = details.get("items", [])
    for item in items[:limit]:
        cells = []
        for heading in headings:
            value = item.get(heading["key"])
            if value in (None, ""):
                continue
            label = heading.get("label") or heading.get("text") or heading["key"]
            label = label if isinstance(label, str) else heading["key"]
            kind = heading.get("valueType") or heading.get("itemType")
            cells.append(f"{label}: {format_value(value, kind)}")
        if not cells:  # tables without headings (debug data, etc.)
            cells = [format_value(item)]
        lines.append("  - " + "; ".join(cells))
        for sub in (item.get("subItems") or {}).get("items", [])[:limit]:
            lines.append("    - " + format_value(sub))
    if len(items) > limit:
        lines.append(f"  - ... and {len(items) - limit} more")
    return lines


def markdown(results: Sequence[PageResult], runs: int, version: str, limit: int) -> str:
    """The score table and the failing audits of every category under 100."""
    lines = [
        f"Lighthouse {version}, median of {runs} run(s) a page, Chromium headless, served"
        f" from 127.0.0.1 under `{MOUNT}`.",
        "",
        "| Page | Form factor | " + " | ".join(CATEGORIES.values()) + " |",
        "|---|---|" + "---:|" * len(CATEGORIES),
    ]
    for result in results:
        cells = []
        for category in CATEGORIES:
            median = result.median(category)
            spread = sorted({s for s in result.scores(category) if s is not None})
            cell = "n/a" if median is None else str(median)
            if len(spread) > 1:
                cell += f" ({spread[0]}-{spread[-1]})"
            cells.append(cell)
        lines.append(f"| {result.name} | {result.form_factor} | " + " | ".join(cells) + " |")
    for result in results:
        for category, label in CATEGORIES.items():
            median = result.median(category)
            if median == 100:
                continue
            report = result.median_report(category)
            lines += ["", f"### {result.name} ({result.form_factor}) - {label}: {median}", ""]
            lines.append(f"URL: {result.url}")
            lines.append("")
            audits = failing_audits(report, category)
            unweighted = {
                ref["id"]
                for ref in report["categories"][category]["auditRefs"]
                if not ref.get("weight")
            }
            if not audits:
                lines.append("- (no single audit failed; the score is rounded from metrics)")
            for audit in audits:
                score = audit.get("score")
                verdict = "error" if score is None else f"score {round(score * 100)}"
                if audit["id"] in unweighted:
                    verdict += ", diagnostic: weight 0"
                text = f"- **{audit['id']}** - {audit.get('title', '')} ({verdict})"
                if audit.get("displayValue"):
                    text += f": {audit['displayValue']}"
                if audit.get("errorMessage"):
                    text += f" - {audit['errorMessage']}"
                lines.append(text)
                lines += detail_lines(audit.get("details"), limit)
    return "\n".join(lines) + "\n"


def default_pages(site: Path) -> dict[str, str]:
    """The pages worth scoring in a built site: home, search, an article, the heaviest lists.

    The article and the search word come from ``data/articles.json``; the entity and
    year pages are the largest files of their folders (the default language's).
    """
    pages = {"home": "index.html"}
    records = json.loads((site / "data" / "articles.json").read_text(encoding="utf-8"))
    if records:
        words = [w for w in str(records[0]["title"]).split() if len(w) >= 5 and w.isalpha()]
        pages["search"] = "search.html?q=" + (words[0].lower()[:6] if words else "a")
        pages["article"] = str(records[0]["url"])
    else:
        pages["search"] = "search.html"
    entity_pages = [
        path
        for kind in ENTITY_KINDS
        for path in (site / kind_folder(kind)).glob("*.html")
        if path.name != "index.html"
    ]
    year_pages = [p for p in (site / "years").glob("*.html") if p.stem[:4].isdigit()]
    for name, candidates in (("entity", entity_pages), ("year", year_pages)):
        if candidates:
            largest = max(candidates, key=lambda p: (p.stat().st_size, p.name))
            pages[name] = largest.relative_to(site).as_posix()
    return pages


def page_option(text: str) -> tuple[str, str]:
    """``NAME=PATH`` (a path relative to the site's root, query allowed)."""
    name, sep, path = text.partition("=")
    if not sep or not name or not path or path.startswith("/"):
        raise argparse.ArgumentTypeError("expected NAME=PATH, e.g. year=years/2025.html")
    return name, path


# --- command line ----------------------------------------------------------------------


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    """Read the command line."""
    parser = argparse.ArgumentParser(
        description="Lighthouse 12 scores of a built site (home, search, an article, the "
        "largest entity and year pages).",
    )
    parser.add_argument("--runs", type=int, default=3, help="runs a page (median; default 3)")
    parser.add_argument(
        "--form-factor",
        choices=("mobile", "desktop", "both"),
        default="both",
        help="Lighthouse form factor(s) (default: both, mobile then desktop)",
    )
    parser.add_argument("--content", type=Path, default=Path("content"), help="content folder")
    parser.add_argument(
        "--page",
        type=page_option,
        action="append",
        metavar="NAME=PATH",
        help="a page to score, relative to the site's root (repeatable; default: home, "
        "search with a query, the first article, the largest entity and year pages)",
    )
    parser.add_argument(
        "--cache",
        type=Path,
        default=Path(".lighthouse"),
        help="where npm installs Lighthouse 12 (default: .lighthouse/, git-ignored)",
    )
    parser.add_argument(
        "--chrome",
        default=os.environ.get("CHROME_PATH", "/usr/bin/chromium"),
        help="Chromium binary (default: $CHROME_PATH or /usr/bin/chromium)",
    )
    parser.add_argument(
        "--reports-dir", type=Path, help="also keep every JSON report in this folder"
    )
    parser.add_argument(
        "--max-items", type=int, default=15, help="details items shown an audit (default 15)"
    )
    parser.add_argument(
        "--timeout", type=float, default=180, help="seconds allowed a Lighthouse run"
    )
    args = parser.parse_args(argv)
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    """Build, serve, score, and print the Markdown report."""
    args = parse_args(argv)
    form_factors = ["mobile", "desktop"] if args.form_factor == "both" else [args.form_factor]
    try:
        if not Path(args.chrome).is_file():
            raise ToolError(f"no Chromium at {args.chrome} (apt-get install -y chromium)")
        cli = lighthouse_cli(args.cache.resolve())
        results: list[PageResult] = []
        with tempfile.TemporaryDirectory(prefix="sitegen-lighthouse-") as tmp:
            site = Path(tmp) / "site"
            reports = args.reports_dir or Path(tmp) / "reports"
            reports.mkdir(parents=True, exist_ok=True)
            with serve(site) as server:
                port = server.server_address[1]
                base_url = f"http://127.0.0.1:{port}{MOUNT}"
                build_site(args.content, site, base_url)
                pages = dict(args.page) if args.page else default_pages(site)
                for form_factor in form_factors:
                    for name, path in pages.items():
                        result = PageResult(name, form_factor, base_url + path)
                        for run in range(1, args.runs + 1):
                            log(f"lighthouse {form_factor} {name} run {run}/{args.runs}")
                            output = reports / f"{name}-{form_factor}-{run}.json"
                            result.reports.append(
                                run_lighthouse(
                                    cli,
                                    args.chrome,
                                    result.url,
                                    form_factor=form_factor,
                                    output=output,
                                    timeout=args.timeout,
                                )
                            )
                        results.append(result)
    except ToolError as error:
        log(f"lighthouse.py: {error}")
        return 2
    version = str(results[0].reports[0].get("lighthouseVersion", "12"))
    print(markdown(results, args.runs, version, args.max_items), end="")
    return 0 if all(result.meets_targets() for result in results) else 1


if __name__ == "__main__":
    sys.exit(main())
