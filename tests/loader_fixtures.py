"""Small collections written into ``tmp_path`` for the loader's tests.

``make_collection(tmp_path, sources={"a": "## Tytuł\\n\\nTekst."})`` writes
``content/sources/a.txt`` (plus ``site.yaml`` and a small ``entities.yaml``)
and returns the content folder; ``load`` also loads it.
"""

from __future__ import annotations

import hashlib
import re
import shutil
import unicodedata
from collections.abc import Mapping
from pathlib import Path

from sitegen.core.errors import Diagnostic
from sitegen.core.records import ArticleRecord
from sitegen.load.loader import Collection, load_collection

REPO_ROOT = Path(__file__).resolve().parent.parent
SEED_CONTENT = REPO_ROOT / "content"
"""The repository's sample collection: the five seeds, and whatever a curator adds to it."""
SEED_NAMES = (
    "000_487bd26bd6df34d4",
    "001_e4617cc254c662f3",
    "002_86cc7b07a9dd7307",
    "003_764c7f4a0726382e",
    "004_0de1820f97266a22",
)

MINIMAL_SITE = """\
title:
  pl: Archiwum testowe
  en: Test archive
description: Kolekcja do testów
base_url: https://example.org/
languages: [pl, en]
default_language: pl
content_languages: [pl, en, ru]
"""

SMALL_ENTITIES = """\
kazakhstan:
  kind: country
  label: {pl: Kazachstan, en: Kazakhstan}
  names: [Kazachstan]
  forms: [Kazakhstan]
security:
  kind: topic
  label: {pl: Bezpieczeństwo, en: Security}
  forms: [bezpieczeństwo, bezpieczeństwa]
"""

GOOD_POLISH = """\
## Wizyta ministra w Kazachstanie

12.03.2021

Minister spotkał się w Astanie z przedstawicielami władz Kazachstanu. Rozmowy dotyczyły \
bezpieczeństwa regionu.

Delegacja wróciła do kraju po trzech dniach.
"""

GOOD_ENGLISH = """\
## Minister visits Kazakhstan

24 November 2024

The minister met officials of Kazakhstan in Astana. The talks concerned regional security.

The delegation returned home after three days.
"""


def copy_seed_collection(root: Path) -> Path:
    """``root/content``: the five seeds of ``content/`` only, with their sidecars and checksums.

    Tests that need the sample collection use this copy, so a clipping a curator adds to
    the repository's ``content/`` (``sitegen new``) changes no test's outcome.
    """
    content = root / "content"
    shutil.copytree(
        SEED_CONTENT, content, ignore=shutil.ignore_patterns("sources", "SHA256SUMS", ".*")
    )
    (content / "sources").mkdir()
    sums = []
    for name in SEED_NAMES:
        for suffix in (".txt", ".yaml"):
            source = SEED_CONTENT / "sources" / f"{name}{suffix}"
            if source.is_file():
                shutil.copy2(source, content / "sources" / source.name)
    for line in (SEED_CONTENT / "SHA256SUMS").read_text(encoding="utf-8").splitlines():
        if line.split("  ", 1)[-1].removesuffix(".txt") in SEED_NAMES:
            sums.append(line)
    (content / "SHA256SUMS").write_text("\n".join(sums) + "\n", encoding="utf-8")
    return content


def make_collection(
    tmp_path: Path,
    sources: Mapping[str, str | bytes] | None = None,
    sidecars: Mapping[str, str] | None = None,
    entities: str | None = SMALL_ENTITIES,
    site: str | None = MINIMAL_SITE,
) -> Path:
    """Write a content folder under ``tmp_path`` and return its path.

    ``sources`` and ``sidecars`` are keyed by the file's stem (``"a"`` → ``a.txt``,
    ``a.yaml``); text is written as UTF-8 exactly as given (no newline translation),
    bytes as they are. ``entities``/``site`` of ``None`` leave the file out.
    """
    content = tmp_path / "content"
    sources_dir = content / "sources"
    sources_dir.mkdir(parents=True, exist_ok=True)
    for stem, body in (sources or {}).items():
        raw = body if isinstance(body, bytes) else body.encode("utf-8")
        (sources_dir / f"{stem}.txt").write_bytes(raw)
    for stem, body in (sidecars or {}).items():
        (sources_dir / f"{stem}.yaml").write_bytes(body.encode("utf-8"))
    if entities is not None:
        (content / "entities.yaml").write_bytes(entities.encode("utf-8"))
    if site is not None:
        (content / "site.yaml").write_bytes(site.encode("utf-8"))
    return content


def load(
    tmp_path: Path,
    sources: Mapping[str, str | bytes] | None = None,
    sidecars: Mapping[str, str] | None = None,
    entities: str | None = SMALL_ENTITIES,
    site: str | None = MINIMAL_SITE,
) -> Collection:
    """``make_collection`` then ``load_collection``."""
    return load_collection(make_collection(tmp_path, sources, sidecars, entities, site))


def record_by_id(collection: Collection, record_id: str) -> ArticleRecord:
    matches = [r for r in collection.records if r.id == record_id]
    assert matches, f"no record {record_id!r}; have {[r.id for r in collection.records]}"
    return matches[0]


def diagnostics_for(collection: Collection, filename: str) -> list[Diagnostic]:
    """The problems reported for one file (matched by its name)."""
    return [d for d in collection.diagnostics.items if Path(d.path).name == filename]


def messages(diagnostics: list[Diagnostic]) -> str:
    return "\n".join(str(d) for d in diagnostics)


def normalise_text(text: str) -> str:
    """Text as a reader compares it: NFC, no Markdown marks, single spaces, casefolded."""
    text = unicodedata.normalize("NFC", text)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"[*_#>`•\[\]]", "", text)
    return " ".join(text.split()).casefold()


def tree_digests(folder: Path) -> dict[str, str]:
    """Each file under ``folder`` (POSIX path) and the SHA-256 of its bytes."""
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }
