"""Finding and decoding source files (``sitegen.load.sources``)."""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path

import pytest

from sitegen.core.errors import Diagnostics
from sitegen.load.sources import decode_source_bytes, discover_sources, read_source

POLISH = "Zażółć gęślą jaźń.\nŁódź i Świnoujście, Ąę.\n"


def read(tmp_path: Path, raw: bytes) -> tuple[str | None, str | None, Diagnostics]:
    path = tmp_path / "a.txt"
    path.write_bytes(raw)
    diagnostics = Diagnostics()
    source = read_source(path, diagnostics)
    return (
        source.text if source else None,
        source.encoding if source else None,
        diagnostics,
    )


def test_plain_utf8_is_read_without_problems(tmp_path: Path) -> None:
    text, encoding, diagnostics = read(tmp_path, POLISH.encode("utf-8"))
    assert (text, encoding, diagnostics.items) == (POLISH, "utf-8", [])


def test_utf8_byte_order_mark_is_dropped(tmp_path: Path) -> None:
    text, encoding, diagnostics = read(tmp_path, b"\xef\xbb\xbf" + POLISH.encode("utf-8"))
    assert text == POLISH
    assert not text.startswith("\ufeff")
    assert encoding == "utf-8-sig"
    assert diagnostics.items == []


@pytest.mark.parametrize("line_end", ["\r\n", "\r"])
def test_crlf_and_cr_line_ends_become_newlines(tmp_path: Path, line_end: str) -> None:
    text, _, diagnostics = read(tmp_path, POLISH.replace("\n", line_end).encode("utf-8"))
    assert text == POLISH
    assert diagnostics.items == []


@pytest.mark.parametrize("encoding", ["cp1250", "iso-8859-2"])
def test_legacy_polish_encodings_are_decoded_with_a_warning(tmp_path: Path, encoding: str) -> None:
    text, used, diagnostics = read(tmp_path, POLISH.encode(encoding))
    assert text == POLISH
    assert used == encoding
    (warning,) = diagnostics.items
    assert warning.severity == "warning"
    assert f"decoded as {encoding}" in warning.message
    assert "UTF-8" in warning.message


def test_the_source_keeps_the_identity_of_its_raw_bytes(tmp_path: Path) -> None:
    raw = b"\xef\xbb\xbf" + POLISH.replace("\n", "\r\n").encode("utf-8")
    path = tmp_path / "a.txt"
    path.write_bytes(raw)
    source = read_source(path, Diagnostics())
    assert source is not None
    assert (source.sha256, source.size) == (hashlib.sha256(raw).hexdigest(), len(raw))


@pytest.mark.parametrize(
    "raw",
    [
        b"caf\xe9 au lait\n",  # Latin-1: no Polish letters, not UTF-8
        b"Tekst\n\x81\x82\x83 nic\n",  # bytes undefined in cp1250, C1 controls in ISO-8859-2
        "Mąka ".encode("cp1250") + "i mąka".encode("iso-8859-2"),  # both encodings mixed
    ],
)
def test_undecodable_or_ambiguous_bytes_are_an_error(tmp_path: Path, raw: bytes) -> None:
    text, _, diagnostics = read(tmp_path, raw)
    assert text is None
    (error,) = diagnostics.items
    assert error.severity == "error"
    assert "not valid UTF-8" in error.message


def test_the_error_names_the_line_of_the_bad_byte(tmp_path: Path) -> None:
    _, _, diagnostics = read(tmp_path, b"first line\r\nsecond line\r\nthird \xe9 line\n")
    (error,) = diagnostics.items
    assert error.line == 3
    assert re.match(r".*a\.txt:3: error: not valid UTF-8 \(byte 0xe9 at offset \d+\)", str(error))


@pytest.mark.parametrize("raw", [b"", b"   \n\n\t\n", b"\xef\xbb\xbf", b"\r\n\r\n"])
def test_an_empty_file_is_an_error(tmp_path: Path, raw: bytes) -> None:
    text, _, diagnostics = read(tmp_path, raw)
    assert text is None
    (error,) = diagnostics.items
    assert (error.severity, error.message) == ("error", "the file is empty")


@pytest.mark.parametrize(
    "raw",
    [b"PK\x03\x04\x00\x00binary", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", bytes(range(1, 32)) * 8],
)
def test_binary_bytes_are_an_error(tmp_path: Path, raw: bytes) -> None:
    text, _, diagnostics = read(tmp_path, raw)
    assert text is None
    (error,) = diagnostics.items
    assert error.severity == "error"
    assert "binary file" in error.message


def test_decode_source_bytes_reports_instead_of_raising() -> None:
    assert decode_source_bytes("Łódź\r\n".encode("cp1250")) == ("Łódź\n", "cp1250")
    assert isinstance(decode_source_bytes(b"\xff\xfe\x00a"), str)


def test_sources_are_the_txt_files_sorted_by_name(tmp_path: Path) -> None:
    for name in ("b.txt", "a.txt", "a.yaml", ".gitkeep"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    diagnostics = Diagnostics()
    assert [p.name for p in discover_sources(tmp_path, diagnostics)] == ["a.txt", "b.txt"]
    assert diagnostics.items == []


def test_every_other_entry_of_the_sources_folder_is_named_in_an_error(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("x", encoding="utf-8")
    (tmp_path / "notes.md").write_text("x", encoding="utf-8")
    (tmp_path / "folder.txt").mkdir()
    (tmp_path / "broken.txt").symlink_to(tmp_path / "nowhere.txt")
    (tmp_path / "loop.txt").symlink_to(tmp_path / "loop.txt")
    os.mkfifo(tmp_path / "pipe.txt")
    (tmp_path / os.fsdecode(b"\xff.txt")).write_text("x", encoding="utf-8")
    (tmp_path / "two\nlines.txt").write_text("x", encoding="utf-8")
    diagnostics = Diagnostics()
    assert [p.name for p in discover_sources(tmp_path, diagnostics)] == ["a.txt"]
    problems = {Path(d.path).name: d.message for d in diagnostics.items}
    assert set(problems) == {
        "notes.md", "folder.txt", "broken.txt", "loop.txt", "pipe.txt", "\udcff.txt",
        "two\nlines.txt",
    }  # fmt: skip
    assert "loop" in problems["loop.txt"]
    assert "not a source" in problems["notes.md"]
    assert "sub-folders" in problems["folder.txt"]
    assert "not a regular file" in problems["pipe.txt"]
    assert "not valid UTF-8" in problems["\udcff.txt"]
    assert all(d.severity == "error" for d in diagnostics.items)


def test_a_symlink_to_outside_the_sources_folder_is_refused(tmp_path: Path) -> None:
    sources = tmp_path / "sources"
    sources.mkdir()
    outside = tmp_path / "secret.txt"
    outside.write_text("Tajny tekst spoza kolekcji.", encoding="utf-8")
    (sources / "inside.txt").write_text("Tekst.", encoding="utf-8")
    (sources / "escape.txt").symlink_to(outside)
    (sources / "alias.txt").symlink_to(sources / "inside.txt")
    diagnostics = Diagnostics()
    found = discover_sources(sources, diagnostics)
    assert [p.name for p in found] == ["alias.txt", "inside.txt"]
    (error,) = diagnostics.items
    assert error.path.endswith("escape.txt")
    assert "outside the sources folder" in error.message


def test_a_missing_sources_folder_is_an_error(tmp_path: Path) -> None:
    diagnostics = Diagnostics()
    assert discover_sources(tmp_path / "nowhere", diagnostics) == []
    assert "does not exist" in diagnostics.items[0].message
