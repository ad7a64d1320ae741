"""The author: a personal byline, told apart from credits, sign-offs and institutions.

This module owns the author decision. Bylines come labelled (``autor: …``,
``Author: …``, ``By …``), as a name on its own line near the headline or the
date (doubled by an avatar's alt text, or followed by a role: ``Anna Nowak
Redaktor``), as the words around a date stamp (``Anna Nowak 12.08.2018 11:15``)
or glued to the end of the last paragraph (``…said. By Anna Nowak``). What is
not an author: an agency sign-off (``zub/ par/``, ``clean.py``), a photo or
editor credit, ``press service``, an institution (``Śląski UW``, ``Biuro
Prasowe``). A name is a name by evidence: the dictionaries know its words as
first names or surnames (Morfeusz for Polish, pymorphy3 for Russian), or its
surname has a surname's ending; upper-case surnames are normalised for display
(``Inez BIESIADA`` → ``Inez Biesiada``).

>>> personal_names("Karol Kostrzewa, Aleksandra REBELIŃSKA")
'Karol Kostrzewa, Aleksandra Rebelińska'
>>> personal_names("Śląski UW") is None
True
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from sitegen.load.inflection import polish_readings
from sitegen.load.parsing.clean import Unit
from sitegen.load.parsing.names_lexicon import is_first_name, words
from sitegen.load.parsing.names_ru import russian_parses

_NAME_WORD = re.compile(
    r"^(?:[A-ZĄĆĘŁŃÓŚŹŻА-ЯЁ][a-ząćęłńóśźżа-яё'’]+|[A-ZА-ЯЁ]\.)"
    r"(?:-[A-ZĄĆĘŁŃÓŚŹŻА-ЯЁ][a-ząćęłńóśźżа-яё'’]+)?$"
)
_SEPARATORS = re.compile(r"(?<!\s)\s*+(?:[,;&]|(?<=\s)(?:and|i|и)(?=\s))\s*+")
_AGENCY_TAIL = re.compile(r"(?<!\s)\s++[-–—|/]\s+[^-–—|/]*$|(?<!\s)\s*+\([^()]*\)\s*$|[:,]\s*+$")
_LONGEST_BYLINE = 120
_AGENCY = re.compile(r"(?<!\s)\s++[-–—|/]\s++(?P<agency>[^-–—|/:]{2,40}?)\s*:?$")
_SURNAME_ENDING = re.compile(
    r"(?:ov|ova|ev|eva|yev|iyev|in|ina|yan|ian|shvili|dze|uly|kyzy|ski|ska|cki|cka|dzki|wicz|"
    r"czyk|enko|uk|ak|ek|ik|ян|ов|ова|ев|ева|ин|ина|швили|дзе|ский|ская|енко)$",
    re.IGNORECASE,
)
ROLE_WORDS = words(
    """redaktor redaktorka dziennikarz dziennikarka korespondent korespondentka publicysta
    publicystka reporter reporterka editor journalist correspondent columnist analyst
    contributor writer редактор шеф-редактор главный корреспондент журналист журналистка
    обозреватель публицист автор аналитик"""
)
_INSTITUTION_WORDS = words(
    """urząd biuro ministerstwo kancelaria senat sejm agencja redakcja serwis portal gazeta
    radio telewizja ambasada office ministry agency service newspaper news press tv times
    media group team staff desk редакция агентство служба пресс-служба министерство газета
    радио новости"""
)


_PERSONAL = frozenset({"imię", "nazwisko"})
_ROLE_QUALIFIERS = words("staff senior special chief our nasz specjalny własny наш собственный")
_RUSSIAN_PERSONAL = frozenset({"Name", "Surn", "Patr"})


@dataclass(frozen=True)
class Byline:
    author: str
    line: int
    consumed: tuple[int, ...]
    """Lines that only carried the byline: they are not text."""
    written: str = ""
    """The byline as the text has it (``By Anna Nowak - Trend:``)."""


def byline_agency(written: str) -> str | None:
    """The agency a byline names after the person (``Anna Nowak - Trend:`` → ``Trend``)."""
    tail = _AGENCY.search(written)
    return tail.group("agency").strip() if tail else None


def choose_author(
    units: Sequence[Unit], body_start: int, paragraphs: Sequence[Unit]
) -> Byline | None:
    """The personal byline of the text, strongest evidence first.

    ``paragraphs`` are the body's text lines, for a byline glued to the last one.
    """
    for unit in units:
        if unit.kind == "author" and (names := personal_names(unit.text)):
            return Byline(names, unit.line, (), unit.text)
    window = _byline_window(units, body_start)
    for unit in window:
        if unit.kind == "date" and unit.rest and is_byline_line(unit.rest):
            return Byline(_byline_name(unit.rest) or unit.rest, unit.line, ())
    for position, unit in enumerate(window):
        if unit.kind == "text" and is_byline_line(unit.text):
            consumed = [unit.line]
            following = window[position + 1] if position + 1 < len(window) else None
            if following is not None and (
                following.text == unit.text or _is_role_line(following.text)
            ):
                consumed.append(following.line)
            return Byline(_byline_name(unit.text) or unit.text, unit.line, tuple(consumed))
    for unit in reversed(paragraphs):
        glued = _GLUED_BYLINE.search(unit.text)
        if glued and (names := personal_names(glued.group(1))):
            return Byline(names, unit.line, ())
    return None


_GLUED_BYLINE = re.compile(r"[.!?”\"»]\s+(?:By|Autor:?|Автор:?)\s+([^.!?]{3,60})$")
_WINDOW_AFTER_BODY = 4


def _byline_window(units: Sequence[Unit], body_start: int) -> list[Unit]:
    """The header and the first few lines of the text, where bylines stand."""
    solid = [u for u in units[:body_start] if u.kind != "blank"]
    solid += [u for u in units[body_start:] if u.kind != "blank"][:_WINDOW_AFTER_BODY]
    return solid


def personal_names(value: str) -> str | None:
    """``value`` as one or more personal names for display, or ``None`` if it names none."""
    if len(value) > _LONGEST_BYLINE:
        return None
    value = _AGENCY_TAIL.sub(
        "", value.split(";", maxsplit=1)[0].strip(" *_")
    ).strip()  # ";" starts a credit
    names = [_strip_roles(_display(part)) for part in _SEPARATORS.split(value) if part]
    # "Anna Nowak, Staff Correspondent": a part that is only a role or a desk is no name.
    names = [name for name in names if not _is_role_phrase(name)]
    if not names or not all(_is_name_shaped(name) for name in names):
        return None
    if any(_is_common_word(word) for name in names for word in name.split()):
        return None
    return ", ".join(names)


def is_byline_line(text: str) -> bool:
    """Is this line a person's name (maybe doubled, maybe with a role), with evidence?"""
    name = _byline_name(text)
    if name is None:
        return False
    words = name.split()
    has_role = len(_strip_roles(text).split()) < len(text.split())
    doubled = text.split() == words * 2
    evidence = has_role or doubled or _known_personal(words)
    return evidence and not any(_is_common_word(word) for word in words)


