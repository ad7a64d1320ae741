"""Loading a whole collection (``load.loader``): every problem reported, every good file kept."""

from __future__ import annotations

import os
import re
import time
from pathlib import Path

import pytest

from sitegen.core.errors import Diagnostic
from sitegen.core.fingerprint import FileHashes, tree_fingerprint
from sitegen.core.records import DateValue, Provenance
from sitegen.engine.incremental import source_memo
from sitegen.load import loader
from sitegen.load.loader import Collection, load_collection
from sitegen.load.memo import MemoEntry, RecordMemo
from sitegen.load.slugs import slug_for
from tests.loader_fixtures import (
    GOOD_ENGLISH,
    GOOD_POLISH,
    diagnostics_for,
    load,
    make_collection,
    messages,
    record_by_id,
)

CP1250_TEXT = "## Spotkanie w Łodzi\n\n12.03.2021\n\nŻółta łódź płynęła. Gęś patrzyła.\n"

BAD_COLLECTION_SOURCES: dict[str, str | bytes] = {
    "good_pl": GOOD_POLISH,
    "good_en": GOOD_ENGLISH,
    "bom": "\ufeff" + GOOD_POLISH.replace("Wizyta ministra", "Spotkanie ministra"),
    "crlf": GOOD_POLISH.replace("\n", "\r\n").replace("Wizyta ministra", "Rozmowy ministra"),
    "legacy": CP1250_TEXT.encode("cp1250"),
    "undecodable": "Pierwsza linia\nDruga linia\nCafé".encode("latin-1"),
    "empty": b"",
    "binary": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00",
    "yaml_broken": GOOD_ENGLISH.replace("Minister visits", "Envoy visits"),
    "yaml_type": GOOD_ENGLISH.replace("Minister visits", "Premier visits"),
    "yaml_key": GOOD_ENGLISH.replace("Minister visits", "Delegation visits"),
    "yaml_date": GOOD_ENGLISH.replace("Minister visits", "Ministers visit"),
    "same_a": GOOD_POLISH.replace("Wizyta ministra", "Narada ministrów"),
    "same_b": GOOD_POLISH.replace("Wizyta ministra", "Narada ministrów"),
}
BAD_COLLECTION_SIDECARS = {
    "yaml_broken": "title: Dobry\ndate: [2020\n",
    "yaml_type": "notes: ok\ntags: 5\n",
    "yaml_key": "notes: ok\ntitel: Nowy tytuł\n",
    "yaml_date": "date: 2025-02-30\n",
}


@pytest.fixture(scope="module")
def bad_collection(tmp_path_factory: pytest.TempPathFactory) -> Collection:
    return load(
        tmp_path_factory.mktemp("bad"),
        sources=BAD_COLLECTION_SOURCES,
        sidecars=BAD_COLLECTION_SIDECARS,
    )


def located(diagnostic: Diagnostic, filename: str, line: int | None, severity: str) -> bool:
    """``str(diagnostic)`` reads ``path:line: severity: message`` (``path: …`` without a line)."""
    where = f"{filename}:{line}" if line else filename
    return re.match(rf"^\S*/{re.escape(where)}: {severity}: \S", str(diagnostic)) is not None


def only(collection: Collection, filename: str, severity: str) -> Diagnostic:
    found = [d for d in diagnostics_for(collection, filename) if d.severity == severity]
    assert len(found) == 1, messages(collection.diagnostics.items)
    return found[0]


def test_every_good_file_of_a_bad_collection_is_still_loaded(bad_collection: Collection) -> None:
    loaded = {r.id for r in bad_collection.records}
    assert loaded == {
        "good_pl", "good_en", "bom", "crlf", "legacy", "yaml_broken", "yaml_type",
        "yaml_key", "yaml_date", "same_a", "same_b",
    }  # fmt: skip
    assert not loaded & {"undecodable", "empty", "binary"}


def test_every_problem_is_reported_in_one_run(bad_collection: Collection) -> None:
    errors = {Path(d.path).name for d in bad_collection.diagnostics.errors}
    assert errors == {
        "undecodable.txt", "empty.txt", "binary.txt",
        "yaml_broken.yaml", "yaml_type.yaml", "yaml_key.yaml", "yaml_date.yaml",
    }  # fmt: skip


def test_good_files_have_no_problems(bad_collection: Collection) -> None:
    for name in ("good_pl.txt", "good_en.txt", "bom.txt", "crlf.txt"):
        assert diagnostics_for(bad_collection, name) == [], name


def test_a_non_utf8_file_is_an_error_at_the_line_of_the_bad_byte(
    bad_collection: Collection,
) -> None:
    error = only(bad_collection, "undecodable.txt", "error")
    assert located(error, "undecodable.txt", 3, "error")
    assert "not valid UTF-8" in str(error)


