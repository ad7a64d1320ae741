"""The text of a clipping as blocks: paragraphs, headings, lists and quotes.

Chrome is dropped (rules, share buttons, sign-offs, lists of other articles),
metadata lines become fields (author, labelled dates, a closing signature), and
a paragraph that the clipping split mid-sentence is joined again.

>>> from sitegen.load.parsing.clean import split_units
>>> body = read_body(split_units("Zdanie bez końca\\n\\nciąg dalszy.\\n\\n• a\\n• b"))
>>> [(b.kind, b.text) for b in body.blocks]
[('paragraph', 'Zdanie bez końca ciąg dalszy.'), ('list', 'a\\nb')]
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace

from sitegen.core.inline import strip_inline_markdown
from sitegen.core.records import Block
from sitegen.load.parsing.clean import Unit

# Lines that are not text: chrome, credits, stamps (dates become fields), labels.
_DROPPED = frozenset(
    {"blank", "rule", "chrome", "credit", "signoff", "date", "labelled_date", "label", "url"}
)
_SENTENCE_CLOSED = re.compile(r"[.!?…:;\"”»)]$")
_STARTS_SENTENCE = re.compile(r"^[\"„«“'(–—-]?\s?[A-ZĄĆĘŁŃÓŚŹŻА-ЯЁ0-9]")
_OPEN_END = re.compile(r"[\w,–—-]")
_SIGNATURE_LINE_MAX = 60
_PROSE = frozenset({"text", "list_item", "quote"})
_NOT_TEXT = _DROPPED | {"author", "related"}


@dataclass(frozen=True)
class Body:
    blocks: tuple[Block, ...]
    urls: tuple[Unit, ...]
    signature: tuple[Unit, ...]
    """The closing signature lines (``Biuro Rzecznika Prasowego / Ministerstwo…``)."""


def read_body(units: Iterable[Unit]) -> Body:
    units = list(units)
    last_sentence = max(
        (i for i, u in enumerate(units) if u.kind in _PROSE and _SENTENCE_CLOSED.search(u.text)),
        default=-1,
    )
    kept: list[Unit] = []
    urls: list[Unit] = []
    for index, unit in enumerate(units):
        stamp = unit.has_time or unit.rest or index > last_sentence
        if unit.kind == "date" and not stamp:
            # A bare date between paragraphs heads what follows (a chronology): text.
            kept.append(replace(unit, kind="text"))
            continue
        if unit.kind == "related" and any(u.kind != "blank" for u in kept):
            break  # what follows lists other articles, not this text
        if unit.kind == "url" and not kept:
            urls.append(unit)
        elif (unit.kind == "blank" and kept) or unit.kind not in _NOT_TEXT:
            kept.append(unit)
    groups = _groups(kept)
    signature: tuple[Unit, ...] = ()
    if len(groups) > 1 and _is_signature(groups[-1]):
        signature = tuple(groups.pop())
    blocks = _join_split_paragraphs([_block(group) for group in groups])
    return Body(tuple(blocks), tuple(urls), signature)


def _groups(units: list[Unit]) -> list[list[Unit]]:
    """Runs of lines between blank lines; a change between list and text starts a new run."""
    groups: list[list[Unit]] = []
    current: list[Unit] = []
    for unit in units:
        starts_new = bool(current) and (
            unit.kind == "blank"
            or unit.kind in ("heading", "date", "url")
            or current[-1].kind in ("heading", "date", "url")
            or (unit.kind == "list_item") != (current[-1].kind == "list_item")
            or (unit.kind == "quote") != (current[-1].kind == "quote")
            or _new_paragraph_on_next_line(current[-1], unit)
        )
        if starts_new:
            groups.append(current)
            current = []
        if unit.kind != "blank":
            current.append(unit)
    if current:
        groups.append(current)
    return groups


def _new_paragraph_on_next_line(previous: Unit, unit: Unit) -> bool:
    """A sentence that ends at a line break, and a capital after it: two paragraphs."""
    return (
        previous.kind == unit.kind == "text"
        and _SENTENCE_CLOSED.search(strip_inline_markdown(previous.text)) is not None
        and _STARTS_SENTENCE.match(strip_inline_markdown(unit.text)) is not None
    )


def _block(group: list[Unit]) -> Block:
    first = group[0]
    if first.kind == "heading":
        return Block("heading", first.text, first.line, level=first.level)
    if first.kind == "list_item":
        items = tuple(u.text for u in group)
        return Block("list", "\n".join(items), first.line, items=items)
    text = " ".join(u.text for u in group)
    if first.kind == "quote":
        return Block("quote", text, first.line)
    return Block("paragraph", text, first.line)


def _join_split_paragraphs(blocks: list[Block]) -> list[Block]:
    """``…o zacieśnieniu konsultacji`` + ``między oboma krajami.`` is one paragraph.

    Pieces are collected and joined once, looking only at the last piece's end:
    10,000 one-word lines make one paragraph in linear time.
    """
    runs: list[tuple[Block, list[str]]] = []
    for block in blocks:
        if runs:
            first, texts = runs[-1]
            if (
                first.kind == block.kind == "paragraph"
                and _ends_open(texts[-1])
                and block.text[:1].islower()
            ):
                texts.append(block.text)
                continue
        runs.append((block, [block.text]))
    return [
        first if len(texts) == 1 else Block("paragraph", " ".join(texts), first.line)
        for first, texts in runs
    ]


def _ends_open(text: str) -> bool:
    """Does the text stop mid-sentence (a word, a comma or a dash last)?"""
    return _OPEN_END.fullmatch(strip_inline_markdown(text)[-1:]) is not None


def _is_signature(group: list[Unit]) -> bool:
    """One to three short capitalised lines without a full stop, closing the text."""
    return (
        1 <= len(group) <= 3
        and all(
            unit.kind == "text"
            and len(unit.text) <= _SIGNATURE_LINE_MAX
            and unit.text[:1].isupper()
            and not re.search(r"[.!?:;,]$", unit.text)
            and len(unit.text.split()) >= 2
            for unit in group
        )
        and (len(group) > 1 or _looks_like_institution(group[0].text))
    )


def _looks_like_institution(text: str) -> bool:
    words = text.split()
    return sum(w[:1].isupper() for w in words) >= max(2, len(words) - 1)
