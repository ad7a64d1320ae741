"""The code stays typed, tidy and installable: ruff and mypy --strict run as part of the suite."""

from __future__ import annotations

import ast
import importlib.metadata
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _run(*command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)


@pytest.mark.parametrize(
    "command",
    [
        ("ruff", "check", "."),
        ("ruff", "format", "--check", "."),
    ],
    ids=["ruff-check", "ruff-format"],
)
def test_ruff_is_clean(command: tuple[str, ...]) -> None:
    assert shutil.which("ruff"), "ruff is part of the test extra: pip install -e '.[test]'"
    result = _run(*command)
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_strict_is_clean() -> None:
    result = _run(sys.executable, "-m", "mypy")
    assert result.returncode == 0, result.stdout + result.stderr


def test_package_ships_type_marker() -> None:
    assert (ROOT / "src" / "sitegen" / "py.typed").is_file()


def test_every_package_sitegen_imports_is_a_runtime_dependency() -> None:
    """A plain ``pip install sitegen`` runs every command: no import needs the test extra."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    declared = {_distribution_key(_requirement_name(line)) for line in project["dependencies"]}
    providers = importlib.metadata.packages_distributions()
    undeclared = {
        module: providers.get(module, ["(not installed)"])
        for module in _third_party_imports(ROOT / "src" / "sitegen")
        if not {_distribution_key(name) for name in providers.get(module, [])} & declared
    }
    assert undeclared == {}, "add these to [project] dependencies in pyproject.toml"


def _third_party_imports(package: Path) -> set[str]:
    """The top-level names of every module imported under ``package`` outside the stdlib."""
    names: set[str] = set()
    for source in package.rglob("*.py"):
        for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names.update(alias.name.partition(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names.add(node.module.partition(".")[0])
    return names - set(sys.stdlib_module_names) - {"sitegen", "__future__"}


def _requirement_name(requirement: str) -> str:
    """``"lxml>=5,<7"`` → ``"lxml"``."""
    return re.split(r"[\s<>=!~;\[(@]", requirement, maxsplit=1)[0]


def _distribution_key(name: str) -> str:
    """A distribution's name as the package index compares them (PEP 503)."""
    return re.sub(r"[-_.]+", "-", name).lower()