def test_an_unambiguous_cp1250_file_is_loaded_with_a_warning(bad_collection: Collection) -> None:
    warning = only(bad_collection, "legacy.txt", "warning")
    assert located(warning, "legacy.txt", None, "warning")
    assert "decoded as cp1250" in warning.message
    record = record_by_id(bad_collection, "legacy")
    assert record.title == "Spotkanie w Łodzi"
    assert "Żółta łódź płynęła. Gęś patrzyła." in record.body_text
    assert record.source.encoding == "cp1250"


def test_bom_and_crlf_files_read_like_plain_utf8(bad_collection: Collection) -> None:
    plain = record_by_id(bad_collection, "good_pl")
    for record_id, title in (
        ("bom", "Spotkanie ministra w Kazachstanie"),
        ("crlf", "Rozmowy ministra w Kazachstanie"),
    ):
        record = record_by_id(bad_collection, record_id)
        assert record.title == title
        assert record.date == plain.date == DateValue(2021, 3, 12)
        assert record.body_text == plain.body_text
        assert "\r" not in record.body_text
        assert record.provenance["title"] == plain.provenance["title"] == Provenance("text", 1)


def test_an_empty_file_is_an_error(bad_collection: Collection) -> None:
    error = only(bad_collection, "empty.txt", "error")
    assert str(error).endswith("empty.txt: error: the file is empty")


def test_binary_bytes_are_an_error(bad_collection: Collection) -> None:
    error = only(bad_collection, "binary.txt", "error")
    assert located(error, "binary.txt", 3, "error")  # after two line ends
    assert "binary file" in error.message


@pytest.mark.parametrize(
    ("filename", "line", "fragment"),
    [
        ("yaml_broken.yaml", 3, "invalid YAML"),
        ("yaml_type.yaml", 2, "tags: must be a list of ids or tags"),
        ("yaml_key.yaml", 2, "unknown key 'titel' (did you mean 'title'?)"),
        ("yaml_date.yaml", 1, "date: '2025-02-30' is not a date"),
    ],
)
def test_sidecar_problems_are_reported_as_path_line_message(
    bad_collection: Collection, filename: str, line: int, fragment: str
) -> None:
    error = only(bad_collection, filename, "error")
    assert located(error, filename, line, "error"), str(error)
    assert fragment in str(error)


def test_a_source_with_a_bad_sidecar_keeps_what_its_text_says(bad_collection: Collection) -> None:
    record = record_by_id(bad_collection, "yaml_date")
    assert record.title == "Ministers visit Kazakhstan"
    assert record.date == DateValue(2024, 11, 24)
    assert record.provenance["date"] == Provenance("text", 3)
    assert record_by_id(bad_collection, "yaml_key").notes == "ok"


def test_two_sources_with_the_same_headline_are_both_kept_with_distinct_slugs(
    bad_collection: Collection,
) -> None:
    a, b = record_by_id(bad_collection, "same_a"), record_by_id(bad_collection, "same_b")
    assert a.title == b.title == "Narada ministrów w Kazachstanie"
    assert a.slug == "narada-ministrow-w-kazachstanie"
    assert b.slug == "narada-ministrow-w-kazachstanie-2"
    warning = only(bad_collection, "same_b.txt", "warning")
    assert located(warning, "same_b.txt", 1, "warning")
    assert "same headline as same_a.txt" in warning.message
    assert "narada-ministrow-w-kazachstanie-2" in warning.message
    assert diagnostics_for(bad_collection, "same_a.txt") == []


