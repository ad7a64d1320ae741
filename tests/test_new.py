"""``sitegen new`` (``commands.new_source``): a clipping or a title becomes a source and a stub."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest

from sitegen.commands.cli import main
from sitegen.commands.new_source import next_source_name, sidecar_stub
from sitegen.core.records import Provenance
from sitegen.load.loader import load_collection
from sitegen.load.sidecar import Sidecar, parse_sidecar
from tests.loader_fixtures import copy_seed_collection

ROOT = Path(__file__).resolve().parent.parent
SEED_NAMES = 5
UNDATED = """\
## Forum w Astanie: dzień drugi

Polska i Kazachstan rozmawiały w Astanie o bezpieczeństwie regionu i o handlu.

Delegacje spotkają się ponownie w przyszłym roku.
"""
DATED = """\
# Ministerstwo Spraw Zagranicznych

<https://www.gov.pl/web/dyplomacja/forum>

Data publikacji 12.05.2023

## Polsko-kazachstańskie forum gospodarcze

Wiceminister spotkał się w Warszawie z delegacją z Kazachstanu.
"""
NO_DATE_WARNING = "no publication date found: the record is undated (give date: in the sidecar)"


@pytest.fixture
def content(tmp_path: Path) -> Path:
    """A copy of the sample collection (five numbered sources, a checksum manifest)."""
    return copy_seed_collection(tmp_path)


def new(argv: list[str], capsys: pytest.CaptureFixture[str], content: Path) -> tuple[int, str, str]:
    code = main(["new", "--content", str(content), *argv])
    out, err = capsys.readouterr()
    return code, out, err


def clipping(tmp_path: Path, text: str, name: str = "clip.txt") -> Path:
    path = tmp_path / name
    path.write_bytes(text.replace("\n", "\r\n").encode("utf-8"))  # CRLF, as clippers save
    return path


def problems_of(content: Path, name: str) -> tuple[list[str], list[str]]:
    """(errors, warnings) of the whole collection about the files named ``name``.*."""
    collection = load_collection(content)
    assert not collection.diagnostics.errors, collection.diagnostics.errors
    own = [d for d in collection.diagnostics.items if Path(d.path).stem == name]
    return (
        [d.message for d in own if d.severity == "error"],
        [d.message for d in own if d.severity == "warning"],
    )


def test_next_name_follows_the_collection_numbering(tmp_path: Path) -> None:
    sources = tmp_path / "sources"
    sources.mkdir()
    assert next_source_name(sources, "Forum w Astanie") == "001_forum-w-astanie"
    for name in ("000_a.txt", "004_b.txt", "004_b.yaml", "notes.md"):
        (sources / name).write_text("x", encoding="utf-8")
    assert next_source_name(sources, "Łódź: „Wizyta” 2025") == "005_lodz-wizyta-2025"
    (sources / "0099_c.txt").write_text("x", encoding="utf-8")
    assert next_source_name(sources, "") == "0100_source"
    long = next_source_name(sources, "Bardzo długi tytuł " * 10)
    assert len(long) <= len("0100_") + 50 and not long.endswith("-")


def test_a_clipping_is_copied_byte_for_byte_with_a_stub_that_loads_cleanly(
    content: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = clipping(tmp_path, UNDATED)
    code, out, err = new(["--from-file", str(source)], capsys, content)
    assert code == 0, err
    name = "005_forum-w-astanie-dzien-drugi"
    created = content / "sources" / f"{name}.txt"
    assert created.read_bytes() == source.read_bytes()
    assert f"{created}, byte for byte" in out
    assert f"sources/{name}.txt: warning: {NO_DATE_WARNING}" in err
    stub = (content / "sources" / f"{name}.yaml").read_text(encoding="utf-8")
    assert "# title: 'Forum w Astanie: dzień drugi'  # text:1" in stub
    assert "# language: pl  # derived" in stub
    assert re.search(r"^date:  # YYYY-MM-DD, YYYY-MM or YYYY", stub, re.MULTILINE)
    assert re.search(r"^notes:", stub, re.MULTILINE)
    assert "kazakhstan ×1" in stub
    errors, warnings = problems_of(content, name)
    assert errors == [] and warnings == [NO_DATE_WARNING]


def test_a_headline_made_from_the_first_sentence_is_shown_and_asked_for(
    content: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    headless = "Polska i Kazachstan rozmawiały w Astanie o handlu. Delegacje spotkają się znowu.\n"
    code, _, err = new(["--from-file", str(clipping(tmp_path, headless))], capsys, content)
    assert code == 0, err
    (stub_path,) = (content / "sources").glob("005_*.yaml")
    stub = stub_path.read_text(encoding="utf-8")
    assert "  # derived, unsure: check it" in stub  # the stand-in, commented out
    assert re.search(r"^title:  # the headline, for a text that has none", stub, re.MULTILINE)


def test_what_the_loader_found_is_commented_and_loads_when_uncommented(
    content: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = new(["--from-file", str(clipping(tmp_path, DATED))], capsys, content)
    assert code == 0, err
    name = "005_polsko-kazachstanskie-forum-gospodarcze"
    stub = (content / "sources" / f"{name}.yaml").read_text(encoding="utf-8")
    assert "# date: 2023-05-12  # text:5 (publication label 'Data publikacji')" in stub
    assert "# source_url: https://www.gov.pl/web/dyplomacja/forum  # text:3" in stub
    assert not re.search(r"^(date|title|source_url):", stub, re.MULTILINE)
    assert re.search(r"^author:", stub, re.MULTILINE)  # not in the text: left to fill in
    assert problems_of(content, name) == ([], [])
    # Uncommenting what was found gives a valid sidecar saying the same.
    found = [line[2:] for line in stub.splitlines() if re.match(r"# \w+: ", line)]
    sidecar, problems = parse_sidecar("\n".join(found))
    assert problems == []
    assert (sidecar.title, sidecar.date and sidecar.date.iso, sidecar.language) == (
        "Polsko-kazachstańskie forum gospodarcze",
        "2023-05-12",
        "pl",
    )


def test_a_title_starts_an_empty_source_and_stub(
    content: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = new(["Forum w Astanie"], capsys, content)
    assert code == 0
    source = content / "sources" / "005_forum-w-astanie.txt"
    assert source.read_text(encoding="utf-8") == "Forum w Astanie\n"
    assert "paste the text under its headline" in out
    stub = source.with_suffix(".yaml").read_text(encoding="utf-8")
    assert "# title: Forum w Astanie  # text:1" in stub
    errors, warnings = problems_of(content, "005_forum-w-astanie")
    assert errors == []
    assert sorted(warnings) == sorted([NO_DATE_WARNING, "the text has no body after its header"])


def test_the_checksum_manifest_gets_the_new_source(
    content: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = clipping(tmp_path, UNDATED)
    code, out, _ = new(["--from-file", str(source), "--name", "005_forum"], capsys, content)
    assert code == 0
    lines = (content / "SHA256SUMS").read_text(encoding="utf-8").splitlines()
    assert len(lines) == SEED_NAMES + 1
    assert lines[-1] == f"{hashlib.sha256(source.read_bytes()).hexdigest()}  005_forum.txt"
    assert "SHA256SUMS" in out


def test_nothing_is_ever_overwritten(
    content: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first = clipping(tmp_path, UNDATED)
    assert new(["--from-file", str(first), "--name", "005_forum"], capsys, content)[0] == 0
    before = {p.name: p.read_bytes() for p in (content / "sources").iterdir()}
    manifest = (content / "SHA256SUMS").read_bytes()
    second = clipping(tmp_path, DATED, "other.txt")
    code, _, err = new(["--from-file", str(second), "--name", "005_forum"], capsys, content)
    assert code == 2
    assert "005_forum.txt already exists; sitegen new never overwrites a file" in err
    (content / "sources" / "006_orphan.yaml").write_text("notes: x\n", encoding="utf-8")
    code, _, err = new(["Tytuł", "--name", "006_orphan"], capsys, content)
    assert code == 2 and "006_orphan.yaml already exists" in err
    assert not (content / "sources" / "006_orphan.txt").exists()
    after = {p.name: p.read_bytes() for p in (content / "sources").iterdir()}
    del after["006_orphan.yaml"]
    assert after == before
    assert (content / "SHA256SUMS").read_bytes() == manifest


def test_a_clipping_already_in_the_collection_is_refused(
    content: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    seed = content / "sources" / "000_487bd26bd6df34d4.txt"
    code, _, err = new(["--from-file", str(seed)], capsys, content)
    assert code == 2
    assert "already in the collection, byte for byte, as" in err
    assert len(list((content / "sources").glob("*.txt"))) == SEED_NAMES


def test_an_undecodable_clipping_is_a_content_error_and_nothing_is_written(
    content: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    binary = tmp_path / "clip.txt"
    binary.write_bytes(b"\x00\x01binary")
    code, _, err = new(["--from-file", str(binary)], capsys, content)
    assert code == 1
    assert f"{binary}: error: binary file" in err and "Traceback" not in err
    assert len(list((content / "sources").iterdir())) == 9


@pytest.mark.parametrize(
    "argv",
    [[], ["Tytuł", "--from-file", "x.txt"], ["Tytuł", "--name", "../escape"], ["   "]],
)
def test_usage_errors_exit_2(
    argv: list[str], content: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    try:
        code = main(["new", "--content", str(content), *argv])
    except SystemExit as exit_info:
        code = int(str(exit_info.code))
    assert code == 2
    assert len(list((content / "sources").iterdir())) == 9


def test_a_stub_without_a_record_leaves_every_key_to_fill_in() -> None:
    stub = sidecar_stub("005_x.txt", None)
    sidecar, problems = parse_sidecar(stub)
    assert problems == [] and sidecar == Sidecar()
    for key in ("title", "date", "publisher", "author", "source_url", "notes"):
        assert re.search(rf"^{key}:", stub, re.MULTILINE), key


def test_the_stub_fixes_the_address_and_a_second_new_with_that_headline_gets_another(
    content: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert new(["Forum w Astanie"], capsys, content)[0] == 0
    assert new(["Forum w Astanie", "--name", "006_znowu"], capsys, content)[0] == 0
    first = (content / "sources" / "005_forum-w-astanie.yaml").read_text(encoding="utf-8")
    second = (content / "sources" / "006_znowu.yaml").read_text(encoding="utf-8")
    assert re.search(r"^slug: forum-w-astanie$", first, re.MULTILINE)
    assert re.search(r"^slug: forum-w-astanie-2$", second, re.MULTILINE)
    collection = load_collection(content)
    assert not collection.diagnostics.errors
    slugs = {r.id: r.slug for r in collection.records}
    assert slugs["005_forum-w-astanie"] == "forum-w-astanie"
    assert slugs["006_znowu"] == "forum-w-astanie-2"
    assert all(
        r.provenance["slug"] == Provenance("sidecar") for r in collection.records if r.id >= "005"
    )


def test_the_new_slug_leaves_every_address_of_the_collection_as_it_was(
    content: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = {r.id: r.slug for r in load_collection(content).records}
    assert "wizyta-szefa-bbn-w-kazachstanie" in before.values()
    # A name sorting first: its headline would take the seed's address without a slug.
    code, _, _ = new(["Wizyta szefa BBN w Kazachstanie", "--name", "0-bbn"], capsys, content)
    assert code == 0
    stub = (content / "sources" / "0-bbn.yaml").read_text(encoding="utf-8")
    assert re.search(r"^slug: wizyta-szefa-bbn-w-kazachstanie-2$", stub, re.MULTILINE)
    after = {r.id: r.slug for r in load_collection(content).records}
    assert after == before | {"0-bbn": "wizyta-szefa-bbn-w-kazachstanie-2"}
