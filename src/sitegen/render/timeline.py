"""The home page timeline: an inline SVG of every dated article, drawn at build time.

Each year from the first to the last is a column of twelve month slots; each
article is a dot stacked in its month (articles known only to the year sit in
a thirteenth slot at the column's end), coloured by its main country and
linking to its year page. The caller gives text already translated, so this
module only draws.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from html import escape

from sitegen.core.records import DateValue

# Colours that keep 3:1 contrast against both the light and the dark page.
PALETTE = ("#2f6fae", "#c2571a", "#2e8b57", "#9b4dca", "#b8860b", "#d1495b", "#0f8b8d")
OTHER_COLOUR = "#7a7a7a"
_SLOT = 10
_YEAR_WIDTH = 13 * _SLOT + 10
_DOT = 5
_TOP = 8
_AXIS_GAP = 22


@dataclass(frozen=True)
class TimelineItem:
    date: DateValue
    country: str | None
    """The id of the article's main country, or None."""
    title: str
    href: str
    """Link to the item's year page, relative to the page the SVG sits on."""


@dataclass(frozen=True)
class LegendEntry:
    colour: str
    label: str
    count: int


@dataclass(frozen=True)
class Timeline:
    svg: str
    legend: tuple[LegendEntry, ...]


def draw_timeline(
    items: Sequence[TimelineItem],
    country_label: Callable[[str], str],
    other_label: str,
    description: str,
) -> Timeline:
    """The SVG markup and its colour legend; ``description`` is its accessible name."""
    colours = assign_colours(items)
    years = [item.date.year for item in items]
    first, last = (min(years), max(years)) if years else (0, -1)
    stacks: dict[tuple[int, int], int] = defaultdict(int)
    tallest = max(Counter((i.date.year, i.date.month or 13) for i in items).values(), default=1)
    height = _TOP + tallest * (2 * _DOT + 2) + _AXIS_GAP
    width = max(1, last - first + 1) * _YEAR_WIDTH
    parts = [
        f'<svg class="timeline" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}"'
        f' width="{width}" height="{height}" role="group" aria-label="{escape(description)}">'
    ]
    baseline = height - _AXIS_GAP
    for year in range(first, last + 1):
        x = (year - first) * _YEAR_WIDTH
        parts.append(
            f'<line class="axis" x1="{x}" y1="{baseline + 2}" x2="{x + _YEAR_WIDTH - 8}"'
            f' y2="{baseline + 2}"/>'
            f'<text class="year" x="{x}" y="{height - 4}">{year}</text>'
        )
    for item in sorted(items, key=lambda i: (i.date.sort_key, i.title)):
        slot = item.date.month or 13
        level = stacks[(item.date.year, slot)]
        stacks[(item.date.year, slot)] += 1
        cx = (item.date.year - first) * _YEAR_WIDTH + (slot - 1) * _SLOT + _DOT
        cy = baseline - _DOT - level * (2 * _DOT + 2)
        colour = colours.get(item.country or "", OTHER_COLOUR)
        parts.append(
            f'<a href="{escape(item.href)}"><title>{escape(item.title)}</title>'
            f'<circle cx="{cx}" cy="{cy}" r="{_DOT}" fill="{colour}"/></a>'
        )
    parts.append("</svg>")
    return Timeline("".join(parts), legend(items, colours, country_label, other_label))


def assign_colours(items: Sequence[TimelineItem]) -> dict[str, str]:
    """The most frequent countries get the palette's colours; the rest share grey."""
    counts = Counter(item.country for item in items if item.country)
    ranked = sorted(counts, key=lambda c: (-counts[c], c))
    return dict(zip(ranked, PALETTE, strict=False))


def legend(
    items: Sequence[TimelineItem],
    colours: dict[str, str],
    country_label: Callable[[str], str],
    other_label: str,
) -> tuple[LegendEntry, ...]:
    counts = Counter(item.country for item in items if item.country in colours)
    entries = [LegendEntry(colours[c], country_label(c), counts[c]) for c in colours]
    others = sum(1 for item in items if item.country not in colours)
    if others:
        entries.append(LegendEntry(OTHER_COLOUR, other_label, others))
    return tuple(entries)
