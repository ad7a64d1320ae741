"""JSON for scripts (``core/escaping.py``): any value, read back whole, never ends a script."""

from __future__ import annotations

import json

from hypothesis import example, given
from hypothesis import strategies as st

from sitegen.core.escaping import html_safe_json

_SCALARS = (
    st.none() | st.booleans() | st.integers(min_value=-(2**63), max_value=2**64 - 1) | st.text()
)
_VALUES = st.recursive(
    _SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=20,
)
_HOSTILE = "</script><!--\u2028\u2029&amp;\x00\x1f\x7f\u0085 'quoted\" \\ Казахстан 😀"


@given(_VALUES | st.floats(allow_nan=False, allow_infinity=False))
@example(_HOSTILE)
@example({_HOSTILE: [_HOSTILE, 1, None, True]})
def test_any_value_is_read_back_whole_and_cannot_end_a_script(value: object) -> None:
    encoded = html_safe_json(value)
    assert json.loads(encoded) == value
    assert not set(encoded) & {"<", ">", "&", "\u2028", "\u2029", "\n"}


@given(_VALUES)
@example(_HOSTILE)
def test_the_bytes_are_those_of_the_standard_library(value: object) -> None:
    # What pages and the search index held before orjson wrote them: a build of the same
    # collection gives the same files (floats aside: "1e-05" is "0.00001"; none are written).
    standard = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    for char in ("<", ">", "&", "\u2028", "\u2029"):
        standard = standard.replace(char, f"\\u{ord(char):04x}")
    assert html_safe_json(value) == standard


def test_keys_that_are_not_text_are_written_as_the_standard_library_writes_them() -> None:
    assert html_safe_json({1: "a", None: "b", False: "c"}) == '{"1":"a","null":"b","false":"c"}'
    assert html_safe_json((1, ("two",))) == '[1,["two"]]'
