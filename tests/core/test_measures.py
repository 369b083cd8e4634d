"""Periods, series and charts of shared measures, without a build."""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from dataclasses import replace
from pathlib import Path

import pytest

from learnaloud.core.blocks import find_blocks
from learnaloud.core.charts import Charts, ChartSpec, Frame, Series, hatch, tick_label, value_ticks
from learnaloud.core.messages import period_hint, value_hint
from learnaloud.core.periods import Period, between, network_points, number, overlaps, roll_up, trend, trends

P = Period.parse
SVG = "{http://www.w3.org/2000/svg}"


def test_periods_read_write_and_say_themselves() -> None:
    for text, label in [("2025", "2025"), ("2025-Q3", "Q3 2025"), ("2025-03", "March 2025")]:
        assert str(P(text)) == text
        assert P(text).label == label
    assert between(P("2024-11"), P("2025-02")) == [P("2024-11"), P("2024-12"), P("2025-01"), P("2025-02")]
    assert between(P("2024-Q4"), P("2025-Q1")) == [P("2024-Q4"), P("2025-Q1")]
    with pytest.raises(ValueError):
        P("2025-13")


def test_finer_periods_roll_up_only_when_whole() -> None:
    months = {P("2025-01"): 10, P("2025-02"): 20, P("2025-03"): 30, P("2025-04"): 5}
    assert roll_up(months, 3, "sum") == {P("2025-Q1"): 60}  # Q2 has one month of three: a gap
    assert roll_up(months, 3, "mean") == {P("2025-Q1"): 20}
    year = {P(f"2024-{m:02d}"): 1.0 for m in range(1, 13)} | {P("2025-Q1"): 9.0}
    assert roll_up(year, 12, "sum") == {P("2024"): 12.0}  # 2025 has one quarter of four


def test_overlapping_periods_are_found_once_per_whole() -> None:
    found = overlaps([P("2025"), P("2025-01"), P("2025-Q2"), P("2024-Q1"), P("2024-02")])
    assert found == {P("2024-Q1"): [P("2024-02")], P("2025"): [P("2025-01"), P("2025-Q2")]}


def test_the_trend_in_words() -> None:
    months = [P(f"2025-{m:02d}") for m in range(1, 13)]
    values: list[float | None] = [40.0, *[None] * 10, 61.0]
    assert (
        trend(list(zip(months, values, strict=True)))
        == "rose from 40 to 61 between January and December 2025"
    )
    assert (
        trend([(P("2024-Q3"), 7.5), (P("2025-Q2"), 6.0)]) == "fell from 7.5 to 6 between Q3 2024 and Q2 2025"
    )
    assert trend([(P("2025"), None)]) == "has no figures yet"


def test_a_network_figure_says_how_many_places_it_covers() -> None:
    series = {"a": {P("2025-01"): 3.0, P("2025-02"): 4.0}, "b": {P("2025-01"): 5.0}}
    points = network_points(series, [P("2025-01"), P("2025-02"), P("2025-03")], "sum")
    assert [(p.value, p.places, p.of) for p in points] == [(8.0, 2, 2), (4.0, 1, 2), (None, 0, 2)]
    assert network_points(series, [P("2025-01")], "mean")[0].value == 4.0


HOSTILE = '</text><script>alert(1)</script> & $\\frac{1}{0}$ <a href="https://evil.example">'


def spec(title: str = "People taking part", kind: str = "line") -> ChartSpec:
    ticks = tuple(P(f"2025-{m:02d}").axis for m in range(1, 7))
    return ChartSpec(
        title,
        "people",
        ticks,
        (
            Series(HOSTILE, 0, (1.0, None, 3.0, 4.0, 5.0, 6.0)),
            Series("Hillfoot", 1, (2.0, 2.0, 2.0, 1.0, 0.0, 0.0)),
        ),
        kind,  # type: ignore[arg-type]
    )


