"""Forking a process of this build: whether it can be done, and one task run beside.

Kept apart from ``parallel`` (and its process pool) because a build with nothing
to do uses it too, and must start quickly.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import pickle
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from typing import TypeVar

Result = TypeVar("Result")


def can_fork() -> bool:
    """Whether this process may fork: where ``os.fork`` exists and no other thread runs.

    Forking a process that runs other threads (``sitegen serve``) can deadlock the child.
    """
    return hasattr(os, "fork") and threading.active_count() == 1


@contextlib.contextmanager
def started_beside(task: Callable[[], Result]) -> Iterator[Callable[[], Result]]:
    """Start ``task`` in a forked process now; the call yielded waits for its result.

    For two lookups that are mostly system calls (stating the 80,000 files of the
    output folder while the inputs are fingerprinted): threads would take turns on
    the interpreter lock between the calls, so only a second process overlaps them.
    Where forking is not possible or safe, ``task`` runs here when its result is
    asked for; so it does if the forked process fails. Leaving the block stops a
    process whose result was not needed. ``task``'s result must pickle.
    """
    if not can_fork():
        yield task
        return
    reading, writing = os.pipe()
    parent = os.getpid()
    child = os.fork()
    if child == 0:  # pragma: no cover - the forked process; its coverage is not collected
        os.close(reading)
        exit_code = 1
        try:
            die_with_parent(parent)
            with os.fdopen(writing, "wb") as to_parent:
                to_parent.write(pickle.dumps(task()))
            exit_code = 0
        finally:
            os._exit(exit_code)  # never the parent's cleanup, buffers or exit handlers
    os.close(writing)
    answered: list[Result] = []
    reaped: list[int] = []  # the child's status: once reaped, never killed (its id may be reused)
    with os.fdopen(reading, "rb") as from_child:

        def result() -> Result:
            if not answered:
                data = from_child.read()
                reaped.append(os.waitpid(child, 0)[1])
                answered.append(pickle.loads(data) if reaped[0] == 0 else task())
            return answered[0]

        try:
            yield result
        finally:
            if not reaped:
                os.kill(child, signal.SIGKILL)
                os.waitpid(child, 0)


_PR_SET_PDEATHSIG = 1


def die_with_parent(parent: int) -> None:
    """On Linux, have the kernel kill this worker when ``parent`` dies.

    An orphaned worker would otherwise wait for work forever, after perhaps writing
    into a staging folder the next build is removing.
    """
    if sys.platform != "linux":
        return
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != parent:  # the parent died before the request took effect
        os._exit(1)
