"""``sitegen check``: verify a built site as a browser, a crawler and a feed reader see it.

The checks read only the output folder, never the content, so they work on any
build (and in a user's CI after ``sitegen build``); only the expected base URL
may come from ``site.yaml`` (``configured_base_url``):

- every relative ``href``/``src`` names an existing file inside the folder, and
  its ``#fragment`` an ``id`` of the target page; on a ``404.html``, which hosts
  serve at any missing address, every link starts at the server root under the
  site's base path instead (``site_base_path``) and names such a file;
- every file is reachable by links from a home page, except a few files that
  visitors and robots ask for by name (``ALWAYS_REACHABLE``);
- every HTML page has ``<html lang>``, a ``<title>``, one ``<h1>``, a meta
  description and a viewport;
- a redirect page (an article's old address: a meta refresh and ``noindex``)
  leads, relatively, to a page and names it canonical (``check_addresses.py``);
- no article address of an earlier build into the folder is gone without a
  redirect (the build cache knows);
- ``sitemap.xml`` (or the parts of a sitemap index) and each ``feed.xml`` agree
  with the pages (redirects are none);
- the site's own absolute URLs (canonical and alternate links, ``og:url``, the
  sitemap, the feeds, ``robots.txt``) start with the expected base URL when one
  is given (``--base-url``, or a real ``base_url`` in ``site.yaml``), and
  otherwise point at no loopback address (what a preview leaves behind);
- with Java and ``vnu.jar`` available, every page is valid HTML.

>>> problem = CheckProblem("index.html", "no <title>")
>>> str(problem)
'index.html: no <title>'
"""

from __future__ import annotations

import datetime
import ipaddress
import json
import os
import posixpath
import re
import shutil
import subprocess
from collections import Counter, deque
from collections.abc import Generator, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

import lxml.etree
import lxml.html

from sitegen.commands.check_addresses import (
    is_redirect_page,
    lost_address_problems,
    redirect_problems,
)
from sitegen.commands.check_search import search_index_files
from sitegen.core import urls
from sitegen.core.errors import report_order
from sitegen.load.config import load_config
from sitegen.outputs.sitemap import MAX_URLS
from sitegen.outputs.sitemap import SITEMAP as SITEMAP_FILE

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
NOT_FOUND_PAGE = "404.html"
# Schemes that leave the site: not followed, not checked.
EXTERNAL_SCHEMES = frozenset({"http", "https", "mailto"})
# Files nobody links to on purpose: the server shows 404.html for a missing page,
# robots and feed readers ask for robots.txt, sitemap.xml and feed.xml by name,
# browsers ask for /favicon.ico, and data/ holds the exports for scripts.
# A large sitemap is an index of parts at the root, which robots find through it.
ALWAYS_REACHABLE_NAMES = frozenset({NOT_FOUND_PAGE, "robots.txt", SITEMAP_FILE, "feed.xml"})
SITEMAP_PART = re.compile(r"sitemap-[1-9][0-9]*\.xml")
ALWAYS_REACHABLE_PATHS = frozenset({"favicon.ico"})
ALWAYS_REACHABLE_FOLDERS = ("data/",)
# RFC 2606 reserves these for documentation: no site is published there.
PLACEHOLDER_DOMAINS = ("example.org", "example.com", "example.net")
VNU_JAR_ENV = "SITEGEN_VNU_JAR"
VNU_JAR_IN_NODE_MODULES = Path("node_modules/vnu-jar/build/dist/vnu.jar")


@dataclass(frozen=True, order=True)
class CheckProblem:
    """One problem in the built site, at ``path`` (relative to the output folder)."""

    path: str
    message: str
    line: int | None = None

    def __str__(self) -> str:
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        return f"{where}: {self.message}"


@dataclass(frozen=True)
class HtmlPage:
    """A parsed page: its path, the links on it and the ids it offers as link targets."""

    path: str
    tree: lxml.html.HtmlElement
    links: tuple[str, ...]
    ids: frozenset[str]


