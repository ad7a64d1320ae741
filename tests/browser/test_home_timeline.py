"""The home page timeline on a phone: readable labels, no sideways scrolling, one Tab stop."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Page, ViewportSize

MIN_LABEL_PX = 11


@pytest.fixture(params=["index.html", "en/index.html"])
def phone_home(request: pytest.FixtureRequest, page: Page, sample_site: Path) -> Page:
    phone: ViewportSize = {"width": 375, "height": 740}
    page.set_viewport_size(phone)
    page.goto((sample_site / request.param).as_uri())
    return page


def test_the_home_page_does_not_scroll_sideways_on_a_phone(phone_home: Page) -> None:
    assert phone_home.evaluate("document.scrollingElement.scrollWidth <= window.innerWidth"), (
        "the page is wider than a 375-px phone"
    )


def test_timeline_labels_are_at_least_eleven_pixels_on_a_phone(phone_home: Page) -> None:
    sizes: list[float] = phone_home.evaluate(
        """[...document.querySelectorAll('svg.timeline text')].map(
            t => parseFloat(getComputedStyle(t).fontSize) * t.getScreenCTM().a)"""
    )
    assert sizes, "the timeline has no labels"
    assert min(sizes) >= MIN_LABEL_PX


PAST_THE_TIMELINE = """(() => {
    const el = document.activeElement, table = document.querySelector('.timeline-table');
    const after = table.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING;
    return Boolean(after) && !table.contains(el);
})()"""


def test_tab_passes_the_timeline_in_at_most_two_presses(phone_home: Page) -> None:
    """From the search button, one stop (the table's summary), then what follows the timeline."""
    phone_home.focus("form[role=search] button")
    presses = 0
    while not phone_home.evaluate(PAST_THE_TIMELINE) and presses < 5:
        phone_home.keyboard.press("Tab")
        presses += 1
        assert not phone_home.evaluate(
            "document.querySelector('.timeline-figure').contains(document.activeElement)"
        ), "a bar of the chart took focus"
    assert presses <= 2, f"{presses} Tab presses to pass the timeline"
