"""``sitegen check`` on addresses: redirect pages, and article addresses the last build lost.

A redirect page stands at an article's old address (a sidecar's ``aliases``).
It is recognised by its ``<meta http-equiv="refresh">`` together with
``<meta name="robots" content="noindex">``; it lacks a page's elements on
purpose, no page links to it and the sitemap leaves it out. What it must have:
``lang``, a title, a relative refresh URL naming a page of the site that is no
redirect itself, a visible link to that page and a canonical link to it.

An article's address of an earlier build that is gone without a redirect is
known only to the build cache (``addresses.py``): ``lost_address_problems``
reads it.

Problems are ``(path, message)`` pairs; ``check.py`` turns them into ``CheckProblem``.

>>> refresh_url("0; url=../articles/nowy.html"), refresh_url("5;URL='a.html'"), refresh_url("0")
('../articles/nowy.html', 'a.html', None)
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterator, Mapping
from pathlib import Path
from urllib.parse import urlsplit

import lxml.html

from sitegen.engine.addresses import lost_address_problem
from sitegen.engine.cache import load_manifest

Problem = tuple[str, str]
Resolve = Callable[[str, str], str | None]
"""``check.resolve_link``: (page path, relative link) → path from the site root, or ``None``."""

_IS_REFRESH = "translate(@http-equiv, 'REFSH', 'refsh')='refresh'"  # HTML is case-blind here
_REFRESH = re.compile(r"\s*\d+(?:\.\d*)?\s*[;,]\s*url\s*=\s*(['\"]?)(?P<url>.*?)\1\s*", re.I)


def is_redirect_page(tree: lxml.html.HtmlElement) -> bool:
    """A meta refresh and ``noindex``: an old address sending readers on, not a page."""
    robots = tree.xpath("//head/meta[@name='robots']/@content")  # none on most pages: first
    if not any("noindex" in str(value).lower() for value in robots):
        return False
    return bool(tree.xpath(f"//head/meta[{_IS_REFRESH}]"))


def refresh_url(content: str) -> str | None:
    """The URL of a meta refresh's ``content`` (``0; url=new.html``); ``None`` if it has none."""
    match = _REFRESH.fullmatch(content)
    return (match.group("url").strip() or None) if match else None


def redirect_problems(
    path: str,
    tree: lxml.html.HtmlElement,
    redirects: Collection[str],
    pages: Collection[str],
    resolve: Resolve,
) -> Iterator[Problem]:
    """What the redirect page at ``path`` lacks, or where it leads wrong."""
    if not str(tree.get("lang") or "").strip():
        yield path, "<html> has no lang attribute"
    if not "".join(str(t) for t in tree.xpath("//head/title//text()")).strip():
        yield path, "no <title> or an empty one"
    contents = tree.xpath(f"//head/meta[{_IS_REFRESH}]/@content")
    link = refresh_url(str(contents[0])) if contents else None
    if link is None:
        yield path, 'redirect without a URL in its <meta http-equiv="refresh">'
        return
    parts = urlsplit(link)
    if parts.scheme or parts.netloc or link.startswith("/"):
        yield path, f'redirect to "{link}" is not relative: it breaks from file:// or another host'
        return
    target = resolve(path, link)
    if target is None or target not in pages:
        yield path, f'redirect to "{link}" leads to no page of the site'
        return
    if target in redirects:
        yield path, f'redirect to "{link}", itself a redirect: point at the page'
    hrefs = {resolve(path, str(href)) for href in tree.xpath("//body//a/@href")}
    if target not in hrefs:
        yield path, f'redirect without a visible link to "{link}"'
    yield from _canonical_problems(path, tree, target, resolve)


def _canonical_problems(
    path: str, tree: lxml.html.HtmlElement, target: str, resolve: Resolve
) -> Iterator[Problem]:
    canonical = [str(href) for href in tree.xpath("//head/link[@rel='canonical']/@href")]
    if not canonical:
        yield path, 'redirect without a <link rel="canonical"> to its target'
        return
    href = canonical[0]
    if urlsplit(href).scheme:
        right = urlsplit(href).path.endswith("/" + target)
    else:
        right = resolve(path, href) == target
    if not right:
        yield path, f'canonical link "{href}" is not the redirect\'s target {target}'


def lost_address_problems(
    output_dir: Path, files: Collection[str], cache_dir: Path
) -> Iterator[Problem]:
    """Addresses the last build into ``output_dir`` reported gone, and still no file.

    The build cache in ``cache_dir`` knows them; without it (a first build, a
    ``--clean`` one, another machine) there is nothing to report.
    """
    manifest = load_manifest(cache_dir, output_dir.resolve())
    lost: Mapping[str, str] = manifest.lost if manifest else {}
    for path, article in sorted(lost.items()):
        if path not in files:
            yield path, lost_address_problem(path, article)
