"""Dates in Polish, English and Russian press texts.

``parse_date_text`` reads a string that *is* a date (a header line, a sidecar
value); ``find_dates`` finds the dates mentioned in running text, resolving
``br.``/``this year`` and day-month dates without a year against a known year.

>>> parse_date_text("8 grudnia 2020 r.")
DateValue(year=2020, month=12, day=8)
>>> [m.value.iso for m in find_dates("W dniach 19-21 czerwca", reference_year=2018)]
['2018-06-19', '2018-06-21']
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass

from sitegen.core.records import DateValue

# Every case form a month name takes in a date: nominative (styczeń 2022), genitive
# (8 grudnia), locative (w maju 2025), instrumental (przed styczniem) — and the same
# for Russian; English names and their usual abbreviations.
_MONTH_FORMS: dict[int, tuple[str, ...]] = {
    1: ("styczeń", "stycznia", "styczniu", "styczniem", "january", "jan", "sty",
        "январь", "января", "январе", "янв"),
    2: ("luty", "lutego", "lutym", "february", "feb", "lut",
        "февраль", "февраля", "феврале", "фев"),
    3: ("marzec", "marca", "marcu", "marcem", "march", "mar", "март", "марта", "марте", "мар"),
    4: ("kwiecień", "kwietnia", "kwietniu", "kwietniem", "april", "apr",
        "kwi", "апрель", "апреля", "апреле", "апр"),
    5: ("maj", "maja", "maju", "majem", "may", "май", "мая", "мае"),
    6: ("czerwiec", "czerwca", "czerwcu", "czerwcem", "june", "jun",
        "cze", "июнь", "июня", "июне", "июн"),
    7: ("lipiec", "lipca", "lipcu", "lipcem", "july", "jul", "lip", "июль", "июля", "июле", "июл"),
    8: ("sierpień", "sierpnia", "sierpniu", "sierpniem", "august", "aug",
        "sie", "август", "августа", "августе", "авг"),
    9: ("wrzesień", "września", "wrześniu", "wrześniem", "september", "sep", "sept",
        "wrz", "сентябрь", "сентября", "сентябре", "сен", "сент"),
    10: ("październik", "października", "październiku", "październikiem", "october", "oct",
         "paź", "октябрь", "октября", "октябре", "окт"),
    11: ("listopad", "listopada", "listopadzie", "listopadem", "november", "nov",
         "lis", "ноябрь", "ноября", "ноябре", "ноя", "нояб"),
    12: ("grudzień", "grudnia", "grudniu", "grudniem", "december", "dec",
         "gru", "декабрь", "декабря", "декабре", "дек"),
}  # fmt: skip
MONTHS: dict[str, int] = {form: month for month, forms in _MONTH_FORMS.items() for form in forms}
# Polish and Russian abbreviations are ordinary words too ("sie", "lis", "мар"): they
# count only after a day number ("26 фев", "3 lis 2021").
_ABBREVIATIONS = frozenset(
    [
        *("sty", "lut", "kwi", "cze", "lip", "sie", "wrz", "paź", "lis", "gru"),
        *("янв", "фев", "мар", "апр", "июн", "июл", "авг", "сен", "сент", "окт", "ноя", "нояб"),
        "дек",
    ]
)

_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
_DASH = r"\s*[-–—]\s*"
_YEAR_WORD = r"(?:\s*(?:r\.|roku|rok|года|г\.))?"
# "This year" after a day and month or after a month alone: the reference year.
_THIS_YEAR = r"b\.?\s?r\.|tego\s+roku|this\s+year|этого\s+года|с\.\s?г\."

# A bare year counts after a preposition ("w 2021", "since 2005"). Written as
# lookbehinds so that every date starts with a digit or a month name (see find_dates).
_AFTER_PREPOSITION = (
    "(?:"
    + "|".join(
        rf"(?<=\b{word}\s)"
        for word in ("w", "we", "od", "do", "z", "in", "since", "until", "by", "of", "в", "с", "до")
    )
    + ")"
)

_DATE_PATTERN = re.compile(
    rf"""
    (?P<iso>(?<![\d-])(?P<iso_y>\d{{4}})-(?P<iso_m>\d{{2}})(?:-(?P<iso_d>\d{{2}}))?(?![\d-]))
    | (?P<dmy>(?<![\d.-])(?P<dmy_d>\d{{1,2}})(?P<dmy_sep>[.-])(?P<dmy_m>\d{{1,2}})(?P=dmy_sep)
         (?P<dmy_y>\d{{4}})(?![\d-]))
    | (?P<ymd>(?<![\d.])(?P<ymd_y>\d{{4}})\.(?P<ymd_m>\d{{1,2}})\.(?P<ymd_d>\d{{1,2}})(?![\d.]))
    | (?P<slash>(?<![\d/])(?P<sl_a>\d{{1,2}})\s?/\s?(?P<sl_b>\d{{1,2}})\s?/\s?
         (?P<sl_y>\d{{4}})(?![\d/]))
    | (?P<dm>(?<!\d)(?P<dm_d>\d{{1,2}})(?:{_DASH}(?P<dm_d2>\d{{1,2}}))?\.?,?\s+
         (?P<dm_m>{_MONTH})\b\.?(?:,?\s+(?:(?P<dm_y>\d{{4}})(?!\d){_YEAR_WORD}|(?:{_THIS_YEAR})))?)
    | (?P<md>\b(?P<md_m>{_MONTH})\.?\s+(?P<md_d>\d{{1,2}})(?:{_DASH}(?P<md_d2>\d{{1,2}}))?
         (?!\d)(?:(?:,\s*|\s+)(?P<md_y>\d{{4}})(?!\d))?)
    | (?P<my>\b(?P<my_m>{_MONTH})\s+(?:(?P<my_y>\d{{4}})(?!\d){_YEAR_WORD}
         |(?:{_THIS_YEAR})))
    | (?P<y>{_AFTER_PREPOSITION}(?P<y_y>(?:19|20)\d{{2}})(?!\d)
         {_YEAR_WORD}|(?<!\d)(?P<y_y2>(?:19|20)\d{{2}})\s*(?:r\.|roku|года|г\.))
    """,
    re.IGNORECASE | re.VERBOSE,
)

# English month names are only months when capitalised ("May 2025", not "may be").
_ENGLISH_MONTHS = frozenset(
    [
        "january",
        "jan",
        "february",
        "feb",
        "march",
        "mar",
        "april",
        "apr",
        "may",
        "june",
        "jun",
        "july",
        "jul",
        "august",
        "aug",
        "september",
        "sep",
        "sept",
        "october",
        "oct",
        "november",
        "nov",
        "december",
        "dec",
    ]
)


_LONGEST_DATE_LINE = 64
_WORD = re.compile(r"\d+|[^\W\d_]+")
# What a date line says besides the date: a time of day (12:45, 6:17:44 AM, T18:27+0400)
# with its zone (UTC+04:00, AMT, GMT+4), a weekday, year words, separators.
_TIME = re.compile(
    r"(?:\bT|\b)\d{1,2}:\d{2}(?::\d{2})?(?:\.\d+)?(?:\s*[AaPp]\.?[Mm]\b\.?)?"
    r"(?:\s*\(?(?:UTC|GMT)\s*[+-−]?\s*\d{0,2}(?::?\d{2})?\)?|\s*[+-]\d{2}:?\d{2}|Z\b"
    r"|\s+[A-Z]{2,4}T?\b)?"
)
_WEEKDAY = re.compile(
    r"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|wed|thu|fri|sat|sun"
    r"|poniedziałek|wtorek|środa|czwartek|piątek|sobota|niedziela"
    r"|понедельник|вторник|среда|четверг|пятница|суббота|воскресенье)\b\.?",
    re.IGNORECASE,
)
# Year words, and the words that join a date to its time ("o godz.", "at", "в").
_NOISE = re.compile(
    r"(?:\b(?:r|roku|rok|года|г|o|godz|godzina|at|в|um)\b\.?|[^\w\s]|\s+)+", re.IGNORECASE
)


@dataclass(frozen=True)
class DateMatch:
    start: int
    end: int
    value: DateValue
    text: str


@dataclass(frozen=True)
class DateLine:
    """A short line that states a full date, and what else it says."""

    value: DateValue
    has_time: bool
    has_weekday: bool
    start: int
    """Where the date starts in the line."""
    rest: str
    """The line's other words (a section label, a byline, an outlet), ``""`` if none."""


