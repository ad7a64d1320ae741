"""An article's old address (a sidecar's ``aliases``) opens its new page in the browser."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from sitegen.engine.build import BuildOptions, build_site
from tests.browser.support import serve_directory
from tests.loader_fixtures import GOOD_POLISH, make_collection

if TYPE_CHECKING:
    from playwright.sync_api import Page

OLD = "wizyta-ministra-w-kazachstanie"
NEW = "wizyta-w-astanie"


@pytest.fixture(scope="module")
def moved_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One article whose slug changed from ``OLD`` to ``NEW``, with ``OLD`` kept as an alias."""
    root = tmp_path_factory.mktemp("moved")
    content = make_collection(
        root,
        sources={"a": GOOD_POLISH},
        sidecars={"a": f"title: Wizyta w Astanie\nslug: {NEW}\naliases: [{OLD}]\n"},
    )
    output = root / "build"
    options = BuildOptions(content, output_dir=output, jobs=1, verbosity=0, cache_dir=root / "c")
    build_site(options)
    return output


@pytest.mark.parametrize("folder", ["", "en/"])
def test_the_old_address_opens_the_new_page_from_disk(
    page: Page, moved_site: Path, folder: str
) -> None:
    page.goto((moved_site / folder / "articles" / f"{OLD}.html").as_uri())
    page.wait_for_url(f"**/{folder}articles/{NEW}.html")
    assert page.locator("h1").inner_text().strip() == "Wizyta w Astanie"


def test_the_old_address_opens_the_new_page_under_a_sub_path(page: Page, moved_site: Path) -> None:
    with serve_directory(moved_site) as url:
        page.goto(f"{url}en/articles/{OLD}.html")
        page.wait_for_url(f"{url}en/articles/{NEW}.html")
