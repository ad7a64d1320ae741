"""How search reads a word: folded, then reduced to the terms it stands for in its language.

Polish words become their Morfeusz lemmas, Russian ones their pymorphy3 lemmas, English
ones their Snowball stems; words of other languages stay as they are. Every term and
every form is *folded* (lower case, no diacritics: ``Łódź`` → ``lodz``). The build
analyses every word of every article once and ships the forms with their terms, so the
search page does no linguistics: it folds the query exactly as :func:`fold` does
(``search.js``) and looks the forms up.

>>> analyser = Analyser()
>>> analyser.analyse("Kazachstanu", "pl"), analyser.analyse("securities", "en")
(('kazachstanu', ('kazachstan',)), ('securities', ('secur',)))
>>> "kazachstanem" in analyser.lexeme("kazachstan")
True
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator

import Stemmer

from sitegen.load.inflection import polish_lemmas, polish_lexeme
from sitegen.load.parsing.names_ru import russian_lemmas, russian_lexeme

# A word is a run of letters and digits, as ``[\p{L}\p{N}]+`` in search.js.
_WORD = re.compile(r"[^\W_]+")
# Letters that Unicode decomposition does not reduce to a base letter (search.js: EXTRA_FOLDS).
_EXTRA_FOLDS = str.maketrans(
    {"ł": "l", "đ": "d", "ø": "o", "ß": "ss", "æ": "ae", "œ": "oe", "ı": "i"}
)
_LEMMAS: dict[str, Callable[[str], tuple[str, ...]]] = {
    "pl": polish_lemmas,
    "ru": russian_lemmas,
}
_LEXEMES: dict[str, Callable[[str], frozenset[str]]] = {"pl": polish_lexeme, "ru": russian_lexeme}
# Words this long are not words (URLs, hashes): indexed as they are, never analysed.
_LONGEST_WORD = 40


def words(text: str) -> list[str]:
    """The words of ``text`` in order (NFC first, so a composed and a decomposed *ó* agree)."""
    return _WORD.findall(unicodedata.normalize("NFC", text))


def fold(word: str) -> str:
    """Lower case without diacritics: ``Łódź`` → ``lodz``, ``Ёлка`` → ``елка``."""
    decomposed = unicodedata.normalize("NFD", word.lower())
    bare = "".join(char for char in decomposed if not unicodedata.category(char).startswith("M"))
    return bare.translate(_EXTRA_FOLDS)


class Analyser:
    """Terms of words and forms of terms, remembered for one build (a word recurs often)."""

    def __init__(self) -> None:
        self._seen: dict[str, dict[str, tuple[str, tuple[str, ...]]]] = {}
        """Language → word → its form and terms."""
        self._lemmas: dict[str, set[str]] = {}
        """Folded term → the lemmas (as the analyser spells them) it came from, by language."""
        self._english = Stemmer.Stemmer("english")

    def analyse(self, word: str, lang: str) -> tuple[str, tuple[str, ...]]:
        """``word`` folded, and the folded terms it stands for in a text in ``lang``.

        Remembered: an archive's millions of words are a few hundred thousand distinct ones.
        """
        seen = self.seen(lang)
        found = seen.get(word)
        if found is None:
            found = seen[word] = (fold(word), self._terms(word, lang))
        return found

    def seen(self, lang: str) -> dict[str, tuple[str, tuple[str, ...]]]:
        """The words of texts in ``lang`` analysed so far, with what ``analyse`` gave.

        For a caller going through millions of words: looking a word up here first
        costs less than a call.
        """
        return self._seen.setdefault(lang, {})

    def analysed(self) -> Iterator[tuple[str, tuple[str, ...]]]:
        """The form and terms of every word analysed so far, in any language."""
        for seen in self._seen.values():
            yield from seen.values()

    def _terms(self, word: str, lang: str) -> tuple[str, ...]:
        if len(word) > _LONGEST_WORD or word.isdigit():
            return (fold(word),)
        if lang == "en":
            return (fold(self._english.stemWord(word.lower())),)
        lemmatise = _LEMMAS.get(lang)
        if lemmatise is None:
            return (fold(word),)
        terms = []
        for lemma in lemmatise(word):
            term = fold(lemma)
            self._lemmas.setdefault(term, set()).add(f"{lang}:{lemma}")
            terms.append(term)
        return tuple(sorted(set(terms)))

    def lexeme(self, term: str) -> frozenset[str]:
        """Every folded form of the lemmas behind ``term``, seen in a text or not."""
        forms: set[str] = set()
        for tagged in self._lemmas.get(term, ()):
            lang, lemma = tagged.split(":", 1)
            forms.update(fold(form) for form in _LEXEMES[lang](lemma))
        return frozenset(forms)
