"""The search index's postings, collected a run of articles (a *segment*) at a time.

Reading every word of 10,000 articles costs some 3 s; an edit changes one article.
So the articles are cut into segments, each segment's postings are counted from its
own first article, and a build may hand back (``SegmentStore``) the segments of the
last one whose articles are unchanged: only the others are read, and all are merged
(`merge_segment`), which copies arrays. The index is the same either way.

A segment ends after an article whose id hashes to a multiple of ``SEGMENT_DOCS``
(content-defined cuts, as in rsync): adding or removing an article changes the
segment it falls in, not where every later segment begins.

>>> from array import array
>>> merged: dict[str, Postings] = {}
>>> one = Segment(("a",), array("I", [4, 4, 1]), array("I", [0, 10, 1, 7]),
...               array("I", [1, 3, 1, 0]), {})
>>> merge_segment(merged, one, 0); merge_segment(merged, one, 4)
>>> merged["a"].postings.tolist(), merged["a"].last_document
([0, 10, 1, 7, 3, 10, 1, 7], 5)
"""

from __future__ import annotations

import hashlib
import json
from array import array
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from operator import sub
from typing import Protocol

from sitegen.core.records import ArticleRecord
from sitegen.core.sealed import sealed, unsealed
from sitegen.outputs.search.analysis import Analyser, words

SEGMENT_DOCS = 256
"""Articles a segment holds on average: an edit reads this many again."""
LONGEST_SEGMENT = 4 * SEGMENT_DOCS
"""A run of ids that never cuts is cut here all the same."""
# Weight of one occurrence in each field; the sum for an article is capped at WEIGHT_CAP.
TITLE_WEIGHT, SUMMARY_WEIGHT, BYLINE_WEIGHT, BODY_WEIGHT = 10, 4, 2, 1
WEIGHT_CAP = 99
FIELD_GAP = 8
"""Positions skipped between fields, so that a phrase never spans a title and a summary."""


@dataclass
class Postings:
    """A term's postings and positions, kept as the page reads them: as gaps.

    Gaps are taken as each document is added (documents come in id order, a document's
    positions in order), so writing a shard is a copy: at 10,000 articles, taking them
    afterwards in Python cost 3 s.
    """

    postings: array[int] = field(default_factory=lambda: array("I"))
    """Document id as the gap from the previous one, weight, gap, weight…"""
    positions: array[int] = field(default_factory=lambda: array("I"))
    """For each posting: the number of positions, then the positions as gaps."""
    last_document: int = 0


@dataclass(frozen=True)
class Segment:
    """The postings of a run of articles, their ids counted from the run's first."""

    terms: tuple[str, ...]
    lengths: array[int]
    """For each term: its postings' length, its positions' length, its last document."""
    postings: array[int]
    """Every term's postings, one after the other."""
    positions: array[int]
    """Every term's positions, one after the other."""
    words: Mapping[str, Sequence[str]]
    """Language → the distinct words of the run's texts (their forms go into the index)."""

    def fits(self, count: int) -> bool:
        """Whether it names no document beyond a run of ``count`` articles (a kept file's
        may not: merged, a later gap would turn negative)."""
        return max(self.lengths[2::3], default=0) < count


class SegmentStore(Protocol):
    """Segments kept from the last build, by the articles they hold."""

    def get(self, records: Sequence[ArticleRecord]) -> Segment | None:
        """The segment of exactly these articles (same order, same content), if kept."""

    def keep(self, records: Sequence[ArticleRecord], segment: Segment) -> None:
        """Keep ``segment`` of these articles for the next build."""


def segment_bounds(ids: Sequence[str]) -> Iterator[tuple[int, int]]:
    """``(start, end)`` of each segment of articles with these ids, in order."""
    start = 0
    for position, article_id in enumerate(ids):
        cut = hashlib.blake2b(article_id.encode(), digest_size=4).digest()
        if (
            int.from_bytes(cut, "little") % SEGMENT_DOCS == 0
            or position + 1 - start >= LONGEST_SEGMENT
        ):
            yield start, position + 1
            start = position + 1
    if start < len(ids):
        yield start, len(ids)


def collect_segment(records: Sequence[ArticleRecord], analyser: Analyser) -> Segment:
    """Read every word of ``records``: the segment of their postings."""
    terms: dict[str, Postings] = {}
    seen: dict[str, dict[str, tuple[str, tuple[str, ...]]]] = {}
    for doc_id, record in enumerate(records):
        _add_document(terms, seen.setdefault(record.language, {}), analyser, doc_id, record)
    lengths, postings, positions = array("I"), array("I"), array("I")
    for entry in terms.values():
        lengths.extend((len(entry.postings), len(entry.positions), entry.last_document))
        postings += entry.postings
        positions += entry.positions
    return Segment(
        tuple(terms), lengths, postings, positions, {lang: tuple(w) for lang, w in seen.items()}
    )


