"""Polish case forms of names, generated with the Morfeusz 2 analyser.

Press texts inflect names (*Kazachstan*, *w Kazachstanie*, *z Kazachstanem*), so
the gazetteer matches every case form of a name. :func:`polish_forms` turns a name
in the nominative into all of them, keeping multi-word names grammatical: the head
noun is inflected, and the adjectives (or nouns in apposition) agreeing with it
follow in the same case and number, while genitive attributes stay as they are.

Example::

    >>> sorted(polish_forms("Grupa Wyszehradzka"))[:3]
    ['Grup Wyszehradzkich', 'Grupa Wyszehradzka', 'Grupach Wyszehradzkich']
    >>> "Radzie Bezpieczeństwa ONZ" in polish_forms("Rada Bezpieczeństwa ONZ")
    True
"""

from __future__ import annotations

import functools
import itertools
import re
from dataclasses import dataclass
from typing import Any

import morfeusz2

__all__ = ["polish_forms", "polish_lemmas", "polish_lexeme", "polish_readings"]

CASES = ("nom", "gen", "dat", "acc", "inst", "loc", "voc")
NUMBERS = ("sg", "pl")
# Parts of speech that agree with a noun like an adjective does (ppas: "Zjednoczone").
AGREEING_POS = frozenset({"adj", "ppas", "pact"})
CONJUNCTIONS = frozenset({"i", "oraz"})
# Readings of proper names ranked before common nouns, surnames and first names last,
# so "Polska" inflects as the country (Polski, Polsce), not as the surname (Polskiej).
QUALIFIER_RANK = {"nazwa_geograficzna": 0, "nazwa_organizacji": 1, "człon_nazwy_geograficznej": 2}
PERSONAL_QUALIFIERS = frozenset({"imię", "nazwisko"})
# Separators between the words of a phrase; kept verbatim in the outputs.
_SPLIT = re.compile(r"(\s+|-)")


@dataclass(frozen=True)
class _Reading:
    """One Morfeusz interpretation of a word: lemma, tag fields and qualifiers."""

    lemma: str
    tag: tuple[frozenset[str], ...]
    qualifiers: tuple[str, ...]

    @property
    def pos(self) -> str:
        return next(iter(self.tag[0]))

    def has(self, index: int, value: str) -> bool:
        return len(self.tag) > index and value in self.tag[index]

    @property
    def is_lemma_of(self) -> str:
        """The lemma without Morfeusz's homonym suffix (``Polska:Sf~i`` → ``Polska``)."""
        return self.lemma.split(":", 1)[0]


def polish_forms(phrase: str, *, keep_number: bool = False) -> frozenset[str]:
    """Return ``phrase`` with all its Polish case forms, singular and plural.

    With ``keep_number`` only the number the phrase is given in is generated: the
    plural of a country's name ("Kosów" of "Kosowo") is mostly another place.

    Words Morfeusz does not know (foreign names, acronyms) are kept as they are, and
    a phrase whose head is not in the nominative (already inflected: "Pawła") is
    returned alone. Never raises.

    Example::

        >>> {"Kazachstanie", "Kazachstanu"} <= polish_forms("Kazachstan")
        True
    """
    try:
        return _polish_forms_cached(phrase, keep_number)
    except Exception:  # the analyser is a C++ library: any surprise means "no forms"
        return frozenset({phrase})


@functools.lru_cache(maxsize=8192)
def _polish_forms_cached(phrase: str, keep_number: bool) -> frozenset[str]:
    parts = _SPLIT.split(phrase)
    words, separators = parts[0::2], parts[1::2]
    plan = _plan(words, separators)
    if plan is None:
        return frozenset({phrase})
    numbers = [n for n in plan.numbers if not keep_number or n in plan.given_numbers]
    forms = {phrase}
    for number, case in itertools.product(numbers, CASES):
        choices: list[list[str]] = []
        for word, slot in zip(words, plan.slots, strict=True):
            generated = frozenset({word}) if slot is None else _forms_in(slot, number, case)
            if not generated:
                break  # e.g. no plural: skip this number rather than mix forms
            choices.append(sorted({_match_case(form, word) for form in generated}))
        else:
            forms.update(_join(words, separators) for words in itertools.product(*choices))
    return frozenset(forms)


