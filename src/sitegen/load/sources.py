"""Find and decode the raw source texts in ``content/sources/``.

Decoding accepts UTF-8 (with or without BOM, CRLF or CR line ends) and, when
it is unambiguous, the legacy Polish encodings cp1250 and ISO-8859-2 (with a
warning). Anything else is a ``path: message`` error, never a traceback.
"""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass
from pathlib import Path

from sitegen.core.errors import Diagnostics
from sitegen.core.files import resolve_within

SOURCE_SUFFIX = ".txt"
SIDECAR_SUFFIX = ".yaml"
_POLISH_LETTERS = set("ąćęłńóśźżĄĆĘŁŃÓŚŹŻ")
# Characters a cp1250/ISO-8859-2 mix-up typically produces instead of Polish letters.
_MOJIBAKE = set("±¶ľˇ¦¬šĽ") | {chr(c) for c in range(0x80, 0xA0)}
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# Code points that are no text: controls but tab and newline, and Unicode noncharacters.
# XML forbids most of them (one made feed.xml unreadable) and HTML calls them parse
# errors, so the record gets a space instead; the raw copy in sources/ keeps them.
NOT_TEXT = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufdd0-\ufdef"
    + "".join(chr(plane + 0xFFFE) + chr(plane + 0xFFFF) for plane in range(0, 0x110000, 0x10000))
    + "]"
)


@dataclass(frozen=True)
class SourceText:
    """A decoded source: its text with ``\\n`` line ends, and the raw bytes' identity."""

    path: Path
    name: str
    text: str
    sha256: str
    size: int
    encoding: str


def discover_sources(sources_dir: Path, diagnostics: Diagnostics) -> list[Path]:
    """Every ``*.txt`` directly in ``sources_dir``, sorted by name.

    Nothing else in the folder is dropped silently: a file of another kind, a
    sub-folder, a name that is not UTF-8, and a symbolic link pointing outside
    the folder (the collection must be self-contained evidence, and a link must
    not publish ``/etc/passwd``) are each named in an error. Sidecars (``.yaml``)
    are read with their text. Hidden files (``.gitkeep``, an editor's ``.swp``)
    belong to tools, not to the collection, and are skipped.
    """
    if not sources_dir.is_dir():
        diagnostics.error(sources_dir, None, "the sources folder does not exist")
        return []
    found: list[Path] = []
    with os.scandir(sources_dir) as scanned:
        entries = sorted(scanned, key=lambda entry: entry.name)
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = sources_dir / entry.name
        problem = _why_not_readable(path, sources_dir, entry)
        if problem is not None:
            diagnostics.error(path, None, problem)
        elif path.suffix == SOURCE_SUFFIX:
            found.append(path)
    return found


def _why_not_readable(path: Path, sources_dir: Path, entry: os.DirEntry[str]) -> str | None:
    """Why the loader will not read this entry of the sources folder, if it will not."""
    try:
        path.name.encode("utf-8")
    except UnicodeEncodeError:
        return "the file name is not valid UTF-8: rename the file"
    if NOT_TEXT.search(path.name) or re.search(r"[\t\n\r]", path.name):
        return "the file name contains a control character (a line break?): rename the file"
    plain = entry.is_file(follow_symlinks=False)  # from the listing: no stat for each file
    if plain and path.suffix in (SOURCE_SUFFIX, SIDECAR_SUFFIX):
        return None
    if (problem := _link_problem(path, sources_dir)) is not None:
        return problem
    if path.is_dir():
        return "a folder: sources are read from the sources folder itself, not from sub-folders"
    if path.suffix not in (SOURCE_SUFFIX, SIDECAR_SUFFIX):
        return "not a source: sources are .txt files, each with an optional .yaml sidecar"
    return file_problem(path, sources_dir)


def file_problem(path: Path, folder: Path) -> str | None:
    """Why the file ``path`` of ``folder`` must not be read, or ``None`` when it may.

    A link out of the folder would publish what it points at; a link in a loop
    raises; a pipe or a device would block the build or never end.
    """
    if (problem := _link_problem(path, folder)) is not None:
        return problem
    if not path.is_file():
        return "not a regular file (a broken link, a pipe or a device)"
    return None


