"""Writing the output: no collisions, nothing outside the folder, an atomic swap."""

from __future__ import annotations

import hashlib
import os
import pickle
import subprocess
import sys
from collections.abc import Callable, Mapping
from pathlib import Path, PurePosixPath
from random import Random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sitegen.core.urls import hashed_name
from sitegen.engine import output as output_module
from sitegen.engine.cache import TAKEN_OVER, OutputEntry, PackedEntries
from sitegen.engine.output import OutputError, SiteFiles, safe_relative_path
from sitegen.outputs.joined import JoinedFile, Piece


@given(
    st.lists(st.sampled_from(["a", "b.html", ".", "..", "...", ".x", "", "\\", "/"])).map("".join)
)
def test_a_path_is_normalised_or_refused_as_a_posix_path_would_be(path: str) -> None:
    pure = PurePosixPath(path)
    outside = pure.is_absolute() or not pure.parts or ".." in pure.parts or "\\" in path
    if outside:
        with pytest.raises(OutputError, match="outside the output folder"):
            safe_relative_path(path)
    else:
        assert safe_relative_path(path) == pure.as_posix()


def test_two_files_at_one_path_are_refused(tmp_path: Path) -> None:
    with SiteFiles(tmp_path / "build") as files:
        files.add("articles/a.html", "x")
        with pytest.raises(OutputError, match="two files"):
            files.add("articles/./a.html", "y")


def test_two_workers_writing_one_path_are_refused(tmp_path: Path) -> None:
    with SiteFiles(tmp_path / "build") as files:
        files.writer.write("articles/a.html", "x")  # as a worker process does
        with pytest.raises(OutputError, match="two files"):
            files.writer.write("articles/a.html", "y")


@pytest.mark.parametrize("path", ["../x.html", "/etc/passwd", "a/../../x", "a\\..\\x", ""])
def test_paths_leaving_the_output_folder_are_refused(tmp_path: Path, path: str) -> None:
    with SiteFiles(tmp_path / "build") as files, pytest.raises(OutputError, match="outside"):
        files.add(path, "x")
    assert sorted(p.name for p in tmp_path.iterdir()) == []


def test_publish_replaces_the_old_tree_and_leaves_no_staging(tmp_path: Path) -> None:
    output = tmp_path / "build"
    output.mkdir()
    (output / "stale.html").write_text("old")
    with SiteFiles(output) as files:
        files.add("index.html", "new")
        files.add("en/index.html", b"\x00bytes")
        assert (output / "stale.html").exists()  # untouched until the swap
        files.publish()
    assert sorted(p.relative_to(output).as_posix() for p in output.rglob("*") if p.is_file()) == [
        "en/index.html",
        "index.html",
    ]
    assert (output / "en" / "index.html").read_bytes() == b"\x00bytes"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["build"]


def test_unchanged_bytes_are_linked_from_the_previous_build(tmp_path: Path) -> None:
    output = tmp_path / "build"
    with SiteFiles(output) as files:
        files.add("same.html", "kept")
        files.add("changed.html", "old")
        first = files.publish().entries
    before = (output / "same.html").stat()
    with SiteFiles(output, first) as files:
        files.add("same.html", "kept")
        files.add("changed.html", "new")
        published = files.publish()
    after = (output / "same.html").stat()
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)
    assert (published.written, published.unchanged) == (1, 1)


def first_build(output: Path) -> Mapping[str, OutputEntry]:
    with SiteFiles(output) as files:
        files.add("same.html", "kept")
        files.add("changed.html", "old")
        files.add("people/gone/page-2.html", "dropped")
        files.add("people/gone.html", "dropped")
        return files.publish().entries


def tree(output: Path) -> dict[str, bytes]:
    return {
        p.relative_to(output).as_posix(): p.read_bytes() for p in output.rglob("*") if p.is_file()
    }


def second_build(output: Path, first: Mapping[str, OutputEntry], *, intact: bool) -> None:
    with SiteFiles(output, first, intact=intact) as files:
        files.add("same.html", "kept")
        files.add("changed.html", "new")
        files.add("people/new/page-2.html", "added")
        files.publish()


