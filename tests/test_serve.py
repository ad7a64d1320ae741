"""``sitegen serve`` (``commands.serve``): path resolution, and a real server on a loopback port.

The server tests start ``python -m sitegen serve --port 0`` on a copy of the sample
collection, edit files and poll: every wait has a generous timeout, never a tight one.
"""

from __future__ import annotations

import http.client
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeVar

import pytest

from sitegen.commands.cli import main
from sitegen.commands.serve import (
    SiteState,
    content_type,
    error_page,
    find_file,
    inject_reload_script,
    normalise_base_path,
    site_relative_path,
)
from sitegen.render.theme import THEME_DIR

ROOT = Path(__file__).resolve().parent.parent
PREVIEW = Path(".sitegen-cache", "preview")
"""Where ``sitegen serve`` builds, relative to the folder it runs in."""
TIMEOUT = 60.0
"""Seconds to wait for a rebuild or a start: generous, as shared machines are noisy."""
ARTICLE = "articles/konsultacje-polityczne-polski-i-kazachstanu.html"
SIDECAR = "content/sources/001_e4617cc254c662f3.yaml"
T = TypeVar("T")


@pytest.mark.parametrize(
    ("target", "base", "expected"),
    [
        ("/", "/", "index.html"),
        ("/en/", "/", "en/index.html"),
        ("/articles/a.html?q=1#x", "/", "articles/a.html"),
        ("/%C5%82%C3%B3d%C5%BA.html", "/", "łódź.html"),
        ("/archiwum/", "/archiwum/", "index.html"),
        ("/archiwum/feed.xml", "/archiwum/", "feed.xml"),
        ("/feed.xml", "/archiwum/", None),
        ("/../etc/passwd", "/", None),
        ("/archiwum/../etc/passwd", "/archiwum/", None),
        ("/%2e%2e/%2e%2e/etc/passwd", "/", None),
        ("/%2E%2E%2Fetc%2Fpasswd", "/", None),
        ("/articles/%2e%2e/%2e%2e/content/site.yaml", "/", None),
        ("//etc/passwd", "/", None),
        ("/./index.html", "/", None),
        ("/a%00.html", "/", None),
        ("/..%5c..%5cwindows", "/", None),
        ("/%ff.html", "/", None),
        ("http://evil.example/etc/passwd", "/", None),
    ],
)
def test_request_paths_resolve_inside_the_site_or_not_at_all(
    target: str, base: str, expected: str | None
) -> None:
    assert site_relative_path(target, base) == expected


def test_find_file_follows_no_symlink_out_of_the_site(tmp_path: Path) -> None:
    site = tmp_path / "build"
    site.mkdir()
    (site / "page.html").write_text("ok", encoding="utf-8")
    (tmp_path / "secret.txt").write_text("secret", encoding="utf-8")
    (site / "leak.txt").symlink_to(tmp_path / "secret.txt")
    (site / "alias.html").symlink_to(site / "page.html")
    assert find_file(site, "page.html") == (site / "page.html").resolve()
    assert find_file(site, "alias.html") == (site / "page.html").resolve()
    assert find_file(site, "leak.txt") is None
    assert find_file(site, "missing.html") is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [("/", "/"), ("", "/"), ("archiwum", "/archiwum/"), ("/a/b/", "/a/b/")],
)
def test_base_paths_are_normalised(text: str, expected: str) -> None:
    assert normalise_base_path(text) == expected


@pytest.mark.parametrize("text", ["/../x/", "/a?b/", "http://x/", "/a b/"])
def test_base_paths_that_are_not_plain_url_paths_are_refused(text: str) -> None:
    with pytest.raises(ValueError, match="not a URL path"):
        normalise_base_path(text)


def test_the_reload_script_goes_before_the_last_closing_body() -> None:
    page = b"<html><body><p>x</p></BODY></html>"
    injected = inject_reload_script(page, "ab.3")
    assert injected == (
        b'<html><body><p>x</p><script src="/__sitegen/reload.js?v=ab.3"></script>\n</BODY></html>'
    )
    assert inject_reload_script(b"<p>x</p>", "t").startswith(b"<p>x</p><script")


