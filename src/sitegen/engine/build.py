"""The only module that wires the stages together: load → model → pages → render → write.

``build_site`` writes every file into a staging folder and swaps it in only
when everything succeeded, so a content error, a path collision or Ctrl-C
leaves the previous site untouched. With the cache of the last build
(``cache.py``) a build with unchanged inputs does nothing (``build_options``),
and pages whose inputs did not change are not rendered again. Sources are read
and pages rendered by forked worker processes (``parallel.py``).
"""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path
from typing import NamedTuple

from sitegen.core import urls
from sitegen.core.collector import rare_collections
from sitegen.core.errors import ConfigError, Diagnostics
from sitegen.core.fingerprint import package_fingerprint, tree_fingerprint
from sitegen.core.parallel import map_items
from sitegen.core.records import ArticleRecord, Body
from sitegen.engine.addresses import article_addresses, lost_address_warnings, lost_addresses
from sitegen.engine.build_options import (
    BuildOptions,
    BuildReport,
    KeptRecords,
    stop_on_problems,
)
from sitegen.engine.cache import (
    FileEntry,
    Manifest,
    StoredMemo,
    load_harvard_references,
    load_links,
    load_record_memo,
    load_search_analyses,
    pickle_memo,
    save_file_hashes,
    save_harvard_references,
    save_links,
    save_manifest,
    save_record_memo,
    save_search_analyses,
)
from sitegen.engine.incremental import (
    CacheProbe,
    PageKeys,
    probe_cache,
    record_digests,
    reuse_or_make_page,
    source_memo,
)
from sitegen.engine.output import Content, SiteFiles, Writer, refuse_output_over, shown_path
from sitegen.engine.progress import BuildProgress, wanted
from sitegen.engine.segment_files import SegmentFiles
from sitegen.load.content_pages import load_content_pages
from sitegen.load.loader import Collection, load_collection
from sitegen.model.links import Links
from sitegen.model.site import EntityInfo, SiteModel
from sitegen.outputs.citation_files import (
    REFERENCE_FILES,
    article_references,
)
from sitegen.outputs.data_package import data_package_files
from sitegen.outputs.exports import record_exports
from sitegen.outputs.feeds import site_feeds
from sitegen.outputs.joined import Piece
from sitegen.outputs.search.analysis import Analyser
from sitegen.outputs.search.index import search_files
from sitegen.outputs.sitemap import robots_txt, sitemap_files
from sitegen.render.citation import (
    Blank,
    Reference,
    formatted_reference,
    formatted_references,
    harvard_key,
)
from sitegen.render.jinja import compile_templates, make_environment, render_page
from sitegen.render.pages import page_plans
from sitegen.render.theme import static_files, template_folders
from sitegen.render.views import Assets, Card

__all__ = ["BuildOptions", "BuildReport", "KeptRecords", "build_collection", "build_site"]

# Pages a set of workers renders before fresh ones take over: a worker copies the memory
# of the records it reads and would grow to a copy of them all (at 10,000 articles a cold
# build's peak fell from 700 to 620 MiB). Counted in pages rendered, not pages keyed: an
# edit renders few, and fresh workers would only make their caches again (0.5 s at 10,000).
RENEW_WORKERS_AFTER = 4000

# Static files whose name stays fixed: browsers ask for /favicon.ico by name.
FIXED_NAME_ASSETS = ("favicon.ico",)


def build_site(
    options: BuildOptions, probe: CacheProbe | None = None, kept: KeptRecords | None = None
) -> BuildReport:
    """Build the site from ``options.content_dir`` into ``options.output_dir``.

    Raises ``ContentError`` when loading found errors (or warnings under
    ``strict``) and ``ConfigError`` when the configuration is unusable.
    ``probe``: what ``probe_cache`` already found for these options; ``kept``: the
    records this process's last build read, replaced by this one's once it has read them.
    """
    started = time.monotonic()
    probe = probe or probe_cache(options)
    if probe.unchanged is not None:
        return probe.unchanged
    with rare_collections():
        return _build_site(options, probe, started, kept)


