"""core/files.py: symbolic links are followed, and kept inside their folder."""

from __future__ import annotations

import errno
from pathlib import Path

import pytest

from sitegen.core.files import resolve_within


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
