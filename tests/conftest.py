"""Shared fixtures: a small collection written into a temporary folder and its built site.

``pytest --update-golden`` rewrites the golden files in ``tests/golden/``
instead of comparing against them.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from sitegen.engine.build import BuildOptions, BuildReport, build_collection
from sitegen.load.loader import Collection
from sitegen.outputs.search import segments
from tests.site_fixtures import TEMPLATES, write_collection


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="rewrite tests/golden/ from the current output instead of comparing",
    )


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # The browser tests keep a site server and Playwright's threads running to the end of
    # the session, and while other threads run nothing forks (core/forking.py):
    # the tests of parallel builds would build serially. So the browser tests go last.
    items.sort(key=lambda item: item.nodeid.startswith("tests/browser/"))


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


@pytest.fixture
def collection(tmp_path: Path) -> Collection:
    return write_collection(tmp_path / "content")


def build_fixture_site(
    root: Path, base_url: str | None = "https://example.org/archiwum/"
) -> tuple[Path, BuildReport]:
    """Write the fixture collection under ``root`` and build it into ``root/build``."""
    content = root / "content"
    collection = write_collection(content, base_url)
    options = BuildOptions(content_dir=content, templates_dir=TEMPLATES, output_dir=root / "build")
    return root / "build", build_collection(collection, options)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture collection, built once for all tests that only read the output."""
    site, _ = build_fixture_site(tmp_path_factory.mktemp("site"))
    return site


@pytest.fixture
def small_segments() -> Iterator[None]:
    """Search segments of about two articles, so that a small collection has several.

    Set on the module, not with ``monkeypatch``: hypothesis runs many examples in one test.
    """
    saved = segments.SEGMENT_DOCS, segments.LONGEST_SEGMENT
    segments.SEGMENT_DOCS, segments.LONGEST_SEGMENT = 2, 3
    yield
    segments.SEGMENT_DOCS, segments.LONGEST_SEGMENT = saved
