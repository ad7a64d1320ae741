"""Content pages: Markdown with front matter, per language, sanitised."""

from __future__ import annotations

from pathlib import Path

from sitegen.core.errors import Diagnostics
from sitegen.load.content_pages import load_content_pages


def test_pages_are_read_per_language_with_headings_below_h1(tmp_path: Path) -> None:
    (tmp_path / "about.md").write_text(
        "---\ntitle: O nas\n---\n# Sekcja\n\n<script>x</script>Tekst\n"
    )
    (tmp_path / "about.en.md").write_text("---\ntitle: About\ndescription: What\n---\nText\n")
    diagnostics = Diagnostics()
    pages = load_content_pages(tmp_path, "pl", diagnostics)
    assert diagnostics.items == []
    assert pages[("about", "pl")].title == "O nas"
    assert "<h2>Sekcja</h2>" in pages[("about", "pl")].html
    assert "script" not in pages[("about", "pl")].html
    assert pages[("about", "en")].description == "What"


def test_missing_front_matter_and_unknown_keys_are_reported(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("no front matter\n")
    (tmp_path / "b.md").write_text("---\ntitle: B\ncolour: red\n---\nx\n")
    diagnostics = Diagnostics()
    load_content_pages(tmp_path, "pl", diagnostics)
    assert [
        (d.path.endswith(n), d.line)
        for d, n in zip(diagnostics.items, ["a.md", "b.md"], strict=True)
    ] == [
        (True, 1),
        (True, 3),
    ]


def test_an_unknown_front_matter_key_suggests_the_nearest_with_the_files_line(
    tmp_path: Path,
) -> None:
    (tmp_path / "about.md").write_text("---\ntitle: O nas\ndescripton: Kim\n---\nx\n")
    diagnostics = Diagnostics()
    pages = load_content_pages(tmp_path, "pl", diagnostics)
    (problem,) = diagnostics.items
    assert problem.line == 3
    assert problem.message.startswith("unknown key 'descripton' (did you mean 'description'?)")
    assert pages[("about", "pl")].description == ""  # the misspelt key is left out


def test_invalid_front_matter_is_reported_at_the_files_line(tmp_path: Path) -> None:
    (tmp_path / "about.md").write_text("---\ntitle: O nas\n- x\n---\nx\n")
    diagnostics = Diagnostics()
    assert load_content_pages(tmp_path, "pl", diagnostics) == {}
    (problem,) = diagnostics.items
    assert (problem.line, problem.message[:12]) == (3, "invalid YAML")
