"""Assemble one article record: the text's own reading, then the curator's sidecar.

Pure: it takes a decoded source and a parsed sidecar, and returns the record
with the problems to report. Which field came from where is kept in the
record's provenance (a ``Provenance``: a line of the text, the sidecar, or derived).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from sitegen.core.errors import Problem
from sitegen.core.records import (
    ArticleRecord,
    Author,
    Block,
    Body,
    DateMention,
    DateValue,
    EntityRef,
    Provenance,
    ProvenanceOrigin,
    SourceInfo,
    block_plain_text,
    origin_of,
    plain_text,
)
from sitegen.load.entities import Catalogue
from sitegen.load.found_entities import FoundEntity, record_entities
from sitegen.load.gazetteer import Gazetteer, Mention, organisation_named
from sitegen.load.parsing.article import ParsedArticle, parse_article
from sitegen.load.parsing.bylines import personal_names
from sitegen.load.parsing.dates import find_dates
from sitegen.load.parsing.language import detect_language
from sitegen.load.parsing.names import NameMention, find_names
from sitegen.load.parsing.publishers import PublisherClue
from sitegen.load.parsing.sentences import split_sentences
from sitegen.load.sidecar import Sidecar
from sitegen.load.slugs import title_slug
from sitegen.load.sources import SourceText


@dataclass(frozen=True)
class Context:
    """What every record is assembled against."""

    catalogue: Catalogue
    gazetteer: Gazetteer
    content_languages: tuple[str, ...]
    label_language: str
    """The language of the entity labels in the record (the site's default)."""


def assemble_record(
    source: SourceText, sidecar: Sidecar, context: Context
) -> tuple[ArticleRecord, list[Problem]]:
    """The record of ``source``, with the problems to report for the source file.

    A text always yields a record, so these are warnings; the sidecar's own
    problems come from ``parse_sidecar``.
    """
    parsed = parse_article(source.text)
    problems: list[Problem] = []
    provenance: dict[str, Provenance] = {}

    def field(
        name: str,
        from_sidecar: str | None,
        from_text: str | None,
        line: int | None,
        derived: bool = False,
    ) -> str | None:
        if from_sidecar is not None:
            provenance[name] = Provenance("sidecar")
            return from_sidecar
        if from_text is not None:
            provenance[name] = (
                Provenance("text", line) if line and not derived else Provenance("derived")
            )
        return from_text

    problems.extend(parsed.warnings)
    if sidecar.title is None:
        problems.extend(parsed.title_warnings)
    if sidecar.date is None:
        problems.extend(parsed.date_warnings)
    title = (
        field(
            "title",
            sidecar.title,
            parsed.title,
            parsed.title_line,
            derived=parsed.title_line is None,
        )
        or source.name
    )

    date: DateValue | None
    if sidecar.date is not None:
        date, provenance["date"] = sidecar.date, Provenance("sidecar")
    else:
        date = parsed.date
        if date is not None:
            provenance["date"] = Provenance("text", parsed.date_line)
            if "date" in parsed.unsure and not parsed.date_warnings:
                problems.append(
                    Problem(
                        parsed.date_line,
                        f"unsure of the date {date.iso}: only a {parsed.date_evidence} gives it "
                        "(check it, or give date: in the sidecar)",
                        "warning",
                    )
                )
        else:
            problems.append(
                Problem(
                    None,
                    "no publication date found: the record is undated (give date: in the sidecar)",
                    "warning",
                )
            )

    plain_body = plain_text(parsed.blocks)
    language = sidecar.language or detect_language(
        f"{title}\n{plain_body}", context.content_languages
    )
    provenance["language"] = Provenance("sidecar" if sidecar.language else "derived")

    publisher_clue = parsed.publisher_clues[0] if parsed.publisher_clues else None
    publisher = field(
        "publisher",
        sidecar.publisher,
        _publisher_name(publisher_clue, context.catalogue, language) if publisher_clue else None,
        publisher_clue.line if publisher_clue else None,
    )
    author = field("author", sidecar.author, parsed.author, parsed.author_line)
    source_url = field("source_url", sidecar.source_url, parsed.source_url, parsed.source_url_line)
    summary = (
        field(
            "summary",
            sidecar.summary,
            parsed.summary or None,
            parsed.summary_line,
            derived=parsed.summary_line is None,
        )
        or ""
    )
    if parsed.blocks:
        provenance["body"] = Provenance("text", parsed.blocks[0].line)
    if parsed.retrieved:
        provenance["retrieved"] = Provenance("text")

    credited = [u.text for u in parsed.credits] + ([author] if author else [])
    entities, free_tags, tag_problems = _entities(
        title,
        parsed.blocks,
        credited=credited,
        sidecar=sidecar,
        context=context,
        language=language,
    )
    problems.extend(tag_problems)
    provenance["entities"] = Provenance(
        "derived", amended=bool(sidecar.tags or sidecar.remove_tags)
    )
    if sidecar.notes:
        provenance["notes"] = Provenance("sidecar")
    if sidecar.slug:  # otherwise the headline's, numbered if taken (slugs.assign_slugs)
        provenance["slug"] = Provenance("sidecar")

    source_lines = source.text.splitlines()  # for the text of the dates' lines
    record = ArticleRecord(
        id=source.path.stem,
        slug=sidecar.slug or title_slug(title, source.path.stem),
        title=title,
        date=date,
        language=language,
        publisher=publisher,
        author=author,
        source_url=source_url,
        summary=summary,
        blocks=Body.of(parsed.blocks),
        entities=entities,
        tags=tuple(sorted({e.id for e in entities if e.kind == "topic"} | set(free_tags))),
        date_mentions=_date_mentions(parsed, date, source_lines),
        provenance=dict(sorted(provenance.items())),
        source=SourceInfo(source.name, source.sha256, source.size, source.encoding),
        notes=sidecar.notes,
        extra_tags=tuple(sorted(free_tags)),
        retrieved=parsed.retrieved,
        date_evidence=parsed.date_evidence if origin_of(provenance, "date") == "text" else "",
        unsure=tuple(f for f in parsed.unsure if origin_of(provenance, f) != "sidecar"),
        aliases=sidecar.aliases,
        authors=_authors(author, origin_of(provenance, "author"), context.catalogue),
        date_context=_line_text(source_lines, provenance["date"].line)
        if origin_of(provenance, "date") == "text"
        else "",
    )
    return record, problems


def _authors(
    author: str | None, origin: ProvenanceOrigin | None, catalogue: Catalogue
) -> tuple[Author, ...]:
    """The people a byline names, or the organisation a curator gave as the author.

    Names with a name's evidence (``bylines.personal_names``) are people, unless a
    curator's author is a known organisation; anything else is an organisation.
    """
    if not author:
        return ()
    names = personal_names(author)
    # Looking the name up costs a pass over every organisation: only a curator's needs it.
    if names and (origin == "text" or organisation_named(catalogue, author) is None):
        return tuple(Author(name, "person") for name in names.split(", "))
    return (Author(author, "organization"),)


def _line_text(lines: Sequence[str], line: int | None) -> str:
    return lines[line - 1].strip() if line is not None and 0 < line <= len(lines) else ""


def _publisher_name(clue: PublisherClue, catalogue: Catalogue, language: str) -> str:
    """A signature or site name is quoted as written; a short reference is resolved."""
    if clue.how in ("site name", "signature"):
        return clue.text
    organisation = organisation_named(catalogue, clue.text)
    return organisation.label(language) if organisation else clue.text


def _entities(
    title: str,
    blocks: tuple[Block, ...],
    *,
    credited: list[str],
    sidecar: Sidecar,
    context: Context,
    language: str,
) -> tuple[tuple[EntityRef, ...], list[str], list[Problem]]:
    """Known entities the gazetteer finds, and the people and organisations found besides.

    ``credited`` are the byline and the credit lines: not text, but who they name counts.
    """
    counts: Counter[str] = Counter()
    first: dict[str, tuple[str, int]] = {}
    named: list[tuple[NameMention, int]] = []
    # The title, the text's blocks, then the byline and credits (people only), each read
    # by the gazetteer first; what it does not know is found in the text.
    passages = [(title, -1, False)]
    passages += [(block_plain_text(b), i, False) for i, b in enumerate(blocks)]
    passages += [(line, -1, True) for line in credited]
    for text, index, people_only in passages:
        mentions: list[Mention] = context.gazetteer.find(text)
        for mention in mentions:
            counts[mention.entity_id] += 1
            if index >= 0:
                first.setdefault(mention.entity_id, (mention.surface, index))
        named.extend(
            (name, index)
            for name in find_names(text, language)
            if not any(m.start < name.end and name.start < m.end for m in mentions)
            and (name.kind == "person" or not people_only)
        )
    catalogue = context.catalogue
    found: dict[str, FoundEntity] = {}
    for entity in record_entities(named):
        if entity.id in catalogue:  # the curator has an entry for it: that entity
            counts[entity.id] += entity.count
            first.setdefault(entity.id, (entity.first_form, entity.first_block))
        else:
            found[entity.id] = entity
    problems: list[Problem] = []
    free_tags: list[str] = []
    for tag in sidecar.tags:
        if tag in catalogue:
            counts.setdefault(tag, 0)
        else:
            free_tags.append(tag)
    for tag in sidecar.remove_tags:
        if tag in counts:
            del counts[tag]
        elif tag in found:
            del found[tag]
        elif tag in free_tags:
            free_tags.remove(tag)
        else:
            problems.append(
                Problem(None, f"remove_tags: '{tag}' is not among the record's tags", "warning")
            )
    refs = [
        EntityRef(
            id=entity_id,
            kind=catalogue[entity_id].kind,
            label=catalogue.label(entity_id, context.label_language),
            count=count,
            first_form=first.get(entity_id, ("", -1))[0],
            first_block=first.get(entity_id, ("", -1))[1],
        )
        for entity_id, count in counts.items()
    ]
    refs.extend(
        EntityRef(e.id, e.kind, e.label, e.count, e.first_form, e.first_block, origin="derived")
        for e in found.values()
    )
    refs.sort(key=lambda ref: (-ref.count, ref.kind, ref.id))
    return tuple(refs), free_tags, problems


def _date_mentions(
    parsed: ParsedArticle, date: DateValue | None, source_lines: Sequence[str]
) -> tuple[DateMention, ...]:
    """Each distinct date the body names, with the first sentence that names it and its line.

    A block may run over several lines of the source: the line is the first from the
    block's start that has the date as written, else the block's own.
    """
    year = date.year if date else None
    found: dict[DateValue, DateMention] = {}
    for block in parsed.blocks:
        plain = block_plain_text(block)
        matches = [m for m in find_dates(plain, year) if m.value not in found]
        if not matches:
            continue
        spans = _sentence_spans(plain)
        for match in matches:
            if match.value in found:
                continue
            sentence = next((s for start, end, s in spans if start <= match.start < end), plain)
            line = next(
                (
                    number
                    for number in range(block.line, len(source_lines) + 1)
                    if match.text in source_lines[number - 1]
                ),
                block.line,
            )
            found[match.value] = DateMention(match.value, sentence, line)
    return tuple(found[value] for value in sorted(found, key=lambda v: (v.sort_key, v.iso)))


def _sentence_spans(text: str) -> list[tuple[int, int, str]]:
    spans, position = [], 0
    for sentence in split_sentences(text):
        start = text.find(sentence, position)
        if start < 0:
            continue
        position = start + len(sentence)
        spans.append((start, position, sentence))
    return spans
