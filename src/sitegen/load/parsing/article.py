"""One raw text → the fields the text itself gives, each with the line it came from.

This is the loader's reading of the evidence, one decision per module: the
lines (``clean.py``, ``chrome.py``), the header and headline (``titles.py``),
the publication date (``pubdate.py``), the author (``bylines.py``), the text's
blocks (``blocks.py``). The curator's sidecar, language detection and entity
matching are applied afterwards (``assemble.py``).

>>> parsed = parse_article("## Tytuł\\n\\n12.03.2021\\n\\nPierwsze zdanie. Drugie zdanie.")
>>> parsed.title, parsed.title_line, parsed.date.iso, parsed.date_line
('Tytuł', 1, '2021-03-12', 3)
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from sitegen.core.errors import Problem
from sitegen.core.inline import is_wholly_emphasised, strip_inline_markdown
from sitegen.core.records import Block, DateValue
from sitegen.load.parsing.blocks import read_body
from sitegen.load.parsing.bylines import choose_author
from sitegen.load.parsing.clean import Unit, split_units
from sitegen.load.parsing.dates import MONTHS
from sitegen.load.parsing.pubdate import choose_publication_date
from sitegen.load.parsing.publishers import PublisherClue, publisher_clues
from sitegen.load.parsing.sentences import lead_sentences, shorten_at_word, split_sentences
from sitegen.load.parsing.titles import read_header, same_text

SUMMARY_LIMIT = 300
# "ASTANA – ", "YEREVAN, SEPTEMBER 9, ARMENPRESS. ", "Душанбе - 14 августа «Агентство». ",
# "ПЛОЦК, 17 марта. /ИА «Дунё»/. ": a place in capitals, or a place and a day, then the text.
_DATELINE = re.compile(
    r"^(?:[A-ZА-ЯЁ]{3,}(?:[ -][A-ZА-ЯЁ]{2,})*(?:,[^.–—\n]{0,60}?)?\s*(?:\.|\s[–—-])"
    r"|[A-ZА-ЯЁ][^\W\d_]+(?:,\s*[A-ZА-ЯЁ][^\W\d_]+)?\s*(?:,|\s[–—-])\s*\d{1,2}\s"
    rf"(?i:{'|'.join(sorted(MONTHS, key=len, reverse=True))})\b(?:\s\d{{4}})?"
    r"(?:\s*[«\"„(/][^\n]{1,30}?)?\.)"
    r"\s+(?:/[^/\n]{1,40}/\.?\s+)?"
)
COPY_MIN_WORDS = 6
"""A paragraph this long printed twice is one paragraph printed twice; a short one may repeat."""
DERIVED_TITLE_LIMIT = 110


@dataclass(frozen=True)
class ParsedArticle:
    title: str | None
    title_line: int | None
    date: DateValue | None
    date_line: int | None
    date_evidence: str
    """What the date's line is (``publication label 'Data publikacji'``), see pubdate.py."""
    retrieved: DateValue | None
    publisher_clues: tuple[PublisherClue, ...]
    author: str | None
    author_line: int | None
    source_url: str | None
    source_url_line: int | None
    summary: str
    summary_line: int | None
    """``None`` when the summary was made from the first sentences."""
    blocks: tuple[Block, ...]
    credits: tuple[Unit, ...] = ()
    """Credit, caption and byline lines: not text, but whom and what they name is named."""
    unsure: tuple[str, ...] = ()
    """Fields the reading is not sure of (``title``, ``date``): a curator checks these first."""
    warnings: tuple[Problem, ...] = field(default=())
    title_warnings: tuple[Problem, ...] = field(default=())
    """Reported unless the sidecar gives the title."""
    date_warnings: tuple[Problem, ...] = field(default=())
    """Two strong candidates disagree; reported unless the sidecar gives the date."""


