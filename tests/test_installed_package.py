"""The README's quick start, with sitegen installed from its wheel and no repository file.

The wheel is built from ``src/`` and installed into a virtual environment of its
own (its dependencies come from the test environment), so a theme file, a
starter file or a translation missing from the package's data fails here,
where an editable install would hide it.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from lxml import html

from tests.loader_fixtures import tree_digests

REPO_ROOT = Path(__file__).resolve().parent.parent
BASE_URL = "https://curator.github.io/archive/"
CLIPPING = """\
Ministerstwo Spraw Zagranicznych

Wiadomości

Data publikacji: 14.03.2024

Konsultacje polityczne Polski i Uzbekistanu w Taszkencie

Wiceminister spraw zagranicznych przeprowadził w Taszkencie konsultacje polityczne \
z zastępcą ministra spraw zagranicznych Uzbekistanu. Rozmowy dotyczyły współpracy \
gospodarczej, transportu i edukacji.

Strony uzgodniły kolejne spotkanie w Warszawie jesienią.

Drukuj
Udostępnij
"""
HEADLINE = "Konsultacje polityczne Polski i Uzbekistanu w Taszkencie"


@dataclass(frozen=True)
class Installed:
    bin: Path
    """The virtual environment's ``bin/``, with its own ``sitegen``."""

    def run(self, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
        env = {**os.environ, "PATH": f"{self.bin}{os.pathsep}{os.environ['PATH']}"}
        env.pop("PYTHONPATH", None)
        return subprocess.run(
            [str(self.bin / "sitegen"), *args],
            cwd=cwd,
            env=env,
            capture_output=True,
            text=True,
            check=False,
            timeout=300,
        )

    def ok(self, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
        result = self.run(*args, cwd=cwd)
        assert result.returncode == 0, f"sitegen {' '.join(args)}:\n{result.stderr}"
        return result


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Installed:
    work = tmp_path_factory.mktemp("wheel")
    project = work / "project"
    shutil.copytree(REPO_ROOT / "src", project / "src", ignore=shutil.ignore_patterns("*.pyc"))
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(REPO_ROOT / name, project / name)
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "-q"]
    subprocess.run([*pip, "wheel", "--no-deps", "-w", str(work / "dist"), str(project)], check=True)
    (wheel,) = (work / "dist").glob("sitegen-*.whl")
    venv = work / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--system-site-packages", str(venv)], check=True)
    venv_pip = [str(venv / "bin" / "python"), "-m", "pip", "--disable-pip-version-check", "-q"]
    subprocess.run([*venv_pip, "install", "--no-deps", "--no-index", str(wheel)], check=True)
    where = subprocess.run(
        [str(venv / "bin" / "python"), "-c", "import sitegen; print(sitegen.__file__)"],
        cwd=work,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert Path(where).is_relative_to(venv), f"the test imports {where}, not the wheel"
    return Installed(venv / "bin")


def article_addresses(site: Path) -> list[str]:
    return sorted(p.name for p in (site / "articles").glob("*.html"))


def edit_sidecar(archive: Path, **values: object) -> None:
    (sidecar,) = (archive / "content" / "sources").glob("*.yaml")
    data = yaml.safe_load(sidecar.read_text(encoding="utf-8")) or {}
    data.update(values)
    sidecar.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")


@pytest.fixture(scope="module")
def archive(installed: Installed, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The quick start's first steps: init, add a clipping, build, check."""
    home = tmp_path_factory.mktemp("curator")
    installed.ok("init", "my-archive", cwd=home)
    clipping = home / "clipping.txt"
    clipping.write_text(CLIPPING, encoding="utf-8")
    archive = home / "my-archive"
    added = installed.ok("new", "--from-file", str(clipping), cwd=archive)
    assert "copied" in added.stdout
    return archive


def test_a_new_archive_builds_and_checks_with_the_installed_package(
    installed: Installed, archive: Path
) -> None:
    (source,) = (archive / "content" / "sources").glob("*.txt")
    assert source.name.startswith("001_konsultacje-polityczne-polski")
    built = installed.ok("build", "--strict", "--base-url", BASE_URL, cwd=archive)
    assert "built" in built.stderr
    checked = installed.ok("check", "--base-url", BASE_URL, cwd=archive)
    assert "0 problem(s)" in checked.stderr
    page = html.fromstring((archive / "build" / "index.html").read_bytes())
    assert HEADLINE in page.text_content()
    assert article_addresses(archive / "build") == [
        "konsultacje-polityczne-polski-i-uzbekistanu-w-taszkencie.html"
    ]


def test_a_title_correction_keeps_the_address(installed: Installed, archive: Path) -> None:
    installed.ok("build", "--base-url", BASE_URL, cwd=archive)
    before = article_addresses(archive / "build")
    edit_sidecar(archive, title="Konsultacje polityczne w Taszkencie (14 marca 2024)")
    installed.ok("build", "--strict", "--base-url", BASE_URL, cwd=archive)
    assert article_addresses(archive / "build") == before
    page = (archive / "build" / "articles" / before[0]).read_text(encoding="utf-8")
    assert "Konsultacje polityczne w Taszkencie (14 marca 2024)" in page
    assert "0 problem(s)" in installed.ok("check", "--base-url", BASE_URL, cwd=archive).stderr


def test_a_slug_change_leaves_a_working_redirect(installed: Installed, archive: Path) -> None:
    installed.ok("build", "--base-url", BASE_URL, cwd=archive)
    (old,) = article_addresses(archive / "build")
    edit_sidecar(archive, slug="konsultacje-w-taszkencie", aliases=[old.removesuffix(".html")])
    installed.ok("build", "--strict", "--base-url", BASE_URL, cwd=archive)
    assert "konsultacje-w-taszkencie.html" in article_addresses(archive / "build")
    redirect = html.fromstring((archive / "build" / "articles" / old).read_bytes())
    refresh = redirect.xpath("//meta[@http-equiv='refresh']/@content")[0]
    assert re.fullmatch(r"0; ?url=konsultacje-w-taszkencie\.html", refresh)
    assert redirect.xpath("//a/@href") == ["konsultacje-w-taszkencie.html"]
    assert "0 problem(s)" in installed.ok("check", "--base-url", BASE_URL, cwd=archive).stderr


@contextlib.contextmanager
def serving(installed: Installed, archive: Path) -> Iterator[str]:
    """``sitegen serve`` on a free loopback port; yields its address."""
    env = {**os.environ, "PATH": f"{installed.bin}{os.pathsep}{os.environ['PATH']}"}
    process = subprocess.Popen(
        [str(installed.bin / "sitegen"), "serve", "--port", "0"],
        cwd=archive,
        env=env,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stderr is not None
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            line = process.stderr.readline()
            found = re.match(r"serving (http://127\.0\.0\.1:\d+/)", line)
            if found:
                yield found.group(1)
                return
            assert line or process.poll() is None, "sitegen serve stopped"
        raise AssertionError("sitegen serve did not start")
    finally:
        process.send_signal(signal.SIGINT)
        process.wait(timeout=30)
        process.stderr.close()


def test_serve_previews_without_touching_build(installed: Installed, archive: Path) -> None:
    installed.ok("build", "--base-url", BASE_URL, cwd=archive)
    before = tree_digests(archive / "build")
    with (
        serving(installed, archive) as address,
        urllib.request.urlopen(address + "index.html", timeout=30) as response,
    ):
        assert response.status == 200
        assert HEADLINE.split(maxsplit=1)[0] in response.read().decode("utf-8")
    assert tree_digests(archive / "build") == before
    assert (archive / ".sitegen-cache" / "preview" / "index.html").is_file()