def check_site(
    output_dir: Path,
    *,
    base_url: str | None = None,
    validate_html: bool = True,
    cache_dir: Path | None = None,
) -> list[CheckProblem]:
    """Every problem found in the site built into ``output_dir``, sorted by path.

    ``base_url`` (normalised, ending in ``/``) is the address the site must be
    published at: see ``check_site_urls``. ``validate_html`` runs the Nu HTML
    checker when Java and ``vnu.jar`` are found (see ``find_vnu_jar``). With
    ``cache_dir``, the build cache's record of pages the last build lost is
    checked too (``check_addresses``). Raises ``FileNotFoundError`` if there is
    no such folder.
    """
    if not output_dir.is_dir():
        raise FileNotFoundError(f"no built site at {output_dir}")
    files = sorted(
        p.relative_to(output_dir).as_posix() for p in output_dir.rglob("*") if p.is_file()
    )
    problems: list[CheckProblem] = []
    pages: dict[str, HtmlPage] = {}
    for path in files:
        if path.endswith(".html"):
            page = read_page(output_dir, path)
            if page is None:
                problems.append(CheckProblem(path, "does not parse as HTML"))
            else:
                pages[path] = page
    file_set = frozenset(files)
    base_path = site_base_path(pages, base_url)
    redirects = frozenset(path for path, page in pages.items() if is_redirect_page(page.tree))
    for page in pages.values():
        problems.extend(check_links(page, file_set, pages, base_path))
        if page.path not in redirects:  # an old address: no page elements, on purpose
            problems.extend(check_page_elements(page))
    problems.extend(check_addresses(output_dir, file_set, pages, redirects, cache_dir))
    search_reached, search_problems = search_index_files(output_dir, file_set)
    problems.extend(CheckProblem(path, message) for path, message in search_problems)
    problems.extend(check_orphans(file_set - redirects, pages, search_reached))
    listed = {path: page for path, page in pages.items() if path not in redirects}
    if SITEMAP_FILE in file_set:
        problems.extend(check_sitemap(output_dir, listed, file_set))
    for path in files:
        if posixpath.basename(path) == "feed.xml":
            problems.extend(check_feed(output_dir, path, listed))
    problems.extend(check_site_urls(site_urls(output_dir, file_set, pages), base_url))
    if validate_html:
        problems.extend(validate_with_vnu(output_dir, sorted(pages)))
    return sorted(set(problems), key=report_order)


def check_addresses(
    output_dir: Path,
    files: frozenset[str],
    pages: dict[str, HtmlPage],
    redirects: frozenset[str],
    cache_dir: Path | None,
) -> Iterator[CheckProblem]:
    """Redirect pages lead to a page; no article address of an earlier build is gone."""
    for path in sorted(redirects):
        for where, message in redirect_problems(
            path, pages[path].tree, redirects, pages, resolve_link
        ):
            yield CheckProblem(where, message)
    if cache_dir is not None:
        for where, message in lost_address_problems(output_dir, files, cache_dir):
            yield CheckProblem(where, message)


def read_page(output_dir: Path, path: str) -> HtmlPage | None:
    """Parse the page at ``path``; ``None`` if it is not HTML at all."""
    try:
        tree = lxml.html.document_fromstring((output_dir / path).read_bytes())
    except (lxml.etree.ParserError, ValueError):
        return None
    links = tuple(
        value
        for element in tree.iter()
        for attribute in ("href", "src")
        if (value := element.get(attribute)) is not None
    )
    ids = frozenset(str(v) for v in tree.xpath("//@id | //a/@name"))
    return HtmlPage(path, tree, links, ids)


def site_base_path(pages: dict[str, HtmlPage], base_url: str | None = None) -> str | None:
    """The path the site was built to be served under (``/archiwum/``); ``None`` if unknown.

    It is the path of the URL the home page's canonical link names, or else the
    expected base URL's. The built one comes first: a site built for another base URL
    is reported once by ``check_site_urls``, not again for each link of its 404 page.
    """
    url = _canonical_base_url(pages) or base_url
    return (urlsplit(url).path or "/") if url else None