def test_a_chart_is_text_and_shapes_only_in_the_pages_colours() -> None:
    svg = Charts(None).svg(spec(HOSTILE))
    root = ET.fromstring(svg)  # well-formed XML: hostile names could not break out
    texts = [line for t in root.iter(f"{SVG}text") for line in t.itertext()]  # a line a wrapped part
    assert " ".join(HOSTILE.split()) in " ".join(texts)  # the title, wrapped, as text
    assert root.get("aria-label") == HOSTILE and root.get("role") == "img"
    lowered = svg.lower()
    for forbidden in (
        "<script",
        "<style",
        "<a ",
        'http://www.w3.org/1999/xlink"',
        "@import",
        "url(http",
        "<?xml",
        "<metadata",
    ):
        assert forbidden not in lowered.replace('xmlns:xlink="http://www.w3.org/1999/xlink"', "")
    assert "currentColor" in svg and "var(--la-series-0)" in svg and "var(--la-series-1)" in svg
    assert "#ffffff" not in lowered  # no white box in the dark scheme
    refs = {
        href[1:]
        for href in root.iter()
        for href in [href.get("{http://www.w3.org/1999/xlink}href") or ""]
        if href
    }
    ids = {e.get("id") for e in root.iter() if e.get("id")}
    assert refs <= ids and all(i.startswith("la-") for i in ids)  # each chart's ids are its own


def test_identical_charts_are_identical_bytes(tmp_path: Path) -> None:
    for kind in ("line", "bar"):
        assert Charts(None).svg(spec(kind=kind)) == Charts(None).svg(spec(kind=kind))


def test_a_cached_chart_is_read_not_drawn(tmp_path: Path) -> None:
    charts = Charts(tmp_path)
    first = charts.svg(spec())
    assert (charts.drawn, charts.cached) == (1, 0)
    charts.svg(spec())  # shown twice in a build: counted once
    assert (charts.drawn, charts.cached) == (1, 0)
    charts.reset_counts()  # the next `mkdocs serve` rebuild
    assert charts.svg(spec()) == first and (charts.drawn, charts.cached) == (0, 1)
    script = f"""
from pathlib import Path
from tests.core.test_measures import spec
from learnaloud.core import charts as drawing
def never(spec):
    raise AssertionError("drawn again")
drawing.chart_svg = never
charts = drawing.Charts(Path({str(tmp_path)!r}))
svg = charts.svg(spec())
print(charts.drawn, charts.cached, svg == {first!r})
"""
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["0", "1", "True"]
    charts.svg(spec("Another title"))
    assert charts.drawn == 1 and len(list(tmp_path.glob("*.svg"))) == 2


def test_a_missing_figure_breaks_the_line_and_a_figure_of_some_places_is_drawn_open() -> None:
    gappy = replace(spec(), series=(Series("North Quay", 0, (1.0, 2.0, None, 4.0, 5.0, 6.0)),), hollow=(5,))
    root = ET.fromstring(Charts(None).svg(gappy))
    line, marks, open_marks = (
        p for p in root.iter(f"{SVG}path") if "--la-series-0" in (p.get("style") or "")
    )
    path = line.get("d") or ""
    assert path.count("M") == 2 and path.count("L") == 2  # Jan-Feb, Apr-May: none into the gap or to June
    assert line.get("fill") == "none" and (marks.get("d") or "").count("M") == 4  # a mark a figure
    assert open_marks.get("fill") == "none" and (open_marks.get("d") or "").count("M") == 1  # June's


@pytest.mark.parametrize(
    ("low", "high", "most", "ticks", "decimals"),
    [
        (0, 140, 5, [0, 50, 100, 150], 0),
        (0, 150, 5, [0, 50, 100, 150], 0),  # a figure on a round value: the axis ends there
        (0, 41, 5, [0, 10, 20, 30, 40, 50], 0),
        (0, 1, 5, [0, 0.2, 0.4, 0.6, 0.8, 1], 1),
        (0, 0.9, 4, [0, 0.25, 0.5, 0.75, 1], 2),
        (-10, 20, 5, [-10, 0, 10, 20], 0),
        (0, 15000, 5, [0, 5000, 10000, 15000], 0),
    ],
)
def test_the_value_axis_has_round_steps_beyond_the_figures(
    low: float, high: float, most: int, ticks: list[float], decimals: int
) -> None:
    found, places = value_ticks(low, high, most)
    assert [round(t, 6) for t in found] == ticks and places == decimals
    assert found[0] <= low and found[-1] >= high  # every figure under a named value
    assert tick_label(ticks[1], decimals) == f"{ticks[1]:,.{decimals}f}".replace("-", "\u2212")


def test_a_small_chart_of_a_score_out_of_ten_reads_0_5_10() -> None:
    assert value_ticks(0, 7.1, 3, (1, 2, 5, 10)) == ([0, 5, 10], 0)