@dataclass(frozen=True)
class _Slot:
    """How one word of a phrase inflects: its reading and the genders it agrees with."""

    reading: _Reading
    genders: frozenset[str]
    own_numbers: frozenset[str] | None = None  # a conjunct keeps its own number
    every_form: bool = False  # a lone adjective: all genders, numbers and cases


@dataclass(frozen=True)
class _Plan:
    slots: list[_Slot | None]  # None: the word is kept as it is
    numbers: tuple[str, ...]
    given_numbers: frozenset[str]  # the number(s) of the phrase as written


def _plan(words: list[str], separators: list[str]) -> _Plan | None:
    """Decide which words inflect and how; ``None`` when nothing inflects."""
    if len(words) == 1 and words[0][:1].islower():
        lone = _lemma_adjective_reading(words[0])
        if lone is not None:
            return _Plan([_Slot(lone, frozenset(), every_form=True)], ("sg",), frozenset({"sg"}))
    head_index = _find_head(words)
    if head_index is None:
        return None
    head = _head_reading(words[head_index], _next_is_personal_name(words, head_index))
    if head is None:
        return None
    genders, numbers = head.tag[3], head.tag[1]
    slots: list[_Slot | None] = [None] * len(words)
    slots[head_index] = _Slot(head, genders)
    # Adjectives before the head ("Szanghajska Organizacja") must agree with it.
    for index in range(head_index):
        if not _is_transparent(words[index]):
            reading = _agreeing_reading(words[index], numbers, genders)
            if reading is None:
                return None
            slots[index] = _Slot(reading, genders)
    # After the head, agreeing adjectives and appositions take its case; the first
    # other word (a genitive attribute, a preposition) ends the inflected part.
    index = head_index + 1
    while index < len(words):
        word = words[index]
        before_hyphen = index < len(separators) and separators[index] == "-"
        if _is_transparent(word) or (before_hyphen and _is_compound_prefix(word)):
            index += 1
            continue
        if word in CONJUNCTIONS and index + 1 < len(words):
            conjunct = _head_reading(words[index + 1])
            if conjunct is None:
                break
            genders = conjunct.tag[3]
            slots[index + 1] = _Slot(conjunct, genders, own_numbers=conjunct.tag[1])
            index += 2
            continue
        adjective = _agreeing_reading(word, numbers, genders)
        noun = None if adjective else _apposition_reading(word, numbers, genders)
        if adjective is not None:
            slots[index] = _Slot(adjective, genders)
        elif noun is not None:
            slots[index] = _Slot(noun, noun.tag[3])
        else:
            break
        index += 1
    # A head given in the plural ("Emiraty") has no singular forms worth generating.
    plural_only = head.is_lemma_of.lower() != words[head_index].lower()
    return _Plan(slots, ("pl",) if plural_only else NUMBERS, numbers)


def _find_head(words: list[str]) -> int | None:
    """Index of the head noun, skipping the adjectives before it ("Nowa Zelandia")."""
    content = [index for index, word in enumerate(words) if not _is_transparent(word)]
    for position, index in enumerate(content):
        is_noun = _head_reading(words[index]) is not None
        is_adjective = any(
            r.pos in AGREEING_POS and r.has(2, "nom") for r in _readings(words[index])
        )
        if is_noun and is_adjective:
            following = content[position + 1 : position + 2]
            if following and _is_noun_lemma(words[following[0]]):
                continue
            return index
        if is_noun:
            return index
        if not is_adjective:
            return None
    return None


def _is_noun_lemma(word: str) -> bool:
    # Lemmas only: "Bezpieczeństwa" is also a plural nominative, but not a head here.
    head = _head_reading(word)
    return head is not None and head.is_lemma_of.lower() == word.lower()


