"""A task run beside the build in a forked process: its result, and when it is not needed."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from sitegen.core.forking import started_beside


def test_the_task_runs_in_another_process_and_its_result_comes_back() -> None:
    with started_beside(lambda: (os.getpid(), "listing")) as result:
        pid, text = result()
        assert result() == (pid, text)  # asked twice, run once
    assert pid != os.getpid()
    assert text == "listing"


def test_a_task_that_fails_beside_is_run_here_instead() -> None:
    here = os.getpid()

    def only_here() -> int:
        if os.getpid() != here:
            raise RuntimeError("fails in the forked process")
        return 7

    with started_beside(only_here) as result:
        assert result() == 7


def test_a_result_not_asked_for_stops_the_process(tmp_path: Path) -> None:
    reading, writing = os.pipe()  # nobody writes: the task would wait forever

    def waits_forever() -> bytes:
        return os.read(reading, 1)

    with started_beside(waits_forever):
        pass  # leaving the block kills and reaps the process, or this test hangs
    os.close(reading)
    os.close(writing)


def test_with_another_thread_running_the_task_runs_here() -> None:
    release = threading.Event()
    other = threading.Thread(target=release.wait)
    other.start()
    try:
        with started_beside(os.getpid) as result:
            assert result() == os.getpid()
    finally:
        release.set()
        other.join()


def test_an_error_of_the_task_reaches_the_caller() -> None:
    def broken() -> int:
        raise ValueError("no listing")

    with started_beside(broken) as result, pytest.raises(ValueError, match="no listing"):
        result()
