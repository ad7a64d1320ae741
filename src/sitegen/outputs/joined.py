"""Files made of one piece per record: the collection's exports and reference files.

Such a file is ``prefix``, its pieces joined by ``separator``, then ``suffix``; each
piece is named by a key of what it is made from, so that a build can copy an
unchanged piece from the last build's file instead of making it again
(``engine.output.Writer.write_pieces``).

>>> b"".join(JoinedFile("[\\n", ",\\n", "\\n]\\n", empty="[]\\n").chunks([b"1", b"2"]))
b'[\\n1,\\n2\\n]\\n'
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass

Piece = tuple[str, Callable[[], str]]
"""A piece's key (everything it is made from) and how to make its text."""


@dataclass(frozen=True)
class JoinedFile:
    """How a file holds its pieces: ``prefix``, pieces joined by ``separator``, ``suffix``."""

    prefix: str = ""
    separator: str = ""
    suffix: str = ""
    empty: str | None = None
    """The whole file when it has no piece, if not ``prefix + suffix``."""

    def chunks(self, pieces: Iterable[bytes]) -> Iterator[bytes]:
        """The file's bytes: a chunk for each piece (with what precedes it), then the end."""
        before = self.prefix.encode()
        separator = self.separator.encode()
        none = True
        for piece in pieces:
            yield before + piece
            before, none = separator, False
        if not none:
            yield self.suffix.encode()
        else:
            yield (self.prefix + self.suffix if self.empty is None else self.empty).encode()

    def text(self, pieces: Sequence[str]) -> str:
        return b"".join(self.chunks(piece.encode() for piece in pieces)).decode()

    def offsets(self, lengths: Iterable[int]) -> Iterator[int]:
        """Where each piece of the given byte lengths starts in the file."""
        offset, step = len(self.prefix.encode()), len(self.separator.encode())
        for length in lengths:
            yield offset
            offset += length + step
