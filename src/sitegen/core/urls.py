"""The single rule from a page to its output path, and relative links between pages.

Every page lives at a path relative to the site root that names a file; the
default interface language sits at the root, every other one under ``<lang>/``.
Pages are first named by a language-neutral path (``articles/x.html``) and
then placed in a language with ``localised_path``; shared files (styles,
data, raw sources) have one path for every language. Links between pages are
relative, except on the not-found page, which a host serves at any address
(``any_depth_url``).

>>> article_path("wizyta-szefa-bbn-w-kazachstanie", "en", "pl")
'en/articles/wizyta-szefa-bbn-w-kazachstanie.html'
>>> relative_url("en/articles/a.html", "static/site.css")
'../../static/site.css'
>>> relative_url("index.html", "index.html#timeline")
'index.html#timeline'
"""

from __future__ import annotations

import functools
import hashlib
import posixpath
import re
from typing import Literal
from urllib.parse import urlsplit

from slugify import slugify

from sitegen.core.records import DateValue, EntityKind

_KIND_FOLDERS: dict[EntityKind, str] = {
    "country": "countries",
    "person": "people",
    "organization": "organizations",
    "place": "places",
    "topic": "topics",
}

SlugCut = Literal["word", "character", "fitting-words"]
SOURCE_SLUG_LIMIT = 60
"""Characters of a raw copy's name kept before its hash (``source_path``)."""

HOME = "index.html"
SEARCH = "search.html"
ABOUT = "about.html"
NOT_FOUND = "404.html"
BROWSE = "browse.html"
YEARS = "years/index.html"
UNDATED = "years/undated.html"
FEED = "feed.xml"
REFERENCE_DIR = "cite"
DATA_DIR = "data"
SEARCH_DIR = "search"
"""The search index's folder: the manifest and the shards it lists."""
SEARCH_MANIFEST = f"{SEARCH_DIR}/manifest.js"
_SAFE_FILE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,99}")


def language_prefix(lang: str, default_language: str) -> str:
    return "" if lang == default_language else f"{lang}/"


def localised_path(neutral_path: str, lang: str, default_language: str) -> str:
    """Place a language-neutral page path in the tree of ``lang``."""
    return language_prefix(lang, default_language) + neutral_path


def article_path(slug: str, lang: str, default_language: str) -> str:
    return localised_path(article_neutral_path(slug), lang, default_language)


def article_neutral_path(slug: str) -> str:
    return f"articles/{slug}.html"


def permanent_address(slug: str, default_language: str, base_url: str | None) -> str:
    """An article's one address for citing it: its page in the default language.

    Absolute with a base URL; without one, the path from the site root.
    """
    path = article_path(slug, default_language, default_language)
    return absolute_url(base_url, path) if base_url else path


def entity_neutral_path(kind: EntityKind, entity_id: str, page: int = 1) -> str:
    """``countries/kazakhstan.html``; its further pages ``countries/kazakhstan/page-2.html``."""
    stem = f"{kind_folder(kind)}/{file_stem(entity_id)}"
    return f"{stem}.html" if page == 1 else f"{stem}/page-{page}.html"


def entity_path(kind: EntityKind, entity_id: str, lang: str, default_language: str) -> str:
    return localised_path(entity_neutral_path(kind, entity_id), lang, default_language)


def entity_feed_neutral_path(kind: EntityKind, entity_id: str) -> str:
    """``countries/kazakhstan.xml``: the Atom feed of one entity's articles."""
    return f"{kind_folder(kind)}/{file_stem(entity_id)}.xml"


def reference_path(slug: str, format_suffix: str) -> str:
    """``cite/wizyta.bib``: an article's reference file (``bib``, ``ris``, ``csl.json``).

    Language-neutral: a reference names the article, not a page of the interface.
    """
    return f"{REFERENCE_DIR}/{slug}.{format_suffix}"


def kind_index_neutral_path(kind: EntityKind) -> str:
    return f"{kind_folder(kind)}/index.html"


def kind_folder(kind: EntityKind) -> str:
    """The folder of a kind's pages, its plural (``people``); the CSV export's column too."""
    return _KIND_FOLDERS[kind]


def year_neutral_path(year: int, page: int = 1) -> str:
    """``years/2018.html``; its further pages ``years/2018/page-2.html`` (as an entity's)."""
    return f"years/{year:04d}.html" if page == 1 else f"years/{year:04d}/page-{page}.html"


def undated_neutral_path(page: int = 1) -> str:
    """``years/undated.html`` (``UNDATED``); its further pages ``years/undated/page-2.html``."""
    return UNDATED if page == 1 else f"years/undated/page-{page}.html"


def month_neutral_path(date: DateValue, page: int = 1) -> str:
    """A date's month on page ``page`` of its year (``years/2018.html#m06``).

    Which page of a long year holds the month is the planner's to say
    (``Planner.month_path``): every link to a month goes through it.
    """
    return f"{year_neutral_path(date.year, page)}#{month_anchor(date.month)}"


def month_anchor(month: int | None) -> str:
    """The id of a month's section on its year page (``m06``; ``year-only`` for no month)."""
    return f"m{month:02d}" if month else "year-only"


