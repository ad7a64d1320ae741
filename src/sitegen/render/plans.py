"""Pages not yet made: what ``render.pages`` lists and ``engine.incremental`` decides on.

Kept apart from ``pages.py`` so that the engine's reuse decision imports no
page kind (a build with nothing to do must stay quick to start).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Generic, TypeVar

if TYPE_CHECKING:
    from sitegen.render.planner import Page

Inputs = TypeVar("Inputs")


@dataclass(frozen=True)
class PagePlan:
    """A page that is made to be known: its context is its cache key."""

    make: Callable[[], Page]
    listed: bool = True
    """Whether the sitemap lists it (a redirect page is an old address, not a page)."""


@dataclass(frozen=True)
class KeyedPagePlan(Generic[Inputs]):
    """A page whose inputs are known before it is made: an unchanged one is not made at all.

    ``make_from`` receives exactly what ``inputs`` returned, so the cache key
    (``shared`` and those inputs) is by construction what the page consumes.
    """

    path: str
    inputs: Callable[[], Inputs]
    make_from: Callable[[Inputs], Page]
    shared: bytes
    """What every page of its language shows (``Planner.shared_inputs``)."""
    listed: bool = True
