"""``sitegen inspect``: the records as a table or JSON, and the exit codes (``commands.cli``)."""

from __future__ import annotations

import argparse
import errno
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from sitegen.commands.cli import _parser, main
from sitegen.engine import output
from sitegen.render.theme import THEME_DIR
from tests.conftest import build_fixture_site
from tests.loader_fixtures import (
    GOOD_ENGLISH,
    GOOD_POLISH,
    REPO_ROOT,
    copy_seed_collection,
    make_collection,
)

RECORD_FIELDS = {
    "id", "slug", "url", "title", "date", "date_precision", "language", "publisher", "author",
    "source_url", "summary", "body_text", "entities", "tags", "mentioned_dates", "provenance",
    "source",
}  # fmt: skip


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def test_inspect_prints_a_table_of_the_seed_records(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    copy_seed_collection(tmp_path)
    monkeypatch.chdir(tmp_path)
    code, out, _ = run(["inspect"], capsys)
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split() == ["DATE", "LANG", "TITLE", "PUBLISHER", "ENTITIES", "FILE", "CHECK"]
    assert lines[-1] == "5 record(s), 0 with a field to check (?)"
    rows = [line for line in lines[1:-1] if not line.startswith(" ")]  # evidence is indented
    assert len(rows) == 5
    first = rows[0]
    assert first.startswith("2018-06-23  pl    Wizyta szefa BBN w Kazachstanie")
    assert "Biuro Bezpieczeństwa Narodowego" in first
    assert first.endswith("000_487bd26bd6df34d4.txt")
    assert [row.split()[0] for row in rows] == sorted(row.split()[0] for row in rows)


def test_inspect_json_is_an_array_of_records_with_the_design_fields(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    copy_seed_collection(tmp_path)
    monkeypatch.chdir(tmp_path)
    code, out, _ = run(["inspect", "--json"], capsys)
    assert code == 0
    records = json.loads(out)
    assert isinstance(records, list) and len(records) == 5
    for record in records:
        assert set(record) >= RECORD_FIELDS, RECORD_FIELDS - set(record)
        assert record["date_precision"] in ("day", "month", "year", None)
        assert record["url"] == f"articles/{record['slug']}.html"
        assert set(record["source"]) >= {"file", "sha256", "bytes"}
        for entity in record["entities"]:
            assert set(entity) >= {"id", "kind", "label", "count"}
            assert entity["kind"] in ("country", "person", "organization", "place", "topic")
        assert all(isinstance(v, str) for v in record["provenance"].values())
    assert [(r["date"], r["id"]) for r in records] == sorted((r["date"], r["id"]) for r in records)
    assert records[0]["date"] == "2018-06-23"
    assert {r["date"] for r in records} >= {"2022-01"}


def test_content_option_loads_another_collection(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    content = make_collection(tmp_path, sources={"pl": GOOD_POLISH, "en": GOOD_ENGLISH})
    code, out, err = run(["inspect", "--json", "--content", str(content)], capsys)
    assert (code, err) == (0, "")
    records = json.loads(out)
    assert [(r["id"], r["language"], r["title"]) for r in records] == [
        ("pl", "pl", "Wizyta ministra w Kazachstanie"),
        ("en", "en", "Minister visits Kazakhstan"),
    ]
    assert records[0]["date"] == "2021-03-12"
    assert records[1]["date_precision"] == "day"


def test_a_bad_source_exits_1_and_good_records_are_still_printed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    content = make_collection(tmp_path, sources={"good": GOOD_POLISH, "bad": b"\x00\x01binary"})
    code, out, err = run(["inspect", "--content", str(content)], capsys)
    assert code == 1
    assert f"{content / 'sources' / 'bad.txt'}:1: error: binary file" in err
    assert "Traceback" not in err
    assert "good.txt" in out
    assert out.splitlines()[-1] == "1 record(s), 0 with a field to check (?)"


def test_a_bad_sidecar_exits_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    content = make_collection(
        tmp_path, sources={"good": GOOD_POLISH}, sidecars={"good": "titel: X\n"}
    )
    code, _, err = run(["inspect", "--content", str(content)], capsys)
    assert code == 1
    assert "good.yaml:1: error: unknown key 'titel' (did you mean 'title'?)" in err


def test_warnings_alone_exit_0(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    content = make_collection(
        tmp_path,
        sources={"undated": "## Bez daty\n\nTekst bez daty. Koniec.\n"},
        sidecars={"orphan": "title: X\n"},
    )
    code, out, err = run(["inspect", "--content", str(content)], capsys)
    assert code == 0
    assert "undated.txt: warning: no publication date found" in err
    assert "orphan.yaml: warning: sidecar without a source" in err
    assert out.splitlines()[1].startswith("—")  # an undated record shows a dash for its date


def test_problems_go_to_stderr_and_json_stays_parseable(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    content = make_collection(tmp_path, sources={"good": GOOD_POLISH, "empty": b""})
    code, out, err = run(["inspect", "--json", "--content", str(content)], capsys)
    assert code == 1
    assert [r["id"] for r in json.loads(out)] == ["good"]
    assert "empty.txt: error: the file is empty" in err


@pytest.mark.parametrize(
    "argv",
    [["inspect", "--no-such-option"], ["no-such-command"], [], ["build", "--jobs", "0"]],
)
def test_a_usage_error_exits_2(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(argv)
    assert exit_info.value.code == 2
    assert "usage: sitegen" in capsys.readouterr().err


def test_an_unusable_site_yaml_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    content = make_collection(tmp_path, sources={"a": GOOD_POLISH}, site="titel: X\n")
    code, _, err = run(["inspect", "--content", str(content)], capsys)
    assert code == 2
    assert "site.yaml:1: unknown key 'titel' (did you mean 'title'?)" in err


def test_python_m_sitegen_inspect_json_runs_as_a_program(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONWARNINGS": "error"}
    copy_seed_collection(tmp_path)
    result = subprocess.run(
        [sys.executable, "-m", "sitegen", "inspect", "--json"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    records = json.loads(result.stdout)
    assert len(records) == 5
    assert {r["language"] for r in records} == {"pl", "en"}


def test_a_broken_template_exits_1_naming_file_and_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    templates = tmp_path / "templates"
    shutil.copytree(THEME_DIR, templates)
    (templates / "about.html").write_text("{% for x in %}", encoding="utf-8")
    content = copy_seed_collection(tmp_path)
    argv = ["build", "--content", str(content), "--templates", str(templates)]
    code, _, err = run([*argv, "--output", str(tmp_path / "out")], capsys)
    assert code == 1
    assert "about.html:1: " in err and "Traceback" not in err
    assert not (tmp_path / "out").exists()


def test_the_readme_command_line_section_names_every_command_and_option() -> None:
    readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Command line", 1)[1].split("\n## ", 1)[0]
    parser = _parser()
    commands = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    assert set(commands.choices) == {"build", "inspect", "check", "serve", "new", "init", "theme"}
    for name, command in commands.choices.items():
        row = next(line for line in section.splitlines() if line.startswith(f"| `sitegen {name} "))
        for action in command._actions:
            for option in action.option_strings:
                assert option in row or option in ("-h", "--help"), (name, option)
            if not action.option_strings:
                assert action.dest.upper() in row, (name, action.dest)
    assert "Exit codes:" in section


def test_inspect_shows_each_records_date_and_title_lines_and_marks_doubtful_fields(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sure = "Wizyta w regionie\n\nsprawy krajowe 14.02.2020\n\nMinister odwiedził region. Rozmawiał."
    doubtful = "12 lutego 2016 r. minister odwiedził region i rozmawiał z władzami o handlu."
    content = make_collection(tmp_path, sources={"sure": sure, "doubtful": doubtful})
    code, out, err = run(["inspect", "--content", str(content)], capsys)
    assert code == 0
    lines = out.splitlines()
    sure_row = lines.index(next(line for line in lines if line.endswith("sure.txt")))
    assert lines[sure_row + 1].split() == [
        "date", "line", "3", "(date", "line", "beside", "the", "headline):", "sprawy", "krajowe",
        "14.02.2020",
    ]  # fmt: skip
    assert lines[sure_row + 2].split() == ["title", "line", "1:", "Wizyta", "w", "regionie"]
    doubtful_row = next(line for line in lines if "doubtful.txt" in line)
    assert doubtful_row.endswith("? title, date")
    assert "? date   line 1 (date opening the text)" in out
    assert lines[-1] == "2 record(s), 1 with a field to check (?)"
    assert "doubtful.txt:1: warning: unsure of the date 2016-02-12" in err


def test_inspect_entities_lists_found_entities_as_new_with_where(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = (
        "Wizyta w regionie\n\n14.02.2020\n\n"
        "Minister spotkał się w Kazachstanie z wicepremierem Jerżanem Kazychanowem."
    )
    content = make_collection(tmp_path, sources={"a": text})
    code, out, _ = run(["inspect", "--entities", "--content", str(content)], capsys)
    assert code == 0
    rows = [line.split() for line in out.splitlines()]
    assert ["new", "person", "jerzan-kazychanow", "Jerżan", "Kazychanow", "-", "1", "a.txt"] in rows
    assert [
        "country",
        "kazakhstan",
        "Kazachstan",
        "wikidata:Q232",
        "geonames:1522867",
        "1",
        "a.txt",
    ] in rows
    assert out.splitlines()[-2].startswith("2 entities, 1 new")
    assert out.splitlines()[-1].startswith("0 in entities.yaml or the shipped data without")
    code, out, _ = run(["inspect", "--entities", "--json", "--content", str(content)], capsys)
    found = {item["id"]: item for item in json.loads(out)}
    assert found["jerzan-kazychanow"]["origin"] == "derived"
    assert found["jerzan-kazychanow"]["files"] == ["a.txt"]


@pytest.fixture
def site_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder holding a two-source collection, as the current folder."""
    make_collection(tmp_path, {"a": GOOD_POLISH, "b": GOOD_ENGLISH})
    monkeypatch.chdir(tmp_path)
    return tmp_path


BUILD = ["build", "--templates", str(THEME_DIR), "--jobs", "1"]


def files_of(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}


def test_an_output_path_under_a_file_is_an_error_naming_it(
    site_root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (site_root / "afile").write_text("not a folder")
    code, _, err = run([*BUILD, "--output", "afile/build"], capsys)
    assert code == 1
    assert (
        err == "error: cannot write the output folder afile/build: afile is a file, not a folder\n"
    )
    assert (site_root / "afile").read_text() == "not a folder"


def test_an_output_path_that_is_a_file_is_refused_and_the_file_kept(
    site_root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (site_root / "notes.txt").write_text("mine")
    code, _, err = run([*BUILD, "--output", "notes.txt"], capsys)
    assert code == 1
    assert err == (
        "error: cannot write the output folder notes.txt: notes.txt is a file, not a folder\n"
    )
    assert (site_root / "notes.txt").read_text() == "mine"


def test_a_read_only_output_folder_is_an_error_naming_it(
    site_root: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run(BUILD, capsys)[0] == 0
    before = files_of(site_root / "build")
    real_mkdir = Path.mkdir

    def denied_beside_build(
        path: Path, mode: int = 0o777, parents: bool = False, exist_ok: bool = False
    ) -> None:
        # Tests run as root, for whom a read-only folder is still writable.
        if path.parent == site_root and path.name.startswith("build."):
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        real_mkdir(path, mode, parents, exist_ok)

    monkeypatch.setattr(Path, "mkdir", denied_beside_build)
    code, _, err = run([*BUILD, "--clean"], capsys)
    assert (code, err) == (1, "error: cannot write the output folder build: Permission denied\n")
    assert files_of(site_root / "build") == before


def test_a_full_disk_is_an_error_naming_the_file_and_keeps_the_previous_build(
    site_root: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run(BUILD, capsys)[0] == 0
    before = files_of(site_root / "build")

    def disk_full(target: Path, data: bytes) -> None:
        raise OSError(errno.ENOSPC, "No space left on device", str(target))

    monkeypatch.setattr(output, "write_new_file", disk_full)
    code, _, err = run([*BUILD, "--clean"], capsys)
    assert code == 1
    assert re.fullmatch(r"error: cannot write build/\S+: No space left on device\n", err)
    assert files_of(site_root / "build") == before
    assert not list(site_root.glob("build.*"))  # no staging folder left


def test_strict_says_in_one_line_how_many_warnings_stopped_the_build(
    site_root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (site_root / "content" / "sources" / "c.txt").write_text("## Bez daty\n\nTekst.\n")
    code, _, err = run([*BUILD, "--strict", "--output", "site"], capsys)
    assert code == 1
    assert err.splitlines() == [
        "content/sources/c.txt: warning: no publication date found: the record is undated "
        "(give date: in the sidecar)",
        "build stopped by 1 warning under --strict; site/ unchanged",
    ]
    assert not (site_root / "site").exists()
    (site_root / "content" / "sources" / "d.txt").write_text("## Też bez daty\n\nTekst.\n")
    err = run([*BUILD, "--strict"], capsys)[2]
    assert err.splitlines()[-1] == "build stopped by 2 warnings under --strict; build/ unchanged"
    err = run([*BUILD, "--strict", "--quiet"], capsys)[2]
    assert all(": warning: " in line for line in err.splitlines())  # only the problems


def test_errors_stopping_a_build_are_counted_in_one_line(
    site_root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (site_root / "content" / "sources" / "a.yaml").write_text("titel: X\n")
    code, _, err = run(BUILD, capsys)
    assert code == 1
    assert err.splitlines()[-1] == "build stopped by 1 error; build/ unchanged"


def test_verbose_prints_each_file_written_one_line_each(
    site_root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run([*BUILD, "--verbose"], capsys)
    assert code == 0
    assert out.splitlines() == sorted(files_of(site_root / "build"))
    source = site_root / "content" / "sources" / "a.txt"
    source.write_text(source.read_text() + "\nJeszcze jedno zdanie.\n")
    out = run([*BUILD, "--verbose"], capsys)[1]
    assert "sources/a.txt" in out.splitlines()
    assert "sources/b.txt" not in out.splitlines()  # unchanged: kept, not written


def test_check_names_each_file_of_a_site_built_for_a_loopback_address(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    build_fixture_site(tmp_path, base_url="http://127.0.0.1:8000/")
    monkeypatch.chdir(tmp_path)
    code, out, err = run(["check"], capsys)
    assert code == 1
    assert (
        "index.html: http://127.0.0.1:8000/index.html points at a loopback address; "
        "rebuild with the real --base-url (and 3 more URLs)"
    ) in out.splitlines()
    assert {line.split(": ", 1)[0] for line in out.splitlines()} >= {"sitemap.xml", "feed.xml"}
    assert err.rstrip().endswith(f"HTML validation: {len(out.splitlines())} problem(s)")


def test_check_holds_the_site_to_the_base_url_given_or_set_in_site_yaml(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    build_fixture_site(tmp_path, base_url="https://archiwum.test/zbior/")
    monkeypatch.chdir(tmp_path)
    assert run(["check"], capsys)[0] == 0
    code, out, _ = run(["check", "--base-url", "https://archiwum.test/inny"], capsys)
    assert code == 1
    assert "index.html: https://archiwum.test/zbior/index.html is not under " in out
    assert "https://archiwum.test/inny/ (and 3 more URLs)" in out
    (tmp_path / "content" / "site.yaml").write_text("base_url: https://archiwum.test/inny/\n")
    assert run(["check"], capsys)[0] == 1
    code, _, err = run(["check", "--base-url", "https://archiwum.test/zbior/"], capsys)
    assert code == 0
    assert "checked build for https://archiwum.test/zbior/ with" in err


def test_check_refuses_a_base_url_that_is_not_http(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["check", "--base-url", "archiwum.test"])
    assert exit_info.value.code == 2
    assert "base URL must start with http:// or https://" in capsys.readouterr().err


@pytest.mark.parametrize("output", ["content", ".", "content/.."])
def test_an_output_folder_holding_the_content_is_refused_and_the_content_kept(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    output: str,
) -> None:
    content = copy_seed_collection(tmp_path)
    before = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*"))
    monkeypatch.chdir(tmp_path)
    code, _, err = run(["build", "--templates", str(THEME_DIR), "--output", output], capsys)
    assert code == 1
    assert f"error: cannot build into {output}: it holds the content folder content" in err
    assert "Traceback" not in err
    assert sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*")) == before
    assert (content / "sources" / "000_487bd26bd6df34d4.txt").is_file()


def test_inspect_entities_marks_a_known_entity_without_an_authority_id(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    content = make_collection(tmp_path, sources={"a": GOOD_POLISH})
    code, out, err = run(["inspect", "--entities", "--content", str(content)], capsys)
    assert (code, err) == (0, "")
    rows = {line.split()[3 if line.startswith("no id") else 1]: line for line in out.splitlines()}
    security = rows["security"]
    assert security.split() == [
        "no",
        "id",
        "topic",
        "security",
        "Bezpieczeństwo",
        "-",
        "1",
        "a.txt",
    ]
    kazakhstan = rows["kazakhstan"]
    assert kazakhstan.startswith(" ")  # neither new nor without an id
    assert kazakhstan.split()[3:5] == ["wikidata:Q232", "geonames:1522867"]
    assert out.splitlines()[-1].startswith(
        "1 in entities.yaml or the shipped data without an authority id (no id): "
        "give one of wikidata, viaf, geonames, url in entities.yaml"
    )


def test_inspect_entities_json_gives_each_entitys_authority_ids(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    entities = (
        "security:\n  kind: topic\n  label: {pl: Bezpieczeństwo, en: Security}\n"
        "  forms: [bezpieczeństwa]\n  url: https://example.org/security\n"
    )
    content = make_collection(tmp_path, sources={"a": GOOD_POLISH}, entities=entities)
    code, out, _ = run(["inspect", "--entities", "--json", "--content", str(content)], capsys)
    assert code == 0
    found = {item["id"]: item for item in json.loads(out)}
    assert found["kazakhstan"]["authority"] == {"wikidata": "Q232", "geonames": "1522867"}
    assert found["security"]["authority"] == {"url": "https://example.org/security"}
    assert all(isinstance(item["authority"], dict) for item in found.values())
    code, out, _ = run(["inspect", "--entities", "--content", str(content)], capsys)
    security = next(line for line in out.splitlines() if " security " in line)
    assert security.split()[:4] == [
        "topic",
        "security",
        "Bezpieczeństwo",
        "url:https://example.org/security",
    ]
    assert out.splitlines()[-1].startswith("0 in entities.yaml or the shipped data without")
