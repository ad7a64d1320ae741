"""Writing the output: no collisions, nothing outside the folder, an atomic swap."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitegen.output import OutputError, SiteFiles, hashed_name, publish


def test_two_files_at_one_path_are_refused() -> None:
    files = SiteFiles()
    files.add("articles/a.html", "x")
    with pytest.raises(OutputError, match="two files"):
        files.add("articles/./a.html", "y")


@pytest.mark.parametrize("path", ["../x.html", "/etc/passwd", "a/../../x", "a\\..\\x", ""])
def test_paths_leaving_the_output_folder_are_refused(path: str) -> None:
    with pytest.raises(OutputError, match="outside"):
        SiteFiles().add(path, "x")


def test_publish_replaces_the_old_tree_and_leaves_no_staging(tmp_path: Path) -> None:
    output = tmp_path / "build"
    output.mkdir()
    (output / "stale.html").write_text("old")
    files = SiteFiles()
    files.add("index.html", "new")
    files.add("en/index.html", b"\x00bytes")
    publish(files, output)
    assert sorted(p.relative_to(output).as_posix() for p in output.rglob("*") if p.is_file()) == [
        "en/index.html",
        "index.html",
    ]
    assert (output / "en" / "index.html").read_bytes() == b"\x00bytes"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["build"]


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
