"""The header of a clipping: its headline, and what else stands above the text.

A clipping opens with some of: the site's name, a section label, the clipper's
URL and timestamp, dates, the headline (sometimes twice), share buttons. The
header ends where the text starts: the first line that reads as prose.

>>> from sitegen.parsing.clean import split_units
>>> text = "Informacje z MSZ\\n\\nTytuł\\n\\nTytuł\\n\\nPierwsze zdanie tekstu. Drugie."
>>> header = read_header(split_units(text))
>>> header.title, header.title_line, header.labels
('Tytuł', 3, ('Informacje z MSZ',))
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from slugify import slugify

from sitegen.parsing.clean import Unit
from sitegen.parsing.inline import is_wholly_emphasised, strip_inline_markdown

MAX_HEADLINE_LENGTH = 200
_HEADLINE_MAX_WORDS = 30
_SENTENCE_END = re.compile(r"[.…:;]$")


@dataclass(frozen=True)
class Header:
    title: str | None
    title_line: int | None
    site_name: str | None
    """A top-level heading that names the site rather than the text."""
    site_name_line: int | None
    labels: tuple[str, ...]
    dates: tuple[Unit, ...]
    """Date lines and labelled dates of the header, in order."""
    urls: tuple[Unit, ...]
    body_start: int
    """Index in the unit list where the text begins."""
    kept: tuple[Unit, ...]
    """Header lines that are neither headline nor chrome: they stay as text."""


def read_header(units: list[Unit]) -> Header:
    body_start = _body_start(units)
    header = units[:body_start]
    candidates = [u for u in header if u.kind in ("heading", "text")]
    urls = tuple(u for u in header if u.kind == "url")
    title_unit = _choose_title(candidates, urls[0].text if urls else None)
    site_unit = _site_name(candidates, title_unit)
    kept = tuple(
        u
        for u in candidates
        if u is not title_unit
        and u is not site_unit
        and not (title_unit and _same_text(u.text, title_unit.text))
    )
    return Header(
        title=_clean_title(title_unit.text) if title_unit else None,
        title_line=title_unit.line if title_unit else None,
        site_name=_clean_title(site_unit.text) if site_unit else None,
        site_name_line=site_unit.line if site_unit else None,
        labels=tuple(u.text for u in header if u.kind == "label"),
        dates=tuple(u for u in header if u.kind in ("date", "labelled_date")),
        urls=urls,
        body_start=body_start,
        kept=kept,
    )


def is_prose(unit: Unit) -> bool:
    """Does this line read as running text rather than a headline?"""
    if unit.kind in ("list_item", "quote"):
        return True
    if unit.kind != "text":
        return False
    plain = strip_inline_markdown(unit.text).strip()
    if is_wholly_emphasised(unit.text):
        return True
    return (
        len(plain) > MAX_HEADLINE_LENGTH
        or len(plain.split()) > _HEADLINE_MAX_WORDS
        or bool(_SENTENCE_END.search(plain.rstrip("\"”»'")))
    )


def _body_start(units: list[Unit]) -> int:
    for index, unit in enumerate(units):
        if (
            is_prose(unit)
            or unit.kind in ("author", "signoff", "related")
            or _sentence_goes_on_below(units, index)
        ):
            return index
    return len(units)


def _sentence_goes_on_below(units: list[Unit], index: int) -> bool:
    """A text line whose sentence the clipping continues lower-case below is prose, not a title."""
    if units[index].kind != "text":
        return False
    for following in units[index + 1 : index + 4]:
        if following.kind != "blank":
            return following.kind == "text" and following.text[:1].islower()
    return False


def _choose_title(candidates: list[Unit], url: str | None) -> Unit | None:
    if not candidates:
        return None
    if url:
        scored = [(_url_overlap(u.text, url), -i, u) for i, u in enumerate(candidates)]
        best_score, _, best = max(scored, key=lambda item: (item[0], item[1]))
        if best_score >= 0.6:
            return best
    headings = [u for u in candidates if u.kind == "heading"]
    if len(headings) >= 2:
        deepest = max(u.level for u in headings)
        return next(u for u in reversed(headings) if u.level == deepest)
    # The headline is the line nearest the text; a repeated copy counts from its first line.
    nearest = candidates[-1]
    return next(u for u in candidates if _same_text(u.text, nearest.text))


def _site_name(candidates: list[Unit], title: Unit | None) -> Unit | None:
    for unit in candidates:
        if unit is not title and unit.kind == "heading" and title and unit.level < title.level:
            return unit
    return None


def _url_overlap(text: str, url: str) -> float:
    """Share of the headline's words that the URL's path spells out."""
    words = slugify(text).split("-")
    path = set(slugify(url.split("://", 1)[-1].split("/", 1)[-1]).split("-"))
    return sum(word in path for word in words) / len(words) if words else 0.0


def _clean_title(text: str) -> str:
    return " ".join(strip_inline_markdown(text).split()).strip(" #")


def _same_text(a: str, b: str) -> bool:
    return _clean_title(a).casefold() == _clean_title(b).casefold()