def _byline_name(text: str) -> str | None:
    if len(text) > _LONGEST_BYLINE:
        return None
    words = _strip_roles(_AGENCY_TAIL.sub("", text.strip())).split()
    half = len(words) // 2
    if len(words) % 2 == 0 and words[:half] == words[half:]:
        words = words[:half]  # an avatar's alt text doubles the name
    name = _display(" ".join(words))
    return name if _is_name_shaped(name) else None


def _is_role_phrase(text: str) -> bool:
    words = text.casefold().split()
    return not words or all(
        w in ROLE_WORDS or w in _INSTITUTION_WORDS or w in _ROLE_QUALIFIERS for w in words
    )


def _is_role_line(text: str) -> bool:
    first = re.split(r"[\s(,]", text.strip().casefold(), maxsplit=1)[0]
    return first in ROLE_WORDS


def _strip_roles(name: str) -> str:
    words = name.split()
    while words and words[-1].casefold().strip(",.()") in ROLE_WORDS:
        words.pop()
    return " ".join(words)


def _display(name: str) -> str:
    """``Inez BIESIADA`` → ``Inez Biesiada``; initials and mixed case stay."""
    return " ".join(
        "-".join(p.capitalize() for p in word.split("-"))
        if word.isupper() and len(word) > 2
        else word
        for word in name.split()
    )


def _is_name_shaped(name: str) -> bool:
    words = name.split()
    return (
        2 <= len(words) <= 4
        and all(_NAME_WORD.match(word) for word in words)
        and not any(word.casefold() in _INSTITUTION_WORDS for word in words)
        and not all(word.endswith(".") for word in words)
    )


def _known_personal(words: list[str]) -> bool:
    """Do the dictionaries know a word as a first name or surname, or end it like a surname?"""
    return any(_personal_word(word) for word in words) or bool(_SURNAME_ENDING.search(words[-1]))


@functools.lru_cache(maxsize=8192)
def _personal_word(word: str) -> bool:
    if re.search(r"[А-Яа-яЁё]", word):
        return any(_RUSSIAN_PERSONAL & set(p.tag.grammemes) for p in russian_parses(word))
    return is_first_name(word) or any(
        _PERSONAL & set(reading.qualifiers) for reading in polish_readings(word)
    )


@functools.lru_cache(maxsize=8192)
def _is_common_word(word: str) -> bool:
    """Is the word known only as an ordinary word or a place, never as part of a name?"""
    if re.search(r"[А-Яа-яЁё]", word):
        # pymorphy3 guesses a word it does not know: only dictionary words count.
        known = [p for p in russian_parses(word) if p.is_known]
        return bool(known) and not any(_RUSSIAN_PERSONAL & set(p.tag.grammemes) for p in known)
    readings = polish_readings(word)
    return bool(readings) and all(
        reading.pos != "ign" and not _PERSONAL & set(reading.qualifiers) for reading in readings
    )
