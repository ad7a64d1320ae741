"""Files joined from pieces (``outputs.joined``): where each piece lies is where it was written."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from sitegen.outputs.joined import JoinedFile

texts = st.text(max_size=6)


@given(st.builds(JoinedFile, texts, texts, texts), st.lists(st.binary(max_size=8), max_size=6))
def test_each_piece_starts_where_its_offset_says(layout: JoinedFile, pieces: list[bytes]) -> None:
    data = b"".join(layout.chunks(pieces))
    offsets = list(layout.offsets(len(piece) for piece in pieces))
    assert [data[o : o + len(p)] for o, p in zip(offsets, pieces, strict=True)] == pieces
    assert data.startswith(layout.prefix.encode()) and data.endswith(layout.suffix.encode())


def test_a_file_without_pieces_is_its_empty_form() -> None:
    assert JoinedFile("[\n", ",\n", "\n]\n", empty="[]\n").text([]) == "[]\n"
    assert JoinedFile("id,url\r\n").text([]) == "id,url\r\n"
    assert JoinedFile("[\n", ",\n", "\n]\n").text(["1", "2"]) == "[\n1,\n2\n]\n"
