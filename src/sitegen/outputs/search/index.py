"""The search index: scripts the search page loads one by one, only as a query needs them.

Every file is a classic script calling ``sitegenSearchData(key, value)``, so the page
loads it by inserting a ``<script>`` element: that works from ``file://``, where
``fetch`` and modules do not. Values are JSON with ``<``, ``>`` and ``&`` escaped, so
no text can end a script. The layout (all under ``search/``)::

    manifest.js                 shard boundaries, file hashes, counts (loaded with the page)
    terms/N.HASH.js             forms → terms, terms → postings, names → entities
    phrases/N.HASH.js           positions of the same terms, for quoted phrases only
    text/SLUG.HASH.js           an article's text, for the snippets of shown results
    LANG/facets.HASH.js         facet values of one interface (labels, links, postings, dates)
    LANG/docs/N.js              title, link, date, summary of 4 articles at a time
    LANG/entities/N.js          the rows of the facets' entities, 8 at a time

A term shard holds a contiguous range of strings in UTF-16 order (the order of JavaScript's
``<``): the page finds the shard of a string by binary search over the boundaries, and a
prefix's strings in a run of shards. File names carry a hash of their content, so a
host may cache them for good; the blocks of display rows and of entities share one
version each (``docs/N.js?v=VERSION``) so that the manifest does not grow with
the collection. Document ids follow the model's order (date, undated
last), so postings are increasing and sent as gaps.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from collections import defaultdict
from collections.abc import Generator, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from sitegen.core import urls
from sitegen.core.escaping import html_safe_json
from sitegen.core.i18n import format_date_value, language_name
from sitegen.core.records import ArticleRecord, DateValue
from sitegen.model.site import EntityInfo, SiteModel
from sitegen.outputs.search.analysis import Analyser, fold, words
from sitegen.outputs.search.segments import (
    Postings,
    SegmentStore,
    collect_segment,
    merge_segment,
    segment_bounds,
)

CALLBACK = "sitegenSearchData"
_CALL = re.compile(rf'{CALLBACK}\("([^"]+)",(.*)\);\n', re.DOTALL)
MANIFEST_GLOBAL = "SITEGEN_SEARCH_MANIFEST"
SHARD_BYTES = 16_000
"""A term shard's size before it is closed (one very common term may exceed it alone)."""
DOCS_PER_BLOCK = 4
"""Articles a display block holds: the results of a query are scattered over the blocks."""
ENTITIES_PER_BLOCK = 8
"""Entities a block holds (label, link, articles): what a query naming one needs first."""
SNIPPET_TEXT_LIMIT = 20_000
"""Characters of an article's text shipped for snippets; matching uses the whole text."""
LONGEST_NAME = 4
"""Words in the longest entity name the page tries to match in a query."""


@dataclass
class _Collected:
    forms: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    terms: dict[str, Postings] = field(default_factory=dict)
    names: dict[str, set[int]] = field(default_factory=lambda: defaultdict(set))


