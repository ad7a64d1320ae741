"""Polish morphology for :mod:`sitegen.load.parsing.names`: word classes and nominatives.

Morfeusz 2 (SGJP) knows Polish first names (qualifier ``imię``), many surnames
(``nazwisko``) and adjectival surnames as adjectives ("Grodzkiego" → *grodzki*).
Foreign names in Polish spelling ("Aszymbajewa", "Vakhtangiem") are unknown to
it, so suffix rules keyed on the case and gender shared by the whole name fold them.

    >>> fold_person(["Jadwigę", "Gangolewską"], None)
    ['Jadwiga', 'Gangolewska']
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Iterable, Sequence

import morfeusz2

from sitegen.load.parsing.names_lexicon import first_name_gender, is_first_name, is_title, words

# (case, gender) pairs; gender is "m" or "f".
CaseGender = tuple[str, str]

# Suffix rules for words Morfeusz does not know: ending, cases, gender, replacement.
# Ordered longest ending first; a word takes the first rule whose ending matches for
# a given (case, gender).
_RULES: tuple[tuple[str, str, str, str], ...] = (
    ("kiego", "gen acc", "m", "ki"),
    ("kiemu", "dat", "m", "ki"),
    ("kiej", "gen dat loc", "f", "ka"),
    ("iego", "gen acc", "m", "i"),
    ("owej", "gen dat loc", "f", "owa"),
    ("ewej", "gen dat loc", "f", "ewa"),
    ("ovej", "gen dat loc", "f", "ova"),
    ("evej", "gen dat loc", "f", "eva"),
    ("kim", "inst loc", "m", "ki"),
    ("owie", "loc", "m", "ow"),
    ("ewie", "loc", "m", "ew"),
    ("kiem", "inst", "m", "k"),
    ("giem", "inst", "m", "g"),
    ("owi", "dat", "m", ""),
    ("em", "inst", "m", ""),
    ("ię", "acc", "f", "ia"),
    ("ią", "inst", "f", "ia"),
    ("ą", "acc inst", "f", "a"),
    ("ą", "inst", "m", "a"),
    ("ę", "acc", "f", "a"),
    ("ę", "acc", "m", "a"),
)
_VOWELS = frozenset("aąeęioóuyAĄEĘIOÓUY")
# Possessive or plural adjectives in Polish: never a name alone.
_ADJ_SURNAME = re.compile(r"(?:[sc]k|dzk)(?:i|a|iego|iej|iemu|im|ą)$")
_NOM_F = re.compile(r"(?:[sc]k|dzk)a$")
_PREP_CASE = {
    "z": ("inst",),
    "ze": ("inst",),
    "dla": ("gen",),
    "do": ("gen",),
    "od": ("gen",),
    "u": ("gen",),
    "wobec": ("gen",),
    "przez": ("acc",),
    "o": ("loc",),
    "przy": ("loc",),
    "dzięki": ("dat",),
}


@functools.cache
def _analyser() -> morfeusz2.Morfeusz:
    return morfeusz2.Morfeusz(expand_tags=True)


@functools.lru_cache(maxsize=65536)
def _readings(word: str) -> tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...]:
    """(lemma, tag fields, qualifiers) of a whole-word analysis; ``()`` when unknown."""
    if not word or len(word) > 60:
        return ()
    try:
        found = _analyser().analyse(word)
    except Exception:  # a C++ library: any surprise means "unknown word"
        return ()
    out = []
    for start, end, (_form, lemma, tag, qualifiers, _labels) in found:
        if start == 0 and end == 1 and tag != "ign":
            out.append((lemma.split(":", 1)[0], tuple(tag.split(":")), tuple(qualifiers)))
    if any(end != 1 for _s, end, _i in found):
        return ()  # split into several segments: not one name word
    return tuple(out)


@functools.lru_cache(maxsize=4096)
def _compound_adjective(word: str) -> bool:
    try:
        return any(
            tag.startswith("adja") for _s, _e, (_f, _l, tag, _q, _x) in _analyser().analyse(word)
        )
    except Exception:  # unknown to the analyser: no compound adjective
        return False


@functools.lru_cache(maxsize=65536)
def word_class(word: str, sentence_initial: bool) -> str:
    """``first``, ``surname``, ``unknown``, ``weak`` (adjective/common noun that may be a
    surname) or ``no`` (ordinary word, place, organisation)."""
    readings = _readings(word)
    if "-" in word and _compound_adjective(word.lower()):
        return "no"  # "Polsko-Armeńskiej"
    if not readings:
        return "first" if is_first_name(_guess_stem(word)) else "unknown"
    if any("imię" in q and lemma[:1].isupper() for lemma, _t, q in readings):
        return "first"
    place = any("nazwa_geograficzna" in q for _l, _t, q in readings)
    common = place or any(lemma[:1].islower() for lemma, _t, q in readings)
    if head_lemma(word):
        return "no"
    if any("nazwisko" in q for _l, _t, q in readings):  # many surnames are also villages
        return "weak" if common or sentence_initial else "surname"
    if sentence_initial or place:
        return "no"
    if _ADJ_SURNAME.search(word):
        return "weak"  # "Grodzkiego": an adjective to Morfeusz, a surname here
    return (
        "weak"
        if any(t[0] == "subst" and lemma[:1].isupper() for lemma, t, _q in readings)
        else "no"
    )


def is_adjective_or_place(word: str) -> bool:
    """Also an adjective or a place ("Wielkopolskim", "Śląski"): no name on its own."""
    return any(t[0] == "adj" or "nazwa_geograficzna" in q for _l, t, q in _readings(word))


def _guess_stem(word: str) -> str:
    """A first name unknown to Morfeusz, stripped of a likely case ending."""
    for ending in ("iem", "em", "a", "owi"):
        if (
            word.endswith(ending)
            and len(word) > len(ending) + 2
            and is_first_name(word[: -len(ending)])
        ):
            return word[: -len(ending)]
    return word


def _gender(tag: Sequence[str]) -> str | None:
    genders = tag[3].split(".") if len(tag) > 3 else []
    if "f" in genders:
        return "f"
    return "m" if any(g.startswith("m") for g in genders) else None


def _known(word: str, first: bool = False) -> dict[CaseGender, str]:
    """Nominatives Morfeusz gives a name word per (case, gender) it can be in; a first
    word is read as a first name when it can be one ("Tomasz" is also a surname)."""
    out: dict[CaseGender, str] = {}
    readings = _readings(word)
    if first and any("imię" in q for _l, _t, q in readings):
        readings = tuple(r for r in readings if "imię" in r[2])
    for lemma, tag, quals in readings:
        if len(tag) < 4 or tag[1] != "sg":
            continue
        gender = _gender(tag)
        if gender is None:
            continue
        if tag[0] == "subst" and (lemma[:1].isupper() or {"imię", "nazwisko"} & set(quals)):
            nominative = lemma
        elif tag[0] == "adj" and _ADJ_SURNAME.search(word):
            nominative = _adjective_nominative(lemma, gender)
        else:
            continue
        for case in tag[2].split("."):
            out.setdefault((case, gender), _restore(nominative, word))
    return out


def _adjective_nominative(lemma: str, gender: str) -> str:
    if gender == "f" and lemma.endswith("i"):
        return lemma[:-1] + "a"
    return lemma


def _guesses(word: str) -> dict[CaseGender, str]:
    """Nominatives by suffix rules per (case, gender), for a word Morfeusz lacks."""
    out: dict[CaseGender, str] = {}
    low = word.lower()
    for ending, cases, gender, replacement in _RULES:
        if low.endswith(ending) and len(word) > len(ending) + 1:
            for case in cases.split():
                out.setdefault((case, gender), word[: len(word) - len(ending)] + replacement)
    # masculine genitive/accusative in -a ("Maulena", "Aszymbajewa"), but not -ia or -ska
    if low.endswith("a") and len(word) > 3 and word[-2] not in _VOWELS and not _NOM_F.search(low):
        for case in ("gen", "acc"):
            out.setdefault((case, "m"), word[:-1])
    if low.endswith("a"):
        out.setdefault(("nom", "f"), word)
    elif not low.endswith(("ą", "ę", "em", "iego", "owi")):
        out.setdefault(("nom", "m"), word)  # or an indeclinable woman's name: "Nargiz"
        out.setdefault(("nom", "f"), word)
    return out


def _restore(lemma: str, surface: str) -> str:
    """Give ``lemma`` the capitals of ``surface`` ("grodzki" → "Grodzki")."""
    parts = lemma.split("-")
    shapes = surface.split("-")
    if len(parts) != len(shapes):
        return lemma[:1].upper() + lemma[1:] if surface[:1].isupper() else lemma
    return "-".join(
        p[:1].upper() + p[1:] if s[:1].isupper() else p for p, s in zip(parts, shapes, strict=True)
    )


def _context_cases(before: Iterable[str]) -> set[CaseGender]:
    """Cases the words just before a name suggest: a title's own case, a preposition's."""
    out: set[CaseGender] = set()
    for position, word in enumerate(before):
        low = word.lower()
        if position == 0 and low in _PREP_CASE:
            return {(c, g) for c in _PREP_CASE[low] for g in "mf"}
        if not is_title(word):
            continue
        for _lemma, tag, _q in _readings(low):
            # a person's role only ("ambasadora": m1); "fot." (a photo credit) says nothing
            personal = len(tag) > 3 and ("m1" in tag[3].split(".") or tag[3] == "f")
            if tag[0] in {"subst", "adj", "ppas", "pact"} and personal and tag[1] == "sg":
                gender = _gender(tag)
                if gender:
                    out.update((c, gender) for c in tag[2].split("."))
        break
    return out


def fold_person(words: Sequence[str], before: Sequence[str] | None) -> list[str]:
    """Nominative of each word of a name; ``before``: the words before it, nearest first."""
    options: list[dict[CaseGender, str]] = []
    votes: Counter[CaseGender] = Counter()
    for position, word in enumerate(words):
        parts = word.split("-")
        known = _known(word, first=position == 0 and len(words) > 1)
        guessed = _guesses(word) if not known and not _readings(word) else {}
        if len(parts) > 1 and not known:
            guessed = _hyphenated(parts)
        options.append(known or guessed)
        for key in known:
            votes[key] += 2
        for key in guessed:
            votes[key] += 1
    context = _context_cases(before or [])
    for key in context:
        votes[key] += 1.5  # type: ignore[assignment]
    if len(words) > 1 and not _readings(words[0]):
        # An unknown first name: the lexicon's gender; a consonant + "a" one that the
        # lexicon knows only without the "a" (or not at all) is a man's genitive.
        genders = {first_name_gender(n) for n in options[0].values()} - {None}
        for key in votes:
            if any(key[1] in g for g in genders if g):
                votes[key] += 1
        for key, nominative in options[0].items():
            if nominative != words[0] and key[0] in {"gen", "acc"} and not genders:
                votes[key] += 0.5  # type: ignore[assignment]
    best = max(votes, key=lambda k: (votes[k], k[0] == "nom"), default=None)
    if best is None:
        return list(words)
    return [_pick(w, o, best) for w, o in zip(words, options, strict=True)]


def _pick(word: str, option: dict[CaseGender, str], best: CaseGender) -> str:
    """The word's nominative in the name's case; a word that cannot be in that case
    (a typo: "Tomasz Grodzkiego") takes its own best reading of the same gender."""
    if best in option:
        return option[best]
    if best[0] == "nom" and any(k[0] == "nom" for k in option):
        return word  # "Zaza": a man's name in -a, already in the nominative
    same_gender = [v for k, v in option.items() if k[1] == best[1]]
    return same_gender[0] if same_gender else word


def _hyphenated(parts: list[str]) -> dict[CaseGender, str]:
    """A double first name or surname: each part in the case both share."""
    per_part = [_known(p) or _guesses(p) for p in parts]
    for part, option in zip(parts[1:], per_part[1:], strict=True):
        if part.endswith("y") and len(part) > 3 and part[-2] not in _VOWELS:
            for case in ("gen", "acc"):  # "Kasyma-Żomarty": both parts declined
                option.setdefault((case, "m"), part[:-1])
    keys = set(per_part[0])
    return {k: "-".join(_pick(s, p, k) for p, s in zip(per_part, parts, strict=True)) for k in keys}


ORG_HEADS = words(
    "ministerstwo komisja komenda biuro senat sejm urząd związek grupa kancelaria zgromadzenie"
    " sztab dowództwo ambasada konsulat rada agencja instytut fundacja uniwersytet akademia izba"
    " trybunał sąd straż centrum bank stowarzyszenie departament wydział inspektorat prokuratura"
    " parlament rząd komitet służba policja federacja partia muzeum szkoła organizacja unia"
    " zarząd izba wojsko siły"
)


@functools.lru_cache(maxsize=16384)
def head_lemma(word: str) -> str | None:
    """The lemma of ``word`` when it is the head noun of an institution's name."""
    for lemma, tag, _q in _readings(word.lower()):
        if tag[0] == "subst" and lemma in ORG_HEADS:
            return lemma
    return None