@pytest.mark.parametrize("size", ["wide", "narrow", "small"])
def test_a_measure_with_a_highest_figure_is_charted_up_to_it_at_every_size(size: str) -> None:
    """A score out of 10 whose figures reach 3.2 runs to 10 on every chart of it, not to 8 on one
    and 10 on another: the same scale wherever it is shown."""
    scores = replace(spec(), series=(Series("Hillfoot", 1, (2.5, 3.0, 3.2, 2.8, 2.9, 3.1)),), size=size)
    assert Frame.of(scores).ticks[-1] < 10
    assert Frame.of(replace(scores, highest=10.0)).ticks[-1] == 10
    assert Frame.of(replace(scores, highest=2.0)).ticks[-1] >= 3.2  # figures above it still fit


def test_a_value_label_reads_as_a_number() -> None:
    assert (
        tick_label(15000, 0) == "15,000"
        and tick_label(-2.5, 1) == "\u22122.5"
        and tick_label(-0.001, 0) == "0"
    )


def test_places_sharing_a_colour_are_told_apart_by_dashes_marks_and_hatching() -> None:
    places = tuple(Series(f"{HOSTILE} {n}", n, (float(n + 1), 2.0, None)) for n in (0, 6, 12))
    lines = ET.fromstring(Charts(None).svg(replace(spec(), series=places)))
    drawn = [p for p in lines.iter(f"{SVG}path") if p.get("stroke-width") == "2"]
    assert [p.get("stroke-dasharray") for p in drawn] == [None, "7.4 3.2", "2 3"]
    assert {p.get("style") for p in drawn} == {"stroke: var(--la-series-0)"}
    bars = ET.fromstring(Charts(None).svg(replace(spec(kind="bar"), series=places, ticks=spec().ticks[:3])))
    hatched = [
        p.get("d") for p in bars.iter(f"{SVG}path") if p.get("style") == "stroke: var(--la-chart-paper)"
    ]
    assert len(hatched) == 6  # two bars and a legend's swatch each for the places beyond the palette
    assert not [e for e in bars.iter() if e.get("id")]  # no id to collide with another chart's
    names = ["".join(t.itertext()) for t in bars.iter(f"{SVG}text")]
    assert sum(name.startswith("</text><scr") for name in names) == 3  # the legend, as text


@pytest.mark.parametrize("value", [1e-10, 5e-324, -1e-10, 1e12, -1e12, 0.0])
def test_any_figure_the_loader_accepts_draws_a_chart(value: float) -> None:
    for kind in ("line", "bar"):
        for size in ("wide", "narrow", "small"):
            one = replace(spec(kind=kind), size=size, series=(Series("A", 0, (value, None, value, 0, 0, 0)),))
            ET.fromstring(Charts(None).svg(one))  # well-formed, and no exception


def test_contributor_text_is_written_the_same_however_the_chart_is_kept(tmp_path: Path) -> None:
    odd = "Visits\rper\r\nweek\x01\x08 \u0085end"
    chart = replace(spec(odd), unit=odd, series=(Series(odd, 0, (1.0,) * 6), Series("B", 1, (2.0,) * 6)))
    drawn = Charts(tmp_path).svg(chart)
    assert Charts(tmp_path).svg(chart) == drawn  # read back from the cache, byte for byte
    root = ET.fromstring(drawn)  # no character XML cannot hold
    assert "Visits per week end" in [line for t in root.iter(f"{SVG}text") for line in t.itertext()]
    assert "\r" not in drawn and root.get("aria-label") == "Visits per week end"


def test_every_name_and_figure_stays_inside_the_chart() -> None:
    """Names at the lines' ends, values on the axis: none outside the chart's box (its page clips it)."""
    same_end = tuple(Series(f"A place with a long name {n}", n, (1.0,) * 5 + (1e9,)) for n in range(10))
    for size in ("wide", "narrow"):
        chart = replace(spec(), size=size, series=same_end)
        root = ET.fromstring(Charts(None).svg(chart))
        width, height = (float(v) for v in (root.get("viewBox") or "").split()[2:])
        for text in root.iter(f"{SVG}text"):
            if text.get("y") is None or text.get("x") is None:
                continue
            x, y = float(text.get("x") or 0), float(text.get("y") or 0)
            line = "".join(text.itertext())
            chars = len(line) * 0.58 * float(text.get("font-size") or 13)
            assert 0 <= y <= height, (size, line)
            if text.get("text-anchor") is None:  # starts at x: a name at a line's end
                assert x + chars <= width + 1, (size, line)
        values = root.find(f"{SVG}g[@text-anchor='end']")
        assert values is not None
        for text in values.iter(f"{SVG}text"):  # the value axis's names end at x
            assert float(text.get("x") or 0) - len(text.text or "") * 0.58 * 13 >= 0, text.text


