"""Choosing the publication date among every date a clipping states (``parsing/pubdate.py``).

Each fixture reproduces a layout in invented words: where the date stands, in
what form, and which other dates are traps.
"""

from __future__ import annotations

import pytest

from sitegen.core.records import DateValue
from sitegen.load.parsing.article import parse_article
from sitegen.load.parsing.dates import parse_date_text, read_date_line
from tests.text_fixtures import BODY_EN, BODY_RU
from tests.text_fixtures import BODY_PL as BODY


def date_of(text: str) -> str | None:
    parsed = parse_article(text)
    return parsed.date.iso if parsed.date else None


@pytest.mark.parametrize(
    ("line", "iso"),
    [
        ("03 / 05 / 2024", "2024-05-03"),
        ("19/11/2007", "2007-11-19"),
        ("11/28/2024 6:17:44 AM", "2024-11-28"),
        ("28 September, 2017", "2017-09-28"),
        ("Thursday, 19, September, 2024", "2024-09-19"),
        ("December 3, 2021 16:38", "2021-12-03"),
        ("12:45, 03 December 2021", "2021-12-03"),
        ("Август 3, 2022", "2022-08-03"),
        ("10:02 06 Август 2025", "2025-08-06"),
        ("2026-02-26T18:27+0400", "2026-02-26"),
        ("7 June 2018 11:27 (UTC+04:00)", "2018-06-07"),
        ("November 28, 2009 - 14:59 AMT", "2009-11-28"),
        ("26 фев 2026", "2026-02-26"),
        ("3 grudnia 2021 r.", "2021-12-03"),
        ("2021.03.12", "2021-03-12"),
        ("12-03-2021", "2021-03-12"),
        ("12.03.2021 o godz. 10:15", "2021-03-12"),
        ("12 March 2021 at 10:15 GMT", "2021-03-12"),
    ],
)
def test_date_lines_in_many_forms_parse(line: str, iso: str) -> None:
    value = parse_date_text(line)
    assert value is not None and value.iso == iso


def test_a_date_line_keeps_its_other_words_apart() -> None:
    line = read_date_line("Sekcja krajowa 14.02.2020 08:15")
    assert line is not None
    assert (line.value, line.has_time, line.rest) == (
        DateValue(2020, 2, 14),
        True,
        "Sekcja krajowa",
    )


def test_a_sentence_with_a_date_is_no_date_line() -> None:
    assert read_date_line("Spotkanie odbyło się w dniu 6 listopada 2021 r.") is None
    assert parse_date_text("w dniu 6 listopada 2021 r.") is None


def test_the_date_under_the_headline_beats_an_event_date_in_the_body() -> None:
    text = f"Wizyta w regionie\n\n14.02.2020\n\nW dniu 12 lutego 2020 r. {BODY}"
    assert date_of(text) == "2020-02-14"


def test_a_date_glued_to_a_section_label_under_the_headline_is_the_date() -> None:
    assert date_of(f"Wizyta w regionie\n\nsprawy zagraniczne 14.02.2020\n\n{BODY}") == "2020-02-14"


def test_a_byline_stamped_with_a_date_gives_the_date() -> None:
    text = f"Визит в регион\n\nAnna Kowalczyk 14.02.2020 10:05\n\n{BODY_RU}"
    parsed = parse_article(text)
    assert parsed.date == DateValue(2020, 2, 14)
    assert parsed.author == "Anna Kowalczyk"


def test_a_stamp_at_the_very_end_dates_a_text_without_other_dates() -> None:
    assert date_of(f"Visit to the region\n\n{BODY_EN}\n\n{BODY_EN}\n\n14 February 2020 17:44") == (
        "2020-02-14"
    )


def test_the_creation_label_beats_the_update_label() -> None:
    text = f"{BODY}\n\nData utworzenia: 14.02.2020\nData aktualizacji: 20.03.2020 - 09:14"
    assert date_of(text) == "2020-02-14"


def test_dates_of_a_related_news_list_are_never_the_date() -> None:
    text = f"Visit to the region\n\n{BODY_EN}\n\nLatest news\n\n2020-02-13\nOther story\n2020-02-12"
    assert date_of(text) is None


