"""The timeline SVG: a bar per month (or year) with articles, coloured by country, linked."""

from __future__ import annotations

from lxml import etree

from sitegen.core.records import DateValue
from sitegen.render.timeline import (
    OTHER_COLOUR,
    PALETTE,
    Period,
    TimelineItem,
    TimelineText,
    draw_timeline,
    year_label_step,
)

SVG = "{http://www.w3.org/2000/svg}"
TEXT = TimelineText(
    country_label=str.upper,
    other_label="other",
    period_label=lambda p: f"{p.year}-{p.month}" if p.monthly else str(p.year),
    bar_title=lambda label, n: f"{label}: {n}",
)


def href(period: Period) -> str:
    if not period.monthly:
        return f"years/{period.year}.html"
    return f"years/{period.year}.html#{f'm{period.month:02d}' if period.month else 'year-only'}"


def items() -> list[TimelineItem]:
    return [
        TimelineItem(DateValue(2018, 6, 23), "kz"),
        TimelineItem(DateValue(2018, 6, 1), "kz"),
        TimelineItem(DateValue(2018, 6, 2), "az"),
        TimelineItem(DateValue(2020), "az"),
        TimelineItem(DateValue(2020, 2), None),
    ]


def test_a_bar_per_month_with_articles_not_per_article() -> None:
    many = [TimelineItem(DateValue(2018, 1 + n % 3, 1), "kz") for n in range(3000)]
    timeline = draw_timeline(many, TEXT, href)
    root = etree.fromstring(timeline.svg)
    assert timeline.monthly
    assert len(root.findall(f"{SVG}a")) == len(timeline.bars) == 3
    assert [bar.count for bar in timeline.bars] == [1000, 1000, 1000]


def test_bars_link_to_their_month_on_the_year_page_in_date_order() -> None:
    timeline = draw_timeline(items(), TEXT, href)
    links = etree.fromstring(timeline.svg).findall(f"{SVG}a")
    assert [a.get("href") for a in links] == [
        "years/2018.html#m06",
        "years/2020.html#m02",
        "years/2020.html#year-only",
    ]
    assert [a.findtext(f"{SVG}title") for a in links] == ["2018-6: 3", "2020-2: 1", "2020-None: 1"]


def test_the_chart_is_hidden_from_assistive_technology_and_out_of_the_tab_order() -> None:
    root = etree.fromstring(draw_timeline(items(), TEXT, href).svg)
    assert root.get("aria-hidden") == "true"
    assert {a.get("tabindex") for a in root.findall(f"{SVG}a")} == {"-1"}


def test_a_bar_stacks_one_segment_per_colour_in_the_legends_order() -> None:
    timeline = draw_timeline(items(), TEXT, href)
    june = timeline.bars[0]
    assert [(s.colour, s.label, s.count) for s in june.segments] == [
        (PALETTE[0], "AZ", 1),
        (PALETTE[1], "KZ", 2),
    ]
    rects = etree.fromstring(timeline.svg).findall(f"{SVG}a")[0].findall(f"{SVG}rect")
    assert [r.get("fill") for r in rects] == [PALETTE[0], PALETTE[1]]
    heights = [int(r.get("height") or 0) for r in rects]
    assert heights[1] == 2 * heights[0]


def test_colours_go_to_the_most_frequent_countries_and_the_legend_counts_them() -> None:
    timeline = draw_timeline(items(), TEXT, href)
    assert [(e.label, e.colour, e.count) for e in timeline.legend] == [
        ("AZ", PALETTE[0], 2),
        ("KZ", PALETTE[1], 2),
        ("other", OTHER_COLOUR, 1),
    ]
    assert timeline.bars[1].segments[0].colour == OTHER_COLOUR


def test_a_long_span_gets_a_bar_per_year_linking_to_the_year_page() -> None:
    many = [TimelineItem(DateValue(1990 + n % 30, 1 + n % 12, 1), "kz") for n in range(900)]
    timeline = draw_timeline(many, TEXT, href)
    root = etree.fromstring(timeline.svg)
    assert not timeline.monthly
    assert len(root.findall(f"{SVG}a")) == 30
    assert root.findall(f"{SVG}a")[0].get("href") == "years/1990.html"
    labels = [t.text for t in root.findall(f"{SVG}text")]
    assert labels == ["1990", "1995", "2000", "2005", "2010", "2015"]


def test_year_labels_thin_out_so_that_at_most_seven_share_the_width() -> None:
    assert [year_label_step(n) for n in (1, 7, 8, 14, 15, 30, 36, 71)] == [1, 1, 2, 2, 5, 5, 10, 20]


def test_bars_are_placed_in_percentages_so_the_labels_never_scale() -> None:
    root = etree.fromstring(draw_timeline(items(), TEXT, href).svg)
    assert root.get("viewBox") is None and root.get("width") == "100%"
    assert all(r.get("x", "").endswith("%") for r in root.iter(f"{SVG}rect"))
    assert [t.text for t in root.findall(f"{SVG}text")] == ["2018", "2019", "2020"]
