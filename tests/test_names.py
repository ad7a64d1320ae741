"""Finding people and organisations in Polish, English and Russian paragraphs.

Every sentence here is invented for the tests; the people in them are fictional.
"""

from __future__ import annotations

import time

from hypothesis import given, settings
from hypothesis import strategies as st

from sitegen.load.parsing.names import NameMention, find_names


def people(text: str, language: str) -> list[str]:
    return [m.name for m in find_names(text, language) if m.kind == "person"]


def organisations(text: str, language: str) -> list[str]:
    return [m.name for m in find_names(text, language) if m.kind == "organization"]


# Polish


def test_polish_instrumental_full_name_folds_to_nominative() -> None:
    assert people("Minister spotkał się z Jerżanem Kazychanowem.", "pl") == ["Jerżan Kazychanow"]


def test_polish_genitive_full_name_folds_to_nominative() -> None:
    text = "Na zaproszenie przewodniczącego Senatu Jerżana Kazychanowa przybyła delegacja."
    assert people(text, "pl") == ["Jerżan Kazychanow"]


def test_polish_known_first_name_sets_the_case_of_the_surname() -> None:
    assert people("Medal otrzymał też syn Rafała Węgla, Jan.", "pl") == ["Rafał Węgiel"]


def test_polish_feminine_accusative_and_instrumental_fold() -> None:
    text = "Odznaczył Jadwigę Gangolewską, a rozmawiał z Katarzyną Ostrowską."
    assert people(text, "pl") == ["Jadwiga Gangolewska", "Katarzyna Ostrowska"]


def test_polish_adjectival_surname_folds_with_morfeusz() -> None:
    assert people("Przemówienie prof. Tomasza Grodzkiego trwało godzinę.", "pl") == [
        "Tomasz Grodzki"
    ]


def test_polish_indeclinable_foreign_surname_keeps_its_final_a() -> None:
    text = "Gości przyjął szef sztabu generała Vladimira Chachibaia."
    assert people(text, "pl") == ["Vladimir Chachibaia"]


def test_polish_foreign_first_name_in_instrumental_is_stripped() -> None:
    text = "Rozmawiał z prezydentem Ilhamem Alijewem i z ministrem Vakhtangiem Gomelauri."
    assert people(text, "pl") == ["Ilham Alijew", "Vakhtang Gomelauri"]


def test_polish_womans_foreign_name_keeps_feminine_nominative() -> None:
    assert people("Spotkał się z ambasador Nargiz Kerimovą.", "pl") == ["Nargiz Kerimova"]


def test_polish_hyphenated_first_name_folds_both_parts() -> None:
    text = "Zaproszenie wystosował przewodniczący Kasyma-Żomarty Tokajewa."
    assert people(text, "pl") == ["Kasym-Żomart Tokajew"]


def test_polish_initial_with_surname_keeps_initial_and_nominative() -> None:
    assert people("Na zdjęciu komitet wodny, fot. N. Imaralijewa", "pl") == ["N. Imaralijewa"]


def test_polish_surname_after_title_is_a_person() -> None:
    assert people("Wieniec złożył gen. Marchwicki. Prezydent Duda przemawiał.", "pl") == [
        "Marchwicki",
        "Duda",
    ]


def test_polish_sentence_initial_word_is_not_a_person() -> None:
    assert people("Podczas wizyty Wrocławia omówiono współpracę.", "pl") == []


def test_polish_regional_adjective_after_title_is_not_a_person() -> None:
    assert people("Rozmawiała z Wojewodą Wielkopolskim o gospodarce.", "pl") == []


def test_polish_organisation_folds_head_and_agreeing_adjective() -> None:
    text = "Delegacja Komendy Głównej Policji odwiedziła Ministerstwa Spraw Wewnętrznych Gruzji."
    assert organisations(text, "pl") == [
        "Komenda Główna Policji",
        "Ministerstwo Spraw Wewnętrznych Gruzji",
    ]


def test_polish_organisation_stops_before_a_person() -> None:
    text = "Przewodnicząca Komisji Kultury i Środków Przekazu Barbara Zawadzka przyjechała."
    found = find_names(text, "pl")
    assert [(m.kind, m.name) for m in found] == [
        ("organization", "Komisja Kultury i Środków Przekazu"),
        ("person", "Barbara Zawadzka"),
    ]


