"""A small collection built in code: six records in pl/en/ru covering every page kind.

- two records share Kazakhstan and the UN (related with that reason);
- one is dated to the month only, one only to the year, one is undated;
- entities of every kind, with Polish labels that sort with Ł after L;
- one body carries hostile markup that must never reach a page.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from sitegen.core.errors import Diagnostics
from sitegen.core.records import (
    ArticleRecord,
    Author,
    Block,
    Body,
    DateValue,
    EntityKind,
    EntityRef,
    Provenance,
    SourceInfo,
)
from sitegen.load.config import SiteConfig
from sitegen.load.entities import Catalogue, Entity
from sitegen.load.loader import Collection
from sitegen.render.citation import Reference
from sitegen.render.theme import THEME_DIR

TEMPLATES = THEME_DIR
HOSTILE = (
    'Tekst <script>alert("x")</script> i <img src=x onerror="alert(1)"> oraz '
    '[link](javascript:alert(2)) i <a href="https://example.org" onclick="alert(3)">ok</a>.'
)

ENTITIES: dict[str, tuple[EntityKind, str, str]] = {
    "kazakhstan": ("country", "Kazachstan", "Kazakhstan"),
    "poland": ("country", "Polska", "Poland"),
    "azerbaijan": ("country", "Azerbejdżan", "Azerbaijan"),
    "un": ("organization", "ONZ", "UN"),
    "bbn": ("organization", "Biuro Bezpieczeństwa Narodowego", "National Security Bureau"),
    "pawel-soloch": ("person", "Paweł Soloch", "Paweł Soloch"),
    "lodz": ("place", "Łódź", "Łódź"),
    "lublin": ("place", "Lublin", "Lublin"),
    "astana": ("place", "Astana", "Astana"),
    "security": ("topic", "Bezpieczeństwo", "Security"),
    "trade": ("topic", "Handel", "Trade"),
}


# Authority ids of two fixture entities, so pages show them (the shipped data's are real).
AUTHORITY = {
    "kazakhstan": {"wikidata": "Q232", "geonames": "1522867"},
    "pawel-soloch": {"viaf": "123456789", "url": "https://example.org/soloch"},
}


def make_catalogue() -> Catalogue:
    return Catalogue(
        {
            key: Entity(
                key,
                kind,
                {"pl": pl, "en": en},
                authority=AUTHORITY.get(key, {}),
                iso_codes=("KZ", "KAZ") if key == "kazakhstan" else (),
            )
            for key, (kind, pl, en) in ENTITIES.items()
        }
    )


def ref(entity_id: str, count: int, form: str = "", block: int = -1) -> EntityRef:
    kind, pl, _ = ENTITIES[entity_id]
    return EntityRef(entity_id, kind, pl, count, form, block)


def _record(  # noqa: PLR0917 - one positional field per column keeps the table readable
    number: int,
    title: str,
    date: DateValue | None,
    language: str,
    blocks: tuple[Block, ...],
    entities: tuple[EntityRef, ...],
    raw: bytes,
    **extra: object,
) -> tuple[ArticleRecord, bytes]:
    file_name = f"{number:03d}_fixture.txt"
    record = ArticleRecord(
        id=f"{number:03d}_fixture",
        slug=f"artykul-{number}",
        title=title,
        date=date,
        language=language,
        publisher=extra.get("publisher", "Biuro Prasowe"),  # type: ignore[arg-type]
        author=extra.get("author"),  # type: ignore[arg-type]
        source_url=f"https://example.org/{number}",
        summary=extra.get("summary", f"Streszczenie {number}."),  # type: ignore[arg-type]
        blocks=Body.of(blocks),
        entities=entities,
        tags=tuple(e.id for e in entities if e.kind == "topic"),
        date_mentions=(),
        provenance={
            "title": Provenance("text", 1),
            "date": Provenance("sidecar"),
            "language": Provenance("derived"),
        },
        source=SourceInfo(file_name, hashlib.sha256(raw).hexdigest(), len(raw)),
        notes=extra.get("notes"),  # type: ignore[arg-type]
        authors=(Author(str(extra["author"]), "person"),) if extra.get("author") else (),
        extra_tags=extra.get("extra_tags", ()),  # type: ignore[arg-type]
    )
    return record, raw


def fixture_records() -> list[tuple[ArticleRecord, bytes]]:
    """Six records with their raw source bytes."""
    p = Block
    return [
        _record(
            1,
            "Wizyta szefa BBN w Kazachstanie",
            DateValue(2018, 6, 23),
            "pl",
            (
                p("paragraph", "Szef **BBN** Paweł Soloch odwiedził Kazachstan.", 3),
                p("paragraph", "Rozmowy o bezpieczeństwie w Astanie i w ONZ; Kazachstan.", 5),
                p("list", "Łódź\nLublin", 7, items=("*Łódź*", "Lublin")),
            ),
            (
                ref("bbn", 1, "BBN", 0),
                ref("pawel-soloch", 1, "Paweł Soloch", 0),
                ref("kazakhstan", 2, "Kazachstan", 0),
                ref("astana", 1, "Astanie", 1),
                ref("un", 1, "ONZ", 1),
                ref("security", 1, "bezpieczeństwie", 1),
                ref("lodz", 1, "Łódź", 2),
                ref("lublin", 1, "Lublin", 2),
            ),
            "Wizyta szefa BBN\r\n\r\nSzef BBN Paweł Soloch…\n".encode(),
            author="Jan Kowalski",
            notes="Data z nagłówka strony.",
        ),
        _record(
            2,
            "Konsultacje polityczne Polski i Kazachstanu",
            DateValue(2020, 12, 8),
            "pl",
            (
                p("paragraph", "Polska i Kazachstan w ONZ rozmawiały o handlu.", 1),
                p("quote", "Kazachstan pozostaje partnerem.", 3),
            ),
            (
                ref("poland", 1, "Polska", 0),
                ref("kazakhstan", 2, "Kazachstan", 0),
                ref("un", 1, "ONZ", 0),
                ref("trade", 1, "handlu", 0),
            ),
            b"Konsultacje polityczne\n",
        ),
        _record(
            3,
            "Official statement on the events of January 2022",
            DateValue(2022, 1),
            "en",
            (
                p("heading", "Statement", 1, level=2),
                p("paragraph", "Kazakhstan restored order in Astana.", 2),
            ),
            (ref("kazakhstan", 1, "Kazakhstan", 1), ref("astana", 1, "Astana", 1)),
            b"Official statement\n",
            summary='=HYPERLINK("https://evil.example")',
        ),
        _record(
            4,
            "Заявление МИД",
            DateValue(2024),
            "ru",
            (p("paragraph", "Азербайджан и Польша обсудили торговлю.", 1),),
            (ref("azerbaijan", 1, "Азербайджан", 0), ref("poland", 1, "Польша", 0)),
            "Заявление МИД\n".encode(),
        ),
        _record(
            5,
            "Komendant Policji spotkał się z delegacją",
            DateValue(2025, 6, 3),
            "pl",
            (p("paragraph", HOSTILE, 1), p("paragraph", "Azerbejdżan i Polska.", 2)),
            (ref("azerbaijan", 1, "Azerbejdżan", 1), ref("poland", 1, "Polska", 1)),
            b"Komendant\n",
            extra_tags=("sport",),
        ),
        _record(
            6,
            "Notatka bez daty o handlu",
            None,
            "pl",
            (p("paragraph", "Handel z Azerbejdżanem rośnie.", 1),),
            (ref("azerbaijan", 1, "Azerbejdżanem", 0), ref("trade", 1, "Handel", 0)),
            b"Notatka\n",
        ),
    ]


ABOUT_PL = """---
title: O archiwum
description: Czym jest zbiór i jak go opisano.
---
Zbiór **komunikatów** o dyplomacji.

