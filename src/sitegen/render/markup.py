"""Body blocks → safe HTML, with the first mention of each entity linked.

Inline Markdown (``core/inline.py``: emphasis, links, code) becomes HTML
here; everything else in a clipping, tags included, is text and is escaped, so a
``<script>`` in a source is shown as the evidence it is. Only ``http``,
``https`` and ``mailto`` links become links. The result is then cleaned by nh3
to a small allow-list as a second line of defence, so nothing a source contains
(tags, ``on*`` attributes, ``javascript:`` links) reaches a page as markup.
Entity links are added to text outside existing links only, after cleaning.

>>> render_inline("*a* <script>x</script> [b](javascript:alert(1))")
'<em>a</em> &lt;script&gt;x&lt;/script&gt; b'
"""

from __future__ import annotations

import functools
import html
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from sitegen.core.escaping import ALLOWED_SCHEMES, sanitise
from sitegen.core.inline import Span, inline_spans, plain_text
from sitegen.core.records import Block

_TAG_OR_TEXT = re.compile(r"(<[^<>]*>)")  # "[^<>]": linear even on "<<<…"
_LINK_OPENS = re.compile(r"<a[\s>]")


@dataclass(frozen=True)
class EntityLink:
    """Where one entity's first mention is and where it should link to."""

    form: str
    block: int
    href: str
    title: str


def render_blocks(blocks: Sequence[Block], links: Sequence[EntityLink] = ()) -> str:
    """The body as HTML, each first mention in ``links`` linked once."""
    rendered = [_Linkable(render_block(block)) for block in blocks]
    for link in links:
        if not link.form:
            continue
        order = [link.block] if 0 <= link.block < len(rendered) else []
        order += [i for i in range(len(rendered)) if i != link.block]
        pattern = _mention_pattern(link.form)
        anchor = f'<a class="entity-link" href="{html.escape(link.href)}" '
        anchor += f'title="{html.escape(link.title)}">'
        for index in order:
            if rendered[index].link_first(pattern, anchor):
                break
    return "\n".join(str(fragment) for fragment in rendered)


def render_block(block: Block) -> str:
    if block.kind == "heading":
        level = min(max(block.level, 2), 4)
        return f"<h{level}>{render_inline(block.text)}</h{level}>"
    if block.kind == "list":
        items = "".join(f"<li>{render_inline(item)}</li>" for item in block.items)
        return f"<ul>{items}</ul>"
    if block.kind == "quote":
        return f"<blockquote><p>{render_inline(block.text)}</p></blockquote>"
    return f"<p>{render_inline(block.text)}</p>"


# nh3 writes attributes in a fixed form, so a refused link is exactly this.
@functools.lru_cache(maxsize=65536)
def render_inline(text: str) -> str:
    """One block's inline Markdown as sanitised HTML without a wrapping paragraph.

    Cached: every interface language renders the same body text.
    """
    spans = inline_spans(text)
    if all(span.kind == "text" for span in spans):
        return html.escape(plain_text(spans), quote=False)
    return sanitise(_spans_html(spans))


def _spans_html(spans: tuple[Span, ...]) -> str:
    parts: list[str] = []
    for span in spans:
        if span.kind == "text":
            parts.append(html.escape(span.text, quote=False))
            continue
        inner = _spans_html(span.children)
        if span.kind != "link":
            parts.append(f"<{span.kind}>{inner}</{span.kind}>")
        elif span.url.lower().startswith(ALLOWED_SCHEMES):
            parts.append(f'<a href="{html.escape(span.url)}">{inner}</a>')
        else:
            parts.append(inner)  # a relative or script link in a copied text points nowhere
    return "".join(parts)


class _Linkable:
    """A block's HTML split once into tags and text, as first mentions are linked into it."""

    __slots__ = ("_closed", "_parts")

    def __init__(self, fragment: str) -> None:
        self._parts = _TAG_OR_TEXT.split(fragment)
        # A part a mention is not looked for in: a tag, or text inside a link.
        self._closed: list[bool] = []
        depth = 0
        for part in self._parts:
            if part.startswith("<"):
                depth += _link_depth_change(part)
            self._closed.append(part.startswith("<") or depth != 0)

    def link_first(self, pattern: re.Pattern[str], anchor: str) -> bool:
        """Link the first match of ``pattern`` outside links with ``anchor``; whether one was."""
        for index, part in enumerate(self._parts):
            if self._closed[index]:
                continue
            match = pattern.search(part)
            if match:
                start, end = match.span()
                self._parts[index : index + 1] = [
                    part[:start],
                    anchor,
                    part[start:end],
                    "</a>",
                    part[end:],
                ]
                self._closed[index : index + 1] = [False, True, True, True, False]
                return True
        return False

    def __str__(self) -> str:
        return "".join(self._parts)


@functools.lru_cache(maxsize=4096)
def _mention_pattern(form: str) -> re.Pattern[str]:
    """A whole-word ``form`` as it reads in the escaped HTML (a collection repeats its forms)."""
    return re.compile(r"(?<!\w)" + re.escape(html.escape(form, quote=False)) + r"(?!\w)")


def _link_depth_change(tag: str) -> int:
    if _LINK_OPENS.match(tag):
        return 1
    return -1 if tag.startswith("</a") else 0


def entity_links(
    refs: Sequence[tuple[str, str, int]],
    href_of: Callable[[str], str],
    titles: Mapping[str, str],
) -> list[EntityLink]:
    """Links for ``(entity id, first form, first block)`` triples, longest form first.

    Longer forms go first so that ``Rada Bezpieczeństwa Kazachstanu`` is linked
    before ``Kazachstanu`` could claim part of it.
    """
    links = [
        EntityLink(form, block, href_of(entity_id), titles[entity_id])
        for entity_id, form, block in refs
        if form
    ]
    return sorted(links, key=lambda link: (-len(link.form), link.form))
