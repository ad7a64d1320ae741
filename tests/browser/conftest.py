"""Fixtures for the browser tests: the sample collection built once, served over loopback.

The tests drive Debian's Chromium (``/usr/bin/chromium``) through Playwright and
pytest-playwright; Playwright's own browser downloads are never used. Without the
browser or Playwright the tests skip with one line saying what is missing, except
under ``CI=true``, where a missing browser is a failure.
"""

from __future__ import annotations

import importlib.util
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from sitegen.engine.build import BuildOptions, build_site
from sitegen.render.theme import THEME_DIR
from tests.browser.support import CHROMIUM, CHROMIUM_ARGS, serve_directory
from tests.loader_fixtures import copy_seed_collection

ROOT = Path(__file__).resolve().parents[2]


def missing_browser_reason() -> str | None:
    """Why the browser tests cannot run here, or ``None`` when they can."""
    for module in ("playwright", "pytest_playwright"):
        try:
            found = importlib.util.find_spec(module) is not None
        except (ImportError, ValueError):
            found = False
        if not found:
            return f"{module} is not installed (pip install -e '.[test]')"
    if not CHROMIUM.exists():
        return f"Chromium not found at {CHROMIUM} (apt-get install chromium)"
    return None


@pytest.fixture(scope="session", autouse=True)
def _browser_available() -> None:
    """Skip every browser test when the browser is missing; under CI=true, fail instead."""
    reason = missing_browser_reason()
    if reason is None:
        return
    if os.environ.get("CI") == "true":
        pytest.fail(f"browser tests cannot run in CI: {reason}", pytrace=False)
    pytest.skip(f"browser tests skipped: {reason}")


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    """pytest-playwright's launch arguments, pointed at Debian's Chromium."""
    return {
        **browser_type_launch_args,
        "executable_path": str(CHROMIUM),
        "args": CHROMIUM_ARGS,
    }


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample collection (``content/``), built once for the whole session."""
    root = tmp_path_factory.mktemp("sample-site")
    output = root / "build"
    build_site(
        BuildOptions(
            content_dir=copy_seed_collection(root),
            templates_dir=THEME_DIR,
            output_dir=output,
            verbosity=0,
        )
    )
    return output


@pytest.fixture(scope="session")
def site_url(sample_site: Path) -> Iterator[str]:
    """``http://127.0.0.1:PORT/archiwum/``: the sample build served under a sub-path."""
    with serve_directory(sample_site) as url:
        yield url


@pytest.fixture(params=["file", "http"])
def site_root(request: pytest.FixtureRequest, sample_site: Path) -> str:
    """The URL of the site's root folder, ending in ``/``: on disk or under ``/archiwum/``."""
    if request.param == "file":
        return sample_site.as_uri() + "/"
    url: str = request.getfixturevalue("site_url")
    return url
