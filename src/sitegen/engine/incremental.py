"""When a build skips work: the one module that decides, at each of its three levels.

- **The whole build** (``probe_cache``): the inputs' fingerprint (content,
  templates, sitegen itself, the options that change output) equals the last
  build's into the same folder, and that folder is as the build left it: nothing
  is loaded, rendered or written.
- **A source** (``source_memo``): a source whose text, sidecar and shared
  inputs (gazetteer, ``site.yaml``, sitegen) are unchanged is not read again;
  its record comes from the memo in the cache (``load.memo``).
- **A page** (``reuse_or_make_page``): a page whose key equals the one the last
  build wrote it from, and whose file is untouched, is linked into the new build
  as it was (same bytes, inode and mtime). A keyed plan (``render.pages``) names
  its inputs before the page is made, so an unchanged article is not even
  planned; its key is by construction what its page function consumes. Other
  pages are made, and keyed by their context.

The cache is an optimisation only: ``--clean`` gives the same bytes.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, fields
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from sitegen.core.errors import Diagnostics
from sitegen.core.fingerprint import (
    FileHashes,
    ValueDigests,
    package_fingerprint,
    update_with_value,
)
from sitegen.core.forking import started_beside
from sitegen.engine.build_options import BuildOptions, BuildReport, stop_on_problems
from sitegen.engine.cache import (
    FileEntry,
    Manifest,
    input_fingerprint,
    load_file_hashes,
    load_manifest,
    load_stamp,
    output_listing,
    save_file_hashes,
    stamp_path,
)
from sitegen.load.memo import Pickle, RecordMemo, SourceMemo
from sitegen.render.plans import KeyedPagePlan, PagePlan

if TYPE_CHECKING:  # a build with nothing to do imports this module, and must stay quick
    from sitegen.core.records import ArticleRecord
    from sitegen.engine.output import Writer
    from sitegen.render.planner import Page


@dataclass(frozen=True)
class CacheProbe:
    """What the cache says about a build before anything is loaded."""

    fingerprint: str
    output_dir: Path
    previous: Manifest | None
    """The last build into the same output folder, if the cache has its manifest; not read
    when there is nothing to do (the stamp tells that)."""
    unchanged: BuildReport | None
    """The report of a build with nothing to do, or ``None`` when there is work."""
    hashes: FileHashes
    """The input files' hashes, for the next build (saved by a build that succeeds)."""
    output_intact: bool = False
    """Whether every file of ``previous`` is in the output folder as it left it, and no
    other: the folder's listing (paths, sizes, modification times) is the last stamp's."""


def probe_cache(options: BuildOptions) -> CacheProbe:
    """Fingerprint the inputs and compare them with the last build's manifest.

    Raises ``ContentError`` when the build would do nothing but the last one's
    warnings fail it under ``strict``.
    """
    started = time.monotonic()
    output_dir = options.output_dir.resolve()
    stamped = not options.clean and stamp_path(options.cache_dir, output_dir).is_file()
    listed = partial(output_listing, output_dir)
    # Both halves of the check are mostly stat calls: the output's listing goes on beside.
    with started_beside(listed) if stamped else contextlib.nullcontext(listed) as listing:
        hashes = FileHashes() if options.clean else load_file_hashes(options.cache_dir)
        stamp = load_stamp(options.cache_dir, output_dir) if stamped else None
        fingerprint = input_fingerprint(
            options.content_dir,
            options.local_templates,
            {
                "base_url": options.base_url,
                "output_dir": str(output_dir),
                "SOURCE_DATE_EPOCH": os.environ.get("SOURCE_DATE_EPOCH"),
            },
            hashes,
        )
        if stamp is not None and stamp.fingerprint == fingerprint and stamp.listing == listing():
            stop_on_problems(Diagnostics(list(stamp.diagnostics)), options.strict)
            save_file_hashes(options.cache_dir, hashes)
            report = BuildReport(
                pages=stamp.pages,
                files=stamp.files,
                unchanged=stamp.files,
                seconds=round(time.monotonic() - started, 3),
                diagnostics=list(stamp.diagnostics),
            )
            return CacheProbe(fingerprint, output_dir, None, report, hashes)
        previous = None if options.clean else load_manifest(options.cache_dir, output_dir)
        # The stamp is saved after the manifest, from its entries: the output's listing
        # equal to the stamp's says the folder holds exactly the files the manifest lists.
        intact = previous is not None and stamp is not None and stamp.listing == listing()
    return CacheProbe(fingerprint, output_dir, previous, None, hashes, intact)


