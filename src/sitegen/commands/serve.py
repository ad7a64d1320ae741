"""``sitegen serve``: build a preview, serve it on loopback, rebuild on save, reload the browser.

The preview is built into its own folder in the cache (``.sitegen-cache/preview/``),
never into ``build/``: its feeds and canonical links name the server's loopback
address, which must not reach the folder you publish.

The preview's files stay exactly as ``sitegen build`` writes them: the reload
script is added to HTML responses as they are served, as a ``<script src>``
(the pages' Content-Security-Policy allows no inline script). The script
listens to a Server-Sent Events stream and reloads the tab when a build
finishes with a different outcome. While the last build failed, HTML requests
get a page listing its problems; the next good save recovers.

The build loop runs in the main thread, so Ctrl-C (or SIGTERM) interrupts a
build where the output stage cleans up after itself; the HTTP server and the
file watcher run beside it, in a process of their own, so that builds keep
their workers (``serving.py``).

>>> site_relative_path("/archiwum/en/", "/archiwum/")
'en/index.html'
>>> site_relative_path("/%2e%2e/etc/passwd", "/") is None
True
"""

from __future__ import annotations

import html
import mimetypes
import secrets
import signal
import socket
import sys
import threading
from collections.abc import Sequence
from dataclasses import dataclass, replace
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import FrameType
from typing import TextIO
from urllib.parse import parse_qs, unquote

from sitegen.commands.serving import RunningServer, start_server
from sitegen.core.errors import ConfigError, ContentError, SitegenError
from sitegen.core.files import resolve_within
from sitegen.engine.build import BuildOptions, KeptRecords, build_site

INTERNAL = "/__sitegen/"
EVENTS = INTERNAL + "events"
RELOAD_SCRIPT = INTERNAL + "reload.js"
HTML = "text/html; charset=utf-8"
PING_SECONDS = 15.0
PREVIEW_FOLDER = "preview"
_WILDCARD_HOSTS = {"": "127.0.0.1", "0.0.0.0": "127.0.0.1", "::": "::1"}
_LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1")

RELOAD_JS = b"""\
// Added by `sitegen serve` only: reload this page when the site has been rebuilt.
(function () {
  var since = new URL(document.currentScript.src).searchParams.get("v") || "";
  var events = new EventSource("/__sitegen/events?since=" + encodeURIComponent(since));
  events.addEventListener("reload", function () {
    events.close();
    location.reload();
  });
})();
"""


@dataclass(frozen=True)
class ServeOptions:
    """What to serve and where to listen.

    ``build`` names the content, templates and cache folders; its output folder
    is not used, as the preview always goes to ``preview_dir``.
    """

    build: BuildOptions
    host: str = "127.0.0.1"
    port: int = 8000
    base_path: str = "/"

    @property
    def preview_dir(self) -> Path:
        """The folder the preview is built into and served from, inside the cache folder."""
        return self.build.cache_dir / PREVIEW_FOLDER


def serve(options: ServeOptions, log: TextIO = sys.stderr) -> int:
    """Build, serve and rebuild on every change until Ctrl-C; return the exit code.

    The site is built with the server's own address as its base URL (as
    ``hugo server`` does), so feeds and canonical links work in the preview; it
    is built into ``options.preview_dir``, so ``build/`` is never touched.
    """
    preview = options.preview_dir
    watched = [options.build.content_dir]
    if options.build.local_templates is not None:
        watched.append(options.build.local_templates)
    for folder in watched:
        if not folder.is_dir():
            raise ConfigError(f"folder not found: {folder}")
        if preview.resolve().is_relative_to(folder.resolve()):
            raise ConfigError(f"the preview folder {preview} is inside the watched folder {folder}")
    state = SiteState()
    server = DevServer(options, state)
    url = f"http://{_url_host(options.host)}:{server.server_address[1]}{options.base_path}"
    build_options = replace(options.build, output_dir=preview, base_url=url)
    running: RunningServer | None = None
    kept = KeptRecords()
    previous_handler = signal.signal(signal.SIGTERM, _interrupt)
    try:
        # Not kept yet: the server's process, forked next, would hold a copy of them.
        rebuild(build_options, state, log)
        running = start_server(server, state, watched)
        if options.host not in _LOOPBACK_HOSTS:
            print(f"warning: listening on {options.host}: the network can read the site", file=log)
        print(f"serving {url} (watching for changes; Ctrl-C to stop)", file=log, flush=True)
        for names in running.changes():
            print(f"changed: {', '.join(names)}", file=log, flush=True)
            rebuild(build_options, running, log, kept)
    except KeyboardInterrupt:
        pass
    finally:
        signal.signal(signal.SIGTERM, previous_handler)
        if running is not None:
            running.stop()
        server.server_close()
    print("stopped", file=log, flush=True)
    return 0