def _next_is_personal_name(words: list[str], head_index: int) -> bool:
    """Whether a surname follows the head, so "Paweł" is the first name, not the bird."""
    for word in words[head_index + 1 :]:
        if _is_transparent(word):
            continue
        readings = _readings(word)
        if any(r.pos in AGREEING_POS for r in readings):
            return False  # "Bank Światowy": an adjective, though also a surname
        return any(
            r.pos == "subst"
            and r.has(2, "nom")
            and r.is_lemma_of == word
            and set(r.qualifiers) & PERSONAL_QUALIFIERS
            for r in readings
        )
    return False


def _lemma_adjective_reading(word: str) -> _Reading | None:
    for reading in _readings(word):
        if reading.pos == "adj" and reading.is_lemma_of == word and reading.has(4, "pos"):
            return reading
    return None


def _head_reading(word: str, prefer_personal: bool = False) -> _Reading | None:
    """The best reading of ``word`` as a nominative noun: a lemma or a plural."""
    readings = _readings(word)
    nominative = [r for r in readings if r.pos == "subst" and r.has(2, "nom") and len(r.tag) > 3]
    candidates = [r for r in nominative if r.is_lemma_of.lower() == word.lower()] or [
        r for r in nominative if r.tag[1] == {"pl"}
    ]
    if not candidates:
        return None
    best = min(
        candidates,
        key=lambda r: (
            not (prefer_personal and set(r.qualifiers) & PERSONAL_QUALIFIERS),
            _rank(r),
            r.lemma,
        ),
    )
    # "Pawła" is a rare first name but far more often the genitive of "Paweł":
    # a name that is also an oblique singular of another name is taken as inflected.
    if set(best.qualifiers) & PERSONAL_QUALIFIERS and any(
        r.pos == "subst"
        and r.has(1, "sg")
        and not r.has(2, "nom")
        and r.is_lemma_of != best.is_lemma_of
        and set(r.qualifiers) & PERSONAL_QUALIFIERS
        for r in readings
    ):
        return None
    return best


def _rank(reading: _Reading) -> int:
    if set(reading.qualifiers) & PERSONAL_QUALIFIERS:
        return 4
    return min((QUALIFIER_RANK.get(q, 3) for q in reading.qualifiers), default=3)


def _agreeing_reading(
    word: str, numbers: frozenset[str], genders: frozenset[str]
) -> _Reading | None:
    for reading in _readings(word):
        if (
            reading.pos in AGREEING_POS
            and reading.has(2, "nom")
            and reading.tag[1] & numbers
            and len(reading.tag) > 3
            and reading.tag[3] & genders
        ):
            return reading
    return None


def _apposition_reading(
    word: str, numbers: frozenset[str], genders: frozenset[str]
) -> _Reading | None:
    candidates = [
        r
        for r in _readings(word)
        if r.pos == "subst"
        and r.has(2, "nom")
        and r.tag[1] & numbers
        and r.is_lemma_of.lower() == word.lower()
    ]
    # Prefer the reading of the head's gender: "Paweł Soloch" is a man's surname.
    candidates.sort(key=lambda r: (not (r.tag[3] & genders), _rank(r), r.lemma))
    return candidates[0] if candidates else None


def _is_transparent(word: str) -> bool:
    """Words kept verbatim without ending the phrase: unknown, acronyms, digits."""
    if not word.isalpha() or (len(word) > 1 and word.isupper()):
        return True
    return all(r.pos in {"ign", "frag"} for r in _readings(word))


def _is_compound_prefix(word: str) -> bool:
    """``polsko`` in ``Polsko-Kazachstańska``: a compound adjective's first part."""
    # Alone, Morfeusz reads "polsko" as an adverb; only before a hyphen is it "adja".
    return word.lower().endswith("o") and any(r.pos in {"adja", "adv"} for r in _readings(word))


