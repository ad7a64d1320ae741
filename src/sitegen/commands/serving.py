"""Where ``sitegen serve``'s HTTP server and file watcher run: a process of their own.

A build forks its workers only from a process that runs no other thread (a forked
child of such a process can deadlock: ``core.forking.can_fork``; Python 3.12 warns of it
for native threads too, such as the file watcher's). With the server in a thread, every
rebuild after the first ran in one process: at 10,000 articles an edit took 8.6–9.4 s
instead of 6.3–6.5, a template edit 56–60 s instead of 31–33. So the server and the watcher
run in a child forked once, after the first build: it sends each batch of changed files
to the building process down one pipe and hears each build's outcome down another.
Where forking is not possible both run in this process, the server in a thread.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import threading
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Protocol

import watchfiles

from sitegen.core.errors import SitegenError
from sitegen.core.forking import can_fork, die_with_parent

STOP_SECONDS = 5.0
"""How long the server process has to finish its responses once told to stop."""
WATCH_DEBOUNCE_MS = 50
"""Changes within this many milliseconds of each other make one batch (one rebuild)."""
WATCH_POLL_MS = 100
"""How often the server process's watcher wakes to see whether it is to stop."""


class Outcomes(Protocol):
    """What the server shows: the last build's problems, and a change that reloads tabs."""

    def record(self, problems: Sequence[str], changed: bool) -> None: ...

    def close(self) -> None: ...


class Server(Protocol):
    def serve_forever(self) -> None: ...

    def shutdown(self) -> None: ...

    def server_close(self) -> None: ...


class RunningServer(Protocol):
    def changes(self) -> Iterator[list[str]]:
        """The names of the files changed in the watched folders, a batch at a time, until
        Ctrl-C: each batch waits for the next change, and holds all made meanwhile."""

    def record(self, problems: Sequence[str], changed: bool) -> None:
        """Tell the server the outcome of a build (``Outcomes.record``)."""

    def stop(self) -> None:
        """Stop serving: open event streams end, the listening socket closes."""


def start_server(server: Server, outcomes: Outcomes, watched: Sequence[Path]) -> RunningServer:
    """Serve with ``server`` and watch ``watched`` from now on; ``outcomes`` is what the
    server shows, as recorded so far."""
    if can_fork():
        return ServerProcess(server, outcomes, watched)
    return ServerThread(server, outcomes, watched)


def _changed_names(batch: set[tuple[watchfiles.Change, str]]) -> list[str]:
    return sorted({Path(path).name for _, path in batch})


class ServerThread:
    """The server in a thread of this process: builds then run in this process alone."""

    def __init__(self, server: Server, outcomes: Outcomes, watched: Sequence[Path]) -> None:
        self._server = server
        self._outcomes = outcomes
        self._watched = watched
        self._thread = threading.Thread(target=server.serve_forever, name="sitegen-serve")
        self._thread.daemon = True  # an open event stream must not keep the process alive
        self._thread.start()

    def changes(self) -> Iterator[list[str]]:
        for batch in watchfiles.watch(
            *self._watched, debounce=WATCH_DEBOUNCE_MS, raise_interrupt=True
        ):
            yield _changed_names(batch)

    def record(self, problems: Sequence[str], changed: bool) -> None:
        self._outcomes.record(problems, changed)

    def stop(self) -> None:
        self._outcomes.close()
        self._server.shutdown()
        self._thread.join(STOP_SECONDS)


