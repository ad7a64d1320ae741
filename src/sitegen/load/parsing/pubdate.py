"""The publication date: every date the text states is a candidate, weighed, one chosen.

This module owns the decision. Its inputs come from ``clean.py`` (which line
states a date, with what label, time of day or weekday), ``dates.py`` (the date
forms themselves) and ``titles.py`` (where the headline and the text start);
``article.py`` calls it, and a sidecar's ``date:`` replaces its choice
(``load/assemble.py``, provenance ``sidecar``).

How candidates weigh, strongest first:

- a publication label (``Data publikacji``, ``Published``, ``Дата``): 100;
- a byline stamped with a date (``Autor: Anna Nowak 2024-07-08 09:22``): 75;
- a date line (a date alone on its line, or with a few words: ``sprawy
  międzynarodowe 19.07.2022``): 60, more beside the headline (+15) or with a
  time of day (+10), less in the middle of the text (-15);
- a dateline opening the text with a year (``ДУШАНБЕ, 03.08.2022 /НИАТ/``): 55;
- a clipping tool's ``date`` header: 55 (a more precise date that agrees wins);
- a date opening the first sentence (``12 lutego 2016 r. marszałek…``): 25;
- an update label (``Data aktualizacji``, ``Updated``): 15.

Never candidates: dates after a related-news heading (other articles), a date
with a time right under the clipped URL (the clipper's save time, kept as
``retrieved``), a weekday banner at the top of a page whose latest-news list is
of the same days (the site's "today"), dates inside sentences, dates without a
year. Two strong candidates that disagree give a warning naming both lines.

>>> from sitegen.load.parsing.clean import split_units
>>> units = split_units("Tytuł\\n\\n12.03.2021\\n\\nTekst. Dalej.\\n\\nCzytaj też:\\n\\n01.01.2020")
>>> choice = choose_publication_date(units, title_index=0, body_start=4)
>>> choice.date.iso, choice.line, choice.evidence
('2021-03-12', 3, 'date line beside the headline')
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from sitegen.core.records import DateValue
from sitegen.load.parsing.clean import UPDATE_LABELS, Unit
from sitegen.load.parsing.dates import find_dates

STRONG = 55
"""Candidates at least this strong are trusted; a weaker winner is marked unsure."""
CLIPPER = 55

_UPDATE = re.compile(rf"^(?:{UPDATE_LABELS})$", re.IGNORECASE)
_PRECISION = {"day": 3, "month": 2, "year": 1}
_NEAR_TITLE = 2
_TAIL_UNITS = 5
_BANNER_DAYS = 7
# "ASTANA, 3 December 2021 –", "ДУШАНБЕ, 03.08.2022 /НИАТ «Ховар»/.": a place, then the date.
_DATELINE = re.compile(r"^(?:[^\W\d_][^\W\d_.-]*(?:[ .-]+[^\W\d_]+){0,2}\s*(?:,|\s[-–—])\s*){1,2}")
# A date glued to the start of the first sentence, possibly behind a CMS token
# ("l1eU…4441" + "12 lutego 2016 r."): the shortest prefix leaves the longest day.
_LEAD_DATE = re.compile(r"^(?P<token>\S*?)(?P<date>\d{1,2}\.?\s+\S+\s+\d{4})")


@dataclass(frozen=True)
class Candidate:
    date: DateValue
    line: int
    strength: int
    evidence: str


@dataclass(frozen=True)
class DateChoice:
    date: DateValue | None
    line: int | None
    evidence: str
    """What the chosen line is, for the curator (``publication label 'Data publikacji'``)."""
    unsure: bool
    retrieved: DateValue | None
    warnings: tuple[str, ...] = ()


def choose_publication_date(
    units: list[Unit], title_index: int | None, body_start: int, lead: Unit | None = None
) -> DateChoice:
    """Weigh every date ``units`` state and choose the publication date.

    ``title_index`` and ``body_start`` are indices in ``units`` (see
    ``titles.read_header``); ``lead`` is the first paragraph's first line.
    """
    candidates, retrieved = _line_candidates(units, title_index, body_start)
    if lead is not None:
        candidates.extend(_lead_candidates(lead))
    if not candidates:
        return DateChoice(None, None, "", False, retrieved)
    ranked = sorted(
        candidates,
        key=lambda c: (-c.strength, -_PRECISION[c.date.precision], c.line),
    )
    best = ranked[0]
    if best.strength == CLIPPER and best.evidence.startswith("clipping"):
        # The clipper's date stands unless a more precise date agrees with it.
        best = next(
            (
                c
                for c in ranked
                if _agree(c.date, best.date)
                and _PRECISION[c.date.precision] > _PRECISION[best.date.precision]
            ),
            best,
        )
    warnings = tuple(
        f"two dates could be the publication date: line {best.line} ({best.date.iso}, "
        f"{best.evidence}) and line {other.line} ({other.date.iso}, {other.evidence}); "
        f"chose line {best.line} (give date: in the sidecar if that is wrong)"
        for other in ranked[1:2]
        if other.strength >= STRONG and not _agree(best.date, other.date)
    )
    unsure = best.strength < STRONG or bool(warnings)
    return DateChoice(best.date, best.line, best.evidence, unsure, retrieved, warnings)


def _line_candidates(
    units: list[Unit], title_index: int | None, body_start: int
) -> tuple[list[Candidate], DateValue | None]:
    solid = [i for i, unit in enumerate(units) if unit.kind != "blank"]
    order = {index: position for position, index in enumerate(solid)}
    title_position = order.get(title_index) if title_index is not None else None
    tail = set(solid[-_TAIL_UNITS:])
    related_dates: list[DateValue] = []
    candidates: list[Candidate] = []
    banner: Candidate | None = None
    retrieved: DateValue | None = None
    in_related = False
    for position, index in enumerate(solid):
        unit = units[index]
        if unit.kind == "related" and index >= body_start:
            in_related = True
        if unit.date is None:
            continue
        if in_related:
            related_dates.append(unit.date)
            continue
        if (
            unit.kind == "date"
            and unit.has_time
            and position
            and units[solid[position - 1]].kind == "url"
        ):
            retrieved = retrieved or unit.date
            continue
        near_title = title_position is not None and abs(position - title_position) <= _NEAR_TITLE
        candidate = _weigh(unit, near_title, index < body_start or index in tail)
        if unit.has_weekday and not unit.has_time and position == 0:
            banner = candidate
            continue
        candidates.append(candidate)
    if banner is not None and not any(
        0 <= _days_between(day, banner.date) <= _BANNER_DAYS for day in related_dates
    ):
        candidates.append(banner)
    return candidates, retrieved


def _weigh(unit: Unit, near_title: bool, at_an_edge: bool) -> Candidate:
    assert unit.date is not None
    if unit.kind == "labelled_date":
        if unit.label.lower() == "date":
            return Candidate(unit.date, unit.line, CLIPPER, "clipping tool's date header")
        if _UPDATE.match(unit.label):
            return Candidate(unit.date, unit.line, 15, f"update label '{unit.label}'")
        return Candidate(unit.date, unit.line, 100, f"publication label '{unit.label}'")
    if unit.kind == "author":
        return Candidate(unit.date, unit.line, 75, "byline with a date")
    strength, evidence = 60, "date line"
    if near_title:
        strength, evidence = strength + 15, "date line beside the headline"
    elif not at_an_edge:
        strength, evidence = strength - 15, "date line inside the text"
    if unit.has_time:
        strength += 10
    return Candidate(unit.date, unit.line, strength, evidence)


def _lead_candidates(lead: Unit) -> list[Candidate]:
    text = lead.text
    found: list[Candidate] = []
    if dateline := _DATELINE.match(text):
        dates = find_dates(text[dateline.end() : dateline.end() + 40], None)
        if dates and dates[0].start == 0 and dates[0].value.month:
            found.append(Candidate(dates[0].value, lead.line, 55, "dateline"))
    if glued := _LEAD_DATE.match(text):
        token = glued.group("token")
        if not token or (
            len(token) >= 6 and re.search(r"\d", token) and re.search(r"[^\W\d_]", token)
        ):
            dates = find_dates(glued.group("date"), None)
            if dates and dates[0].value.month:
                found.append(Candidate(dates[0].value, lead.line, 25, "date opening the text"))
    return found


def _agree(a: DateValue, b: DateValue) -> bool:
    """Do two dates agree as far as the less precise one says?"""
    return (
        a.year == b.year
        and (a.month is None or b.month is None or a.month == b.month)
        and (a.day is None or b.day is None or a.day == b.day)
    )


def _days_between(earlier: DateValue, later: DateValue) -> int:
    if earlier.day is None or later.day is None or earlier.month is None or later.month is None:
        return -1
    start = datetime.date(earlier.year, earlier.month, earlier.day)
    return (datetime.date(later.year, later.month, later.day) - start).days
