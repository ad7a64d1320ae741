"""The header of a clipping and its headline: which line a reader would call the title.

A clipping opens with some of: a cookie banner, the site's name, a section label,
a breadcrumb, the clipper's URL and timestamp, dates, the headline (sometimes two
or three times), a byline, a photo caption and its credit. The header ends where
the text starts: the first line that reads as prose.

This module owns the headline decision. Every text line of the header is a
candidate, weighed by what a reader sees: a line the URL spells out, a line
printed twice, a line with a date or byline just under (or a date just over)
it, the deepest Markdown heading, the line nearest the text, a longer line. A
single word, a lower-case tag, a label ending in a colon, a list of names (a
caption), a dateline, a byline, a line in another script than the text, a site
name with a domain weigh against. Chrome, dates and labels (``clean.py``,
``chrome.py``) are never candidates; bylines are told by ``bylines.py``.
``article.py`` calls it, and derives a headline from the first sentence when
no line is one; a sidecar's ``title:`` replaces either (``load/assemble.py``).

>>> from sitegen.load.parsing.clean import split_units
>>> text = "Informacje z MSZ\\n\\nTytuł\\n\\nTytuł\\n\\nPierwsze zdanie tekstu. Drugie."
>>> header = read_header(split_units(text))
>>> header.title, header.title_line, header.labels
('Tytuł', 3, ('Informacje z MSZ',))
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache

from sitegen.core.inline import is_wholly_emphasised, strip_inline_markdown
from sitegen.core.urls import ascii_slug
from sitegen.load.parsing.bylines import is_byline_line
from sitegen.load.parsing.chrome import SITE_DOMAIN
from sitegen.load.parsing.clean import Unit

MAX_HEADLINE_LENGTH = 200
_HEADLINE_MAX_WORDS = 30
_PROSE_MIN_WORDS = 9
_LONGEST_HEADER = 25
"""Non-blank lines a header may have; a longer run of short lines is text."""
_LOOKAROUND = 6
_LEAST_SCORE = 0
_ECHO_SHARE = 0.6
_LONG_WORD = re.compile(r"[^\W\d_]{4,}")
_SENTENCE_END = re.compile(r"[.!?…;]$")
_TWO_SENTENCES = re.compile(r"[.!?…][\"”»']?\s+[A-ZĄĆĘŁŃÓŚŹŻА-ЯЁ\"„«“]")
_SITE_SUFFIX = re.compile(
    r"(?<!\s)\s++[-–—|_]\s*+[\w.-]*\.[a-z]{2,6}\s*$|(?<![\s_])\s*+_(?:[^\W_]|[.-])+\.[a-z]{2,6}\s*$"
    r"|(?<!\s)\s++\|\s++[^|]{1,40}$"
)
_CYRILLIC_RUN = re.compile(r"[А-Яа-яЁё]+")
_LATIN_RUN = re.compile(r"[A-Za-zĄĆĘŁŃÓŚŹŻąćęłńóśźż]+")
_NAME_LIST_PART = re.compile(r"^(?:[A-ZĄĆĘŁŃÓŚŹŻА-ЯЁ][\w'’-]*\.?\s?){1,4}$")
_NEAR_DUPLICATE = 0.9


@dataclass(frozen=True)
class Header:
    title: str | None
    title_line: int | None
    title_index: int | None
    """Index of the headline in the unit list."""
    site_name: str | None
    """A top-level heading that names the site rather than the text."""
    site_name_line: int | None
    labels: tuple[str, ...]
    urls: tuple[Unit, ...]
    body_start: int
    """Index in the unit list where the text begins."""
    kept: tuple[Unit, ...]
    """Header lines that read as text (a deck under the headline): they stay in the body."""


def read_header(units: list[Unit]) -> Header:
    body_start = _body_start(units)
    header = units[:body_start]
    candidates = [
        i
        for i, u in enumerate(header)
        if u.kind in ("heading", "text") and not is_byline_line(u.text)
    ]
    urls = tuple(u for u in header if u.kind == "url")
    title_index = _choose_title(units, candidates, urls[0].text if urls else None)
    title_unit = units[title_index] if title_index is not None else None
    site_unit = _site_name([units[i] for i in candidates], title_unit)
    # Under the headline a line is text (a deck); above it, page furniture. With no
    # headline, a whole sentence is text.
    kept = tuple(
        units[i]
        for i in candidates
        if (i > title_index if title_index is not None else _ends_sentence(units[i]))
        and units[i] is not site_unit
        and not (title_unit and same_text(units[i].text, title_unit.text))
    )
    return Header(
        title=clean_title(title_unit.text) if title_unit else None,
        title_line=title_unit.line if title_unit else None,
        title_index=title_index,
        site_name=clean_title(site_unit.text) if site_unit else None,
        site_name_line=site_unit.line if site_unit else None,
        labels=tuple(u.text for u in header if u.kind == "label"),
        urls=urls,
        body_start=body_start,
        kept=kept,
    )


def is_prose(unit: Unit, *, last: bool = False) -> bool:
    """Does this line read as running text rather than a headline?"""
    if unit.kind not in ("text", "list_item", "quote"):
        return False
    if is_wholly_emphasised(unit.text):
        return True
    plain = strip_inline_markdown(unit.text).strip()
    words = len(plain.split())
    if len(plain) > MAX_HEADLINE_LENGTH or words > _HEADLINE_MAX_WORDS:
        return True
    ends = bool(_SENTENCE_END.search(plain.rstrip("\"”»'")))
    sentences = bool(_TWO_SENTENCES.search(plain))
    return (ends and (words >= _PROSE_MIN_WORDS or last or sentences)) or (
        sentences and words >= _PROSE_MIN_WORDS
    )


@lru_cache(maxsize=4096)  # a text's headline is compared with each of its paragraphs
def clean_title(text: str) -> str:
    """The headline as displayed: inline Markdown and a page-title site suffix removed."""
    title = " ".join(strip_inline_markdown(text).split()).strip(" #")
    return _SITE_SUFFIX.sub("", title) or title


def same_text(a: str, b: str) -> bool:
    """Two copies of one line: equal, or differing by a typo or two."""
    x, y = clean_title(a).casefold(), clean_title(b).casefold()
    if x == y:
        return True
    if abs(len(x) - len(y)) > max(len(x), len(y)) // 10 + 1:
        return False
    return SequenceMatcher(None, x, y).ratio() >= _NEAR_DUPLICATE


def _body_start(units: list[Unit]) -> int:
    """The first line of prose; a text of short lines only starts after its first line."""
    last = max((i for i, u in enumerate(units) if u.kind != "blank"), default=-1)
    solid = 0
    stamped = False
    for index, unit in enumerate(units):
        if (
            is_prose(unit, last=index == last)
            or unit.kind == "signoff"
            or _sentence_goes_on_below(units, index)
            or (stamped and _after_stamp_is_text(unit))
        ):
            return index
        # Under a date or byline, a whole sentence or a list is the text, however short.
        stamped = stamped or unit.kind in ("date", "labelled_date", "author")
        solid += unit.kind != "blank"
        if solid > _LONGEST_HEADER:
            break
    first = next((i for i, u in enumerate(units) if u.kind in ("text", "heading")), None)
    return len(units) if first is None else first + 1


def _after_stamp_is_text(unit: Unit) -> bool:
    return unit.kind == "list_item" or (unit.kind in ("text", "quote") and _ends_sentence(unit))


def _ends_sentence(unit: Unit) -> bool:
    plain = strip_inline_markdown(unit.text).strip()
    return bool(_SENTENCE_END.search(plain.rstrip("\"”»'")))


def _sentence_goes_on_below(units: list[Unit], index: int) -> bool:
    """A text line whose sentence the clipping continues lower-case below is prose, not a title."""
    if units[index].kind != "text" or _SENTENCE_END.search(units[index].text):
        return False
    for following in units[index + 1 : index + 4]:
        if following.kind != "blank":
            return following.kind == "text" and following.text[:1].islower()
    return False


def _choose_title(units: list[Unit], candidates: list[int], url: str | None) -> int | None:
    if not candidates:
        return None
    texts = [units[i].text for i in candidates]
    lead = next((u.text for u in units[candidates[-1] + 1 :] if is_prose(u)), "")
    script = _script(" ".join(u.text for u in units if u.kind == "text"))
    deepest = max((units[i].level for i in candidates if units[i].kind == "heading"), default=0)
    scored: list[tuple[float, int]] = []
    for position, index in enumerate(candidates):
        unit = units[index]
        score = _shape_score(unit.text)
        copies = sum(same_text(unit.text, other) for other in texts) - 1
        score += 3 if copies else 0
        score += 3 * _stamped_below(units, index) + 2 * _stamped_above(units, index)
        score += 3 if lead and _echoed(unit.text, lead) else 0
        score += 1 if position == len(candidates) - 1 else 0
        if unit.kind == "heading":
            score += 3 if unit.level == deepest else -3
        if url and _url_overlap(unit.text, url) >= 0.6:
            score += 6
        if script and _script(unit.text) not in ("", script):
            score -= 4
        scored.append((score, index))
    best_score, best = max(scored, key=lambda item: (item[0], -item[1]))
    if best_score < _LEAST_SCORE:
        return None
    # A repeated headline counts from its first copy.
    return next(i for i in candidates if same_text(units[i].text, units[best].text))


def _echoed(text: str, lead: str) -> bool:
    """Does the lead repeat most of the line's words (a headline the text then tells)?"""
    stems = {word[:5] for word in _LONG_WORD.findall(text.casefold())}
    told = {word[:5] for word in _LONG_WORD.findall(lead.casefold())}
    return len(stems) >= 2 and len(stems & told) >= _ECHO_SHARE * len(stems)