def _interrupt(signum: int, frame: FrameType | None) -> None:
    """SIGTERM (``kill``, a process manager) stops the server as cleanly as Ctrl-C."""
    raise KeyboardInterrupt


def rebuild(
    options: BuildOptions,
    state: SiteState | RunningServer,
    log: TextIO,
    kept: KeptRecords | None = None,
) -> None:
    """Build once; report the outcome in the terminal and to the browsers (``state``).

    ``kept``: the records the server's last build read, so that a rebuild does not read
    them from the cache again.
    """
    try:
        report = build_site(options, kept=kept)
    except ContentError as exc:
        problems = [str(d) for d in exc.diagnostics]
    except (SitegenError, OSError) as exc:  # a broken template or site.yaml, a vanished file
        problems = [f"error: {exc}"]
    else:
        for diagnostic in report.diagnostics:
            print(diagnostic, file=log)
        print(report.summary(), file=log, flush=True)
        state.record((), changed=report.written + report.removed > 0)
        return
    for line in problems:
        print(line, file=log)
    print("build failed; still serving: save a fix to rebuild", file=log, flush=True)
    state.record(problems, changed=False)


class SiteState:
    """The last build's problems and a token that changes whenever its outcome changes.

    The token starts with a random part so that a tab from an earlier server
    reloads when it reconnects to a new one.
    """

    def __init__(self) -> None:
        self._changed = threading.Condition()
        self._boot = secrets.token_hex(4)
        self._serial = 0
        self._problems: tuple[str, ...] = ()
        self._closing = False

    @property
    def token(self) -> str:
        return f"{self._boot}.{self._serial}"

    @property
    def problems(self) -> tuple[str, ...]:
        """The last build's error lines; empty when it succeeded."""
        with self._changed:
            return self._problems

    def record(self, problems: Sequence[str], changed: bool) -> None:
        with self._changed:
            if changed or tuple(problems) != self._problems:
                self._serial += 1
                self._changed.notify_all()
            self._problems = tuple(problems)

    def wait_for_change(self, since: str, timeout: float) -> str | None:
        """The token once it differs from ``since`` (or after ``timeout``); ``None`` on close."""
        with self._changed:
            self._changed.wait_for(lambda: self._closing or self.token != since, timeout)
            return None if self._closing else self.token

    def close(self) -> None:
        with self._changed:
            self._closing = True
            self._changed.notify_all()


def normalise_base_path(text: str) -> str:
    """``archiwum`` → ``/archiwum/``; a path with ``..``, a query or a scheme is refused.

    >>> normalise_base_path("archiwum"), normalise_base_path("/")
    ('/archiwum/', '/')
    """
    parts = [part for part in text.strip().split("/") if part]
    if any(part in (".", "..") or not _plain_segment(part) for part in parts):
        raise ValueError(f"not a URL path: {text!r}")
    return "/" + "".join(f"{part}/" for part in parts)


def _plain_segment(part: str) -> bool:
    return all(c.isalnum() or c in "-_.~" for c in part)


def site_relative_path(target: str, base_path: str = "/") -> str | None:
    """The file a request names inside the site, as a relative POSIX path; ``None`` outside it.

    ``target`` is the request line's path (query and fragment are ignored). It
    must lie under ``base_path``; after percent-decoding, a ``..``, ``.`` or
    empty segment, a backslash or a NUL refuses the request. A path ending in
    ``/`` names its ``index.html``.
    """
    path = target.split("?", 1)[0].split("#", 1)[0]
    if not path.startswith(base_path):
        return None
    try:
        rest = unquote(path[len(base_path) :], errors="strict")
    except UnicodeDecodeError:
        return None
    if "\\" in rest or "\0" in rest:
        return None
    if rest == "" or rest.endswith("/"):
        rest += "index.html"
    parts = rest.split("/")
    if any(part in ("", ".", "..") for part in parts):
        return None
    return "/".join(parts)


def find_file(site_dir: Path, relative: str) -> Path | None:
    """``site_dir / relative`` if it is a file inside ``site_dir`` once symlinks are followed."""
    try:
        target = resolve_within(site_dir / relative, site_dir)
    except OSError:  # links in a loop
        return None
    return target if target is not None and target.is_file() else None


def inject_reload_script(page: bytes, token: str) -> bytes:
    """The page with the reload script before its last ``</body>`` (or at its end)."""
    tag = f'<script src="{RELOAD_SCRIPT}?v={token}"></script>\n'.encode()
    end = page.lower().rfind(b"</body>")
    return page + tag if end < 0 else page[:end] + tag + page[end:]


