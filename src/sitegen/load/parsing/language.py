"""The language of a text, identified offline and deterministically.

py3langid's model is restricted to the languages the collection uses, which
makes short texts far more reliable (a Polish sentence is never Slovak).

>>> detect_language("Szef BBN przebywał w Kazachstanie w dniach 19-21 czerwca.", ("pl", "en", "ru"))
'pl'
"""

from __future__ import annotations

import functools

from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

_SAMPLE_LENGTH = 1000


def detect_language(text: str, languages: tuple[str, ...]) -> str:
    """ISO 639-1 code of ``text``'s language among ``languages`` (all known ones if empty)."""
    # The opening of a text decides its language as well as the whole, in bounded time.
    language, _ = _identifier(tuple(sorted(languages))).classify(text[:_SAMPLE_LENGTH])
    return str(language)


@functools.lru_cache(maxsize=4)
def _identifier(languages: tuple[str, ...]) -> LanguageIdentifier:
    identifier = LanguageIdentifier.from_modelpath(MODEL_DIR / MODEL_FILE, norm_probs=True)
    if languages:
        identifier.set_languages(list(languages))
    return identifier
