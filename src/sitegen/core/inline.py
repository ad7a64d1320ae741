"""Inline Markdown in source texts: the spans of a line, and its plain text.

Sources clipped as Markdown carry ``**bold**``, ``*italic*``, ``[text](url)``
links, ``<https://…>`` autolinks, ``code`` and backslash escapes.
``inline_spans`` reads them into a small tree that ``markup.py`` renders as
HTML; ``strip_inline_markdown`` gives the same tree's plain words (for search,
entity matching and ``body_text``), so a page and the plain text always agree.
Anything else, raw HTML included, is text.

Every step takes time linear in the line: no pattern can scan past a character
that could start another match, and emphasis is matched with a stack, not by
backtracking. A clipping of 10,000 ``[`` or ``_a`` reads as fast as prose.

>>> strip_inline_markdown("**Szef BBN** w [Astanie](https://example.org)")
'Szef BBN w Astanie'
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Literal

SpanKind = Literal["text", "em", "strong", "link"]


@dataclass(frozen=True)
class Span:
    """A piece of inline text: plain text, emphasis or a link around more spans."""

    kind: SpanKind
    text: str = ""
    """The text of a ``text`` span."""
    children: tuple[Span, ...] = ()
    url: str = ""
    """A link's target as written; empty for an image, whose words stay without a link."""


_MAY_BE_MARKUP = re.compile(r"[*_`\[<\\]")
_ATOM = re.compile(
    r"\\(?P<escaped>[!-/:-@\[-`{-~])"
    r"|`(?P<code>[^`\n]+)`"
    r"|(?P<image>!)?\[(?P<label>[^\[\]\n]*)\]\((?P<url>(?:[^()\s]|\([^()\s]*\))*)\)"
    r"|<(?P<auto>(?:https?|mailto):[^<>\s]+)>"
)
_DELIMITER_RUN = re.compile(r"\*+|_+")
# Bounds on nesting keep rendering's recursion shallow whatever the text:
# ``*_*_*_…`` 10,000 deep is text beyond the first few levels.
_MAX_OPEN_RUNS = 32
_MAX_MARKS = 3


def strip_inline_markdown(text: str) -> str:
    """The words of ``text`` without its Markdown marks."""
    if not _MAY_BE_MARKUP.search(text):
        return text
    return plain_text(inline_spans(text))


def plain_text(spans: tuple[Span, ...]) -> str:
    return "".join(
        span.text if span.kind == "text" else plain_text(span.children) for span in spans
    )


@functools.lru_cache(maxsize=4096)
def inline_spans(text: str) -> tuple[Span, ...]:
    """``text`` as spans; cached, as every stage of reading asks for the same lines.

    >>> [span.kind for span in inline_spans("a *b* [c](https://example.org)")]
    ['text', 'em', 'text', 'link']
    """
    if not _MAY_BE_MARKUP.search(text):
        return (Span("text", text),) if text else ()
    items: list[str | Span] = []
    position = 0
    for match in _ATOM.finditer(text):
        if match.start() > position:
            items.append(text[position : match.start()])
        items.append(_atom(match))
        position = match.end()
    if position < len(text):
        items.append(text[position:])
    return _Emphasis(items).spans()


def _atom(match: re.Match[str]) -> Span:
    """A piece of the line that emphasis cannot cut: an escape, code, a link."""
    if match.group("escaped") is not None:
        return Span("text", match.group("escaped"))
    if match.group("code") is not None:
        return Span("text", match.group("code"))
    if match.group("auto") is not None:
        return Span("link", children=(Span("text", match.group("auto")),), url=match.group("auto"))
    url = "" if match.group("image") else match.group("url")
    return Span("link", children=inline_spans(match.group("label")), url=url)


@dataclass
class _Run:
    """A run of ``*`` or ``_`` inside a text piece, and how its marks were used."""

    item: int
    start: int
    end: int
    char: str
    unmatched: int = 0
    closes: tuple[int, ...] = ()
    """Marks used to close emphasis, innermost first (taken from the run's start)."""
    opens: tuple[int, ...] = ()
    """Marks used to open emphasis, innermost first (taken from the run's end)."""


