"""The search index, checked as the search page will read it.

The page loads ``search/manifest.js`` and, from what it names, the index files a query
needs; no HTML links to those. So the checker follows the same chain: every file the
manifest (and each display block, for the texts) names must exist and parse, and the
files it reaches count as reachable, not as orphans. Problems are ``(path, message)``
pairs, as in ``check_addresses``.
"""

from __future__ import annotations

from pathlib import Path

from sitegen.core import urls
from sitegen.outputs.search.index import (
    display_blocks,
    manifest_files,
    read_data,
    read_manifest,
    text_file,
)


def search_index_files(
    output_dir: Path, files: frozenset[str]
) -> tuple[set[str], list[tuple[str, str]]]:
    """The index files the manifest leads to, and what is missing or broken on the way."""
    if urls.SEARCH_MANIFEST not in files:
        return set(), []
    try:
        manifest = read_manifest(_read(output_dir, urls.SEARCH_MANIFEST))
        named = manifest_files(manifest)
        blocks = set(display_blocks(manifest))
    except (ValueError, KeyError, TypeError) as error:
        return set(), [(urls.SEARCH_MANIFEST, f"is not a search manifest: {error}")]
    problems: list[tuple[str, str]] = []
    reached = {urls.SEARCH_MANIFEST}
    for path in named:
        if path not in files:
            problems.append((urls.SEARCH_MANIFEST, f"names a missing file {path}"))
            continue
        reached.add(path)
        try:
            _key, value = read_data(_read(output_dir, path))
        except ValueError as error:
            problems.append((path, f"is not a search index file: {error}"))
            continue
        if path in blocks:
            for row in value:
                text = text_file(row)
                if text in files:
                    reached.add(text)
                else:
                    problems.append((path, f"names a missing file {text}"))
    return reached, problems


def _read(output_dir: Path, path: str) -> str:
    return (output_dir / path).read_text(encoding="utf-8")