class ServerProcess:
    """The server and the watcher in a forked child, talking with this process by pipes."""

    def __init__(self, server: Server, outcomes: Outcomes, watched: Sequence[Path]) -> None:
        outcomes_in, outcomes_out = os.pipe()
        changes_in, changes_out = os.pipe()
        parent = os.getpid()
        child = os.fork()
        if child == 0:  # pragma: no cover - the forked server; its coverage is not collected
            os.close(outcomes_out)
            os.close(changes_in)
            exit_code = 1
            try:
                die_with_parent(parent)
                # Ctrl-C reaches the whole terminal's process group: the parent handles it
                # and stops this process by closing its pipe. SIGTERM ends it outright.
                signal.signal(signal.SIGINT, signal.SIG_IGN)
                signal.signal(signal.SIGTERM, signal.SIG_DFL)
                _serve_and_watch(server, outcomes, watched, outcomes_in, changes_out)
                exit_code = 0
            finally:
                os._exit(exit_code)  # never the parent's clean-up, buffers or exit handlers
        os.close(outcomes_in)
        os.close(changes_out)
        server.server_close()  # the child listens: the builds' workers must not hold the socket
        self._child = child
        self._messages = os.fdopen(outcomes_out, "w", encoding="utf-8")
        self._changes = changes_in
        # The child's first line says it watches: a save from now on is seen.
        self._pending = self._read()

    @property
    def pid(self) -> int:
        """The server process's id."""
        return self._child

    def changes(self) -> Iterator[list[str]]:
        pending, self._pending = self._pending, b""
        while True:
            # One read takes every batch the pipe holds: those sent while the last build
            # ran make one rebuild.
            *lines, pending = pending.split(b"\n")
            names = {name for line in lines for name in json.loads(line)}
            if names:
                yield sorted(names)
            pending += self._read()

    def _read(self) -> bytes:
        data = os.read(self._changes, 65536)
        if not data:
            raise SitegenError("the preview server stopped unexpectedly")
        return data

    def record(self, problems: Sequence[str], changed: bool) -> None:
        try:
            self._messages.write(json.dumps([list(problems), changed]) + "\n")
            self._messages.flush()
        except OSError:  # the server process has gone
            raise SitegenError("the preview server stopped unexpectedly") from None

    def stop(self) -> None:
        with contextlib.suppress(OSError):
            self._messages.close()  # the server's end of the pipe sees EOF and shuts down
        with contextlib.suppress(OSError):
            os.close(self._changes)
        deadline = time.monotonic() + STOP_SECONDS
        with contextlib.suppress(ChildProcessError):  # already waited for
            while os.waitpid(self._child, os.WNOHANG) == (0, 0):
                if time.monotonic() > deadline:
                    os.kill(self._child, signal.SIGKILL)
                    os.waitpid(self._child, 0)
                    return
                time.sleep(0.01)


def _serve_and_watch(  # pragma: no cover - in the forked server
    server: Server, outcomes: Outcomes, watched: Sequence[Path], outcomes_in: int, changes_out: int
) -> None:
    """In the server process: serve, apply the outcomes the builds send, send the changes."""
    stop = threading.Event()
    threading.Thread(target=server.serve_forever, daemon=True).start()
    follower = threading.Thread(target=_follow, args=(outcomes_in, server, outcomes, stop))
    follower.daemon = True
    follower.start()
    watching = watchfiles.watch(
        *watched,
        debounce=WATCH_DEBOUNCE_MS,
        stop_event=stop,
        raise_interrupt=False,
        yield_on_timeout=True,  # the first, empty batch says the watcher runs
        rust_timeout=WATCH_POLL_MS,
    )
    with os.fdopen(changes_out, "w", encoding="utf-8") as changes:
        told = False
        for batch in watching:
            if told and not batch:
                continue
            told = True
            try:
                changes.write(json.dumps(_changed_names(batch)) + "\n")
                changes.flush()
            except OSError:  # the building process has gone
                return


def _follow(  # pragma: no cover - in the forked server
    outcomes_in: int, server: Server, outcomes: Outcomes, stop: threading.Event
) -> None:
    """Apply each outcome the builds send; when they stop, stop serving and watching."""
    with os.fdopen(outcomes_in, encoding="utf-8") as messages:
        for line in messages:
            problems, changed = json.loads(line)
            outcomes.record(problems, bool(changed))
    outcomes.close()
    stop.set()
    server.shutdown()