def test_the_error_page_escapes_the_problems() -> None:
    page = error_page(["content/a.yaml:2: error: unknown key '<script>'"], "t.1").decode()
    assert "content/a.yaml:2: error: unknown key &#x27;&lt;script&gt;&#x27;" in page
    assert "<script>'" not in page
    assert '<script src="/__sitegen/reload.js?v=t.1">' in page


def test_text_is_served_as_utf_8() -> None:
    assert content_type(Path("a.txt")) == "text/plain; charset=utf-8"
    assert content_type(Path("a.html")) == "text/html; charset=utf-8"
    assert content_type(Path("a.png")) == "image/png"


def test_the_token_changes_only_when_the_outcome_does() -> None:
    state = SiteState()
    first = state.token
    state.record((), changed=False)
    assert state.token == first
    state.record(["a.txt: error: x"], changed=False)
    broken = state.token
    assert broken != first and state.problems == ("a.txt: error: x",)
    state.record(["a.txt: error: x"], changed=False)
    assert state.token == broken
    state.record((), changed=False)
    assert state.token != broken and not state.problems
    assert state.wait_for_change(state.token, timeout=0.01) == state.token
    state.close()
    assert state.wait_for_change(state.token, timeout=5) is None


class Server:
    """``sitegen serve`` running in a subprocess on a copy of the sample collection."""

    def __init__(self, project: Path, *args: str) -> None:
        self.project = project
        self.process = subprocess.Popen(
            [sys.executable, "-m", "sitegen", "serve", "--port", "0", *args],
            cwd=project,
            env=sitegen_env(),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        self.lines: list[str] = []
        self._reader = threading.Thread(target=self._read_log, daemon=True)
        self._reader.start()
        match = wait_for(self._started, "the server to start")
        self.host, self.port, self.base = match.group(1), int(match.group(2)), match.group(3)

    def _started(self) -> re.Match[str] | None:
        if self.process.poll() is not None:
            self._reader.join(TIMEOUT)
            raise AssertionError(f"sitegen serve exited {self.process.returncode}:\n{self.log}")
        return _serving_line(self.lines)

    def _read_log(self) -> None:
        assert self.process.stderr is not None
        for line in self.process.stderr:
            self.lines.append(line.rstrip("\n"))

    @property
    def log(self) -> str:
        return "\n".join(self.lines)

    def get(self, path: str) -> tuple[int, dict[str, str], str]:
        connection = http.client.HTTPConnection(self.host, self.port, timeout=TIMEOUT)
        try:
            connection.request("GET", path, headers={"Accept": "text/html"})
            response = connection.getresponse()
            body = response.read().decode("utf-8", "replace")
            return response.status, dict(response.getheaders()), body
        finally:
            connection.close()

    def raw(self, target: str) -> tuple[int, bytes]:
        """Send ``target`` exactly as given (no client-side normalisation)."""
        with socket.create_connection((self.host, self.port), timeout=TIMEOUT) as sock:
            sock.sendall(f"GET {target} HTTP/1.0\r\nHost: x\r\n\r\n".encode())
            data = b""
            while chunk := sock.recv(65536):
                data += chunk
        return int(data.split(b" ", 2)[1]), data

    def wait_for_page(self, path: str, predicate: Callable[[int, str], bool], what: str) -> str:
        def check() -> str | None:
            status, _, body = self.get(path)
            return body if predicate(status, body) else None

        return wait_for(check, what)

    def stop(self, signal_number: int = signal.SIGINT) -> int:
        if self.process.poll() is None:
            self.process.send_signal(signal_number)
        try:
            return self.process.wait(timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
            raise
        finally:
            self._reader.join(TIMEOUT)
            assert self.process.stderr is not None
            self.process.stderr.close()


def sitegen_env() -> dict[str, str]:
    """This checkout's sitegen first, whichever one is installed."""
    paths = [p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p]
    return {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), *paths])}


def _serving_line(lines: list[str]) -> re.Match[str] | None:
    for line in lines:
        if match := re.search(r"serving http://([\d.]+):(\d+)(/\S*)", line):
            return match
    return None


def wait_for(probe: Callable[[], T | None], what: str) -> T:
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline:
        result = probe()
        if result:
            return result
        time.sleep(0.1)
    raise AssertionError(f"timed out after {TIMEOUT:.0f} s waiting for {what}")