def test_an_edit_to_an_intact_folder_is_moved_into_it_file_by_file(tmp_path: Path) -> None:
    output = tmp_path / "build"
    first = first_build(output)
    folder, same = output.stat(), (output / "same.html").stat()
    second_build(output, first, intact=True)
    assert output.stat().st_ino == folder.st_ino  # not swapped: updated in place
    assert (output / "same.html").stat().st_mtime_ns == same.st_mtime_ns
    assert tree(output) == {
        "same.html": b"kept",
        "changed.html": b"new",
        "people/new/page-2.html": b"added",
    }
    assert not (output / "people" / "gone").exists()  # emptied folders go too
    assert sorted(p.name for p in tmp_path.iterdir()) == ["build"]


def test_many_changes_to_an_intact_folder_are_swapped_in_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(output_module, "IN_PLACE_LIMIT", 2)
    output = tmp_path / "build"
    first = first_build(output)
    folder, same = output.stat(), (output / "same.html").stat()
    second_build(output, first, intact=True)
    assert output.stat().st_ino != folder.st_ino  # a new tree, swapped in
    kept = (output / "same.html").stat()
    assert (kept.st_ino, kept.st_mtime_ns) == (same.st_ino, same.st_mtime_ns)  # linked over
    assert set(tree(output)) == {"same.html", "changed.html", "people/new/page-2.html"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["build"]


@pytest.mark.parametrize(("kept", "clashing"), [("a/b.html", "a"), ("x", "x/y.html")])
def test_a_file_where_a_kept_folder_is_refused_before_build_changes(
    tmp_path: Path, kept: str, clashing: str
) -> None:
    output = tmp_path / "build"
    with SiteFiles(output) as files:
        files.add(kept, "kept")
        files.add("changed.html", "old")
        first = files.publish().entries
    before = tree(output)
    with SiteFiles(output, first, intact=True) as files:
        files.add(kept, "kept")
        files.add("changed.html", "new")
        files.add(clashing, "clash")
        with pytest.raises(OutputError, match="two files would be written"):
            files.publish()
    assert tree(output) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["build"]


def test_an_update_in_place_cut_short_is_mended_by_the_next_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    output = tmp_path / "build"
    first = first_build(output)
    replace = os.replace

    def replace_once(source: str, target: str) -> None:
        monkeypatch.setattr(os, "replace", failing)
        replace(source, target)

    def failing(source: str, target: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", replace_once)
    with pytest.raises(OutputError, match=r"cannot update the output folder .*No space left"):
        second_build(output, first, intact=True)
    monkeypatch.undo()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["build"]
    # The folder is no longer the last build's (the next listing says so): not intact.
    second_build(output, first, intact=False)
    assert set(tree(output)) == {"same.html", "changed.html", "people/new/page-2.html"}


def test_a_file_written_in_chunks_is_whole_and_taken_over_when_unchanged(tmp_path: Path) -> None:
    output = tmp_path / "build"
    with SiteFiles(output) as files:
        files.add("data/a.csv", iter(["x,y\r\n", "1,2\r\n"]))
        files.add("data/b.json", iter([b"[", b"]"]))
        first = files.publish().entries
    assert (output / "data" / "a.csv").read_bytes() == b"x,y\r\n1,2\r\n"
    before = (output / "data" / "a.csv").stat()
    with SiteFiles(output, first) as files:
        files.add("data/a.csv", iter(["x,y\r\n1,", "2\r\n"]))
        files.add("data/b.json", iter([b"[1", b"]"]))
        with pytest.raises(OutputError, match="two files"):
            files.writer.write("data/b.json", iter([b"[2]"]))
        published = files.publish()
    after = (output / "data" / "a.csv").stat()
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)
    assert (output / "data" / "b.json").read_bytes() == b"[1]"
    assert (published.written, published.unchanged) == (1, 1)
    assert sorted(p.name for p in (output / "data").iterdir()) == ["a.csv", "b.json"]


JSON_ARRAY = JoinedFile("[\n", ",\n", "\n]\n", empty="[]\n")


def pieces_of(texts: dict[str, str], made: list[str]) -> list[Piece]:
    """Pieces keyed by their own text, noting in ``made`` each one made."""

    def maker(text: str) -> Callable[[], str]:
        def make() -> str:
            made.append(text)
            return text

        return make

    return [(key, maker(text)) for key, text in texts.items()]


def write_joined(
    output: Path, texts: dict[str, str], previous: Mapping[str, OutputEntry] | None = None
) -> tuple[Mapping[str, OutputEntry], list[str]]:
    made: list[str] = []
    with SiteFiles(output, previous) as files:
        path = "data/all.json"
        files.record(path, files.writer.write_pieces(path, JSON_ARRAY, pieces_of(texts, made)))
        return files.publish().entries, made


def test_a_joined_file_copies_the_pieces_its_last_version_holds(tmp_path: Path) -> None:
    output = tmp_path / "build"
    first, made = write_joined(output, {"a": '"é"', "b": "2", "c": "3"})
    assert made == ['"é"', "2", "3"]
    second, made = write_joined(output, {"c": "3", "a": '"é"', "d": "4"}, first)
    assert made == ["4"]  # the others are read from the last build's file, wherever they were
    assert (output / "data/all.json").read_text() == '[\n3,\n"é",\n4\n]\n'
    _, made = write_joined(output, {}, second)
    assert (made, (output / "data/all.json").read_text()) == ([], "[]\n")


PIECE_TEXTS = st.dictionaries(
    st.sampled_from("abcdefghij"), st.text("xyzé\n,", min_size=1, max_size=5), max_size=10
)


@given(PIECE_TEXTS, PIECE_TEXTS, st.sampled_from([1, 4, 12, 1 << 20]), st.randoms())
def test_a_joined_file_written_again_is_the_file_its_pieces_make(
    tmp_path_factory: pytest.TempPathFactory,
    old: dict[str, str],
    new: dict[str, str],
    span_bytes: int,
    random: Random,
) -> None:
    # Keys stand for contents: a piece whose text changed has a new key.
    new = dict(random.sample(sorted(new.items()), len(new)) + list(old.items())[:3])
    random.shuffle(keys := list(new))
    new = {key: new[key] for key in keys}
    output = tmp_path_factory.mktemp("joined") / "build"
    first, _ = write_joined(output, {k + v: v for k, v in old.items()})
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(output_module, "SPAN_BYTES", span_bytes)  # short spans, split often
        second, made = write_joined(output, {k + v: v for k, v in new.items()}, first)
    assert (output / "data/all.json").read_text() == JSON_ARRAY.text(list(new.values()))
    reused = {k + v for k, v in old.items()}
    assert made == [v for k, v in new.items() if k + v not in reused]
    # The manifest's piece index is the one a first write gives the same pieces.
    fresh, _ = write_joined(
        tmp_path_factory.mktemp("fresh") / "build", {k + v: v for k, v in new.items()}
    )
    assert second["data/all.json"].pieces == fresh["data/all.json"].pieces


def test_pieces_copied_together_are_made_again_if_their_file_is_cut_short(
    tmp_path: Path,
) -> None:
    output = tmp_path / "build"
    first, _ = write_joined(output, {"a": "1", "b": "2", "c": "3"})
    target = output / "data/all.json"
    stat = target.stat()
    target.write_text(target.read_text()[:-5])  # "…2,\n3\n]\n" cut within the pieces
    os.utime(target, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    # As the manifest would say of that file: only reading it shows it ends too soon.
    cut = first["data/all.json"]._replace(size=target.stat().st_size, sha256="0" * 64)
    entries = {"data/all.json": cut}
    _, made = write_joined(output, {"a": "1", "b": "2", "c": "3"}, entries)
    assert made == ["1", "2", "3"]
    assert target.read_text() == "[\n1,\n2,\n3\n]\n"


def test_a_joined_file_changed_on_disk_is_not_read_from(tmp_path: Path) -> None:
    output = tmp_path / "build"
    first, _ = write_joined(output, {"a": "1", "b": "2"})
    target = output / "data/all.json"
    target.write_text("[\n9,\n8\n]\n")  # the same length: only its time tells
    _, made = write_joined(output, {"a": "1", "b": "2"}, first)
    assert made == ["1", "2"]
    assert target.read_text() == "[\n1,\n2\n]\n"


def test_a_damaged_piece_index_makes_every_piece_again(tmp_path: Path) -> None:
    output = tmp_path / "build"
    first, _ = write_joined(output, {"a": "1", "b": "2"})
    path = "data/all.json"
    for damaged in (first[path].pieces[:-3], first[path].pieces[:-8] + "zzzzzzzz"):
        previous = {path: first[path]._replace(pieces=damaged)}
        _, made = write_joined(output, {"a": "1", "b": "2"}, previous)
        assert made == ["1", "2"]


def test_leaving_without_publishing_discards_the_staging_folder(tmp_path: Path) -> None:
    with pytest.raises(RuntimeError), SiteFiles(tmp_path / "build") as files:
        files.add("index.html", "x")
        raise RuntimeError
    assert list(tmp_path.iterdir()) == []


def test_reuse_refuses_a_file_changed_on_disk(tmp_path: Path) -> None:
    output = tmp_path / "build"
    with SiteFiles(output) as files:
        files.add("a.html", "x", key="k")
        entries = files.publish().entries
    (output / "a.html").write_text("edited by hand")
    with SiteFiles(output, entries) as files:
        assert files.writer.take_over("a.html", "k") is None


def test_hashed_names_change_with_content() -> None:
    assert hashed_name("site.css", b"a") != hashed_name("site.css", b"b")
    assert hashed_name("site.css", b"a").startswith("site.")
    assert hashed_name("site.css", b"a").endswith(".css")


def test_static_assets_are_linked_by_their_hashed_names(built_site: Path) -> None:
    css = sorted((built_site / "static").glob("site.*.css"))
    assert len(css) == 1
    assert f'href="static/{css[0].name}"' in (built_site / "index.html").read_text()
    assert (
        f'href="../static/{css[0].name}"'
        in (built_site / "articles" / "artykul-1.html").read_text()
    )


def finished_process_id() -> int:
    """The id of a process that has ended (as a build killed with SIGKILL has)."""
    process = subprocess.Popen([sys.executable, "-c", ""])
    process.wait()
    return process.pid


def test_a_staging_folder_whose_build_is_gone_is_removed(tmp_path: Path) -> None:
    (tmp_path / f"build.staging-{finished_process_id()}" / "articles").mkdir(parents=True)
    (tmp_path / f"build.old-{finished_process_id()}").mkdir()
    with SiteFiles(tmp_path / "build") as files:
        files.add("index.html", "x")
        files.publish()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["build"]


def test_the_staging_folder_of_a_build_still_running_is_left_alone(tmp_path: Path) -> None:
    running = tmp_path / f"build.staging-{os.getppid()}"  # the process that started the tests
    running.mkdir()
    with SiteFiles(tmp_path / "build") as files:
        files.add("index.html", "x")
        files.publish()
    assert running.is_dir()


def test_a_build_killed_between_the_two_renames_gets_the_previous_site_back(
    tmp_path: Path,
) -> None:
    retired = tmp_path / f"build.old-{finished_process_id()}"
    retired.mkdir()
    (retired / "index.html").write_text("previous")
    with SiteFiles(tmp_path / "build"):
        assert (tmp_path / "build" / "index.html").read_text() == "previous"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["build"]


@pytest.mark.parametrize("intact", [True, False])
def test_a_file_taken_over_keeps_the_last_builds_entry_byte_for_byte(
    tmp_path: Path, intact: bool
) -> None:
    # What a worker sends back for it is a marker (one object in any process), and the
    # manifest keeps the last build's packed entry: an edit repacks only what it wrote.
    output = tmp_path / "build"
    first = first_build(output)
    with SiteFiles(output, first, intact=intact) as files:
        taken = files.writer.take_over("same.html", "")
        assert taken is TAKEN_OVER
        assert pickle.loads(pickle.dumps(taken)) is TAKEN_OVER
        files.record("same.html", taken)
        files.add("changed.html", "new")
        published = files.publish()
    assert published.written_paths == ("changed.html",)
    assert published.entries["same.html"] == first["same.html"]
    assert isinstance(published.entries, PackedEntries) and isinstance(first, PackedEntries)
    assert published.entries.packed("same.html") == first.packed("same.html")
    assert published.entries["changed.html"].sha256 == hashlib.sha256(b"new").hexdigest()
    assert list(published.entries) == ["changed.html", "same.html"]  # in path order
    assert tree(output) == {"same.html": b"kept", "changed.html": b"new"}
