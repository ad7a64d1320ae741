"""The path rule: where each page lives and how pages link to each other."""

from __future__ import annotations

from sitegen.core import urls


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


def test_fragments_survive_and_a_page_can_link_to_its_own_section() -> None:
    assert urls.relative_url("index.html", "years/2018.html#m06") == "years/2018.html#m06"
    assert urls.relative_url("years/2018.html", "years/2018.html#m06") == "2018.html#m06"


def test_month_anchors() -> None:
    assert urls.month_anchor(6) == "m06"
    assert urls.month_anchor(None) == "year-only"


def test_absolute_urls_join_the_base() -> None:
    assert urls.absolute_url("https://x.org/a/", "en/index.html") == "https://x.org/a/en/index.html"


def test_links_on_a_page_served_at_any_depth_start_at_the_base_path() -> None:
    assert urls.any_depth_url("https://x.org/a/", "static/x.css") == "/a/static/x.css"
    assert urls.any_depth_url("http://127.0.0.1:8000/", "en/index.html") == "/en/index.html"
    assert urls.link_from("en/404.html", "index.html", "https://x.org/a/") == "/a/index.html"
    assert urls.link_from("en/404.html", "index.html") == "../index.html"