# English


def test_english_title_and_known_first_name_make_a_person() -> None:
    text = "Polish Foreign Minister Radosław Wiśniak met President Ilham Aliyev in Baku."
    assert people(text, "en") == ["Radosław Wiśniak", "Ilham Aliyev"]


def test_english_possessive_is_dropped_from_the_name() -> None:
    found = find_names("It was Shavkat Mirziyoyev's third call.", "en")
    assert [(m.name, m.surface) for m in found] == [("Shavkat Mirziyoyev", "Shavkat Mirziyoyev's")]


def test_english_titles_and_adjectives_are_not_people() -> None:
    for text in [
        "The Polish Foreign Minister said so.",
        "The Prime Minister arrived on Monday.",
        "During the visit, the Deputy Prime Minister spoke.",
    ]:
        assert people(text, "en") == [], text


def test_english_surname_ending_marks_a_lone_surname() -> None:
    assert people("Later, Kozhakhmetov said the talks went well.", "en") == ["Kozhakhmetov"]
    assert people("Officials in Moscow said the talks went well.", "en") == []


def test_english_organisation_keeps_its_modifiers() -> None:
    text = "The Kazakh Foreign Ministry and the Georgian Armed Forces agreed."
    assert organisations(text, "en") == ["Kazakh Foreign Ministry", "Georgian Armed Forces"]


def test_english_lowercase_generic_ministry_is_not_an_organisation() -> None:
    assert organisations("He met officials of the defense ministry.", "en") == []


# Russian


def test_russian_genitive_name_folds_with_pymorphy() -> None:
    text = "Состоялась встреча министра Ермека Кошербаева с коллегой."
    assert people(text, "ru") == ["Ермек Кошербаев"]


def test_russian_instrumental_names_fold_with_agreeing_case() -> None:
    text = "Он встретился с Анджеем Дудой и со Станиславом Каржевским."
    assert people(text, "ru") == ["Анджей Дуда", "Станислав Каржевский"]


def test_russian_known_surname_alone_is_a_person() -> None:
    assert people("Эксперты считают, что Саркози уступил бы Путину.", "ru") == [
        "Саркози",
        "Путин",
    ]


def test_russian_initial_without_space_is_kept() -> None:
    assert people("Об этом сообщил С.Абиев журналистам.", "ru") == ["С. Абиев"]


def test_russian_text_with_latin_name() -> None:
    assert people("Автор материала Viktar Korbut, фото агентства.", "ru") == ["Viktar Korbut"]


def test_russian_organisation_head_folds_to_nominative() -> None:
    text = "Представители Министерства обороны Грузии и Генеральный штаб Вооруженных сил."
    assert organisations(text, "ru") == [
        "Министерство обороны Грузии",
        "Генеральный штаб Вооруженных сил",
    ]


# Any language, any input


def test_unknown_language_uses_the_script() -> None:
    assert people("Spotkanie z Jerżanem Kazychanowem.", "xx") == ["Jerżan Kazychanow"]
    assert people("Встреча с Ермеком Кошербаевым.", "") == ["Ермек Кошербаев"]


def test_empty_and_hostile_inputs_give_nothing() -> None:
    for text in ["", " ", "\x00\x1b\u202e", "A" * 100_000, "Ab" * 50_000, "С." * 10_000]:
        assert find_names(text, "pl") == []


def test_a_megabyte_of_capitals_runs_in_linear_time() -> None:
    text = ("Xq Yq " * 180_000)[:1_000_000]
    started = time.perf_counter()
    find_names(text, "en")
    assert time.perf_counter() - started < 20


@settings(max_examples=200, deadline=None)
@given(
    st.text(alphabet=st.sampled_from(list("AaBŻżąСсМм .,-'’\n:0")), max_size=80),
    st.sampled_from(["pl", "en", "ru", "de"]),
)
def test_find_names_never_raises_and_spans_slice_the_text(text: str, language: str) -> None:
    for mention in find_names(text, language):
        assert isinstance(mention, NameMention)
        assert text[mention.start : mention.end] == mention.surface
        assert mention.name.strip()


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=200))
def test_find_names_never_raises_on_any_text(text: str) -> None:
    found = find_names(text, "pl")
    assert found == sorted(found, key=lambda m: (m.start, m.end))