def parse_date_text(text: str) -> DateValue | None:
    """The date that ``text`` consists of (weekday, time of day and ``r.`` allowed), or ``None``.

    >>> parse_date_text("25.04.2024, 19:13")
    DateValue(year=2024, month=4, day=25)
    >>> parse_date_text("2025-06").precision
    'month'
    >>> parse_date_text("Thursday, 19, September, 2024")
    DateValue(year=2024, month=9, day=19)
    """
    if re.fullmatch(r"\s*(?:19|20)\d{2}\s*", text):
        return DateValue(int(text))
    line = read_date_line(text, max_rest_words=0)
    return line.value if line else None


def read_date_line(
    text: str, *, max_rest_words: int = 4, year_for_yearless: int | None = None
) -> DateLine | None:
    """The first full date of a short line, if the line is little more than that date.

    Times of day, time zones, weekdays and year words are part of a date line;
    up to ``max_rest_words`` other words may stand around it (``sprawy
    międzynarodowe 19.07.2022``, ``Viktar Korbut 12.08.2018 11:15``). With
    ``year_for_yearless``, a day and month without a year count, in that year.

    >>> read_date_line("Politics Materials 12 November 2024 17:22 (UTC +04:00)").rest
    'Politics Materials'
    >>> read_date_line("Spotkanie w Astanie 3 grudnia 2021 r. zakończyło rozmowy o handlu") is None
    True
    """
    if len(text) > _LONGEST_DATE_LINE + 16 * max_rest_words:
        return None  # a sentence, not a date line
    found = next(
        (
            m
            for m in find_dates(text, year_for_yearless, allow_bare_year=max_rest_words == 0)
            if m.value.month
        ),
        None,
    )
    if found is None:
        return None
    rest = text[: found.start] + " " + text[found.end :]
    has_time = _TIME.search(rest) is not None
    rest, weekdays = _WEEKDAY.subn(" ", _TIME.sub(" ", rest))
    rest = " ".join(_NOISE.sub(" ", rest).split())
    if len(_WORD.findall(rest)) > max_rest_words:
        return None
    return DateLine(found.value, has_time, weekdays > 0, found.start, rest)