def test_a_line_that_stops_early_is_led_to_its_name() -> None:
    early = Series("Kirkgate", 2, (1.0, 2.0, 3.0, None, None, None))
    root = ET.fromstring(Charts(None).svg(replace(spec(), series=(early, Series("B", 1, (1.0,) * 6)))))
    leaders = [p for p in root.iter(f"{SVG}path") if p.get("stroke-dasharray") == "2 2"]
    assert [p.get("style") for p in leaders] == ["stroke: var(--la-series-2)"]  # Kirkgate's alone


@pytest.mark.parametrize("group", [1, 2, 3, 4])
def test_hatching_runs_one_way_or_the_other(group: int) -> None:
    first = hatch(0, 0, 12, 12, group).split("M")[1]
    (x0, y0), (x1, y1) = (tuple(map(float, point.split())) for point in first.split("L"))
    assert x1 > x0 and (y1 < y0) == (group % 2 == 1)  # "/" for odd rounds of the palette, else "\\"
    assert hatch(0, 0, 12, 12, group).count("M") == (4 if group <= 2 else 6)


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ("measure: participants\nkind: pie", "'pie' is not a valid kind — use one of: bar, line"),
        ("measure: participants\nkind: bars", "did you mean 'bar'"),
        (
            "measure: participants\nfrom: 2025-06\nuntil: 2025-Q1",
            "'until: 2025-Q1' comes before 'from: 2025-06'",
        ),
        (
            "measure: participants\nutnil: 2025",
            "'utnil' is not an option of learning-chart — did you mean 'until'",
        ),
    ],
)
def test_chart_block_options_are_checked(options: str, message: str) -> None:
    found = find_blocks(f"Intro\n\n```learning-chart\n{options}\n```\n", 1)
    assert not found.blocks
    assert any(message in f"{p.message} — {p.hint}" for p in found.problems), found.problems


def test_a_whole_year_is_a_valid_range_for_a_month() -> None:
    found = find_blocks(
        "```learning-chart\nmeasure: participants\nfrom: 2025-03\nuntil: 2025\nkind: bar\n```\n", 1
    )
    assert found.blocks and not found.problems


@pytest.mark.parametrize(
    ("written", "hint"),
    [
        ("2026-1", "did you mean 2026-01?"),
        ("2024-q1", "did you mean 2024-Q1?"),
        ("2025-13", "there is no month 13 (months run 01 to 12)"),
        ("2025-Q5", "a year has quarters Q1 to Q4"),
    ],
)
def test_a_mistyped_period_gets_its_fix(written: str, hint: str) -> None:
    assert period_hint(written).startswith(hint)
    assert " — " not in period_hint(written)  # the report puts one dash between problem and fix


@pytest.mark.parametrize(
    ("value", "hint"),
    [
        ("12 people", "write just the number, 12:"),
        ("1,200", "write it without separators: 1200"),
        ("45%", "write just the number, 45:"),
        (None, "no value is given: remove the line"),
        ("lots", "write a plain number"),
    ],
)
def test_a_value_that_is_not_a_number_gets_its_fix(value: object, hint: str) -> None:
    assert value_hint(value).startswith(hint)


def test_one_sentence_says_a_shared_span_once() -> None:
    months = [P("2025-01"), P("2025-12")]
    both = [
        ("Hillfoot", list(zip(months, [1.0, 2.0], strict=True))),
        ("Cinderhill", list(zip(months, [5.0, 3.0], strict=True))),
    ]
    assert (
        trends(both)
        == "Between January and December 2025, Hillfoot rose from 1 to 2; Cinderhill fell from 5 to 3"
    )


