"""The search index read back as the search page reads it: shards, forms, terms, names.

``SearchIndex`` below follows ``search.js`` step by step (binary search over the shard
boundaries in UTF-16 order, a form's terms, a term's postings), so these tests check
what a query will find without a browser; ``tests/browser/test_search.py`` runs the
page itself.
"""

from __future__ import annotations

import base64
import bisect
import dataclasses
import re
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from sitegen.core.records import Block, Body
from sitegen.load.loader import Collection, load_collection
from sitegen.model.site import SiteModel
from sitegen.outputs.search import analysis
from sitegen.outputs.search.analysis import Analyser, fold, words
from sitegen.outputs.search.index import (
    compact_postings,
    display_blocks,
    manifest_files,
    read_data,
    read_manifest,
    search_files,
    text_file,
)

ROOT = Path(__file__).resolve().parent.parent


def utf16(text: str) -> bytes:
    return text.encode("utf-16-be")


class SearchIndex:
    """The built ``search/`` files, looked up the way ``search.js`` does."""

    def __init__(self, files: dict[str, str]) -> None:
        self.manifest = read_manifest(files["search/manifest.js"])
        self.data = dict(
            read_data(text) for path, text in files.items() if path != "search/manifest.js"
        )
        # Every file the manifest and the display blocks name is there, and nothing else.
        named = set(manifest_files(self.manifest))
        blocks = display_blocks(self.manifest)
        named |= {text_file(row) for path in blocks for row in read_data(files[path])[1]}
        assert named | {"search/manifest.js"} == set(files)
        self.boundaries = [utf16(key) for key in self.manifest["keys"]]

    def shard_number(self, text: str) -> int:
        return bisect.bisect_right(self.boundaries, utf16(text)) - 1

    def shard(self, text: str) -> dict[str, dict[str, object]]:
        shard = self.data[f"t{self.shard_number(text)}"]
        assert isinstance(shard, dict)
        return shard

    def terms(self, form: str) -> list[str]:
        shard = self.shard(form)
        if form in shard["f"]:
            found = shard["f"][form]
            assert isinstance(found, list)
            return found
        return [form] if form in shard["p"] else []

    def docs(self, term: str) -> set[int]:
        gaps = self.shard(term)["p"].get(term, [])
        assert isinstance(gaps, list)
        return set(_running_sum(gaps[0::2]))

    def entities(self, name: str) -> list[int]:
        found = self.shard(name)["e"].get(name, [])
        assert isinstance(found, list)
        return found

    def word_docs(self, word: str) -> set[int]:
        return {doc for term in self.terms(fold(word)) for doc in self.docs(term)}

    def facets(self, lang: str) -> dict[str, list[list[object]]]:
        facets = self.data[f"f{lang}"]
        assert isinstance(facets, dict)
        return facets


def decode_postings(value: object) -> set[int]:
    """A facet's postings as search.js reads them: gaps, or a base64 bitset."""
    if isinstance(value, str):
        bits = base64.b64decode(value)
        return {n for n in range(len(bits) * 8) if bits[n >> 3] >> (n & 7) & 1}
    assert isinstance(value, list)
    return set(_running_sum(value))


def _running_sum(gaps: list[int]) -> list[int]:
    total, out = 0, []
    for gap in gaps:
        total += gap
        out.append(total)
    return out


@pytest.fixture
def model(collection: Collection) -> SiteModel:
    return SiteModel.from_collection(collection)


@pytest.fixture
def index(model: SiteModel) -> SearchIndex:
    return SearchIndex(dict(search_files(model)))


@pytest.fixture(scope="module")
def seed_collection() -> Collection:
    """The sample collection with the packaged gazetteer (names in three languages)."""
    return load_collection(ROOT / "content")


@pytest.fixture(scope="module")
def seed_model(seed_collection: Collection) -> SiteModel:
    return SiteModel.from_collection(seed_collection)


def test_every_word_of_every_article_finds_it(model: SiteModel, index: SearchIndex) -> None:
    for doc, record in enumerate(model.records):
        for text in (record.title, record.summary, record.body_text):
            for word in words(text):
                assert doc in index.word_docs(word), (record.id, word)


