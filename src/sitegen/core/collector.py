"""Python's cyclic garbage collector during a build: run rarely, not every 700 objects.

A build makes millions of objects that live until it ends (records, the site model,
the manifest) and very few reference cycles. With the default thresholds the collector
runs a full collection, which walks every live object, each time their number grows by a
quarter: at 10,000 articles that was 13 full collections and 3.3 s of a one-article edit's
23 s, all of it in the main process, before and after the workers' share. Collections
still happen (cycles are freed), a hundred times less often; the thresholds are put back
afterwards, as ``sitegen serve`` builds again in the same process.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

BUILD_THRESHOLD = 100_000
"""Objects made (less those freed) between two youngest-generation collections (default 700)."""


@contextmanager
def rare_collections() -> Iterator[None]:
    """Within the block, the collector runs after every ``BUILD_THRESHOLD`` new objects."""
    thresholds = gc.get_threshold()
    gc.set_threshold(BUILD_THRESHOLD, *thresholds[1:])
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)