def error_page(problems: Sequence[str], token: str) -> bytes:
    """What a browser shows while the last build failed: every problem, escaped."""
    items = "\n".join(f"<li><code>{html.escape(line)}</code></li>" for line in problems)
    page = f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>sitegen: the build failed</title>
</head>
<body>
<main>
<h1>The build failed</h1>
<p>Fix these and save: this page reloads when the site builds again.
Until then, other files are served from the last good build.</p>
<ul>
{items}
</ul>
</main>
</body>
</html>
"""
    return inject_reload_script(page.encode(), token)


def content_type(path: Path) -> str:
    """The type to send for a file; text is always labelled UTF-8, as the site is written."""
    guessed, _ = mimetypes.guess_type(path.name)
    kind = guessed or "application/octet-stream"
    textual = kind.startswith("text/") or kind.endswith(("json", "xml", "javascript"))
    return f"{kind}; charset=utf-8" if textual else kind


def _url_host(host: str) -> str:
    host = _WILDCARD_HOSTS.get(host, host)
    return f"[{host}]" if ":" in host else host


class DevServer(ThreadingHTTPServer):
    daemon_threads = True  # an open event stream must not keep the process alive

    def __init__(self, options: ServeOptions, state: SiteState) -> None:
        self.site_dir = options.preview_dir
        self.base_path = options.base_path
        self.state = state
        if ":" in options.host:
            self.address_family = socket.AF_INET6
        try:
            super().__init__((options.host, options.port), DevRequestHandler)
        except OSError as exc:
            where = f"{options.host}:{options.port}"
            raise ConfigError(f"cannot listen on {where}: {exc.strerror or exc}") from None


class DevRequestHandler(BaseHTTPRequestHandler):
    server: DevServer
    server_version = "sitegen-serve"

    def do_GET(self) -> None:
        self._respond(with_body=True)

    def do_HEAD(self) -> None:
        self._respond(with_body=False)

    def log_message(self, format: str, *args: object) -> None:
        """Quiet: the terminal is for build results."""

    def _respond(self, with_body: bool) -> None:
        path = self.path.split("?", 1)[0]
        base = self.server.base_path
        if path == RELOAD_SCRIPT:
            self._send(HTTPStatus.OK, "text/javascript; charset=utf-8", RELOAD_JS, with_body)
        elif path == EVENTS:
            self._stream_events()
        elif base != "/" and path in ("/", base.rstrip("/")):
            self._redirect(base)
        else:
            self._send_site_file(base, with_body)

    def _send_site_file(self, base: str, with_body: bool) -> None:
        state = self.server.state
        relative = site_relative_path(self.path, base)
        if relative is None:
            self._send_not_found(with_body)
            return
        found = find_file(self.server.site_dir, relative)
        if found is None and find_file(self.server.site_dir, relative + "/index.html"):
            self._redirect(self.path.split("?", 1)[0] + "/")  # a folder named without its slash
            return
        accept = self.headers.get("Accept") or ""
        wants_html = relative.endswith(".html") or "text/html" in accept
        problems = state.problems
        if problems and wants_html:
            page = error_page(problems, state.token)
            self._send(HTTPStatus.INTERNAL_SERVER_ERROR, HTML, page, with_body)
            return
        if found is None:
            self._send_not_found(with_body)
            return
        try:
            body = found.read_bytes()
        except OSError:  # replaced by a build between finding and reading it
            self._send_not_found(with_body)
            return
        kind = content_type(found)
        if kind.startswith("text/html"):
            body = inject_reload_script(body, state.token)
        self._send(HTTPStatus.OK, kind, body, with_body)

    def _send_not_found(self, with_body: bool) -> None:
        page = find_file(self.server.site_dir, "404.html")
        body = page.read_bytes() if page else b"<!DOCTYPE html><title>Not found</title>Not found"
        page_bytes = inject_reload_script(body, self.server.state.token)
        self._send(HTTPStatus.NOT_FOUND, HTML, page_bytes, with_body)

    def _send(self, status: HTTPStatus, kind: str, body: bytes, with_body: bool) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        if with_body:
            self.wfile.write(body)

    def _redirect(self, location: str) -> None:
        self.send_response(HTTPStatus.FOUND)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _stream_events(self) -> None:
        """Server-Sent Events: ``reload`` whenever the build's outcome changes."""
        query = parse_qs(self.path.partition("?")[2])
        since = query.get("since", [""])[0]
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        try:
            self.wfile.write(b"retry: 500\n\n")
            while (token := self.server.state.wait_for_change(since, PING_SECONDS)) is not None:
                if token == since:
                    self.wfile.write(b": ping\n\n")  # finds tabs that were closed
                else:
                    self.wfile.write(f"event: reload\ndata: {token}\n\n".encode())
                    since = token
                self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):
            pass