def _forms_in(slot: _Slot, number: str, case: str) -> frozenset[str]:
    reading = slot.reading
    if slot.every_form:
        return (
            _all_adjective_forms(reading.lemma) if (number, case) == ("sg", "nom") else frozenset()
        )
    if slot.own_numbers is not None and number not in slot.own_numbers:
        number = min(slot.own_numbers)
    return frozenset(
        form
        for form, tag in _generate(reading.lemma)
        if tag[0] == reading.tag[0]
        and len(tag) > 3
        and number in tag[1]
        and case in tag[2]
        and tag[3] & slot.genders
        and tag[4:] == reading.tag[4:]
    )


def _all_adjective_forms(lemma: str) -> frozenset[str]:
    """Every positive-degree form of an adjective, with ``-sko`` and ``po -sku``."""
    return frozenset(
        form
        for form, tag in _generate(lemma)
        if tag[0] & {"adja", "adjp"} or (tag[0] == {"adj"} and "pos" in tag[-1])
    )


def _match_case(form: str, original: str) -> str:
    """Give ``form`` the capitalisation of the input word it replaces."""
    if len(original) > 1 and original.isupper():
        return form.upper()
    if original[:1].isupper():
        return form[:1].upper() + form[1:]
    return form[:1].lower() + form[1:]


def _join(words: tuple[str, ...], separators: list[str]) -> str:
    pieces = [words[0]]
    for separator, word in zip(separators, words[1:], strict=True):
        pieces.extend((separator, word))
    return "".join(pieces)


@functools.lru_cache(maxsize=1)
def _morfeusz() -> Any:
    # Loading the dictionary takes a quarter of a second: once per process.
    return morfeusz2.Morfeusz()


def polish_readings(word: str) -> tuple[_Reading, ...]:
    """Morfeusz's readings of one word (lemma, tag, qualifiers such as ``imię``)."""
    return _readings(word)


def polish_lemmas(word: str) -> tuple[str, ...]:
    """The lemmas of a word, homonym marks dropped; the word itself when Morfeusz does not know it.

    A word Morfeusz splits into segments counts by its first (``zrobiłem`` → ``zrobić``).

    >>> polish_lemmas("Kazachstanu"), polish_lemmas("zrobiłem")
    (('Kazachstan',), ('zrobić',))
    """
    if not word:
        return ()
    lemmas = {
        lemma.split(":", 1)[0]
        for start, _end, (_form, lemma, _tag, _q, _l) in _morfeusz().analyse(word)
        if start == 0
    }
    return tuple(sorted(lemmas)) or (word,)


def polish_lexeme(lemma: str) -> frozenset[str]:
    """The forms Morfeusz generates for a lemma, negated ones aside (*niezrobienie*).

    A word Morfeusz does not know is its own only form.
    """
    return frozenset(form for form, tag in _generate(lemma) if not any("neg" in f for f in tag))


@functools.lru_cache(maxsize=16384)
def _readings(word: str) -> tuple[_Reading, ...]:
    """Readings of a single word; a word Morfeusz splits into segments has none."""
    if not word or not word.isalpha():
        return ()
    analysis = _morfeusz().analyse(word)
    if any(end != 1 for _start, end, _interp in analysis):
        return ()
    return tuple(
        _Reading(lemma, _parse_tag(tag), tuple(qualifiers))
        for _start, _end, (_form, lemma, tag, qualifiers, _labels) in analysis
    )


@functools.lru_cache(maxsize=4096)
def _generate(lemma: str) -> tuple[tuple[str, tuple[frozenset[str], ...]], ...]:
    return tuple(
        (form, _parse_tag(tag)) for form, _lemma, tag, _q, _l in _morfeusz().generate(lemma)
    )


@functools.lru_cache(maxsize=8192)
def _parse_tag(tag: str) -> tuple[frozenset[str], ...]:
    """``adj:sg:nom.voc:f:pos`` → one set of alternatives per field.

    Kept: Morfeusz's tags are a few thousand strings, and every kept paradigm and reading
    holds one per form (a paradigm's parsed tags were 1.7 KB a form, ten times its words).
    """
    return tuple(frozenset(field.split(".")) for field in tag.split(":"))
