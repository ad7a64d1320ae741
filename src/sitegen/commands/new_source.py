"""``sitegen new``: start a source in ``content/sources/`` with a sidecar stub to fill in.

``new_from_file`` copies a clipping byte for byte under the collection's next
name (``005_astana-forum.txt``: one more than the highest number, then the
headline's slug); ``new_from_title`` starts a text holding only its headline.
Either way the loader reads the new text at once and the sidecar stub
``NAME.yaml`` shows what it found (commented out, to uncomment and correct)
and leaves empty the keys it could not fill. Its ``slug:`` line fixes the
article's address: the headline's slug, free among the collection's addresses
(``current_addresses``). Nothing is ever overwritten.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml

from sitegen.core.errors import ConfigError, ContentError, Diagnostic
from sitegen.core.records import ArticleRecord, Provenance
from sitegen.core.urls import article_neutral_path, ascii_slug
from sitegen.engine.addresses import article_addresses
from sitegen.engine.cache import CACHE_DIR, load_record_memo
from sitegen.engine.incremental import source_memo
from sitegen.load.loader import load_collection, load_source
from sitegen.load.parsing.article import parse_article
from sitegen.load.sidecar import sidecar_path
from sitegen.load.slugs import first_free, headline_slug
from sitegen.load.sources import SOURCE_SUFFIX, decode_source_bytes

NAME_SLUG_LIMIT = 50  # a file name to read in a listing, not an address: shorter
ENTITIES_SHOWN = 18
CHECKSUMS = "SHA256SUMS"
_NUMBERED = re.compile(r"^(\d+)_")
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
# Keys the stub shows: found ones commented out with their provenance, missing ones empty.
_STUB_KEYS = ("title", "date", "language", "publisher", "author", "source_url")
_HINTS = {
    "title": "the headline, for a text that has none",
    "date": "YYYY-MM-DD, YYYY-MM or YYYY (the form gives the precision)",
    "publisher": "who published the text",
    "author": "who wrote it, if the text says elsewhere",
    "source_url": "the page's http(s):// address",
}


@dataclass(frozen=True)
class NewSource:
    source: Path
    sidecar: Path
    diagnostics: tuple[Diagnostic, ...]
    """What the loader said about the new text."""
    checksum_added: bool
    """Whether its SHA-256 line was appended to ``content/SHA256SUMS``."""
    slug: str | None = None
    """The article's address, fixed in the stub (``None`` when the text could not be read)."""


def new_from_file(content_dir: Path, clipping: Path, name: str | None = None) -> NewSource:
    """Copy ``clipping`` into the collection, byte for byte, and write its sidecar stub."""
    try:
        raw = clipping.read_bytes()
    except OSError as exc:
        raise ConfigError(f"{clipping}: cannot read: {exc.strerror or exc}") from None
    decoded = decode_source_bytes(raw)
    if isinstance(decoded, str):
        raise ContentError([Diagnostic(str(clipping), None, decoded)])
    text, _ = decoded
    if not text.strip():
        raise ContentError([Diagnostic(str(clipping), None, "the file is empty")])
    _refuse_a_copy(content_dir / "sources", raw, clipping)
    title = parse_article(text).title or clipping.stem
    return _create(content_dir, raw, name or next_source_name(content_dir / "sources", title))


def new_from_title(content_dir: Path, title: str, name: str | None = None) -> NewSource:
    """Start a source holding only ``title``, to paste the text under, and its sidecar stub."""
    title = " ".join(title.split())
    if not title:
        raise ConfigError("the title is empty")
    raw = f"{title}\n".encode()
    return _create(content_dir, raw, name or next_source_name(content_dir / "sources", title))


def next_source_name(sources_dir: Path, title: str) -> str:
    """The collection's next free number, as wide as the others, then the title's slug.

    >>> next_source_name(Path("no-such-folder"), "Forum w Astanie: dzień drugi")
    '001_forum-w-astanie-dzien-drugi'
    """
    numbered = [m.group(1) for p in _names_in(sources_dir) if (m := _NUMBERED.match(p))]
    number = max((int(n) for n in numbered), default=0) + 1
    width = max([3, *(len(n) for n in numbered)])
    slug = ascii_slug(title, NAME_SLUG_LIMIT)
    return f"{number:0{width}d}_{slug or 'source'}"


def _refuse_a_copy(sources_dir: Path, raw: bytes, clipping: Path) -> None:
    """The same evidence twice would be two records of one text."""
    for path in sorted(sources_dir.glob(f"*{SOURCE_SUFFIX}")):
        if path.is_file() and path.stat().st_size == len(raw) and path.read_bytes() == raw:
            raise ConfigError(f"{clipping}: already in the collection, byte for byte, as {path}")


def _names_in(folder: Path) -> list[str]:
    return [p.name for p in folder.iterdir()] if folder.is_dir() else []


def _create(content_dir: Path, raw: bytes, name: str) -> NewSource:
    if not _NAME.match(name) or name.endswith(SOURCE_SUFFIX):
        raise ConfigError(
            f"not a usable name: {name!r} (letters, digits, '_', '-' and '.', without .txt)"
        )
    if not content_dir.is_dir():
        raise ConfigError(f"content folder not found: {content_dir}")
    sources = content_dir / "sources"
    source = sources / f"{name}{SOURCE_SUFFIX}"
    sidecar = sidecar_path(source)
    for path in (source, sidecar):
        if path.exists():
            raise ConfigError(f"{path} already exists; sitegen new never overwrites a file")
    sources.mkdir(exist_ok=True)
    taken = current_addresses(content_dir)  # before the new text joins them
    _write_new(source, raw)
    try:
        record, found = load_source(content_dir, source)
        own = tuple(d for d in found.sorted() if d.path == str(source))
        slug = first_free(headline_slug(record), taken) if record else None
        _write_new(sidecar, sidecar_stub(source.name, record, own, slug).encode())
    except BaseException:
        source.unlink()  # created above by us alone: leave the folder as it was
        raise
    added = _add_checksum(content_dir / CHECKSUMS, source.name, raw)
    return NewSource(source, sidecar, own, added, slug)


