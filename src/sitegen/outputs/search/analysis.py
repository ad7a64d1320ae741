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
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field

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


Analysis = tuple[str, tuple[str, ...], tuple[str, ...]]
"""A word's form, its terms, and the lemmas they come from (``pl:Kazachstan``; none in English)."""


@dataclass(frozen=True)
class KnownAnalyses:
    """What an earlier build's analyser found: a word's analysis and a lemma's forms never change.

    Kept between builds (``engine.cache``), so that an edit looks up only the new words in
    Morfeusz and pymorphy3 (some 30 µs a word, and 200 µs for all the forms of a lemma: at
    100,000 distinct words, half a minute of every build) and loads neither model at all
    when there are none.
    """

    words: Mapping[str, Mapping[str, Analysis]] = field(default_factory=dict)
    """Language → word → its analysis."""
    lexemes: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    """Tagged lemma (``pl:Kazachstan``) → its folded forms."""


class Analyser:
    """Terms of words and forms of terms, remembered for one build (a word recurs often)."""

    def __init__(self, known: KnownAnalyses | None = None) -> None:
        self._known = known or KnownAnalyses()
        self._seen: dict[str, dict[str, tuple[str, tuple[str, ...]]]] = {}
        """Language → word → its form and terms."""
        self._analyses: dict[str, dict[str, Analysis]] = {}
        """Language → word → its analysis, for the next build."""
        self._lemmas: dict[str, set[str]] = {}
        """Folded term → the lemmas (as the analyser spells them) it came from, by language."""
        self._lexemes: dict[str, tuple[str, ...]] = {}
        """Tagged lemma → its folded forms, as ``lexeme`` needed them."""
        self._english = Stemmer.Stemmer("english")

    def analyse(self, word: str, lang: str) -> tuple[str, tuple[str, ...]]:
        """``word`` folded, and the folded terms it stands for in a text in ``lang``.

        Remembered: an archive's millions of words are a few hundred thousand distinct ones.
        """
        seen = self.seen(lang)
        found = seen.get(word)
        if found is None:
            analysis = self._known.words.get(lang, {}).get(word) or self._analysis(word, lang)
            form, terms, lemmas = self._analyses.setdefault(lang, {})[word] = analysis
            for tagged in lemmas:
                self._lemmas.setdefault(fold(tagged.split(":", 1)[1]), set()).add(tagged)
            found = seen[word] = (form, terms)
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

    def _analysis(self, word: str, lang: str) -> Analysis:
        form = fold(word)
        if len(word) > _LONGEST_WORD or word.isdigit():
            return form, (form,), ()
        if lang == "en":
            return form, (fold(self._english.stemWord(word.lower())),), ()
        lemmatise = _LEMMAS.get(lang)
        if lemmatise is None:
            return form, (form,), ()
        lemmas = tuple(sorted({f"{lang}:{lemma}" for lemma in lemmatise(word)}))
        terms = tuple(sorted({fold(tagged.split(":", 1)[1]) for tagged in lemmas}))
        return form, terms, lemmas

    def lexeme(self, term: str) -> frozenset[str]:
        """Every folded form of the lemmas behind ``term``, seen in a text or not."""
        forms: set[str] = set()
        for tagged in self._lemmas.get(term, ()):
            forms.update(self._lexeme_of(tagged))
        return frozenset(forms)

    def _lexeme_of(self, tagged: str) -> tuple[str, ...]:
        forms = self._lexemes.get(tagged) or self._known.lexemes.get(tagged)
        if forms is None:
            lang, lemma = tagged.split(":", 1)
            forms = tuple(sorted({fold(form) for form in _LEXEMES[lang](lemma)}))
        self._lexemes[tagged] = forms
        return forms

    def remembered(self) -> KnownAnalyses:
        """The analyses of this build's words and the forms of their lemmas, for the next build.

        Only what this build used: a word of a deleted article is not kept for ever.
        """
        return KnownAnalyses(self._analyses, self._lexemes)
