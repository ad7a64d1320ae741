"""Run a task over many items on all cores, by forking worker processes.

Workers are forked, not spawned, so they inherit the loaded collection, the
site model and the templates without pickling them; only item indices go to
the workers and small results come back. Results are returned in item order,
so the output never depends on which worker finished first. On Linux a worker
dies with the build that forked it: a build killed hard leaves no process behind
still writing into its staging folder.
"""

from __future__ import annotations

import contextlib
import ctypes
import gc
import multiprocessing
import os
import signal
import sys
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from typing import Any, TypeVar

from sitegen.core.forking import can_fork, die_with_parent

Result = TypeVar("Result")

# Below this many items per worker, forking costs more than it saves.
MIN_ITEMS_PER_JOB = 40
CHUNK = 25

# The task of the running ``map_items`` call, inherited by the forked workers.
_current: dict[str, Callable[[int], Any]] = {}


def default_jobs() -> int:
    """The cores this process may use."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def map_items(
    task: Callable[[int], Result],
    count: int,
    jobs: int | None = None,
    progress: Callable[[int], None] | None = None,
    *,
    heavy: int = 0,
    isolated: bool = False,
) -> list[Result]:
    """``[task(0), …, task(count - 1)]``, computed by up to ``jobs`` processes.

    ``progress(n)`` is called in this process as each batch of ``n`` items is done.
    ``heavy``: the first items are long tasks, each handed to a worker on its own
    and first, so that the short ones fill the workers up around them.
    ``isolated``: even a few items go to a worker (unless ``jobs`` is 1), so that
    what the task loads for itself (language models) is freed with it, not kept
    here for the rest of the build.
    An exception in a worker is raised here.
    """
    allowed = jobs or default_jobs()
    jobs = min(allowed, count // MIN_ITEMS_PER_JOB)
    if isolated and allowed > 1 and count:
        jobs = max(jobs, 1)
    if jobs < (1 if isolated else 2) or not can_fork():
        results = []
        for index in range(count):
            results.append(task(index))
            if progress:
                progress(1)
        return results
    _current["task"] = task
    # Objects made so far stay out of the workers' garbage collections, which would
    # otherwise write to (and so copy) every page of memory they share with this process.
    gc.freeze()
    _give_back_free_memory()  # what loading freed is not to be inherited by every worker
    batches = [range(index, index + 1) for index in range(min(heavy, count))]
    batches += [range(start, min(start + CHUNK, count)) for start in range(heavy, count, CHUNK)]
    done: list[Sequence[Result]] = [()] * len(batches)
    # An executor, not a Pool: a worker that dies or raises anything fails the map, never hangs it.
    pool = ProcessPoolExecutor(
        jobs,
        mp_context=multiprocessing.get_context("fork"),
        initializer=_prepare_worker,
        initargs=(os.getpid(),),
    )
    try:
        waiting = {pool.submit(_run_batch, batch, n < heavy): n for n, batch in enumerate(batches)}
        for future in as_completed(waiting):
            done[waiting[future]] = future.result()
            if progress:
                progress(len(done[waiting[future]]))
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
        gc.unfreeze()
        _current.clear()
    return [result for batch in done for result in batch]


def _prepare_worker(parent: int) -> None:
    # Ctrl-C reaches the whole process group; the parent alone handles it.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    die_with_parent(parent)


def _run_batch(indices: range, heavy: bool) -> list[Any]:
    task = _current["task"]
    results = [task(index) for index in indices]
    if heavy:
        _give_back_free_memory()
    return results


def _give_back_free_memory() -> None:
    """Return the C heap's free pages to the system (glibc), after a task that held much.

    Freed objects leave holes in the heap that the process would otherwise keep for
    the rest of the build.
    """
    if sys.platform == "linux":
        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL(None).malloc_trim(0)
