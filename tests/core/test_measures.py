"""Periods, series and charts of shared measures, without a build."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from learnaloud.core.blocks import find_blocks
from learnaloud.core.charts import Charts, ChartSpec, Series
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
    texts = ["".join(t.itertext()) for t in root.iter(f"{SVG}text")]
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


def test_a_chart_drawn_beside_the_build_fills_its_slot_with_the_same_bytes(tmp_path: Path) -> None:
    here = Charts(None).svg(spec())
    beside = Charts(tmp_path, workers=1)
    page = f"<main>{beside.svg(spec())}<p>and</p>{beside.svg(spec(kind='bar'))}</main>"
    assert "<path" not in page and page.count('class="la-chart-slot"') == 2  # drawn elsewhere
    assert (beside.drawn, beside.cached) == (2, 0)
    filled = beside.fill(page)
    assert filled == f"<main>{here}<p>and</p>{Charts(None).svg(spec(kind='bar'))}</main>"
    assert beside.fill(page) == filled and not beside.drawing  # each drawn once, then kept
    assert (tmp_path / f"{spec().key}.svg").read_text(encoding="utf-8") == here
    # A slot's look-alike from anywhere but the site's templates is left as it is.
    assert beside.fill('<svg class="la-chart-slot" data-chart="x"></svg>').endswith('"x"></svg>')


def test_a_chart_worker_that_dies_costs_time_not_the_build(tmp_path: Path) -> None:
    charts = Charts(tmp_path, workers=1)
    charts.start_pool().submit(os._exit, 1)  # the worker dies (as an out-of-memory kill would)
    page = f"{charts.svg(spec())}{charts.svg(spec(kind='bar'))}"
    assert charts.fill(page) == f"{Charts(None).svg(spec())}{Charts(None).svg(spec(kind='bar'))}"
    assert charts.fill(charts.svg(spec("After"))) == Charts(None).svg(spec("After"))  # a new pool


def test_a_chart_worker_ends_when_its_build_is_killed() -> None:
    script = """
import os, time
from learnaloud.core.charts import Charts
charts = Charts(None, workers=1)
print(charts.start_pool().submit(os.getpid).result(), flush=True)
time.sleep(60)
"""
    build = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    assert build.stdout is not None
    worker = int(build.stdout.readline())
    build.kill()  # no clean stop: as `kill -9`, or an out-of-memory kill
    build.wait()
    for _ in range(100):
        try:
            os.kill(worker, 0)
        except ProcessLookupError:
            return
        time.sleep(0.1)
    pytest.fail("the chart worker outlived its build by 10 s")


def test_a_cached_chart_is_not_drawn_and_matplotlib_not_imported(tmp_path: Path) -> None:
    charts = Charts(tmp_path)
    first = charts.svg(spec())
    assert (charts.drawn, charts.cached) == (1, 0)
    charts.svg(spec())  # shown twice in a build: counted once
    assert (charts.drawn, charts.cached) == (1, 0)
    charts.reset_counts()  # the next `mkdocs serve` rebuild
    assert charts.svg(spec()) == first and (charts.drawn, charts.cached) == (0, 1)
    script = f"""
import sys
from pathlib import Path
from tests.core.test_measures import spec
from learnaloud.core.charts import Charts
charts = Charts(Path({str(tmp_path)!r}))
svg = charts.svg(spec())
print(charts.drawn, charts.cached, "matplotlib" in sys.modules, svg == {first!r})
"""
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["0", "1", "False", "True"]
    charts.svg(spec("Another title"))
    assert charts.drawn == 1 and len(list(tmp_path.glob("*.svg"))) == 2


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
    texts = ["".join(t.itertext()) for t in ET.fromstring(svg).iter(f"{SVG}text")]
    assert texts[:3] == ["Feb", "2024", "Apr"]  # a two-line tick is two text elements
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