def _shape_score(text: str) -> float:
    plain = strip_inline_markdown(text).strip()
    words = plain.split()
    score = min(len(words), 8) / 4
    if len(words) == 1:
        score -= 3
    elif len(words) == 2:
        score -= 1
    if plain[:1].islower():
        score -= 4
    if plain.endswith(":"):
        score -= 4
    elif plain.endswith("."):
        score -= 4  # headlines rarely end with a full stop; one-line paragraphs do
    if len(words) > 1 and plain.isupper():
        score -= 3
    if SITE_DOMAIN.search(plain) and not _SITE_SUFFIX.search(plain):
        score -= 3
    parts = [p.strip() for p in plain.split(",")]
    if len(parts) >= 3 and all(_NAME_LIST_PART.match(p) for p in parts if p):
        score -= 8  # a caption listing who is in the photo
    return score


def _stamped_below(units: list[Unit], index: int) -> bool:
    """Is the next meaningful line a date, a labelled date or a byline?"""
    for unit in units[index + 1 : index + 1 + _LOOKAROUND]:
        if unit.kind in ("blank", "chrome", "credit", "rule"):
            continue
        return unit.kind in ("date", "labelled_date", "author") or is_byline_line(unit.text)
    return False


def _stamped_above(units: list[Unit], index: int) -> bool:
    for unit in reversed(units[max(0, index - _LOOKAROUND) : index]):
        if unit.kind in ("blank", "chrome", "credit", "rule"):
            continue
        return unit.kind in ("date", "labelled_date")
    return False


def _script(text: str) -> str:
    # Counted by runs, not letter by letter: the whole text is asked (a list per letter cost).
    cyrillic = sum(map(len, _CYRILLIC_RUN.findall(text)))
    latin = sum(map(len, _LATIN_RUN.findall(text)))
    if not cyrillic and not latin:
        return ""
    return "cyrillic" if cyrillic > latin else "latin"


def _site_name(candidates: list[Unit], title: Unit | None) -> Unit | None:
    for unit in candidates:
        if unit is not title and unit.kind == "heading" and title and unit.level < title.level:
            return unit
    return None


def _url_overlap(text: str, url: str) -> float:
    """Share of the headline's words that the URL's path spells out."""
    words = ascii_slug(text).split("-")
    path = set(ascii_slug(url.split("://", 1)[-1].split("/", 1)[-1]).split("-"))
    return sum(word in path for word in words) / len(words) if words else 0.0