def served_at_any_depth(path: str) -> bool:
    """Whether hosts serve the page at ``path`` for missing addresses at any depth."""
    return posixpath.basename(path) == NOT_FOUND_PAGE


def check_links(
    page: HtmlPage,
    files: frozenset[str],
    pages: dict[str, HtmlPage],
    base_path: str | None = None,
) -> Iterator[CheckProblem]:
    """Problems with the links on one page: dangling, folders, leaving the site, anchors.

    ``base_path`` (``site_base_path``) resolves the links of a 404 page.
    """
    for link in page.links:
        message = _link_problem(page, link, files, pages, base_path)
        if message:
            yield CheckProblem(page.path, message)


def _link_problem(
    page: HtmlPage,
    link: str,
    files: frozenset[str],
    pages: dict[str, HtmlPage],
    base_path: str | None,
) -> str | None:
    parts = urlsplit(link.strip())
    if parts.scheme in EXTERNAL_SCHEMES:
        return None
    if parts.scheme or parts.netloc:
        return f'link "{link}" is not relative (only http, https and mailto may leave the site)'
    if served_at_any_depth(page.path):
        target, refused = _any_depth_target(page.path, link.strip(), base_path)
    elif parts.path.startswith("/"):
        return f'link "{link}" starts at the server root; links must be relative'
    else:
        target, refused = resolve_link(page.path, link), None
    if refused:
        return refused
    if target is None:
        return f'link "{link}" leaves the output folder'
    if parts.path.endswith("/") or (target not in files and _is_folder(target, files)):
        return f'link "{link}" names a folder, not a file'
    if target not in files:
        return f'broken link "{link}": no file {target}'
    fragment = unquote(parts.fragment)
    if fragment and target in pages and fragment not in pages[target].ids:
        return f'broken anchor "{link}": no id "{fragment}" in {target}'
    return None


def _any_depth_target(
    page_path: str, link: str, base_path: str | None
) -> tuple[str | None, str | None]:
    """The file a link on a 404 page names, or why it cannot be followed from any depth.

    A relative link resolves against the missing address the page is served at, so
    it misses again; only a fragment (the page itself) or a path from the server root
    under the site's base path works everywhere (``urls.any_depth_url``).
    """
    path = urlsplit(link).path
    if not path:
        return page_path, None
    if not path.startswith("/"):
        return None, (
            f'link "{link}" is relative, but {NOT_FOUND_PAGE} is served at any missing'
            " address: start it at the server root (build with a base URL) or drop it"
        )
    if base_path is None:
        return None, (
            f'link "{link}" starts at the server root, but the site\'s base URL is unknown'
            " (no canonical link on index.html; give --base-url)"
        )
    if not path.startswith(base_path):
        return None, f'link "{link}" is not under the site\'s base path {base_path}'
    return resolve_link("", link[len(base_path) :]), None


def resolve_link(from_path: str, link: str) -> str | None:
    """The root-relative path a relative link names; ``None`` if it leaves the site.

    >>> resolve_link("en/articles/a.html", "../index.html#top")
    'en/index.html'
    >>> resolve_link("index.html", "#main")
    'index.html'
    """
    path = unquote(urlsplit(link).path)
    if not path:
        return from_path
    joined = posixpath.normpath(posixpath.join(posixpath.dirname(from_path), path))
    if joined == ".." or joined.startswith("../"):
        return None
    return joined


def _is_folder(target: str, files: frozenset[str]) -> bool:
    prefix = "" if target == "." else target + "/"
    return any(f.startswith(prefix) for f in files)


