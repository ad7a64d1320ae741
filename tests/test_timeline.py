"""The timeline SVG: one linked mark per dated item, coloured by country, with a legend."""

from __future__ import annotations

from lxml import etree

from sitegen.core.records import DateValue
from sitegen.render.timeline import OTHER_COLOUR, PALETTE, TimelineItem, draw_timeline

SVG = "{http://www.w3.org/2000/svg}"


def items() -> list[TimelineItem]:
    return [
        TimelineItem(DateValue(2018, 6, 23), "kz", "A", "years/2018.html#m06"),
        TimelineItem(DateValue(2018, 6, 1), "kz", "B <b>", "years/2018.html#m06"),
        TimelineItem(DateValue(2020), "az", "C", "years/2020.html#year-only"),
        TimelineItem(DateValue(2020, 2), None, "D", "years/2020.html#m02"),
    ]


def test_every_item_is_a_mark_linking_to_its_year() -> None:
    timeline = draw_timeline(items(), str.upper, "other", "Timeline of 4")
    root = etree.fromstring(timeline.svg)
    links = root.findall(f"{SVG}a")
    assert [a.get("href") for a in links] == [
        "years/2018.html#m06",
        "years/2018.html#m06",
        "years/2020.html#year-only",
        "years/2020.html#m02",
    ]
    assert [a.findtext(f"{SVG}title") for a in links][:2] == ["B <b>", "A"]
    assert root.get("role") == "group" and root.get("aria-label") == "Timeline of 4"
    years = [t.text for t in root.findall(f"{SVG}text")]
    assert years == ["2018", "2019", "2020"]


def test_marks_in_one_month_stack_instead_of_overlapping() -> None:
    root = etree.fromstring(draw_timeline(items(), str.upper, "other", "x").svg)
    circles = root.findall(f"{SVG}a/{SVG}circle")
    assert circles[0].get("cx") == circles[1].get("cx")
    assert circles[0].get("cy") != circles[1].get("cy")


def test_colours_go_to_the_most_frequent_countries_and_the_legend_counts_them() -> None:
    timeline = draw_timeline(items(), str.upper, "other", "x")
    assert [(e.label, e.colour, e.count) for e in timeline.legend] == [
        ("KZ", PALETTE[0], 2),
        ("AZ", PALETTE[1], 1),
        ("other", OTHER_COLOUR, 1),
    ]
