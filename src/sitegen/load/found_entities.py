"""People and organisations the gazetteer does not know, found in the text itself.

``parsing/names.py`` finds the names in a paragraph, folded to the nominative;
this module turns them into the record's entities, once per record and once
per collection:

- in a record, a surname alone (``Kazychanow``, ``J. Kazychanow``) joins the
  one full name of the record that ends with it (``Jerżan Kazychanow``);
- in the collection, a surname still alone joins a full name of another record
  only when no other full name in the collection has that surname (Akram Aliyev
  is not Ilham Aliyev);
- a name whose id the catalogue knows (``entities.yaml``) is that entity, so the
  curator promotes or renames a found entity by giving its id an entry, and
  removes it from a text with ``remove_tags``.

Found entities are marked ``origin="derived"`` in the record.

>>> from sitegen.load.parsing.names import NameMention
>>> found = [(NameMention("person", "Jerżan Kazychanow", "Jerżana Kazychanowa", 0, 19), 0),
...          (NameMention("person", "Kazychanow", "Kazychanow", 30, 40), 1)]
>>> [(e.id, e.count) for e in record_entities(found)]
[('jerzan-kazychanow', 2)]
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from sitegen.core.records import ArticleRecord, EntityKind, EntityRef
from sitegen.core.urls import ascii_slug
from sitegen.load.parsing.names import NameMention
from sitegen.load.slugs import SLUG_LIMIT

# Case endings a surname left uninflected by the finder may still carry (Polish, Russian).
_CASE_ENDINGS = frozenset(
    ["a", "owi", "em", "ie", "u", "ego", "emu", "im", "ym", "у", "а", "ым", "ом", "е", "ой"]
)


@dataclass(frozen=True)
class FoundEntity:
    id: str
    kind: EntityKind
    label: str
    count: int
    first_form: str
    first_block: int


def entity_id_for(name: str) -> str:
    """The id of a found name: its ASCII slug (``Ермек Кошербаев`` → ``ermek-kosherbaev``)."""
    # Cut as an article's slug is, but keeping shorter words after a long one:
    # the ids of long names have been made so from the start, and name their pages.
    return ascii_slug(name, SLUG_LIMIT, "fitting-words")


def record_entities(found: Sequence[tuple[NameMention, int]]) -> list[FoundEntity]:
    """The entities of one record from its name mentions (block -1: the title or a credit)."""
    full_names = {
        mention.name
        for mention, _ in found
        if mention.kind == "person" and not _is_partial(mention.name)
    }
    by_id: dict[str, FoundEntity] = {}
    for mention, block in found:
        name = mention.name
        if mention.kind == "person" and _is_partial(name):
            owners = {full for full in full_names if _same_surname(name, full)}
            if len(owners) == 1:
                (name,) = owners
        entity_id = entity_id_for(name)
        if not entity_id:
            continue
        seen = by_id.get(entity_id)
        if seen is None:
            by_id[entity_id] = FoundEntity(entity_id, mention.kind, name, 1, mention.surface, block)
        elif seen.first_block < 0 <= block:  # link the first mention in the text, not the title
            by_id[entity_id] = replace(
                seen, count=seen.count + 1, first_form=mention.surface, first_block=block
            )
        else:
            by_id[entity_id] = replace(seen, count=seen.count + 1)
    return list(by_id.values())


def link_surnames(records: Iterable[ArticleRecord]) -> list[ArticleRecord]:
    """Join a record's lone surname to the collection's one full name with that surname."""
    records = list(records)
    full_names = {
        (ref.id, ref.label)
        for record in records
        for ref in record.entities
        if ref.kind == "person" and not _is_partial(ref.label)
    }
    linked: list[ArticleRecord] = []
    for record in records:
        refs: dict[str, EntityRef] = {}
        for mentioned in record.entities:
            ref = _joined(mentioned, full_names)
            if ref.id in refs:
                ref = replace(refs[ref.id], count=refs[ref.id].count + ref.count)
            refs[ref.id] = ref
        entities = tuple(sorted(refs.values(), key=lambda r: (-r.count, r.kind, r.id)))
        linked.append(record if entities == record.entities else replace(record, entities=entities))
    return linked


def _joined(ref: EntityRef, full_names: set[tuple[str, str]]) -> EntityRef:
    """A found lone surname as the one full name of the collection with it, if there is one."""
    if ref.origin != "derived" or ref.kind != "person" or not _is_partial(ref.label):
        return ref
    owners = {(i, label) for i, label in full_names if _same_surname(ref.label, label)}
    if len(owners) != 1:
        return ref
    ((entity_id, label),) = owners
    return replace(ref, id=entity_id, label=label)


def _same_surname(lone: str, full_name: str) -> bool:
    """``Kazychanowa`` (a case form the text left) or ``J. Kazychanow`` is ``Jerżan Kazychanow``."""
    words = lone.split()
    initials = [w.rstrip(".") for w in words[:-1]]
    full = full_name.split()
    if initials and [w[:1] for w in full[: len(initials)]] != initials:
        return False
    surname, nominative = _folded(words[-1]), _folded(full[-1])
    return surname == nominative or (
        surname.startswith(nominative) and surname[len(nominative) :] in _CASE_ENDINGS
    )


def _is_partial(name: str) -> bool:
    """A surname alone, or with initials only (``J. Kazychanow``)."""
    words = name.split()
    return len(words) == 1 or all(len(w.rstrip(".")) <= 1 for w in words[:-1])


def _folded(word: str) -> str:
    decomposed = unicodedata.normalize("NFKD", word.replace("ł", "l").replace("Ł", "L"))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
