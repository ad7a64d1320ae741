"""Russian morphology for :mod:`sitegen.load.parsing.names`, with pymorphy3.

OpenCorpora tags first names ``Name``, surnames ``Surn`` and patronymics ``Patr``;
a name's words share one case, so the case (and gender) most of its words can be
in is chosen, and each word is put into the nominative of that gender.

    >>> fold_person(["Ермека", "Кошербаева"])
    ['Ермек', 'Кошербаев']
"""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Sequence
from typing import Any

from sitegen.load.parsing.names_lexicon import words

CaseGender = tuple[str, str]
# Endings of names pymorphy3 guesses badly: ending, cases, gender, nominative ending.
_RULES: tuple[tuple[str, str, str, str], ...] = (
    ("овой", "gent datv ablt loct", "femn", "ова"),
    ("евой", "gent datv ablt loct", "femn", "ева"),
    ("иной", "gent datv ablt loct", "femn", "ина"),
    ("ской", "gent datv ablt loct", "femn", "ская"),
    ("скую", "accs", "femn", "ская"),
    ("ского", "gent accs", "masc", "ский"),
    ("скому", "datv", "masc", "ский"),
    ("ским", "ablt", "masc", "ский"),
    ("ом", "ablt", "masc", ""),
    ("ым", "ablt", "masc", ""),
    ("еем", "ablt", "masc", "ей"),
    ("ой", "ablt", "masc", "а"),
    ("у", "datv", "masc", ""),
)
_CONSONANT_A = "бвгджзклмнпрстфхцчшщ"
ORG_HEADS = words(
    "министерство сенат комитет штаб сила посольство академия полиция служба агентство"
    " парламент правительство совет союз группа комиссия палата ассамблея мажилис меджлис"
    " университет банк фонд центр управление департамент ведомство администрация консульство"
    " институт партия организация альянс содружество милли"
)


@functools.cache
def _analyser() -> Any:
    import pymorphy3  # noqa: PLC0415 - loads its dictionaries: only when Russian is read

    return pymorphy3.MorphAnalyzer()


def russian_parses(word: str) -> tuple[Any, ...]:
    """pymorphy3's parses of one word (lower-cased), most likely first; ``()`` if none."""
    return _parses(word)


@functools.lru_cache(maxsize=65536)
def _parses(word: str) -> tuple[Any, ...]:
    if not word or len(word) > 60:
        return ()
    try:
        return tuple(_analyser().parse(word.lower()))
    except Exception:  # the analyser failed on an odd string: nothing known
        return ()


def russian_lemmas(word: str) -> tuple[str, ...]:
    """The dictionary forms of a word (lower-cased): every known reading's, else the best guess.

    >>> russian_lemmas("Казахстана")
    ('казахстан',)
    """
    parses = _parses(word)
    known = {p.normal_form for p in parses if p.is_known}
    return tuple(sorted(known)) or tuple(p.normal_form for p in parses[:1]) or (word.lower(),)


def russian_lexeme(lemma: str) -> frozenset[str]:
    """Every form of a known dictionary word (none for a guessed one)."""
    return frozenset(
        form.word
        for p in _parses(lemma)
        if p.is_known and p.normal_form == lemma
        for form in p.lexeme
    )


@functools.lru_cache(maxsize=65536)
def word_class(word: str, sentence_initial: bool) -> str:
    """Same classes as :func:`sitegen.load.parsing.names_pl.word_class`."""
    known = [p for p in _parses(word) if p.is_known]
    if not known:
        return "unknown"
    tags = [p.tag for p in known]
    if head_lemma(word):
        return "no"
    if any("Name" in t and "sing" in t for t in tags):
        return "first"
    if any("Surn" in t or "Patr" in t for t in tags):
        return "weak" if sentence_initial else "surname"
    if sentence_initial or any("Geox" in t or "Orgn" in t for t in tags):
        return "no"
    return "weak"


def is_known_surname(word: str) -> bool:
    """A surname the dictionary knows, as its most likely reading ("Путину")."""
    parses = _parses(word)
    return bool(parses) and parses[0].is_known and "Surn" in parses[0].tag


