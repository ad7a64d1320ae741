"""Polish case forms of names (``sitegen.load.inflection``)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from sitegen.load.inflection import polish_forms


def test_kazakhstan_case_forms_are_generated() -> None:
    forms = polish_forms("Kazachstan")
    assert {"Kazachstan", "Kazachstanu", "Kazachstanie", "Kazachstanem"} <= forms


def test_relational_adjective_gets_every_form_with_compound_prefix() -> None:
    forms = polish_forms("kazachstański")
    assert {"kazachstańska", "kazachstańskiego", "kazachstańscy", "kazachstańsko"} <= forms


def test_multiword_name_inflects_head_and_agreeing_adjective() -> None:
    forms = polish_forms("Grupa Wyszehradzka")
    assert {"Grupy Wyszehradzkiej", "Grupą Wyszehradzką", "Grupie Wyszehradzkiej"} <= forms
    assert "Grupy Wyszehradzka" not in forms


def test_adjective_before_the_head_agrees_with_it() -> None:
    forms = polish_forms("Szanghajska Organizacja Współpracy")
    assert "Szanghajskiej Organizacji Współpracy" in forms


def test_genitive_attribute_stays_uninflected() -> None:
    assert "Radzie Bezpieczeństwa ONZ" in polish_forms("Rada Bezpieczeństwa ONZ")
    assert "Ministerstwie Spraw Zagranicznych" in polish_forms("Ministerstwo Spraw Zagranicznych")
    forms = polish_forms("Organizacja Układu o Bezpieczeństwie Zbiorowym")
    assert "Organizacji Układu o Bezpieczeństwie Zbiorowym" in forms
    assert all(form.endswith(" Układu o Bezpieczeństwie Zbiorowym") for form in forms)


def test_plural_name_keeps_its_number() -> None:
    forms = polish_forms("Stany Zjednoczone")
    assert {"Stanów Zjednoczonych", "Stanach Zjednoczonych"} <= forms


def test_keep_number_leaves_out_the_plural() -> None:
    assert "Kosów" in polish_forms("Kosowo")
    assert "Kosów" not in polish_forms("Kosowo", keep_number=True)
    assert "Kosowie" in polish_forms("Kosowo", keep_number=True)


def test_hyphenated_compound_adjective_inflects_its_last_part() -> None:
    assert "Izbie Polsko-Kazachstańskiej" in polish_forms("Izba Polsko-Kazachstańska")


def test_capitalisation_of_input_words_is_kept() -> None:
    assert "Polsce" in polish_forms("Polska")
    assert all(form[0].isupper() for form in polish_forms("Rada Europy"))


def test_unknown_surname_is_kept_as_is() -> None:
    assert polish_forms("Nazarbajew") == frozenset({"Nazarbajew"})
    assert "Sri Lance" in polish_forms("Sri Lanka")


def test_inflected_input_does_not_explode() -> None:
    assert polish_forms("Pawła") == frozenset({"Pawła"})
    assert polish_forms("Kazachstanie") == frozenset({"Kazachstanie"})


def test_acronym_is_kept_as_is() -> None:
    assert polish_forms("ONZ") == frozenset({"ONZ"})


def test_first_name_and_surname_inflect_together() -> None:
    assert "Pawła Solocha" in polish_forms("Paweł Soloch")


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=40))
def test_arbitrary_text_never_raises(text: str) -> None:
    forms = polish_forms(text)
    assert text in forms


@given(st.sampled_from(["", " ", "...", "123", "Казахстан", "a-b", "  Polska  ", "-"]))
def test_odd_inputs_are_returned_unchanged_or_inflected(text: str) -> None:
    assert text in polish_forms(text)