class _Emphasis:
    """Match runs of ``*``/``_`` as in CommonMark (simplified) and build the span tree.

    A run closes when it follows a non-space and is not followed by a word
    character; it opens when it is not preceded by a word character and is followed
    by a non-space (``2*3*4`` and ``snake_case`` are no emphasis). A closer takes
    the nearest opener of its character; openers between them are dropped, so
    spans nest. Two marks make ``strong``, one ``em``.
    """

    def __init__(self, items: list[str | Span]) -> None:
        self.items = items
        self.runs = [
            _Run(index, match.start(), match.end(), match.group(0)[0])
            for index, item in enumerate(items)
            if isinstance(item, str)
            for match in _DELIMITER_RUN.finditer(item)
        ]
        self._match()

    def _match(self) -> None:
        stack: list[_Run] = []
        waiting = {"*": 0, "_": 0}  # openers of each character on the stack
        for run in self.runs:
            before, after = self._neighbours(run)
            marks = run.end - run.start
            if not before.isspace() and not _is_word(after):
                while marks and waiting[run.char]:
                    while stack[-1].char != run.char:
                        waiting[stack.pop().char] -= 1
                    opener = stack[-1]
                    used = 2 if marks >= 2 and opener.unmatched >= 2 else 1
                    opener.unmatched -= used
                    opener.opens += (used,)
                    run.closes += (used,)
                    marks -= used
                    if not opener.unmatched:
                        waiting[stack.pop().char] -= 1
            opens = not _is_word(before) and not after.isspace()
            if marks and opens and len(stack) < _MAX_OPEN_RUNS:
                run.unmatched = min(marks, _MAX_MARKS)
                stack.append(run)
                waiting[run.char] += 1

    def _neighbours(self, run: _Run) -> tuple[str, str]:
        """The characters before and after a run; a link or code counts as a word."""
        item = self.items[run.item]
        assert isinstance(item, str)
        before = item[run.start - 1] if run.start else self._edge(run.item - 1, -1)
        after = item[run.end] if run.end < len(item) else self._edge(run.item + 1, 0)
        return before, after

    def _edge(self, index: int, end: int) -> str:
        if not 0 <= index < len(self.items):
            return " "
        item = self.items[index]
        return item[end] if isinstance(item, str) else "a"

    def spans(self) -> tuple[Span, ...]:
        tree = _TreeBuilder()
        runs = iter(self.runs)
        run = next(runs, None)
        for index, item in enumerate(self.items):
            if isinstance(item, Span):
                tree.add(item)
                continue
            position = 0
            while run is not None and run.item == index:
                tree.text(item[position : run.start])
                for _ in run.closes:
                    tree.close()
                literal = run.end - run.start - sum(run.closes) - sum(run.opens)
                tree.text(run.char * literal)
                for used in reversed(run.opens):
                    tree.open("strong" if used == 2 else "em")
                position = run.end
                run = next(runs, None)
            tree.text(item[position:])
        return tree.finish()


class _TreeBuilder:
    def __init__(self) -> None:
        self._stack: list[tuple[SpanKind, list[Span]]] = [("text", [])]
        self._text: list[str] = []

    def text(self, text: str) -> None:
        if text:
            self._text.append(text)

    def add(self, span: Span) -> None:
        self._flush()
        self._stack[-1][1].append(span)

    def open(self, kind: SpanKind) -> None:
        self._flush()
        self._stack.append((kind, []))

    def close(self) -> None:
        self._flush()
        kind, children = self._stack.pop()
        self._stack[-1][1].append(Span(kind, children=tuple(children)))

    def finish(self) -> tuple[Span, ...]:
        while len(self._stack) > 1:
            self.close()  # cannot happen: every opener that stays open is literal text
        self._flush()
        return tuple(self._stack[0][1])

    def _flush(self) -> None:
        if self._text:
            self._stack[-1][1].append(Span("text", "".join(self._text)))
            self._text = []


def _is_word(char: str) -> bool:
    return char.isalnum() or char == "_"


def is_wholly_emphasised(text: str) -> bool:
    """``**The lede paragraph.**`` — a paragraph set entirely in bold or italics."""
    stripped = text.strip()
    for marker in ("**", "__"):
        if (
            stripped.startswith(marker)
            and stripped.endswith(marker)
            and len(stripped) > 2 * len(marker)
            and marker not in stripped[len(marker) : -len(marker)]
        ):
            return True
    return False
