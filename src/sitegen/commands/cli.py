"""The ``sitegen`` command: sub-commands mapped to the stages; no logic of its own.

Exit codes: 0 success, 1 content errors (or warnings under ``--strict``) or an
output folder that cannot be written, 2 usage or configuration errors.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from sitegen import __version__
from sitegen.core.errors import (
    ConfigError,
    ContentError,
    Diagnostic,
    SitegenError,
    of_severity,
)
from sitegen.engine.build_options import BuildOptions, BuildReport
from sitegen.engine.cache import CACHE_DIR
from sitegen.engine.incremental import probe_cache

# Each command imports the stages it needs when it runs: a build with nothing to
# do then costs less than importing the pipeline would (language models, Jinja).

EXIT_OK, EXIT_CONTENT, EXIT_USAGE = 0, 1, 2


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        result: int = args.run(args)
    except ConfigError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except ContentError as exc:
        _print_diagnostics(exc.diagnostics)
        return EXIT_CONTENT
    except SitegenError as exc:  # a broken template, an unwritable output folder
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_CONTENT
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # `sitegen inspect | head`: the reader has what it wanted
        # Python would report the pipe again when it flushes stdout at exit.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_CONTENT
    return result


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="sitegen",
        description="Turn a folder of raw source texts into a documentary website.",
    )
    parser.add_argument("--version", action="version", version=f"sitegen {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    build = commands.add_parser("build", help="load the sources and write the site")
    _source_folder_options(build)
    build.add_argument(
        "--output",
        type=Path,
        default=Path("build"),
        metavar="DIR",
        help="output folder (default: build/)",
    )
    build.add_argument(
        "--base-url",
        metavar="URL",
        help="absolute URL the site is published at (overrides site.yaml)",
    )
    build.add_argument("--strict", action="store_true", help="treat warnings as errors")
    build.add_argument("--clean", action="store_true", help="ignore the incremental cache")
    build.add_argument(
        "--jobs",
        type=_positive_int,
        metavar="N",
        help="processes that read sources and render pages (default: one per core)",
    )
    loudness = build.add_mutually_exclusive_group()
    loudness.add_argument("--quiet", action="store_true", help="print only problems")
    loudness.add_argument("--verbose", action="store_true", help="print every file written")
    build.set_defaults(run=_run_build)

    inspect = commands.add_parser("inspect", help="show the article records the loader makes")
    _content_option(inspect)
    inspect.add_argument(
        "--json",
        action="store_true",
        help="print the records as a JSON array (as build/data/articles.json)",
    )
    inspect.add_argument(
        "--entities",
        action="store_true",
        help="list the entities the texts name, where, which are new (found, not in "
        "entities.yaml) and which lack an authority id (Wikidata, VIAF, GeoNames, URL)",
    )
    inspect.set_defaults(run=_run_inspect)

    check = commands.add_parser(
        "check", help="verify a built site: links, anchors, pages, sitemap, feeds, HTML"
    )
    check.add_argument(
        "--output",
        type=Path,
        default=Path("build"),
        metavar="DIR",
        help="built site folder (default: build/)",
    )
    check.add_argument(
        "--base-url",
        type=_base_url,
        metavar="URL",
        help="the URL the site is published at: every absolute URL of the site must start "
        "with it (default: base_url of content/site.yaml unless a placeholder)",
    )
    check.set_defaults(run=_run_check)

    server = commands.add_parser(
        "serve",
        help="build a preview in .sitegen-cache/preview/ (never build/), serve it on loopback, "
        "rebuild on every save and reload the browser",
    )
    _source_folder_options(server)
    server.add_argument(
        "--host",
        default="127.0.0.1",
        help="address to listen on (default: 127.0.0.1; 0.0.0.0 opens it to the network)",
    )
    server.add_argument(
        "--port", type=_port, default=8000, help="port (default: 8000; 0 picks a free one)"
    )
    server.add_argument(
        "--base-path",
        type=_base_path,
        default="/",
        metavar="PATH",
        help="serve the site under this URL path, as when hosted at a sub-path (default: /)",
    )
    server.set_defaults(run=_run_serve)

    new = commands.add_parser(
        "new", help="start a source in content/sources/ with a sidecar stub to fill in"
    )
    _content_option(new)
    start = new.add_mutually_exclusive_group(required=True)
    start.add_argument("title", nargs="?", help="the headline of a new, empty source")
    start.add_argument(
        "--from-file",
        type=Path,
        metavar="FILE",
        help="a clipping to copy into the collection, byte for byte",
    )
    new.add_argument(
        "--name",
        help="the source's name without .txt (default: the next number and the headline's slug)",
    )
    new.set_defaults(run=_run_new)

    init = commands.add_parser(
        "init",
        help="start a new archive: content folders, site.yaml, an About page, a .gitignore "
        "and a GitHub Pages workflow that builds, checks and publishes it",
    )
    init.add_argument(
        "dir",
        nargs="?",
        type=Path,
        default=Path(),
        metavar="DIR",
        help="the archive's folder, created if missing (default: the current folder)",
    )
    init.add_argument(
        "--example",
        action="store_true",
        help="start from the sample collection (five clippings, their gazetteer and pages)",
    )
    init.add_argument(
        "--force",
        action="store_true",
        help="write into a folder that is not empty (existing files are never overwritten)",
    )
    init.set_defaults(run=_run_init)

    theme = commands.add_parser(
        "theme",
        help="list the packaged theme's files and which of them templates/ overrides",
    )
    theme.add_argument(
        "--templates",
        type=Path,
        default=Path("templates"),
        metavar="DIR",
        help="the archive's templates folder (default: templates/)",
    )
    theme.add_argument(
        "--copy",
        action="store_true",
        help="copy the theme's files into the templates folder to change them "
        "(files already there are kept)",
    )
    theme.set_defaults(run=_run_theme)
    return parser


def _source_folder_options(parser: argparse.ArgumentParser) -> None:
    _content_option(parser)
    parser.add_argument(
        "--templates",
        type=Path,
        default=None,
        metavar="DIR",
        help="templates overriding the theme file by file (default: templates/ if present)",
    )


def _content_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--content",
        type=Path,
        default=Path("content"),
        metavar="DIR",
        help="content folder (default: content/)",
    )


def _positive_int(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def _port(text: str) -> int:
    value = int(text)
    if not 0 <= value <= 65535:
        raise argparse.ArgumentTypeError("must be between 0 and 65535")
    return value


def _base_path(text: str) -> str:
    from sitegen.commands.serve import normalise_base_path

    try:
        return normalise_base_path(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _base_url(text: str) -> str:
    from sitegen.load.config import normalise_base_url

    try:
        return normalise_base_url(text)
    except ConfigError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _run_build(args: argparse.Namespace) -> int:
    options = BuildOptions(
        content_dir=args.content,
        templates_dir=args.templates,
        output_dir=args.output,
        base_url=args.base_url,
        strict=args.strict,
        clean=args.clean,
        jobs=args.jobs,
        verbosity=0 if args.quiet else 2 if args.verbose else 1,
    )
    try:
        report = _build(options)
    except ContentError as exc:
        _print_diagnostics(exc.diagnostics)
        if not args.quiet:  # like the summary line it stands for
            print(_stopped_message(exc.diagnostics, args.output), file=sys.stderr)
        return EXIT_CONTENT
    _print_diagnostics(report.diagnostics)
    if args.verbose:
        for path in report.written_paths:
            print(path)
    if not args.quiet:
        print(report.summary(), file=sys.stderr)
    return EXIT_OK


def _build(options: BuildOptions) -> BuildReport:
    probe = probe_cache(options)
    if probe.unchanged is not None:
        return probe.unchanged
    from sitegen.engine.build import build_site

    return build_site(options, probe)


def _stopped_message(problems: Sequence[Diagnostic], output: Path) -> str:
    """``build stopped by 1 error and 2 warnings under --strict; build/ unchanged``."""
    errors = len(of_severity(problems, "error"))
    warnings = len(problems) - errors
    causes = [_counted(errors, "error")] if errors else []
    if warnings:
        causes.append(f"{_counted(warnings, 'warning')} under --strict")
    return f"build stopped by {' and '.join(causes)}; {output.as_posix()}/ unchanged"


def _counted(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def _run_check(args: argparse.Namespace) -> int:
    from sitegen.commands.check import check_site, configured_base_url, vnu_available

    if not args.output.is_dir():
        print(f"error: no built site at {args.output} (run sitegen build first)", file=sys.stderr)
        return EXIT_USAGE
    base_url = args.base_url or configured_base_url(Path("content", "site.yaml"))
    # The build cache of this folder knows which pages the last build lost.
    problems = check_site(args.output, base_url=base_url, cache_dir=CACHE_DIR)
    for problem in problems:
        print(problem)
    html = "with" if vnu_available() else "without (no java or vnu.jar)"
    published_at = f" for {base_url}" if base_url else ""
    print(
        f"checked {args.output}{published_at} {html} HTML validation: {len(problems)} problem(s)",
        file=sys.stderr,
    )
    return EXIT_CONTENT if problems else EXIT_OK


def _run_serve(args: argparse.Namespace) -> int:
    from sitegen.commands.serve import ServeOptions, serve

    build = BuildOptions(content_dir=args.content, templates_dir=args.templates)
    return serve(ServeOptions(build, args.host, args.port, args.base_path))


def _run_new(args: argparse.Namespace) -> int:
    from sitegen.commands.new_source import new_from_file, new_from_title

    if args.from_file is not None:
        created = new_from_file(args.content, args.from_file, args.name)
        print(f"copied {args.from_file} to {created.source}, byte for byte")
    else:
        created = new_from_title(args.content, args.title, args.name)
        print(f"started {created.source}: paste the text under its headline")
    print(f"wrote {created.sidecar}: what the loader found, and the keys left to fill in")
    if created.slug:
        print(f"its address: articles/{created.slug}.html (slug: in the sidecar keeps it)")
    if created.checksum_added:
        print(f"added its SHA-256 to {args.content / 'SHA256SUMS'}")
    _print_diagnostics(created.diagnostics)
    return EXIT_CONTENT if of_severity(created.diagnostics, "error") else EXIT_OK


def _run_init(args: argparse.Namespace) -> int:
    from sitegen.commands.init_archive import init_archive

    report = init_archive(args.dir, example=args.example, force=args.force)
    for path in report.written:
        print(f"wrote {path}")
    for path in report.kept:
        print(f"kept {path} as it was")
    print(f"the workflow installs {report.requirement}; edit its Install step to change that")
    where = "" if args.dir == Path() else f"cd {args.dir} && "
    print(f"next: {where}sitegen new --from-file CLIPPING.txt, then sitegen serve")
    return EXIT_OK


def _run_theme(args: argparse.Namespace) -> int:
    from sitegen.render.theme import THEME_DIR, copy_theme, theme_files

    if args.copy:
        written, kept = copy_theme(args.templates)
        for path in written:
            print(f"wrote {path}")
        for path in kept:
            print(f"kept {path}: it overrides the theme's file")
        return EXIT_OK
    print(f"theme: {THEME_DIR}")
    for relative in theme_files():
        local = args.templates / relative
        print(f"{relative}{f'  (overridden by {local})' if local.is_file() else ''}")
    return EXIT_OK


def _run_inspect(args: argparse.Namespace) -> int:
    from sitegen.commands import inspect_report
    from sitegen.core.urls import article_path
    from sitegen.load.loader import load_collection
    from sitegen.outputs.exports import articles_json

    collection = load_collection(args.content)
    _print_diagnostics(collection.diagnostics.sorted())
    if args.entities:
        report = inspect_report.entities_json if args.json else inspect_report.entities_report
        sys.stdout.write(report(collection))
    elif args.json:
        default = collection.config.default_language
        sys.stdout.flush()
        sys.stdout.buffer.writelines(
            articles_json(collection.records, lambda r: article_path(r.slug, default, default))
        )
    else:
        sys.stdout.write(inspect_report.records_report(collection))
    return EXIT_CONTENT if collection.diagnostics.errors else EXIT_OK


def _print_diagnostics(diagnostics: Sequence[Diagnostic]) -> None:
    for diagnostic in diagnostics:
        print(diagnostic, file=sys.stderr)