def search_files(
    model: SiteModel, analyser: Analyser | None = None, segments: SegmentStore | None = None
) -> Iterator[tuple[str, str]]:
    """Every file of ``search/`` as (path in the site, text), the manifest last.

    Yielded as each is made, so the build writes it and holds none: at 10,000
    articles they are some 60 MB of text. ``analyser``: one that knows an earlier
    build's analyses (``Analyser.remembered``); ``segments``: where the last build's
    segments are kept and this build's are left. The files are the same with any.
    """
    collected = _collect(model, analyser or Analyser(), segments)
    keys: list[str] = []
    term_hashes: list[str] = []
    phrase_hashes: list[str] = []
    for n, (key, terms_json, phrases_json) in enumerate(_term_shards(collected)):
        keys.append(key)
        term_hashes.append((yield from _named(f"terms/{n}", terms_json, f"t{n}")))
        phrase_hashes.append((yield from _named(f"phrases/{n}", phrases_json, f"x{n}")))
    del collected
    texts = []
    for record in model.records:
        slug = record.slug
        texts.append((yield from _named(f"text/{slug}", _snippet_text(record), f"s{slug}")))
    interfaces = {}
    postings = _FacetPostings.of(model)  # the same in every interface
    for lang in model.config.languages:
        entity_rows = _entity_rows(model, lang, postings.entities)
        facets_json = html_safe_json(_facets(model, lang, entity_rows, postings))
        facets = yield from _named(f"{lang}/facets", facets_json, f"f{lang}")
        doc_rows = list(_doc_rows(model, lang, texts))
        docs = yield from _blocks_of(lang, "docs", doc_rows, DOCS_PER_BLOCK)
        entities = yield from _blocks_of(lang, "entities", entity_rows, ENTITIES_PER_BLOCK)
        interfaces[lang] = {"facets": facets, "docs": docs, "entities": entities}
    manifest = {
        "docs": len(model.records),
        "dated": sum(1 for record in model.records if record.date is not None),
        "block": DOCS_PER_BLOCK,
        "entityBlock": ENTITIES_PER_BLOCK,
        "longestName": LONGEST_NAME,
        "keys": keys,
        "terms": term_hashes,
        "phrases": phrase_hashes,
        "interfaces": interfaces,
    }
    yield (
        urls.SEARCH_MANIFEST,
        f"window.{MANIFEST_GLOBAL} = {html_safe_json(manifest)};\n",
    )


def _call(key: str, value_json: str) -> str:
    return f'{CALLBACK}("{key}",{value_json});\n'


def _named(stem: str, value_json: str, key: str) -> Generator[tuple[str, str], None, str]:
    """Yield ``search/STEM.HASH.js``, calling back with ``key``; return the hash."""
    text = _call(key, value_json)
    name = urls.hashed_name(f"{stem}.js", text.encode())
    digest = name[len(stem) + 1 : -len(".js")]
    yield _path(stem, digest), text
    return digest


def _path(stem: str, digest: str) -> str:
    return f"{urls.SEARCH_DIR}/{stem}.{digest}.js"


def _blocks_of(
    lang: str, kind: str, rows: Sequence[object], size: int
) -> Generator[tuple[str, str], None, dict[str, object]]:
    """Rows in files of ``size`` (``LANG/KIND/N.js``); returns their count and one version.

    One version for all the blocks, not a hash each, keeps the manifest small.
    """
    version = hashlib.sha256()
    blocks = 0
    for start in range(0, len(rows), size):
        text = _call(f"{kind[0]}{lang}{blocks}", html_safe_json(rows[start : start + size]))
        version.update(text.encode())
        yield _block_path(lang, kind, blocks), text
        blocks += 1
    return {"version": version.hexdigest()[:10], "blocks": blocks}


def _block_path(lang: str, kind: str, number: int) -> str:
    """A block of display rows or entities, loaded as ``N.js?v=VERSION``."""
    return f"{urls.SEARCH_DIR}/{lang}/{kind}/{number}.js"


def read_manifest(text: str) -> dict[str, Any]:
    """The manifest's value, as ``search.js`` receives it; ``ValueError`` if it is not one."""
    prefix = f"window.{MANIFEST_GLOBAL} = "
    if not (text.startswith(prefix) and text.endswith(";\n")):
        raise ValueError("not a search manifest")
    value = json.loads(text[len(prefix) : -2])
    if not isinstance(value, dict):
        raise ValueError("not a search manifest")
    return value


def read_data(text: str) -> tuple[str, Any]:
    """The key and value an index file hands to ``sitegenSearchData``."""
    match = _CALL.fullmatch(text)
    if match is None:
        raise ValueError(f"not a {CALLBACK} call")
    return match.group(1), json.loads(match.group(2))


def manifest_files(manifest: Mapping[str, Any]) -> list[str]:
    """Every file the manifest names, display blocks last (the texts are named by those)."""
    paths = [_path(f"terms/{n}", digest) for n, digest in enumerate(manifest["terms"])]
    paths += [_path(f"phrases/{n}", digest) for n, digest in enumerate(manifest["phrases"])]
    for lang, interface in manifest["interfaces"].items():
        paths.append(_path(f"{lang}/facets", interface["facets"]))
        paths += _blocks(manifest, lang, "entities")
    return paths + display_blocks(manifest)