def check_orphans(
    files: frozenset[str], pages: dict[str, HtmlPage], search_index: set[str]
) -> Iterator[CheckProblem]:
    """Files no chain of links from a home page reaches (outside ``ALWAYS_REACHABLE_*``).

    The search index's files count as reached when a page reaches its manifest.
    """
    reachable = reachable_files(files, pages)
    if urls.SEARCH_MANIFEST in reachable:
        reachable |= search_index
    for path in sorted(files - reachable):
        if not _always_reachable(path):
            yield CheckProblem(path, "no page links to this file")


def reachable_files(files: frozenset[str], pages: dict[str, HtmlPage]) -> set[str]:
    """Every file reached by following links from the home page of each language.

    The home pages are ``index.html`` and each ``<lang>/index.html`` whose
    ``<html lang>`` names its folder.
    """
    homes = [
        path
        for path, page in pages.items()
        if path == "index.html"
        or (path.count("/") == 1 and path.endswith("/index.html") and _lang_folder(page))
    ]
    reached = set(homes)
    queue = deque(homes)
    while queue:
        page = pages[queue.popleft()]
        for link in page.links:
            if urlsplit(link).scheme or link.startswith("/"):
                continue
            target = resolve_link(page.path, link)
            if target is None or target not in files or target in reached:
                continue
            reached.add(target)
            if target in pages:
                queue.append(target)
    return reached


def _lang_folder(page: HtmlPage) -> bool:
    lang = str(page.tree.get("lang") or "").lower()
    return bool(lang) and lang.split("-")[0] == page.path.split("/")[0].lower()


def _always_reachable(path: str) -> bool:
    return (
        posixpath.basename(path) in ALWAYS_REACHABLE_NAMES
        or path in ALWAYS_REACHABLE_PATHS
        or SITEMAP_PART.fullmatch(path) is not None
        or path.startswith(ALWAYS_REACHABLE_FOLDERS)
    )


def check_page_elements(page: HtmlPage) -> Iterator[CheckProblem]:
    """The elements every page needs: lang, title, one h1, description, viewport."""
    tree = page.tree
    if not str(tree.get("lang") or "").strip():
        yield CheckProblem(page.path, "<html> has no lang attribute")
    if not "".join(str(t) for t in tree.xpath("//head/title//text()")).strip():
        yield CheckProblem(page.path, "no <title> or an empty one")
    headings = len(tree.xpath("//h1"))
    if headings != 1:
        yield CheckProblem(page.path, f"expected exactly one <h1>, found {headings}")
    if not _meta_content(tree, "description"):
        yield CheckProblem(page.path, 'no <meta name="description"> or an empty one')
    if not _meta_content(tree, "viewport"):
        yield CheckProblem(page.path, 'no <meta name="viewport">')


def _meta_content(tree: lxml.html.HtmlElement, name: str) -> str:
    values = tree.xpath(f"//meta[@name='{name}']/@content")
    return str(values[0]).strip() if values else ""


def check_sitemap(
    output_dir: Path, pages: dict[str, HtmlPage], files: frozenset[str]
) -> Iterator[CheckProblem]:
    """``sitemap.xml`` parses and lists each page except 404 once, and nothing else.

    A sitemap index is read through its parts (``sitemap-1.xml`` …): each must be
    at the root, a ``<urlset>`` within the protocol's limit, and named by the index;
    together they must list the pages as one sitemap would.
    """
    root, error = _parse_xml(output_dir / SITEMAP_FILE)
    if root is None:
        yield CheckProblem(SITEMAP_FILE, f"does not parse as XML: {error}")
        return
    base = _canonical_base_url(pages)
    if root.tag == f"{SITEMAP}sitemapindex":
        part_locs = [(loc.text or "").strip() for loc in root.iter(f"{SITEMAP}loc")]
        base = base or _common_base_url(part_locs)
        parts = yield from _sitemap_parts(output_dir, part_locs, base, files)
        entries = [(part, (loc.text or "").strip()) for part, loc in parts]
    else:
        entries = [(SITEMAP_FILE, (loc.text or "").strip()) for loc in root.iter(f"{SITEMAP}loc")]
        base = base or _common_base_url([loc for _, loc in entries])
    listed: Counter[str] = Counter()
    for where, loc in entries:
        if not loc.startswith(base):
            yield CheckProblem(where, f"lists {loc}, which is not under {base}")
            continue
        path = unquote(loc[len(base) :])
        if path not in pages:
            yield CheckProblem(where, f"lists {loc}, but there is no page {path}")
        listed[path] += 1
    for path in sorted(pages):
        if posixpath.basename(path) == NOT_FOUND_PAGE:
            continue
        if listed[path] == 0:
            yield CheckProblem(SITEMAP_FILE, f"does not list {path}")
        elif listed[path] > 1:
            yield CheckProblem(SITEMAP_FILE, f"lists {path} {listed[path]} times")


