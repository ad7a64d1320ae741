"""Choosing the headline of a clipping (``sitegen.load.parsing.titles`` via ``parse_article``)."""

from __future__ import annotations

import pytest

from sitegen.core.records import block_plain_text
from sitegen.load.parsing.article import DERIVED_TITLE_LIMIT, parse_article
from sitegen.load.parsing.clean import split_units
from sitegen.load.parsing.titles import read_header
from tests.text_fixtures import BODY_EN, BODY_RU
from tests.text_fixtures import BODY_PL as BODY


def body_of(text: str) -> str:
    return "\n\n".join(block_plain_text(b) for b in parse_article(text).blocks)


def test_second_level_heading_beats_the_site_name_heading() -> None:
    text = (
        "# Biuro Bezpieczeństwa Narodowego\n\n---\n\n23.06.2018\n\n"
        "## Wizyta szefa BBN w Kazachstanie\n\n---\n\nSzef BBN przebywał w Kazachstanie. Rozmawiał."
    )
    parsed = parse_article(text)
    assert (parsed.title, parsed.title_line) == ("Wizyta szefa BBN w Kazachstanie", 7)
    header = read_header(split_units(text))
    assert header.site_name == "Biuro Bezpieczeństwa Narodowego"
    assert "Biuro Bezpieczeństwa Narodowego" not in body_of(text)


def test_the_site_name_heading_is_a_publisher_clue() -> None:
    text = "# Serwis Ministerstwa\n\n## Prawdziwy nagłówek\n\nTreść artykułu jest tutaj. Druga."
    parsed = parse_article(text)
    assert parsed.title == "Prawdziwy nagłówek"
    assert [(c.text, c.how) for c in parsed.publisher_clues] == [
        ("Serwis Ministerstwa", "site name")
    ]


def test_the_line_the_url_slug_spells_is_the_headline() -> None:
    text = (
        "<https://example.org/news/123,Wizyta-ministra-w-Astanie.html>\n\n"
        "Wizyta ministra w Astanie\n\nInne wydarzenia tygodnia\n\n"
        "Minister odwiedził Astanę. Rozmawiał z gospodarzami."
    )
    parsed = parse_article(text)
    assert parsed.title == "Wizyta ministra w Astanie"
    assert parsed.source_url == "https://example.org/news/123,Wizyta-ministra-w-Astanie.html"


def test_a_section_label_is_never_the_headline() -> None:
    text = (
        "Informacje z MSZ\n\nSpotkanie ministrów w Warszawie\n\n"
        "Ministrowie spotkali się w Warszawie. Rozmawiali długo."
    )
    parsed = parse_article(text)
    assert (parsed.title, parsed.title_line) == ("Spotkanie ministrów w Warszawie", 3)
    assert "Informacje z MSZ" not in body_of(text)


def test_a_section_label_alone_leaves_the_text_without_a_headline() -> None:
    parsed = parse_article("Informacje z MSZ\n\nMinistrowie spotkali się w Warszawie. Rozmawiali.")
    assert parsed.title_line is None
    assert parsed.title != "Informacje z MSZ"
    assert any("no headline found" in w.message for w in parsed.title_warnings)


def test_a_repeated_headline_counts_once_at_its_first_line() -> None:
    text = (
        "Konsultacje polityczne Polski i Kazachstanu\n\n"
        "Konsultacje polityczne Polski i Kazachstanu\n\n"
        "Konsultacje polityczne przeprowadzone 8 grudnia br. potwierdziły dobry stan stosunków."
    )
    parsed = parse_article(text)
    assert (parsed.title, parsed.title_line) == ("Konsultacje polityczne Polski i Kazachstanu", 1)
    assert body_of(text) == (
        "Konsultacje polityczne przeprowadzone 8 grudnia br. potwierdziły dobry stan stosunków."
    )


def test_a_clipper_date_and_tell_a_friend_line_is_never_the_title() -> None:
    text = (
        " date 2024-11-24 Tell a friend\n\n"
        "The Deputy Minister received the Chargé d'Affaires of Poland, the press service reports."
        "\n\n\n\nThe parties discussed cooperation."
    )
    parsed = parse_article(text)
    assert parsed.title is not None
    assert "tell a friend" not in parsed.title.casefold()
    assert not parsed.title.startswith("date")
    assert parsed.title_line is None
    assert parsed.date is not None and parsed.date.iso == "2024-11-24"