## Datowanie

Daty pochodzą z tekstów. Dane: [JSON](data/articles.json).
"""

ABOUT_EN = """---
title: About the archive
description: What the collection is and how it was described.
---
A collection of **press releases** about diplomacy. Data: [JSON](../data/articles.json).
"""


def write_collection(
    root: Path, base_url: str | None = "https://example.org/archiwum/"
) -> Collection:
    """Write the raw sources and about pages under ``root`` and return the collection."""
    sources = root / "sources"
    sources.mkdir(parents=True)
    pages = root / "pages"
    pages.mkdir()
    (pages / "about.md").write_text(ABOUT_PL, encoding="utf-8")
    (pages / "about.en.md").write_text(ABOUT_EN, encoding="utf-8")
    records = []
    for record, raw in fixture_records():
        (sources / record.source.file).write_bytes(raw)
        records.append(record)
    config = SiteConfig(
        title={"pl": "Archiwum testowe", "en": "Test archive"},
        description={"pl": "Zbiór testowy.", "en": "A test collection."},
        base_url=base_url,
        languages=("pl", "en"),
        default_language="pl",
    )
    records.sort(key=lambda r: r.sort_key)
    return Collection(root, config, make_catalogue(), tuple(records), Diagnostics())


def make_reference(**changes: Any) -> Reference:
    """A reference with every field filled (an archive at ``https://example.org/archiwum/``);
    ``changes`` replace some."""
    fields: dict[str, Any] = {
        "key": "wizyta",
        "title": "Wizyta szefa",
        "authors": (Author("Jan Kowalski", "person"),),
        "container": "Biuro Prasowe",
        "issued": DateValue(2022, 1, 5),
        "accessed": DateValue(2024, 4, 25),
        "language": "pl",
        "original_url": "https://example.org/1",
        "archive_url": "https://example.org/archiwum/articles/wizyta.html",
        "archive_title": "Archiwum",
        "sha256": "ab" * 32,
        "abstract": "Streszczenie.",
    }
    fields.update(changes)
    return Reference(**fields)