def test_any_case_form_finds_the_others_seen_in_a_text_or_not(
    model: SiteModel, index: SearchIndex
) -> None:
    bbn = next(n for n, r in enumerate(model.records) if r.title.startswith("Wizyta szefa BBN"))
    # The text has "bezpieczeństwie" and "Kazachstanie"; every case form finds it.
    for word in ("bezpieczeństwo", "bezpieczeństwa", "bezpieczenstwem", "BEZPIECZEŃSTWU"):
        assert bbn in index.word_docs(word), word
    for word in ("Kazachstan", "kazachstanu", "Kazachstanem"):
        assert bbn in index.word_docs(word), word
    assert index.terms("kazachstanu") == index.terms("kazachstanie") == ["kazachstan"]


def test_entity_names_in_three_languages_name_one_entity(seed_model: SiteModel) -> None:
    model = seed_model
    index = SearchIndex(dict(search_files(model)))
    numbers = {tuple(index.entities(name)) for name in ("kazakhstan", "kazachstan", "kazachstanu")}
    numbers.add(tuple(index.entities(fold("Казахстан"))))
    assert len(numbers) == 1
    (number,) = numbers.pop()
    entity = index.facets("en")["entities"][number]
    assert entity[:3] == ["kazakhstan", "country", "Kazakhstan"]
    assert index.facets("pl")["entities"][number][2] == "Kazachstan"
    expected = {n for n, r in enumerate(model.records) if "kazakhstan" in model.entity_ids(r)}
    assert decode_postings(entity[4]) == expected and len(expected) == 4


def test_every_string_sits_in_the_shard_of_its_range(index: SearchIndex) -> None:
    keys = index.manifest["keys"]
    assert keys[0] == "" and [utf16(k) for k in keys] == sorted(utf16(k) for k in keys)
    for number in range(len(keys)):
        shard = index.data[f"t{number}"]
        assert isinstance(shard, dict)
        for table in shard.values():
            for string in table:
                assert index.shard_number(string) == number, string


def test_phrase_positions_follow_the_words(model: SiteModel, index: SearchIndex) -> None:
    doc = next(n for n, r in enumerate(model.records) if r.title.startswith("Wizyta szefa BBN"))

    def positions(term: str) -> list[int]:
        number = index.shard_number(term)
        raw = index.data[f"x{number}"]
        assert isinstance(raw, dict)
        flat, docs = raw[term], sorted(index.docs(term))
        at = 0
        for current in docs:
            count = flat[at]
            found = _running_sum(flat[at + 1 : at + 1 + count])
            if current == doc:
                return found
            at += count + 1
        return []

    # The title begins "Wizyta szefa BBN": consecutive positions 0, 1, 2.
    assert 0 in positions("wizyta")
    assert 1 in positions(index.terms("szefa")[0])
    assert 2 in positions(index.terms("bbn")[0])


def test_display_blocks_link_each_interface_to_its_articles(model: SiteModel) -> None:
    index = SearchIndex(dict(search_files(model)))
    first_pl = index.data["dpl0"]
    first_en = index.data["den0"]
    assert isinstance(first_pl, list) and isinstance(first_en, list)
    record = model.records[0]
    assert first_pl[0][0] == f"articles/{record.slug}.html"
    assert first_en[0][0] == f"articles/{record.slug}.html"  # en/search.html → en/articles/
    assert first_pl[0][1] == record.title and first_pl[0][2] == "23 czerwca 2018"
    assert first_en[0][2] == "23 June 2018"
    stem = first_pl[0][6]
    assert index.data[f"s{stem.rsplit('.', 1)[0]}"] == record.body_text


def test_a_collection_without_articles_has_an_empty_index(collection: Collection) -> None:
    empty = SiteModel.from_collection(dataclasses.replace(collection, records=()))
    index = SearchIndex(dict(search_files(empty)))
    assert index.manifest["docs"] == 0 and index.manifest["keys"] == [""]
    assert index.terms("kazachstan") == [] and index.data["t0"] == {"f": {}, "p": {}, "e": {}}


def test_the_index_is_the_same_for_the_same_collection(model: SiteModel) -> None:
    assert dict(search_files(model)) == dict(search_files(model))


def test_a_changed_article_changes_only_the_files_that_hold_it(
    collection: Collection, model: SiteModel
) -> None:
    before = dict(search_files(model))
    first = model.records[0]
    edited = dataclasses.replace(first, summary=first.summary + " Dodatek.")
    after = dict(
        search_files(
            SiteModel.from_collection(
                dataclasses.replace(collection, records=(edited, *collection.records[1:]))
            )
        )
    )
    changed = sorted(set(after) - set(before))
    assert "search/manifest.js" in after and changed, changed
    # Unchanged articles keep their text files (names carry the content's hash).
    assert all(not path.startswith("search/text/") for path in changed)


