"""``sitemap.xml``: the absolute URL of every HTML page (except 404) under the base URL."""

from __future__ import annotations

from collections.abc import Iterable
from xml.etree import ElementTree as ET

from sitegen.core.urls import absolute_url

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"


def sitemap_xml(base_url: str, page_paths: Iterable[str]) -> str:
    """One ``<url><loc>`` per page path, sorted, absolute under ``base_url``."""
    ET.register_namespace("", SITEMAP_NS)
    urlset = ET.Element(f"{{{SITEMAP_NS}}}urlset")
    for path in sorted(set(page_paths)):
        url = ET.SubElement(urlset, f"{{{SITEMAP_NS}}}url")
        loc = ET.SubElement(url, f"{{{SITEMAP_NS}}}loc")
        loc.text = absolute_url(base_url, path)
    ET.indent(urlset)
    return ET.tostring(urlset, encoding="unicode", xml_declaration=True) + "\n"


def robots_txt(base_url: str | None) -> str:
    """Allow everything; name the sitemap when there is one."""
    lines = ["User-agent: *", "Allow: /"]
    if base_url:
        lines.append(f"Sitemap: {absolute_url(base_url, 'sitemap.xml')}")
    return "\n".join(lines) + "\n"