def _build_site(
    options: BuildOptions, probe: CacheProbe, started: float, kept: KeptRecords | None
) -> BuildReport:
    fingerprint, output_dir, previous = probe.fingerprint, probe.output_dir, probe.previous
    guarded = {"the content folder": options.content_dir, "the current folder": Path.cwd()}
    if options.local_templates is not None:
        guarded["the templates folder"] = options.local_templates
    refuse_output_over(options.output_dir, guarded)
    formatter = package_fingerprint()  # what the kept formatted references depend on
    unpickled = kept.take() if kept is not None else None
    stored = StoredMemo() if options.clean else load_record_memo(options.cache_dir, unpickled)
    del unpickled  # those the memo took are held there; the others are let go
    memo = source_memo(options.content_dir, stored.entries, probe.hashes)
    with BuildProgress(wanted(options.verbosity), started) as progress:
        collection = load_collection(options.content_dir, memo, options.jobs, progress.stage)
        if kept is not None:
            kept.entries = dict(memo.entries)  # exactly this collection's (load_collection)
        pickled = pickle_memo(memo.entries, {**stored.pickled, **memo.read})
        save_record_memo(options.cache_dir, pickled, stored)
        digests = record_digests(collection.records, memo.entries, pickled)
        del stored, pickled, memo  # 60 MB at 10,000 records, not to be held by the workers
        report = build_collection(
            collection,
            options,
            started,
            previous,
            progress,
            output_intact=probe.output_intact,
            digests=digests,
            links=None if options.clean else load_links(options.cache_dir),
            analyses=SearchAnalyses(options.cache_dir, known=not options.clean),
            known_references=(
                None if options.clean else load_harvard_references(options.cache_dir, formatter)
            ),
        )
    save_manifest(
        options.cache_dir,
        Manifest(str(output_dir), report.output, report.addresses, report.lost),
        fingerprint=fingerprint,
        pages=report.pages,
        diagnostics=report.diagnostics,
    )
    save_file_hashes(options.cache_dir, probe.hashes)
    if report.links is not None:
        save_links(options.cache_dir, report.links)
    save_harvard_references(options.cache_dir, formatter, report.harvard)
    return report


def build_collection(
    collection: Collection,
    options: BuildOptions,
    started: float | None = None,
    previous: Manifest | None = None,
    progress: BuildProgress | None = None,
    *,
    output_intact: bool = False,
    digests: Iterable[tuple[ArticleRecord, bytes]] = (),
    links: Links | None = None,
    analyses: SearchAnalyses | None = None,
    known_references: Mapping[str, str] | None = None,
) -> BuildReport:
    """Build from an already loaded collection (what ``build_site`` does after loading).

    With ``previous``, the manifest of the last build into the same folder, a page
    whose template set and context are unchanged is taken over instead of rendered.
    ``digests``: the records' digests, as ``record_digests`` gives them; ``links``: the
    last build's related articles and co-occurrence (``SiteModel.from_collection``);
    ``analyses``: where the search index's word analyses are kept (by default nowhere);
    ``known_references``: the last build's formatted references (``BuildReport.harvard``);
    ``output_intact``: the output folder is known to hold exactly ``previous``'s files
    (``CacheProbe.output_intact``), so an edit may be published in place.
    """
    started = time.monotonic() if started is None else started
    progress = progress or BuildProgress(enabled=False)
    local_templates = options.local_templates
    if local_templates is not None and not local_templates.is_dir():
        raise ConfigError(f"templates folder not found: {local_templates}")
    folders = template_folders(local_templates)
    config = collection.config.with_base_url(options.base_url)
    collection = replace(collection, config=config)
    diagnostics = Diagnostics()
    diagnostics.extend(collection.diagnostics)
    model = SiteModel.from_collection(collection, links)
    del links  # the model holds what it took: the rest is not to be held by the workers
    content_pages = load_content_pages(
        options.content_dir / "pages", config.default_language, diagnostics
    )
    if not config.base_url:
        diagnostics.warning(
            "site.yaml", None, "no base URL (site.yaml base_url or --base-url): no sitemap.xml"
        )
    stop_on_problems(diagnostics, options.strict)

    output_dir = options.output_dir.resolve()
    old_files = previous.files if previous else {}
    with SiteFiles(output_dir, old_files, intact=output_intact and previous is not None) as files:
        assets = add_static_assets(files, static_files(folders))
        env = make_environment(folders)
        compile_templates(env)
        references = article_references(model)
        harvard = _harvard_references(
            references, config.languages, known_references or {}, options.jobs, progress
        )
        plans = page_plans(model, assets, content_pages, harvard)
        keys = PageKeys(
            tree_fingerprint(local_templates or Path("-")) + package_fingerprint(),
            recurring=(ArticleRecord, Card),
            known=digests,
        )
        writer = files.writer
        outputs = output_jobs(
            model,
            references,
            collection.root / "sources",
            os.environ,
            analyses=analyses or SearchAnalyses(),
            record_digest=keys.digest_of,
        )

        def make(index: int) -> Made:
            if index < len(outputs):
                return Made(outputs[index](writer), rendered=0)
            plan = plans[index - len(outputs)]
            page = reuse_or_make_page(plan, writer, keys, partial(render_page, env))
            return Made([(page.path, page.entry)], rendered=int(page.rendered))

        Body.share(record.blocks for record in model.records)  # read by workers, not copied
        count = len(outputs) + len(plans)
        made = map_items(
            make,
            count,
            options.jobs,
            progress.stage("pages", count),
            heavy=len(outputs),
            renew=RENEW_WORKERS_AFTER,
            work=lambda made: made.rendered,
        )
        for path, entry in (made_file for group in made for made_file in group.files):
            files.record(path, entry)
        pages = [group.files[0][0] for group in made[len(outputs) :]]
        lost = lost_addresses(previous, set(pages), model.records)
        diagnostics.items += lost_address_warnings(
            lost, model.records, shown_path(output_dir), options.content_dir / "sources"
        )
        stop_on_problems(diagnostics, options.strict)  # before publishing: build/ unchanged
        if config.base_url:
            listed = [path for plan, path in zip(plans, pages, strict=True) if plan.listed]
            for path, text in sitemap_files(config.base_url, _sitemap_paths(listed)).items():
                files.add(path, text)
        files.add("robots.txt", robots_txt(config.base_url))
        published = files.publish()
    return BuildReport(
        pages=len(plans),
        files=len(published.entries),
        written_paths=published.written_paths,
        unchanged=published.unchanged,
        removed=published.removed,
        seconds=round(time.monotonic() - started, 3),
        diagnostics=diagnostics.sorted(),
        output=published.entries,
        addresses=article_addresses(model.records),
        lost=lost,
        links=None if model.links_taken_over else model.links(),
        harvard=harvard,
    )


