"""Assemble one article record: the text's own reading, then the curator's sidecar.

Pure: it takes a decoded source and a parsed sidecar, and returns the record
with the problems to report. Which field came from where is kept in the
record's provenance (``text:LINE``, ``sidecar`` or ``derived``).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from sitegen.entities import Catalogue
from sitegen.gazetteer import Gazetteer, Mention, organisation_named
from sitegen.parsing.article import ParsedArticle, PublisherClue, parse_article
from sitegen.parsing.dates import find_dates
from sitegen.parsing.inline import strip_inline_markdown
from sitegen.parsing.language import detect_language
from sitegen.records import ArticleRecord, Block, DateValue, EntityRef, SourceInfo, block_plain_text
from sitegen.sidecar import Sidecar
from sitegen.sources import SourceText

Problem = tuple[int | None, str]


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
) -> tuple[ArticleRecord, list[Problem], list[Problem]]:
    """The record of ``source``, with (warnings, errors) to report for the source file."""
    parsed = parse_article(source.text)
    warnings: list[Problem] = []
    errors: list[Problem] = []
    provenance: dict[str, str] = {}

    def field(
        name: str,
        from_sidecar: str | None,
        from_text: str | None,
        line: int | None,
        derived: bool = False,
    ) -> str | None:
        if from_sidecar is not None:
            provenance[name] = "sidecar"
            return from_sidecar
        if from_text is not None:
            provenance[name] = f"text:{line}" if line and not derived else "derived"
        return from_text

    if sidecar.title is None:
        warnings.extend(parsed.warnings)
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
        date, provenance["date"] = sidecar.date, "sidecar"
    else:
        date = parsed.date
        if date is not None:
            provenance["date"] = f"text:{parsed.date_line}"
        else:
            warnings.append(
                (
                    None,
                    "no publication date found: the record is undated (give date: in the sidecar)",
                )
            )

    plain_body = "\n\n".join(block_plain_text(b) for b in parsed.blocks)
    language = sidecar.language or detect_language(
        f"{title}\n{plain_body}", context.content_languages
    )
    provenance["language"] = "sidecar" if sidecar.language else "derived"

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
        provenance["body"] = f"text:{parsed.blocks[0].line}"
    if parsed.retrieved:
        provenance["retrieved"] = "text"

    entities, free_tags, tag_problems = _entities(title, parsed.blocks, sidecar, context)
    warnings.extend(tag_problems)
    provenance["entities"] = "derived+sidecar" if sidecar.tags or sidecar.remove_tags else "derived"
    if sidecar.notes:
        provenance["notes"] = "sidecar"

    record = ArticleRecord(
        id=source.path.stem,
        slug="",
        title=title,
        date=date,
        language=language,
        publisher=publisher,
        author=author,
        source_url=source_url,
        summary=summary,
        blocks=parsed.blocks,
        entities=entities,
        tags=tuple(sorted({e.id for e in entities if e.kind == "topic"} | set(free_tags))),
        mentioned_dates=_mentioned_dates(parsed, date),
        provenance=dict(sorted(provenance.items())),
        source=SourceInfo(source.name, source.sha256, source.size, source.encoding),
        notes=sidecar.notes,
        extra_tags=tuple(sorted(free_tags)),
        retrieved=parsed.retrieved,
    )
    return record, warnings, errors


def _publisher_name(clue: PublisherClue, catalogue: Catalogue, language: str) -> str:
    """A signature or site name is quoted as written; a short reference is resolved."""
    if clue.how in ("site name", "signature"):
        return clue.text
    organisation = organisation_named(catalogue, clue.text)
    return organisation.label(language) if organisation else clue.text


def _entities(
    title: str, blocks: tuple[Block, ...], sidecar: Sidecar, context: Context
) -> tuple[tuple[EntityRef, ...], list[str], list[Problem]]:
    counts: Counter[str] = Counter()
    first: dict[str, tuple[str, int]] = {}
    for mention in context.gazetteer.find(title):
        counts[mention.entity_id] += 1
    for index, block in enumerate(blocks):
        mentions: list[Mention] = context.gazetteer.find(block_plain_text(block))
        for mention in mentions:
            counts[mention.entity_id] += 1
            first.setdefault(mention.entity_id, (mention.surface, index))
    problems: list[Problem] = []
    free_tags: list[str] = []
    for tag in sidecar.tags:
        if tag in context.catalogue:
            counts.setdefault(tag, 0)
        else:
            free_tags.append(tag)
    for tag in sidecar.remove_tags:
        if tag in counts:
            del counts[tag]
        elif tag in free_tags:
            free_tags.remove(tag)
        else:
            problems.append((None, f"remove_tags: '{tag}' is not among the record's tags"))
    catalogue = context.catalogue
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
    refs.sort(key=lambda ref: (-ref.count, ref.kind, ref.id))
    return tuple(refs), free_tags, problems


def _mentioned_dates(parsed: ParsedArticle, date: DateValue | None) -> tuple[str, ...]:
    year = date.year if date else None
    found: set[DateValue] = set()
    for block in parsed.blocks:
        plain = strip_inline_markdown(block_plain_text(block))
        found.update(m.value for m in find_dates(plain, year))
    return tuple(value.iso for value in sorted(found, key=lambda v: (v.sort_key, v.iso)))
