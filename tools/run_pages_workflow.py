"""Run the Build and Check steps of an archive's Pages workflow here, as GitHub would.

    python tools/run_pages_workflow.py ARCHIVE [--base-url URL]

``sitegen init`` writes ``.github/workflows/pages.yml``; this reads it and runs
the ``run:`` command of its Build and Check steps in ``ARCHIVE``, with the
address ``actions/configure-pages`` would give (``--base-url``). ``.ci/run``
uses it on a fresh archive, so the workflow an archive gets is the one tested.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

import yaml

STEPS = ("Build", "Check")
PAGES_BASE_URL = "${{ steps.pages.outputs.base_url }}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("archive", type=Path)
    parser.add_argument("--base-url", default="https://curator.github.io/archive/")
    args = parser.parse_args()
    workflow = yaml.safe_load((args.archive / ".github/workflows/pages.yml").read_text())
    steps = {step.get("name"): step for step in workflow["jobs"]["build"]["steps"]}
    for name in STEPS:
        command = steps[name]["run"].replace(PAGES_BASE_URL, args.base_url)
        print(f"$ {command}", flush=True)
        if subprocess.run(command, shell=True, cwd=args.archive, check=False).returncode:
            print(f"the workflow's {name} step failed", file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
