"""Run a task over many items on all cores, by forking worker processes.

Workers are forked, not spawned, so they inherit the loaded collection, the
site model and the templates without pickling them; only item indices go to
the workers and small results come back. This process works too, beside one
worker fewer: a page of memory shared with a worker is copied when either writes
to it, and reading an object writes its reference count, so each worker holds a
copy of what the tasks read, and this process and one worker together hold one.
Results are returned in item order, so the output never depends on which worker
finished first. On Linux a worker dies with the build that forked it: a build
killed hard leaves no process behind still writing into its staging folder.
"""

from __future__ import annotations

import contextlib
import ctypes
import gc
import multiprocessing
import os
import signal
import sys
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from typing import Any, TypeVar

from sitegen.core.forking import can_fork, die_with_parent

Result = TypeVar("Result")

# Below this many items per worker, forking costs more than it saves.
MIN_ITEMS_PER_JOB = 40
# Items a batch holds at most, and batches each worker has waiting. An edit takes most
# pages over at some 0.1 ms each, and a worker fed 25 at a time, two waiting, sat idle
# while this process, which hands batches out, ran one of its own (at 10,000 articles the
# worker was busy 2.2 of the map's 3.3 s): 100 and four keep it busy. A rendered page
# takes some 3 ms, so a batch of them is still short beside a cold build's minute.
CHUNK = 100
QUEUED_PER_WORKER = 4
# The interpreter's switch interval while workers run: the executor hands a worker its next
# batch and takes its results in a thread of this process, which waited up to 5 ms (the
# default) for the lock each time this process ran a batch of its own; at 10,000 articles
# an edit's worker sat idle 0.5 s of the pages' 2.5 s.
SWITCH_INTERVAL = 0.0005

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
    renew: int = 0,
    work: Callable[[Result], int] | None = None,
    meanwhile: Callable[[], object] | None = None,
) -> list[Result]:
    """``[task(0), …, task(count - 1)]``, computed by up to ``jobs`` processes: this one
    and ``jobs - 1`` forked workers.

    ``progress(n)`` is called in this process as each batch of ``n`` items is done.
    ``heavy``: the first items are long tasks, each run on its own and first (by a
    worker or by this process), so that the short ones fill the processes up around them.
    ``isolated``: the items run in ``jobs`` workers, never here, and even a few items
    go to a worker (unless ``jobs`` is 1), so that what the task loads for itself
    (language models) is freed with it, not kept here for the rest of the build.
    ``renew``: fresh workers take over once the ones running have done this much work
    (``_Rounds``); 0: never. ``work(result)``: how much an item's result says it took
    (by default 1 an item).
    ``meanwhile``: run here once the first workers are at work (first, when there are none),
    so that what it makes is not in the workers, forked before.
    An exception in a worker is raised here.
    """
    allowed = jobs or default_jobs()
    jobs = min(allowed, count // MIN_ITEMS_PER_JOB)
    if isolated and allowed > 1 and count:
        jobs = max(jobs, 1)
    heavy = min(heavy, count)
    batches = [range(index, index + 1) for index in range(heavy)]
    # A few items still make several batches for each process, not one for the first.
    size = max(1, min(CHUNK, (count - heavy) // (max(jobs, 1) * QUEUED_PER_WORKER)))
    batches += [range(start, min(start + size, count)) for start in range(heavy, count, size)]
    renew_after = renew if renew > 0 else None
    run = _Rounds(task, batches, heavy, jobs, isolated, renew_after, work, progress)
    if jobs < (1 if isolated else 2) or not can_fork():
        if meanwhile is not None:
            meanwhile()
        run.rest_here(0)
        return run.results()
    _current["task"] = task
    switch_interval = sys.getswitchinterval()
    sys.setswitchinterval(min(switch_interval, SWITCH_INTERVAL))
    try:
        first = run.round_from(0, meanwhile)
        while first < len(batches):
            # Another thread started meanwhile (forking then can deadlock the child): the
            # rest is done here.
            first = run.round_from(first) if can_fork() else run.rest_here(first)
    finally:
        gc.unfreeze()
        sys.setswitchinterval(switch_interval)
        _current.clear()
    return run.results()


@dataclass
class _Rounds:
    """The batches of one ``map_items`` call, run a round of fresh workers at a time.

    A worker copies each page of memory it touches but shares with this process (a
    reference count is a write): replacing the workers now and then gives those copies
    back instead of letting every worker grow to a copy of all it ever read.
    """

    task: Callable[[int], Any]
    """Run here by ``_run_here``; the workers run ``_current``'s, the same, inherited."""
    batches: Sequence[range]
    heavy: int
    """The first batches, one heavy item each: a round does not end while one is to run."""
    jobs: int
    isolated: bool
    """The batches run in ``jobs`` workers; otherwise in ``jobs - 1`` and this process."""
    renew: int | None
    """The work after which a round ends; ``None``: one round does it all."""
    work: Callable[[Any], int] | None
    progress: Callable[[int], None] | None
    done: list[Sequence[Any]] = field(init=False)

    def __post_init__(self) -> None:
        self.done = [()] * len(self.batches)

    def round_from(self, first: int, meanwhile: Callable[[], object] | None = None) -> int:
        """Run batches from ``first`` on fresh workers (and here) until they have done
        ``renew`` work (and no heavy batch is left to run); return the number of the first
        batch not run.

        Batches are handed out while work is still short of ``renew``, so a round does a
        few batches more. Each worker has ``QUEUED_PER_WORKER`` batches waiting (a heavy
        one alone), the next at hand while this process runs a short one; while this process
        runs a heavy one it hands out nothing, so the heavy batch a worker gets should be
        the longest.
        """
        # Objects made so far stay out of the workers' garbage collections, which would
        # otherwise write to (and so copy) every page of memory they share with this process;
        # and what was freed is not to be inherited by every worker.
        gc.freeze()
        _give_back_free_memory()
        # An executor, not a Pool: a worker that dies or raises anything fails the map, never
        # hangs it.
        workers = self.jobs if self.isolated else self.jobs - 1
        pool = ProcessPoolExecutor(
            workers,
            mp_context=multiprocessing.get_context("fork"),
            initializer=_prepare_worker,
            initargs=(os.getpid(),),
        )
        try:
            waiting: dict[Future[list[Any]], int] = {}
            next_batch, worked = first, 0
            while True:
                while (
                    next_batch < len(self.batches)
                    and len(waiting)
                    < (workers if next_batch < self.heavy else QUEUED_PER_WORKER * workers)
                    and self._goes_on(worked, next_batch, waiting.values())
                ):
                    batch = self.batches[next_batch]
                    waiting[pool.submit(_run_batch, batch, next_batch < self.heavy)] = next_batch
                    next_batch += 1
                if meanwhile is not None:
                    meanwhile()
                    meanwhile = None
                if (
                    not self.isolated
                    and next_batch < len(self.batches)
                    and self._goes_on(worked, next_batch, waiting.values())
                ):
                    worked += self._run_here(next_batch)
                    next_batch += 1
                    finished = {future for future in waiting if future.done()}
                elif waiting:
                    finished, _ = wait(waiting, return_when=FIRST_COMPLETED)
                else:
                    return next_batch
                for future in finished:
                    number = waiting.pop(future)
                    results = self.done[number] = future.result()
                    worked += sum(map(self.work, results)) if self.work else len(results)
                    if self.progress:
                        self.progress(len(results))
        finally:
            pool.shutdown(wait=True, cancel_futures=True)

    def rest_here(self, first: int) -> int:
        """Run the batches from ``first`` in this process; return their count."""
        for number in range(first, len(self.batches)):
            self._run_here(number)
        return len(self.batches)

    def _run_here(self, number: int) -> int:
        """Run batch ``number`` in this process; return the work it took."""
        results = self.done[number] = [self.task(index) for index in self.batches[number]]
        if number < self.heavy:
            _give_back_free_memory()
        if self.progress:
            self.progress(len(results))
        return sum(map(self.work, results)) if self.work else len(results)

    def results(self) -> list[Any]:
        return [result for batch in self.done for result in batch]

    def _goes_on(self, worked: int, next_batch: int, waiting: Iterable[int]) -> bool:
        return (
            self.renew is None
            or worked < self.renew
            or next_batch < self.heavy
            or any(number < self.heavy for number in waiting)
        )


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
