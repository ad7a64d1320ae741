"""axe-core finds no WCAG 2.1 A/AA violation on any kind of page, in either language or scheme."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Literal

import pytest

from sitegen.engine.build import BuildOptions, build_collection
from tests.browser.support import axe_violations, describe_violations
from tests.site_fixtures import TEMPLATES, write_collection

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

# One page of every kind in the sample build, relative to a language's root.
PAGE_KINDS = {
    "home": "index.html",
    "article": "articles/wizyta-szefa-bbn-w-kazachstanie.html",
    "country": "countries/kazakhstan.html",
    "person": "people/pawel-soloch.html",
    "organization": "organizations/bbn.html",
    "place": "places/astana.html",
    "topic": "topics/security.html",
    "country-index": "countries/index.html",
    "person-index": "people/index.html",
    "organization-index": "organizations/index.html",
    "place-index": "places/index.html",
    "topic-index": "topics/index.html",
    "browse": "browse.html",
    "year": "years/2018.html",
    "years": "years/index.html",
    "search": "search.html?q={query}",
    "about": "about.html",
    "not-found": "404.html",
}
LANGUAGE_ROOTS = {"pl": "", "en": "en/"}
SEARCH_QUERIES = {"pl": "kazach", "en": "kazakh"}
# Violations whose fix is a Python change, not a template one: kind -> {rule id: why}.
# Each entry must still be found (so that it is removed once fixed).
ColorScheme = Literal["light", "dark"]
SCHEMES: list[ColorScheme] = ["light", "dark"]

BROKEN_PAGE = """<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>Broken on purpose</title></head>
<body>
<main>
<h1>Broken on purpose</h1>
<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">
<input type="text" name="unlabelled">
</main>
</body>
</html>
"""


@pytest.fixture(scope="session")
def fixture_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The tests' small collection, built once: it has an undated article, the sample has none."""
    root = tmp_path_factory.mktemp("fixture-site")
    collection = write_collection(root / "content")
    output = root / "build"
    options = BuildOptions(
        content_dir=root / "content", templates_dir=TEMPLATES, output_dir=output, verbosity=0
    )
    build_collection(collection, options)
    return output


@pytest.fixture(scope="module")
def shared_page(browser: Browser) -> Iterator[Page]:
    """One tab for all the pages checked here: a new context per page costs more than axe."""
    context = browser.new_context()
    yield context.new_page()
    context.close()


def assert_no_violations(page: Page, where: str) -> None:
    violations = axe_violations(page)
    assert not violations, f"axe found violations on {where}:\n{describe_violations(violations)}"


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("language", list(LANGUAGE_ROOTS))
@pytest.mark.parametrize("kind", list(PAGE_KINDS))
def test_page_kind_has_no_wcag_violations(
    shared_page: Page, site_url: str, kind: str, language: str, scheme: ColorScheme
) -> None:
    page = shared_page
    page.emulate_media(color_scheme=scheme)
    path = PAGE_KINDS[kind].format(query=SEARCH_QUERIES[language])
    page.goto(site_url + LANGUAGE_ROOTS[language] + path)
    if kind == "search":
        page.wait_for_selector("#search-results[aria-busy='false']", state="attached")
        assert page.locator("#search-results li").count() >= 4, "search showed too few results"
        assert page.locator("#search-facets fieldset").count() >= 3, "no facets shown"
    assert_no_violations(page, f"{kind} ({language}, {scheme})")


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("language", list(LANGUAGE_ROOTS))
def test_undated_page_has_no_wcag_violations(
    shared_page: Page, fixture_site: Path, language: str, scheme: ColorScheme
) -> None:
    undated = fixture_site / LANGUAGE_ROOTS[language] / "years" / "undated.html"
    assert undated.is_file()
    page = shared_page
    page.emulate_media(color_scheme=scheme)
    page.goto(undated.as_uri())
    assert_no_violations(page, f"undated ({language}, {scheme})")


def test_axe_reports_a_missing_alt_and_an_unlabelled_input(page: Page, tmp_path: Path) -> None:
    broken = tmp_path / "broken.html"
    broken.write_text(BROKEN_PAGE, encoding="utf-8")
    page.goto(broken.as_uri())
    violations = axe_violations(page)
    assert {"image-alt", "label"} <= {violation["id"] for violation in violations}
    report = describe_violations(violations)
    assert "image-alt" in report and "img" in report
