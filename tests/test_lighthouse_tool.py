"""``tools/lighthouse.py`` picks the pages worth scoring from any built site."""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

import pytest

TOOL = Path(__file__).resolve().parent.parent / "tools" / "lighthouse.py"


@pytest.fixture(scope="module")
def lighthouse() -> ModuleType:
    spec = importlib.util.spec_from_file_location("lighthouse_tool", TOOL)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def test_default_pages_are_home_search_an_article_and_the_largest_lists(
    lighthouse: ModuleType, built_site: Path
) -> None:
    pages = lighthouse.default_pages(built_site)
    assert set(pages) == {"home", "search", "article", "entity", "year"}
    first = json.loads((built_site / "data/articles.json").read_text(encoding="utf-8"))[0]
    assert pages["article"] == first["url"]
    assert pages["search"].startswith("search.html?q=")
    for name in ("home", "article", "entity", "year"):
        assert (built_site / pages[name]).is_file(), name
    entity_sizes = [
        p.stat().st_size
        for folder in ("countries", "people", "organizations", "places", "topics")
        for p in (built_site / folder).glob("*.html")
        if p.name != "index.html"
    ]
    assert (built_site / pages["entity"]).stat().st_size == max(entity_sizes)
    assert pages["year"].startswith("years/") and pages["year"][6:10].isdigit()


def test_a_page_option_names_a_path_under_the_site(lighthouse: ModuleType) -> None:
    assert lighthouse.page_option("year=years/2025.html") == ("year", "years/2025.html")
    for bad in ("years/2025.html", "=x.html", "year=/abs.html"):
        with pytest.raises(argparse.ArgumentTypeError):
            lighthouse.page_option(bad)
