"""Page chrome: split a clipping into classified units, one per line or piece of line.

Clippings carry the web page around the text: share buttons (``Tweetnij``,
``Tell a friend``), navigation (``Powrót Drukuj``), rules, the clipper's URL and
timestamp, labelled dates. ``split_units`` names each line for what it is, so
later stages keep the text and turn the rest into fields or drop it. A header
line that packs several of these into one line (``date 2025-06 Headline Data
publikacji 03.06.2025 Powrót Drukuj Body…``) is cut into pieces first.

>>> [u.kind for u in split_units("## Tytuł\\n\\n---\\n\\n[Tweetnij](#)")]
['heading', 'blank', 'rule', 'blank', 'chrome']
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from sitegen.parsing.dates import has_time_of_day, parse_date_text
from sitegen.parsing.inline import strip_inline_markdown
from sitegen.records import DateValue

UnitKind = Literal[
    "blank",
    "rule",
    "url",
    "date",
    "labelled_date",
    "chrome",
    "heading",
    "label",
    "author",
    "signoff",
    "related",
    "list_item",
    "quote",
    "text",
]


@dataclass(frozen=True)
class Unit:
    line: int
    kind: UnitKind
    text: str
    level: int = 0
    date: DateValue | None = None
    label: str = ""
    """For a labelled date, the label; for a date line, ``time`` when it carries a time of day."""


# Labels that introduce the publication date. The bare ``date`` label of some
# clipping tools is weaker than an explicit publication label (see titles.py).
PUBLICATION_LABELS = (
    r"Data\spublikacji|Data\sdodania|Data\swytworzenia|Opublikowano|Publikacja|"
    r"Published(?:\son)?|Publication\sdate|Posted(?:\son)?|Date\spublished|"
    r"Дата\sпубликации|Опубликовано|Дата"
)
_DATE_LABEL = re.compile(rf"^(?P<label>{PUBLICATION_LABELS}|date|Date)\s*:?\s+(?P<date>.+)$")

_CHROME_WORDS = (
    r"Tweetnij|Udostępnij|Drukuj|Powrót|Wróć|Wersja do druku|Pobierz PDF|Tell a friend|"
    r"Share|Print|Back|Tweet|Email|E-mail|Поделиться|Печать|Назад|Версия для печати"
)
_CHROME_LINE = re.compile(
    rf"^(?:(?:\[(?:{_CHROME_WORDS})\]\([^)]*\)|{_CHROME_WORDS})[\s|•·/]*)+$", re.IGNORECASE
)
# Pieces of a packed header line: a leading clipper ``date``, a labelled date, a run
# of navigation words. Only these multi-word or labelled forms are cut out of a line,
# so a headline that starts with "Powrót" stays whole.
_INLINE_MARKERS = re.compile(
    rf"""
    (?P<lead>^date\s+\d{{4}}-\d{{2}}(?:-\d{{2}})?\b)
    | (?P<labelled>\b(?:{PUBLICATION_LABELS})\s*:?\s*
        (?:\d{{1,2}}\.\d{{1,2}}\.\d{{4}}|\d{{4}}-\d{{2}}-\d{{2}})(?:,?\s*\d{{1,2}}:\d{{2}})?)
    | (?P<nav>\b(?:Powrót\s+Drukuj|Drukuj\s+Powrót|Tell\s+a\s+friend|Wersja\s+do\s+druku)\b)
    """,
    re.VERBOSE,
)
_RULE = re.compile(r"^(?:-{3,}|\*{3,}|_{3,}|(?:- ){2,}-|(?:\* ){2,}\*)$")
_URL = re.compile(r"^<?(https?://[^\s<>]+)>?$")
_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*$")
_LIST_ITEM = re.compile(r"^(?:[•·▪◦‣●○■□➢►]|[-*+](?=\s)|\d{1,3}[.)](?=\s))\s*(.+)$")
_QUOTE = re.compile(r"^>\s?(.*)$")
_AUTHOR = re.compile(
    r"^(?:Autor|Autorka|Autorzy|Author|Authors|Tekst|Opracowanie|Oprac\.|Автор)\s*:\s*(.+)$",
    re.IGNORECASE,
)
_BYLINE = re.compile(r"^(?:By|Autor)\s+((?:[A-ZŁŚŻŹĆŃÓ][\w'-]+\s?){2,4})$")
# Agency sign-offs: the initials of author and editor, ``zub/ par/`` or ``(PAP) ab/ cd``.
_SIGNOFF = re.compile(
    r"^(?:\((?:PAP|IAR|KAI)\)\s*)?\(?(?:[a-ząćęłńóśźż]{2,5}\s?/\s*){1,4}(?:[a-ząćęłńóśźż]{2,5})?\)?$"
)
_SECTION_LABEL = re.compile(
    r"^(?:Informacje z \S+(?: \S+)?|Aktualności|Wiadomości|Komunikaty|Komunikat prasowy|"
    r"Informacja prasowa|Z kraju|Ze świata|News|Latest news|Press releases?|Press release|"
    r"Новости|Пресс-релиз)$",
    re.IGNORECASE,
)
_RELATED = re.compile(
    r"^(?:Czytaj (?:też|także|również|więcej)|Zobacz (?:też|także|również)|Powiązane(?: \w+)?|"
    r"Podobne(?: \w+)?|Related(?: news| articles| stories)?|See also|Read (?:also|more)|"
    r"More news|Читайте также|Похожие новости|Другие новости)\s*:?$",
    re.IGNORECASE,
)
# A Polish dash opens quoted speech ("– Kazachstan pozostaje…"), so only bullets,
# Markdown markers and numbers make list items.
_HEADER_PIECES_LINES = 5


def split_units(text: str) -> list[Unit]:
    """Classify every line (and piece of a packed header line) of ``text``."""
    lines = text.split("\n")
    non_blank = [i for i, line in enumerate(lines) if line.strip()]
    header_lines = set(non_blank[:_HEADER_PIECES_LINES])
    units: list[Unit] = []
    for index, raw in enumerate(lines):
        line = normalise_line(raw)
        number = index + 1
        if not line:
            units.append(Unit(number, "blank", ""))
        elif index in header_lines:
            pieces = split_packed_line(line)
            # In a packed header a leading "30." is part of a headline, not a list number.
            in_list = len(pieces) == 1
            units.extend(classify_line(piece, number, lists=in_list) for piece in pieces)
        else:
            units.append(classify_line(line, number))
    return units


def normalise_line(line: str) -> str:
    """Trim, turn no-break and odd spaces into plain ones and fold runs of spaces."""
    line = re.sub(r"[\u00a0\u2007\u202f\u2002-\u200a\t]", " ", line)
    line = line.replace("\u200b", "").replace("\ufeff", "")
    return re.sub(r" {2,}", " ", line).strip()


def split_packed_line(line: str) -> list[str]:
    """Cut metadata markers out of one line, keeping the text between them."""
    pieces: list[str] = []
    position = 0
    for match in _INLINE_MARKERS.finditer(line):
        before = line[position : match.start()].strip()
        if before:
            pieces.append(before)
        pieces.append(match.group(0).strip())
        position = match.end()
    rest = line[position:].strip()
    if rest:
        pieces.append(rest)
    return pieces or [line]


def classify_line(line: str, number: int, *, lists: bool = True) -> Unit:
    """What one normalised, non-empty line is (``lists=False``: never a list item)."""
    plain = strip_inline_markdown(line).strip()
    if _RULE.match(line):
        return Unit(number, "rule", line)
    if url := _URL.match(line):
        return Unit(number, "url", url.group(1))
    if _CHROME_LINE.match(line) or _CHROME_LINE.match(plain):
        return Unit(number, "chrome", line)
    if heading := _HEADING.match(line):
        return Unit(number, "heading", heading.group(2), level=len(heading.group(1)))
    if labelled := _DATE_LABEL.match(plain):
        value = parse_date_text(labelled.group("date"))
        if value is not None:
            return Unit(number, "labelled_date", line, date=value, label=labelled.group("label"))
    if (value := parse_date_text(plain)) is not None:
        return Unit(
            number, "date", line, date=value, label="time" if has_time_of_day(plain) else ""
        )
    if author := _AUTHOR.match(plain) or _BYLINE.match(plain):
        return Unit(number, "author", author.group(1).strip(" *_"))
    if _SIGNOFF.match(plain):
        return Unit(number, "signoff", line)
    if _SECTION_LABEL.match(plain):
        return Unit(number, "label", plain)
    if _RELATED.match(plain):
        return Unit(number, "related", plain)
    if quote := _QUOTE.match(line):
        if not strip_inline_markdown(quote.group(1)).strip():
            return Unit(number, "blank", "")  # a bare ">" only separates quoted paragraphs
        return Unit(number, "quote", quote.group(1))
    if lists and (item := _LIST_ITEM.match(line)):
        return Unit(number, "list_item", item.group(1))
    return Unit(number, "text", line)
