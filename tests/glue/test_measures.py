"""Shared measures in real builds: the pages a funder reads, the cache, the open data."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import frictionless
import pytest

from tests.helpers import BASE_TREE, EXAMPLE, Build, article, build_site, write_tree

MEASURES = ("participants", "new-participants", "confidence-score")


def test_the_example_shows_its_measures_on_every_page_a_funder_reads(example_site: Build) -> None:
    index = article(example_site, "measures")
    cards = index.select("li.la-headline")
    assert [c.select_one("a").get_text() for c in cards] == [
        "People taking part",
        "New people taking part",
        "Confidence to act locally",
    ]
    for card in cards:
        assert card.select_one(".la-headline__figure strong").get_text().strip()
        assert card.select_one("svg.la-chart--small[role=img][aria-label]") is not None
        assert "across the network" in card.select_one("figcaption").get_text()
    for measure in MEASURES:
        page = article(example_site, f"measures/{measure}")
        assert len(page.select("figure.la-figure")) == 2  # place by place, and the network
        assert len(page.select("svg.la-chart--wide")) == len(page.select("svg.la-chart--narrow")) == 2
        numbers = page.select("details.la-figure__numbers table")
        assert numbers and numbers[0].select_one("tbody th").get_text() == "January 2024"
    home = article(example_site, "")
    assert len(home.select("#la-measures + p + ul li.la-headline svg")) == 3
    for place in ("north-quay", "hillfoot", "cinderhill", "saltmarsh-end"):
        figures = article(example_site, f"places/{place}").select("#measures + ul li.la-headline")
        assert len(figures) == 3, place
    people = article(example_site, "measures/participants").select_one("figcaption").get_text()
    assert people.startswith("Between January 2024 and December 2025, Cinderhill rose from 23 to 52;")
    assert "North Quay rose from 37 to 81" in people


def measure_tree(values: dict[str, str], block: str = "") -> dict[str, str]:
    tree = {
        **BASE_TREE,
        "places/north-quay/measures.yml": values["north-quay"],
        "places/hillfoot/measures.yml": values["hillfoot"],
    }
    if block:
        tree["figures.md"] = f"# Figures\n\n```learning-chart\n{block}\n```\n"
    return tree


def test_a_gap_is_a_gap_and_a_partial_network_figure_says_so(tmp_path: Path) -> None:
    tree = measure_tree(
        {
            "north-quay": "participants:\n  2025-01: 10\n  2025-02: 20\n  2025-03: 30\n",
            "hillfoot": "participants:\n  2025-01: 5\n  2025-03: 7\n",
        }
    )
    build = build_site(write_tree(tmp_path / "content", tree), tmp_path / "site")
    assert build.returncode == 0, build.output
    page = article(build, "measures/participants")
    places, network = page.select("figure.la-figure")
    rows = {tr.th.get_text(): [td.get_text() for td in tr.select("td")] for tr in places.select("tbody tr")}
    assert rows["February 2025"] == ["\u2013", "20"]  # Hillfoot first (by name): a gap, not a zero
    rows = {tr.th.get_text(): [td.get_text() for td in tr.select("td")] for tr in network.select("tbody tr")}
    assert rows == {
        "January 2025": ["15", "2 of 2"],
        "February 2025": ["20", "1 of 2"],
        "March 2025": ["37", "2 of 2"],
    }
    words = network.figcaption.get_text()
    assert (
        "For 1 period only some of the places have reported: those figures are left out of the trend" in words
    )
    assert "People taking part across the network rose from 15 to 37 between January and March 2025" in words
    assert network.svg.select_one('path[fill="none"][stroke-width="1.5"]') is not None  # February: open


def test_mixed_periods_roll_up_to_the_longest_only_when_whole(tmp_path: Path) -> None:
    tree = measure_tree(
        {
            "north-quay": "participants:\n  2025-01: 10\n  2025-02: 20\n  2025-03: 30\n  2025-04: 40\n",
            "hillfoot": "participants:\n  2025-Q1: 100\n  2025-Q2: 50\n",
        }
    )
    tree["measures.yml"] = "- id: participants\n  title: Hours given\n  unit: hours\n  rollup: sum\n"
    build = build_site(write_tree(tmp_path / "content", tree), tmp_path / "site")
    assert build.returncode == 0, build.output
    places = article(build, "measures/participants").select_one("figure.la-figure")
    rows = {tr.th.get_text(): [td.get_text() for td in tr.select("td")] for tr in places.select("tbody tr")}
    assert rows == {"Q1 2025": ["100", "60"], "Q2 2025": ["50", "\u2013"]}  # April alone is no quarter


def test_a_head_count_keeps_to_one_kind_of_period_and_says_what_it_left_out(tmp_path: Path) -> None:
    tree = measure_tree(
        {
            "north-quay": "participants:\n  2025-01: 10\n  2025-02: 20\n  2025-03: 30\n",
            "hillfoot": "participants:\n  2025-01: 3\n  2025-Q2: 50\n",
        }
    )
    build = build_site(write_tree(tmp_path / "content", tree), tmp_path / "site")
    assert build.returncode == 0, build.output
    assert (
        "places/hillfoot/measures.yml:3: 2025-Q2 is a quarter, but participants is reported by month"
        in build.output
    )
    places = article(build, "measures/participants").select_one("figure.la-figure")
    assert [tr.th.get_text() for tr in places.select("tbody tr")] == [
        "January 2025",
        "February 2025",
        "March 2025",
    ]


def test_a_chart_block_draws_bars_within_its_range(tmp_path: Path) -> None:
    tree = measure_tree(
        {
            "north-quay": "participants:\n  2024-12: 9\n  2025-01: 10\n  2025-02: 20\n  2025-03: 30\n",
            "hillfoot": "participants:\n  2025-02: 5\n",
        },
        "measure: participants\nplaces: [north-quay]\nfrom: 2025\nuntil: 2025-02\nkind: bar",
    )
    build = build_site(write_tree(tmp_path / "content", tree), tmp_path / "site", strict=True)
    assert build.returncode == 0, build.output
    block = article(build, "figures").select_one(".la-block--chart")
    assert [th.get_text() for th in block.select("tbody th")] == ["January 2025", "February 2025"]
    assert [th.get_text() for th in block.select("thead th")] == ["Period", "North Quay"]
    assert (
        "<path" in str(block.svg)
        and "Between January and February 2025, North Quay rose from 10 to 20" in block.get_text()
    )
    # One place's chart says whose it is, copied or printed on its own.
    assert block.svg.get("aria-label") == "People taking part at North Quay"


def test_hostile_names_stay_text_inside_the_chart(tmp_path: Path) -> None:
    hostile = "</text></svg><img src=x onerror=alert(1)> $\\\\frac{a}{b}$"
    tree = measure_tree({"north-quay": "participants:\n  2025-01: 1\n  2025-02: 2\n", "hillfoot": "{}\n"})
    tree["places/north-quay/place.yml"] = f"name: {json.dumps(hostile)}\n"
    tree["measures.yml"] = (
        f"- id: participants\n  title: {json.dumps(hostile)}\n  unit: {json.dumps(hostile)}\n"
    )
    build = build_site(write_tree(tmp_path / "content", tree), tmp_path / "site")
    assert build.returncode == 0, build.output
    for url in ("measures", "measures/participants", "places/north-quay", ""):
        html = build.page(url)
        assert "<img src=x" not in html and "onerror=alert" not in html.replace("onerror=alert(1)&gt;", "")
    svg = article(build, "measures/participants").select_one("svg.la-chart--wide")
    assert svg.get("aria-label").startswith("</text></svg><img")  # an attribute's text, parsed back


def test_a_warm_cache_draws_no_chart(
    tmp_path: Path, tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("cache")))  # empty: its own
    cold = build_site(EXAMPLE, tmp_path / "site")
    assert cold.returncode == 0, cold.output
    drawn = re.search(r"(\d+) charts, \1 drawn and 0 from the cache", cold.output)
    assert drawn is not None and int(drawn[1]) > 20, cold.output
    warm = build_site(EXAMPLE, tmp_path / "again")
    # None drawn: the pages found unchanged by their content alone ask for no chart at all.
    assert not re.search(r"charts, [1-9]\d* drawn", warm.output), warm.output
    assert warm.bytes_on_disk() == cold.bytes_on_disk()


def test_the_published_data_package_validates_and_its_csv_files_round_trip(example_site: Build) -> None:
    report = frictionless.validate(str(example_site.site / "data" / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    package = json.loads((example_site.site / "data" / "datapackage.json").read_text())
    assert package["licenses"][0]["name"] == "CC-BY-4.0"
    for resource in package["resources"]:
        text = (example_site.site / "data" / resource["path"]).read_text(encoding="utf-8")
        rows = list(csv.DictReader(io.StringIO(text)))
        assert [f["name"] for f in resource["schema"]["fields"]] == list(rows[0]) if rows else True
        again = io.StringIO()
        writer = csv.DictWriter(
            again, fieldnames=list(rows[0]), quoting=csv.QUOTE_NONNUMERIC, lineterminator="\n"
        )
        writer.writeheader()
        writer.writerows(rows)
        assert csv.DictReader(io.StringIO(again.getvalue())).__next__() == rows[0]
    values = list(
        csv.DictReader(io.StringIO((example_site.site / "data" / "measure-values.csv").read_text()))
    )
    first = next(v for v in values if v["place"] == "north-quay" and v["measure"] == "participants")
    assert (first["period"], first["value"]) == ("2024-01", "37")


@pytest.mark.parametrize("url", ["data", "measures"])
def test_the_data_is_linked_where_a_researcher_looks(example_site: Build, url: str) -> None:
    links = {a.get("href") for a in article(example_site, url).select("a")}
    assert any(href and href.rstrip("/").endswith(("data", "datapackage.json")) for href in links)
