"""core/files.py: symbolic links are followed, and kept inside their folder; trees removed."""

from __future__ import annotations

import errno
from pathlib import Path

import pytest

from sitegen.core import files
from sitegen.core.files import remove_tree, resolve_within


def test_plain_file_and_link_inside_resolve_to_the_file(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("a")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "link.txt").symlink_to("../a.txt")
    assert resolve_within(tmp_path / "a.txt", tmp_path) == (tmp_path / "a.txt").resolve()
    assert resolve_within(tmp_path / "sub" / "link.txt", tmp_path) == (tmp_path / "a.txt").resolve()


def test_link_out_of_the_folder_is_refused(tmp_path: Path) -> None:
    (tmp_path / "outside.txt").write_text("secret")
    folder = tmp_path / "content"
    folder.mkdir()
    (folder / "x.txt").symlink_to(tmp_path / "outside.txt")
    (folder / "up").symlink_to("..")
    assert resolve_within(folder / "x.txt", folder) is None
    assert resolve_within(folder / "up" / "outside.txt", folder) is None
    # A sibling folder whose name starts like the folder's is outside it too.
    (tmp_path / "content-2").mkdir()
    assert resolve_within(tmp_path / "content-2", folder) is None


def test_folder_given_through_a_link_is_the_folder_it_names(tmp_path: Path) -> None:
    (tmp_path / "real").mkdir()
    (tmp_path / "real" / "a.txt").write_text("a")
    (tmp_path / "alias").symlink_to("real")
    assert resolve_within(tmp_path / "alias" / "a.txt", tmp_path / "alias") is not None


def test_broken_link_resolves_to_where_it_points(tmp_path: Path) -> None:
    (tmp_path / "broken.txt").symlink_to("missing.txt")
    assert resolve_within(tmp_path / "broken.txt", tmp_path) == tmp_path.resolve() / "missing.txt"


def test_links_in_a_loop_raise(tmp_path: Path) -> None:
    (tmp_path / "a").symlink_to("b")
    (tmp_path / "b").symlink_to("a")
    with pytest.raises(OSError) as raised:
        resolve_within(tmp_path / "a", tmp_path)
    assert raised.value.errno == errno.ELOOP


def test_remove_tree_removes_every_file_and_folder_however_deep(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    tree = tmp_path / "build.old-1"
    for n in range(40):  # more folders than threads, some empty, files at every depth
        folder = tree / f"f{n % 7}" / f"g{n % 3}" / ("h" if n % 2 else "")
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{n}.html").write_text("x" * n)
    (tree / "empty" / "inner").mkdir(parents=True)
    (tree / "index.html").write_text("home")
    monkeypatch.setattr(files, "REMOVING_THREADS", 3)
    remove_tree(tree)
    assert not tree.exists() and list(tmp_path.iterdir()) == []


def test_remove_tree_removes_links_never_what_they_point_at(tmp_path: Path) -> None:
    kept = tmp_path / "kept"
    kept.mkdir()
    (kept / "data.txt").write_text("keep me")
    tree = tmp_path / "tree"
    (tree / "sub").mkdir(parents=True)
    (tree / "sub" / "to-folder").symlink_to(kept)
    (tree / "to-file").symlink_to(kept / "data.txt")
    (tree / "broken").symlink_to(tmp_path / "missing")
    linked_tree = tmp_path / "linked-tree"
    linked_tree.symlink_to(kept)
    remove_tree(tree)
    remove_tree(linked_tree)
    assert not tree.exists() and not linked_tree.is_symlink()
    assert (kept / "data.txt").read_text() == "keep me"


def test_remove_tree_of_a_missing_folder_does_nothing(tmp_path: Path) -> None:
    remove_tree(tmp_path / "absent")
    assert list(tmp_path.iterdir()) == []
