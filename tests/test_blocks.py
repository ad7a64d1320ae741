"""The body as blocks (``sitegen.load.parsing.blocks`` via ``parse_article``)."""

from __future__ import annotations

from sitegen.core.records import block_plain_text
from sitegen.load.parsing.article import parse_article
from sitegen.load.parsing.blocks import read_body
from sitegen.load.parsing.clean import split_units

HEAD = "## Nagłówek komunikatu\n\n12.03.2021\n\nPierwszy akapit tekstu jest pełnym zdaniem.\n\n"


def plain_blocks(text: str) -> list[tuple[str, str]]:
    return [(b.kind, block_plain_text(b)) for b in parse_article(text).blocks]


def test_a_paragraph_split_mid_sentence_is_joined() -> None:
    text = (
        HEAD + "Prezydenci postanowili o zacieśnieniu konsultacji\n\n"
        'między oboma krajami. "Takie konsultacje są konieczne" - przypomniał szef BBN.\n\n'
        "Kolejny akapit.\n"
    )
    assert plain_blocks(text)[1:] == [
        (
            "paragraph",
            "Prezydenci postanowili o zacieśnieniu konsultacji między oboma krajami. "
            '"Takie konsultacje są konieczne" - przypomniał szef BBN.',
        ),
        ("paragraph", "Kolejny akapit."),
    ]


def test_paragraphs_ending_a_sentence_stay_apart() -> None:
    text = HEAD + "Drugi akapit kończy się kropką.\n\nnastępny zaczyna się małą literą.\n"
    assert [k for k, _ in plain_blocks(text)] == ["paragraph"] * 3


def test_lines_of_one_paragraph_are_joined_with_a_space() -> None:
    text = HEAD + "Linia pierwsza\nlinia druga.\n"
    assert plain_blocks(text)[-1] == ("paragraph", "Linia pierwsza linia druga.")


def test_bullet_lines_form_a_list() -> None:
    text = HEAD + " • Pierwszy punkt.\n • Drugi punkt.\n • Trzeci punkt.\n\nPo liście.\n"
    blocks = parse_article(text).blocks
    lists = [b for b in blocks if b.kind == "list"]
    assert len(lists) == 1
    assert lists[0].items == ("Pierwszy punkt.", "Drugi punkt.", "Trzeci punkt.")
    assert blocks[-1].kind == "paragraph"


def test_markdown_dashes_form_a_list_but_a_speech_dash_does_not() -> None:
    text = HEAD + "- jeden\n- dwa\n\n– Kazachstan pozostaje partnerem – powiedział minister.\n"
    kinds = [k for k, _ in plain_blocks(text)]
    assert kinds == ["paragraph", "list", "paragraph"]


def test_headings_and_quotes_become_their_blocks() -> None:
    text = HEAD + "### Śródtytuł\n\nTekst pod śródtytułem.\n\n> Cytat z wypowiedzi.\n"
    blocks = parse_article(text).blocks
    assert [(b.kind, b.level) for b in blocks] == [
        ("paragraph", 0),
        ("heading", 3),
        ("paragraph", 0),
        ("quote", 0),
    ]
    assert blocks[-1].text == "Cytat z wypowiedzi."


def test_related_articles_trailer_is_dropped() -> None:
    text = (
        HEAD + "Ostatni akapit tekstu.\n\nCzytaj też\n\n"
        "Inny artykuł o Kazachstanie\n\nOpublikowano: 14.05.2021\n"
    )
    body = "\n".join(text for _, text in plain_blocks(text))
    assert body.endswith("Ostatni akapit tekstu.")
    assert "Czytaj też" not in body
    assert "Inny artykuł" not in body


def test_dates_in_the_related_trailer_are_not_the_publication_date() -> None:
    text = (
        "## Headline of the story\n\nThe story begins here. It continues.\n\n"
        "Related news\n\nPublished: 24 November 2024\n\nAnother story of 3 May 2023\n"
    )
    parsed = parse_article(text)
    assert parsed.date is None
    assert "Another story" not in " ".join(block_plain_text(b) for b in parsed.blocks)


def test_a_labelled_date_above_the_trailer_still_counts() -> None:
    text = (
        "## Nagłówek\n\nTekst artykułu jest tutaj. Koniec.\n\nOpublikowano: 14.05.2021\n\n"
        "Czytaj także\n\nOpublikowano: 01.01.2020\n"
    )
    parsed = parse_article(text)
    assert parsed.date is not None and parsed.date.iso == "2021-05-14"


def test_closing_signature_is_the_publisher_and_leaves_the_body() -> None:
    text = (
        "## Konsultacje\n\nKonsultacje przeprowadzono w Warszawie. Były udane.\n\n"
        "Biuro Rzecznika Prasowego\nMinisterstwo Spraw Zagranicznych\n"
    )
    parsed = parse_article(text)
    assert [(c.text, c.how) for c in parsed.publisher_clues] == [
        ("Ministerstwo Spraw Zagranicznych", "signature")
    ]
    body = " ".join(block_plain_text(b) for b in parsed.blocks)
    assert body == "Konsultacje przeprowadzono w Warszawie. Były udane."


def test_a_single_institution_line_at_the_end_is_a_signature() -> None:
    parsed = parse_article(
        "## Nagłówek\n\nTekst komunikatu jest tutaj. Koniec.\n\nMinisterstwo Spraw Zagranicznych\n"
    )
    assert [c.how for c in parsed.publisher_clues] == ["signature"]


def test_a_short_closing_sentence_is_not_a_signature() -> None:
    parsed = parse_article("## Nagłówek\n\nTekst komunikatu. Dalej.\n\nDziękujemy za uwagę.\n")
    assert parsed.publisher_clues == ()
    assert block_plain_text(parsed.blocks[-1]) == "Dziękujemy za uwagę."


def test_author_line_becomes_the_author_and_signoff_is_dropped() -> None:
    text = (
        "## Nagłówek\n\nTekst agencji jest tutaj. Koniec.\n\n*autor: Maciej Zubel*\n\n*zub/ par/*\n"
    )
    parsed = parse_article(text)
    assert parsed.author == "Maciej Zubel"
    body = " ".join(block_plain_text(b) for b in parsed.blocks)
    assert body == "Tekst agencji jest tutaj. Koniec."


def test_runs_of_blank_lines_make_one_paragraph_break() -> None:
    units = split_units("Pierwszy akapit.\n\n\n\n\n\nDrugi akapit.\n\n\n")
    body = read_body(units)
    assert [b.text for b in body.blocks] == ["Pierwszy akapit.", "Drugi akapit."]


def test_blocks_remember_their_source_line() -> None:
    blocks = parse_article(HEAD + "Drugi akapit.\n").blocks
    assert [b.line for b in blocks] == [5, 7]


def test_a_bare_quote_marker_makes_no_empty_block() -> None:
    blocks = parse_article(HEAD + "> Pierwszy cytat.\n>\n> Drugi cytat.\n\n>\n").blocks
    assert [(b.kind, b.text) for b in blocks[1:]] == [
        ("quote", "Pierwszy cytat."),
        ("quote", "Drugi cytat."),
    ]
