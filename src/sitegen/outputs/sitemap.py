"""``sitemap.xml``: the absolute URL of every HTML page (except 404) under the base URL.

A site past the protocol's limits (50,000 URLs or 50 MB a file, sitemaps.org)
gets a sitemap index instead: ``sitemap.xml`` names its parts ``sitemap-1.xml``,
``sitemap-2.xml``, … each within the limits (``sitemap_files``).

>>> sorted(sitemap_files("https://x.pl/", ["a.html", "b.html", "c.html"], max_urls=2))
['sitemap-1.xml', 'sitemap-2.xml', 'sitemap.xml']
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from xml.etree import ElementTree as ET

from sitegen.core.urls import absolute_url

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
SITEMAP = "sitemap.xml"
MAX_URLS = 50_000
"""URLs one sitemap file may list (sitemaps.org)."""
MAX_BYTES = 50 * 1024 * 1024
"""Size of one sitemap file, uncompressed (sitemaps.org)."""
_URL_ENTRY_BYTES = len("  <url>\n    <loc></loc>\n  </url>\n")
_FILE_BYTES = 200
"""The XML declaration and the ``<urlset>`` element around the entries, with room to spare."""


def sitemap_files(
    base_url: str,
    page_paths: Iterable[str],
    max_urls: int = MAX_URLS,
    max_bytes: int = MAX_BYTES,
) -> dict[str, str]:
    """The sitemap's files by path: ``sitemap.xml`` alone, or an index and its parts.

    Below the limits ``sitemap.xml`` is ``sitemap_xml`` of every page; past them it
    is a ``<sitemapindex>`` of parts that split the sorted pages in order.
    """
    paths = sorted(set(page_paths))
    parts = split_within(base_url, paths, max_urls, max_bytes)
    if len(parts) <= 1:
        return {SITEMAP: sitemap_xml(base_url, paths)}
    files = {part_path(n): sitemap_xml(base_url, part) for n, part in enumerate(parts, 1)}
    return {SITEMAP: sitemap_index_xml(base_url, list(files)), **files}


def part_path(number: int) -> str:
    """``sitemap-1.xml``: a part of a sitemap index, at the site's root."""
    return f"sitemap-{number}.xml"


def split_within(
    base_url: str, paths: Sequence[str], max_urls: int, max_bytes: int
) -> list[list[str]]:
    """``paths`` in order, cut into runs whose sitemap stays within both limits."""
    parts: list[list[str]] = [[]]
    size = _FILE_BYTES
    for path in paths:
        entry = _URL_ENTRY_BYTES + len(_escaped(absolute_url(base_url, path)).encode("utf-8"))
        if parts[-1] and (len(parts[-1]) >= max_urls or size + entry > max_bytes):
            parts.append([])
            size = _FILE_BYTES
        parts[-1].append(path)
        size += entry
    return parts


def sitemap_xml(base_url: str, page_paths: Iterable[str]) -> str:
    """One ``<url><loc>`` per page path, sorted, absolute under ``base_url``."""
    return _xml("urlset", "url", (absolute_url(base_url, p) for p in sorted(set(page_paths))))


def sitemap_index_xml(base_url: str, part_paths: Iterable[str]) -> str:
    """One ``<sitemap><loc>`` per part, in order, absolute under ``base_url``."""
    return _xml("sitemapindex", "sitemap", (absolute_url(base_url, p) for p in part_paths))


def _xml(root_tag: str, item_tag: str, locations: Iterable[str]) -> str:
    ET.register_namespace("", SITEMAP_NS)
    root = ET.Element(f"{{{SITEMAP_NS}}}{root_tag}")
    for location in locations:
        item = ET.SubElement(root, f"{{{SITEMAP_NS}}}{item_tag}")
        loc = ET.SubElement(item, f"{{{SITEMAP_NS}}}loc")
        loc.text = location
    ET.indent(root)
    return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"


def _escaped(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def robots_txt(base_url: str | None) -> str:
    """Allow everything; name the sitemap when there is one."""
    lines = ["User-agent: *", "Allow: /"]
    if base_url:
        lines.append(f"Sitemap: {absolute_url(base_url, SITEMAP)}")
    return "\n".join(lines) + "\n"