@functools.lru_cache(maxsize=16384)
def _options(word: str) -> dict[CaseGender, tuple[str, float]]:
    """Nominative and weight per (case, gender) the word can be in."""
    out: dict[CaseGender, tuple[str, float]] = {}
    for parse in _parses(word):
        tag = parse.tag
        if tag.POS not in {"NOUN", "ADJF"} or tag.number != "sing" or tag.case is None:
            continue
        if not parse.is_known and ("Geox" in tag or "Orgn" in tag):
            continue
        weight = parse.score + (1.0 if {"Name", "Surn", "Patr"} & set(tag.grammemes) else 0.0)
        weight += 1.0 if parse.is_known else 0.0
        gender = "femn" if tag.gender == "femn" else "masc"
        try:
            nominative = parse.inflect({"nomn"})
        except Exception:  # no such form in the lexeme
            nominative = None
        form = nominative.word if nominative is not None else parse.word
        key = (tag.case, gender)
        if key not in out or out[key][1] < weight:
            out[key] = (form, weight)
    low = word.lower()
    for ending, cases, gender, replacement in _RULES:
        if low.endswith(ending) and len(low) > len(ending) + 2:
            for case in cases.split():
                out.setdefault((case, gender), (low[: -len(ending)] + replacement, 0.5))
    if len(low) > 3 and low.endswith("а") and low[-2] in _CONSONANT_A:
        out.setdefault(("gent", "masc"), (low[:-1], 0.5))
    return out


def fold_person(words: Sequence[str]) -> list[str]:
    """Nominative of each word of a Russian name, capitals as written."""
    options = [_options(w) for w in words]  # cached: read only
    votes: Counter[CaseGender] = Counter()
    for option in options:
        for key, (_form, weight) in option.items():
            votes[key] += weight  # type: ignore[assignment]
    if not votes:
        return list(words)
    best = max(votes, key=lambda k: (votes[k], k[0] == "nomn"))
    out = []
    for word, option in zip(words, options, strict=True):
        if best[0] == "nomn":
            out.append(word)
            continue
        match = option.get(best) or next((v for k, v in option.items() if k[0] == best[0]), None)
        out.append(_restore(match[0], word) if match else word)
    return out


def _restore(lemma: str, surface: str) -> str:
    if "ё" not in surface.lower():
        lemma = lemma.replace("ё", "е")  # as the text spells it: "Вооруженные"
    parts, shapes = lemma.split("-"), surface.split("-")
    if len(parts) != len(shapes):
        return lemma[:1].upper() + lemma[1:]
    return "-".join(
        p[:1].upper() + p[1:] if s[:1].isupper() else p for p, s in zip(parts, shapes, strict=True)
    )


def head_lemma(word: str) -> str | None:
    for parse in _parses(word):
        if parse.tag.POS == "NOUN" and parse.normal_form in ORG_HEADS:
            return str(parse.normal_form)
    return None


def is_genitive(word: str) -> bool:
    """Whether ``word`` can be a genitive attribute ("обороны", "Грузии")."""
    parses = _parses(word)
    return len(word) > 2 and bool(parses) and parses[0].tag.case == "gent"


def is_adjective(word: str) -> bool:
    parses = _parses(word)
    return bool(parses) and parses[0].tag.POS == "ADJF"


def fold_organisation(words: Sequence[str], head: int) -> list[str]:
    """Head noun and the adjectives before it to the nominative; the rest as is."""
    parses = [p for p in _parses(words[head]) if p.normal_form in ORG_HEADS]
    if not parses or parses[0].tag.case == "nomn":
        return list(words)
    parse = parses[0]
    number = parse.tag.number or "sing"
    out = list(words)
    target = parse.inflect({"nomn", number})
    if target is not None:
        out[head] = _restore(target.word, words[head])
    gender = parse.tag.gender
    for index in range(head):
        for adj in _parses(words[index]):
            if adj.tag.POS == "ADJF" and adj.tag.case == parse.tag.case:
                wanted = {"nomn", number} | ({gender} if number == "sing" and gender else set())
                inflected = adj.inflect(wanted)
                if inflected is not None:
                    out[index] = _restore(inflected.word, words[index])
                break
    return out
