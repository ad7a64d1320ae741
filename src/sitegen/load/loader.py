"""Load a collection: ``content/`` → configuration, catalogue and article records.

This is the loader stage as one call; it reads files and reports every problem
in the ``Diagnostics`` it returns instead of raising.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import cast

from sitegen.core.errors import Diagnostics, Problem
from sitegen.core.parallel import map_items
from sitegen.core.records import ArticleRecord
from sitegen.load.assemble import Context, assemble_record
from sitegen.load.config import SiteConfig, load_config
from sitegen.load.entities import Catalogue, load_catalogue
from sitegen.load.found_entities import link_surnames
from sitegen.load.gazetteer import Gazetteer
from sitegen.load.memo import (
    MemoEntry,
    RecordMemo,
    SourceMemo,
    pickled_entry,
    unpickled_entry,
)
from sitegen.load.sidecar import Sidecar, parse_sidecar, sidecar_path
from sitegen.load.slugs import assign_slugs
from sitegen.load.sources import discover_sources, is_inside, read_source


@dataclass(frozen=True)
class Collection:
    root: Path
    """The content folder; raw sources are in ``root / "sources" / record.source.file``."""
    config: SiteConfig
    catalogue: Catalogue
    records: tuple[ArticleRecord, ...]
    """Sorted by date (undated last), then id."""
    diagnostics: Diagnostics


def load_collection(
    content_dir: Path,
    memo: SourceMemo | None = None,
    jobs: int | None = None,
    progress: Callable[[str, int], Callable[[int], None]] | None = None,
) -> Collection:
    """Read ``content_dir`` (site.yaml, entities.yaml, sources/) into records.

    Raises ``ConfigError`` for an unusable site.yaml; every content problem is
    in the returned diagnostics, and every readable source still yields a record.
    With ``memo`` (the last build's, from the cache) a source whose bytes,
    sidecar, gazetteer and configuration are unchanged is not parsed again; on
    return ``memo`` holds exactly the entries of this collection. Sources are
    parsed by up to ``jobs`` processes; ``progress(label, total)`` gives the
    callback that counts them.
    """
    diagnostics = Diagnostics()
    config = load_config(content_dir / "site.yaml")
    catalogue = load_catalogue(content_dir / "entities.yaml", diagnostics)
    context = _reading_context(config, catalogue)
    records: list[ArticleRecord] = []
    sources_dir = content_dir / "sources"
    paths = discover_sources(sources_dir, diagnostics)
    keys = [memo.key((path, sidecar_path(path))) if memo else str(path) for path in paths]
    known = memo.entries if memo is not None else {}
    kept: list[MemoEntry | None] = [None] * len(keys)

    def take_kept() -> None:
        # While the workers read the changed sources: at 10,000 articles an edit unpickled
        # the others (0.75 s) before it started them. None: not kept, or not unpicklable.
        kept[:] = [known.get(key) for key in keys]

    def parse(indices: list[int], meanwhile: Callable[[], None] | None = None) -> None:
        def one(number: int) -> bytes:
            found = Diagnostics()
            entry = MemoEntry(_load_one(paths[indices[number]], context, found), tuple(found.items))
            return pickled_entry(entry)  # as the build cache keeps it (SourceMemo.read)

        advance = progress("sources", len(indices)) if progress else None
        # Isolated: the models a parse loads (language, names) are not kept for the whole
        # build when an edit re-reads one source.
        pickles = map_items(one, len(indices), jobs, advance, isolated=True, meanwhile=meanwhile)
        for index, data in zip(indices, pickles, strict=True):
            kept[index] = unpickled_entry(data)
            if memo is not None:
                memo.read[keys[index]] = data

    parse([index for index, key in enumerate(keys) if key not in known], take_kept)
    damaged = [index for index, entry in enumerate(kept) if entry is None]
    if damaged:  # kept, but it could not be unpickled: read again
        parse(damaged)
    used: RecordMemo = {}
    for key, entry in zip(keys, cast(list[MemoEntry], kept), strict=True):
        used[key] = entry
        diagnostics.items.extend(entry.diagnostics)
        if entry.record is not None:
            records.append(entry.record)
    if memo is not None:
        memo.entries.clear()
        memo.entries.update(used)
    _report_orphan_sidecars(sources_dir, diagnostics)
    records = assign_slugs(link_surnames(records), diagnostics, sources_dir)
    records.sort(key=lambda r: r.sort_key)
    return Collection(content_dir, config, catalogue, tuple(records), diagnostics)


def load_source(content_dir: Path, path: Path) -> tuple[ArticleRecord | None, Diagnostics]:
    """Read one source and its sidecar as ``load_collection`` would, without the others.

    The record's slug is left as it is: telling equal headlines apart needs the
    whole collection. ``sitegen new`` uses this to show what the loader finds.
    """
    diagnostics = Diagnostics()
    config = load_config(content_dir / "site.yaml")
    catalogue = load_catalogue(content_dir / "entities.yaml", diagnostics)
    record = _load_one(path, _reading_context(config, catalogue), diagnostics)
    return record, diagnostics


def _reading_context(config: SiteConfig, catalogue: Catalogue) -> Context:
    return Context(
        catalogue=catalogue,
        gazetteer=Gazetteer(catalogue),
        content_languages=config.content_languages,
        label_language=config.default_language,
    )


def _load_one(path: Path, context: Context, diagnostics: Diagnostics) -> ArticleRecord | None:
    source = read_source(path, diagnostics)
    if source is None:
        return None
    sidecar = Sidecar()
    side = sidecar_path(path)
    if side.is_file() and is_inside(side, path.parent):  # discover_sources reported the others
        try:
            sidecar, problems = parse_sidecar(side.read_text(encoding="utf-8-sig"))
        except (OSError, UnicodeDecodeError) as exc:
            problems = [Problem(None, f"cannot read the sidecar: {exc}", "error")]
        diagnostics.report(side, problems)
    try:
        record, problems = assemble_record(source, sidecar, context)
    except RecursionError:  # pragma: no cover - the parsers recurse nowhere; a guard, not a path
        diagnostics.error(path, None, "the text is nested too deeply to read")
        return None
    diagnostics.report(path, problems)
    return record


def _report_orphan_sidecars(sources_dir: Path, diagnostics: Diagnostics) -> None:
    if not sources_dir.is_dir():
        return
    for side in sorted(sources_dir.glob("*.yaml")):
        if not side.with_suffix(".txt").exists():
            diagnostics.warning(side, None, f"sidecar without a source: no {side.stem}.txt")