def _sitemap_parts(
    output_dir: Path, part_locs: Sequence[str], base: str, files: frozenset[str]
) -> Generator[CheckProblem, None, list[tuple[str, lxml.etree._Element]]]:
    """The ``<loc>`` elements of each part a sitemap index names, after its problems."""
    locs: list[tuple[str, lxml.etree._Element]] = []
    named = set()
    for part_loc in part_locs:
        part = unquote(part_loc[len(base) :]) if part_loc.startswith(base) else ""
        if not SITEMAP_PART.fullmatch(part) or part not in files:
            yield CheckProblem(SITEMAP_FILE, f"names {part_loc}, which is no sitemap part here")
            continue
        named.add(part)
        root, error = _parse_xml(output_dir / part)
        if root is None or root.tag != f"{SITEMAP}urlset":
            yield CheckProblem(part, f"is no <urlset> sitemap {error}".rstrip())
            continue
        found = list(root.iter(f"{SITEMAP}loc"))
        if len(found) > MAX_URLS:
            yield CheckProblem(part, f"lists {len(found)} URLs, more than {MAX_URLS}")
        locs += [(part, loc) for loc in found]
    for part in sorted(path for path in files if SITEMAP_PART.fullmatch(path)):
        if part not in named:
            yield CheckProblem(part, "is not named by sitemap.xml")
    return locs


def _canonical_base_url(pages: dict[str, HtmlPage]) -> str:
    """The URL the site lives at, from the home page's canonical link (``''`` if none)."""
    home = pages.get("index.html")
    canonical = home.tree.xpath("//link[@rel='canonical']/@href") if home else []
    if canonical and str(canonical[0]).endswith("/index.html"):
        return str(canonical[0])[: -len("index.html")]
    return ""


def _common_base_url(locs: Sequence[str]) -> str:
    prefix = posixpath.commonprefix(list(locs))
    return prefix[: prefix.rfind("/") + 1]


def check_feed(
    output_dir: Path, feed_path: str, pages: dict[str, HtmlPage]
) -> Iterator[CheckProblem]:
    """An Atom feed has what RFC 4287 requires, and each entry links to a page."""
    root, error = _parse_xml(output_dir / feed_path)
    if root is None:
        yield CheckProblem(feed_path, f"does not parse as XML: {error}")
        return
    if root.tag != f"{ATOM}feed":
        yield CheckProblem(feed_path, f"not an Atom feed (root element {root.tag})")
        return
    for message in _missing_atom_elements(root, "feed"):
        yield CheckProblem(feed_path, message)
    self_links = root.xpath("a:link[@rel='self']/@href", namespaces={"a": ATOM[1:-1]})
    if not self_links:
        yield CheckProblem(feed_path, 'feed has no <link rel="self">')
    self_href = str(self_links[0]) if self_links else ""
    base = _feed_site_base(feed_path, self_href) or _canonical_base_url(pages)
    for number, entry in enumerate(root.iter(f"{ATOM}entry"), start=1):
        for message in _missing_atom_elements(entry, f"entry {number}"):
            yield CheckProblem(feed_path, message)
        for link in entry.iter(f"{ATOM}link"):
            href = link.get("href", "")
            if link.get("rel", "alternate") != "alternate" or not href:
                continue
            if urlsplit(href).scheme:
                target = unquote(href[len(base) :]) if base and href.startswith(base) else None
            else:
                target = resolve_link(feed_path, href)
            if target not in pages:
                yield CheckProblem(feed_path, f"entry {number} links to {href}: no such page")


