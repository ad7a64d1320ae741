"""The build cache (``sitegen.engine.cache``): the signed record memo, the kept file hashes."""

from __future__ import annotations

import gc
import hashlib
import json
import os
import pickle
import re
import sys
import tempfile
import time
import tomllib
from array import array
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from markupsafe import Markup

from sitegen.core import fingerprint as fingerprints
from sitegen.core.errors import Diagnostic
from sitegen.core.files import is_normal_relative_path
from sitegen.core.fingerprint import FileHashes, walk_files
from sitegen.engine import cache
from sitegen.load.memo import MemoEntry, RecordMemo
from sitegen.model.links import Links
from sitegen.outputs.search.analysis import KnownAnalyses

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def memo_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A cache folder, with this test's own signing key."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "user-cache"))
    return tmp_path / "cache"


def test_a_saved_memo_is_read_back_as_memo_entries(memo_dir: Path) -> None:
    memo: RecordMemo = {"key": MemoEntry(None, (Diagnostic("a.txt", None, "unreadable"),))}
    cache.save_record_memo(memo_dir, cache.pickle_memo(memo, {}))
    assert cache.load_record_memo(memo_dir).entries == memo


def test_a_loaded_memo_is_saved_again_pickling_only_its_new_entries(
    memo_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    kept = MemoEntry(None, (Diagnostic("a.txt", None, "unreadable"),))
    first = {"kept": kept, "dropped": MemoEntry(None, ())}
    cache.save_record_memo(memo_dir, cache.pickle_memo(first, {}))
    stored = cache.load_record_memo(memo_dir)
    new = MemoEntry(None, (Diagnostic("b.txt", 3, "no date"),))
    pickled: list[object] = []
    dumps = pickle.dumps

    def counting_dumps(value: object, protocol: int) -> bytes:
        pickled.append(value)
        return dumps(value, protocol=protocol)

    with monkeypatch.context() as patched:
        patched.setattr(pickle, "dumps", counting_dumps)
        again = cache.pickle_memo({"kept": stored.entries["kept"], "new": new}, stored.pickled)
    assert pickled == [new]
    assert again["kept"] is stored.pickled["kept"]
    cache.save_record_memo(memo_dir, again)
    assert cache.load_record_memo(memo_dir).entries == {"kept": kept, "new": new}


def _shard_files(memo_dir: Path) -> dict[str, tuple[int, int]]:
    """Each shard file of the record memo, by name: its inode and modification time."""
    return {
        shard.name: (shard.stat().st_ino, shard.stat().st_mtime_ns)
        for shard in (memo_dir / "records").iterdir()
    }


def test_an_edit_rewrites_only_the_memo_shards_whose_keys_changed(memo_dir: Path) -> None:
    first: RecordMemo = {f"key-{n}": MemoEntry(None, ()) for n in range(300)}
    cache.save_record_memo(memo_dir, cache.pickle_memo(first, {}))
    before = _shard_files(memo_dir)
    assert len(before) == cache._RECORD_SHARDS  # 300 keys fill every one of 64
    stored = cache.load_record_memo(memo_dir)
    edited = {key: stored.entries[key] for key in first if key != "key-7"}
    edited["key-7 edited"] = MemoEntry(None, (Diagnostic("a.txt", 1, "changed"),))
    cache.save_record_memo(memo_dir, cache.pickle_memo(edited, stored.pickled), stored)
    after = _shard_files(memo_dir)
    rewritten = {name for name in after if after[name] != before[name]}
    touched = {
        cache._shard_path(memo_dir, cache._shard_of(k)).name for k in ("key-7", "key-7 edited")
    }
    assert rewritten == touched
    assert dict(cache.load_record_memo(memo_dir).entries) == edited


def test_a_loaded_memo_holds_its_entries_as_views_of_one_buffer(memo_dir: Path) -> None:
    """Not an object each on the heap: unpickled shard by shard so, 10,000 entries left the
    heap laid out so that a forked worker grew 12 MiB more (measured, not modelled)."""
    memo: RecordMemo = {f"key-{n}": MemoEntry(None, ()) for n in range(300)}
    cache.save_record_memo(memo_dir, cache.pickle_memo(memo, {}))
    pickled = cache.load_record_memo(memo_dir).pickled
    assert all(isinstance(data, memoryview) for data in pickled.values())
    assert len({id(data.obj) for data in pickled.values() if isinstance(data, memoryview)}) == 1
    assert {key: bytes(data) for key, data in pickled.items()} == cache.pickle_memo(memo, {})


def test_a_damaged_memo_shard_costs_only_its_own_entries(memo_dir: Path) -> None:
    memo: RecordMemo = {f"key-{n}": MemoEntry(None, ()) for n in range(300)}
    cache.save_record_memo(memo_dir, cache.pickle_memo(memo, {}))
    damaged = cache._shard_path(memo_dir, cache._shard_of("key-0"))
    damaged.write_bytes(damaged.read_bytes()[:-10])
    stored = cache.load_record_memo(memo_dir)
    lost = {key for key in memo if cache._shard_of(key) == cache._shard_of("key-0")}
    assert lost and set(stored.entries) == set(memo) - lost
    cache.save_record_memo(memo_dir, cache.pickle_memo(memo, {}), stored)  # written again
    assert set(cache.load_record_memo(memo_dir).entries) == set(memo)


def test_saving_the_memo_removes_emptied_shards_and_the_single_file_of_before(
    memo_dir: Path,
) -> None:
    memo_dir.mkdir(parents=True)
    (memo_dir / "records.pickle").write_bytes(b"the memo as one file")
    cache.save_record_memo(memo_dir, cache.pickle_memo({"a": MemoEntry(None, ())}, {}))
    cache.save_record_memo(memo_dir, cache.pickle_memo({"b": MemoEntry(None, ())}, {}))
    assert not (memo_dir / "records.pickle").exists()
    assert [shard.name for shard in (memo_dir / "records").iterdir()] == [
        cache._shard_path(memo_dir, cache._shard_of("b")).name
    ]
    assert set(cache.load_record_memo(memo_dir).entries) == {"b"}


def test_a_memo_of_another_format_is_ignored_not_misread(
    memo_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    current = cache._RECORDS_FORMAT
    monkeypatch.setattr(cache, "_RECORDS_FORMAT", current - 1)  # as an older sitegen wrote it
    cache.save_record_memo(memo_dir, cache.pickle_memo({"key": MemoEntry(None, ())}, {}))
    monkeypatch.setattr(cache, "_RECORDS_FORMAT", current)
    assert cache.load_record_memo(memo_dir).entries == {}


def _aged(path: Path, text: str) -> os.stat_result:
    """Write ``text`` to ``path`` as if an hour ago: old enough to be remembered."""
    path.write_text(text, encoding="utf-8")
    an_hour_ago = time.time_ns() - 3_600 * 10**9
    os.utime(path, ns=(an_hour_ago, an_hour_ago))
    return path.stat()


def test_a_file_hash_is_kept_by_stat_and_a_changed_file_is_read_again(tmp_path: Path) -> None:
    source = tmp_path / "a.txt"
    _aged(source, "first")
    first = FileHashes()
    digest = first.digest(str(source), source.stat())
    assert digest == hashlib.sha256(b"first").digest()
    cache.save_file_hashes(tmp_path / "cache", first)

    again = cache.load_file_hashes(tmp_path / "cache")
    assert again.digest(str(source), source.stat()) == digest
    assert not again.changed  # nothing new to save

    _aged(source, "other")  # same size, but a new mtime: read again
    changed = cache.load_file_hashes(tmp_path / "cache")
    assert changed.digest(str(source), source.stat()) == hashlib.sha256(b"other").digest()
    assert changed.changed


def test_a_file_changed_just_now_is_not_remembered(tmp_path: Path) -> None:
    # A second edit within the same clock tick would leave its stat unchanged.
    source = tmp_path / "a.txt"
    source.write_text("fresh", encoding="utf-8")
    hashes = FileHashes()
    assert hashes.digest(str(source), source.stat()) == hashlib.sha256(b"fresh").digest()
    assert hashes.used == {}


def test_a_fingerprint_with_kept_hashes_equals_one_without(tmp_path: Path) -> None:
    content = tmp_path / "content"
    (content / "sources").mkdir(parents=True)
    for name in ("a.txt", "b.txt", "site.yaml"):
        _aged(content / ("sources" if name.endswith(".txt") else "") / name, name)
    options = {"base_url": None}
    plain = cache.input_fingerprint(content, None, options)
    hashes = FileHashes()
    assert cache.input_fingerprint(content, None, options, hashes) == plain
    assert len(hashes.used) == 3
    assert cache.input_fingerprint(content, None, options, FileHashes(hashes.used)) == plain


def test_a_new_version_of_a_library_sitegen_writes_with_is_a_new_input(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    content = tmp_path / "content"
    content.mkdir()
    _aged(content / "site.yaml", "site")
    libraries = tmp_path / "site-packages"
    (libraries / "Jinja2-3.1.6.dist-info").mkdir(parents=True)
    monkeypatch.setattr(sys, "path", [str(libraries), str(tmp_path / "gone")])

    def fingerprint() -> str:
        fingerprints.libraries_fingerprint.cache_clear()
        return cache.input_fingerprint(content, None, {})

    before = fingerprint()
    (libraries / "unrelated_tool-1.0.dist-info").mkdir()  # not one sitegen writes with
    assert fingerprint() == before
    (libraries / "Jinja2-3.1.6.dist-info").rename(libraries / "jinja2-3.2.0.dist-info")
    upgraded = fingerprint()
    assert upgraded != before
    (libraries / "PyYAML-6.0-py3.11.egg-info").mkdir()  # another layout, another name
    assert fingerprint() != upgraded
    monkeypatch.undo()
    fingerprints.libraries_fingerprint.cache_clear()


def test_the_libraries_fingerprinted_are_pyprojects_dependencies_but_the_terminals() -> None:
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    required = {
        re.split(r"[<>=!~ ;\[]", requirement, maxsplit=1)[0]
        for requirement in pyproject["project"]["dependencies"]
    }
    assert required - set(fingerprints.LIBRARIES) == {"rich", "watchfiles"}
    assert set(fingerprints.LIBRARIES) <= required


@pytest.mark.parametrize("damage", ["", "{not json", '{"x": 1}', '{"x": [1, 2]}', "[]"])
def test_damaged_kept_hashes_are_ignored(tmp_path: Path, damage: str) -> None:
    (tmp_path / "file-hashes.json").write_text(damage, encoding="utf-8")
    assert cache.load_file_hashes(tmp_path).known == {}


def test_links_are_kept_for_the_next_build_of_the_same_sitegen(
    memo_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    links = Links("k", {"a": (("b", ("kazakhstan", "un")),), "b": ()}, {"un": (("kazakhstan", 2),)})
    cache.save_links(memo_dir, links)
    assert cache.load_links(memo_dir) == links
    monkeypatch.setattr(cache, "package_fingerprint", lambda: "another sitegen")
    assert cache.load_links(memo_dir) is None
    monkeypatch.setattr(cache, "package_fingerprint", lambda: "this sitegen")
    cache.save_links(memo_dir, links)
    assert cache.load_links(memo_dir) == links
    (memo_dir / "links.pickle").write_bytes(b"not signed by this user")
    assert cache.load_links(memo_dir) is None


def test_search_analyses_are_kept_for_the_next_build_of_the_same_analysers(memo_dir: Path) -> None:
    known = KnownAnalyses(
        {"pl": {"Kazachstanu": ("kazachstanu", ("kazachstan",), ("pl:Kazachstan",))}},
        {"pl:Kazachstan": ("kazachstan", "kazachstanu")},
    )
    cache.save_search_analyses(memo_dir, "sitegen 1, morfeusz2 1.99", known)
    assert cache.load_search_analyses(memo_dir, "sitegen 1, morfeusz2 1.99") == known
    # Another sitegen, or another Morfeusz dictionary, may analyse a word otherwise.
    assert cache.load_search_analyses(memo_dir, "sitegen 1, morfeusz2 1.98") is None
    (memo_dir / "search-analyses.pickle").write_bytes(b"not signed by this user")
    assert cache.load_search_analyses(memo_dir, "sitegen 1, morfeusz2 1.99") is None


def test_formatted_references_are_kept_for_the_same_sitegen_and_citeproc(memo_dir: Path) -> None:
    references = {"k" * 64: "<i>Ministerstwo</i> (2015) ‘Tytuł’"}
    made = {key: Markup(text) for key, text in references.items()}  # as a build makes them
    cache.save_harvard_references(memo_dir, "sitegen 1, citeproc-py 0.11", made)
    kept = cache.load_harvard_references(memo_dir, "sitegen 1, citeproc-py 0.11")
    assert kept == references and {type(text) for text in kept.values()} == {str}
    assert cache.load_harvard_references(memo_dir, "sitegen 1, citeproc-py 0.12") == {}
    # A signed file of the same version holding anything but text is not taken either.
    cache._save_made_by(memo_dir / "references.pickle", "v", {"k": 1})
    assert cache.load_harvard_references(memo_dir, "v") == {}  # HTML only, nothing else
    # Shown as HTML: a file not signed by this user's builds is never read.
    (memo_dir / "references.pickle").write_bytes(b"not signed by this user")
    assert cache.load_harvard_references(memo_dir, "v") == {}


def test_the_output_listing_sees_what_a_walk_of_the_folder_sees(tmp_path: Path) -> None:
    # Read through folder descriptors; checked against the plain walk: nested folders,
    # an empty one, a linked file (its target's stat) and a linked folder (left out).
    site = tmp_path / "build"
    (site / "a" / "b").mkdir(parents=True)
    (site / "empty").mkdir()
    (site / "index.html").write_text("home")
    (site / "a" / "b" / "deep.html").write_text("deep page")
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "x.txt").write_text("outside")
    (site / "linked-folder").symlink_to(tmp_path / "elsewhere", target_is_directory=True)
    (site / "a" / "linked.txt").symlink_to(tmp_path / "elsewhere" / "x.txt")
    walked = [
        (path, (stat := entry.stat()).st_size, stat.st_mtime_ns)
        for path, entry in walk_files(str(site))
    ]
    assert sorted(path for path, _, _ in walked) == ["a/b/deep.html", "a/linked.txt", "index.html"]
    listing = cache.output_listing(site)
    assert listing == cache.listing_digest(walked)
    (site / "a" / "b" / "deep.html").write_text("edited page")
    assert cache.output_listing(site) != listing
    (site / "dangling").symlink_to(tmp_path / "gone")  # cannot be stated: a real build
    assert cache.output_listing(site) is None


_HEX = "0123456789abcdef"
_entries = st.builds(
    cache.OutputEntry,
    sha256=st.text(_HEX, min_size=64, max_size=64),
    size=st.integers(0, 2**63),
    mtime_ns=st.integers(-(2**63), 2**63 - 1),
    key=st.text(st.characters(codec="utf-8", exclude_characters="\0")),
    pieces=st.text(st.characters(codec="utf-8")),
)


@given(st.dictionaries(st.text(min_size=1), _entries, max_size=20))
def test_a_packed_manifest_gives_back_every_entry(files: dict[str, cache.OutputEntry]) -> None:
    packed = cache.PackedEntries(files.items())
    assert len(packed) == len(files)
    assert dict(packed) == files
    assert all(path in packed for path in files)
    assert "not/a/file" not in packed or "not/a/file" in files


def test_a_packed_manifest_holds_its_entries_in_a_few_objects_and_no_path_twice() -> None:
    entry = cache.OutputEntry("c" * 64, 10, 20, "k")
    small = cache.PackedEntries([("a.html", entry)])
    large = cache.PackedEntries((f"articles/{n}.html", entry) for n in range(5_000))
    # Not a bytes object a file: a worker reading them all would copy the memory of each.
    held = [gc.get_referents(packed) for packed in (small, large)]
    assert [len(objects) for objects in held] == [4, 4]  # a dict, a buffer, an array, the type
    assert cache.PackedEntries in held[1]
    assert {type(o) for o in held[1] if o is not cache.PackedEntries} == {dict, bytes, array}
    assert large["articles/4999.html"] == entry and len(large) == 5_000
    with pytest.raises(ValueError, match="twice"):
        cache.PackedEntries([("a.html", entry), ("a.html", entry)])


@given(st.dictionaries(st.text(min_size=1).filter(is_normal_relative_path), _entries, max_size=20))
def test_a_saved_manifest_comes_back_whole(files: dict[str, cache.OutputEntry]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        cache_dir, output = Path(folder), Path(folder, "build").resolve()
        manifest = cache.Manifest(str(output), files, {"wizyta": "001"}, {"old.html": ""})
        cache.save_manifest(cache_dir, manifest, fingerprint="f", pages=1, diagnostics=())
        loaded = cache.load_manifest(cache_dir, output)
        assert loaded is not None and dict(loaded.files) == files
        assert (loaded.addresses, loaded.lost) == ({"wizyta": "001"}, {"old.html": ""})
        again = Path(folder, "again")  # saved again from what was loaded (packed entries)
        cache.save_manifest(again, loaded, fingerprint="f", pages=1, diagnostics=())
        reloaded = cache.load_manifest(again, output)
        assert reloaded is not None and dict(reloaded.files) == files


def test_a_damaged_manifest_is_not_used(tmp_path: Path) -> None:
    output = (tmp_path / "build").resolve()
    entry = cache.OutputEntry("ab" * 32, 5, 1_700_000_000_000_000_000, "key")
    manifest = cache.Manifest(str(output), {"index.html": entry})
    cache.save_manifest(tmp_path, manifest, fingerprint="f", pages=1, diagnostics=())
    loaded = cache.load_manifest(tmp_path, output)
    assert loaded is not None
    assert dict(loaded.files) == {"index.html": entry}
    path = cache.manifest_path(tmp_path, output)
    whole = path.read_bytes()
    for damaged in (whole[:-1], whole + b"x", whole.replace(b"index.html", b"index.htmx")):
        path.write_bytes(damaged)
        assert cache.load_manifest(tmp_path, output) is None
    assert cache.load_manifest(tmp_path, tmp_path / "elsewhere") is None


@pytest.mark.parametrize("path", ["../../home/user/.bashrc", "/etc/passwd", "a/../../b", "a//b"])
def test_a_manifest_naming_a_file_outside_the_output_folder_is_not_used(
    tmp_path: Path, path: str
) -> None:
    # An edit removes the last build's files that are no longer made: only ones inside it.
    output = (tmp_path / "build").resolve()
    entry = cache.OutputEntry("ab" * 32, 5, 1_700_000_000_000_000_000, "key")
    manifest = cache.Manifest(str(output), {"index.html": entry, path: entry})
    cache.save_manifest(tmp_path, manifest, fingerprint="f", pages=1, diagnostics=())
    assert cache.load_manifest(tmp_path, output) is None


def test_a_stamp_without_a_listing_never_stands_for_an_output_folder(tmp_path: Path) -> None:
    output = (tmp_path / "build").resolve()
    manifest = cache.Manifest(str(output), {})
    cache.save_manifest(tmp_path, manifest, fingerprint="f", pages=0, diagnostics=())
    path = cache.stamp_path(tmp_path, output)
    data = json.loads(path.read_text())
    path.write_text(json.dumps({**data, "listing": None}))
    stamp = cache.load_stamp(tmp_path, output)
    assert stamp is not None and stamp.listing != cache.output_listing(output)  # None: no folder
