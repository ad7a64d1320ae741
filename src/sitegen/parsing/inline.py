"""Inline Markdown in source texts: what the plain text of a line is.

Sources clipped as Markdown carry ``**bold**``, ``*italic*`` and
``[text](url)`` links; the record keeps them for rendering, while searching,
matching and ``body_text`` use the plain words.

>>> strip_inline_markdown("**Szef BBN** w [Astanie](https://example.org)")
'Szef BBN w Astanie'
"""

from __future__ import annotations

import re

_LINK = re.compile(r"!?\[([^\]\n]*)\]\((?:[^()\s]|\([^()\s]*\))*\)")
_AUTOLINK = re.compile(r"<((?:https?|mailto):[^>\s]+)>")
# Emphasis hugs words on the inside and stands apart from them outside, as in
# CommonMark: ``2*3*4`` and ``snake_case`` are no emphasis.
_EMPHASIS = re.compile(r"(?<![\w*])(\*\*|__|\*|_)(?=\S)(.+?)(?<=\S)\1(?![\w*])")
_CODE = re.compile(r"`([^`\n]+)`")


def strip_inline_markdown(text: str) -> str:
    text = _LINK.sub(r"\1", text)
    text = _AUTOLINK.sub(r"\1", text)
    text = _CODE.sub(r"\1", text)
    previous = None
    while previous != text:  # nested emphasis: ***a*** → *a* → a
        previous = text
        text = _EMPHASIS.sub(r"\2", text)
    return text


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