def copy_project(root: Path) -> Path:
    shutil.copytree(ROOT / "content", root / "content")
    shutil.copytree(THEME_DIR, root / "templates")
    return root


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    running = Server(copy_project(tmp_path_factory.mktemp("serve")))
    yield running
    running.stop()


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_serves_the_built_site_with_the_reload_script_only_in_responses(server: Server) -> None:
    status, headers, body = server.get("/")
    assert status == 200
    assert headers["Content-Type"] == "text/html; charset=utf-8"
    assert re.search(r'<script src="/__sitegen/reload\.js\?v=[\w.]+"></script>\s*</body>', body)
    on_disk = (server.project / PREVIEW / "index.html").read_text(encoding="utf-8")
    assert "__sitegen" not in on_disk
    status, headers, script = server.get("/__sitegen/reload.js")
    assert status == 200 and "EventSource" in script
    status, headers, _ = server.get("/sources/001_e4617cc254c662f3.txt")
    assert (status, headers["Content-Type"]) == (200, "text/plain; charset=utf-8")


def test_a_saved_edit_is_rebuilt_incrementally_and_served(server: Server) -> None:
    edit(server.project / SIDECAR, "notes: >-\n", "notes: >-\n  Nowa uwaga kuratora.\n")
    server.wait_for_page(
        "/" + ARTICLE, lambda status, body: "Nowa uwaga kuratora." in body, "the edited page"
    )
    rebuilt = wait_for(
        lambda: re.findall(
            r"built \d+ pages \(\d+ files: (\d+) written, (\d+) unchanged", server.log
        )[1:],
        "the log",
    )
    written, unchanged = map(int, rebuilt[-1])
    assert 0 < written < unchanged  # only what shows the edited record was written again


def test_a_rebuild_sends_a_reload_event(server: Server) -> None:
    _, _, body = server.get("/")
    since = re.findall(r"reload\.js\?v=([\w.]+)", body)[-1]
    connection = http.client.HTTPConnection(server.host, server.port, timeout=TIMEOUT)
    try:
        connection.request("GET", f"/__sitegen/events?since={since}")
        response = connection.getresponse()
        assert response.status == 200
        assert response.getheader("Content-Type") == "text/event-stream"
        assert response.readline() == b"retry: 500\n"
        edit(server.project / SIDECAR, "Nowa uwaga kuratora.", "Druga uwaga kuratora.")
        events: list[bytes] = []
        while not events or events[-1] != b"\n":
            line = response.readline()
            assert line, "the event stream ended"
            if line.startswith(b"event:") or events:
                events.append(line)
    finally:
        connection.close()
    assert events[0] == b"event: reload\n"
    assert events[1].startswith(b"data: ") and events[1].strip() != f"data: {since}".encode()


def test_a_template_error_shows_an_error_page_and_the_next_good_save_recovers(
    server: Server,
) -> None:
    base = server.project / "templates" / "base.html"
    good = base.read_text(encoding="utf-8")
    base.write_text(good + "{% if %}\n", encoding="utf-8")
    body = server.wait_for_page(
        "/" + ARTICLE, lambda status, _: status == 500, "the error page after breaking a template"
    )
    assert "The build failed" in body and "base.html:" in body
    assert server.get("/__sitegen/reload.js")[0] == 200  # the error page can still reload
    assert server.process.poll() is None
    base.write_text(good, encoding="utf-8")
    body = server.wait_for_page("/" + ARTICLE, lambda status, _: status == 200, "the recovery")
    assert "The build failed" not in body
    assert "Traceback" not in server.log


def test_a_content_error_is_listed_on_the_error_page_and_in_the_terminal(server: Server) -> None:
    sidecar = server.project / SIDECAR
    good = sidecar.read_text(encoding="utf-8")
    sidecar.write_text(good.replace("date: 2020-12-08", "date: 2020-02-30"), encoding="utf-8")
    body = server.wait_for_page("/", lambda status, _: status == 500, "the content error page")
    expected = "001_e4617cc254c662f3.yaml:2: error: date: &#x27;2020-02-30&#x27; is not a date"
    assert expected in body
    assert "001_e4617cc254c662f3.yaml:2: error: date: '2020-02-30' is not a date" in server.log
    sidecar.write_text(good, encoding="utf-8")
    server.wait_for_page("/", lambda status, _: status == 200, "the recovery")


