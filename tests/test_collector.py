"""The collector's thresholds during a build (``sitegen.core.collector``)."""

from __future__ import annotations

import gc

import pytest

from sitegen.core.collector import BUILD_THRESHOLD, rare_collections


def test_a_build_collects_rarely_and_puts_the_thresholds_back_even_when_it_fails() -> None:
    before = gc.get_threshold()
    with rare_collections():
        assert gc.get_threshold() == (BUILD_THRESHOLD, *before[1:])
    assert gc.get_threshold() == before
    with pytest.raises(RuntimeError), rare_collections():
        raise RuntimeError("a failed build")
    assert gc.get_threshold() == before  # sitegen serve builds again in the same process
