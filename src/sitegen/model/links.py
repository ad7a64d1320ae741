"""Related articles and co-occurrence by id: the part of the site model a build keeps.

Apart from ``site.py`` so that the build cache can read and write it without
importing the loader.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class Links:
    """Related articles and entities found together, by id: what the model works out from
    each record's entities and date alone.

    ``key`` is a digest of exactly those inputs, so a build whose records name the same
    entities on the same dates (a corrected title, an added sentence) takes them over
    from the last one instead of ranking 10,000 records again.
    """

    key: str
    related: Mapping[str, tuple[tuple[str, tuple[str, ...]], ...]]
    """Record id → (related record's id, the entity ids they share), best first."""
    cooccurring: Mapping[str, tuple[tuple[str, int], ...]]
