"""Page chrome recognised by what it is (``parsing/chrome.py`` and its use in ``clean.py``)."""

from __future__ import annotations

import pytest

from sitegen.core.records import block_plain_text
from sitegen.load.parsing.article import parse_article
from sitegen.load.parsing.chrome import chrome_reason
from tests.text_fixtures import BODY_PL as PARAGRAPH

SECOND = "Rozmowy potrwają do piątku, a ich wyniki zostaną przedstawione w przyszłym miesiącu."


def body_lines(text: str) -> list[str]:
    return [block_plain_text(b) for b in parse_article(text).blocks]


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("Udostępnij | Drukuj", "navigation"),
        ("Narzędzia:", "navigation"),
        ("Read more", "navigation"),
        ("...", "navigation"),
        ("Поделиться", "navigation"),
        (
            "We use cookies to improve this website. By browsing it you accept them.",
            "cookie banner",
        ),
        ("Этот сайт использует файлы куки для удобства.", "cookie banner"),
        ("2651", "counter"),
        ("96 0", "counter"),
        ("• 92", "counter"),
        ('{"widget":{"rows":[]}}', "code"),
        ("@ social.example/some.name", "link"),
        ("[ KATEGORIE ]", "label"),
        ("Image 2", "image"),
        ("Zdjęcia (12)", "image"),
        ("spotkanie3", "image"),
        ("portret.jpg", "image"),
        ("The Example Daily logo", "logo"),
        ("Zapisz się do newslettera", "call to action"),
        ("Wesprzyj naszą redakcję!", "call to action"),
        ("Подпишитесь на наш канал", "call to action"),
        ("fot. Jan Nowak, Urząd Miasta", "credit"),
        ("Фото: пресс-служба", "credit"),
        ("AGENCJA/Jan Nowak", "credit"),
        ("© 2019 Example.pl", "credit"),
        ("Copyright © Example Radio О нас Контакты", "credit"),
        ("The minister at the summit. Photo: Example Ministry", "caption"),
        ("Wyświetleń: 1234", "counter"),
        ("Просмотров: 96", "counter"),
        ("Tagi: region, współpraca, handel", "tags"),
        ("Dalsza część artykułu pod materiałem wideo", "call to action"),
        ("Posłuchaj", "navigation"),
        ("Listen", "navigation"),
        ("Share on Facebook", "navigation"),
        ("Skip to main content", "navigation"),
        ("Przejdź do treści", "navigation"),
        ("Strona główna > Świat > Azja", "breadcrumb"),
        ("Home » News » World", "breadcrumb"),
    ],
)
def test_chrome_lines_are_recognised_by_what_they_are(line: str, reason: str) -> None:
    assert chrome_reason(line) == reason


@pytest.mark.parametrize(
    "line",
    [
        PARAGRAPH,
        "Powrót do rozmów nastąpi jesienią",
        "Logo.",
        "Fotografia jest sztuką.",
        "Cookies were on the table at the meeting.",
        "Minister udostępnił raport z rozmów w całości na stronie ministerstwa, jak zapowiadał.",
    ],
)
def test_text_is_not_chrome(line: str) -> None:
    assert chrome_reason(line) is None


def test_chrome_between_paragraphs_leaves_the_body() -> None:
    text = (
        f"Nagłówek tekstu\n\n14.02.2020\n\n{PARAGRAPH}\n\nReklama\n\nBądź na bieżąco!\n\n"
        f"Zapisz się do newslettera\n\n{SECOND}\n\nPodziel się:\n\nOceń:\n\n[ TEMATY ]"
    )
    assert body_lines(text) == [PARAGRAPH, SECOND]


def test_metadata_footers_leave_the_body() -> None:
    text = (
        f"{PARAGRAPH}\n{SECOND}\nAutor:\nData utworzenia: 14.02.2020\n"
        "Ostatnia aktualizacja: Anna Kowalczyk\nData aktualizacji: 20.02.2020 - 09:14\n"
        "Źródło: Urząd Regionu\nFoto: Jan Nowak"
    )
    assert body_lines(text) == [PARAGRAPH, SECOND]


def test_lower_case_tag_lines_and_image_addresses_leave_the_body() -> None:
    text = (
        f"Nagłówek tekstu\n{PARAGRAPH}\n2020-02-14T18:27+0400\nregion\nnowości regionu\n"
        f"współpraca\nhttps://cdn.example.org/img/1.jpg\n{SECOND}"
    )
    assert body_lines(text) == [PARAGRAPH, SECOND]


def test_a_lower_case_line_a_sentence_runs_into_is_text() -> None:
    text = (
        "Nagłówek tekstu\n\n14.02.2020\n\n"
        f"Rozmowy dotyczyły współpracy\nmiędzy oboma krajami.\n\n{SECOND}"
    )
    assert body_lines(text)[0] == "Rozmowy dotyczyły współpracy między oboma krajami."


def test_paragraphs_on_single_line_breaks_stay_apart_and_wrapped_lines_join() -> None:
    text = f"{PARAGRAPH}\n{SECOND}\nTo zdanie zostało złamane\nw połowie przez program."
    assert body_lines(text) == [
        PARAGRAPH,
        SECOND,
        "To zdanie zostało złamane w połowie przez program.",
    ]


def test_a_lead_printed_twice_is_kept_once() -> None:
    assert body_lines(f"Nagłówek tekstu\n\n{PARAGRAPH}\n\n{PARAGRAPH}\n\n{SECOND}") == [
        PARAGRAPH,
        SECOND,
    ]


def test_a_related_news_list_ends_the_text() -> None:
    text = f"{PARAGRAPH}\n\n{SECOND}\n\nCzytaj też:\n\nInny tekst o regionie\n14.01.2020"
    assert body_lines(text) == [PARAGRAPH, SECOND]


def test_a_related_heading_above_the_text_does_not_swallow_it() -> None:
    assert body_lines(f"Latest news\n\n{PARAGRAPH}\n\n{SECOND}") == [PARAGRAPH, SECOND]


def test_lower_case_lines_under_a_colon_are_text() -> None:
    text = f"{PARAGRAPH}\n\nW spotkaniu udział wzięli:\nminister spraw zagranicznych\nambasador"
    assert body_lines(text)[1] == (
        "W spotkaniu udział wzięli: minister spraw zagranicznych ambasador"
    )