def parse_article(text: str) -> ParsedArticle:
    units = split_units(text)
    header = read_header(units)
    body_units = units[header.body_start :]
    byline = choose_author(
        units, header.body_start, [u for u in body_units if u.kind in ("text", "quote")]
    )
    consumed = set(byline.consumed) if byline else set()
    body = read_body(u for u in body_units if u.line not in consumed)
    kept = tuple(Block("paragraph", u.text, u.line) for u in header.kept)
    blocks = _without_copies(kept + body.blocks, header.title)
    warnings: list[Problem] = []
    title_warnings: list[Problem] = []
    unsure: list[str] = []

    title, title_line = header.title, header.title_line
    if title is None:
        title = derive_title(blocks)
        unsure.append("title")
        title_warnings.append(
            Problem(
                None,
                f"no headline found; using the first sentence: {title!r} "
                "(give a title in the sidecar)",
                "warning",
            )
        )

    lead = next((u for u in body_units if u.kind in ("text", "list_item")), None)
    dating = choose_publication_date(units, header.title_index, header.body_start, lead)
    if dating.date is not None and dating.unsure:
        unsure.append("date")
    if not blocks:
        warnings.append(Problem(None, "the text has no body after its header", "warning"))

    url_unit = (header.urls or body.urls or (None,))[0]
    author, author_line = (byline.author, byline.line) if byline else (None, None)
    if author is None and len(body.signature) > 1:
        author = " ".join(u.text for u in body.signature[:-1])
        author_line = body.signature[0].line

    summary, summary_line = _summary(blocks)
    return ParsedArticle(
        title=title,
        title_line=title_line,
        date=dating.date,
        date_line=dating.line,
        date_evidence=dating.evidence,
        retrieved=dating.retrieved,
        publisher_clues=publisher_clues(header, body.signature, units, blocks, byline),
        author=author,
        author_line=author_line,
        source_url=url_unit.text if url_unit else None,
        source_url_line=url_unit.line if url_unit else None,
        summary=summary,
        summary_line=summary_line,
        blocks=blocks,
        credits=tuple(u for u in units if u.kind == "credit" or u.line in consumed),
        unsure=tuple(unsure),
        warnings=tuple(warnings),
        title_warnings=tuple(title_warnings),
        date_warnings=tuple(
            Problem(dating.line, message, "warning") for message in dating.warnings
        ),
    )


def _without_copies(blocks: tuple[Block, ...], title: str | None) -> tuple[Block, ...]:
    """A paragraph printed twice (a lead repeated, a caption around a photo) is kept once;
    a copy of the headline is the headline."""
    seen = {_plain_key(title)} if title else set()  # a headline repeated as a paragraph
    kept: list[Block] = []
    for block in blocks:
        key = _plain_key(block.text)
        if block.kind == "paragraph" and (
            (key in seen and len(key.split()) >= COPY_MIN_WORDS)
            or (title and same_text(block.text, title))
        ):
            continue
        seen.add(key)
        kept.append(block)
    return tuple(kept)


def _plain_key(text: str) -> str:
    return " ".join(strip_inline_markdown(text).split()).casefold().rstrip(" .")


def derive_title(blocks: tuple[Block, ...]) -> str:
    """A readable headline from the first sentence (at most 110 characters, cut at a word).

    A dateline that opens the text is not part of it:

    >>> derive_title((Block("paragraph", "ASTANA, 3 May, AGENCY. The talks began. More.", 1),))
    'The talks began'
    """
    for block in blocks:
        plain = strip_inline_markdown(block.items[0] if block.items else block.text)
        plain = _DATELINE.sub("", plain, count=1) or plain
        sentences = split_sentences(" ".join(plain.split()))
        title = shorten_at_word(sentences[0].rstrip("."), DERIVED_TITLE_LIMIT) if sentences else ""
        if title:  # a line of dots is no headline
            return title
    return "Bez tytułu"


def _summary(blocks: tuple[Block, ...]) -> tuple[str, int | None]:
    for block in blocks:
        if block.kind == "heading":
            continue
        plain = " ".join(strip_inline_markdown(block.text).split())
        if block.kind == "paragraph" and is_wholly_emphasised(block.text):
            return lead_sentences(plain, SUMMARY_LIMIT), block.line
        return lead_sentences(plain, SUMMARY_LIMIT), None
    return "", None
