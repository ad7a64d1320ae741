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
from dataclasses import dataclass, replace
from typing import Literal

from sitegen.core.inline import strip_inline_markdown
from sitegen.core.records import DateValue
from sitegen.load.parsing.chrome import chrome_reason
from sitegen.load.parsing.dates import DateLine, parse_date_text, read_date_line
from sitegen.load.parsing.names_lexicon import words

UnitKind = Literal[
    "blank",
    "rule",
    "url",
    "date",
    "labelled_date",
    "chrome",
    "credit",
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
    """The full date the line states (a date line, a labelled date, a byline with a date)."""
    has_time: bool = False
    """The date comes with a time of day (``25.04.2024, 19:13``)."""
    has_weekday: bool = False
    label: str = ""
    """A labelled date's label (``Data publikacji``); a credit's label (``Źródło``).

    On chrome, what it is (``time``, ``date without year``), for a person reading
    ``split_units``: no decision reads that (a date's time of day is ``has_time``).
    """
    rest: str = ""
    """What a date line says besides its date (``Politics Materials``, ``Viktar Korbut``)."""


# Labels that introduce the publication date, or its creation; the bare ``date``
# of some clipping tools is weaker, an update label weaker still (see pubdate.py).
PUBLICATION_LABELS = (
    r"Data\spublikacji|Data\sdodania|Data\swytworzenia|Data\sutworzenia|Opublikowano|Publikacja|"
    r"Dodano|Data|"
    r"Published(?:\son)?|Publication\sdate|Posted(?:\son)?|Date\spublished|Created|"
    r"Дата\sпубликации|Опубликовано|Дата\sсоздания|Дата"
)
UPDATE_LABELS = (
    r"Data\saktualizacji|Ostatnia\saktualizacja|Aktualizacja|Zaktualizowano|Zmodyfikowano|"
    r"Updated(?:\son)?|Last\supdated|Modified|Дата\sобновления|Обновлено|Обновлен|Изменено"
)
_DATE_LABEL = re.compile(
    rf"^(?P<label>{PUBLICATION_LABELS}|{UPDATE_LABELS}|date|Date)\s*:?\s+(?P<date>.+)$",
    re.IGNORECASE,
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
_NEXT_FIELD = re.compile(r"(?<!\s)\s*+[|•·;]\s*|,\s+(?=[^\W\d_])")
_RULE = re.compile(r"^(?:-{3,}|\*{3,}|_{3,}|(?:- ){2,}-|(?:\* ){2,}\*)$")
_URL = re.compile(r"^<?(https?://[^\s<>]+)>?$")
_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*$")
_LIST_ITEM = re.compile(r"^(?:[•·▪◦‣●○■□➢►]|[-*+](?=\s)|\d{1,3}[.)](?=\s))\s*(.+)$")
_QUOTE = re.compile(r"^>\s?(.*)$")
_AUTHOR = re.compile(
    r"^(?:Autor|Autorka|Autorzy|Author|Authors|Tekst|Opracowanie|Oprac\.|Автор|Авторы|Текст)"
    r"\s*:\s*(.+)$",
    re.IGNORECASE,
)
_BYLINE = re.compile(
    r"^(?:By|Written by|Reporting by|Report by|Posted by|Autor|Автор)\s+([^\W\d_].{2,80})$",
    re.IGNORECASE,
)
# Credits and page metadata that are not the text: the source, an editor or translator.
# A label, then a colon, a dash or "by" before the credited name: "Source." or
# "Translation of the treaty…" open sentences, not credits.
_CREDIT_LABEL = re.compile(
    r"^(?P<label>Źródło|Source|Источник|Ostatnia aktualizacja|Redakcja|Redaktor|Tłumaczenie|"
    r"Editor|Edited by|Translated by|Editing and Translating by|Translation|Редактор|Перевод)"
    r"(?:\s*:|\s+[–—-]|(?<=by)\s|\s+by\s)\s*(?P<value>\S.*)$",
    re.IGNORECASE,
)
# Agency sign-offs: the initials of author and editor, ``zub/ par/`` or ``(PAP) ab/ cd``.
_SIGNOFF = re.compile(
    r"^(?:\((?:PAP|IAR|KAI)\)\s*)?\(?(?:[a-ząćęłńóśźż]{2,5}\s?/\s*){1,4}(?:[a-ząćęłńóśźż]{2,5})?\)?$"
)
_SECTION_LABEL = re.compile(
    r"^(?:Informacje z \S+(?: \S+)?|Aktualności|Wiadomości|Komunikaty|Komunikat prasowy|"
    r"Informacja prasowa|Informacja|Z kraju|Ze świata|Opinie|Publicystyka|News|"
    r"Press releases?|Politics|Opinion|Opinions|Analysis|Новости|Пресс-релиз|Мнение|Политика)$",
    re.IGNORECASE,
)
_RELATED = re.compile(
    r"^(?:Czytaj (?:też|także|również|więcej)|Zobacz (?:też|także|również)|Powiązane(?: \w+)?|"
    r"Podobne(?: \w+)?|Najnowsze(?: \w+)?|Najczęściej czytane|Polecane(?: \w+)?|"
    r"Related(?: news| articles| stories)?|See also|Read (?:also|more)|More news|"
    r"(?:Latest|Most read|Popular|Recommended)(?: \w+){0,3}|"
    r"Читайте также|Похожие новости|Похожие материалы|Материалы по теме|Другие новости|"
    r"Последние новости|Популярное)\s*:?$",
    re.IGNORECASE,
)
# A short label that ends with a colon and stands alone ("Narzędzia:", "Oceń:").
_LONE_LABEL = re.compile(r"^[^\W\d_][\w .-]{0,30}:$")
_TAG_WORDS = re.compile(r"^[^\W\d_A-ZА-ЯЁ][^\W\d_]*(?: [^\W\d_A-ZА-ЯЁ][^\W\d_]*){0,2}$")
_SENTENCE_END = re.compile(r"[.!?…:;\"”»)]$")
# A Polish dash opens quoted speech ("– Kazachstan pozostaje…"), so only bullets,
# Markdown markers and numbers make list items.
_HEADER_PIECES_LINES = 5
_TIME_ONLY = re.compile(r"^\d{1,2}:\d{2}(?::\d{2})?$")
_NAME_WORD = re.compile(r"^(?:[A-ZŁŚŻŹĆŃÓĄĘА-ЯЁ][^\W\d_]*\.?|[A-ZА-ЯЁ]\.)(?:[-'’][^\W\d_]+)*$")
_PHRASE_WORD = re.compile(r"[^\W\d_]+")
# A date after one of these is part of a phrase ("w dniu 6 listopada 2021 r."), not a stamp.
_PREPOSITIONS = words(
    "w we dniu dniach od do z na po przed o in on at since from until by of to before"
    " after в во с со до от по на к около"
)


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
    return _in_context(units)


def _in_context(units: list[Unit]) -> list[Unit]:
    """Reclassify the lines whose kind depends on their neighbours.

    A short label ending in a colon with nothing under it is chrome (``Narzędzia:``);
    lower-case tag words on lines of their own are chrome unless a sentence runs
    into them; a date split over three lines (``Grudzień`` / ``19`` / ``2017``) is one.
    """
    solid = [i for i, unit in enumerate(units) if unit.kind != "blank"]
    result = list(units)
    for position, index in enumerate(solid):
        unit = units[index]
        if unit.kind != "text":
            continue
        before = result[solid[position - 1]] if position else None
        after_blank = index + 1 >= len(units) or units[index + 1].kind == "blank"
        lone_label = _LONE_LABEL.match(unit.text) and len(unit.text.split()) <= 3
        if lone_label and (after_blank or _AUTHOR.match(unit.text + " -")):
            result[index] = replace(unit, kind="chrome", label="label")
        elif _TAG_WORDS.match(unit.text) and not (before and _runs_on(before)):
            result[index] = replace(unit, kind="chrome", label="tags")
        elif position + 2 < len(solid):
            split_date = _date_over_lines([units[solid[position + k]] for k in range(3)])
            if split_date is not None:
                result[index] = replace(unit, kind="date", date=split_date)
                for k in (1, 2):
                    result[solid[position + k]] = replace(units[solid[position + k]], kind="chrome")
    return result


def _runs_on(unit: Unit) -> bool:
    """Does a sentence of this line go on in the next one (a colon introduces what follows)?"""
    return unit.kind in ("text", "list_item", "quote") and (
        unit.text.endswith(":") or not _SENTENCE_END.search(unit.text)
    )


def _date_over_lines(units: list[Unit]) -> DateValue | None:
    if not all(u.kind in ("text", "chrome") and " " not in u.text for u in units):
        return None
    return parse_date_text(" ".join(u.text for u in units))


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
    if heading := _HEADING.match(line):
        return _heading(heading.group(2), len(heading.group(1)), number)
    if labelled := _DATE_LABEL.match(plain):
        # "Published: 12.03.2021 | Updated: 13.03.2021": the date right after the label.
        value = _NEXT_FIELD.split(labelled.group("date"), maxsplit=1)[0]
        stamp = read_date_line(value, max_rest_words=0)
        if stamp is not None:
            return _dated(Unit(number, "labelled_date", line, label=labelled.group("label")), stamp)
    if author := _AUTHOR.match(plain):
        return _author(author.group(1).strip(" *_"), number)
    if credit := _CREDIT_LABEL.match(plain):
        return Unit(number, "credit", credit.group("value"), label=credit.group("label"))
    if (stamp := _date_line(plain)) is not None:
        return _dated(Unit(number, "date", line, rest=stamp.rest), stamp)
    if reason := chrome_reason(plain):
        # A photo credit or caption is no text either, but the people it names are named.
        kind: UnitKind = "credit" if reason in ("credit", "caption") else "chrome"
        return Unit(number, kind, line, label=reason)
    if _is_yearless_date_line(plain):
        return Unit(number, "chrome", line, label="date without year")
    if (byline := _BYLINE.match(plain)) and looks_like_byline(byline.group(1)):
        return _author(byline.group(1), number)
    if _SIGNOFF.match(plain):
        return Unit(number, "signoff", line)
    if _SECTION_LABEL.match(plain):
        return Unit(number, "label", plain)
    if _RELATED.match(plain):
        return Unit(number, "related", plain)
    if _TIME_ONLY.match(plain):
        return Unit(number, "chrome", line, label="time")
    if quote := _QUOTE.match(line):
        if not strip_inline_markdown(quote.group(1)).strip():
            return Unit(number, "blank", "")  # a bare ">" only separates quoted paragraphs
        return Unit(number, "quote", quote.group(1))
    if lists and (item := _LIST_ITEM.match(line)):
        return Unit(number, "list_item", item.group(1))
    return Unit(number, "text", line)


def looks_like_byline(value: str) -> bool:
    """Does a ``By …`` line name people (``By Anna Nowak - Trend:``), not start a sentence?"""
    name = re.split(r"\s+[-–—|,]\s+|\s+(?:and|i|и)\s+|[,;]\s*", value.strip(" *_:"), maxsplit=1)[0]
    words = name.split()
    return 2 <= len(words) <= 4 and all(_NAME_WORD.match(word) for word in words)


def _heading(text: str, level: int, number: int) -> Unit:
    """A Markdown heading, unless it only holds a date or a time (``# 19:34``)."""
    plain = strip_inline_markdown(text).strip()
    if (stamp := _date_line(plain)) is not None:
        return _dated(Unit(number, "date", text, rest=stamp.rest), stamp)
    if _TIME_ONLY.match(plain):
        return Unit(number, "chrome", text, label="time")
    return Unit(number, "heading", text, level=level)


def _author(value: str, number: int) -> Unit:
    """An author line; a date stamped on it (``Autor: Biuro 2024-07-08 09:22``) is kept."""
    words = value.split()
    for cut in range(len(words)):
        stamp = read_date_line(" ".join(words[cut:]), max_rest_words=0)
        if stamp is not None:
            name = " ".join(words[:cut]).strip(" ,;-–")
            return _dated(Unit(number, "author", name), stamp)
    return Unit(number, "author", value)


def _date_line(plain: str) -> DateLine | None:
    """A line that states a date among at most a few other words, not a phrase about one."""
    stamp = read_date_line(plain)
    return None if stamp is None or _in_a_phrase(plain, stamp) else stamp


def _is_yearless_date_line(plain: str) -> bool:
    """``Friday, May 28``, ``Ashgabat, Turkmenistan, June 5``: a date a reader cannot place."""
    stamp = read_date_line(plain, max_rest_words=3, year_for_yearless=1970)
    if stamp is None or not stamp.value.day or _in_a_phrase(plain, stamp):
        return False
    return all(word[:1].isupper() for word in stamp.rest.split())


def _in_a_phrase(plain: str, stamp: DateLine) -> bool:
    """Does a preposition lead to the date (``w dniu 6 listopada``, ``On May 26``)?"""
    words_before = _PHRASE_WORD.findall(plain[: stamp.start])
    return bool(words_before) and words_before[-1].lower() in _PREPOSITIONS


def _dated(unit: Unit, stamp: DateLine) -> Unit:
    return replace(unit, date=stamp.value, has_time=stamp.has_time, has_weekday=stamp.has_weekday)
