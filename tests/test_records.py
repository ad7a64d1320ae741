"""The article record (``sitegen.core.records``): provenance, and the JSON it is written as."""

from __future__ import annotations

import json
import pickle
from dataclasses import fields, replace

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from sitegen.core.records import (
    Author,
    Block,
    Body,
    DateMention,
    DateValue,
    EntityRef,
    Provenance,
    origin_of,
    record_to_json,
)
from tests.site_fixtures import fixture_records


@pytest.mark.parametrize(
    ("provenance", "written"),
    [
        (Provenance("text", 12), "text:12"),
        (Provenance("text"), "text"),
        (Provenance("sidecar"), "sidecar"),
        (Provenance("derived"), "derived"),
        (Provenance("derived", amended=True), "derived+sidecar"),
    ],
)
def test_provenance_is_written_in_the_json_form(provenance: Provenance, written: str) -> None:
    assert str(provenance) == written


def test_the_json_provenance_is_the_strings_it_always_was() -> None:
    record, _ = fixture_records()[0]
    record = replace(
        record,
        provenance={
            "body": Provenance("text", 3),
            "date": Provenance("sidecar"),
            "entities": Provenance("derived", amended=True),
            "language": Provenance("derived"),
            "retrieved": Provenance("text"),
            "title": Provenance("text", 1),
        },
    )
    text = json.dumps(record_to_json(record, "articles/x.html"), ensure_ascii=False)
    assert (
        '"provenance": {"body": "text:3", "date": "sidecar", "entities": "derived+sidecar", '
        '"language": "derived", "retrieved": "text", "title": "text:1"}'
    ) in text


def test_origin_of_a_field_nothing_gave_is_none() -> None:
    provenance = {"title": Provenance("text", 1), "date": Provenance("sidecar")}
    assert origin_of(provenance, "title") == "text"
    assert origin_of(provenance, "date") == "sidecar"
    assert origin_of(provenance, "author") is None


def test_entity_refs_unpickled_apart_share_their_strings() -> None:
    # As records come back from the workers in batches: one string per form, not per mention.
    form = "".join(["Kazachstan", "ie"])
    ref = EntityRef("country:kz", "country", "Kazachstan", 2, form, 0)
    first, second = (pickle.loads(pickle.dumps(ref)) for _ in range(2))
    assert first == ref == second
    assert first.first_form is second.first_form
    assert first.label is second.label
    assert first.id is second.id
    other = pickle.loads(pickle.dumps(replace(ref, count=3)))
    assert other.count == 3
    assert other.first_form is first.first_form


def test_records_unpickled_apart_share_their_equal_small_values() -> None:
    # The record memo unpickles each record on its own: equal mentions, dates and
    # provenance become one object each, and each record stays equal to what was pickled.
    (first, _), (second, _) = fixture_records()[:2]
    twin = replace(
        second,
        date=first.date,
        provenance=dict(first.provenance),
        tags=("".join(["secu", "rity"]), *second.tags),  # equal, not the same string
    )
    loaded_first, loaded_twin = (pickle.loads(pickle.dumps(r, protocol=5)) for r in (first, twin))
    assert (loaded_first, loaded_twin) == (first, twin)
    assert loaded_first.date is not None and loaded_first.date is loaded_twin.date
    for name, provenance in loaded_first.provenance.items():
        assert loaded_twin.provenance[name] is provenance
    assert loaded_first.language is loaded_twin.language
    names = {name: name for name in loaded_twin.provenance}
    assert all(names[name] is name for name in loaded_first.provenance)
    assert "security" in first.tags
    (shared_tag,) = (tag for tag in loaded_twin.tags if tag == "security")
    assert loaded_first.tags[first.tags.index("security")] is shared_tag
    shared = set(first.entities) & set(twin.entities)
    assert shared, "the fixture records name a common entity in the same way"
    by_value = {ref: ref for ref in loaded_twin.entities}
    for ref in loaded_first.entities:
        if ref in shared:
            assert by_value[ref] is ref


def test_every_part_of_a_record_comes_back_from_its_pickle() -> None:
    # Blocks, authors, dated mentions and the source are unpickled by their own reducers.
    record, _ = fixture_records()[0]
    record = replace(
        record,
        authors=(Author("Anna Nowak", "person"),),
        date_mentions=(DateMention(DateValue(2024, 5, 1), "Zdanie.", 3),),
    )
    other_text = Body.of([replace(record.blocks.decoded()[0], text="Inny tekst.")])
    twin = replace(record, id="twin", blocks=other_text)
    loaded, loaded_twin = (pickle.loads(pickle.dumps(r, protocol=5)) for r in (record, twin))
    assert (loaded, loaded_twin) == (record, twin)
    assert loaded.blocks.decoded()[0].kind is loaded_twin.blocks.decoded()[0].kind
    assert loaded.authors[0] is loaded_twin.authors[0]  # equal authors: one object


# Any text: lone surrogates too (``st.text()`` alone never draws one).
any_text = st.text(st.one_of(st.characters(), st.characters(categories=["Cs"])))
block_values = st.builds(
    Block,
    kind=st.sampled_from(["paragraph", "heading", "list", "quote"]),
    text=any_text,
    line=st.integers(min_value=1, max_value=10**6),
    items=st.lists(any_text, max_size=3).map(tuple),
    level=st.integers(min_value=0, max_value=6),
)


@given(st.lists(st.lists(block_values, max_size=4), min_size=1, max_size=4))
@example([[Block("paragraph", '\udc80 \ud83d\ude00 😀 Казахстан "\\', 1, ("\ud800",))]])
def test_a_body_gives_back_its_blocks_alone_and_shared(bodies: list[list[Block]]) -> None:
    # Any text (quotes, backslashes, lone surrogates, Cyrillic, emoji) survives the
    # encoding; sharing one buffer, once or again, changes neither value, equality, hash
    # nor pickle.
    made = [Body.of(blocks) for blocks in bodies]
    alone = [Body.of(blocks) for blocks in bodies]
    for _ in range(2):  # a second build in the same process shares them again
        Body.share(made)
        for blocks, body, twin in zip(bodies, made, alone, strict=True):
            assert list(body) == blocks
            assert body.decoded() == tuple(blocks)
            assert bool(body) == bool(blocks)
            assert body == twin
            assert hash(body) == hash(twin)
            assert pickle.dumps(body) == pickle.dumps(twin)
            assert pickle.loads(pickle.dumps(body)) == twin


def test_a_body_encodes_every_field_of_a_block() -> None:
    # Body.of and Body.decoded name the fields: one added to Block must be added there.
    assert [f.name for f in fields(Block)] == ["kind", "text", "line", "items", "level"]
    block = Block("list", "a\nb", 7, ("a", "b"), 2)
    assert Body.of([block]).decoded() == (block,)


def test_shared_bodies_lie_in_one_buffer() -> None:
    # What keeps a worker from copying them: each is a view of the same bytes.
    made = [Body.of([Block("paragraph", f"Akapit {n}.", n)]) for n in range(1, 4)]
    Body.share(made)
    views = [pickle.loads(pickle.dumps(body)) for body in made]
    buffers = {id(body._data.obj) for body in made if isinstance(body._data, memoryview)}
    assert len(buffers) == 1
    assert views == made