def test_slugs_are_unique_across_the_collection(bad_collection: Collection) -> None:
    slugs = [r.slug for r in bad_collection.records]
    assert len(slugs) == len(set(slugs))
    assert all(re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", s) for s in slugs)


def test_records_are_sorted_by_date_then_id_with_undated_last(tmp_path: Path) -> None:
    collection = load(
        tmp_path,
        sources={
            "c": GOOD_ENGLISH,
            "b": GOOD_POLISH,
            "a": GOOD_POLISH.replace("Wizyta", "Inna wizyta"),
            "0": "## Bez daty\n\nTekst bez daty. Koniec.\n",
        },
    )
    assert [r.id for r in collection.records] == ["a", "b", "c", "0"]


def test_no_date_gives_an_undated_record_and_a_warning_naming_the_file(tmp_path: Path) -> None:
    content = make_collection(tmp_path, sources={"undated": "## Bez daty\n\nTekst. Koniec.\n"})
    source = content / "sources" / "undated.txt"
    past = time.time() - 400 * 86400
    os.utime(source, (past, past))
    collection = load_collection(content)
    record = record_by_id(collection, "undated")
    assert record.date is None
    assert record.date_precision is None
    assert "date" not in record.provenance
    warning = only(collection, "undated.txt", "warning")
    assert located(warning, "undated.txt", None, "warning")
    assert "no publication date" in warning.message


def test_an_orphan_sidecar_is_warned(tmp_path: Path) -> None:
    collection = load(tmp_path, sources={"a": GOOD_POLISH}, sidecars={"lost": "title: Zgubiony\n"})
    warning = only(collection, "lost.yaml", "warning")
    assert "sidecar without a source: no lost.txt" in warning.message
    assert [r.id for r in collection.records] == ["a"]


def test_a_missing_sources_folder_is_an_error_not_a_traceback(tmp_path: Path) -> None:
    content = tmp_path / "content"
    content.mkdir()
    collection = load_collection(content)
    assert collection.records == ()
    assert "the sources folder does not exist" in messages(collection.diagnostics.errors)


def test_a_broken_entities_file_is_reported_and_sources_still_load(tmp_path: Path) -> None:
    collection = load(
        tmp_path,
        sources={"a": GOOD_POLISH},
        entities="kazakhstan:\n  kind: planet\n  label: Kazachstan\n",
    )
    error = only(collection, "entities.yaml", "error")
    assert located(error, "entities.yaml", 1, "error")
    assert "kind must be one of" in error.message
    assert record_by_id(collection, "a").title == "Wizyta ministra w Kazachstanie"


def test_the_record_carries_the_identity_of_its_source(tmp_path: Path) -> None:
    collection = load(tmp_path, sources={"a": GOOD_POLISH})
    record = record_by_id(collection, "a")
    assert record.source.file == "a.txt"
    assert record.source.bytes == len(GOOD_POLISH.encode("utf-8"))
    assert re.fullmatch(r"[0-9a-f]{64}", record.source.sha256)


def test_the_memo_keeps_each_sources_record_and_problems_for_the_next_load(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    content = make_collection(
        tmp_path, sources={"a": GOOD_POLISH, "b": GOOD_ENGLISH}, sidecars={"a": "titel: X\n"}
    )
    entries: RecordMemo = {}
    memo = source_memo(content, entries)
    first = load_collection(content, memo)
    assert all(isinstance(entry, MemoEntry) for entry in entries.values())
    by_id = {entry.record.id: entry for entry in entries.values() if entry.record is not None}
    assert sorted(by_id) == ["a", "b"]
    (problem,) = by_id["a"].diagnostics  # the sidecar's, at the sidecar's path
    assert (Path(problem.path).name, problem.line, problem.severity) == ("a.yaml", 1, "error")

    def parse_again(*_: object) -> None:
        raise AssertionError("an unchanged source is parsed again")

    monkeypatch.setattr(loader, "_load_one", parse_again)
    second = load_collection(content, memo)
    assert second.records == first.records
    assert second.diagnostics.items == first.diagnostics.items


def test_the_memo_keys_sources_by_the_fingerprints_hashes_without_reading_them_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    content = make_collection(tmp_path, sources={"a": GOOD_POLISH}, sidecars={"a": "title: X\n"})
    files = (content / "sources" / "a.txt", content / "sources" / "a.yaml")
    read = source_memo(content, {}).key(files)
    monkeypatch.setattr(FileHashes, "RACY_NS", 0)  # written just now: trusted all the same
    hashes = FileHashes()
    tree_fingerprint(content, hashes=hashes)
    assert all(str(file) in hashes.used for file in files)
    memo = source_memo(content, {}, hashes)

    def no_reading(*_: object) -> bytes:
        raise AssertionError("a source the fingerprint hashed is read again")

    monkeypatch.setattr(Path, "read_bytes", no_reading)
    assert memo.key(files) == read


def test_slug_is_ascii_and_cut_at_a_word() -> None:
    assert slug_for("Wizyta szefa BBN w Kazachstanie") == "wizyta-szefa-bbn-w-kazachstanie"
    assert slug_for("Żółć i gęś") == "zolc-i-ges"
    long = slug_for("Komendant Główny Policji spotkał się z Zastępcą Ministra " * 3)
    assert len(long) <= 80
    assert not long.endswith("-")


def test_headlines_alike_only_in_their_first_80_characters_get_distinct_slugs_quietly(
    tmp_path: Path,
) -> None:
    common = (
        "Spotkanie przedstawicieli ministerstw spraw zagranicznych Polski i Kazachstanu w Astanie"
    )
    collection = load(
        tmp_path,
        sources={
            "a": f"{common} o handlu\n\nPierwszy tekst o spotkaniu.\n",
            "b": f"{common} o kulturze\n\nDrugi tekst o spotkaniu.\n",
        },
    )
    a, b = record_by_id(collection, "a"), record_by_id(collection, "b")
    assert a.title != b.title and a.slug != b.slug
    assert b.slug == f"{a.slug}-2"
    assert not [d for d in collection.diagnostics.items if "same headline" in d.message]
