"""Reference files for reference managers: BibTeX, RIS and CSL-JSON, from ``render.citation``.

One file per article (``cite/<slug>.bib``…) and one for the collection
(``data/articles.bib``…), each entry keyed by the article's slug. BibTeX is
written by bibtexparser (biblatex's ``@online``: ``date`` keeps a month's
precision, ``urldate`` is the access date), RIS by rispy (``TY  - NEWS``).

>>> print(latex_escaped("50% & #1 {x}"), latex_escaped(":-}"))
50\\% \\& \\#1 \\{x\\} :-\\textbraceright{}
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import rispy
from bibtexparser.entrypoint import write_string
from bibtexparser.library import Library
from bibtexparser.middlewares import AddEnclosingMiddleware
from bibtexparser.model import Entry, Field
from rispy.writer import RisWriter

from sitegen.core.i18n import language_name
from sitegen.core.records import DateValue
from sitegen.model.site import SiteModel
from sitegen.outputs.joined import JoinedFile
from sitegen.render.citation import (
    REFERENCE_FORMATS,
    Reference,
    csl_item,
    csl_name,
    inverted_name,
    reference_of,
)

# Characters TeX reads as commands; a URL is verbatim in biblatex and keeps them.
_LATEX_SPECIALS: dict[str, str | int | None] = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}
# BibTeX counts every brace, escaped or not: an unpaired one would end the field early,
# so unpaired braces are written as commands (which fewer LaTeX decoders know).
_ESCAPES = str.maketrans(_LATEX_SPECIALS)
_ESCAPES_UNPAIRED = str.maketrans(
    {**_LATEX_SPECIALS, "{": r"\textbraceleft{}", "}": r"\textbraceright{}"}
)


def article_references(model: SiteModel) -> list[Reference]:
    """Every article's reference, in the model's order (that of the collection's files)."""
    return [reference_of(record, model.config) for record in model.records]


def bibtex(references: Sequence[Reference]) -> str:
    """The references as biblatex ``@online`` entries (UTF-8)."""
    library = Library([_bibtex_entry(reference) for reference in references])
    # The library is this call's own: enclosing its values in place saves the deep copy
    # bibtexparser makes by default (3 × quicker at 1,000 entries).
    enclose = AddEnclosingMiddleware(
        allow_inplace_modification=True,
        default_enclosing="{",
        reuse_previous_enclosing=False,
        enclose_integers=True,
    )
    return str(write_string(library, unparse_stack=[enclose]))


def _bibtex_entry(reference: Reference) -> Entry:
    fields = [Field("title", latex_escaped(reference.title))]
    if reference.authors:
        # An organisation in braces: one name, never split into given and family names.
        names = (
            "{" + latex_escaped(a.name) + "}"
            if "literal" in csl_name(a)
            else latex_escaped(inverted_name(a))
            for a in reference.authors
        )
        fields.append(Field("author", " and ".join(names)))
    if reference.container:
        fields.append(Field("organization", latex_escaped(reference.container)))
    if reference.issued:
        fields += [Field("date", reference.issued.iso), Field("year", str(reference.issued.year))]
    fields.append(Field("url", _verbatim_url(reference.url)))
    if reference.accessed:
        fields.append(Field("urldate", reference.accessed.iso))
    fields.append(Field("langid", language_name(reference.language, "en").lower()))
    fields.append(Field("note", latex_escaped(_archive_note(reference))))
    if reference.abstract:
        fields.append(Field("abstract", latex_escaped(reference.abstract)))
    return Entry("online", reference.key, fields)


def latex_escaped(text: str) -> str:
    return text.translate(_ESCAPES if _braces_pair(text) else _ESCAPES_UNPAIRED)


def _braces_pair(text: str) -> bool:
    depth = 0
    for character in text:
        if character in "{}":
            depth += 1 if character == "{" else -1
            if depth < 0:
                return False
    return depth == 0


def _verbatim_url(url: str) -> str:
    # A verbatim field still has to balance its braces.
    return url.replace("{", "%7B").replace("}", "%7D").replace("\\", "%5C")


class _RisWriter(RisWriter):  # type: ignore[misc]
    """RIS as the specification has it: no record number ("1.") before each ``TY``."""

    def set_header(self, count: int) -> str:
        return ""


def ris(references: Sequence[Reference]) -> str:
    """The references as RIS records (``TY  - NEWS`` … ``ER  -``)."""
    entries = [_ris_entry(reference) for reference in references]
    return str(rispy.dumps(entries, implementation=_RisWriter))


def _ris_entry(reference: Reference) -> dict[str, object]:
    entry: dict[str, object] = {
        "type_of_reference": "NEWS",
        "id": reference.key,
        "title": reference.title,
    }
    if reference.authors:
        entry["authors"] = [inverted_name(author) for author in reference.authors]
    if reference.container:
        entry["secondary_title"] = entry["publisher"] = reference.container
    if reference.issued:
        entry["year"] = str(reference.issued.year)
        entry["date"] = _ris_date(reference.issued)
    entry["urls"] = [reference.url]
    if reference.accessed:
        entry["access_date"] = _ris_date(reference.accessed)
    entry["language"] = reference.language
    entry["name_of_database"] = reference.archive_title
    entry["notes"] = [_archive_note(reference)]
    if reference.abstract:
        entry["abstract"] = reference.abstract
    # A RIS value ends at its line's end.
    return {key: _one_line(value) for key, value in entry.items()}


def _one_line(value: object) -> object:
    if isinstance(value, str):
        return " ".join(value.split())
    if isinstance(value, list):
        return [_one_line(part) for part in value]
    return value


def _ris_date(value: DateValue) -> str:
    """RIS's ``YYYY/MM/DD/``: a part not known stays empty (``2022/01//``)."""
    month = f"{value.month:02d}" if value.month else ""
    day = f"{value.day:02d}" if value.day else ""
    return f"{value.year:04d}/{month}/{day}/"


def csl_json(references: Sequence[Reference]) -> str:
    """The references as a CSL-JSON array, an item a line."""
    return "[\n" + ",\n".join(_csl_line(reference) for reference in references) + "\n]\n"


def _csl_line(reference: Reference) -> str:
    return json.dumps(csl_item(reference), ensure_ascii=False)


@dataclass(frozen=True)
class ReferenceFile:
    """How one format's file holds its entries: an article's file holds its own, the
    collection's every article's, joined (``joined.py``), so each is formatted once for both."""

    entry: Callable[[Reference], str]
    layout: JoinedFile


_FILES_BY_LABEL = {
    "BibTeX": ReferenceFile(lambda reference: bibtex([reference]), JoinedFile(separator="\n\n")),
    "RIS": ReferenceFile(lambda reference: ris([reference]), JoinedFile(separator="\n")),
    "CSL-JSON": ReferenceFile(_csl_line, JoinedFile("[\n", ",\n", "\n]\n")),
}
REFERENCE_FILES = {f.suffix: _FILES_BY_LABEL[f.label] for f in REFERENCE_FORMATS}
"""Reference file suffix → how its files are written, for each of ``REFERENCE_FORMATS``."""


def _archive_note(reference: Reference) -> str:
    return (
        f"Archive copy: {reference.archive_title}, {reference.archive_url}. "
        f"SHA-256 of the source text: {reference.sha256}"
    )