def hashed_name(name: str, content: bytes) -> str:
    """``site.css`` → ``site.3f2a9c1b.css``: a new name whenever the content changes."""
    digest = hashlib.sha256(content).hexdigest()[:10]
    stem, dot, suffix = name.rpartition(".")
    return f"{stem}.{digest}.{suffix}" if dot else f"{name}.{digest}"


def static_path(hashed_name: str) -> str:
    return f"static/{hashed_name}"


def source_path(file_name: str) -> str:
    """Where the raw copy of a source is published: under its own name when that is safe.

    A safe name (ASCII letters, digits, ``.``, ``_``, ``-``) means the same in
    every URL and on every file system; any other name (a space, ``#``, ``?``,
    ``..``, a Polish letter) becomes its slug and a hash of the whole name, so two
    names never meet.

    >>> source_path("001_e4617cc254c662f3.txt")
    'sources/001_e4617cc254c662f3.txt'
    >>> source_path("Wizyta w Łodzi #2.txt")
    'sources/wizyta-w-lodzi-2.4d03cc01.txt'
    """
    if _SAFE_FILE_NAME.fullmatch(file_name) and ".." not in file_name:
        return f"sources/{file_name}"
    stem = file_name.rpartition(".")[0] or file_name
    digest = hashlib.sha256(file_name.encode("utf-8", "surrogateescape")).hexdigest()[:8]
    return f"sources/{ascii_slug(stem, SOURCE_SLUG_LIMIT, 'character') or 'source'}.{digest}.txt"


@functools.lru_cache(maxsize=65536)  # slugify is slow, and every page links the same ids
def file_stem(identifier: str) -> str:
    """A safe file name stem for an id (``kazakhstan``, ``pawel-soloch``)."""
    return ascii_slug(identifier) or "item"


def ascii_slug(text: str, max_length: int = 0, cut: SlugCut = "word") -> str:
    """The words of ``text`` in lower-case ASCII joined by hyphens: the one slug rule.

    Article addresses, entity ids, page and file names all come from here. A slug
    longer than ``max_length`` (``0``: no limit) is cut: ``word`` after the last
    whole word that fits; ``character`` at exactly ``max_length``, and
    ``fitting-words`` keeping every word that still fits, for the two names that
    were cut so from their first build (raw copies' file names, found entities'
    ids) and must not move.

    >>> ascii_slug("Wizyta szefa BBN w Łodzi")
    'wizyta-szefa-bbn-w-lodzi'
    >>> text = "Forum w Astanie: goście i media"
    >>> [ascii_slug(text, 20, cut) for cut in ("word", "character", "fitting-words")]
    ['forum-w-astanie', 'forum-w-astanie-gosc', 'forum-w-astanie-i']
    """
    return str(
        slugify(
            text,
            max_length=max_length,
            word_boundary=cut != "character",
            save_order=cut == "word",
        )
    )


def link_from(page_path: str, to_path: str, any_depth_base: str | None = None) -> str:
    """The link to ``to_path`` on the page at ``page_path``.

    Relative (``relative_url``), unless the page is served at any address under
    ``any_depth_base`` (the 404 page): then from the server root (``any_depth_url``).

    >>> link_from("404.html", "index.html"), link_from("404.html", "index.html", "https://x.pl/a/")
    ('index.html', '/a/index.html')
    """
    if any_depth_base is not None:
        return any_depth_url(any_depth_base, to_path)
    return relative_url(page_path, to_path)


def relative_url(from_path: str, to_path: str) -> str:
    """The relative link from the page at ``from_path`` to ``to_path`` (both from the root).

    ``to_path`` may carry a ``#fragment``; the result always names a file.
    """
    target, hash_mark, fragment = to_path.partition("#")
    folder, _, name = target.rpartition("/")
    return _folder_link(posixpath.dirname(from_path), folder) + name + hash_mark + fragment


@functools.lru_cache(maxsize=4096)
def _folder_link(from_dir: str, to_dir: str) -> str:
    """The way from one folder to another: ``../x/`` (empty for the same folder).

    Kept by folder pair, a few hundred in a site, not by link: a cache of every link
    held 20 MiB in each process that renders pages.
    """
    # Pure path arithmetic on site paths (posixpath.relpath asks the OS for the cwd).
    start = from_dir.split("/") if from_dir else []
    parts = to_dir.split("/") if to_dir else []
    common = 0
    while common < min(len(start), len(parts)) and start[common] == parts[common]:
        common += 1
    way = [".."] * (len(start) - common) + parts[common:]
    return "/".join(way) + "/" if way else ""


def absolute_url(base_url: str, path: str) -> str:
    """The public URL of ``path`` under ``base_url`` (which ends in ``/``)."""
    return base_url + path


def any_depth_url(base_url: str, path: str) -> str:
    """The link to ``path`` from a page served at any address of the site: root-relative.

    A static host answers a missing address at any depth (``/archiwum/a/b/x.html``)
    with the root ``404.html``; a relative link on it would resolve against the
    missing address and miss again. A path from the server root, under the base
    URL's path, resolves the same from every depth, on any host name, over http or
    https (a preview's loopback address included), and keeps each request on the
    page's own origin, which the pages' Content-Security-Policy (``'self'``) requires.

    >>> any_depth_url("https://example.org/archiwum/", "static/site.css")
    '/archiwum/static/site.css'
    >>> any_depth_url("https://archiwum.pl/", "en/index.html#main")
    '/en/index.html#main'
    """
    return urlsplit(base_url).path + path
