"""Pathological sizes and shapes build, or fail with a clear error, in bounded time and memory.

Each case is a whole ``sitegen build`` in a subprocess under a wall-clock timeout
and an address-space limit. The limits are generous on purpose (these machines
are shared and noisy): they catch a quadratic or exponential stage, not a slow
second. Measured on two cores (whole build, wall clock, 2.5 s of it start-up): 5 MB
line 6.6–9.3 s and 435 MB RSS; one repeated character, 18 files of 1 MB, 8.9 s; nested
quotes 4.5 s; brackets 1.7 s; YAML bombs 1.6 s; 1,000 tiny files 4.3 s; 10,000 tiny
files 83 s and 438 MB, so that size runs only with ``SITEGEN_TINY_FILES=10000``.
"""

from __future__ import annotations

import os
import re
import resource
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

import sitegen
from tests.site_fixtures import TEMPLATES

TIMEOUT_SECONDS = 60
MEMORY_LIMIT = 2 * 1024**3
"""Address space of the build process: five times what the 5 MB case needs."""
TINY_FILES = int(os.environ.get("SITEGEN_TINY_FILES", "1000"))
MB = 1_000_000
_DIAGNOSTIC = re.compile(r"^\S.*?(:\d+)?: (error|warning): \S.*$")

Files = dict[str, bytes]


def five_mb_line() -> Files:
    sentence = "Delegacja z Kazachstanu rozmawiała w ONZ o bezpieczeństwie 19 czerwca 2018 r. "
    line = (sentence * (5 * MB // len(sentence) + 1))[: 5 * MB]
    return {"line.txt": line.encode(), "line.yaml": f"notes: {'uwaga ' * 100_000}\n".encode()}


def nested_quotes() -> Files:
    deep = "## Cytaty\n\n" + ">" * 20_000 + " najgłębszy cytat\n\n"
    ladder = "".join(">" * depth + " cytat\n" for depth in range(1, 20_001, 20))
    return {"quotes.txt": (deep + ladder).encode()}


def unbalanced_brackets() -> Files:
    lines = ["## Nawiasy", "", "[" * 10_000, "]" * 10_000, "(" * 10_000, "](" * 10_000]
    lines += ["[a](x" * 10_000, "<http://" * 10_000, "*_" * 10_000 + "a" + "_*" * 10_000]
    lines += ["_a " * 10_000, "`a " * 10_000, "**" * 10_000]
    return {"brackets.txt": "\n\n".join(lines).encode()}


def repeated_characters() -> Files:
    characters = "a*_[]<>#-.`\\=1(|!Ł"
    return {f"char-{index:02d}.txt": (char * MB).encode() for index, char in enumerate(characters)}


def tiny_files() -> Files:
    return {f"t{index:05d}.txt": f"Notatka {index}.\n".encode() for index in range(TINY_FILES)}


def hostile_yaml() -> Files:
    laughs = 'a: &a ["x","x","x","x","x","x","x","x","x"]\n' + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{','.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(8)
    )
    return {
        "laughs.txt": b"## Tekst\n\nZwykly tekst.\n",
        "laughs.yaml": (laughs + "date: *i\n").encode(),
        "deep.txt": b"## Tekst\n\nZwykly tekst.\n",
        "deep.yaml": ("tags: " + "[" * 5_000 + "]" * 5_000 + "\n").encode(),
        "digits.txt": b"## Tekst\n\nZwykly tekst.\n",
        "digits.yaml": ("date: " + "1" * 20_000 + "\n").encode(),
    }


@dataclass(frozen=True)
class Case:
    files: Callable[[], Files]
    refused: tuple[str, ...] = ()
    """Files the build must name in an error (and then fail); none: it must succeed."""


CASES = {
    "a 5 MB single line": Case(five_mb_line),
    "20,000 nested quotes": Case(nested_quotes),
    "10,000 unbalanced brackets and emphasis marks": Case(unbalanced_brackets),
    "files of one repeated character": Case(repeated_characters),
    f"{TINY_FILES} tiny files": Case(tiny_files),
    "YAML bombs: aliases, deep nesting, a huge number": Case(
        hostile_yaml, ("laughs.yaml", "deep.yaml", "digits.yaml")
    ),
}


@dataclass(frozen=True)
class Outcome:
    returncode: int
    stderr: str
    seconds: float


def build_in_subprocess(root: Path) -> Outcome:
    """``sitegen build`` of ``root/content`` under the time and memory limits."""

    def limit_memory() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))

    # The code under test, whether installed or on PYTHONPATH.
    source_root = str(Path(sitegen.__file__).resolve().parents[1])
    paths = [source_root, *filter(None, os.environ.get("PYTHONPATH", "").split(os.pathsep))]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(paths)}
    started = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-m", "sitegen", "build", "--quiet", "--templates", str(TEMPLATES)],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=TIMEOUT_SECONDS,
        preexec_fn=limit_memory,
        check=False,
    )
    return Outcome(result.returncode, result.stderr, time.monotonic() - started)


@pytest.mark.parametrize("name", list(CASES))
def test_pathological_input_builds_or_fails_clearly_in_bounded_time(
    name: str, tmp_path: Path
) -> None:
    case = CASES[name]
    sources = tmp_path / "content" / "sources"
    sources.mkdir(parents=True)
    (tmp_path / "content" / "site.yaml").write_text("base_url: https://example.org/\n")
    files = case.files()
    for file_name, content in files.items():
        (sources / file_name).write_bytes(content)

    outcome = build_in_subprocess(tmp_path)  # raises TimeoutExpired past the limit

    assert "Traceback" not in outcome.stderr and "MemoryError" not in outcome.stderr
    for line in outcome.stderr.splitlines():
        assert _DIAGNOSTIC.match(line), f"not a path:line: message line: {line[:200]!r}"
    if case.refused:
        assert outcome.returncode == 1, outcome.stderr[-2000:]
        named = {Path(line.split(":")[0]).name for line in outcome.stderr.splitlines()}
        assert set(case.refused) <= named, outcome.stderr[-2000:]
        assert not (tmp_path / "build").exists()
        return
    assert outcome.returncode == 0, outcome.stderr[-2000:]
    texts = [file_name for file_name in files if file_name.endswith(".txt")]
    for file_name in texts:
        assert (tmp_path / "build" / "sources" / file_name).stat().st_size == len(files[file_name])
    articles = list((tmp_path / "build" / "articles").glob("*.html"))
    assert len(articles) == len(texts)
