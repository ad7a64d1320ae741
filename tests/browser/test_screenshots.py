"""Screenshots of the main pages on a phone and a desktop, light and dark, kept as test artifacts.

They are written to ``test-artifacts/screenshots/`` at the repository root for people
to look at; the tests check that each is a real image and that no page scrolls sideways.
"""

from __future__ import annotations

import struct
from collections.abc import Iterator
from typing import TYPE_CHECKING, Literal

import pytest

from tests.browser.conftest import ROOT

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
PAGES = {
    "home": "index.html",
    "article": "articles/wizyta-szefa-bbn-w-kazachstanie.html",
    "search": "search.html?q=kazach",
}
WIDTHS = [375, 1280]
ColorScheme = Literal["light", "dark"]
SCHEMES: list[ColorScheme] = ["light", "dark"]
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def shared_page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context()
    yield context.new_page()
    context.close()


def png_size(data: bytes) -> tuple[int, int]:
    """Width and height from a PNG's IHDR chunk."""
    assert data.startswith(PNG_SIGNATURE), "not a PNG file"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", list(PAGES))
def test_screenshot_is_written_and_the_page_fits_the_width(
    shared_page: Page, site_url: str, name: str, width: int, scheme: ColorScheme
) -> None:
    page = shared_page
    page.set_viewport_size({"width": width, "height": 900})
    page.emulate_media(color_scheme=scheme)
    page.goto(site_url + PAGES[name])
    if name == "search":  # results and facets in the picture, and in the width check
        page.wait_for_selector("#search-results[aria-busy='false']", state="attached")

    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"{name} scrolls sideways by {overflow} px at {width} px"

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    target = SCREENSHOTS / f"{name}-{width}-{scheme}.png"
    target.unlink(missing_ok=True)
    page.screenshot(path=target, full_page=True)

    data = target.read_bytes()
    shot_width, shot_height = png_size(data)
    assert shot_width == width
    assert shot_height >= 900
    assert len(data) > 10_000, f"{target.name} is suspiciously small ({len(data)} bytes)"
