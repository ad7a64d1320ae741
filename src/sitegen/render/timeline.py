"""The home page timeline: an inline SVG bar chart of the dated articles, drawn at build time.

Its size follows the collection's span, never its number of articles. A
collection spanning at most ``MONTHLY_SPAN_YEARS`` years gets one bar per month
(a year is thirteen slots: its months, then its articles known only to the
year); a longer one gets one bar per year, because sixty-five slots are as many
as a 375-px phone shows at a readable width (about 5 px a bar). Only periods
with articles have a bar. Each bar stacks one segment per colour (the articles'
main countries, the most frequent first), and links to its period on the year
pages; ``Timeline.bars`` says the same in words for a table beside the chart.

The SVG has no ``viewBox``: bars are placed in percentages of its width and
heights in pixels, so it fills any width without shrinking its labels. The
caller gives text already translated and links already made, so this module
only counts and draws.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from html import escape

from sitegen.core.records import DateValue

# Colours that keep 3:1 contrast against both the light and the dark page.
PALETTE = ("#2f6fae", "#c2571a", "#2e8b57", "#9b4dca", "#b8860b", "#d1495b", "#0f8b8d")
OTHER_COLOUR = "#7a7a7a"
MONTHLY_SPAN_YEARS = 5
"""The longest span (first to last year) drawn month by month."""
BAR_HEIGHT = 120
"""Pixels of the tallest bar."""
LABELS_FIT = 7
"""Year labels that fit side by side on a phone (about 44 px each on 320 px)."""
_LABEL_STEPS = (1, 2, 5, 10, 20, 25, 50, 100)
_SLOTS_PER_YEAR = 13
_MIN_BAR = 2
_LABEL_GAP = 18


@dataclass(frozen=True)
class TimelineItem:
    date: DateValue
    country: str | None
    """The id of the article's main country, or None."""


@dataclass(frozen=True)
class Period:
    """What one bar counts: a month, or a whole year on a chart of years."""

    year: int
    month: int | None = None
    """None: the whole year (``monthly`` false) or the articles known only to the year."""
    monthly: bool = True


@dataclass(frozen=True)
class LegendEntry:
    colour: str
    label: str
    count: int


@dataclass(frozen=True)
class TimelineBar:
    period: Period
    label: str
    """The period in words: ``czerwiec 2018``, ``2018``."""
    href: str
    count: int
    segments: tuple[LegendEntry, ...]
    """Its articles by colour, bottom to top (the legend's order)."""


@dataclass(frozen=True)
class TimelineText:
    """Translated words the drawing needs."""

    country_label: Callable[[str], str]
    other_label: str
    period_label: Callable[[Period], str]
    bar_title: Callable[[str, int], str]
    """A bar's tooltip from its label and count: ``czerwiec 2018: 42 artykuły``."""


@dataclass(frozen=True)
class Timeline:
    svg: str
    legend: tuple[LegendEntry, ...]
    bars: tuple[TimelineBar, ...]
    monthly: bool


def draw_timeline(
    items: Sequence[TimelineItem], text: TimelineText, href: Callable[[Period], str]
) -> Timeline:
    """The chart of ``items``: its SVG, its colour legend and its bars for a text table.

    The SVG is hidden from assistive technology and its links are out of the
    tab order (``tabindex="-1"``): the page offers the same links once, in the
    table made from ``bars``, so the chart costs a keyboard user no stop.
    """
    colours = assign_colours(items)
    years = [item.date.year for item in items]
    first, last = (min(years), max(years)) if years else (0, 0)
    monthly = last - first < MONTHLY_SPAN_YEARS
    legend_entries = legend(items, colours, text.country_label, text.other_label)
    order = {entry.colour: index for index, entry in enumerate(legend_entries)}
    labels = {entry.colour: entry.label for entry in legend_entries}
    per_period: dict[Period, Counter[str]] = {}
    for item in items:
        period = Period(item.date.year, item.date.month if monthly else None, monthly)
        colour = colours.get(item.country or "", OTHER_COLOUR)
        per_period.setdefault(period, Counter())[colour] += 1
    bars = []
    for period in sorted(per_period, key=lambda p: (p.year, p.month or 13)):
        counts = per_period[period]
        segments = tuple(
            LegendEntry(colour, labels[colour], counts[colour])
            for colour in sorted(counts, key=order.__getitem__)
        )
        label = text.period_label(period)
        bars.append(TimelineBar(period, label, href(period), counts.total(), segments))
    svg = _svg(bars, first, last, monthly, text.bar_title)
    return Timeline(svg, legend_entries, tuple(bars), monthly)


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


def year_label_step(years: int) -> int:
    """Label every year, or the years divisible by a round step, so that labels never crowd."""
    return next(
        (step for step in _LABEL_STEPS if -(-years // step) <= LABELS_FIT), _LABEL_STEPS[-1]
    )


def _svg(
    bars: Sequence[TimelineBar],
    first: int,
    last: int,
    monthly: bool,
    bar_title: Callable[[str, int], str],
) -> str:
    slots = (last - first + 1) * (_SLOTS_PER_YEAR if monthly else 1)
    tallest = max((bar.count for bar in bars), default=1)
    baseline = BAR_HEIGHT + 4
    parts = [
        f'<svg class="timeline" xmlns="http://www.w3.org/2000/svg" width="100%"'
        f' height="{baseline + _LABEL_GAP + 8}" aria-hidden="true">'
        f'<line class="axis" x1="0" y1="{baseline + 1}" x2="100%" y2="{baseline + 1}"/>'
    ]
    for bar in bars:
        year, month = bar.period.year, bar.period.month
        slot = (year - first) * _SLOTS_PER_YEAR + (month or 13) - 1 if monthly else year - first
        x, width = _percent((slot + 0.1) / slots), _percent(0.8 / slots)
        parts.append(
            f'<a href="{escape(bar.href)}" tabindex="-1">'
            f"<title>{escape(bar_title(bar.label, bar.count))}</title>"
        )
        parts += (
            f'<rect x="{x}" y="{top}" width="{width}" height="{height}" fill="{colour}"/>'
            for colour, top, height in _stack(bar, tallest, baseline)
        )
        parts.append("</a>")
    step = 1 if monthly else year_label_step(last - first + 1)
    for year in range(first, last + 1):
        if year % step:
            continue
        centre = (year - first) * _SLOTS_PER_YEAR + 6 if monthly else year - first + 0.5
        parts.append(
            f'<text class="year" x="{_percent(centre / slots)}" y="{baseline + _LABEL_GAP}"'
            f' text-anchor="middle">{year}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def _stack(bar: TimelineBar, tallest: int, baseline: int) -> list[tuple[str, int, int]]:
    """(colour, top, height) of each segment; a bar is never thinner than ``_MIN_BAR`` px."""
    if round(BAR_HEIGHT * bar.count / tallest) < _MIN_BAR:
        biggest = max(bar.segments, key=lambda segment: segment.count)
        return [(biggest.colour, baseline - _MIN_BAR, _MIN_BAR)]
    stack, below, bottom = [], 0, baseline
    for segment in bar.segments:
        below += segment.count
        top = baseline - round(BAR_HEIGHT * below / tallest)
        if bottom > top:
            stack.append((segment.colour, top, bottom - top))
        bottom = top
    return stack


def _percent(fraction: float) -> str:
    return f"{100 * fraction:.3f}".rstrip("0").rstrip(".") + "%"
