"""Find the entities and topics a text mentions, inflection folded.

Every name form of every entity is indexed as a sequence of word tokens; a
text is scanned left to right and the longest form starting at each word
wins, so *Polska Agencja Prasowa* is the news agency and not the country.
Case matters only where the form says so: a capitalised word of a form
matches only a capitalised word (*Czad* the country, not *czad* the gas), an
all-capitals word (an acronym: *ONZ*, *UE*) only itself; lowercase words
(adjectives: *kazachstański*) match in any case.

>>> from sitegen.load.entities import Catalogue, Entity
>>> kz = Entity("kazakhstan", "country", {"en": "Kazakhstan"}, frozenset({"Kazachstanie"}))
>>> gazetteer = Gazetteer(Catalogue({"kazakhstan": kz}))
>>> [(m.entity_id, m.surface) for m in gazetteer.find("w Kazachstanie")]
[('kazakhstan', 'Kazachstanie')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sitegen.load.entities import Catalogue, Entity

# Words are runs of letters and digits; hyphens, dots and slashes split them, so
# "polsko-kazachstańskie" is two words and "K.Tokajew" matches the form "K. Tokajew".
_WORD = re.compile(r"[^\W_]+")


@dataclass(frozen=True)
class Mention:
    entity_id: str
    start: int
    end: int
    surface: str


@dataclass(frozen=True)
class _Form:
    entity_id: str
    words: tuple[str, ...]


class Gazetteer:
    """An index of every name form of a catalogue, for matching texts.

    Names (countries, people, organisations, places) and topic keywords are
    matched in two separate passes, so a topic phrase such as *stosunki
    polsko-kazachskie* never hides the countries named inside it.
    """

    def __init__(self, catalogue: Catalogue) -> None:
        entities = catalogue.entities.values()
        self._indexes = (
            _FormIndex([e for e in entities if e.kind != "topic"]),
            _FormIndex([e for e in entities if e.kind == "topic"]),
        )

    def find(self, text: str) -> list[Mention]:
        """Every mention in ``text``, in order, longest form first at each word."""
        words = list(_WORD.finditer(text))
        folded = [w.group(0).casefold() for w in words]
        found = [m for index in self._indexes for m in index.find(text, words, folded)]
        return sorted(found, key=lambda m: (m.start, m.end, m.entity_id))


class _FormIndex:
    def __init__(self, entities: list[Entity]) -> None:
        self._forms: dict[tuple[str, ...], list[_Form]] = {}
        self._longest = 1
        for entity in entities:
            for form in entity.forms:
                words = tuple(_WORD.findall(form))
                if not words:
                    continue
                key = tuple(w.casefold() for w in words)
                self._forms.setdefault(key, []).append(_Form(entity.id, words))
                self._longest = max(self._longest, len(key))
        self._prefixes = {key[:n] for key in self._forms for n in range(1, len(key) + 1)}
        # Most words start no form: one set lookup each, not a tuple and a method call.
        self._first_words = {key[0] for key in self._forms}

    def find(self, text: str, words: list[re.Match[str]], folded: list[str]) -> list[Mention]:
        mentions: list[Mention] = []
        first_words = self._first_words
        index = 0
        while index < len(words):
            if folded[index] not in first_words:
                index += 1
                continue
            matched = self._match_at(words, folded, index)
            if matched is None:
                index += 1
                continue
            length, entity_ids = matched
            start, end = words[index].start(), words[index + length - 1].end()
            mentions.extend(
                Mention(entity_id, start, end, text[start:end]) for entity_id in entity_ids
            )
            index += length
        return mentions

    def _match_at(
        self, words: list[re.Match[str]], folded: list[str], index: int
    ) -> tuple[int, list[str]] | None:
        best: tuple[int, list[str]] | None = None
        for length in range(1, min(self._longest, len(words) - index) + 1):
            key = tuple(folded[index : index + length])
            if key not in self._prefixes:
                break
            candidates = self._forms.get(key)
            if not candidates:
                continue
            surface = [w.group(0) for w in words[index : index + length]]
            ids = sorted({f.entity_id for f in candidates if _case_fits(f.words, surface)})
            if ids:
                best = (length, ids)
        return best


def _case_fits(form_words: tuple[str, ...], text_words: list[str]) -> bool:
    return all(_word_case_fits(f, t) for f, t in zip(form_words, text_words, strict=True))


def _word_case_fits(form_word: str, text_word: str) -> bool:
    if len(form_word) > 1 and form_word.isupper():
        return text_word == form_word
    if form_word[:1].isupper():
        return text_word[:1].isupper()
    return True


def organisation_named(catalogue: Catalogue, name: str) -> Entity | None:
    """The organisation one of whose forms or aliases is exactly ``name``, case aside.

    How a publisher named in passing (``Kazakh MFA``, ``MSZ``) becomes its label.
    """
    wanted = _words_key(name)
    for entity in catalogue.entities.values():
        if entity.kind == "organization" and any(
            _words_key(form) == wanted for form in entity.forms | entity.aliases
        ):
            return entity
    return None


def _words_key(text: str) -> tuple[str, ...]:
    return tuple(w.casefold() for w in _WORD.findall(text))
