"""commands/serving.py: the preview's server and watcher run beside the builds, which still fork."""

from __future__ import annotations

import http.client
import os
import signal
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from sitegen.commands import serving
from sitegen.commands.serve import SiteState
from sitegen.core.errors import SitegenError
from sitegen.core.forking import can_fork
from sitegen.core.parallel import map_items

TIMEOUT = 10.0


class _TokenServer(ThreadingHTTPServer):
    """Answers every request with the token of the outcomes it was given."""

    def __init__(self, state: SiteState) -> None:
        self.state = state
        super().__init__(("127.0.0.1", 0), _TokenHandler)


class _TokenHandler(BaseHTTPRequestHandler):
    server: _TokenServer

    def do_GET(self) -> None:
        state = self.server.state
        body = f"{state.token} {'|'.join(state.problems)}".encode()
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


def _get(port: int) -> str:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=TIMEOUT)
    try:
        connection.request("GET", "/")
        return connection.getresponse().read().decode()
    finally:
        connection.close()


def _wait_for_answer_other_than(port: int, old: str) -> str:
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline:
        answer = _get(port)
        if answer != old:
            return answer
        time.sleep(0.02)
    raise AssertionError(f"the server still answers {old!r}")


def _refused(port: int) -> bool:
    try:
        _get(port)
    except OSError:
        return True
    return False


@pytest.fixture
def token_server() -> Iterator[tuple[_TokenServer, SiteState]]:
    state = SiteState()
    server = _TokenServer(state)
    yield server, state
    server.server_close()


def test_the_server_runs_in_a_process_of_its_own_and_builds_still_fork(
    token_server: tuple[_TokenServer, SiteState], tmp_path: Path
) -> None:
    server, state = token_server
    port = server.server_address[1]
    state.record(["first build: error"], changed=False)  # before it starts: it shows this
    running = serving.start_server(server, state, [tmp_path])
    try:
        assert isinstance(running, serving.ServerProcess)
        first = _get(port)
        assert first.endswith(" first build: error")
        # No thread here: a build may still fork its workers, and does.
        assert threading.active_count() == 1 and can_fork()
        assert map_items(lambda n: n * n, 200, 2) == [n * n for n in range(200)]
        running.record([], changed=True)
        second = _wait_for_answer_other_than(port, first)
        assert second.split()[0] != first.split()[0] and second.endswith(" ")
    finally:
        running.stop()
    assert _refused(port)


def test_where_forking_is_not_possible_the_server_runs_in_a_thread(
    token_server: tuple[_TokenServer, SiteState], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(serving, "can_fork", lambda: False)
    server, state = token_server
    port = server.server_address[1]
    running = serving.start_server(server, state, [tmp_path])
    try:
        assert isinstance(running, serving.ServerThread)
        first = _get(port)
        running.record(["a.txt:1: error: x"], changed=False)
        assert _wait_for_answer_other_than(port, first).endswith(" a.txt:1: error: x")
    finally:
        running.stop()
    assert state.wait_for_change(state.token, timeout=TIMEOUT) is None  # closed


def test_a_server_process_that_died_is_an_error_not_a_traceback(
    token_server: tuple[_TokenServer, SiteState], tmp_path: Path
) -> None:
    server, state = token_server
    running = serving.start_server(server, state, [tmp_path])
    assert isinstance(running, serving.ServerProcess)
    os.kill(running.pid, signal.SIGKILL)
    deadline = time.monotonic() + TIMEOUT
    with pytest.raises(SitegenError, match="preview server stopped unexpectedly"):
        while time.monotonic() < deadline:  # a write succeeds until the kernel has ended it
            running.record([], changed=True)
            time.sleep(0.02)
    running.stop()


def test_changes_are_seen_from_the_start_and_those_made_during_a_build_make_one_batch(
    token_server: tuple[_TokenServer, SiteState], tmp_path: Path
) -> None:
    server, state = token_server
    running = serving.start_server(server, state, [tmp_path])
    try:
        assert isinstance(running, serving.ServerProcess)
        changes = running.changes()
        (tmp_path / "first.txt").write_text("saved at once")  # no wait: it watches already
        assert next(changes) == ["first.txt"]
        # As if a build ran: two saves, well apart, while nobody asked for changes.
        (tmp_path / "second.txt").write_text("a")
        time.sleep(0.5)
        (tmp_path / "third.yaml").write_text("b")
        time.sleep(0.5)
        assert next(changes) == ["second.txt", "third.yaml"]
    finally:
        running.stop()
