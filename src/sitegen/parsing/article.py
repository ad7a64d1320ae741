"""One raw text → the fields the text itself gives, each with the line it came from.

This is the loader's reading of the evidence; the curator's sidecar, language
detection and entity matching are applied afterwards (``records_from.py``).

>>> parsed = parse_article("## Tytuł\\n\\n12.03.2021\\n\\nPierwsze zdanie. Drugie zdanie.")
>>> parsed.title, parsed.title_line, parsed.date.iso, parsed.date_line
('Tytuł', 1, '2021-03-12', 3)
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from sitegen.parsing.blocks import read_body
from sitegen.parsing.clean import Unit, split_units
from sitegen.parsing.inline import is_wholly_emphasised, strip_inline_markdown
from sitegen.parsing.sentences import lead_sentences, shorten_at_word, split_sentences
from sitegen.parsing.titles import Header, read_header
from sitegen.records import Block, DateValue

SUMMARY_LIMIT = 300
DERIVED_TITLE_LIMIT = 110

_ATTRIBUTION = re.compile(
    r"\b(?:press (?:service|office|centre|center)|press secretary) of (?:the )?"
    r"(?P<en>[A-Z][\w' -]*?)(?= (?:reports?|said|says|informs?|announced|stated)\b|[,.;])"
    r"|\b(?:biuro prasowe|rzecznik prasowy|rzeczniczka prasowa) (?P<pl>[A-ZŁŚŻŹĆ][\w -]*?)"
    r"(?= (?:poinformował\w*|podał\w*|przekazał\w*|informuje)\b|[,.;])"
    r"|пресс-служб[аыe] (?P<ru>[А-ЯЁ][\w -]*?)(?= сообщ\w*|[,.;])"
)
_SECTION_OF = re.compile(r"^Informacje z (?P<org>.+)$", re.IGNORECASE)


@dataclass(frozen=True)
class PublisherClue:
    """A phrase naming who published the text, and how the text said it."""

    text: str
    line: int
    how: str
    """``site name``, ``signature``, ``section label`` or ``attribution``."""


@dataclass(frozen=True)
class ParsedArticle:
    title: str | None
    title_line: int | None
    date: DateValue | None
    date_line: int | None
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
    warnings: tuple[tuple[int | None, str], ...] = field(default=())


def parse_article(text: str) -> ParsedArticle:
    units = split_units(text)
    header = read_header(units)
    body = read_body(units[header.body_start :])
    blocks = tuple(Block("paragraph", u.text, u.line) for u in header.kept) + body.blocks
    warnings: list[tuple[int | None, str]] = []

    title, title_line = header.title, header.title_line
    if title is None:
        title = derive_title(blocks)
        warnings.append(
            (
                None,
                f"no headline found; using the first sentence: {title!r} "
                "(give a title in the sidecar)",
            )
        )

    date, date_line, retrieved = _publication_date([*header.dates, *body.dates], units)
    if not blocks:
        warnings.append((None, "the text has no body after its header"))

    url_unit = (header.urls or body.urls or (None,))[0]
    author_unit = body.authors[0] if body.authors else None
    author, author_line = (author_unit.text, author_unit.line) if author_unit else (None, None)
    if author is None and len(body.signature) > 1:
        author = " ".join(u.text for u in body.signature[:-1])
        author_line = body.signature[0].line

    summary, summary_line = _summary(blocks)
    return ParsedArticle(
        title=title,
        title_line=title_line,
        date=date,
        date_line=date_line,
        retrieved=retrieved,
        publisher_clues=_publisher_clues(header, body.signature, units, blocks),
        author=author,
        author_line=author_line,
        source_url=url_unit.text if url_unit else None,
        source_url_line=url_unit.line if url_unit else None,
        summary=summary,
        summary_line=summary_line,
        blocks=blocks,
        warnings=tuple(warnings),
    )


def derive_title(blocks: tuple[Block, ...]) -> str:
    """A readable headline from the first sentence (at most 110 characters, cut at a word)."""
    for block in blocks:
        plain = strip_inline_markdown(block.items[0] if block.items else block.text)
        sentences = split_sentences(" ".join(plain.split()))
        title = shorten_at_word(sentences[0].rstrip("."), DERIVED_TITLE_LIMIT) if sentences else ""
        if title:  # a line of dots is no headline
            return title
    return "Bez tytułu"


def _publication_date(
    candidates: list[Unit], units: list[Unit]
) -> tuple[DateValue | None, int | None, DateValue | None]:
    """The publication date by the strength of what announces it; and the clipper's stamp.

    An explicit publication label beats a bare date line, which beats a clipping
    tool's ``date`` header; a date with a time of day right under the clipped
    URL is when the page was saved, not published.
    """
    retrieved: DateValue | None = None
    ranked: list[tuple[int, int, int, Unit]] = []
    position = {id(unit): index for index, unit in enumerate(units)}
    for unit in candidates:
        if unit.kind == "date" and unit.label == "time" and _follows_url(units, position[id(unit)]):
            retrieved = retrieved or unit.date
            continue
        strength = _label_strength(unit)
        precision = {"day": 3, "month": 2, "year": 1}[unit.date.precision] if unit.date else 0
        ranked.append((strength, precision, -unit.line, unit))
    if not ranked:
        return None, None, retrieved
    best = max(ranked, key=lambda item: item[:3])[3]
    return best.date, best.line, retrieved


def _label_strength(unit: Unit) -> int:
    """3: an explicit publication label; 2: a bare date line; 1: a clipper's ``date`` header."""
    if unit.kind != "labelled_date":
        return 2
    return 1 if unit.label.lower() == "date" else 3


def _follows_url(units: list[Unit], index: int) -> bool:
    """Is the nearest line above ``units[index]`` (past blanks and rules) a URL?"""
    for above in range(index - 1, -1, -1):  # no slice: a copy per date line is quadratic
        if units[above].kind not in ("blank", "rule"):
            return units[above].kind == "url"
    return False


def _summary(blocks: tuple[Block, ...]) -> tuple[str, int | None]:
    for block in blocks:
        if block.kind == "heading":
            continue
        plain = " ".join(strip_inline_markdown(block.text).split())
        if block.kind == "paragraph" and is_wholly_emphasised(block.text):
            return lead_sentences(plain, SUMMARY_LIMIT), block.line
        return lead_sentences(plain, SUMMARY_LIMIT), None
    return "", None


def _publisher_clues(
    header: Header, signature: tuple[Unit, ...], units: list[Unit], blocks: tuple[Block, ...]
) -> tuple[PublisherClue, ...]:
    clues: list[PublisherClue] = []
    if header.site_name and header.site_name_line:
        clues.append(PublisherClue(header.site_name, header.site_name_line, "site name"))
    if signature:
        clues.append(PublisherClue(signature[-1].text, signature[-1].line, "signature"))
    for unit in units:
        if unit.kind == "label" and unit.text in header.labels:
            section = _SECTION_OF.match(unit.text)
            if section:
                clues.append(PublisherClue(section.group("org"), unit.line, "section label"))
    for block in blocks[:2]:
        match = _ATTRIBUTION.search(strip_inline_markdown(block.text))
        if match:
            name = match.group("en") or match.group("pl") or match.group("ru")
            clues.append(PublisherClue(name.strip(), block.line, "attribution"))
    return tuple(clues)
