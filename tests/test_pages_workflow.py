"""``.github/workflows/pages.yml`` runs the README's commands, in order, and deploys ``build/``."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
WORKFLOW = ROOT / ".github" / "workflows" / "pages.yml"


@pytest.fixture(scope="module")
def workflow() -> dict[Any, Any]:
    loaded = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    assert isinstance(loaded, dict)
    return loaded


def readme_commands() -> list[str]:
    """The commands of the README's opening ``sh`` blocks: install and build, install and test."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```sh\n(.*?)\n```", readme, re.DOTALL)
    return [part.strip() for block in blocks[:2] for part in block.split("&&")]


def steps_of(job: dict[str, Any]) -> list[dict[str, Any]]:
    steps = job["steps"]
    assert isinstance(steps, list)
    return steps


def runs(job: dict[str, Any]) -> list[str]:
    return [str(step["run"]) for step in steps_of(job) if "run" in step]


def test_the_readme_commands_are_what_the_workflow_runs(workflow: dict[Any, Any]) -> None:
    commands = readme_commands()
    assert commands == ["pip install -e .", "sitegen build", "pip install -e '.[test]'", "pytest"]
    build_job = workflow["jobs"]["build"]
    lines = [line.strip() for run in runs(build_job) for line in run.splitlines()]
    parts = [part.strip() for line in lines for part in line.split("&&")]
    order = [
        next(i for i, part in enumerate(parts) if part == "pip install -e '.[test]'"),
        parts.index("pytest"),
        next(i for i, part in enumerate(parts) if part.startswith("sitegen build ")),
        next(i for i, part in enumerate(parts) if part.startswith("sitegen check ")),
    ]
    assert order == sorted(order), parts


def test_the_site_is_built_for_the_pages_url_and_checked(workflow: dict[Any, Any]) -> None:
    steps = steps_of(workflow["jobs"]["build"])
    configure = next(
        s for s in steps if str(s.get("uses", "")).startswith("actions/configure-pages@")
    )
    build = next(s["run"] for s in steps if str(s.get("run", "")).startswith("sitegen build"))
    assert f'--base-url "${{{{ steps.{configure["id"]}.outputs.base_url }}}}"' in build
    assert "--strict" in build
    check = next(s["run"] for s in steps if str(s.get("run", "")).startswith("sitegen check"))
    assert f'--base-url "${{{{ steps.{configure["id"]}.outputs.base_url }}}}"' in check
    upload = steps[-1]
    assert str(upload["uses"]).startswith("actions/upload-pages-artifact@")
    assert upload["with"]["path"] == "build"


def test_the_deploy_job_publishes_the_artifact_with_pages_permissions(
    workflow: dict[Any, Any],
) -> None:
    # PyYAML reads the bare key ``on`` as the boolean true.
    triggers = workflow["on" if "on" in workflow else True]
    assert triggers["push"]["branches"] == ["main"]
    assert workflow["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    deploy = workflow["jobs"]["deploy"]
    assert deploy["needs"] == "build"
    assert deploy["environment"]["name"] == "github-pages"
    (step,) = steps_of(deploy)
    assert str(step["uses"]).startswith("actions/deploy-pages@")
    assert deploy["environment"]["url"] == f"${{{{ steps.{step['id']}.outputs.page_url }}}}"
