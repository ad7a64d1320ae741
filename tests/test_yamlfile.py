"""core/yamlfile.py: every YAML file of a collection is read, and its problems reported, alike."""

from __future__ import annotations

from pathlib import Path

from sitegen.core.yamlfile import read_yaml_file, read_yaml_mapping

Reported = list[tuple[int | None, str]]


def test_unknown_keys_are_reported_with_the_nearest_and_left_out() -> None:
    reported: Reported = []
    doc = read_yaml_mapping(
        "title: A\ncolour: red\ntitel: B\n",
        "x.yaml",
        lambda line, message: reported.append((line, message)),
        keys={"title", "date"},
    )
    assert doc is not None and doc.values == {"title": "A"}
    assert [line for line, _ in reported] == [2, 3]  # in the file's order
    assert "did you mean" not in reported[0][1]
    assert reported[1][1] == "unknown key 'titel' (did you mean 'title'?); allowed: date, title"


def test_without_keys_every_key_counts() -> None:
    reported: Reported = []
    doc = read_yaml_mapping(
        "kazakhstan: {kind: country}\n", "e.yaml", lambda *p: reported.append(p)
    )
    assert doc is not None and doc.values == {"kazakhstan": {"kind": "country"}}
    assert reported == []


def test_lines_are_the_files_when_the_text_starts_further_down() -> None:
    reported: Reported = []
    doc = read_yaml_mapping(
        "title: A\ncolour: red\n",
        "a.md",
        lambda line, message: reported.append((line, message)),
        keys={"title"},
        first_line=2,
    )
    assert doc is not None
    assert [line for line, _ in reported] == [3]


def test_invalid_yaml_is_one_problem_and_no_mapping() -> None:
    reported: Reported = []
    for text in ("a: [\n", "- a\n- b\n", "a: &x 1\nb: *x\n"):
        assert read_yaml_mapping(text, "x.yaml", lambda *p: reported.append(p)) is None
    assert len(reported) == 3


def test_a_file_is_read_as_utf8_with_or_without_a_bom(tmp_path: Path) -> None:
    path = tmp_path / "site.yaml"
    path.write_bytes("\ufefftitle: Łódź\n".encode())
    doc = read_yaml_file(path, lambda *p: None)
    assert doc is not None and doc.values == {"title": "Łódź"}


def test_an_unreadable_file_is_reported_for_the_whole_file(tmp_path: Path) -> None:
    reported: Reported = []
    (tmp_path / "bad.yaml").write_bytes(b"title: \xff\n")
    assert read_yaml_file(tmp_path / "bad.yaml", lambda *p: reported.append(p)) is None
    assert read_yaml_file(tmp_path / "missing.yaml", lambda *p: reported.append(p)) is None
    assert [(line, message[:12]) for line, message in reported] == [(None, "cannot read:")] * 2


def test_numbers_in_yaml_1_1_forms_other_than_decimal_stay_as_written() -> None:
    doc = read_yaml_mapping("a: 0123\nb: 0x1F\nc: 190:20\nd: 1522867\ne: 1_000\n", "x.yaml", print)
    assert doc is not None
    assert doc.values == {"a": "0123", "b": "0x1F", "c": "190:20", "d": 1522867, "e": 1000}
