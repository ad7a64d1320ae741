"""Sentence boundaries in Polish, English and Russian press prose.

>>> split_sentences("Spotkał się m.in. z MSZ. Rozmowy trwały 2 dni.")
['Spotkał się m.in. z MSZ.', 'Rozmowy trwały 2 dni.']
"""

from __future__ import annotations

import re

# Abbreviations after which a full stop does not end a sentence.
_ABBREVIATIONS = frozenset(
    [
        "m.in",
        "np",
        "r",
        "br",
        "b.r",
        "ds",
        "dot",
        "tzw",
        "ul",
        "św",
        "prof",
        "dr",
        "mgr",
        "inż",
        "gen",
        "płk",
        "ppłk",
        "mjr",
        "kpt",
        "por",
        "nadinsp",
        "insp",
        "podinsp",
        "mł",
        "st",
        "tj",
        "itd",
        "itp",
        "wg",
        "ok",
        "godz",
        "min",
        "mln",
        "mld",
        "tys",
        "zob",
        "pt",
        "nr",
        "art",
        "ust",
        "pkt",
        "al",
        "pl",
        "mr",
        "mrs",
        "ms",
        "jr",
        "sr",
        "vs",
        "etc",
        "e.g",
        "i.e",
        "no",
        "inc",
        "ltd",
        "co",
        "corp",
        "dept",
        "gov",
        "u.s",
        "u.k",
        "г",
        "гг",
        "т.е",
        "т.д",
        "им",
        "ул",
    ]
)
_BOUNDARY = re.compile(r"(?<=[.!?…])[\"”»']?\s+(?=[\"„“«(]?[A-ZĄĆĘŁŃÓŚŹŻА-ЯЁ0-9–-])")


def split_sentences(text: str) -> list[str]:
    sentences: list[str] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        end = match.start()
        # Only the last word matters: looking at the whole sentence so far made a 5 MB
        # text whose full stops all follow "r." quadratic (it is one long sentence).
        if text[end - 1] == "." and _ends_with_abbreviation(text[max(start, end - 40) : end]):
            continue
        sentences.append(text[start : match.end()].strip())
        start = match.end()
    rest = text[start:].strip()
    if rest:
        sentences.append(rest)
    return sentences


def _ends_with_abbreviation(text: str) -> bool:
    last = text.rsplit(None, 1)[-1].rstrip(".").lower()
    return last in _ABBREVIATIONS or (len(last) == 1 and last.isalpha())


def shorten_at_word(text: str, limit: int) -> str:
    """``text`` if it fits in ``limit`` characters, else cut at a word and end with ``…``.

    >>> shorten_at_word("Konsultacje polityczne Polski i Kazachstanu", 30)
    'Konsultacje polityczne…'
    """
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:–-") + "…"


def lead_sentences(text: str, limit: int) -> str:
    """As many whole opening sentences as fit in ``limit`` characters (at least a shortened one)."""
    chosen = ""
    for sentence in split_sentences(" ".join(text.split())):
        joined = f"{chosen} {sentence}".strip()
        if len(joined) > limit:
            break
        chosen = joined
    return chosen or shorten_at_word(text, limit)
