"""The path rule: where each page lives and how pages link to each other."""

from __future__ import annotations

import posixpath

from hypothesis import given
from hypothesis import strategies as st

from sitegen.core import urls
from sitegen.core.records import ENTITY_KINDS, DateValue


def test_default_language_lives_at_the_root_and_others_under_their_code() -> None:
    assert urls.article_path("a", "pl", "pl") == "articles/a.html"
    assert urls.article_path("a", "en", "pl") == "en/articles/a.html"
    assert urls.localised_path(urls.HOME, "en", "pl") == "en/index.html"


def test_entity_pages_sit_in_a_folder_per_kind_with_safe_file_names() -> None:
    assert urls.entity_neutral_path("person", "Paweł Soloch") == "people/pawel-soloch.html"
    assert urls.entity_neutral_path("organization", "un") == "organizations/un.html"
    assert urls.kind_index_neutral_path("topic") == "topics/index.html"


def test_relative_links_between_depths_name_files() -> None:
    assert urls.relative_url("index.html", "articles/a.html") == "articles/a.html"
    assert urls.relative_url("articles/a.html", "index.html") == "../index.html"
    assert urls.relative_url("en/articles/a.html", "static/x.css") == "../../static/x.css"
    assert urls.relative_url("en/articles/a.html", "articles/a.html") == "../../articles/a.html"
    assert urls.relative_url("articles/a.html", "articles/b.html") == "b.html"


site_paths = st.lists(st.sampled_from(["a", "b", "en", "x.html"]), min_size=1, max_size=4).map(
    "/".join
)


@given(site_paths, site_paths)
def test_a_relative_link_leads_where_the_path_points(page: str, target: str) -> None:
    link = urls.relative_url(page, target)
    assert posixpath.normpath(posixpath.join(posixpath.dirname(page), link)) == target
    climbs = link.split("/").count("..")
    assert link.startswith("../" * climbs) and "/." not in link[3 * climbs :]  # ".." first only
    here, there = page.split("/")[:-1], target.split("/")[:-1]
    shared = next(
        (n for n, (a, b) in enumerate(zip(here, there, strict=False)) if a != b),
        min(len(here), len(there)),
    )
    assert climbs == len(here) - shared  # up only as far as the folders differ


def test_fragments_survive_and_a_page_can_link_to_its_own_section() -> None:
    assert urls.relative_url("index.html", "years/2018.html#m06") == "years/2018.html#m06"
    assert urls.relative_url("years/2018.html", "years/2018.html#m06") == "2018.html#m06"


def test_month_anchors() -> None:
    assert urls.month_anchor(6) == "m06"
    assert urls.month_anchor(None) == "year-only"


def test_a_dated_item_links_to_its_month_on_the_year_page() -> None:
    assert urls.month_neutral_path(DateValue(2018, 6, 23)) == "years/2018.html#m06"
    assert urls.month_neutral_path(DateValue(2022)) == "years/2022.html#year-only"


def test_each_kind_has_one_folder_named_by_its_plural() -> None:
    folders = [urls.kind_folder(kind) for kind in ENTITY_KINDS]
    assert folders == ["countries", "people", "organizations", "places", "topics"]
    assert urls.entity_neutral_path("place", "lodz", 2) == "places/lodz/page-2.html"


def test_slugs_are_ascii_words_joined_by_hyphens() -> None:
    assert urls.ascii_slug("Wizyta szefa BBN w Łodzi!") == "wizyta-szefa-bbn-w-lodzi"
    assert urls.ascii_slug("Ермек Кошербаев") == "ermek-kosherbaev"
    assert urls.ascii_slug("  ¿?  ") == ""


def test_a_long_slug_is_cut_after_a_word_unless_its_name_was_always_cut_otherwise() -> None:
    text = "Forum w Astanie: goście i media"
    assert urls.ascii_slug(text, 20) == "forum-w-astanie"
    assert urls.ascii_slug(text, 20, "character") == "forum-w-astanie-gosc"
    assert urls.ascii_slug(text, 20, "fitting-words") == "forum-w-astanie-i"
    assert (
        urls.ascii_slug(text, 0) == urls.ascii_slug(text, 100) == "forum-w-astanie-goscie-i-media"
    )


def test_raw_copies_keep_safe_names_and_cut_others_at_sixty_characters() -> None:
    assert urls.source_path("001_a.txt") == "sources/001_a.txt"
    long_name = "Ł" + "x" * 100 + ".txt"
    stem, digest, suffix = urls.source_path(long_name).removeprefix("sources/").split(".")
    assert (len(stem), len(digest), suffix) == (urls.SOURCE_SLUG_LIMIT, 8, "txt")


def test_absolute_urls_join_the_base() -> None:
    assert urls.absolute_url("https://x.org/a/", "en/index.html") == "https://x.org/a/en/index.html"


def test_links_on_a_page_served_at_any_depth_start_at_the_base_path() -> None:
    assert urls.any_depth_url("https://x.org/a/", "static/x.css") == "/a/static/x.css"
    assert urls.any_depth_url("http://127.0.0.1:8000/", "en/index.html") == "/en/index.html"
    assert urls.link_from("en/404.html", "index.html", "https://x.org/a/") == "/a/index.html"
    assert urls.link_from("en/404.html", "index.html") == "../index.html"