@pytest.mark.parametrize(
    ("text", "folded"),
    [("Łódź", "lodz"), ("ЁЛКА", "елка"), ("Straße", "strasse"), ("Æsir", "aesir")],
)
def test_folding_drops_case_and_diacritics(text: str, folded: str) -> None:
    assert fold(text) == folded


def test_words_of_decomposed_text_are_the_composed_words() -> None:
    assert words("Lo\u0301dz\u0301 i Łódź") == ["Lódź", "i", "Łódź"]
    assert fold(words("zo\u0301ltko")[0]) == "zoltko"


def test_each_language_is_analysed_with_its_own_analyser() -> None:
    analyser = Analyser()
    assert analyser.analyse("Kazachstanu", "pl") == ("kazachstanu", ("kazachstan",))
    assert analyser.analyse("Казахстана", "ru") == ("казахстана", ("казахстан",))
    assert analyser.analyse("securities", "en")[1] == analyser.analyse("security", "en")[1]
    assert analyser.analyse("Straße", "de") == ("strasse", ("strasse",))
    assert analyser.analyse("x" * 50, "pl") == ("x" * 50, ("x" * 50,))


def test_an_analyser_given_the_last_builds_analyses_asks_no_model_about_known_words(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    text = {"pl": "Kazachstanu i Polski wizyta", "ru": "Казахстана", "en": "securities"}
    first = Analyser()
    for lang, words_of in text.items():
        for word in words(words_of):
            first.analyse(word, lang)
    expected = {(w, lang): first.analyse(w, lang) for lang, t in text.items() for w in words(t)}
    lexemes = {term: first.lexeme(term) for _, terms in first.analysed() for term in terms}

    def no_model(word: str) -> frozenset[str]:
        raise AssertionError(f"{word!r} was looked up again")

    monkeypatch.setattr(analysis, "_LEMMAS", {"pl": no_model, "ru": no_model})
    monkeypatch.setattr(analysis, "_LEXEMES", {"pl": no_model, "ru": no_model})
    again = Analyser(first.remembered())
    assert {(w, lang): again.analyse(w, lang) for w, lang in expected} == expected
    assert {term: again.lexeme(term) for term in lexemes} == lexemes
    assert "kazachstanem" in again.lexeme("kazachstan")
    # What the next build keeps is what this one used: a word no text has any more goes.
    assert again.remembered().words["pl"].keys() == {"Kazachstanu", "i", "Polski", "wizyta"}
    fewer = Analyser(again.remembered())
    fewer.analyse("i", "pl")
    assert fewer.remembered().words == {"pl": {"i": first.remembered().words["pl"]["i"]}}


@settings(max_examples=30, deadline=None)
@given(st.text(alphabet='aąbcćeęłlnńoóprsśtuzźżABCĆŁŚŻкаКзхстн ,.-\u0301"', max_size=60))
@example("Kazachstanu \u0301 Straße")
def test_any_title_is_found_by_each_of_its_words(seed_collection: Collection, title: str) -> None:
    collection = seed_collection
    first = collection.records[0]
    record = dataclasses.replace(
        first, title=title, blocks=Body.of([Block("paragraph", "Treść.", 1)]), summary=""
    )
    model = SiteModel.from_collection(
        dataclasses.replace(collection, records=(record, *collection.records[1:]))
    )
    doc = next(n for n, r in enumerate(model.records) if r.id == first.id)
    index = SearchIndex(dict(search_files(model)))
    for word in words(title):
        assert doc in index.word_docs(word), word


@given(st.sets(st.integers(0, 299)), st.integers(300, 400))
def test_facet_postings_decode_to_the_same_ids(ids: set[int], total: int) -> None:
    assert decode_postings(compact_postings(sorted(ids), total)) == ids


@given(st.text(max_size=40))
def test_folding_is_stable_and_leaves_no_capitals_or_marks(text: str) -> None:
    folded = fold(text)
    assert fold(folded) == folded
    assert folded == folded.lower()
    assert not re.search(r"[\u0300-\u036f]", folded)


def test_the_search_page_loads_only_the_manifest_and_the_script(built_site: Path) -> None:
    page = (built_site / "search.html").read_text(encoding="utf-8")
    scripts = re.findall(r'<script[^>]*src="([^"]+)"', page)
    assert scripts[0] == "search/manifest.js" and scripts[1].startswith("static/search.")
    assert len(scripts) == 2
    for other in built_site.rglob("*.html"):
        if other.name != "search.html":
            assert "manifest.js" not in other.read_text(encoding="utf-8"), other
