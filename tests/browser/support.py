"""Helpers for the browser tests: a loopback server, a problem recorder, axe-core.

Playwright is imported only for type checking here, so that the test modules can be
collected (and skipped with a reason) on a machine without it.
"""

from __future__ import annotations

import functools
import http.server
import importlib.util
import io
import os
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlsplit

if TYPE_CHECKING:
    from playwright.sync_api import ConsoleMessage, Page, Request, Response, Route

CHROMIUM = Path(os.environ.get("SITEGEN_CHROMIUM", "/usr/bin/chromium"))
"""Debian's Chromium; ``SITEGEN_CHROMIUM`` names another binary."""
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SUB_PATH = "/archiwum/"
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


class SubPathHandler(http.server.SimpleHTTPRequestHandler):
    """Serves a directory under ``SUB_PATH`` only: anything else, and directory listings, 404.

    The site must name a file in every link, so a directory index is never served.
    Plain text is labelled UTF-8, as static hosts such as GitHub Pages label it: the
    raw sources carry no charset of their own, and Chromium would otherwise read them as
    windows-1252.
    """

    extensions_map = {  # noqa: RUF012 (the stdlib declares it as a plain class attribute)
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".txt": "text/plain; charset=utf-8",
    }

    def translate_path(self, path: str) -> str:
        request_path = unquote(urlsplit(path).path)
        if not request_path.startswith(SUB_PATH):
            return ""
        return super().translate_path(path[len(SUB_PATH) - 1 :])

    def send_head(self) -> Any:
        local = self.translate_path(self.path)
        if not local or not Path(local).is_file():
            self.send_error(404)
            return None
        return super().send_head()

    def log_message(self, format: str, *args: Any) -> None:
        """Keep the test output quiet."""


class StaticHostHandler(SubPathHandler):
    """``SubPathHandler`` answering every missing file, at any depth, with the site's root
    ``404.html`` and status 404, as GitHub Pages and Netlify do."""

    def send_head(self) -> Any:
        local = self.translate_path(self.path)
        if local and Path(local).is_file():
            return super().send_head()
        page = Path(self.directory, "404.html").read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(page)))
        self.end_headers()
        return io.BytesIO(page)


class LoopbackServer(http.server.ThreadingHTTPServer):
    """Does not wait at shutdown for connections the browser keeps alive."""

    daemon_threads = True
    block_on_close = False

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A browser dropping a connection it no longer needs is not an error."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@contextmanager
def serve_directory(
    root: Path, handler_class: type[SubPathHandler] = SubPathHandler
) -> Iterator[str]:
    """Serve ``root`` at ``http://127.0.0.1:PORT/archiwum/`` in a thread; yield that URL."""
    handler = functools.partial(handler_class, directory=str(root))
    server = LoopbackServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{SUB_PATH}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def html_pages(site: Path) -> list[str]:
    """Every HTML page of a build, as paths relative to its root (``articles/x.html``)."""
    return sorted(path.relative_to(site).as_posix() for path in site.rglob("*.html"))


@dataclass
class ProblemRecorder:
    """Collects what goes wrong while pages load: console errors, failed or outside requests.

    ``attach(page)`` routes every request to anything but 127.0.0.1: each is aborted and
    recorded, so nothing leaves the machine.
    """

    problems: list[str] = field(default_factory=list)
    current: str = ""
    pending: set[Request] = field(default_factory=set)
    aborted: dict[str, str] = field(default_factory=dict)
    requested: set[str] = field(default_factory=set)

    def attach(self, page: Page) -> None:
        page.on("request", self._on_request)
        page.on("requestfinished", self._on_request_finished)
        page.on("console", self._on_console)
        page.on("pageerror", lambda error: self.problems.append(f"{self.current}: {error}"))
        page.on("requestfailed", self._on_request_failed)
        page.on("response", self._on_response)
        page.route(self.outside, self._abort_outside)

    def load(self, page: Page, url: str, timeout: float = 5.0) -> None:
        """Open ``url``; wait until its requests, the favicon's included, have ended.

        Chromium asks for the favicon only after ``load``: wait until one of the page's
        icons has been requested, or leaving the page would hide a missing one.
        """
        self.current = url
        self.requested.clear()
        page.goto(url, wait_until="load")
        icons = set(page.eval_on_selector_all("link[rel~=icon]", "links => links.map(l => l.href)"))
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and (
            self.pending or (icons and not icons & self.requested)
        ):
            page.wait_for_timeout(10)
        for request in self.pending:
            self.problems.append(f"{url}: request still pending after {timeout} s: {request.url}")
        self.pending.clear()

    def verify_aborted(self, page: Page) -> None:
        """Fetch again what the browser dropped on leaving a page, and record any that fail.

        Chromium fetches the favicon just after ``load``; going on to the next page then
        aborts that request (``net::ERR_ABORTED``) before its status is known.
        """
        for url, where in sorted(self.aborted.items()):
            status = page.request.get(url).status
            if status >= 400:
                self.problems.append(f"{where}: HTTP {status}: {url}")
        self.aborted.clear()

    def _on_request(self, request: Request) -> None:
        self.pending.add(request)
        self.requested.add(request.url)

    def _on_request_finished(self, request: Request) -> None:
        self.pending.discard(request)

    def _on_console(self, message: ConsoleMessage) -> None:
        if message.type == "error":
            self.problems.append(f"{self.current}: console error: {message.text}")

    def _on_request_failed(self, request: Request) -> None:
        self.pending.discard(request)
        if self.outside(request.url):
            return  # recorded when routed
        if request.failure == "net::ERR_ABORTED":
            self.aborted.setdefault(request.url, self.current)
            return
        self.problems.append(f"{self.current}: request failed: {request.url} ({request.failure})")

    def _on_response(self, response: Response) -> None:
        if response.status >= 400:
            self.problems.append(f"{self.current}: HTTP {response.status}: {response.url}")

    @staticmethod
    def outside(url: str) -> bool:
        """Whether ``url`` leaves the machine (anything but 127.0.0.1)."""
        return urlsplit(url).hostname != "127.0.0.1"

    def _abort_outside(self, route: Route) -> None:
        self.problems.append(f"{self.current}: request leaving the machine: {route.request.url}")
        route.abort()


def axe_script() -> Path:
    """axe.min.js as shipped inside the ``axe-playwright-python`` package (works offline)."""
    spec = importlib.util.find_spec("axe_playwright_python")
    if spec is None or spec.origin is None:
        raise RuntimeError("axe-playwright-python is not installed (pip install -e '.[test]')")
    return Path(spec.origin).parent / "axe.min.js"


def axe_violations(page: Page) -> list[dict[str, Any]]:
    """Run axe-core on the open page for WCAG 2.0/2.1 A and AA; return the violations."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        # Evaluated through DevTools, not added as an inline <script>: the site's
        # Content-Security-Policy rightly refuses inline scripts, the tool's included.
        page.evaluate(axe_script().read_text(encoding="utf-8") + "\n;undefined")
    results: dict[str, Any] = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags},"
        " resultTypes: ['violations']})",
        WCAG_21_AA,
    )
    violations: list[dict[str, Any]] = results["violations"]
    return violations


def describe_violations(violations: list[dict[str, Any]]) -> str:
    """One line per violation and node: rule id, impact, target, help text."""
    lines = []
    for violation in violations:
        for node in violation["nodes"]:
            lines.append(
                f"  {violation['id']} ({violation.get('impact')}): {node['target']} "
                f"— {violation['help']} | {node.get('failureSummary', '').splitlines()[-1:]}"
            )
    return "\n".join(lines)