def display_blocks(manifest: Mapping[str, Any]) -> list[str]:
    """The display blocks of every interface: their rows name the article texts."""
    return [path for lang in manifest["interfaces"] for path in _blocks(manifest, lang, "docs")]


def _blocks(manifest: Mapping[str, Any], lang: str, kind: str) -> list[str]:
    count = manifest["interfaces"][lang][kind]["blocks"]
    return [_block_path(lang, kind, number) for number in range(count)]


def text_file(row: Sequence[str]) -> str:
    """The text file a display block's row names (its last field: ``SLUG.HASH``)."""
    return f"{urls.SEARCH_DIR}/text/{row[-1]}.js"


def _collect(model: SiteModel, analyser: Analyser, store: SegmentStore | None) -> _Collected:
    """Analyse every word of every article: forms, postings with positions, entity names."""
    collected = _Collected()
    records = model.records
    for start, end in segment_bounds([record.id for record in records]):
        run = records[start:end]
        segment = store.get(run) if store else None
        if segment is None:
            segment = collect_segment(run, analyser)
            if store:
                store.keep(run, segment)
        else:  # its words' forms are listed as if read again, and kept for the next build
            for lang, known in segment.words.items():
                for word in known:
                    analyser.analyse(word, lang)
        merge_segment(collected.terms, segment, start)
    # Each word's form once, not at each of its occurrences (a fifth of the time at 10,000).
    for form, terms in analyser.analysed():
        collected.forms[form].update(terms)
    for term in list(collected.terms):
        for form in analyser.lexeme(term):
            collected.forms[form].add(term)
    for number, entity in enumerate(model.entities.values()):
        for name in entity.names:
            key = " ".join(fold(word) for word in words(name))
            if key:
                collected.names[key].add(number)
    return collected


def _utf16_order(text: str) -> bytes:
    return text.encode("utf-16-be")


def _term_shards(collected: _Collected) -> Iterator[tuple[str, str, str]]:
    """Each shard's boundary, terms and phrases, the strings cut into runs of SHARD_BYTES."""
    strings = sorted(
        collected.forms.keys() | collected.terms.keys() | collected.names.keys(), key=_utf16_order
    )
    previous: str | None = None
    for run in _runs(strings, collected):
        key = "" if previous is None else _shortest_boundary(previous, run[0])
        previous = run[-1] if run else (previous or "")
        phrases = {t: collected.terms[t].positions.tolist() for t in run if t in collected.terms}
        yield (
            key,
            html_safe_json(_term_shard(run, collected)),
            html_safe_json(phrases),
        )


def _runs(strings: list[str], collected: _Collected) -> Iterator[list[str]]:
    run: list[str] = []
    size = 0
    for string in strings:
        run.append(string)
        size += len(string) * 2 + len(collected.forms.get(string, ())) * 8
        term = collected.terms.get(string)
        size += len(term.postings) * 3 if term else 0
        if size >= SHARD_BYTES:
            yield run
            run, size = [], 0
    if run or not strings:
        yield run


def _shortest_boundary(previous: str, first: str) -> str:
    """The shortest prefix of ``first`` that sorts after ``previous``."""
    for length in range(1, len(first) + 1):
        if _utf16_order(first[:length]) > _utf16_order(previous):
            return first[:length]
    return first


def _term_shard(run: Sequence[str], collected: _Collected) -> dict[str, object]:
    # A form that stands only for itself is left out of "f": the page reads it from "p".
    forms = {
        s: sorted(collected.forms[s])
        for s in run
        if s in collected.forms and collected.forms[s] != {s}
    }
    postings = {t: collected.terms[t].postings.tolist() for t in run if t in collected.terms}
    names = {s: sorted(collected.names[s]) for s in run if s in collected.names}
    return {"f": forms, "p": postings, "e": names}


def _snippet_text(record: ArticleRecord) -> str:
    return html_safe_json(record.body_text[:SNIPPET_TEXT_LIMIT])


def _gaps(ids: Iterable[int]) -> list[int]:
    out: list[int] = []
    previous = 0
    for doc_id in ids:
        out.append(doc_id - previous)
        previous = doc_id
    return out