def source_memo(
    content_dir: Path, entries: RecordMemo, hashes: FileHashes | None = None
) -> SourceMemo:
    """The last build's records, keyed by what each source's record depends on.

    ``hashes``: the input files' hashes the fingerprint took (``CacheProbe.hashes``): a
    source it hashed is not read again (13,000 files and 0.2 s at 10,000 articles).
    """
    shared = hashlib.sha256(package_fingerprint().encode())
    for name in ("entities.yaml", "site.yaml"):
        path = content_dir / name
        shared.update(path.read_bytes() if path.is_file() else b"-")
    shared_key = shared.digest()

    def key(files: tuple[Path, ...]) -> str:
        digest = hashlib.sha256(shared_key + str(files[0]).encode())
        for file in files:
            taken = hashes.taken(str(file)) if hashes is not None else None
            if taken is not None:
                digest.update(taken)
                continue
            # Missing, unreadable or not a regular file (a pipe would block): reading says so.
            try:
                digest.update(
                    hashlib.sha256(file.read_bytes()).digest() if file.is_file() else b"-"
                )
            except OSError:
                digest.update(b"-")
        return digest.hexdigest()

    return SourceMemo(entries, key)


def record_digests(
    records: Iterable[ArticleRecord], memo: RecordMemo, pickled: Mapping[str, Pickle]
) -> list[tuple[ArticleRecord, bytes]]:
    """Each record with a digest of its content, from the memo's bytes rather than a new pickle.

    A record read from a source is its memo entry (whose bytes ``pickled`` holds, by key)
    but for what the whole collection changed after (its slug; surnames joined): the digest
    is the entry's and, by name, each field that is no longer the entry's own object.
    Pickling 10,000 records again took each worker a second.
    """
    read: dict[str, tuple[ArticleRecord, bytes]] = {}
    for key, entry in memo.items():
        if entry.record is not None:
            read[entry.record.id] = (entry.record, hashlib.sha256(pickled[key]).digest())
    digests = []
    for record in records:
        original, entry_digest = read[record.id]  # every record of a collection is an entry's
        digest = hashlib.sha256(entry_digest)
        for field in fields(record):
            value = getattr(record, field.name)
            if value is not getattr(original, field.name):
                digest.update(field.name.encode())
                update_with_value(digest, value)
        digests.append((record, digest.digest()))
    return digests


class PageKeys:
    """What a page's HTML depends on: the templates, sitegen, and the values it is made from.

    Article records and cards recur in many pages (a card is in its entities' and
    years' lists, in related lists, beside its neighbours): ``recurring`` types are
    pickled once a build and stand in every other key by their digest.
    """

    def __init__(
        self,
        templates_fingerprint: str,
        recurring: tuple[type, ...] = (),
        known: Iterable[tuple[object, bytes]] = (),
    ) -> None:
        """``known``: digests of recurring objects worked out before (``record_digests``)."""
        self._templates = templates_fingerprint.encode()
        self._values = ValueDigests(recurring, known)

    def key(self, template: str, context: object) -> str:
        digest = hashlib.sha256(self._templates + template.encode())
        self._values.update(digest, context)
        return digest.hexdigest()

    def digest_of(self, value: object) -> bytes:
        """The digest of a record (or another ``recurring`` value), as keys hold it."""
        return self._values.recurring_digest(value)


class MadePage(NamedTuple):
    """A page's file, and whether it was rendered (not taken over from the last build)."""

    path: str
    entry: FileEntry
    rendered: bool


def reuse_or_make_page(
    plan: PagePlan | KeyedPagePlan[Any],
    writer: Writer,
    keys: PageKeys,
    render: Callable[[Page], str],
) -> MadePage:
    """Write one page, or take the last build's file over when its key is unchanged."""
    if isinstance(plan, KeyedPagePlan):
        inputs = plan.inputs()
        key = keys.key(plan.path, (plan.shared, inputs))
        taken = writer.take_over(plan.path, key)
        if taken:
            return MadePage(plan.path, taken, rendered=False)
        page = plan.make_from(inputs)
    else:
        page = plan.make()
        key = keys.key(page.template, page.context)
        taken = writer.take_over(page.path, key)
        if taken:
            return MadePage(page.path, taken, rendered=False)
    return MadePage(page.path, writer.write(page.path, render(page), key), rendered=True)
