"""A progress bar on a terminal for builds that take more than a second; nothing elsewhere.

In CI or when stderr is a file the build prints only its summary line, so
logs stay short; the bar appears only once a second has passed, so quick
builds never flash one.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable
from types import TracebackType

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
)

DELAY = 1.0
"""Seconds into the build before a bar is shown."""
REFRESH = 0.1
"""Seconds at least between two drawings of the bar."""


def wanted(verbosity: int) -> bool:
    """A bar only for a person at a terminal: not with ``--quiet``, not in CI, not to a file."""
    return verbosity >= 1 and sys.stderr.isatty() and not os.environ.get("CI")


class BuildProgress:
    """Stages of a build, each with a count of items done; silent unless ``enabled``."""

    def __init__(
        self, enabled: bool, started: float | None = None, console: Console | None = None
    ) -> None:
        self._enabled = enabled
        self._console = console or Console(stderr=True)
        self._started = time.monotonic() if started is None else started
        self._bar: Progress | None = None
        self._tasks: dict[str, TaskID] = {}
        self._done: dict[str, int] = {}  # counted from the start, before the bar shows too
        self._drawn = 0.0

    def __enter__(self) -> BuildProgress:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if self._bar is not None:
            self._bar.stop()

    def stage(self, label: str, total: int) -> Callable[[int], None]:
        """A callback that advances the stage ``label`` by its argument."""

        def advance(done: int) -> None:
            if not self._enabled:
                return
            self._done[label] = self._done.get(label, 0) + done
            bar = self._show()
            if bar is None:
                return
            if label not in self._tasks:
                self._tasks[label] = bar.add_task(label, total=total)
            bar.update(self._tasks[label], completed=self._done[label])
            now = time.monotonic()
            if now - self._drawn >= REFRESH or self._done[label] >= total:
                bar.refresh()
                self._drawn = now

        return advance

    def _show(self) -> Progress | None:
        if self._bar is None and time.monotonic() - self._started >= DELAY:
            self._bar = Progress(
                TextColumn("{task.description:>9}"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeElapsedColumn(),
                console=self._console,
                transient=True,
                # Drawn as items are done, not by a thread of its own: with another thread
                # running, the build would not fork its workers (``core.forking.can_fork``).
                auto_refresh=False,
            )
            self._bar.start()
        return self._bar
