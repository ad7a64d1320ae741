"""Entities and topics: what a mention can point to, with labels per language.

The world data shipped with the package (``sitegen/data/countries.json`` and
``organizations.json``: every country, the main international organisations)
and a collection's ``content/entities.yaml`` become one ``Catalogue``. An entry
of ``entities.yaml`` with a shipped id is merged into it: its labels,
description and country replace the shipped ones, its name forms are added.

Matching texts against the forms lives in ``gazetteer.py``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from functools import partial
from importlib import resources
from pathlib import Path
from typing import Any, cast

from sitegen.core.authorities import AUTHORITY_SCHEMES, authority_problem
from sitegen.core.errors import Diagnostics
from sitegen.core.records import ENTITY_KINDS, EntityKind
from sitegen.core.yamlfile import YamlMapping, read_yaml_file, unknown_key_message
from sitegen.load.inflection import polish_forms

SHIPPED_DATA_FILES = ("countries.json", "organizations.json")
# Country (ISO 3166-1 alpha-2) → authority ids, written by tools/make_country_ids.py.
SHIPPED_COUNTRY_IDS = "country_ids.json"
_ENTRY_KEYS = {"kind", "label", "names", "forms", "aliases", "country", "description"}
_ENTRY_KEYS |= set(AUTHORITY_SCHEMES)
_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")


@dataclass(frozen=True)
class Entity:
    id: str
    kind: EntityKind
    labels: Mapping[str, str]
    """Label per language code (``pl``, ``en``, ``ru``…)."""
    forms: frozenset[str] = frozenset()
    """Every surface form that counts as a mention."""
    aliases: frozenset[str] = frozenset()
    """Names that identify it only as a publisher or signatory, never counted as mentions."""
    description: Mapping[str, str] = field(default_factory=dict)
    country: str | None = None
    authority: Mapping[str, str] = field(default_factory=dict)
    """Scheme (``AUTHORITY_SCHEMES``: ``wikidata``, ``viaf``, ``geonames``, ``url``) → id."""
    iso_codes: tuple[str, ...] = ()
    """A country's ISO 3166-1 alpha-2 and alpha-3 codes."""

    def label(self, lang: str) -> str:
        return label_in(self.labels, lang, self.id)


@dataclass(frozen=True)
class Catalogue:
    """Every known entity by id."""

    entities: Mapping[str, Entity]

    def __contains__(self, entity_id: object) -> bool:
        return entity_id in self.entities

    def __getitem__(self, entity_id: str) -> Entity:
        return self.entities[entity_id]

    def label(self, entity_id: str, lang: str) -> str:
        entity = self.entities.get(entity_id)
        return entity.label(lang) if entity else entity_id


def label_in(labels: Mapping[str, str], lang: str, fallback: str) -> str:
    """An entity's label in ``lang``; else in English, Polish, any language; else ``fallback``.

    The one rule for every page, feed and index: the pages of one language name
    an entity alike wherever it appears.

    >>> label_in({"ru": "Казахстан", "pl": "Kazachstan"}, "en", "kazakhstan")
    'Kazachstan'
    """
    for key in (lang, "en", "pl"):
        if labels.get(key):
            return labels[key]
    return next((label for label in labels.values() if label), fallback)


def load_catalogue(entities_file: Path, diagnostics: Diagnostics) -> Catalogue:
    """The shipped world data with the collection's ``entities.yaml`` merged in."""
    entities = dict(shipped_entities())
    if entities_file.exists():
        for entity in _read_collection_entities(entities_file, diagnostics):
            known = entities.get(entity.id)
            entities[entity.id] = _merge(known, entity) if known else entity
    return Catalogue(dict(sorted(entities.items())))


def shipped_entities() -> dict[str, Entity]:
    entities: dict[str, Entity] = {}
    data = resources.files("sitegen") / "data"
    country_ids = json.loads((data / SHIPPED_COUNTRY_IDS).read_text(encoding="utf-8"))
    for name in SHIPPED_DATA_FILES:
        resource = data / name
        if not resource.is_file():
            continue
        for entity_id, entry in json.loads(resource.read_text(encoding="utf-8")).items():
            iso_codes = tuple(entry[key] for key in ("iso2", "iso3") if key in entry)
            entities[entity_id] = Entity(
                id=entity_id,
                kind=entry["kind"],
                labels=entry["labels"],
                forms=frozenset(entry["forms"]) | frozenset(entry["labels"].values()),
                authority=country_ids["countries"].get(entry.get("iso2"), {}),
                iso_codes=iso_codes,
            )
    return entities


