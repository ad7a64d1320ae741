"""Sealed binary files for the build cache: a tag line, a digest, the sizes of the parts, the parts.

No pickle: reading one runs no code. A file cut short, extended or changed anywhere
is refused (``ValueError``) before any part of it is looked at.

>>> parts = unsealed(b"t\\n", sealed(b"t\\n", [b"head", b"", b"body"]), 3)
>>> [bytes(part) for part in parts]
[b'head', b'', b'body']
"""

from __future__ import annotations

import hashlib
import struct
from collections.abc import Sequence

_DIGEST_SIZE = 16


def sealed(tag: bytes, parts: Sequence[bytes]) -> bytes:
    """``parts`` in one file's bytes, after ``tag`` (which names the format and its version)."""
    body = b"".join((struct.pack(f"<{len(parts)}Q", *map(len, parts)), *parts))
    return tag + _digest(body) + body


def unsealed(tag: bytes, data: bytes | memoryview, count: int) -> list[memoryview]:
    """The ``count`` parts ``sealed`` put after ``tag``; ``ValueError`` for any other bytes."""
    view = memoryview(data)
    start = len(tag) + _DIGEST_SIZE
    body = view[start:]
    if view[: len(tag)] != tag or view[len(tag) : start] != _digest(body):
        raise ValueError("not such a file, or a damaged one")
    sizes_format = struct.Struct(f"<{count}Q")
    if len(body) < sizes_format.size:
        raise ValueError("a file of the wrong size")
    sizes = sizes_format.unpack_from(body)
    if sizes_format.size + sum(sizes) != len(body):
        raise ValueError("a file of the wrong size")
    parts, at = [], sizes_format.size
    for size in sizes:
        parts.append(body[at : at + size])
        at += size
    return parts


def _digest(body: bytes | memoryview) -> bytes:
    return hashlib.blake2b(body, digest_size=_DIGEST_SIZE).digest()