def _missing_atom_elements(element: lxml.etree._Element, name: str) -> Iterator[str]:
    for child in ("id", "title", "updated"):
        found = element.find(f"{ATOM}{child}")
        text = (found.text or "").strip() if found is not None else ""
        if not text:
            yield f"{name} has no <{child}>"
        elif child == "updated" and not _is_rfc3339(text):
            yield f'{name} <updated> "{text}" is not an RFC 3339 date-time'
    if name != "feed" and element.find(f"{ATOM}link") is None:
        yield f"{name} has no <link>"


def _is_rfc3339(text: str) -> bool:
    try:
        moment = datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return False
    return "T" in text and moment.tzinfo is not None


def _feed_site_base(feed_path: str, self_href: str) -> str:
    """The site's URL from the feed's absolute self link (``''`` when it is relative)."""
    if urlsplit(self_href).scheme and self_href.endswith("/" + feed_path):
        return self_href[: -len(feed_path)]
    return ""


def _parse_xml(path: Path) -> tuple[lxml.etree._Element | None, str]:
    parser = lxml.etree.XMLParser(resolve_entities=False, no_network=True)
    try:
        return lxml.etree.parse(str(path), parser).getroot(), ""
    except lxml.etree.XMLSyntaxError as exc:
        return None, str(exc)


def configured_base_url(site_yaml: Path) -> str | None:
    """The ``base_url`` of ``site_yaml``, unless it is missing or a placeholder.

    Raises ``ConfigError`` when the file exists but is not a valid ``site.yaml``.
    """
    if not site_yaml.is_file():
        return None
    configured = load_config(site_yaml).base_url
    return configured if configured and unpublishable_address(configured) is None else None


def site_urls(
    output_dir: Path, files: frozenset[str], pages: dict[str, HtmlPage]
) -> Iterator[tuple[str, str]]:
    """``(path, url)`` for each absolute URL by which the site names itself."""
    for path, page in sorted(pages.items()):
        head = page.tree.xpath(
            "//head/link[@rel='canonical' or @rel='alternate']/@href"
            " | //head/meta[@property='og:url']/@content"
        )
        yield from ((path, str(url)) for url in head if urlsplit(str(url)).scheme)
    for path in sorted(files):
        if posixpath.basename(path) == "feed.xml":
            yield from ((path, url) for url in _xml_urls(output_dir / path, "//@href"))
    if SITEMAP_FILE in files:
        # The first <loc> only: check_sitemap holds the others to the home page's base URL.
        locs = _xml_urls(output_dir / SITEMAP_FILE, "//*[local-name()='loc']/text()")
        yield from ((SITEMAP_FILE, url) for url in locs[:1])
    if "robots.txt" in files:
        for line in (output_dir / "robots.txt").read_text("utf-8", "replace").splitlines():
            key, _, value = line.partition(":")
            if key.strip().lower() == "sitemap":
                yield "robots.txt", value.strip()


def _xml_urls(path: Path, xpath: str) -> list[str]:
    """The absolute URLs ``xpath`` finds in an XML file; none if it does not parse."""
    root, _ = _parse_xml(path)  # a broken file is reported by its own check
    found = [] if root is None else [str(url).strip() for url in root.xpath(xpath)]
    return [url for url in found if urlsplit(url).scheme]