@pytest.mark.parametrize(
    "target",
    [
        "/../content/site.yaml",
        "/../../../../etc/passwd",
        "/%2e%2e/content/site.yaml",
        "/%2E%2E%2Fcontent%2Fsite.yaml",
        "/articles/%2e%2e/%2e%2e/content/site.yaml",
        "//etc/passwd",
        "/etc/passwd",
        "/..%5ccontent%5csite.yaml",
    ],
)
def test_paths_outside_the_site_get_404(server: Server, target: str) -> None:
    status, data = server.raw(target)
    assert status == 404
    assert b"root:" not in data and b"base_url" not in data


def test_a_symlink_pointing_outside_the_site_gets_404(server: Server) -> None:
    secret = server.project / "secret.txt"
    secret.write_text("top secret", encoding="utf-8")
    (server.project / PREVIEW / "leak.txt").symlink_to(secret)
    status, data = server.raw("/leak.txt")
    assert status == 404 and b"top secret" not in data


def test_sub_path_layout_and_interrupt(tmp_path: Path) -> None:
    running = Server(copy_project(tmp_path), "--base-path", "/archiwum/")
    try:
        assert running.base == "/archiwum/"
        status, data = running.raw("/")
        assert status == 302 and b"\r\nLocation: /archiwum/\r\n" in data
        status, _, home = running.get("/archiwum/")
        assert status == 200
        # Built with the server's own address, so absolute links stay in the preview.
        url = f"http://{running.host}:{running.port}/archiwum/"
        assert f'<link rel="canonical" href="{url}index.html">' in home
        stylesheet = re.search(r'<link rel="stylesheet" href="([^"]+)"', home)
        assert stylesheet is not None
        assert running.get("/archiwum/" + stylesheet.group(1))[0] == 200
        assert running.get("/index.html")[0] == 404
        assert running.raw("/archiwum/en")[0] == 302
    finally:
        started = time.monotonic()
        code = running.stop()
    assert code in (0, 130)
    assert time.monotonic() - started < TIMEOUT
    assert "Traceback" not in running.log
    assert running.lines[-1] == "stopped"


def test_a_port_in_use_is_a_usage_error(server: Server, tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "sitegen", "serve", "--port", str(server.port)],
        cwd=copy_project(tmp_path),
        env=sitegen_env(),
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
    )
    assert result.returncode == 2
    assert f"error: cannot listen on 127.0.0.1:{server.port}" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_preview_folder_inside_a_watched_one_is_refused(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "sitegen", "serve", "--content", "."],
        cwd=copy_project(tmp_path),
        env=sitegen_env(),
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
    )
    assert result.returncode == 2
    assert "error: the preview folder .sitegen-cache/preview is inside the watched folder ." in (
        result.stderr
    )


@pytest.mark.parametrize(
    "argv", [["--port", "70000"], ["--port", "x"], ["--base-path", "/../"], ["--base-url", "x"]]
)
def test_bad_serve_options_are_usage_errors(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["serve", *argv])
    assert exit_info.value.code == 2
    assert "usage: sitegen" in capsys.readouterr().err


def test_sigterm_stops_the_server_as_cleanly_as_ctrl_c(tmp_path: Path) -> None:
    running = Server(copy_project(tmp_path))
    assert running.stop(signal.SIGTERM) == 0
    assert "Traceback" not in running.log
    assert running.lines[-1] == "stopped"
    assert not [p.name for p in tmp_path.iterdir() if p.name.startswith("build")]
    assert [p.name for p in (tmp_path / PREVIEW).parent.iterdir() if "preview" in p.name] == [
        "preview"
    ]


def test_serve_previews_without_touching_build(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    published = {"index.html": b"<!DOCTYPE html><title>published</title>", "feed.xml": b"<feed/>"}
    for name, data in published.items():
        (project / "build").mkdir(exist_ok=True)
        (project / "build" / name).write_bytes(data)
    before = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in (project / "build").rglob("*")}
    running = Server(project)
    try:
        _, _, home = running.get("/")
        url = f"http://{running.host}:{running.port}/"
        assert f'<link rel="canonical" href="{url}index.html">' in home
        served = re.sub(r'<script src="/__sitegen/reload\.js[^"]*"></script>\n', "", home)
        assert served == (project / PREVIEW / "index.html").read_text(encoding="utf-8")
    finally:
        running.stop()
    after = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in (project / "build").rglob("*")}
    assert after == before
