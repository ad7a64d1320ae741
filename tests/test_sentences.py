"""Sentence boundaries and shortening (``sitegen.load.parsing.sentences``)."""

from __future__ import annotations

import pytest

from sitegen.load.parsing.sentences import lead_sentences, shorten_at_word, split_sentences


def test_sentences_split_at_full_stops_before_capitals() -> None:
    assert split_sentences("Pierwsze zdanie. Drugie zdanie! Trzecie? Czwarte.") == [
        "Pierwsze zdanie.",
        "Drugie zdanie!",
        "Trzecie?",
        "Czwarte.",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Spotkał się m.in. Z ministrem.",
        "Rozmawiał z prof. Nowakiem o współpracy.",
        "Komendant nadinsp. Marek Boroń przyjął gości.",
        "Dr. Smith met Mr. Jones today.",
        "Konsultacje 8 grudnia br. Przez wiceministrów prowadzone.",
        "Prezydent K. Tokajew ogłosił żałobę.",
    ],
)
def test_abbreviations_and_initials_do_not_end_a_sentence(text: str) -> None:
    assert split_sentences(text) == [text]


def test_a_speech_dash_and_a_quote_open_new_sentences() -> None:
    text = 'Minister przemówił. – Kazachstan jest partnerem. "To ważne" - dodał.'
    assert split_sentences(text) == [
        "Minister przemówił.",
        "– Kazachstan jest partnerem.",
        '"To ważne" - dodał.',
    ]


def test_russian_sentences_split() -> None:
    assert split_sentences("Он сказал. Затем ушёл т.е. домой.") == [
        "Он сказал.",
        "Затем ушёл т.е. домой.",
    ]


def test_sentences_together_are_the_text() -> None:
    text = "Spotkał się m.in. z MSZ. Rozmowy trwały 2 dni.  Wrócił (wieczorem). Koniec"
    assert " ".join(split_sentences(text)).split() == text.split()


def test_shorten_at_word_keeps_short_text_and_cuts_long_text_at_a_word() -> None:
    assert shorten_at_word("Krótki tekst", 30) == "Krótki tekst"
    assert shorten_at_word("Konsultacje polityczne Polski i Kazachstanu", 30) == (
        "Konsultacje polityczne…"
    )
    long = "słowo " * 50
    cut = shorten_at_word(long, 110)
    assert len(cut) <= 110
    assert cut.endswith("słowo…")


def test_lead_sentences_take_whole_sentences_within_the_limit() -> None:
    text = "Pierwsze zdanie. Drugie zdanie. Trzecie zdanie."
    assert lead_sentences(text, 33) == "Pierwsze zdanie. Drugie zdanie."
    assert lead_sentences(text, 300) == text
    assert len(lead_sentences("Bardzo długie zdanie bez końca " * 20, 50)) <= 50
