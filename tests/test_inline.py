"""Inline Markdown in source texts (``sitegen.core.inline``)."""

from __future__ import annotations

import pytest

from sitegen.core.inline import is_wholly_emphasised, strip_inline_markdown
from sitegen.core.records import block_plain_text
from sitegen.load.parsing.article import parse_article


@pytest.mark.parametrize(
    ("text", "plain"),
    [
        ("**Szef BBN** w Astanie", "Szef BBN w Astanie"),
        ("*autor* i __podkreślenie__ oraz _kursywa_", "autor i podkreślenie oraz kursywa"),
        ("***oba***", "oba"),
        ("[Astana](https://example.org/a_(b))", "Astana"),
        ("zobacz <https://example.org/x>", "zobacz https://example.org/x"),
        ("kod `sitegen inspect`", "kod sitegen inspect"),
        ("![logo](logo.png) tekst", "logo tekst"),
    ],
)
def test_markdown_marks_are_removed_from_plain_text(text: str, plain: str) -> None:
    assert strip_inline_markdown(text) == plain


@pytest.mark.parametrize(
    "text",
    ["2*3*4", "snake_case_name", "a * b * c", "cena 5 * 3", '"stanowi jedną z +wysp+ Gułagu"'],
)
def test_text_that_only_looks_like_markdown_is_kept(text: str) -> None:
    assert strip_inline_markdown(text) == text


def test_a_paragraph_wholly_in_bold_is_emphasised() -> None:
    assert is_wholly_emphasised("**Cały lede pogrubiony. Dwa zdania.**")
    assert not is_wholly_emphasised("**Początek** i dalszy ciąg **koniec**")
    assert not is_wholly_emphasised("Zwykły tekst.")


def test_blocks_keep_markdown_and_plain_text_drops_it() -> None:
    text = (
        "## Nagłówek\n\n**Lede pogrubiony tekst. Druga część.**\n\n"
        "Treść z [linkiem](https://example.org) i *kursywą*.\n"
    )
    blocks = parse_article(text).blocks
    assert blocks[1].text == "Treść z [linkiem](https://example.org) i *kursywą*."
    assert block_plain_text(blocks[1]) == "Treść z linkiem i kursywą."


def test_the_bold_lede_is_the_summary() -> None:
    parsed = parse_article(
        "## Nagłówek\n\n**Lede pogrubiony tekst. Druga część.**\n\nDalsza treść artykułu.\n"
    )
    assert parsed.summary == "Lede pogrubiony tekst. Druga część."
    assert parsed.summary_line == 3
