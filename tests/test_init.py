"""``sitegen init``: a new archive that builds, checks and publishes (``commands.init_archive``)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from importlib import metadata
from pathlib import Path

import pytest
import yaml

from sitegen import __version__
from sitegen.commands import init_archive
from sitegen.commands.cli import main
from sitegen.core.errors import Diagnostics
from sitegen.load.config import load_config
from sitegen.load.entities import load_catalogue, shipped_entities
from tests.loader_fixtures import REPO_ROOT, SEED_CONTENT, SEED_NAMES

WORKFLOW = Path(".github/workflows/pages.yml")
NEW_ARCHIVE_FILES = {
    ".github/workflows/pages.yml",
    ".gitignore",
    "content/entities.yaml",
    "content/pages/about.en.md",
    "content/pages/about.md",
    "content/site.yaml",
    "content/sources/.gitkeep",
}


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def files_under(folder: Path) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}


def test_init_writes_a_new_archive_into_a_new_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    archive = tmp_path / "my-archive"
    code, out, _ = run(["init", str(archive)], capsys)
    assert code == 0
    assert files_under(archive) == NEW_ARCHIVE_FILES
    assert f"wrote {archive / 'content/site.yaml'}" in out
    assert f"cd {archive} && sitegen new --from-file" in out
    assert "/build/" in (archive / ".gitignore").read_text().splitlines()
    assert "/.sitegen-cache/" in (archive / ".gitignore").read_text().splitlines()


def test_the_new_site_yaml_is_valid_and_explains_each_key(tmp_path: Path) -> None:
    init_archive.init_archive(tmp_path)
    path = tmp_path / "content/site.yaml"
    config = load_config(path)
    assert config.languages == ("pl", "en")
    assert config.title_in("en") and config.title_in("pl")
    assert config.base_url is None  # the workflow passes the address Pages gives
    text = path.read_text(encoding="utf-8")
    for key in ("title", "description", "base_url", "languages", "content_languages", "author"):
        line = next(i for i, row in enumerate(text.splitlines()) if re.match(rf"#? ?{key}:", row))
        assert text.splitlines()[line - 1].startswith("#"), f"{key} has no comment above it"


def test_the_new_gazetteer_is_empty_and_each_commented_example_is_valid(tmp_path: Path) -> None:
    init_archive.init_archive(tmp_path)
    path = tmp_path / "content/entities.yaml"
    diagnostics = Diagnostics()
    assert set(load_catalogue(path, diagnostics).entities) == set(shipped_entities())
    assert not diagnostics.items

    # The examples, uncommented as the file tells the curator to do.
    example_lines = [
        row[2:]
        for row in path.read_text(encoding="utf-8").splitlines()
        if re.match(r"# [a-z-]+:$", row) or row.startswith("#   ")
    ]
    path.write_text("\n".join(example_lines) + "\n", encoding="utf-8")
    catalogue = load_catalogue(path, diagnostics)
    assert not diagnostics.items, diagnostics.items
    added = {e.id: e.kind for e in catalogue.entities.values() if e.id not in shipped_entities()}
    assert set(added.values()) == {"person", "organization", "place", "topic"}


def test_init_refuses_a_folder_that_is_not_empty(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    code, _, err = run(["init", str(tmp_path)], capsys)
    assert code == 2
    assert err.startswith(f"error: {tmp_path}: the folder is not empty")
    assert "--force" in err
    assert files_under(tmp_path) == {"notes.txt"}


def test_init_accepts_a_fresh_git_repository(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "HEAD").write_text("ref: refs/heads/main\n", encoding="utf-8")
    init_archive.init_archive(tmp_path)
    assert files_under(tmp_path) >= NEW_ARCHIVE_FILES


def test_init_in_the_current_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, _ = run(["init"], capsys)
    assert code == 0
    assert files_under(tmp_path) == NEW_ARCHIVE_FILES
    assert "next: sitegen new --from-file" in out


def test_force_adds_what_is_missing_and_never_overwrites(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site = tmp_path / "content" / "site.yaml"
    site.parent.mkdir()
    site.write_text("title: Moje\n", encoding="utf-8")
    code, out, _ = run(["init", "--force", str(tmp_path)], capsys)
    assert code == 0
    assert site.read_text(encoding="utf-8") == "title: Moje\n"
    assert f"kept {site} as it was" in out
    assert files_under(tmp_path) == NEW_ARCHIVE_FILES


def test_init_into_a_file_is_an_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "afile"
    target.write_text("x", encoding="utf-8")
    code, _, err = run(["init", str(target)], capsys)
    assert (code, err) == (2, f"error: {target}: not a folder\n")


def test_example_copies_the_sample_collection(tmp_path: Path) -> None:
    init_archive.init_archive(tmp_path, example=True)
    sources = tmp_path / "content" / "sources"
    for name in SEED_NAMES:
        assert (sources / f"{name}.txt").read_bytes() == (
            SEED_CONTENT / "sources" / f"{name}.txt"
        ).read_bytes()
        sidecar = SEED_CONTENT / "sources" / f"{name}.yaml"
        if sidecar.exists():
            assert (sources / f"{name}.yaml").read_bytes() == sidecar.read_bytes()
    assert (tmp_path / "content/entities.yaml").is_file()
    assert (tmp_path / "content/pages/about.en.md").is_file()
    assert (tmp_path / WORKFLOW).is_file()


def test_the_packaged_sample_is_the_repository_sample() -> None:
    """Each file of the packaged sample is the repository's, byte for byte (no drift).

    Only the sample's own files are compared: a curator may add to ``content/``.
    """
    packaged = init_archive.EXAMPLE_DIR
    for relative in files_under(packaged) - {"SHA256SUMS"}:
        assert (packaged / relative).read_bytes() == (SEED_CONTENT / relative).read_bytes()
    sums = (SEED_CONTENT / "SHA256SUMS").read_text(encoding="utf-8").splitlines()
    assert set((packaged / "SHA256SUMS").read_text(encoding="utf-8").splitlines()) <= set(sums)


def test_the_workflow_builds_checks_and_deploys_without_sitegens_tests(tmp_path: Path) -> None:
    init_archive.init_archive(tmp_path)
    text = (tmp_path / WORKFLOW).read_text(encoding="utf-8")
    workflow = yaml.safe_load(text)
    steps = {
        step.get("name", step.get("uses")): step for step in workflow["jobs"]["build"]["steps"]
    }
    assert steps["Install sitegen"]["run"] == f'pip install "sitegen=={__version__}"'
    assert steps["Build"]["run"].startswith("sitegen build --strict --base-url ")
    assert steps["Check"]["run"].startswith("sitegen check --base-url ")
    assert steps["actions/upload-pages-artifact@v3"]["with"]["path"] == "build"
    assert workflow["jobs"]["deploy"]["needs"] == "build"
    assert "pytest" not in text and "pip install -e" not in text


def test_the_workflow_installs_the_commit_sitegen_came_from(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    class Installed:
        def read_text(self, name: str) -> str:
            assert name == "direct_url.json"
            return json.dumps(
                {
                    "url": "https://github.com/org/sitegen",
                    "vcs_info": {"vcs": "git", "commit_id": "abc123"},
                }
            )

    monkeypatch.setattr(metadata, "distribution", lambda name: Installed())
    assert init_archive.sitegen_requirement() == (
        "sitegen @ git+https://github.com/org/sitegen@abc123"
    )


def test_the_workflow_steps_build_and_check_a_fresh_archive(tmp_path: Path) -> None:
    """What CI on GitHub would run, run here by the tool ``.ci/run`` uses too."""
    archive = tmp_path / "archive"
    init_archive.init_archive(archive)
    result = subprocess.run(
        [sys.executable, str(REPO_ROOT / "tools" / "run_pages_workflow.py"), str(archive)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "$ sitegen build --strict --base-url" in result.stdout
    assert "$ sitegen check --base-url" in result.stdout
    assert "0 problem(s)" in result.stderr
    assert (archive / "build" / "sitemap.xml").is_file()
