"""No regular expression of the reading stages backtracks catastrophically (hypothesis).

Every compiled pattern in ``sitegen.load.parsing`` and the other modules that read
content is run over adversarial text: a short piece built from the characters
that start or continue matches (``[``, ``](``, ``*``, ``_``, ``<http``, digits,
month names, labels, ``>``), repeated to 200,000 characters. A linear pattern
takes milliseconds (the date pattern, tried at every position here rather than
at word starts as ``find_dates`` does, about a second); a quadratic one takes
tens of seconds at this size, an exponential one forever. The ``deadline`` is the
bound; it is generous because these machines are shared and noisy.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from datetime import timedelta
from types import ModuleType

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import sitegen.load.parsing
from sitegen.core.inline import inline_spans, strip_inline_markdown
from sitegen.load.parsing.article import parse_article
from sitegen.load.parsing.clean import split_units
from sitegen.load.parsing.dates import find_dates, parse_date_text
from sitegen.load.parsing.sentences import split_sentences
from sitegen.load.sidecar import parse_sidecar
from sitegen.render.markup import render_inline

LENGTH = 200_000
BOUNDED = settings(
    max_examples=8,
    deadline=timedelta(seconds=15),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
# Pieces that start or continue a match of some pattern, so repeating them makes
# every pattern try, and fail, at as many positions as possible.
_PIECES = st.sampled_from(
    [
        "[", "]", "](", "(", ")", "!", "*", "**", "_", "__", "`", "<", ">", "<http://", "\\",
        "#", "-", "---", ".", ":", "/", "|", "12", "2021", "12.03.", "-06-", " ", "\n", "\n\n",
        "a", "Ł", "czerwca", "May", "br.", "Data publikacji", "Tweetnij", "Czytaj też",
        "zub/", "(PAP)", "Autor:", "press service of The", "•", "> ", "- ", "1. ", "\u00a0",
        "r. A", "m.in. B",
    ]
)  # fmt: skip
ADVERSARIAL = st.lists(_PIECES, min_size=1, max_size=6).map(
    lambda pieces: ("".join(pieces) * (LENGTH // len("".join(pieces)) + 1))[:LENGTH]
)


def _reading_modules() -> list[ModuleType]:
    names = [
        f"sitegen.load.parsing.{m.name}"
        for m in pkgutil.iter_modules(sitegen.load.parsing.__path__)
    ]
    names += [
        f"sitegen.{name}"
        for name in (
            "core.inline",
            "core.urls",
            "core.escaping",
            "load.sidecar",
            "load.sources",
            "load.gazetteer",
            "load.content_pages",
            "load.slugs",
            "render.markup",
        )
    ]
    return [importlib.import_module(name) for name in names]


PATTERNS = {
    f"{module.__name__}.{name}": value
    for module in _reading_modules()
    for name, value in vars(module).items()
    if isinstance(value, re.Pattern)
}


def test_the_patterns_are_found() -> None:
    assert len(PATTERNS) > 25
    assert "sitegen.load.parsing.dates._DATE_PATTERN" in PATTERNS


@pytest.mark.parametrize("name", sorted(PATTERNS))
def test_no_pattern_backtracks_on_adversarial_text(name: str) -> None:
    pattern = PATTERNS[name]

    @BOUNDED
    @given(text=ADVERSARIAL)
    def run(text: str) -> None:
        for match in pattern.finditer(text):
            assert match.end() >= match.start()
        pattern.match(text)
        pattern.fullmatch(text)

    run()


@BOUNDED
@given(text=ADVERSARIAL)
def test_inline_markdown_reads_and_renders_adversarial_text(text: str) -> None:
    line = text.replace("\n", " ")
    plain = strip_inline_markdown(line)
    assert len(plain) <= len(line)
    assert inline_spans(line)
    html = render_inline(line)
    assert "<script" not in html and "<svg" not in html


def _repeated(unit: str) -> str:
    return (unit * (LENGTH // len(unit) + 1))[:LENGTH]


# Shapes that were quadratic before, found by these tests and by test_hostile_sizes.py
# (whose megabyte inputs are the real bound for a stage that is only slow at that size).
@BOUNDED
@given(text=ADVERSARIAL)
@example(text=_repeated("w 2018 r. Delegacja "))  # one endless sentence of "r."
@example(text=_repeated("<https://e.org/a>\n12.03.2021, 10:00\n"))  # stamps under URLs
@example(text=_repeated("x\n\n"))  # 60,000 pieces of one paragraph
@example(text=_repeated("_a "))  # emphasis openers that never close
@example(text=_repeated("["))  # link openers that never close
@example(text=_repeated("-06-press service of The"))  # attributions that never end
def test_reading_a_whole_adversarial_text_is_bounded(text: str) -> None:
    units = split_units(text)
    assert len(units) == text.count("\n") + 1 or len(units) > text.count("\n")
    parsed = parse_article(text)
    assert parsed.title is not None
    find_dates(text, reference_year=2020)
    split_sentences(text.replace("\n", " "))
    parse_date_text(text[:100])


@BOUNDED
@given(text=ADVERSARIAL)
def test_a_sidecar_of_adversarial_text_is_reported_not_raised(text: str) -> None:
    _, problems = parse_sidecar(text[:20_000])
    assert all(problem.message for problem in problems)