def test_a_text_without_headline_gets_its_first_sentence_and_a_warning() -> None:
    parsed = parse_article("Minister spotkał się z ambasadorem w Astanie. Rozmawiali o handlu.")
    assert parsed.title == "Minister spotkał się z ambasadorem w Astanie"
    assert parsed.title_line is None
    (warning,) = [w.message for w in parsed.title_warnings if "no headline" in w.message]
    assert "Minister spotkał się z ambasadorem w Astanie" in warning
    assert "sidecar" in warning


def test_a_derived_title_is_at_most_110_characters_cut_at_a_word() -> None:
    sentence = (
        "Ten tekst nie ma nagłówka, a jego pierwsze zdanie jest bardzo długie, dłuższe niż "
        "sto dziesięć znaków, więc trzeba je uciąć przy całym słowie"
    )
    parsed = parse_article(f"{sentence}. Drugie zdanie.")
    title = parsed.title
    assert title is not None
    assert len(title) <= DERIVED_TITLE_LIMIT == 110
    assert title.endswith("…")
    kept = title.removesuffix("…")
    assert sentence.startswith(kept)
    assert sentence[len(kept)] in " ,"  # the cut falls between words
    assert any("no headline found" in w.message for w in parsed.title_warnings)


def test_a_headline_set_in_markdown_is_cleaned() -> None:
    parsed = parse_article("## **Wizyta** w [Astanie](https://x.org)\n\nTekst artykułu. Dalej.")
    assert parsed.title == "Wizyta w Astanie"


def test_the_body_starts_right_after_the_headline() -> None:
    text = "Krótki nagłówek\n\nTo jest pierwsze zdanie tekstu. A to drugie."
    header = read_header(split_units(text))
    assert header.title == "Krótki nagłówek"
    assert split_units(text)[header.body_start].text.startswith("To jest pierwsze zdanie")


def test_a_first_paragraph_split_mid_sentence_is_not_taken_for_the_headline() -> None:
    text = (
        "## Nagłówek tekstu\n\n12.03.2021\n\nPierwszy akapit kończy się w pół\n\n"
        "zdania, a tu jest dalszy ciąg.\n\nDrugi akapit."
    )
    parsed = parse_article(text)
    assert (parsed.title, parsed.title_line) == ("Nagłówek tekstu", 1)
    assert body_of(text) == (
        "Pierwszy akapit kończy się w pół zdania, a tu jest dalszy ciąg.\n\nDrugi akapit."
    )


def test_a_packed_header_headline_may_start_with_a_number() -> None:
    parsed = parse_article(
        " date 2007-09 30. posiedzenie komisji międzyrządowej Data publikacji 03.09.2007"
        " Powrót Drukuj W dniu dzisiejszym odbyło się posiedzenie komisji."
    )
    assert parsed.title == "30. posiedzenie komisji międzyrządowej"
    assert parsed.date is not None and parsed.date.iso == "2007-09-03"
    assert block_plain_text(parsed.blocks[0]).startswith("W dniu dzisiejszym")


def test_a_cookie_banner_and_back_link_above_the_headline_are_neither_title_nor_text() -> None:
    text = (
        "Ta strona używa plików cookies, aby działać poprawnie. Korzystając z witryny, "
        "zgadzasz się na ich użycie.\nPowrót\n\nRozmowy o współpracy regionów\n\n14.02.2020\n\n"
        f"{BODY}"
    )
    parsed = parse_article(text)
    assert (parsed.title, parsed.title_line) == ("Rozmowy o współpracy regionów", 4)
    assert body_of(text) == BODY


def test_a_repeated_headline_with_a_typo_counts_once_from_its_first_copy() -> None:
    text = (
        "Wizyta prezesa Jana Nowaka w regionie\n\n14.02.2020\n\n"
        f"Wizyta prezesa Jan Nowaka w regionie\n\n{BODY}"
    )
    parsed = parse_article(text)
    assert parsed.title == "Wizyta prezesa Jana Nowaka w regionie"
    assert body_of(text) == BODY


