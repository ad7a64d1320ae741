"""Addresses a build loses: article pages of an earlier build that are gone without a redirect.

Citations, search engines and other archives keep an article's address for
years, so an article whose page moved (a new ``slug:``, or a corrected headline
when no ``slug:`` fixed it) while its old address leads nowhere is worth a
warning naming the fix: the old slug in the sidecar's ``aliases``. The build
compares its pages with the previous build into the same folder, whose
manifest (``cache.py``) says which article each address belonged to, and keeps
what was lost in its own manifest for ``sitegen check``. Nothing of this
reaches ``build/``: its bytes never depend on the previous build.

A lost address is reported at every build until it leads somewhere again, and
only while the fix exists: the article is still in the collection and has a
page in that language folder. Other pages that disappear (a deleted article's,
an entity's no text names any more, a language dropped from ``site.yaml``) have
no redirect to give, and go as the summary's "removed". A first build and a
``--clean`` one compare with nothing.

>>> article_slug("en/articles/forum.html"), article_slug("countries/kazakhstan.html")
('forum', None)
"""

from __future__ import annotations

import posixpath
from collections.abc import Collection, Iterable, Mapping
from pathlib import Path

from sitegen.core import urls
from sitegen.core.errors import Diagnostic
from sitegen.core.records import ArticleRecord
from sitegen.engine.cache import Manifest

ARTICLES = posixpath.dirname(urls.article_neutral_path("x"))
GONE = "was a page of an earlier build and is gone, with no redirect"
WARNINGS_SHOWN = 50
"""Lost addresses warned about one by one; ``sitegen check`` lists them all."""


def article_addresses(records: Iterable[ArticleRecord]) -> dict[str, str]:
    """Every slug and alias of the collection → the id of its article (kept in the manifest)."""
    addresses: dict[str, str] = {}
    for record in records:
        addresses[record.slug] = record.id
        addresses.update(dict.fromkeys(record.aliases, record.id))
    return dict(sorted(addresses.items()))


def lost_addresses(
    previous: Manifest | None, pages: Collection[str], records: Iterable[ArticleRecord]
) -> dict[str, str]:
    """Article addresses of earlier builds that no page or redirect answers now → article id.

    ``previous``: the manifest of the last build into the same folder (``None`` on a
    first build and with ``--clean``: then nothing was lost); ``pages``: every HTML
    page of this build, redirects included.
    """
    if previous is None:
        return {}
    slugs = {record.id: record.slug for record in records}
    earlier = dict(previous.lost)  # reported before, and maybe still lost
    for path in previous.files:
        slug = article_slug(path)
        if slug is not None and slug in previous.addresses:
            earlier[path] = previous.addresses[slug]
    return {
        path: article
        for path, article in sorted(earlier.items())
        if path not in pages and _sibling(path, slugs.get(article)) in pages
    }


def _sibling(path: str, slug: str | None) -> str | None:
    """The page of ``slug`` in the folder of ``path`` (where an alias would send readers)."""
    return posixpath.join(posixpath.dirname(path), f"{slug}.html") if slug else None


def article_slug(path: str) -> str | None:
    """The slug of an article page or redirect (``articles/x.html``, ``en/articles/x.html``)."""
    folder, name = posixpath.split(path)
    if posixpath.basename(folder) != ARTICLES or folder.count("/") > 1:
        return None
    return name.removesuffix(".html") if name.endswith(".html") else None


def lost_address_warnings(
    lost: Mapping[str, str],
    records: Iterable[ArticleRecord],
    output_dir: str,
    sources_dir: Path,
) -> list[Diagnostic]:
    """One warning per lost address (at most ``WARNINGS_SHOWN``), naming the alias to add.

    ``output_dir`` is the output folder as the user would write it (``build``).
    """
    by_id = {record.id: record for record in records}
    warnings = [
        Diagnostic(
            f"{output_dir}/{path}",
            None,
            lost_address_message(path, by_id[article], sources_dir),
            "warning",
        )
        for path, article in lost.items()
    ]
    if len(warnings) > WARNINGS_SHOWN:
        more = len(warnings) - WARNINGS_SHOWN
        warnings[WARNINGS_SHOWN:] = [
            Diagnostic(
                output_dir,
                None,
                f"{more} more addresses of earlier builds are gone (sitegen check lists them)",
                "warning",
            )
        ]
    return warnings


def lost_address_message(path: str, record: ArticleRecord, sources_dir: Path) -> str:
    """What the build's warning about the lost address ``path`` of ``record`` says."""
    sidecar = (sources_dir / record.source.file).with_suffix(".yaml")
    return (
        f"{GONE}: it was the page of {record.source.file}, now {_sibling(path, record.slug)}; "
        f'add "aliases: [{article_slug(path)}]" to {sidecar} to keep the old address working'
    )


def lost_address_problem(path: str, article: str) -> str:
    """What ``sitegen check`` says about the lost address ``path`` (it knows no records)."""
    alias = f"aliases: [{article_slug(path)}]"
    return f'{GONE} (a page of article {article}: add "{alias}" to its sidecar)'