def _link_problem(path: Path, folder: Path) -> str | None:
    if path.parent == folder and not path.is_symlink():
        return None  # a plain entry of the folder itself: nothing to follow (and no resolve())
    try:
        inside = resolve_within(path, folder) is not None
    except OSError:
        return "symbolic link in a loop"
    return None if inside else f"symbolic link to a file outside the {folder.name} folder"


def is_inside(path: Path, folder: Path) -> bool:
    """Does ``path``, once every symbolic link is followed, lie inside ``folder``?"""
    return _link_problem(path, folder) is None


def read_source(path: Path, diagnostics: Diagnostics) -> SourceText | None:
    """Read and decode one source; on failure report it and return ``None``."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        diagnostics.error(path, None, f"cannot read: {exc.strerror or exc}")
        return None
    return source_from_bytes(path, raw, diagnostics)


def source_from_bytes(path: Path, raw: bytes, diagnostics: Diagnostics) -> SourceText | None:
    """The source ``path`` holding ``raw``: decoded, checked and with text only."""
    decoded = decode_source_bytes(raw)
    if isinstance(decoded, str):
        diagnostics.error(path, _line_of_bad_byte(raw), decoded)
        return None
    text, encoding = decoded
    if encoding not in ("utf-8", "utf-8-sig"):
        diagnostics.warning(path, None, f"not UTF-8; decoded as {encoding} (save it as UTF-8)")
    if not text.strip():
        diagnostics.error(path, None, "the file is empty")
        return None
    first = NOT_TEXT.search(text)
    if first is not None:
        count = len(NOT_TEXT.findall(text))
        text = NOT_TEXT.sub(" ", text)
        diagnostics.warning(
            path,
            text.count("\n", 0, first.start()) + 1,
            f"{count} control character(s) such as U+{ord(first.group(0)):04X} "
            "replaced by spaces (the raw copy keeps them)",
        )
    return SourceText(
        path=path,
        name=path.name,
        text=text,
        sha256=hashlib.sha256(raw).hexdigest(),
        size=len(raw),
        encoding=encoding,
    )


def decode_source_bytes(raw: bytes) -> tuple[str, str] | str:
    """``(text, encoding)``, or a message saying why the bytes are not text.

    >>> decode_source_bytes("Łódź\\r\\n".encode("cp1250"))
    ('Łódź\\n', 'cp1250')
    """
    if b"\x00" in raw:
        return "binary file (contains NUL bytes), not a text"
    encoding = "utf-8-sig" if raw.startswith(b"\xef\xbb\xbf") else "utf-8"
    try:
        text = raw.decode(encoding)
    except UnicodeDecodeError as exc:
        legacy = _decode_legacy_polish(raw)
        if legacy is None:
            return (
                f"not valid UTF-8 (byte 0x{raw[exc.start]:02x} at offset {exc.start}) "
                "and not unambiguously cp1250 or ISO-8859-2"
            )
        text, encoding = legacy
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if len(_CONTROL.findall(text)) > max(4, len(text) // 100):
        return "binary file (control characters), not a text"
    return text, encoding


def _decode_legacy_polish(raw: bytes) -> tuple[str, str] | None:
    """The one legacy Polish encoding that yields clean Polish text, if exactly one does."""
    clean: list[tuple[str, str]] = []
    for encoding in ("cp1250", "iso-8859-2"):
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError:
            continue
        polish = sum(ch in _POLISH_LETTERS for ch in text)
        odd = sum(ch in _MOJIBAKE for ch in text)
        if polish and not odd and all(text != seen for seen, _ in clean):
            clean.append((text, encoding))
    return clean[0] if len(clean) == 1 else None


def _line_of_bad_byte(raw: bytes) -> int | None:
    """The 1-based line of the first NUL or non-UTF-8 byte, so the error can say ``path:line``."""
    if b"\x00" in raw:
        offset = raw.index(b"\x00")
    else:
        try:
            raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            offset = exc.start
        else:
            return None
    head = raw[:offset].replace(b"\r\n", b"\n").replace(b"\r", b"\n")
    return head.count(b"\n") + 1
