"""The collection's files: nothing read from outside it, nothing lost, nothing half-written.

Links out of ``content/`` are refused; every entry of ``sources/`` is either in
the built site or named in an error, all of them in one run; a failed build
leaves the previous ``build/`` exactly as it was; ``inspect --json`` gives back
every field of every record; a cache file not written by this user is not unpickled.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import pickle
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import sitegen
from sitegen.commands.cli import main
from sitegen.core.errors import ContentError
from sitegen.core.records import ArticleRecord
from sitegen.core.urls import source_path
from sitegen.engine.build import BuildOptions, build_site
from sitegen.engine.cache import load_record_memo
from sitegen.load.loader import load_collection
from tests.loader_fixtures import GOOD_ENGLISH, GOOD_POLISH, make_collection
from tests.site_fixtures import TEMPLATES

SECRET = "SEKRET-spoza-kolekcji"


def tree_digest(folder: Path) -> dict[str, str]:
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def build(content: Path, output: Path) -> None:
    build_site(
        BuildOptions(
            content_dir=content,
            templates_dir=TEMPLATES,
            output_dir=output,
            cache_dir=output.parent / "cache",
            verbosity=0,
        )
    )


def test_links_out_of_the_collection_are_refused_and_the_last_site_is_kept(
    tmp_path: Path,
) -> None:
    content = make_collection(tmp_path, sources={"good": GOOD_POLISH})
    site = tmp_path / "build"
    build(content, site)
    before = tree_digest(site)
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text(f"## {SECRET}\n\n{SECRET}.\n", encoding="utf-8")
    (outside / "secret.yaml").write_text(f"notes: {SECRET}\n", encoding="utf-8")
    (outside / "secret.md").write_text(f"---\ntitle: {SECRET}\n---\n{SECRET}\n", "utf-8")
    sources = content / "sources"
    (sources / "leak.txt").symlink_to(outside / "secret.txt")
    (sources / "good.yaml").symlink_to(outside / "secret.yaml")
    (content / "pages").mkdir()
    (content / "pages" / "about.md").symlink_to(outside / "secret.md")

    with pytest.raises(ContentError) as failure:
        build(content, site)

    refused = {Path(d.path).name: d.message for d in failure.value.diagnostics}
    assert "outside the sources folder" in refused["leak.txt"]
    assert "outside the sources folder" in refused["good.yaml"]
    assert "outside the pages folder" in refused["about.md"]
    assert all(SECRET not in message for message in refused.values())
    assert tree_digest(site) == before
    assert not any(SECRET.encode() in path.read_bytes() for path in site.rglob("*.*"))


BROKEN_SOURCES: dict[str, bytes] = {
    "not-utf8.txt": "Zażółć gęślą".encode("utf-16-le")[1:] + b"\xff\xfe\xfd",
    "empty.txt": b"",
    "blank.txt": b"  \n\n\t\n",
    "binary.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
    "notes.md": b"# Notatki kuratora\n",
    "scan.pdf": b"%PDF-1.4\n",
}
GOOD_SOURCES: dict[str, bytes] = {
    "good.txt": GOOD_POLISH.encode(),
    "english.txt": GOOD_ENGLISH.encode(),
    "legacy.txt": GOOD_POLISH.encode("cp1250"),
    "controls.txt": GOOD_POLISH.replace("Delegacja", "\x0cDelegacja\x1b").encode(),
    "Łódź i #2.txt": GOOD_POLISH.encode(),
}


def test_every_source_is_in_the_site_or_named_in_an_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    content = make_collection(tmp_path, sources={"first": GOOD_POLISH})
    sources = content / "sources"
    monkeypatch.chdir(tmp_path)
    argv = ["build", "--content", str(content), "--templates", str(TEMPLATES), "--quiet"]
    assert main(argv) == 0
    before = tree_digest(tmp_path / "build")
    for name, raw in {**GOOD_SOURCES, **BROKEN_SOURCES}.items():
        (sources / name).write_bytes(raw)
    (sources / "folder").mkdir()
    (sources / "folder" / "inside.txt").write_bytes(GOOD_POLISH.encode())
    capsys.readouterr()

    assert main(argv) == 1

    errors = [line for line in capsys.readouterr().err.splitlines() if ": error: " in line]
    named = {Path(line.split(":")[0]).name for line in errors}
    assert named == {*BROKEN_SOURCES, "folder"}, errors
    assert tree_digest(tmp_path / "build") == before  # the failed build touched nothing

    for name in BROKEN_SOURCES:
        (sources / name).unlink()
    (sources / "folder" / "inside.txt").unlink()
    (sources / "folder").rmdir()
    capsys.readouterr()
    assert main(argv) == 0
    warnings = capsys.readouterr().err
    assert "legacy.txt: warning: not UTF-8; decoded as cp1250" in warnings
    assert "controls.txt:7: warning: 2 control character(s) such as U+000C" in warnings
    site = tmp_path / "build"
    records = json.loads((site / "data" / "articles.json").read_text(encoding="utf-8"))
    assert {record["source"]["file"] for record in records} == {"first.txt", *GOOD_SOURCES}
    for name in ("first.txt", *GOOD_SOURCES):
        assert (site / source_path(name)).read_bytes() == (sources / name).read_bytes()


TRICKY = (
    '## Cytat: "</script>" \\ \u202eodwrócone\u202c 🎉\n\n24 November 2024\n\n'
    "Line\u2028separator, tab\there, NBSP\u00a0here, [link](https://example.org/a_(b)) "
    "and **bold** and `code`.\n\n> quoted *text*\n\n- one\n- two\n\nBy Jan Nowak\n"
)
RECORD_FIELDS_IN_JSON = {
    "id", "slug", "title", "date", "language", "publisher", "author", "source_url",
    "summary", "entities", "tags", "provenance", "source", "notes",
    "retrieved", "date_evidence", "unsure", "aliases", "authors",
}  # fmt: skip
# Record fields the JSON gives in another form: the blocks as body_text, the free
# tags inside tags, the dates' mentions as mentioned_dates (with their sentences and the
# publication date's line in data/dates.csv).
RECORD_FIELDS_DERIVED = {"blocks", "extra_tags", "date_mentions", "date_context"}


def test_inspect_json_round_trips_every_record(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    content = make_collection(
        tmp_path,
        sources={"tricky": TRICKY, "polish": GOOD_POLISH, "undated": "Tekst bez daty i tytułu."},
        sidecars={
            "tricky": 'notes: "wiersz 1\\nwiersz 2 \\"cudzysłów\\" \\\\"\ntags: [wolny-tag]\n'
        },
    )
    assert main(["inspect", "--content", str(content), "--json"]) == 0
    printed = json.loads(capsys.readouterr().out)
    records = load_collection(content).records
    declared = {field.name for field in dataclasses.fields(ArticleRecord)}
    assert declared == RECORD_FIELDS_IN_JSON | RECORD_FIELDS_DERIVED, "a new field needs JSON"

    assert [item["id"] for item in printed] == [record.id for record in records]
    for item, record in zip(printed, records, strict=True):
        assert_same_record(item, record)
    tricky = next(item for item in printed if item["id"] == "tricky")
    assert "\u2028" in tricky["body_text"] and "🎉" in tricky["title"]
    assert tricky["notes"] == 'wiersz 1\nwiersz 2 "cudzysłów" \\'


def assert_same_record(item: dict[str, object], record: ArticleRecord) -> None:
    """Every field of ``record`` against the JSON object printed for it."""
    for name in ("id", "slug", "title", "language", "publisher", "author", "source_url"):
        assert item[name] == getattr(record, name), name
    for name in ("summary", "notes", "body_text"):
        assert item[name] == getattr(record, name), name
    assert item["date"] == (record.date.iso if record.date else None)
    assert item["date_precision"] == record.date_precision
    assert item["retrieved"] == (record.retrieved.iso if record.retrieved else None)
    assert item["url"] == f"articles/{record.slug}.html"
    assert item["entities"] == [
        {"id": e.id, "kind": e.kind, "label": e.label, "count": e.count, "origin": e.origin}
        for e in record.entities
    ]
    assert item["tags"] == list(record.tags) and set(record.extra_tags) <= set(record.tags)
    assert item["mentioned_dates"] == list(record.mentioned_dates)
    assert item["provenance"] == {name: str(where) for name, where in record.provenance.items()}
    assert item["source"] == dataclasses.asdict(record.source)
    assert item["aliases"] == list(record.aliases)
    assert item["authors"] == [{"name": a.name, "kind": a.kind} for a in record.authors]


def test_a_fifo_in_the_sources_never_blocks_the_build(tmp_path: Path) -> None:
    content = make_collection(tmp_path, sources={"good": GOOD_POLISH})
    os.mkfifo(content / "sources" / "pipe.txt")
    os.mkfifo(content / "sources" / "good.yaml")
    collection = load_collection(content)
    named = {Path(d.path).name for d in collection.diagnostics.errors}
    assert named == {"pipe.txt", "good.yaml"}
    assert [record.id for record in collection.records] == ["good"]


class _RunsCode:
    """Unpickling this runs ``touch``: what a record memo shard from a pull request could do."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, tuple[str]]:
        return (os.system, (f"touch {self.marker}",))


