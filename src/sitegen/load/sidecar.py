"""The curator's sidecar ``NAME.yaml``: what a text cannot say about itself.

Every key is optional; unknown keys, wrong types and impossible dates are
reported with their line (an unreadable date with the ISO form it seems to
mean). Values are merged over what the text gave, and the record's
provenance says which fields came from here.

>>> sidecar, problems = parse_sidecar("date: 2020-12-08\\nnotes: ustalone z treści\\n")
>>> sidecar.date, problems
(DateValue(year=2020, month=12, day=8), [])
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sitegen.core.errors import Problem
from sitegen.core.records import DateValue
from sitegen.core.yamlfile import read_yaml_mapping
from sitegen.load.parsing.dates import parse_date_text
from sitegen.load.slugs import slug_problem
from sitegen.load.sources import NOT_TEXT

SIDECAR_KEYS = (
    "title",
    "date",
    "language",
    "publisher",
    "author",
    "source_url",
    "summary",
    "tags",
    "remove_tags",
    "notes",
    "slug",
    "aliases",
)
_TEXT_KEYS = ("title", "publisher", "author", "summary", "notes")
_ISO_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
# Day first with dots, as the texts write dates: unambiguous, so read as a day.
_DOTTED_DATE = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})")
_DATE_FORMS = "YYYY-MM-DD, YYYY-MM, YYYY or DD.MM.YYYY"


@dataclass(frozen=True)
class Sidecar:
    title: str | None = None
    date: DateValue | None = None
    language: str | None = None
    publisher: str | None = None
    author: str | None = None
    source_url: str | None = None
    summary: str | None = None
    tags: tuple[str, ...] = ()
    remove_tags: tuple[str, ...] = ()
    notes: str | None = None
    slug: str | None = None
    """The article's address (``articles/SLUG.html``), fixed by the curator."""
    aliases: tuple[str, ...] = ()
    """Old slugs of the article: each keeps working as a redirect page."""


def sidecar_path(source: Path) -> Path:
    return source.with_suffix(".yaml")


def parse_sidecar(text: str) -> tuple[Sidecar, list[Problem]]:
    """Parse and validate a sidecar; every problem found is an error, with its line."""
    problems: list[Problem] = []
    doc = read_yaml_mapping(
        text,
        "a sidecar",
        lambda line, message: problems.append(Problem(line, message, "error")),
        keys=SIDECAR_KEYS,
    )
    if doc is None:
        return Sidecar(), problems
    values: dict[str, Any] = {}
    for key, value in doc.values.items():
        line = doc.line_of(key)
        checked = _check(key, value)
        if isinstance(checked, _Invalid):
            problems.append(Problem(line, f"{key}: {checked.message}", "error"))
        elif checked is not None:
            values[key] = checked
    return Sidecar(**values), problems


@dataclass(frozen=True)
class _Invalid:
    message: str


def _check(key: str, value: Any) -> object:
    if value is None:
        return None
    # YAML escapes ("\x1b", "\0") can put control characters into text, where they
    # would break the feed's XML and a reader's terminal.
    texts = value if isinstance(value, list) else [value]
    for text in texts:
        bad = NOT_TEXT.search(text) if isinstance(text, str) else None
        if bad is not None:
            return _Invalid(f"contains the control character U+{ord(bad.group(0)):04X}")
    if key in _TEXT_KEYS:
        if isinstance(value, (str, int, float)) and not isinstance(value, bool):
            return " ".join(str(value).split()) if key != "notes" else str(value).strip()
        return _Invalid("must be text")
    if key == "date":
        if not isinstance(value, (str, int)) or isinstance(value, bool):
            return _Invalid(f"must be a date: {_DATE_FORMS}")
        return parse_sidecar_date(str(value))
    if key == "language":
        if isinstance(value, str) and re.fullmatch(r"[a-z]{2}", value):
            return value
        return _Invalid("must be a two-letter ISO 639-1 code such as pl, en or ru")
    if key in ("slug", "aliases"):
        return _check_slugs(key, value)
    if key == "source_url":
        if isinstance(value, str) and re.fullmatch(r"https?://\S+", value.strip()):
            return value.strip()
        return _Invalid("must be an http:// or https:// address")
    if isinstance(value, str):
        value = [value]
    if isinstance(value, list) and all(isinstance(v, str) and v.strip() for v in value):
        return tuple(v.strip() for v in value)
    return _Invalid("must be a list of ids or tags")


def _check_slugs(key: str, value: Any) -> object:
    """``slug``: one slug; ``aliases``: a list of them (one may be written as text)."""
    values = [value] if key == "slug" or isinstance(value, str) else value
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        kind = "a slug" if key == "slug" else "a list of slugs"
        return _Invalid(f"must be {kind} such as 'forum-w-astanie' (quote a number: '2024')")
    for slug in values:
        if problem := slug_problem(slug.strip()):
            return _Invalid(problem)
    slugs = tuple(dict.fromkeys(slug.strip() for slug in values))
    return slugs[0] if key == "slug" else slugs


def parse_sidecar_date(text: str) -> DateValue | _Invalid:
    """``YYYY-MM-DD``, ``YYYY-MM``, ``YYYY`` or ``DD.MM.YYYY``; the precision follows the form.

    Any other form is refused, with the ISO date it seems to mean when one can be read:

    >>> parse_sidecar_date("28.06.2017")
    DateValue(year=2017, month=6, day=28)
    >>> parse_sidecar_date("28/06/2017").message
    "'28/06/2017' is not YYYY-MM-DD, YYYY-MM, YYYY or DD.MM.YYYY (did you mean 2017-06-28?)"
    """
    written = text.strip()
    if iso := _ISO_DATE.fullmatch(written):
        year, month, day = iso.groups()
    elif dotted := _DOTTED_DATE.fullmatch(written):
        day, month, year = dotted.groups()
    else:
        guess = parse_date_text(written)
        hint = f" (did you mean {guess.iso}?)" if guess else ""
        return _Invalid(f"{text!r} is not {_DATE_FORMS}{hint}")
    return _checked_date(text, int(year), _int(month), _int(day))


def _checked_date(text: str, year: int, month: int | None, day: int | None) -> DateValue | _Invalid:
    if month is not None and not 1 <= month <= 12:
        return _Invalid(f"{text!r} has no month {month}")
    if month is not None and day is not None:
        last = calendar.monthrange(year, month)[1]
        if not 1 <= day <= last:
            return _Invalid(
                f"{text!r} is not a date: {calendar.month_name[month]} {year} has {last} days"
            )
    return DateValue(year, month, day)


def _int(digits: str | None) -> int | None:
    return int(digits) if digits else None