def _fields(record: ArticleRecord) -> Iterator[tuple[str, int]]:
    yield record.title, TITLE_WEIGHT
    yield record.summary, SUMMARY_WEIGHT
    yield " ".join(filter(None, (record.author, record.publisher))), BYLINE_WEIGHT
    yield record.body_text, BODY_WEIGHT


def _add_document(
    terms: dict[str, Postings],
    seen: dict[str, tuple[str, tuple[str, ...]]],
    analyser: Analyser,
    doc_id: int,
    record: ArticleRecord,
) -> None:
    # Term → [weight, its positions…]: one dict lookup per occurrence (6 M at 10,000 articles).
    found: dict[str, list[int]] = {}
    position = 0
    for text, weight in _fields(record):
        for word in words(text):
            analysis = seen.get(word)
            if analysis is None:  # the segment's words are kept: ask once each
                analysis = seen[word] = analyser.analyse(word, record.language)
            for term in analysis[1]:
                occurrences = found.get(term)
                if occurrences is None:
                    found[term] = [weight, position]
                else:
                    occurrences[0] += weight
                    occurrences.append(position)
            position += 1
        position += FIELD_GAP
    for term, occurrences in found.items():
        entry = terms.get(term)
        if entry is None:
            entry = terms[term] = Postings()
        entry.postings.extend((doc_id - entry.last_document, min(occurrences[0], WEIGHT_CAP)))
        entry.last_document = doc_id
        entry.positions.append(len(occurrences) - 1)
        occurrences[0] = 0  # the weight's place: the first position's gap is from 0
        entry.positions.extend(map(sub, occurrences[1:], occurrences))  # gaps, in C


def merge_segment(terms: dict[str, Postings], segment: Segment, offset: int) -> None:
    """Append ``segment``, whose first article is document ``offset``, to ``terms``.

    Segments are merged in order: each term's first gap is retaken from its last document.
    """
    # Byte views: ``frombytes`` copies a slice in C.
    postings, positions = (
        memoryview(segment.postings).cast("B"),
        memoryview(segment.positions).cast("B"),
    )
    at_posting = at_position = 0
    triples = iter(segment.lengths)
    for term, posting_count, position_count, last in zip(
        segment.terms, triples, triples, triples, strict=False
    ):
        entry = terms.get(term)
        if entry is None:
            entry = terms[term] = Postings()
        start = len(entry.postings)
        end_posting, end_position = (
            at_posting + _ITEM * posting_count,
            at_position + _ITEM * position_count,
        )
        entry.postings.frombytes(postings[at_posting:end_posting])
        entry.postings[start] += offset - entry.last_document
        entry.last_document = offset + last
        entry.positions.frombytes(positions[at_position:end_position])
        at_posting, at_position = end_posting, end_position


_ITEM = array("I").itemsize
FILE_TAG = b"sitegen search segment 2\n"
"""What a segment file begins with: the format and its version."""


def segment_bytes(segment: Segment) -> bytes:
    """``segment`` as a file's bytes (``core.sealed``): its strings as JSON, then its arrays."""
    head = json.dumps(
        {"terms": segment.terms, "words": segment.words}, ensure_ascii=False, sort_keys=True
    ).encode()
    numbers = (segment.lengths, segment.postings, segment.positions)
    return sealed(FILE_TAG, [head, *(values.tobytes() for values in numbers)])


def segment_from_bytes(data: bytes | memoryview) -> Segment:
    """The segment ``segment_bytes`` gave; ``ValueError`` if these are not such bytes."""
    try:
        return _segment_from_bytes(data)
    except (TypeError, KeyError, AttributeError, RecursionError) as error:
        raise ValueError(f"not a search segment: {error}") from None


def _segment_from_bytes(data: bytes | memoryview) -> Segment:
    head_json, *arrays = unsealed(FILE_TAG, data, 4)
    head = json.loads(bytes(head_json))
    lengths, postings, positions = array("I"), array("I"), array("I")
    for values, part in zip((lengths, postings, positions), arrays, strict=True):
        values.frombytes(part)
    terms = tuple(head["terms"])
    found = {lang: tuple(known) for lang, known in head["words"].items()}
    strings = [*terms, *found, *(word for known in found.values() for word in known)]
    if (
        len(lengths) != 3 * len(terms)
        or len(set(terms)) != len(terms)
        or not all(isinstance(string, str) for string in strings)
        or sum(lengths[0::3]) != len(postings)
        or sum(lengths[1::3]) != len(positions)
        or min(lengths[0::3], default=2) < 2
        or min(lengths[1::3], default=1) < 1
    ):
        raise ValueError("a search segment of the wrong shape")
    return Segment(terms, lengths, postings, positions, found)
