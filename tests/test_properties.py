"""Properties of the loader on arbitrary input (hypothesis).

Whatever bytes a curator drops into ``content/sources/``, loading reports
problems instead of raising; and the parser never loses words of the text.
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from sitegen.core.records import block_plain_text
from sitegen.load.loader import load_collection
from sitegen.load.parsing.article import COPY_MIN_WORDS, ParsedArticle, parse_article
from sitegen.load.parsing.titles import same_text
from tests.loader_fixtures import make_collection

PROPERTY_SETTINGS = settings(
    max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)

_LETTERS = "abcdefghijklmnoprstuwyzćęłńóśźżąвгдежзиклмн"
_WORD = st.text(alphabet=_LETTERS, min_size=1, max_size=10)
_SENTENCE = st.lists(_WORD, min_size=1, max_size=14).map(
    lambda words: " ".join([words[0].capitalize(), *words[1:]]) + "."
)
_PARAGRAPH = st.lists(_SENTENCE, min_size=1, max_size=4).map(" ".join)
_CHROME = st.sampled_from(
    ["Tweetnij", "[Tweetnij](#)", "---", "Powrót Drukuj", "Tell a friend", "*zub/ par/*", ""]
)

# Lines of text a clipping may contain: prose, chrome, metadata, Markdown, dates.
_LINE = st.one_of(
    st.text(max_size=80),
    _SENTENCE,
    _CHROME,
    st.sampled_from(
        [
            "# Biuro", "## Nagłówek", "date 2024-11-24 Tell a friend", "Data publikacji 03.06.2025",
            "25.04.2024, 19:13", "<https://example.org/a>", "Czytaj też", "Related news",
            "Informacje z MSZ", "*autor: Jan Nowak*", " • punkt", "> cytat", "8 grudnia br.",
            "**pogrubiony", "[link](", "2025-02-30", "\ufeff", "\r", "\x0c", "\u00a0",
        ]
    ),
)  # fmt: skip
_CLIPPING = st.lists(_LINE, max_size=25).map("\n".join)


def words(text: str) -> list[str]:
    return re.findall(r"[^\W\d_]+", text)


def load_one_source(raw: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        content = make_collection(Path(folder), sources={"a": raw}, entities=None)
        collection = load_collection(content)
        problems = collection.diagnostics.items
        for problem in problems:
            assert Path(problem.path).is_relative_to(content)
            assert problem.severity in ("error", "warning")
            assert problem.message
            assert str(problem).startswith(problem.path)
        errors = [p for p in collection.diagnostics.errors if Path(p.path).name == "a.txt"]
        # Every source gives either a record or a reported error, never both, never neither.
        assert (len(collection.records) == 1) != bool(errors)
        for record in collection.records:
            assert record.title.strip()
            assert record.slug
            assert record.date is None or 1000 <= record.date.year <= 2999


@PROPERTY_SETTINGS
@given(text=st.one_of(st.text(), _CLIPPING))
def test_arbitrary_text_as_a_source_never_raises(text: str) -> None:
    load_one_source(text.encode("utf-8"))


@PROPERTY_SETTINGS
@given(raw=st.binary(max_size=400))
def test_arbitrary_bytes_as_a_source_never_raise(raw: bytes) -> None:
    load_one_source(raw)


@settings(max_examples=200, deadline=None)
@given(text=st.one_of(st.text(), _CLIPPING))
def test_parse_article_never_raises_and_blocks_point_into_the_text(text: str) -> None:
    parsed = parse_article(text.replace("\r\n", "\n").replace("\r", "\n"))
    line_count = text.count("\n") + text.count("\r") + 1
    for block in parsed.blocks:
        assert 1 <= block.line <= line_count
        assert block_plain_text(block).strip()
    assert len(parsed.summary) <= 300


@settings(max_examples=200, deadline=None)
@given(paragraphs=st.lists(_PARAGRAPH, min_size=1, max_size=8))
@example(paragraphs=["A.", "Source."])  # a credit label's word, with no credit after it
def test_plain_sentences_keep_every_word(paragraphs: list[str]) -> None:
    text = "\n\n".join(paragraphs)
    parsed = parse_article(text)
    numbered = [(2 * index + 1, paragraph) for index, paragraph in enumerate(paragraphs)]
    assert words(read_text(parsed)) == words(" ".join(once(numbered, parsed)))


def read_text(parsed: ParsedArticle) -> str:
    """What the record keeps of the text: a headline read from it, then the body."""
    title = parsed.title if parsed.title_line is not None and parsed.title else ""
    return " ".join([title, *(block_plain_text(b) for b in parsed.blocks)])


def once(paragraphs: list[tuple[int, str]], parsed: ParsedArticle) -> list[str]:
    """What the loader keeps of paragraphs, each given with its line.

    Lines above a headline are page furniture; a copy of the headline, even with a typo
    (``titles.same_text``), is the headline; a long paragraph printed again is kept once.
    """
    title = parsed.title or "" if parsed.title_line is not None else None
    first = parsed.title_line or 1
    kept: list[str] = []
    for line, paragraph in paragraphs:
        if line < first:
            continue
        if title is not None and same_text(paragraph, title):
            if any(same_text(seen, title) for seen in kept):
                continue
        elif paragraph in kept and len(paragraph.split()) >= COPY_MIN_WORDS:
            continue
        kept.append(paragraph)
    return kept


_PIECES = st.lists(
    st.one_of(_PARAGRAPH.map(lambda p: ("text", p)), _CHROME.map(lambda c: ("chrome", c))),
    min_size=1,
    max_size=10,
)


@settings(max_examples=200, deadline=None)
@given(pieces=_PIECES)
def test_chrome_between_paragraphs_costs_no_word_of_the_text(
    pieces: list[tuple[str, str]],
) -> None:
    text = "\n\n".join(piece for _, piece in pieces)
    parsed = parse_article(text)
    numbered = [(2 * i + 1, piece) for i, (kind, piece) in enumerate(pieces) if kind == "text"]
    kept = once(numbered, parsed)
    assert words(read_text(parsed)) == words(" ".join(kept))