def find_dates(
    text: str, reference_year: int | None, *, allow_bare_year: bool = False
) -> list[DateMatch]:
    """Every valid date mentioned in ``text``; a range gives its first and last day.

    Dates without a year (``19 czerwca``, ``8 grudnia br.``) need ``reference_year``;
    without one they are skipped.
    """
    found: list[DateMatch] = []
    end = 0
    # Trying the pattern only where a number or a month name starts is ~20x faster
    # than letting the regex try its 150 month names at every character.
    for word in _WORD.finditer(text):
        if word.start() < end or not _may_start_date(word.group(0)):
            continue
        match = _DATE_PATTERN.match(text, word.start())
        if match is None:
            continue
        end = match.end()
        for value in _values_of(match, reference_year):
            found.append(DateMatch(match.start(), match.end(), value, match.group(0)))
    if allow_bare_year and not found:
        bare = re.match(r"((?:19|20)\d{2})(?!\d)", text)
        if bare:
            found.append(DateMatch(0, bare.end(), DateValue(int(bare.group(1))), bare.group(0)))
    return found


def _may_start_date(word: str) -> bool:
    return word[0].isdigit() or word.lower() in MONTHS


def _values_of(match: re.Match[str], reference_year: int | None) -> list[DateValue]:
    group = match.group
    if group("iso"):
        return _valid(int(group("iso_y")), int(group("iso_m")), _int(group("iso_d")))
    if group("dmy"):
        return _valid(int(group("dmy_y")), int(group("dmy_m")), int(group("dmy_d")))
    if group("ymd"):
        return _valid(int(group("ymd_y")), int(group("ymd_m")), int(group("ymd_d")))
    if group("slash"):
        # Day first, as Europe writes it, unless only month-first makes a date (11/28/2024).
        first, second = int(group("sl_a")), int(group("sl_b"))
        month_first = second > 12 >= first
        return _valid(int(group("sl_y")), *((first, second) if month_first else (second, first)))
    if group("dm"):
        month = _month(group("dm_m"))
        year = _year(group("dm_y"), reference_year)
        if month is None or year is None:
            return []
        days = [int(group("dm_d"))] + ([int(group("dm_d2"))] if group("dm_d2") else [])
        return [v for day in days for v in _valid(year, month, day)]
    if group("md"):
        month = _month(group("md_m"), abbreviation_ok=False)
        year = _year(group("md_y"), reference_year)
        if month is None or year is None:
            return []
        days = [int(group("md_d"))] + ([int(group("md_d2"))] if group("md_d2") else [])
        return [v for day in days for v in _valid(year, month, day)]
    if group("my"):
        month = _month(group("my_m"), abbreviation_ok=False)
        year = _year(group("my_y"), reference_year)
        return _valid(year, month, None) if month and year else []
    year_text = group("y_y") or group("y_y2")
    return [DateValue(int(year_text))] if year_text else []


def _month(name: str, *, abbreviation_ok: bool = True) -> int | None:
    key = name.lower().rstrip(".")
    if key in _ENGLISH_MONTHS and not name[0].isupper():
        return None
    if key in _ABBREVIATIONS and not abbreviation_ok:
        return None
    return MONTHS.get(key)


def _year(written: str | None, reference_year: int | None) -> int | None:
    """The year written, else (none, or "this year") the reference year."""
    return int(written) if written else reference_year


def _int(text: str | None) -> int | None:
    return int(text) if text else None


def _valid(year: int, month: int | None, day: int | None) -> list[DateValue]:
    if not 1000 <= year <= 2999:
        return []
    if month is not None and not 1 <= month <= 12:
        return []
    if day is not None and (month is None or not 1 <= day <= calendar.monthrange(year, month)[1]):
        return []
    return [DateValue(year, month, day)]
