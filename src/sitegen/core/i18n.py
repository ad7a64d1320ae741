"""Interface languages: translated strings, dates, numbers and collation.

Every visible string comes from ``translations/<lang>.yaml``: a flat mapping of
dotted keys to text with ``{name}`` placeholders; a key whose value is a
mapping of CLDR plural categories (``one``, ``few``, ``many``, ``other``) is
chosen by the ``n`` argument.

>>> pl = Translator.load("pl")
>>> pl.text("count.articles", n=5)
'5 artykułów'
>>> format_date_value(DateValue(2022, 1), "pl")
'styczeń 2022'
>>> sorted(["Łódź", "Lublin", "Zabrze"], key=collation_key)
['Lublin', 'Łódź', 'Zabrze']
"""

from __future__ import annotations

import datetime
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib import resources

import yaml
from babel import Locale
from babel.dates import format_date
from babel.numbers import format_decimal

from sitegen.core.records import DateValue

# Letters in Polish alphabetical order; diacritic letters are letters of their
# own (Ł after L), unlike in plain Unicode code-point order.
_POLISH_ALPHABET = "aąbcćdeęfghijklłmnńoópqrsśtuvwxyzźż"
_RANK = {letter: index for index, letter in enumerate(_POLISH_ALPHABET)}


@dataclass(frozen=True)
class Translator:
    """The strings of one interface language."""

    lang: str
    strings: Mapping[str, object]
    # Pages ask for the same few labels thousands of times.
    _plain: dict[str, str] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def load(cls, lang: str) -> Translator:
        return _load_translator(lang)

    def text(self, key: str, **values: object) -> str:
        """The string for ``key`` with placeholders filled; plural by ``n``."""
        if not values:
            plain = self._plain.get(key)
            if plain is None:
                plain = self._plain[key] = self._text(key)
            return plain
        return self._text(key, **values)

    def _text(self, key: str, **values: object) -> str:
        entry = self.strings.get(key)
        if entry is None:
            raise KeyError(f"no translation for {key!r} in {self.lang}")
        if isinstance(entry, Mapping):
            count = values.get("n", 0)
            category = _plural_category(self.lang, count if isinstance(count, int) else 0)
            entry = entry.get(category, entry["other"])
        if "n" in values and isinstance(values["n"], int):
            values = {**values, "n": format_number(values["n"], self.lang)}
        return str(entry).format(**values)


@lru_cache(maxsize=1024)  # every card and count asks; CLDR's rules are slow to look up
def _plural_category(lang: str, count: int) -> str:
    return str(Locale.parse(lang).plural_form(count))


@cache
def _load_translator(lang: str) -> Translator:
    text = resources.files("sitegen").joinpath(f"translations/{lang}.yaml").read_text("utf-8")
    strings = yaml.safe_load(text)
    if not isinstance(strings, dict):
        raise ValueError(f"translations/{lang}.yaml must be a mapping")
    return Translator(lang, strings)


@cache  # CLDR formatting is slow and pages repeat the same few values
def format_date_value(value: DateValue | None, lang: str) -> str:
    """A date as precisely as it is known: ``23 czerwca 2018``, ``styczeń 2022``, ``2018``.

    An undated record's date is ``""``, so every page, feed and index shows it alike.
    """
    if value is None:
        return ""
    if value.day is not None and value.month is not None:
        return format_date(datetime.date(value.year, value.month, value.day), "d MMMM y", lang)
    if value.month is not None:
        return format_date(datetime.date(value.year, value.month, 1), "LLLL y", lang)
    return str(value.year)


@cache
def month_name(month: int, lang: str) -> str:
    """The stand-alone month name as a heading (``Czerwiec``, ``June``)."""
    name = standalone_month(month, lang)
    return name[:1].upper() + name[1:]


def standalone_month(month: int, lang: str) -> str:
    """The month named on its own, as running text writes it (``czerwiec``, ``June``)."""
    return str(format_date(datetime.date(2000, month, 1), "LLLL", lang))


@cache
def language_name(code: str, lang: str) -> str:
    """The name of language ``code`` in ``lang`` from CLDR (``rosyjski``, ``Russian``)."""
    name = str(Locale.parse(lang).languages.get(code, code))
    return name[:1].upper() + name[1:]


@cache
def format_number(number: int, lang: str) -> str:
    return format_decimal(number, locale=lang)


@lru_cache(maxsize=65536)  # the same labels are sorted on every page that lists them
def collation_key(text: str) -> tuple[tuple[int, int], ...]:
    """A sort key in Polish alphabetical order, case- and accent-insensitive elsewhere.

    Letters outside the Polish alphabet sort by their base letter, after it.
    """
    key: list[tuple[int, int]] = []
    for char in text.casefold():
        if char in _RANK:
            key.append((_RANK[char], 0))
            continue
        base = unicodedata.normalize("NFD", char)[0]
        if base in _RANK:
            key.append((_RANK[base], 1))
        elif char.isalnum():
            # Digits and other scripts after Latin letters, in code-point order.
            key.append((len(_RANK) + ord(char), 0))
        # Spaces and punctuation do not decide the order.
    return tuple(key)


def initial_letter(text: str) -> str:
    """The A–Z heading a label files under (``Ł`` stays ``Ł``)."""
    for char in text:
        if char.isalnum():
            return char.upper()
    return "#"
