"""The project's tests do not depend on what a curator adds to the sample ``content/``.

A copy of the repository gets a new clipping the documented way (``sitegen new
--from-file``); the tests that read the sample collection then still pass there.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from tests.loader_fixtures import REPO_ROOT

CLIPPING = """\
Rozmowy o współpracy regionów

14.02.2020

Delegacja ministerstwa spotkała się w stolicy z przedstawicielami władz regionu, aby omówić \
współpracę gospodarczą i kulturalną na najbliższe lata.
"""
# The tests that read the repository's content/ as a whole. The others take the five seeds by
# name (``copy_seed_collection``), which a new clipping cannot reach: one of them shows that
# the copy still holds five. (Running every file that copies the seeds took two minutes.)
SAMPLE_READERS = [
    "tests/test_seed_records.py",
    "tests/test_data_package.py",
    "tests/test_init.py",
    "tests/test_cli.py::test_inspect_prints_a_table_of_the_seed_records",
]


def test_a_clipping_added_with_sitegen_new_breaks_no_test(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    ignore = shutil.ignore_patterns("__pycache__", "*.egg-info", ".hypothesis")
    for name in ("src", "tests", "tools", "content"):
        shutil.copytree(REPO_ROOT / name, repo / name, ignore=ignore)
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(REPO_ROOT / name, repo / name)
    clipping = tmp_path / "clipping.txt"
    clipping.write_text(CLIPPING, encoding="utf-8")
    added = python(repo, "-m", "sitegen", "new", "--from-file", str(clipping))
    assert added.returncode == 0, added.stderr
    assert len(list((repo / "content" / "sources").glob("*.txt"))) == 6
    suite = python(repo, "-m", "pytest", "-q", "-p", "no:cacheprovider", *SAMPLE_READERS)
    assert suite.returncode == 0, suite.stdout[-3000:]


def python(repo: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Python run in the copy ``repo``, importing its own ``src/``."""
    env = {**os.environ, "PYTHONPATH": str(repo / "src")}
    return subprocess.run(
        [sys.executable, *args],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
