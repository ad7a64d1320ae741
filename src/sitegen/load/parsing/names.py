"""People and organisations named in a paragraph, folded to the nominative.

A person is a short run of capitalised words backed by evidence: a first name the
analysers or the names lexicon know, a title or role word before it ("ambasadora",
"President", "посол"), or a typical surname ending (-ow, -shvili, -ян…). Polish
names are folded with Morfeusz 2, Russian ones with pymorphy3 (see ``names_pl``
and ``names_ru``); English ones only lose a possessive. An organisation is a
capitalised institution noun (Ministerstwo, Ministry, Министерство…) with the
words that complete its name.

    >>> found = find_names("Minister spotkał się z Jerżanem Kazychanowem.", "pl")
    >>> [(m.kind, m.name, m.surface) for m in found]
    [('person', 'Jerżan Kazychanow', 'Jerżanem Kazychanowem')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from sitegen.load.parsing import names_pl, names_ru
from sitegen.load.parsing.names_lexicon import (
    EN_NEVER,
    MONTHS_AND_DAYS,
    STRONG_SURNAME,
    STRONG_SURNAME_EN,
    WEAK_SURNAME,
    WEAK_SURNAME_EN,
    is_first_name,
    is_title,
    places,
    words,
)

__all__ = ["NameMention", "find_names"]


@dataclass(frozen=True)
class NameMention:
    kind: Literal["person", "organization"]
    name: str
    surface: str
    start: int
    end: int


# A word: letters, with inner hyphens or apostrophes ("Karasiewicz-Szczypiorski", "Aliyev's").
_WORD = re.compile(r"[^\W\d_]+(?:['’‐-][^\W\d_]+)*")
_SENTENCE_END = re.compile(r"[.!?…:;\"«»„“”()\[\]|•–—\n]")
_SHORT_AFTER_DOT = re.compile(r"(?<!\s)\s*+[^\W\d_](?:[^\w]|$)")
_CHUNK = re.compile(r"\S+")
_URL_MARK = re.compile(r"://|www\.|\.(?:html?|php|aspx?)\b")
_POSSESSIVES = ("'s", "’s")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_POLISH_LETTERS = re.compile(r"[ąćęłńóśźżĄĆĘŁŃÓŚŹŻ]")
_MAX_WORD = 40  # longer "words" are noise, not names
_TITLE_WINDOW = 5
EN_ORG_HEADS = words(
    """ministry committee council agency office parliament senate forces commission union
    service group bank embassy department assembly center centre mission university institute
    fund company corporation court party academy police army navy guard staff secretariat
    administration board chamber government alliance organization organisation"""
)
# Heads that name one institution even alone ("posłowie Sejmu"); "Komisja" alone is a reference.
_LONE_HEADS = words("sejm sejmu senat senatu policja policji senate parliament сенат")
_EN_FUNCTION = words("the a an this that in on at of for to from with by and or as")
_ORG_LINKS = {
    "pl": words("i do ds spraw w na dla im"),
    "en": words("of for on the"),
    "ru": frozenset(),
}


@dataclass(slots=True)
class _Token:
    text: str  # the word as written, possessive included
    word: str  # the word without a possessive
    start: int
    end: int
    initial: bool  # "N." / "С." in "N. Imaraliewa", "С.Абиев"
    sentence_start: bool
    joined: bool  # only spaces (or an initial's dot) between it and the previous word
    rules: str  # "pl", "en" or "ru": whose morphology reads this word
    cls: str = "none"


def find_names(text: str, language: str) -> list[NameMention]:
    """Every person and organisation named in ``text`` (one paragraph of running text), in order."""
    if not text:
        return []
    tokens = _tokens(text, language)
    persons = _persons(text, tokens)
    taken = {i for _m, span in persons for i in span}
    mentions = [m for m, _s in persons] + _organisations(text, tokens, taken)
    return sorted(mentions, key=lambda m: (m.start, m.end))


def _latin_rules(text: str, language: str) -> str:
    if language in {"pl", "en"}:
        return language
    if language == "ru":
        return "en"  # Latin names in a Russian text ("Viktar Korbut"): as written
    return "pl" if _POLISH_LETTERS.search(text) else "en"


def _tokens(text: str, language: str) -> list[_Token]:
    latin = _latin_rules(text, language)
    cyrillic = _CYRILLIC.search(text) is not None  # else no word needs asking
    tokens: list[_Token] = []
    previous_end = 0
    for match in _WORD.finditer(text):
        word, start, end = match.group(), match.start(), match.end()
        gap = text[previous_end:start]
        prev = tokens[-1] if tokens else None
        ends_sentence = gap != " " and bool(_SENTENCE_END.search(gap))
        if ends_sentence and prev is not None and gap.strip() == ".":
            ends_sentence = not (prev.initial or is_title(prev.word))  # "gen. Marchwicy"
        # "N. Imaraliewa", "С.Абиев", but not "S.A." (a company's legal form)
        initial = (
            len(word) == 1
            and word.isupper()
            and text[end : end + 1] == "."
            and text[start - 1 : start] != "."
            and not _SHORT_AFTER_DOT.match(text, end + 1)
        )
        tokens.append(
            _Token(
                text=word,
                word=word[:-2] if word.endswith(_POSSESSIVES) else word,
                start=start,
                end=end,
                initial=initial,
                sentence_start=prev is None or ends_sentence,
                joined=prev is not None
                and (gap.strip(" \t\u00a0") == "" or (prev.initial and gap.strip() == ".")),
                rules="ru" if cyrillic and _CYRILLIC.search(word) else latin,
            )
        )
        previous_end = end
    # Words inside an address ("…/Kotlinie,Ferganskiej,w,…") are no names: both lists
    # are in text order, so one pass over them stays linear.
    urls = [m.span() for m in _CHUNK.finditer(text) if _URL_MARK.search(m.group())]
    position = 0
    for token in tokens:
        while position < len(urls) and urls[position][1] <= token.start:
            position += 1
        inside_url = position < len(urls) and urls[position][0] <= token.start
        token.cls = "none" if inside_url else _classify(token)
    return tokens


def _classify(token: _Token) -> str:
    word = token.word
    if token.initial:
        return "initial"
    if not word[:1].isupper() or len(word) > _MAX_WORD:
        return "none"
    if word.isupper():
        return "no"  # acronyms (RP, MSZ, NATO) and lone letters
    if is_title(word):
        return "no" if word != token.text else "title"  # "President’s": not before a name
    if word in places() or word.lower() in MONTHS_AND_DAYS:
        return "no"
    if token.rules == "ru":
        return names_ru.word_class(word, token.sentence_start)
    if token.rules == "pl":
        return names_pl.word_class(word, token.sentence_start)
    if word.lower() in EN_NEVER or word.lower() in EN_ORG_HEADS:
        return "no"
    return "first" if is_first_name(word) else "unknown"


def _segments(tokens: list[_Token]) -> list[list[int]]:
    """Runs of joined name-like words (by index), split at titles and ordinary words."""
    segments: list[list[int]] = []
    current: list[int] = []
    for index, token in enumerate(tokens):
        namelike = token.cls in {"first", "surname", "unknown", "weak", "initial"}
        if namelike and current and token.joined and not token.sentence_start:
            current.append(index)
            continue
        if current:
            segments.append(current)
        current = [index] if namelike else []
    if current:
        segments.append(current)
    return segments


def _persons(text: str, tokens: list[_Token]) -> list[tuple[NameMention, list[int]]]:
    found: list[tuple[NameMention, list[int]]] = []
    for segment in _segments(tokens):
        i = 0
        while i < len(segment):
            first = tokens[segment[i]]
            j = i + 1
            if first.cls in {"first", "initial"}:
                while j < len(segment) and j - i < 3 and tokens[segment[j]].cls != "initial":
                    j += 1
                if j - i == 3 and tokens[segment[i + 2]].cls == "first":
                    j = i + 2  # "…Duda Ilham Aliyev": the next person begins
                accepted = j > i + 1
            else:
                while j < len(segment) and j - i < 3 and tokens[segment[j]].cls != "first":
                    j += 1
                accepted = _accept_without_first_name(tokens, segment[i:j])
            if accepted:
                span = segment[i:j]
                found.append((_mention(text, tokens, span), span))
            i = j
    return found


def _title_distance(tokens: list[_Token], index: int) -> int | None:
    """How many words back a title stands in the same sentence (1: right before)."""
    for distance in range(1, _TITLE_WINDOW + 1):
        if index - distance < 0 or tokens[index - distance + 1].sentence_start:
            return None
        token = tokens[index - distance]
        if token.cls == "title":
            return distance
        if token.cls in {"first", "initial"}:
            return None
    return None


def _accept_without_first_name(tokens: list[_Token], span: list[int]) -> bool:
    words = [tokens[i] for i in span]
    distance = _title_distance(tokens, span[0])
    last = words[-1]
    strong, weak = (
        (STRONG_SURNAME_EN, WEAK_SURNAME_EN)
        if last.rules == "en"
        else (STRONG_SURNAME, WEAK_SURNAME)
    )
    if len(words) >= 2:
        surnamey = strong.search(last.word) or weak.search(last.word)
        plain = all(t.cls in {"surname", "unknown"} for t in words)
        return distance is not None or bool(plain and surnamey)
    # A lone word: a surname right after a title ("gen. Marchwicy", "Президент Путин"), a
    # surname the dictionary knows, or an unknown word with a telling ending.
    between = [] if distance is None else tokens[span[0] - distance + 1 : span[0]]
    # Only countries and acronyms may stand between ("prezydent Gruzji Zurabiszwili"),
    # and in English only nothing: "President’s Central Communication Service".
    gap_ok = all(t.word in places() or t.word.isupper() for t in between)
    adjective = last.rules == "pl" and names_pl.is_adjective_or_place(last.word)
    if distance is not None and gap_ok and (last.rules != "en" or distance == 1):
        return not (adjective and last.cls == "weak")
    if last.cls == "surname" and not last.sentence_start:
        return last.rules != "ru" or names_ru.is_known_surname(last.word)
    return last.cls == "unknown" and bool(strong.search(last.word))


def _mention(text: str, tokens: list[_Token], span: list[int]) -> NameMention:
    words = [tokens[i] for i in span]
    start, end = words[0].start, words[-1].end
    if words[0].initial:
        words, initials = words[1:], [words[0].word + "."]
    else:
        initials = []
    plain = [t.word for t in words]
    if words[-1].rules == "ru":
        folded = names_ru.fold_person(plain)
    elif words[-1].rules == "pl":
        before = [tokens[k].word for k in range(span[0] - 1, max(span[0] - 7, -1), -1)]
        folded = names_pl.fold_person(plain, before)
    else:
        folded = plain
    return NameMention("person", " ".join(initials + folded), text[start:end], start, end)


def _head(token: _Token) -> bool:
    if token.rules == "ru":
        return names_ru.head_lemma(token.word) is not None
    if token.rules == "pl":
        return names_pl.head_lemma(token.word) is not None
    return token.word.lower() in EN_ORG_HEADS


def _organisations(text: str, tokens: list[_Token], taken: set[int]) -> list[NameMention]:
    found: list[NameMention] = []
    index = 0
    while index < len(tokens):
        token = tokens[index]
        capital_before = index > 0 and _adjective_before(tokens, index, taken)
        lowercase_ok = token.rules == "ru" and capital_before  # "Мазовецкая академия"
        if index in taken or not (token.word[:1].isupper() or lowercase_ok) or not _head(token):
            index += 1
            continue
        start = index
        while start > 0 and _adjective_before(tokens, start, taken) and index - start < 3:
            start -= 1
        if tokens[start].word[:1].islower() or _inside_bigger_name(tokens, start, taken):
            index += 1
            continue
        end = _org_end(tokens, index, taken)
        links = _ORG_LINKS.get(token.rules, frozenset())
        while end - 1 > index and tokens[end - 1].word in links:
            end -= 1  # no trailing "i", "of"
        lone_ok = token.word.lower() in _LONE_HEADS and not token.sentence_start
        if end - start > 1 or lone_ok:
            found.append(_org_mention(text, tokens, start, index, end))
        index = end
    return found


def _adjective_before(tokens: list[_Token], index: int, taken: set[int]) -> bool:
    """Whether the word before ``index`` is a capitalised modifier of the same name."""
    token, before = tokens[index], tokens[index - 1]
    if not token.joined or token.sentence_start or index - 1 in taken:
        return False
    if not before.word[:1].isupper() or before.cls == "title":
        return False
    if before.rules == "pl":
        return names_pl.agrees_with(before.word, _head_word(tokens, index))
    if before.rules == "ru":
        return names_ru.is_adjective(before.word)
    if index - 1 > 0 and tokens[index - 1].word != tokens[index - 1].text:
        return True  # "Georgia’s Defense Ministry": the possessive opens the name
    return before.word.lower() not in _EN_FUNCTION and before.word == before.text


def _head_word(tokens: list[_Token], index: int) -> str:
    """The nearest head noun from ``index`` on (adjectives come before it)."""
    for token in tokens[index : index + 4]:
        if _head(token):
            return token.word
    return tokens[index].word


def _inside_bigger_name(tokens: list[_Token], start: int, taken: set[int]) -> bool:
    """ "Komponentu Wojsk Specjalnych": the head is part of a name headed by another word."""
    if start == 0 or tokens[start].rules == "en":
        return False
    token, before = tokens[start], tokens[start - 1]
    return (
        token.joined
        and not token.sentence_start
        and start - 1 not in taken
        and before.word[:1].isupper()
        and not before.sentence_start  # "Do Wielkopolskiego Urzędu": a capital by position
        and before.cls != "title"
        and not before.word.isupper()
    )


def _org_end(tokens: list[_Token], head: int, taken: set[int]) -> int:
    """One past the last word of the organisation's name that starts at ``head``."""
    rules = tokens[head].rules
    end = head + 1
    while end < len(tokens) and end - head < 8 and end not in taken:
        token = tokens[end]
        if not token.joined or token.sentence_start:
            break
        low = token.word.lower()
        capital = token.word[:1].isupper() and token.cls != "title"
        genitive = rules == "ru" and names_ru.is_genitive(token.word)
        link = low in _ORG_LINKS.get(rules, frozenset()) and _capital_follows(tokens, end, taken)
        if not (capital or genitive or link):
            break
        end += 1
    return end


def _capital_follows(tokens: list[_Token], index: int, taken: set[int]) -> bool:
    for k in range(index + 1, min(index + 3, len(tokens))):
        if k in taken or not tokens[k].joined:
            return False
        if tokens[k].word[:1].isupper():
            return True
    return False


def _org_mention(text: str, tokens: list[_Token], start: int, head: int, end: int) -> NameMention:
    rules = tokens[head].rules
    words = [t.text if rules == "en" else t.word for t in tokens[start:end]]
    words[-1] = tokens[end - 1].word  # no possessive at the end: "Foreign Ministry’s"
    if rules == "pl":
        words = names_pl.fold_organisation(words, head - start)
    elif rules == "ru":
        words = names_ru.fold_organisation(words, head - start)
    pieces = [words[0]]
    for k in range(start + 1, end):
        pieces.append(text[tokens[k - 1].end : tokens[k].start])
        pieces.append(words[k - start])
    name = re.sub(r"\s+", " ", "".join(pieces))
    first, last = tokens[start], tokens[end - 1]
    return NameMention("organization", name, text[first.start : last.end], first.start, last.end)