def test_a_tag_word_under_the_date_is_not_the_headline() -> None:
    text = f"Powrót\n\nWspółpraca parlamentarna regionów\n\n14.02.2020\n\ngospodarka\n\n{BODY}"
    parsed = parse_article(text)
    assert parsed.title == "Współpraca parlamentarna regionów"
    assert "gospodarka" not in body_of(text)


def test_a_photo_caption_listing_names_is_not_the_headline() -> None:
    text = (
        "Wiadomości\n\nMinistrowie: rozmawialiśmy o przyszłości regionu\n\n"
        "Anna Kowalczyk, Jan Nowak, Piotr Wiśniewski, Maria Zielińska\n\n"
        f"AGENCJA/Tomasz Lis\n\n{BODY}"
    )
    assert parse_article(text).title == "Ministrowie: rozmawialiśmy o przyszłości regionu"


def test_a_dateline_and_a_byline_under_the_headline_are_not_the_headline() -> None:
    text = (
        " date 2020-02-14 Regions discuss energy and transport\n\n14 February 2020 11:27\n\n"
        f"Capital City, Region, February 12\n\nBy Anna Kowalczyk - Agency:\n\n{BODY_EN}"
    )
    parsed = parse_article(text)
    assert parsed.title == "Regions discuss energy and transport"
    assert parsed.author == "Anna Kowalczyk"


def test_an_outlet_line_in_another_script_is_not_the_headline() -> None:
    text = (
        "Лого\nPrint\n\nДелегация региона посетила столицу\n\nRadio dla Świata\n"
        "Anna Kowalczyk 14.02.2020 11:15\n"
        "Делегация встретилась в столице с представителями правительства региона."
    )
    assert parse_article(text).title == "Делегация региона посетила столицу"


def test_a_view_counter_and_a_byline_with_a_role_are_not_the_headline() -> None:
    text = (
        "Регионы договорились о сотрудничестве\n\n2651\n"
        f"Анна Ковальчик Шеф-редактор\nФото: Агентство\n\n{BODY_RU}"
    )
    parsed = parse_article(text)
    assert parsed.title == "Регионы договорились о сотрудничестве"
    assert parsed.author == "Анна Ковальчик"


def test_a_page_title_keeps_the_headline_and_drops_the_site_suffix() -> None:
    assert parse_article(f"Regions sign a treaty - Example.am\n\n{BODY_EN}").title == (
        "Regions sign a treaty"
    )


def test_a_page_title_keeps_the_headline_and_drops_a_site_name_after_a_bar() -> None:
    assert parse_article(f"Regions sign a treaty | Example News\n\n{BODY_EN}").title == (
        "Regions sign a treaty"
    )


def test_a_headline_with_a_full_stop_is_the_headline_when_the_lead_tells_it() -> None:
    text = (
        f"Prezes przyjął ambasadora regionu.\n\n14 lutego prezes przyjął ambasadora regionu. {BODY}"
    )
    assert parse_article(text).title == "Prezes przyjął ambasadora regionu."


def test_a_lone_short_sentence_above_the_text_is_text_not_a_headline() -> None:
    parsed = parse_article(f"To był dobry rok.\n\n{BODY}")
    assert parsed.title_line is None
    assert body_of(f"To był dobry rok.\n\n{BODY}").startswith("To był dobry rok.")


@pytest.mark.parametrize(
    ("lead", "title"),
    [
        ("REGIONVILLE, MARCH 9, AGENCY. The minister met officials.", "The minister met officials"),
        ("REGIONVILLE – The minister met officials. More.", "The minister met officials"),
        (
            "Городок - 14 августа «Агентство». Министр встретился с главой.",
            "Министр встретился с главой",
        ),
        (
            "Warszawa, 12 maja spotkali się ministrowie. Dalej.",
            "Warszawa, 12 maja spotkali się ministrowie",
        ),
    ],
)
def test_a_derived_title_skips_the_dateline_opening_the_text(lead: str, title: str) -> None:
    assert parse_article(lead).title == title