def test_a_todays_date_banner_over_a_latest_news_list_is_not_the_date() -> None:
    text = f"Friday, 14, February, 2020\n\n{BODY_EN}\n\nLatest in Region\n\n2020-02-13\n2020-02-13"
    assert date_of(text) is None


def test_a_weekday_date_above_the_text_is_the_date_when_nothing_says_otherwise() -> None:
    assert date_of(f"Friday, 14 February 2020\n\n{BODY_EN}") == "2020-02-14"


def test_a_dateline_without_a_year_gives_no_date() -> None:
    assert date_of(f"Visit\n\nBy Anna Kowalczyk\nFriday, May 28\n{BODY_EN}") is None
    assert date_of(f"REGIONVILLE, January 9 – {BODY_EN}") is None


def test_a_dateline_with_a_year_dates_the_text() -> None:
    assert date_of(f"ГОРОДОК, 03.08.2022 /Агентство/. {BODY_RU}") == "2022-08-03"


def test_a_date_opening_the_text_is_the_last_resort() -> None:
    parsed = parse_article(f"12 lutego 2016 r. {BODY}")
    assert parsed.date == DateValue(2016, 2, 12)
    assert "date" in parsed.unsure


def test_a_date_glued_to_a_cms_token_is_read_from_its_day() -> None:
    assert date_of(f"Nagłówek tekstu.\n\nx7Qa9Zk3Lm4412 lutego 2016 r. {BODY}") == "2016-02-12"


def test_historical_and_event_dates_inside_sentences_are_not_the_date() -> None:
    text = f"Nagłówek\n\n{BODY} Pierwsza umowa powstała 3 maja 1995 r., kolejna w 2009 roku."
    assert date_of(text) is None


def test_a_clippers_month_header_yields_to_an_agreeing_day() -> None:
    parsed = parse_article(f" date 2020-02 Nagłówek tekstu\n\n14.02.2020\n\n{BODY}")
    assert parsed.date == DateValue(2020, 2, 14)


def test_a_clippers_month_header_alone_keeps_its_month_precision() -> None:
    parsed = parse_article(f" date 2022-01 {BODY}")
    assert parsed.date == DateValue(2022, 1)


def test_two_strong_dates_that_disagree_are_chosen_with_a_warning_naming_both_lines() -> None:
    text = f"Nagłówek\n\n14.02.2020\n\n{BODY}\n\nOpublikowano: 20.02.2020"
    parsed = parse_article(text)
    assert parsed.date == DateValue(2020, 2, 20)
    (warning,) = [problem.message for problem in parsed.date_warnings]
    assert "line 7" in warning and "line 3" in warning
    assert "date" in parsed.unsure


def test_a_stamp_with_a_time_under_the_clipped_url_is_when_it_was_saved() -> None:
    text = f"<https://example.org/a>\n\n25.04.2024, 19:13\n\n14.02.2020\n\n## Nagłówek\n\n{BODY}"
    parsed = parse_article(text)
    assert parsed.date == DateValue(2020, 2, 14)
    assert parsed.retrieved == DateValue(2024, 4, 25)


def test_a_date_split_over_three_lines_is_one_date() -> None:
    assert date_of(f"Nagłówek tekstu\n\nLuty\n14\n2020\n\n{BODY}") == "2020-02-14"


def test_a_chronology_date_between_paragraphs_stays_in_the_text() -> None:
    parsed = parse_article(f"Nagłówek\n\n14.02.2020\n\n{BODY}\n\n3 marca 2020 r.\n\n{BODY}")
    assert "3 marca 2020 r." in [b.text for b in parsed.blocks]


def test_a_publication_and_an_update_on_one_line_give_the_publication() -> None:
    text = (
        f"Nagłówek tekstu\n\nOpublikowano: 14.02.2020, 10:00 | Aktualizacja: 20.02.2020\n\n{BODY}"
    )
    assert date_of(text) == "2020-02-14"


def test_a_russian_publication_label_with_a_time_is_a_publication_label() -> None:
    assert date_of(f"Заголовок статьи\n\nОпубликовано 12.03.2021 в 10:15\n\n{BODY_RU}") == (
        "2021-03-12"
    )