@functools.lru_cache(maxsize=4096)
def _forms(lemma: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    try:
        generated = _analyser().generate(lemma)
        return tuple((form, tuple(tag.split(":"))) for form, _l, tag, _q, _x in generated)
    except Exception:  # an unknown lemma: nothing to generate
        return ()


def fold_organisation(words: Sequence[str], head: int) -> list[str]:
    """Head noun and the adjectives agreeing with it to the nominative; the rest as is."""
    readings = [
        r for r in _readings(words[head].lower()) if r[1][0] == "subst" and r[0] in ORG_HEADS
    ]
    if not readings:
        return list(words)

    def agrees(reading: tuple[str, tuple[str, ...], tuple[str, ...]]) -> bool:
        _l, t, _q = reading
        near = [*words[head + 1 : head + 2], *words[max(head - 1, 0) : head]]
        return any(_agreeing(w, t[1], t[3], set(t[2].split("."))) for w in near if len(t) > 3)

    lemma, tag, _q = next((r for r in readings if agrees(r)), readings[0])
    if "nom" in tag[2].split("."):
        return list(words)
    number, gender = tag[1], tag[3] if len(tag) > 3 else ""
    out = list(words)
    for form, ftag in _forms(lemma):
        if ftag[0] == "subst" and ftag[1] == number and "nom" in ftag[2].split("."):
            out[head] = _restore(form, words[head])
            break
    cases = set(tag[2].split("."))
    for index in [*range(head - 1, -1, -1), *range(head + 1, len(words))]:
        adjective = _agreeing(words[index], number, gender, cases)
        if adjective is None:
            if index > head:
                break
            continue
        out[index] = adjective
    return out


def _agreeing(word: str, number: str, gender: str, cases: set[str]) -> str | None:
    return _agreeing_cached(word, number, gender, frozenset(cases))


@functools.lru_cache(maxsize=16384)
def _agreeing_cached(word: str, number: str, gender: str, cases: frozenset[str]) -> str | None:
    """``word`` in the nominative if it is an adjective agreeing with the head, else None."""
    if "-" in word:  # "Polsko-Armeńskiej": only the last part declines
        prefix, _sep, last = word.rpartition("-")
        folded = _agreeing_cached(last, number, gender, cases)
        return f"{prefix}-{folded}" if folded else None
    for lemma, tag, _q in _readings(word.lower()):
        if (
            tag[0] in {"adj", "ppas", "pact"}
            and tag[1] == number
            and cases & set(tag[2].split("."))
            and set(gender.split(".")) & set(tag[3].split("."))
        ):
            for form, ftag in _forms(lemma):
                if (
                    ftag[0] == tag[0]
                    and ftag[1] == number
                    and "nom" in ftag[2].split(".")
                    and set(gender.split(".")) & set(ftag[3].split("."))
                    and (len(ftag) < 5 or ftag[4] in {"pos", "aff"})
                ):
                    return _restore(form, word)
    return None


def agrees_with(word: str, head: str) -> bool:
    """Whether ``word`` is an adjective agreeing with the head noun ``head``."""
    for lemma, tag, _q in _readings(head.lower()):
        is_head = tag[0] == "subst" and lemma in ORG_HEADS and len(tag) > 3
        if is_head and _agreeing(word, tag[1], tag[3], set(tag[2].split("."))):
            return True
    return False