def _harvard_references(
    references: Sequence[Reference],
    languages: Sequence[str],
    known: Mapping[str, str],
    jobs: int | None,
    progress: BuildProgress,
) -> dict[str, str]:
    """Each article's Harvard reference in each interface language, by ``harvard_key``.

    Made before the pages, on all cores, so that the next build has them all: a reference
    is the same for the same sitegen and citeproc-py (a third of the CPU of rendering
    every page again after a template edit); the last build's are taken where unchanged,
    and citeproc-py formats the others once per blank (``formatted_references``).
    """
    wanted = {harvard_key(r, lang): (r, lang) for r in references for lang in languages}
    missing = [key for key in wanted if key not in known]
    rounds = 0

    def format_blanks(blanks: Sequence[Blank]) -> list[str]:
        nonlocal rounds
        rounds += 1  # the bar follows the first round, which formats nearly all
        return map_items(
            lambda index: str(formatted_reference(*blanks[index])),
            len(blanks),
            jobs,
            progress.stage("references", len(blanks)) if rounds == 1 else None,
        )

    formatted = formatted_references([wanted[key] for key in missing], format_blanks)
    made = dict(zip(missing, formatted, strict=True))
    return {key: known.get(key) or made[key] for key in wanted}


def add_static_assets(files: SiteFiles, static: Mapping[str, Path]) -> Assets:
    """Copy the static files with content-hashed names; return the names pages link to."""
    names: dict[str, str] = {}
    for name, source in static.items():
        content = source.read_bytes()
        fixed = name in FIXED_NAME_ASSETS
        target = name if fixed else urls.static_path(urls.hashed_name(name, content))
        files.add(target, content)
        names[name] = target
    try:
        return Assets(
            stylesheet=names["site.css"],
            favicon_svg=names["favicon.svg"],
            favicon_ico=names["favicon.ico"],
            search_script=names["search.js"],
        )
    except KeyError as missing:
        raise ConfigError(f"no static file {missing} in the templates or the theme") from None


class Made(NamedTuple):
    """What one item of the build's map made: its files, and how many pages it rendered."""

    files: list[tuple[str, FileEntry]]
    rendered: int


OutputJob = Callable[[Writer], list[tuple[str, FileEntry]]]
"""Writes some of the site's files with the writer; returns what it wrote."""