def compact_postings(ids: Sequence[int], total: int) -> list[int] | str:
    """Sorted document ids as gaps, or as a base64 bitset when that is shorter.

    A value in most articles (the home country, the main language) costs a bit per
    article instead of two characters.

    >>> compact_postings([1, 4, 10], 1000), compact_postings(range(12), 16)
    ([1, 3, 6], '/w8=')
    """
    gaps = _gaps(ids)
    bits = bytearray((total + 7) // 8)
    for doc_id in ids:
        bits[doc_id >> 3] |= 1 << (doc_id & 7)
    bitset = base64.b64encode(bits).decode("ascii")
    listed = sum(len(str(gap)) + 1 for gap in gaps)
    return bitset if len(bitset) + 2 < listed else gaps


def date_key(date: DateValue | None) -> int:
    """``20180623``; an unknown day or month is 00 (``20220100``), no date at all 0."""
    if date is None:
        return 0
    return date.year * 10_000 + (date.month or 0) * 100 + (date.day or 0)


@dataclass(frozen=True)
class _FacetPostings:
    """The articles of every facet value: they do not depend on the interface language."""

    entities: list[list[int] | str]
    """Of each entity, in the model's order."""
    publishers: list[tuple[str, list[int] | str]]
    languages: list[tuple[str, list[int] | str]]
    """Of each text language, by code."""
    dates: list[int]
    """Each article's ``date_key``, as gaps."""

    @classmethod
    def of(cls, model: SiteModel) -> _FacetPostings:
        by_publisher: dict[str, list[ArticleRecord]] = defaultdict(list)
        by_language: dict[str, list[ArticleRecord]] = defaultdict(list)
        for record in model.records:
            if record.publisher:
                by_publisher[record.publisher].append(record)
            by_language[record.language].append(record)
        return cls(
            [_postings(model, model.by_entity.get(entity_id, ())) for entity_id in model.entities],
            [(name, _postings(model, rs)) for name, rs in sorted(by_publisher.items())],
            [(code, _postings(model, rs)) for code, rs in sorted(by_language.items())],
            _gaps(date_key(record.date) for record in model.records),
        )


def _facets(
    model: SiteModel, lang: str, entities: list[list[object]], postings: _FacetPostings
) -> dict[str, object]:
    """Every facet value of one interface with its label and postings; dates by article."""
    return {
        "entities": entities,
        "publishers": [[name, name, ids] for name, ids in postings.publishers],
        "languages": [[code, language_name(code, lang), ids] for code, ids in postings.languages],
        "dates": postings.dates,
    }


def _entity_rows(
    model: SiteModel, lang: str, postings: Sequence[list[int] | str]
) -> list[list[object]]:
    """Each entity as ``[id, kind, label, link from the search page, articles]``."""
    search_page = urls.localised_path(urls.SEARCH, lang, model.config.default_language)

    def href(entity: EntityInfo) -> str:
        path = urls.entity_neutral_path(entity.kind, entity.id)
        return urls.relative_url(
            search_page, urls.localised_path(path, lang, model.config.default_language)
        )

    return [
        [entity.id, entity.kind, entity.label(lang), href(entity), ids]
        for entity, ids in zip(model.entities.values(), postings, strict=True)
    ]


def _postings(model: SiteModel, records: Iterable[ArticleRecord]) -> list[int] | str:
    ids = sorted(model.positions[record.id] for record in records)
    return compact_postings(ids, len(model.records))


def _doc_rows(model: SiteModel, lang: str, texts: Sequence[str]) -> Iterator[list[str]]:
    """Display data of each article in ``lang``'s interface."""
    default = model.config.default_language
    search_page = urls.localised_path(urls.SEARCH, lang, default)
    for record, text_hash in zip(model.records, texts, strict=True):
        yield [
            urls.relative_url(search_page, urls.article_path(record.slug, lang, default)),
            record.title,
            format_date_value(record.date, lang),
            record.language,
            record.publisher or "",
            record.summary,
            f"{record.slug}.{text_hash}",
        ]