def test_a_cache_written_elsewhere_is_never_unpickled(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "user-cache"))
    content = make_collection(tmp_path, sources={"good": GOOD_POLISH})
    marker = tmp_path / "code-ran"
    cache = tmp_path / "cache"
    cache.mkdir()
    payload = pickle.dumps({"key": _RunsCode(marker)})
    (cache / "records").mkdir()
    for forged in (payload, b"\0" * 32 + payload):  # unsigned, and wrongly signed
        for shard in range(64):
            (cache / "records" / f"{shard:02d}.pickle").write_bytes(forged)
        build(content, tmp_path / "build")
        assert not marker.exists()
        shutil.rmtree(tmp_path / "build")
    assert load_record_memo(cache).entries  # the build's own, signed memo is read back


def test_pipes_loops_devices_and_odd_names_anywhere_in_content_are_named(tmp_path: Path) -> None:
    """Each would have blocked, looped or raised before; now each is one error line."""
    content = make_collection(tmp_path, sources={"good": GOOD_POLISH})
    sources, pages = content / "sources", content / "pages"
    pages.mkdir()
    os.mkfifo(sources / "pipe.txt")
    os.mkfifo(pages / "pipe.md")
    (sources / "loop.txt").symlink_to(sources / "loop.txt")
    (sources / "good.yaml").symlink_to(sources / "good.yaml")
    (pages / "loop.md").symlink_to(pages / "loop.md")
    (sources / "zero.txt").symlink_to("/dev/zero")
    (sources / os.fsdecode(b"\xff.txt")).write_bytes(GOOD_POLISH.encode())
    source_root = str(Path(sitegen.__file__).resolve().parents[1])
    result = subprocess.run(
        [sys.executable, "-m", "sitegen", "build", "--templates", str(TEMPLATES)],
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": source_root},
        capture_output=True,
        timeout=60,
        check=False,
    )
    stderr = result.stderr.decode("utf-8", "backslashreplace")
    assert result.returncode == 1 and "Traceback" not in stderr, stderr
    named = {line.split(": error: ")[0] for line in stderr.splitlines() if ": error: " in line}
    expected = {"pipe.txt", "loop.txt", "good.yaml", "zero.txt", "\\udcff.txt"}
    assert named == {f"content/sources/{name}" for name in expected} | {
        "content/pages/pipe.md",
        "content/pages/loop.md",
    }, stderr
