r"""Escaping that keeps text from becoming markup: an HTML allow-list, and JSON for scripts.

>>> sanitise('<p onclick="x()">a <script>b</script><a href="javascript:c">d</a></p>')
'<p>a d</p>'
>>> print(html_safe_json({"t": "</script>"}))
{"t":"\u003c/script\u003e"}
"""

from __future__ import annotations

import re

import nh3
import orjson

ALLOWED_TAGS = {
    "p", "em", "strong", "a", "ul", "ol", "li", "blockquote", "h2", "h3", "h4", "br",
}  # fmt: skip
ALLOWED_SCHEMES = ("http://", "https://", "mailto:")
_TARGETLESS_LINK = re.compile(r'<a rel="noopener noreferrer">(.*?)</a>', re.DOTALL)


def sanitise(fragment: str, *, relative_links: bool = False) -> str:
    """Keep only allow-listed tags; links only with http, https or mailto targets.

    ``relative_links`` also keeps links within the site, for the curator's own
    pages; in a copied source text they would point nowhere. A link whose target
    was refused keeps its text but stops being a link (``<a>`` needs ``href``).
    """
    cleaned = nh3.clean(
        fragment,
        tags=ALLOWED_TAGS,
        attributes={"a": {"href"}},
        url_schemes={"http", "https", "mailto"},
        attribute_filter=None if relative_links else _keep_absolute_links,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )
    return _TARGETLESS_LINK.sub(r"\1", cleaned)


def _keep_absolute_links(tag: str, attribute: str, value: str) -> str | None:
    if tag == "a" and attribute == "href" and not value.lower().startswith(ALLOWED_SCHEMES):
        return None
    return value


def html_safe_json(value: object) -> str:
    """Compact JSON with ``<``, ``>``, ``&`` and line separators escaped: it cannot end a script.

    orjson writes what ``json.dumps(value, ensure_ascii=False, separators=(",", ":"))``
    does for the values pages and the search index hold, eight times as fast (the search
    index's term shards took 0.6 s of an edit at 10,000 articles).
    """
    encoded = orjson.dumps(value, option=orjson.OPT_NON_STR_KEYS).decode()
    for char, escape in (
        ("<", "\\u003c"),
        (">", "\\u003e"),
        ("&", "\\u0026"),
        ("\u2028", "\\u2028"),
        ("\u2029", "\\u2029"),
    ):
        encoded = encoded.replace(char, escape)
    return encoded
