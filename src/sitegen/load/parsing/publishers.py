"""Who published the text: the phrases that name the publisher, strongest first.

This module owns the publisher decision's evidence (``assemble.py`` resolves the
chosen phrase through the gazetteer, or keeps it as written):

- a site-name heading above the headline (``# Biuro Bezpieczeństwa Narodowego``), or a
  short line above it naming an outlet (``The Example Times``, ``Example.kz``);
- the agency of a byline (``By Anna Nowak - Trend:``);
- an attribution in the first paragraphs: ``press service of the Kazakh MFA
  reports``, ``…, Trend reports.``, ``(MENAFN- AzerNews)``, a dateline's agency
  (``ДУШАНБЕ, 3 августа /ТАСС/.``, ``ЕРЕВАН, 26 фев – Sputnik.``, ``Душанбе - 14
  августа «Ховар».``), ``передает
  DKNews.kz``;
- an outlet's domain beside the date stamp (``Agenda.ge, 27 Apr 2023 - 12:54``);
- a section label that names it (``Informacje z MSZ``);
- a source line (``Źródło: PAP``, ``Source: …``);
- a closing signature (``Biuro Rzecznika Prasowego / Ministerstwo…``).

>>> from sitegen.core.records import Block
>>> [c.text for c in attributions((Block("paragraph", "Leaders met, Trend reports.", 3),))]
['Trend']
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from sitegen.core.inline import strip_inline_markdown
from sitegen.core.records import Block
from sitegen.load.parsing.bylines import Byline, byline_agency
from sitegen.load.parsing.chrome import SITE_DOMAIN
from sitegen.load.parsing.clean import Unit
from sitegen.load.parsing.titles import Header

# Names are bounded (80 characters): on a long line without a stop, an unbounded lazy
# name would be tried from every "press service of", quadratically.
_ATTRIBUTION = re.compile(
    r"\b(?:press (?:service|office|centre|center)|press secretary) of (?:the )?"
    r"(?P<en>[A-Z][\w' -]{0,80}?)(?= (?:reports?|said|says|informs?|announced|stated)\b|[,.;])"
    r"|\b(?:biuro prasowe|rzecznik prasowy|rzeczniczka prasowa) (?P<pl>[A-ZŁŚŻŹĆ][\w -]{0,80}?)"
    r"(?= (?:poinformował\w*|podał\w*|przekazał\w*|informuje)\b|[,.;])"
    r"|пресс-служб[аыe] (?P<ru>[А-ЯЁ][\w -]{0,80}?)(?= сообщ\w*|[,.;])"
    # "…, Trend reports.", "Tengrinews.kz reports citing…", "Report informs"
    r"|(?:^|[,.]\s)(?P<reports>[A-Z][\w.-]*(?: [A-Z][\w.-]*){0,2}) (?:reports|informs|reported)\b"
    r"|\(MENAFN-\s*(?P<menafn>[^()]{2,40})\)"
    # a dateline's agency: "/ТАСС/", "/ИА «Дунё»/", "– Sputnik."
    r"|^[^\n]{0,60}?/(?:ИА|АН|НИАТ)?\s*«?(?P<slashed>[^/«»\n]{2,30})»?/"
    r"|^[A-ZА-ЯЁ]{3,}[^\n]{0,40}?\s[–—-]\s(?P<dashed>[A-ZА-ЯЁ][\w.-]{1,30})\."
    r"|^[A-ZА-ЯЁ][^\n]{0,40}?\d{1,2}\s[^\W\d_]+\s«(?P<quoted>[^»\n]{2,30})»"
    # "ASTANA, March 12 (Agency) -", "ASTANA. AGENCY -"
    r"|^[A-ZА-ЯЁ]{3,}[^\n]{0,40}?\((?P<paren>[A-ZА-ЯЁ][\w .-]{1,30})\)\s[–—-]\s"
    r"|^[A-ZА-ЯЁ]{3,}[.,]\s(?P<caps>[A-ZА-ЯЁ]{3,}[\w.-]*)\s[–—-]\s"
    r"|(?:передает|передаёт|сообщает|сообщили|пишет)\s+(?P<ru_says>[A-ZА-ЯЁ][\w.-]{1,30})"
)
_SECTION_OF = re.compile(r"^Informacje z (?P<org>.+)$", re.IGNORECASE)
_ATTRIBUTED_BLOCKS = 2
# A line above the headline that names an outlet: "The Example Times", "Example.kz".
_OUTLET = re.compile(
    r"\b(?:times|news|post|herald|daily|gazette|tribune|agency|radio|tv|press|gazeta|dziennik|"
    r"tygodnik|kurier|wiadomości|agencja|новости|газета|агентство|радио|вестник|правда)\b",
    re.IGNORECASE,
)
_SOURCE_LABELS = frozenset({"źródło", "source", "источник"})


@dataclass(frozen=True)
class PublisherClue:
    """A phrase naming who published the text, and how the text said it."""

    text: str
    line: int
    how: str
    """``site name``, ``byline``, ``attribution``, ``date line``, ``section label``,
    ``source line`` or ``signature``."""


def publisher_clues(
    header: Header,
    signature: tuple[Unit, ...],
    units: Sequence[Unit],
    blocks: tuple[Block, ...],
    byline: Byline | None,
) -> tuple[PublisherClue, ...]:
    """Every phrase naming the publisher, strongest first."""
    clues: list[PublisherClue] = []
    if header.site_name and header.site_name_line:
        clues.append(PublisherClue(header.site_name, header.site_name_line, "site name"))
    above = units[: header.title_index] if header.title_index is not None else []
    clues.extend(
        PublisherClue(unit.text, unit.line, "site name")
        for unit in above
        if unit.kind == "text"
        and (_OUTLET.search(unit.text) or SITE_DOMAIN.search(unit.text))
        and len(unit.text.split()) <= 5
    )
    if byline and (agency := byline_agency(byline.written)):
        clues.append(PublisherClue(agency, byline.line, "byline"))
    clues.extend(attributions(blocks))
    for unit in units[: header.body_start]:
        if unit.kind == "date" and unit.rest and (domain := SITE_DOMAIN.search(unit.text)):
            clues.append(PublisherClue(domain.group(0), unit.line, "date line"))
    for unit in units:
        if unit.kind == "label" and unit.text in header.labels:
            section = _SECTION_OF.match(unit.text)
            if section:
                clues.append(PublisherClue(section.group("org"), unit.line, "section label"))
    for unit in units:
        if unit.kind == "credit" and unit.label.casefold() in _SOURCE_LABELS:
            clues.append(PublisherClue(unit.text, unit.line, "source line"))
    if signature:
        clues.append(PublisherClue(signature[-1].text, signature[-1].line, "signature"))
    return tuple(clues)


def attributions(blocks: tuple[Block, ...]) -> list[PublisherClue]:
    found: list[PublisherClue] = []
    for block in blocks[:_ATTRIBUTED_BLOCKS]:
        match = _ATTRIBUTION.search(strip_inline_markdown(block.text))
        if match:
            name = next(group for group in match.groups() if group)
            found.append(PublisherClue(name.strip(" .«»"), block.line, "attribution"))
    return found
