"""A missing address deep under the sub-path gets a styled 404 page whose links work.

Two servers answer a missing file with the root ``404.html``, as static hosts do: a
GitHub-Pages-like one serving the sample build (made for ``https://example.org/archiwum/``)
at ``127.0.0.1/archiwum/``, another host name, and ``sitegen serve``'s own server
previewing under ``/sub/`` with its loopback base URL.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import pytest

from sitegen.commands.serve import RELOAD_SCRIPT, DevServer, ServeOptions, SiteState
from sitegen.core.i18n import Translator
from sitegen.engine.build import BuildOptions, build_site
from sitegen.render.theme import THEME_DIR
from tests.browser.support import StaticHostHandler, serve_directory
from tests.loader_fixtures import copy_seed_collection

if TYPE_CHECKING:
    from playwright.sync_api import Page

MISSING = "a/b/c/missing.html"
SERVERS = ["static_host_url", "preview_url"]


@pytest.fixture(scope="module")
def static_host_url(sample_site: Path) -> Iterator[str]:
    with serve_directory(sample_site, StaticHostHandler) as url:
        yield url


@pytest.fixture(scope="module")
def preview_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """What ``sitegen serve --base-path /sub/ --port 0`` serves, without its file watcher."""
    root = tmp_path_factory.mktemp("preview")
    build = BuildOptions(
        content_dir=copy_seed_collection(root),
        templates_dir=THEME_DIR,
        cache_dir=root / ".sitegen-cache",
        verbosity=0,
    )
    options = ServeOptions(build=build, port=0, base_path="/sub/")
    state = SiteState()
    server = DevServer(options, state)
    url = f"http://127.0.0.1:{server.server_address[1]}/sub/"
    build_site(replace(build, output_dir=options.preview_dir, base_url=url))
    thread = threading.Thread(target=server.serve_forever, name="preview", daemon=True)
    thread.start()
    try:
        yield url
    finally:
        state.close()  # ends the reload event streams
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def computed_style(page: Page) -> dict[str, str]:
    return dict(
        page.evaluate(
            """() => ({
                skipLink: getComputedStyle(document.querySelector('.skip-link')).position,
                header: getComputedStyle(document.querySelector('.site-header__inner')).display,
                bodyMargin: getComputedStyle(document.body).marginTop,
            })"""
        )
    )


def site_urls(page: Page) -> list[str]:
    """The open page's links and assets into the site, as the browser resolved them.

    Left out: links elsewhere (canonical links name the published site), links to a
    part of the page itself (``#main``), and the reload script ``sitegen serve`` adds.
    """
    found = page.eval_on_selector_all("[href], [src]", "all => all.map(e => e.href || e.src)")
    return sorted(
        {
            url
            for url in found
            if urlsplit(url).hostname == "127.0.0.1"
            and url.partition("#")[0] != page.url
            and RELOAD_SCRIPT not in url
        }
    )


@pytest.mark.parametrize("server", SERVERS)
def test_a_deep_missing_address_gets_the_styled_404_page(
    page: Page, request: pytest.FixtureRequest, server: str
) -> None:
    site_url: str = request.getfixturevalue(server)
    outside: list[str] = []
    page.on(
        "request",
        lambda r: outside.append(r.url) if urlsplit(r.url).hostname != "127.0.0.1" else None,
    )
    response = page.goto(site_url + MISSING)

    assert response is not None and response.status == 404
    assert page.locator("h1").inner_text() == Translator.load("pl").text("notfound.title")
    assert computed_style(page) == {"skipLink": "absolute", "header": "flex", "bodyMargin": "0px"}
    links = site_urls(page)
    assert len(links) > 10 and all(url.startswith(site_url) for url in links), links
    broken = [url for url in links if page.request.get(url).status != 200]
    assert broken == []
    assert outside == []


@pytest.mark.parametrize("server", SERVERS)
@pytest.mark.parametrize(("lang", "home"), [("pl", "index.html"), ("en", "en/index.html")])
def test_the_home_links_of_a_deep_404_page_land_on_the_home_pages(
    page: Page, request: pytest.FixtureRequest, server: str, lang: str, home: str
) -> None:
    site_url: str = request.getfixturevalue(server)
    page.goto(site_url + MISSING)
    site_title = page.locator(".site-title").inner_text()

    page.get_by_role("link", name=Translator.load(lang).text("notfound.home")).click()

    page.wait_for_url(site_url + home)
    assert page.locator("html").get_attribute("lang") == lang
    if lang == "pl":
        assert page.title() == site_title
