"""Sealed cache files (``core/sealed.py``): parts come back whole, any damage is refused."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sitegen.core.sealed import sealed, unsealed

TAG = b"sitegen test 1\n"


@given(st.lists(st.binary(max_size=40), max_size=5))
def test_the_parts_come_back_whole(parts: list[bytes]) -> None:
    assert [bytes(part) for part in unsealed(TAG, sealed(TAG, parts), len(parts))] == parts


@given(st.lists(st.binary(max_size=40), min_size=1, max_size=4), st.data())
def test_bytes_changed_cut_or_added_anywhere_are_refused(
    parts: list[bytes], data: st.DataObject
) -> None:
    whole = sealed(TAG, parts)
    at = data.draw(st.integers(0, len(whole) - 1))
    flipped = whole[:at] + bytes([whole[at] ^ 0x01]) + whole[at + 1 :]
    for damaged in (flipped, whole[:at], whole + b"x"):
        with pytest.raises(ValueError):
            unsealed(TAG, damaged, len(parts))
    with pytest.raises(ValueError):  # another format, or another number of parts
        unsealed(b"sitegen other 1\n", whole, len(parts))
    with pytest.raises(ValueError):
        unsealed(TAG, whole, len(parts) + 1)
