"""The package's layers: each subpackage imports only the ones before it (``sitegen/*/``).

``core`` → ``load`` → ``model`` → ``render`` → ``outputs`` → ``engine`` → ``commands``.
Imports inside functions count too: a late import is still a dependency.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import sitegen

PACKAGE = Path(sitegen.__file__).resolve().parent
LAYERS = ("core", "load", "model", "render", "outputs", "engine", "commands")


def layer_of(module: str) -> str | None:
    """``sitegen.load.parsing.dates`` → ``load``; ``None`` outside the layers."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[0] == "sitegen" and parts[1] in LAYERS else None


def imported_modules(source: str, module: str) -> list[tuple[int, str]]:
    """Every sitegen module ``source`` imports, with its line: absolute and relative."""
    found: list[tuple[int, str]] = []
    package = module.rsplit(".", 1)[0]
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                base = f"{anchor}.{base}" if base else anchor
            found += [(node.lineno, f"{base}.{alias.name}") for alias in node.names]
            found.append((node.lineno, base))
    return [(line, name) for line, name in found if name.startswith("sitegen.")]


def wrong_way_imports(source: str, module: str) -> list[str]:
    """``line: imports X`` for each import of a later layer than ``module``'s own."""
    own = layer_of(module)
    if own is None:
        return []
    problems = []
    for line, name in imported_modules(source, module):
        other = layer_of(name)
        if other is not None and LAYERS.index(other) > LAYERS.index(own):
            problems.append(f"{module}:{line}: imports {name} ({other} comes after {own})")
    return problems


def package_modules() -> list[tuple[str, Path]]:
    modules = []
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE.parent).with_suffix("")
        modules.append((".".join(relative.parts), path))
    return modules


def test_every_module_lives_in_a_layer() -> None:
    outside = [
        name
        for name, _ in package_modules()
        if layer_of(name) is None and name not in ("sitegen.__init__", "sitegen.__main__")
    ]
    assert outside == []


def test_no_layer_imports_a_later_one() -> None:
    problems = [
        problem
        for name, path in package_modules()
        for problem in wrong_way_imports(path.read_text(encoding="utf-8"), name)
    ]
    assert problems == []


@pytest.mark.parametrize(
    ("source", "module"),
    [
        ("from sitegen.engine.build import build_site\n", "sitegen.load.loader"),
        ("def f():\n    from sitegen.render import views\n", "sitegen.core.records"),
        ("import sitegen.commands.cli\n", "sitegen.model.site"),
        ("from ...outputs import feeds\n", "sitegen.load.parsing.dates"),
    ],
)
def test_a_wrong_way_import_is_caught(source: str, module: str) -> None:
    assert len(wrong_way_imports(source, module)) >= 1


def test_imports_of_earlier_layers_are_fine() -> None:
    source = "from sitegen.core.records import ArticleRecord\nfrom sitegen.load import loader\n"
    assert wrong_way_imports(source, "sitegen.render.views") == []


def test_layer_packages_import_nothing_when_imported() -> None:
    """A no-op build imports only what it needs: ``__init__.py`` files hold no imports."""
    for layer in LAYERS:
        tree = ast.parse((PACKAGE / layer / "__init__.py").read_text(encoding="utf-8"))
        assert not [n for n in ast.walk(tree) if isinstance(n, ast.Import | ast.ImportFrom)]
