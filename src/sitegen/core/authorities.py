"""Authority ids: how an entity is named in Wikidata, VIAF and GeoNames, or at a URL.

The one place that knows each scheme's form (for ``entities.yaml`` errors), the
page a reader follows, and the IRI linked data uses for ``sameAs``.

>>> authority_problem("wikidata", "Q232") is None
True
>>> authority_problem("wikidata", "232")
"wikidata must be an item id like 'Q232', not '232'"
>>> authority_link("geonames", "1522867"), authority_iri("geonames", "1522867")
('https://www.geonames.org/1522867', 'https://sws.geonames.org/1522867/')
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Final
from urllib.parse import urlsplit

AUTHORITY_SCHEMES: Final = ("wikidata", "viaf", "geonames", "url")
"""In the order pages list them; ``url`` is any page that identifies the entity."""

_FORMS: Final = {
    "wikidata": (re.compile(r"Q[1-9][0-9]{0,11}"), "an item id like 'Q232'"),
    "viaf": (re.compile(r"[1-9][0-9]{0,21}"), "a number like '102333412'"),
    "geonames": (re.compile(r"[1-9][0-9]{0,9}"), "a number like '1522867'"),
}
_LINKS: Final = {
    "wikidata": "https://www.wikidata.org/wiki/{}",
    "viaf": "https://viaf.org/viaf/{}",
    "geonames": "https://www.geonames.org/{}",
    "url": "{}",
}
# Linked data names things by their concept IRIs, not by the pages about them.
_IRIS: Final = {
    "wikidata": "http://www.wikidata.org/entity/{}",
    "viaf": "http://viaf.org/viaf/{}",
    "geonames": "https://sws.geonames.org/{}/",
    "url": "{}",
}


def authority_problem(scheme: str, value: str) -> str | None:
    """What is wrong with ``value`` as an id of ``scheme``, or ``None`` if it is well formed."""
    shown = value if len(value) <= 60 else value[:59] + "…"
    if scheme == "url":
        parts = urlsplit(value)
        if parts.scheme in ("http", "https") and parts.netloc and not re.search(r"\s", value):
            return None
        return f"url must be an absolute http(s) address, not '{shown}'"
    pattern, form = _FORMS[scheme]
    return None if pattern.fullmatch(value) else f"{scheme} must be {form}, not '{shown}'"


def authority_link(scheme: str, value: str) -> str:
    """The page a reader opens for the id."""
    return _LINKS[scheme].format(value)


def authority_iri(scheme: str, value: str) -> str:
    """The id as linked data's ``sameAs`` names it."""
    return _IRIS[scheme].format(value)


def same_as(authority: Mapping[str, str]) -> list[str]:
    """Every IRI of ``authority``, in ``AUTHORITY_SCHEMES`` order."""
    return [authority_iri(s, authority[s]) for s in AUTHORITY_SCHEMES if s in authority]