@dataclass(frozen=True)
class SearchAnalyses:
    """Where the search index's word analyses are kept between builds, if anywhere."""

    cache_dir: Path | None = None
    """``None``: neither read nor kept (a build of a collection loaded elsewhere)."""
    known: bool = True
    """Whether the last build's are used (not under ``--clean``); this build's are kept anyway."""

    def search_files(
        self, model: SiteModel, record_digest: Callable[[ArticleRecord], bytes]
    ) -> Iterator[tuple[str, str]]:
        if self.cache_dir is None:
            return search_files(model)
        return self._with_cache(model, self.cache_dir, record_digest)

    def _with_cache(
        self, model: SiteModel, cache_dir: Path, record_digest: Callable[[ArticleRecord], bytes]
    ) -> Iterator[tuple[str, str]]:
        version = package_fingerprint()
        known = load_search_analyses(cache_dir, version) if self.known else None
        analyser = Analyser(known)
        segments = SegmentFiles(cache_dir, version, record_digest, read=self.known)
        yield from search_files(model, analyser, segments)
        segments.forget_the_rest()
        save_search_analyses(cache_dir, version, analyser.remembered())


def output_jobs(
    model: SiteModel,
    references: Sequence[Reference],
    sources_dir: Path,
    environ: Mapping[str, str],
    *,
    analyses: SearchAnalyses,
    record_digest: Callable[[ArticleRecord], bytes],
) -> list[OutputJob]:
    """The files beside the pages: feeds, search index, exports, references, sources.

    Each job makes its files in a worker while the others render pages; the
    longest first. ``analyses``: where word analyses are kept between builds;
    ``record_digest``: a digest of a record's content (``PageKeys.digest_of``).
    """
    default = model.config.default_language

    def url_of(record: ArticleRecord) -> str:
        return urls.article_path(record.slug, default, default)

    def entity_url(info: EntityInfo) -> str:
        return urls.entity_path(info.kind, info.id, default, default)

    return [
        _writing(lambda: analyses.search_files(model, record_digest)),
        lambda writer: _export_files(writer, model, url_of, record_digest, entity_url),
        _writing(lambda: site_feeds(model, environ)),
        lambda writer: _reference_files(writer, references),
        lambda writer: _source_files(writer, model.records, sources_dir),
    ]


def _writing(make: Callable[[], Iterable[tuple[str, Content]]]) -> OutputJob:
    return lambda writer: [(path, writer.write(path, text)) for path, text in make()]


def _export_files(
    writer: Writer,
    model: SiteModel,
    url_of: Callable[[ArticleRecord], str],
    record_digest: Callable[[ArticleRecord], bytes],
    entity_url: Callable[[EntityInfo], str],
) -> list[tuple[str, FileEntry]]:
    """The JSON export and the data package: a piece per article, copied where unchanged."""
    records = model.records
    code = package_fingerprint()
    keys = [f"{record_digest(r).hex()} {url_of(r)} {code}" for r in records]
    written = []
    for path, layout, piece in record_exports(url_of):
        pieces = [(key, partial(piece, record)) for key, record in zip(keys, records, strict=True)]
        written.append((path, writer.write_pieces(path, layout, pieces)))
    for path, text in data_package_files(model, entity_url):
        written.append((path, writer.write(path, text)))
    return written


def _reference_files(
    writer: Writer, references: Sequence[Reference]
) -> list[tuple[str, FileEntry]]:
    """Each article's reference files, then the collection's, joined from the same entries.

    An article's files change only with its reference (or sitegen): an unchanged one is
    taken over, and its entry copied from the collection's last file, not formatted again.
    """
    code = package_fingerprint()
    keys = [hashlib.sha256(f"{ref.digest}{code}".encode()).hexdigest() for ref in references]
    written = []
    for suffix, file in REFERENCE_FILES.items():
        pieces: list[Piece] = []
        for reference, key in zip(references, keys, strict=True):
            path = urls.reference_path(reference.key, suffix)
            entry = writer.take_over(path, key)
            if entry is None:
                text = file.entry(reference)
                entry = writer.write(path, file.layout.text([text]), key)
                pieces.append((key, partial(str, text)))
            else:
                pieces.append((key, partial(file.entry, reference)))
            written.append((path, entry))
        path = f"{urls.DATA_DIR}/articles.{suffix}"
        written.append((path, writer.write_pieces(path, file.layout, pieces)))
    return written


def _source_files(
    writer: Writer, records: Sequence[ArticleRecord], sources_dir: Path
) -> list[tuple[str, FileEntry]]:
    """Every raw source, byte for byte; an unchanged one is linked without reading it."""
    written = []
    for record in records:
        path = urls.source_path(record.source.file)
        entry = writer.take_over(path, "", sha256=record.source.sha256) or writer.write(
            path, (sources_dir / record.source.file).read_bytes()
        )
        written.append((path, entry))
    return written


def _sitemap_paths(pages: list[str]) -> list[str]:
    return [path for path in pages if not path.endswith(urls.NOT_FOUND)]