def current_addresses(content_dir: Path, cache_dir: Path = CACHE_DIR) -> frozenset[str]:
    """Every slug and alias the collection's articles have now, as a build would give them.

    A headline's slug depends on every other headline, so the collection is loaded
    whole, with the last build's record memo: at 10,000 sources that takes a few
    seconds (a text whose bytes changed since is read again), against half a
    minute on two cores without the cache. The cache is only read: it is the
    build's.
    """
    collection = load_collection(
        content_dir, source_memo(content_dir, load_record_memo(cache_dir).entries)
    )
    return frozenset(article_addresses(collection.records))


def _write_new(path: Path, content: bytes) -> None:
    try:
        with path.open("xb") as file:  # "x": fail rather than overwrite, even in a race
            file.write(content)
    except FileExistsError:
        raise ConfigError(f"{path} already exists; sitegen new never overwrites a file") from None
    except OSError as exc:
        raise ConfigError(f"{path}: cannot write: {exc.strerror or exc}") from None


def _add_checksum(manifest: Path, name: str, raw: bytes) -> bool:
    """Append the source's line to the collection's checksum manifest, when it keeps one."""
    if not manifest.is_file():
        return False
    text = manifest.read_text(encoding="utf-8")
    line = f"{hashlib.sha256(raw).hexdigest()}  {name}\n"
    with manifest.open("a", encoding="utf-8") as file:
        file.write(("\n" if text and not text.endswith("\n") else "") + line)
    return True


def sidecar_stub(
    source_name: str,
    record: ArticleRecord | None,
    diagnostics: Sequence[Diagnostic] = (),
    slug: str | None = None,
) -> str:
    """A sidecar that loads cleanly: what was found as comments, what was not as empty keys.

    ``slug`` fixes the article's address, so that correcting its title later does not move it.

    >>> print(sidecar_stub("005_x.txt", None).splitlines()[0])
    # Sidecar of 005_x.txt, started by `sitegen new`: what the text cannot say.
    """
    lines = [
        f"# Sidecar of {source_name}, started by `sitegen new`: what the text cannot say.",
        "# Every key is optional; a value here replaces what the loader read from the text.",
        "# Say why in notes: readers see them. Keys and forms: README.md, section Sidecars.",
    ]
    found, missing = _found_and_missing(record)
    if found:
        lines += ["#", "# The loader read from the text (uncomment a line to correct it):"]
        lines += [f"# {_yaml_line(key, value)}  # {where}" for key, value, where in found]
    if record is not None and record.entities:
        names = [f"{e.id} ×{e.count}" for e in record.entities[:ENTITIES_SHOWN]]
        if len(record.entities) > ENTITIES_SHOWN:
            names.append(f"and {len(record.entities) - ENTITIES_SHOWN} more")
        lines += ["#", "# Entities and topics found (ids for tags / remove_tags):"]
        lines += [f"#   {', '.join(names[i : i + 6])}" for i in range(0, len(names), 6)]
    if diagnostics:
        lines += ["#", "# The loader said:"]
        lines += [f"#   {d.severity}: {' '.join(d.message.split())}" for d in diagnostics]
    if slug:
        lines += [
            "",
            f"# The article's address is {article_neutral_path(slug)}: a new title keeps it.",
            "# To change it, list the old slug in aliases: [...], so that old links still work.",
            f"slug: {slug}",
        ]
    if missing:
        lines += ["", "# Not found in the text: fill in, or delete the line."]
        lines += [f"{key}:  # {_HINTS[key]}" for key in missing]
    lines += ["", "notes:  # how you dated, titled or attributed the text, and from what"]
    return "\n".join(lines) + "\n"


def _found_and_missing(
    record: ArticleRecord | None,
) -> tuple[list[tuple[str, str, str]], list[str]]:
    if record is None:
        return [], [key for key in _STUB_KEYS if key in _HINTS]
    values = {
        "title": record.title,
        "date": record.date.iso if record.date else None,
        "language": record.language,
        "publisher": record.publisher,
        "author": record.author,
        "source_url": record.source_url,
    }
    found: list[tuple[str, str, str]] = []
    missing: list[str] = []
    for key in _STUB_KEYS:
        value, where = values[key], record.provenance.get(key, Provenance("derived"))
        shown = str(where)
        if key == "date" and record.date_evidence:
            shown += f" ({record.date_evidence})"
        if key in record.unsure:
            shown += ", unsure: check it"
        if value:
            found.append((key, value, shown))
        # A headline made from the first sentence is a stand-in: ask for a real one.
        if not value or (key == "title" and where.origin == "derived"):
            missing.append(key)
    return found, missing


def _yaml_line(key: str, value: str) -> str:
    """``key: value`` quoted as YAML needs, on one line; a date as the curator would write it."""
    if key == "date":
        return f"date: {value}"
    dumped: str = yaml.safe_dump({key: value}, allow_unicode=True, width=10_000)
    return dumped.strip()