def _merge(shipped: Entity, local: Entity) -> Entity:
    return replace(
        shipped,
        labels={**shipped.labels, **local.labels},
        forms=shipped.forms | local.forms,
        aliases=shipped.aliases | local.aliases,
        description={**shipped.description, **local.description},
        country=local.country or shipped.country,
        authority={**shipped.authority, **local.authority},
    )


def _read_collection_entities(path: Path, diagnostics: Diagnostics) -> list[Entity]:
    doc = read_yaml_file(path, partial(diagnostics.error, path))
    if doc is None:
        return []
    found: list[Entity] = []
    for entity_id, entry in doc.values.items():
        entity = _entity_from_entry(entity_id, entry, path, doc, diagnostics)
        if entity is not None:
            found.append(entity)
    return found


def _entity_from_entry(
    entity_id: str, entry: Any, path: Path, doc: YamlMapping, diagnostics: Diagnostics
) -> Entity | None:
    line = doc.line_of(entity_id)
    where = f"entity '{entity_id}'"
    if not _ID.match(entity_id):
        diagnostics.error(path, line, f"{where}: an id is lowercase letters, digits and hyphens")
        return None
    if not isinstance(entry, dict):
        diagnostics.error(path, line, f"{where}: expected a mapping with kind, label and names")
        return None
    problems = [unknown_key_message(str(k), _ENTRY_KEYS) for k in entry if k not in _ENTRY_KEYS]
    kind = entry.get("kind")
    if kind not in ENTITY_KINDS:
        problems.append(f"kind must be one of {', '.join(ENTITY_KINDS)}, not {kind!r}")
    labels = entry.get("label", {})
    if isinstance(labels, str):
        labels = {"pl": labels, "en": labels}
    if (
        not isinstance(labels, dict)
        or not labels
        or not all(isinstance(v, str) for v in labels.values())
    ):
        problems.append("label must be text or a mapping of language to text")
        labels = {}
    lists = {key: entry.get(key, []) for key in ("names", "forms", "aliases")}
    for key, value in lists.items():
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            problems.append(f"{key} must be a list of texts")
            lists[key] = []
    for problem in problems:
        diagnostics.error(path, line, f"{where}: {problem}")
    authority = _authority_ids(
        entry,
        lambda key, problem: diagnostics.error(
            path, doc.line_of(entity_id, key), f"{where}: {problem}"
        ),
    )
    if problems or authority is None:
        return None
    # A label is a name too, except a topic's ("Security" would tag every "Security Council").
    forms = set(lists["forms"]) | (set(labels.values()) if kind != "topic" else set())
    for name in lists["names"]:
        forms |= polish_forms(name)
    description = entry.get("description") or {}
    return Entity(
        id=entity_id,
        kind=cast(EntityKind, kind),
        labels={str(k): str(v) for k, v in labels.items()},
        forms=frozenset(forms),
        aliases=frozenset(lists["aliases"]),
        description=description if isinstance(description, dict) else {"pl": str(description)},
        country=str(entry["country"]) if entry.get("country") else None,
        authority=authority,
    )


def _authority_ids(
    entry: Mapping[str, Any], report: Callable[[str, str], None]
) -> dict[str, str] | None:
    """The entry's authority ids; ``None`` after reporting a malformed one.

    YAML reads ``geonames: 1522867`` as a number: ids are compared as text.
    """
    ids: dict[str, str] = {}
    malformed = False
    for scheme in AUTHORITY_SCHEMES:
        value = entry.get(scheme)
        if value is None:
            continue
        text = str(value).strip() if isinstance(value, str | int) else ""
        problem = authority_problem(scheme, text) if text else f"{scheme} must be one id"
        if problem:
            report(scheme, problem)
            malformed = True
        ids[scheme] = text
    return None if malformed else ids
