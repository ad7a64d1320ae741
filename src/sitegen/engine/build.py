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
from collections.abc import Mapping
from dataclasses import replace
from functools import partial
from pathlib import Path

from sitegen.core import urls
from sitegen.core.errors import ConfigError, Diagnostics
from sitegen.core.fingerprint import package_fingerprint, tree_fingerprint
from sitegen.core.parallel import map_items
from sitegen.core.records import ArticleRecord
from sitegen.engine.addresses import article_addresses, lost_address_warnings, lost_addresses
from sitegen.engine.build_options import (
    BuildOptions,
    BuildReport,
    stop_on_problems,
)
from sitegen.engine.cache import (
    Manifest,
    OutputEntry,
    load_record_memo,
    save_manifest,
    save_record_memo,
)
from sitegen.engine.incremental import (
    CacheProbe,
    PageKeys,
    probe_cache,
    reuse_or_make_page,
    source_memo,
)
from sitegen.engine.output import SiteFiles, refuse_output_over, shown_path
from sitegen.engine.progress import BuildProgress, wanted
from sitegen.load.content_pages import load_content_pages
from sitegen.load.loader import Collection, load_collection
from sitegen.model.site import EntityInfo, SiteModel
from sitegen.outputs.citation_files import (
    WRITERS,
    article_references,
    collection_reference_files,
)
from sitegen.outputs.data_package import data_package_files
from sitegen.outputs.exports import articles_json
from sitegen.outputs.feeds import site_feeds
from sitegen.outputs.search.index import search_files
from sitegen.outputs.sitemap import robots_txt, sitemap_files
from sitegen.render.jinja import compile_templates, make_environment, render_page
from sitegen.render.pages import page_plans
from sitegen.render.theme import static_files, template_folders
from sitegen.render.views import Assets, Card

__all__ = ["BuildOptions", "BuildReport", "build_collection", "build_site"]

# Static files whose name stays fixed: browsers ask for /favicon.ico by name.
FIXED_NAME_ASSETS = ("favicon.ico",)


def build_site(options: BuildOptions, probe: CacheProbe | None = None) -> BuildReport:
    """Build the site from ``options.content_dir`` into ``options.output_dir``.

    Raises ``ContentError`` when loading found errors (or warnings under
    ``strict``) and ``ConfigError`` when the configuration is unusable.
    ``probe``: what ``probe_cache`` already found for these options.
    """
    started = time.monotonic()
    probe = probe or probe_cache(options)
    if probe.unchanged is not None:
        return probe.unchanged
    fingerprint, output_dir, previous = probe.fingerprint, probe.output_dir, probe.previous
    guarded = {"the content folder": options.content_dir, "the current folder": Path.cwd()}
    if options.local_templates is not None:
        guarded["the templates folder"] = options.local_templates
    refuse_output_over(options.output_dir, guarded)
    memo = source_memo(
        options.content_dir, {} if options.clean else load_record_memo(options.cache_dir)
    )
    with BuildProgress(wanted(options.verbosity), started) as progress:
        collection = load_collection(options.content_dir, memo, options.jobs, progress.stage)
        save_record_memo(options.cache_dir, memo.entries)
        report = build_collection(collection, options, started, previous, progress)
    save_manifest(
        options.cache_dir,
        Manifest(str(output_dir), report.output, report.addresses, report.lost),
        fingerprint=fingerprint,
        pages=report.pages,
        diagnostics=report.diagnostics,
    )
    return report


def build_collection(
    collection: Collection,
    options: BuildOptions,
    started: float | None = None,
    previous: Manifest | None = None,
    progress: BuildProgress | None = None,
) -> BuildReport:
    """Build from an already loaded collection (what ``build_site`` does after loading).

    With ``previous``, the manifest of the last build into the same folder, a page
    whose template set and context are unchanged is taken over instead of rendered.
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
    model = SiteModel.from_collection(collection)
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
    with SiteFiles(output_dir, old_files) as files:
        assets = add_static_assets(files, static_files(folders))
        env = make_environment(folders)
        compile_templates(env)
        plans = page_plans(model, assets, content_pages)
        keys = PageKeys(
            tree_fingerprint(local_templates or Path("-")) + package_fingerprint(),
            recurring=(ArticleRecord, Card),
        )
        writer = files.writer

        def make_page(index: int) -> tuple[str, OutputEntry]:
            return reuse_or_make_page(plans[index], writer, keys, partial(render_page, env))

        made = map_items(make_page, len(plans), options.jobs, progress.stage("pages", len(plans)))
        for path, entry in made:
            files.record(path, entry)
        lost = lost_addresses(previous, {path for path, _ in made}, model.records)
        diagnostics.items += lost_address_warnings(
            lost, model.records, shown_path(output_dir), options.content_dir / "sources"
        )
        stop_on_problems(diagnostics, options.strict)  # before publishing: build/ unchanged
        for path, text in site_feeds(model, os.environ):
            files.add(path, text)
        for path, text in search_files(model):
            files.add(path, text)
        if config.base_url:
            listed = [path for plan, (path, _) in zip(plans, made, strict=True) if plan.listed]
            for path, text in sitemap_files(config.base_url, _sitemap_paths(listed)).items():
                files.add(path, text)
        files.add("robots.txt", robots_txt(config.base_url))
        add_exports_and_sources(files, model, collection.root / "sources")
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
    )


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


def add_exports_and_sources(files: SiteFiles, model: SiteModel, sources_dir: Path) -> None:
    """The data exports, the reference files and every raw source, byte for byte."""
    default = model.config.default_language

    def url_of(record: ArticleRecord) -> str:
        return urls.article_path(record.slug, default, default)

    def entity_url(info: EntityInfo) -> str:
        return urls.entity_path(info.kind, info.id, default, default)

    files.add("data/articles.json", articles_json(model.records, url_of))
    for path, text in data_package_files(model, url_of, entity_url).items():
        files.add(path, text)
    references = article_references(model)
    code = package_fingerprint()
    for reference in references:
        # An article's reference files change only with its reference (or sitegen itself).
        key = hashlib.sha256(f"{reference!r}{code}".encode()).hexdigest()
        for suffix, write in WRITERS.items():
            path = urls.reference_path(reference.key, suffix)
            if not files.reuse(path, key):
                files.add(path, write([reference]), key)
    for path, text in collection_reference_files(references):
        files.add(path, text)
    for record in model.records:
        path = urls.source_path(record.source.file)
        # The record knows its source's hash: an unchanged source is linked without reading it.
        if not files.reuse(path, "", sha256=record.source.sha256):
            files.add(path, (sources_dir / record.source.file).read_bytes())


def _sitemap_paths(pages: list[str]) -> list[str]:
    return [path for path in pages if not path.endswith(urls.NOT_FOUND)]