def check_site_urls(
    urls: Iterable[tuple[str, str]], base_url: str | None
) -> Iterator[CheckProblem]:
    """One problem for each file with a URL off ``base_url``, or unpublishable without one.

    With ``base_url`` every URL must start with it (so a loopback or placeholder
    address fails); without, no URL may point at a loopback address. A site built
    without a base URL has no absolute URLs of its own, so it passes either way.
    """
    by_file: dict[str, list[str]] = {}
    for path, url in urls:
        if message := _url_problem(url, base_url):
            by_file.setdefault(path, []).append(message)
    for path, messages in by_file.items():
        more = f" (and {len(messages) - 1} more URLs)" if len(messages) > 1 else ""
        yield CheckProblem(path, messages[0] + more)


def _url_problem(url: str, base_url: str | None) -> str | None:
    if base_url is not None:
        return None if url.startswith(base_url) else f"{url} is not under {base_url}"
    # With no real base URL expected, a placeholder domain is the archive not yet set up;
    # a loopback address is always a preview's, never a publication's.
    if _is_loopback(_host(url)):
        return f"{url} points at a loopback address; rebuild with the real --base-url"
    return None


def unpublishable_address(url: str) -> str | None:
    """Why no published site lives at ``url`` (a loopback or placeholder host), else ``None``.

    >>> unpublishable_address("http://127.0.0.1:8000/index.html")
    'a loopback address'
    >>> unpublishable_address("https://www.example.org/archiwum/")
    'the placeholder domain example.org'
    >>> unpublishable_address("https://archiwum.pl/") is None
    True
    """
    host = _host(url)
    if _is_loopback(host):
        return "a loopback address"
    for domain in PLACEHOLDER_DOMAINS:
        if host == domain or host.endswith("." + domain):
            return f"the placeholder domain {domain}"
    return None


def _host(url: str) -> str:
    try:
        return (urlsplit(url).hostname or "").rstrip(".")
    except ValueError:  # a malformed [IPv6] host
        return ""


def _is_loopback(host: str) -> bool:
    return host == "localhost" or host.endswith(".localhost") or _is_local_ip(host)


def _is_local_ip(host: str) -> bool:
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False
    return address.is_loopback or address.is_unspecified  # 0.0.0.0 reaches this machine


def find_vnu_jar(environ: dict[str, str] | None = None, cwd: Path | None = None) -> Path | None:
    """``$SITEGEN_VNU_JAR``, else ``node_modules/vnu-jar/build/dist/vnu.jar`` under ``cwd``."""
    environ = dict(os.environ) if environ is None else environ
    candidates = [Path(environ[VNU_JAR_ENV])] if environ.get(VNU_JAR_ENV) else []
    candidates.append((cwd or Path.cwd()) / VNU_JAR_IN_NODE_MODULES)
    return next((c for c in candidates if c.is_file()), None)


def vnu_available() -> bool:
    """Whether ``check_site`` can run the Nu HTML checker (Java on PATH and a ``vnu.jar``)."""
    return shutil.which("java") is not None and find_vnu_jar() is not None


def validate_with_vnu(output_dir: Path, page_paths: Iterable[str]) -> list[CheckProblem]:
    """The Nu HTML checker's errors on the pages, in one Java run; none without Java or jar."""
    java, jar, paths = shutil.which("java"), find_vnu_jar(), list(page_paths)
    if java is None or jar is None or not paths:
        return []
    command = [java, "-jar", str(jar.resolve()), "--errors-only", "--format", "json", *paths]
    result = subprocess.run(command, cwd=output_dir, capture_output=True, text=True, check=False)
    try:
        messages = json.loads(result.stderr or result.stdout)["messages"]
    except (ValueError, KeyError):
        detail = (result.stderr or result.stdout).strip().splitlines()
        return [CheckProblem(".", f"vnu.jar failed: {detail[-1] if detail else result.returncode}")]
    root = output_dir.resolve()
    problems = []
    for message in messages:
        location = unquote(urlsplit(str(message.get("url", ""))).path)
        try:
            path = Path(location).resolve().relative_to(root).as_posix()
        except ValueError:
            path = location or "."
        line = message.get("lastLine")
        text = str(message.get("message", "")).strip()
        problems.append(CheckProblem(path, text, int(line) if line is not None else None))
    return problems