def test_an_axis_names_the_year_wherever_it_changes_between_the_ticks_it_shows() -> None:
    # From February, every other month: February 2025 follows December 2024 on the axis.
    ticks = tuple(P(f"{y}-{m:02d}").axis for y in (2024, 2025) for m in range(1, 13))[1:]
    svg = Charts(None).svg(
        ChartSpec("From February", "people", ticks, (Series("A", 0, (1.0,) * len(ticks)),))
    )
    axis = ET.fromstring(svg).find(f"{SVG}g[@text-anchor='middle']")
    assert axis is not None
    texts = [line for t in axis.iter(f"{SVG}text") for line in t.itertext()]
    assert texts[:3] == ["Feb", "2024", "Apr"]  # a two-line tick is two lines
    assert texts[texts.index("2025") - 1] == "Feb"


@pytest.mark.parametrize(
    ("value", "said"),
    [
        (34.0, "34"),
        (1234.56, "1,234.6"),
        (2.25, "2.2"),
        (0.04, "0.04"),
        (0.123, "0.12"),
        (0.5, "0.5"),
        (-0.004, "-0.004"),
        (0.0, "0"),
        (None, "no figure"),
    ],
)
def test_a_figure_reads_as_a_reader_expects(value: float | None, said: str) -> None:
    """A small rate keeps its figures: 0.04 was written as "0"."""
    assert number(value) == said


@pytest.mark.parametrize(
    "ticks",
    [
        tuple(P(f"{y}-{m:02d}").axis for y in (2023, 2024, 2025) for m in range(1, 13)),
        tuple(P(f"{y}-{m:02d}").axis for y in (2024, 2025) for m in range(1, 13)),
        tuple(P(f"2025-{m:02d}").axis for m in range(1, 7)),
        tuple(P(f"{y}-Q{q}").axis for y in (2023, 2024, 2025) for q in range(1, 5)),
        tuple(P(str(y)).axis for y in range(2019, 2026)),
    ],
)
def test_the_first_period_is_named_clear_of_the_lowest_value(ticks: tuple[str, ...]) -> None:
    """The bottom-left corner: '0' ends left of the axis, the first period's name starts right of
    it, however close the first period stands to the axis (many periods on a small card)."""
    for kind in ("line", "bar"):
        for size in ("wide", "narrow", "small"):
            series = (Series("A", 0, tuple(float(n) for n in range(len(ticks)))),)
            chart = replace(spec(kind=kind), size=size, ticks=ticks, series=series)
            root = ET.fromstring(Charts(None).svg(chart))
            values = root.find(f"{SVG}g[@text-anchor='end']")
            periods = root.find(f"{SVG}g[@text-anchor='middle']")
            assert values is not None and periods is not None
            lowest = next(values.iter(f"{SVG}text"))  # the value axis names its values from the bottom up
            first = next(periods.iter(f"{SVG}text"))
            font = float(periods.get("font-size") or 0)
            width = max(len(line) for line in first.itertext()) * font * 0.6  # a little wider than most fonts
            x = float(first.get("x") or 0)
            starts = x if first.get("text-anchor") == "start" else x - width / 2
            assert starts - float(lowest.get("x") or 0) >= 4, (kind, size, ticks[0])


@pytest.mark.parametrize(
    ("title", "ending"),
    [
        (
            "New people taking part for the first time ever in any activity run or co-run by the "
            "place, each person counted once, by place",
            ", by place",
        ),
        (
            "Hours volunteered " + "in every kind of activity " * 30 + "across the network",
            "across the network",
        ),
        (
            "Households reached by door-knocking, stalls and events, counted by the street rather "
            "than by the person, at Saltmarsh End Community Hub",
            "at Saltmarsh End Community Hub",
        ),
        (HOSTILE * 3 + " by place", "by place"),
    ],
)
def test_a_long_title_keeps_its_start_and_its_ending(title: str, ending: str) -> None:
    """What a chart compares (', by place', 'at North Quay') ends its title: a title too long for
    its lines loses words from its middle, never its ending."""
    for size in ("wide", "narrow"):
        root = ET.fromstring(Charts(None).svg(replace(spec(title), size=size)))
        heading = next(t for t in root.iter(f"{SVG}text") if t.get("font-weight") == "bold")
        lines = list(heading.itertext())
        shown = " ".join(lines)
        assert len(lines) <= 3, (size, lines)
        assert shown.endswith(ending), (size, lines)
        assert shown.startswith(" ".join(title.split()[:3])), (size, lines)
        assert root.get("aria-label") == " ".join(title.split())  # whole, for a screen reader
