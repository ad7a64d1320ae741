"""Article addresses: the slug of each record, and the old slugs that still lead to it.

An article's page is ``articles/SLUG.html``. The slug is the sidecar's ``slug:``
when the curator fixed it (``sitegen new`` writes one), otherwise the headline's
slug, numbered (``-2``, ``-3``) when another article has it already. The sidecar's
``aliases:`` are old slugs of the same article: each gets a redirect page.

>>> slug_for("Wizyta szefa BBN w Kazachstanie")
'wizyta-szefa-bbn-w-kazachstanie'
>>> print(slug_problem("Łódź"))
'Łódź' is not a slug: ASCII lower-case letters, digits and hyphens (did you mean 'lodz'?)
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

from sitegen.core.errors import Diagnostics
from sitegen.core.records import ArticleRecord, Provenance, origin_of
from sitegen.core.urls import ascii_slug

SLUG_LIMIT = 80
_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_NUMBER = re.compile(r"-[0-9]{1,6}$")


def slug_for(text: str) -> str:
    """ASCII slug of a title, at most ``SLUG_LIMIT`` characters, cut after a word."""
    return ascii_slug(text, SLUG_LIMIT)


def slug_problem(text: str) -> str | None:
    """Why ``text`` cannot be an article's address, with the slug it seems to mean; else ``None``.

    A slug is what the build makes: lower-case ASCII words joined by single hyphens,
    at most 80 characters before the number a repeated headline gets (``-2``).
    """
    if _SLUG.fullmatch(text) and len(_NUMBER.sub("", text)) <= SLUG_LIMIT:
        return None
    suggestion = slug_for(text)
    hint = f" (did you mean {suggestion!r}?)" if suggestion and suggestion != text else ""
    if _SLUG.fullmatch(text):
        return f"{text!r} is longer than {SLUG_LIMIT} characters{hint}"
    return f"{text!r} is not a slug: ASCII lower-case letters, digits and hyphens{hint}"


def headline_slug(record: ArticleRecord) -> str:
    """The slug a record's headline gives, before numbering."""
    return title_slug(record.title, record.id)


def title_slug(title: str, record_id: str) -> str:
    """The slug of a headline, before numbering (of the record's id when it gives none)."""
    return slug_for(title) or slug_for(record_id) or "article"


def first_free(base: str, taken: set[str] | frozenset[str]) -> str:
    """``base``, or ``base-2``, ``base-3``… : the first not in ``taken``."""
    slug, number = base, 1
    while slug in taken:
        number += 1
        slug = f"{base}-{number}"
    return slug


def fixed_slug(record: ArticleRecord) -> bool:
    """Whether the curator fixed the record's slug in its sidecar."""
    return origin_of(record.provenance, "slug") == "sidecar"


def assign_slugs(
    records: Iterable[ArticleRecord], diagnostics: Diagnostics, sources_dir: Path
) -> list[ArticleRecord]:
    """Give every record its slug: the sidecar's first, then the headlines' in id order.

    A headline's slug avoids the slugs sidecars fix, so a new ``slug:`` never
    moves a record that fixed its own. Two records claiming one slug, or an alias
    that is another record's slug or alias, is an error naming both files (the
    second record gets its headline's slug, so ``inspect`` still shows it). Equal
    headlines get a warning: their numbers follow the ids, and a ``slug:`` in the
    sidecar makes them last.
    """
    ordered = sorted(records, key=lambda r: r.id)
    owners = _fixed_slugs(ordered, diagnostics, sources_dir)
    taken = set(owners)
    # A headline slug's number depends on the records before it: say so for equal headlines.
    first_with: dict[str, ArticleRecord] = {}
    for record in owners.values():
        first_with.setdefault(headline_slug(record), record)
    result: list[ArticleRecord] = []
    for record in ordered:
        fixed = fixed_slug(record)
        if fixed and owners.get(record.slug) is record:
            result.append(record)
            continue
        # Read from a source, a record without a fixed slug has its headline's (assemble).
        base = record.slug if record.slug and not fixed else headline_slug(record)
        slug = first_free(base, taken)
        taken.add(slug)
        other = first_with.setdefault(base, record)
        # A number for a headline alike only in its first 80 characters comes quietly.
        numbered = slug != base and other is not record
        if numbered and other.title.casefold() == record.title.casefold():
            diagnostics.warning(
                sources_dir / record.source.file,
                _title_line(record),
                f"same headline as {other.source.file}; its page is {slug}.html "
                "(a slug: in its sidecar keeps that address)",
            )
        if fixed:  # a second claim of a fixed slug: the headline's instead
            result.append(replace(record, slug=slug, provenance=_derived(record)))
        elif slug != record.slug:
            result.append(replace(record, slug=slug))
        else:
            result.append(record)  # the memo's own object, whose digest is known
    _check_aliases(result, diagnostics, sources_dir)
    return result


def _fixed_slugs(
    ordered: list[ArticleRecord], diagnostics: Diagnostics, sources_dir: Path
) -> dict[str, ArticleRecord]:
    """Each slug a sidecar fixes → the first record (by id) fixing it; the others are errors."""
    owners: dict[str, ArticleRecord] = {}
    for record in filter(fixed_slug, ordered):
        owner = owners.setdefault(record.slug, record)
        if owner is not record:
            _report_taken(record, "slug", record.slug, owner, diagnostics, sources_dir)
    return owners


def _check_aliases(
    records: list[ArticleRecord], diagnostics: Diagnostics, sources_dir: Path
) -> None:
    """An alias is an old address of its own record: no record's slug, no other's alias."""
    owners = {record.slug: record for record in records}
    for record in records:
        for alias in record.aliases:
            owner = owners.setdefault(alias, record)
            if owner is not record:
                _report_taken(record, "aliases", alias, owner, diagnostics, sources_dir)
            elif alias == record.slug:
                diagnostics.error(
                    _sidecar(sources_dir, record),
                    None,
                    f"aliases: {alias!r} is this article's own slug; an alias is an old address",
                )


def _report_taken(  # noqa: PLR0917 - the two records and what they both claim
    record: ArticleRecord,
    key: str,
    slug: str,
    owner: ArticleRecord,
    diagnostics: Diagnostics,
    sources_dir: Path,
) -> None:
    what = "slug" if owner.slug == slug else "alias"
    diagnostics.error(
        _sidecar(sources_dir, record),
        None,
        f"{key}: {slug!r} is already the {what} of {owner.source.file} "
        f"({_sidecar(sources_dir, owner).name}): one address, one article",
    )


def _sidecar(sources_dir: Path, record: ArticleRecord) -> Path:
    return (sources_dir / record.source.file).with_suffix(".yaml")


def _derived(record: ArticleRecord) -> dict[str, Provenance]:
    """Provenance without ``slug: sidecar`` (a second claim of a slug loses it)."""
    return {
        k: v for k, v in record.provenance.items() if not (k == "slug" and v.origin == "sidecar")
    }


def _title_line(record: ArticleRecord) -> int | None:
    where = record.provenance.get("title")
    return where.line if where is not None else None
