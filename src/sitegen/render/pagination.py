"""Long lists split into numbered pages, and the page links between them.

>>> page_count(0), page_count(50), page_count(51)
(1, 1, 2)
>>> [link.number for link in page_links(7, 12, str).links]
[1, None, 5, 6, 7, 8, 9, None, 12]
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

from sitegen.render.views import PageLink, Pagination

PAGE_SIZE = 50
"""Cards (with summaries) per page of a year's list: a page stays quick to load and to scan."""
ROWS_PER_PAGE = 100
"""Articles per page of an entity's list, one line each (title, date, publisher, language):
an entity's page is an index to scan; the summary is on the article page and in search."""
WINDOW = 2
"""Pages linked either side of the current one; the first and last are always linked."""

Item = TypeVar("Item")


def page_count(items: int, size: int = PAGE_SIZE) -> int:
    """How many pages ``items`` fill (an empty list still has its one page)."""
    return max(1, -(-items // size))


def page_slice(items: Sequence[Item], number: int, size: int = PAGE_SIZE) -> Sequence[Item]:
    """The items on page ``number`` (from 1)."""
    return items[(number - 1) * size : number * size]


def page_links(number: int, count: int, path_of: Callable[[int], str]) -> Pagination:
    """Links from page ``number`` of ``count``: previous, next, and a window of numbers.

    A gap in the numbers is a link with ``number`` None (shown as an ellipsis).
    """
    shown = sorted(
        {1, count} | set(range(number - WINDOW, number + WINDOW + 1)) & set(range(1, count + 1))
    )
    links: list[PageLink] = []
    for page in shown:
        if links and links[-1].number is not None and page - links[-1].number > 1:
            links.append(PageLink(None, None, current=False))
        links.append(PageLink(page, path_of(page), current=page == number))
    return Pagination(
        number=number,
        count=count,
        previous=path_of(number - 1) if number > 1 else None,
        next=path_of(number + 1) if number < count else None,
        links=tuple(links),
    )
