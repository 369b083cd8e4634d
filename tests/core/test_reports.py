"""Reports planned from the example network, without a build: which years and places get one, the
hypotheses a year in review reports on, and that answers are taken as rendered, never rendered."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
import yaml

from learnaloud.core.analysis import index_published
from learnaloud.core.analysis.questions import Answer
from learnaloud.core.cards import Cards
from learnaloud.core.charts import Charts
from learnaloud.core.errors import Report
from learnaloud.core.files import check_addresses
from learnaloud.core.links import LinkGate
from learnaloud.core.load import load_content
from learnaloud.core.measures import MeasurePlanner
from learnaloud.core.model import PlaceMeasures
from learnaloud.core.periods import number
from learnaloud.core.report_figures import YearFigure, YearFigures, year_period
from learnaloud.core.reports import ReportPlanner, condition, in_words
from learnaloud.core.select import Published, select
from learnaloud.core.site import plan_site
from learnaloud.core.tables import TablePlanner
from learnaloud.core.travel import learning_flows
from learnaloud.core.views import Link, plural
from tests.helpers import EXAMPLE


def published(visibility: str) -> Published:
    content, report = load_content(EXAMPLE)
    assert not report.has_errors, [d.format() for d in report.errors]
    return select(content, visibility, report)  # type: ignore[arg-type]


class Answers:
    """An `AnswerHtml` that says which answer it was asked for, and for which page."""

    def __init__(self) -> None:
        self.asked: list[tuple[str, str, str]] = []

    def __call__(self, answer: Answer, page: str) -> str:
        self.asked.append((answer.record.ref, answer.question.id, page))
        return f"<p>{answer.record.ref} {answer.question.id}</p>"


def planner(
    visibility: str, answers: Answers | None = None, tmp: Path | None = None, chosen: Published | None = None
) -> ReportPlanner:
    chosen = chosen or published(visibility)
    indexes = index_published(chosen)
    cards = Cards(chosen, indexes)
    links = LinkGate(chosen.withheld)
    tables = TablePlanner(chosen.tables, chosen.places, chosen.themes, chosen.records, links)
    measures = MeasurePlanner(chosen, indexes.place_order, Charts(tmp / "charts" if tmp else None), links)
    return ReportPlanner(cards, tables, measures, learning_flows(chosen, indexes), answers or Answers())


@pytest.fixture(scope="module")
def public() -> ReportPlanner:
    return planner("public")


def test_words() -> None:
    assert plural(1, "record") == "1 record" and plural(2, "record") == "2 records"
    assert (
        in_words(["a"]) == "a"
        and in_words(["a", "b"]) == "a and b"
        and in_words(["a", "b", "c"]) == "a, b and c"
    )
    assert in_words([]) == ""
    sources = ReportPlanner.sources(3, 1, 0, 2)
    assert sources == "Generated from 3 learning records, 1 post and the figures of 2 shared measures"


def test_each_published_place_has_a_report_for_each_year_it_published_in(public: ReportPlanner) -> None:
    assert public.network_years() == [2025, 2024]
    years = {pid: public.place_years(pid) for pid in sorted(public.published.places)}
    assert years == {
        "cinderhill": [2025, 2024],
        "hillfoot": [2025, 2024],
        "north-quay": [2025, 2024],
        "saltmarsh-end": [2025, 2024],
    }
    sources = [page.src_uri for page in public.pages()]
    assert sources[:3] == ["reports/index.md", "year-in-review/2025.md", "year-in-review/2024.md"]
    assert "places/north-quay/reports/2025.md" in sources
    assert not any("brackenbury" in src for src in sources)  # the network-only place
    assert "places/brackenbury/reports/2025.md" in [page.src_uri for page in planner("network").pages()]


def test_the_reports_have_addresses_of_their_own() -> None:
    chosen = published("network")
    plan = plan_site(chosen, Answers(), LinkGate(chosen.withheld), Charts(None), "https://example.org/")
    report = Report()
    check_addresses(chosen.files, [page.src_uri for page in plan.pages], report)
    assert not report.has_errors, [d.format() for d in report.errors]
    assert [p.title for p in plan.pages if p.src_uri == "reports/index.md" and p.in_nav] == ["Reports"]


def test_the_home_page_reaches_the_latest_year_in_review(public: ReportPlanner) -> None:
    assert public.latest_review() == Link("2025: the year in review", "year-in-review/2025/", 12)


def test_a_place_report_asks_for_exactly_its_answers_for_its_own_page(tmp_path: Path) -> None:
    answers = Answers()
    reports = planner("public", answers, tmp_path)
    view = reports.place_report_view("north-quay", 2025)
    page = "places/north-quay/reports/2025/"
    mine = {
        (a.record.ref, a.question.id)
        for q in reports.indexes.answers.values()
        for a in q
        if a.record.place == "north-quay" and a.record.date.year == 2025
    }
    assert mine and {(ref, q) for ref, q, _ in answers.asked} == mine
    assert {p for _, _, p in answers.asked} == {page}
    shown = [a.html for q in view.questions for g in q.groups for a in g.answers]
    assert len(shown) == len(mine)
    assert view.cover.title == "North Quay: learning report 2025"
    assert [c.date.year for c in view.records] == [2025] * len(view.records)
    # Newest first, as a question's page has them: the records, and the answers under each place.
    assert view.records == sorted(view.records, key=lambda c: c.date, reverse=True)
    for question in view.questions:
        for group in question.groups:
            dates = [a.card.date for a in group.answers]
            assert dates == sorted(dates, reverse=True)
    assert all(f.figure is not None and "2025" in f.when for f in view.measures)


def test_the_year_in_review_reports_hypotheses_tested_that_year(public: ReportPlanner) -> None:
    found = public.hypotheses(2025, "year-in-review/2025/")
    # The national table of October 2025 picked up December 2024's across-places table.
    assert [(g.table.link.url, [t.link.url for t in g.tested_by]) for g in found] == [
        ("tables/2024-12-reaching-new-people/", ["tables/2025-10-what-funders-and-councils-should-count/"])
    ]
    # Every status, as the table gives it; the revised one's new wording is in a network-only table.
    notes = found[0].hypotheses
    assert [n.entry.status for n in notes] == ["held", "revised", "held", "testing", "held"]
    assert all(n.became is None for n in notes)
    network = planner("network").hypotheses(2025, "year-in-review/2025/")
    assert [t.link.url for t in network[0].tested_by] == [
        "tables/2025-04-saltmarsh-end-the-parks-on-their-terms/",  # April, then October
        "tables/2025-10-what-funders-and-councils-should-count/",
    ]
    revised = network[0].hypotheses[1]
    assert revised.entry.status == "revised" and revised.became and revised.became_in
    assert (
        "but only where the place and the person holding the map are already trusted" in revised.became.html
    )
    assert revised.became_in.link.url == "tables/2025-04-saltmarsh-end-the-parks-on-their-terms/"


def test_a_revised_hypothesis_is_found_by_its_if_clause() -> None:
    assert condition("If we use maps, meals and conversations instead of forms, then people take part.") == (
        "if we use maps, meals and conversations instead of forms"
    )
    assert condition("If  we use maps,\n meals and conversations instead of forms then more come") == (
        "if we use maps, meals and conversations instead of forms"
    )


def test_the_year_in_review_opens_with_what_the_network_learned(public: ReportPlanner) -> None:
    headlines = public.headlines(2025, "year-in-review/2025/")
    # The written reports of the year: the network's own first, then the places', newest first.
    assert [(r.title, r.place.text if r.place else None) for r in headlines.reports] == [
        ("What LocalMotion North learned in 2025", None),
        ("Living with the river: Hillfoot's learning report, 2024 to 2025", "Hillfoot"),
        ("Cinderhill quarterly report: January to March 2025", "Cinderhill"),
    ]
    assert all(r.summary for r in headlines.reports)
    # The year's one public table, its insights and every hypothesis, open and testing too.
    [table] = headlines.tables
    assert table.table.link.url == "tables/2025-10-what-funders-and-councils-should-count/"
    assert len(table.insights) == 4
    assert [n.entry.status for n in table.hypotheses] == ["testing", "open", "testing", "dropped", "open"]
    assert [(s.text, s.count) for s in headlines.statuses] == [("Open", 2), ("Testing", 2), ("Dropped", 1)]
    # The network build: its network-only April table too, newest first.
    network = planner("network").headlines(2025, "year-in-review/2025/")
    assert [t.table.date.month for t in network.tables] == [10, 4]
    view = public.year_in_review_view(2025)
    assert view.contents[0].title == "What we learned in 2025"
    assert [c.url for c in view.contents[0].children] == ["#written", "#concluded"]


def test_report_descriptions_say_what_each_report_holds(public: ReportPlanner) -> None:
    described = {p.src_uri: p.description for p in public.pages()}
    assert described["places/north-quay/reports/2025.md"] == (
        "North Quay's learning report for 2025: its answers to all 4 key questions from 3 learning "
        "records, 1 post and its figures for 3 shared measures."
    )
    assert described["places/saltmarsh-end/reports/2025.md"] == (
        # Its three records answer three of the questions: none says how it shares its learning.
        "Saltmarsh End's learning report for 2025: its answers to 3 of the 4 key questions from 3 "
        "learning records, 1 post and its figures for 3 shared measures."
    )
    assert described["year-in-review/2025.md"] == (
        "What LocalMotion North learned in 2025, question by question and place by place: 12 learning "
        "records from 4 places, 1 Emergent Learning table, 3 written reports and the figures of 3 "
        "shared measures."
    )
    # No report is described with what it does not hold.
    for src, text in described.items():
        if src.startswith("places/"):
            place, year = src.split("/")[1], int(src.split("/")[3][:4])
            if not public.tables_in(year, place):
                assert "table" not in text, src


# -- measures: the year's figure ------------------------------------------------------------------

PUBLIC_PLACES = ["cinderhill", "hillfoot", "north-quay", "saltmarsh-end"]


def raw(place: str, measure: str, year: int) -> dict[str, float]:
    """A place's figures for a measure within a year, as its measures.yml gives them."""
    values = yaml.safe_load((EXAMPLE / "places" / place / "measures.yml").read_text(encoding="utf-8"))
    return {str(k): v for k, v in values[measure].items() if str(k).startswith(str(year))}


def network_months(measure: str, year: int) -> list[float]:
    """The public network's monthly figure (the four places added up), January to December."""
    return [sum(raw(p, measure, year)[f"{year}-{m:02d}"] for p in PUBLIC_PLACES) for m in range(1, 13)]


def figure_of(reports: ReportPlanner, measure: str, year: int, place: str | None = None) -> YearFigure:
    [found] = [f for f in reports.figures.figures(year, place) if f.measure.url == f"measures/{measure}/"]
    return found


def with_rollups(rollups: dict[str, str], drop: tuple[str, str, str] | None = None) -> ReportPlanner:
    """The public example with other rollups, and one figure left out."""
    chosen = published("public")
    measures = {
        mid: m.model_copy(update={"rollup": rollups.get(mid, m.rollup)}) for mid, m in chosen.measures.items()
    }
    places = dict(chosen.place_measures)
    if drop:
        place, measure, period = drop
        values = {mid: dict(v) for mid, v in places[place].values.items()}
        del values[measure][period]
        places[place] = PlaceMeasures(place, places[place].source, values)
    return planner("public", chosen=dataclasses.replace(chosen, measures=measures, place_measures=places))


def test_a_head_count_leads_with_its_latest_month_named_as_such() -> None:
    """With `rollup: none` (a head count), December's figure is December's, never the year's."""
    public = with_rollups({"new-participants": "none"})
    assert all(m.rollup == "none" for m in public.published.measures.values() if m.id != "confidence-score")
    north_quay = raw("north-quay", "new-participants", 2025)
    assert (north_quay["2025-12"], min(north_quay.values()), max(north_quay.values())) == (13, 13, 54)
    place = figure_of(public, "new-participants", 2025, "north-quay")
    assert (place.value, place.when) == ("13", "in December 2025")
    assert "not the year's" in place.how
    assert place.spread == "between 13 and 54 a month in 2025"
    assert place.change == "up from 12 in December 2024"
    assert place.figure is not None and "It was highest in April 2025 (54)." in place.figure.summary
    months = network_months("new-participants", 2025)
    assert (months[-1], min(months), max(months)) == (52, 46, 97)
    network = figure_of(public, "new-participants", 2025)
    assert (network.value, network.when, network.coverage) == ("52", "in December 2025", "")
    assert network.spread == "between 46 and 97 a month in 2025"
    assert network_months("new-participants", 2024)[-1] == 55
    assert network.change == "down from 55 in December 2024"
    # In 2024 not every place reported every month: the range is over the months all did.
    participants = figure_of(planner("network"), "participants", 2024)
    assert participants.spread.endswith("a month from May to December 2024"), participants.spread


def test_a_measure_that_adds_up_leads_with_the_years_total() -> None:
    reports = with_rollups({"new-participants": "sum"})
    assert sum(raw("north-quay", "new-participants", 2025).values()) == 271
    assert sum(network_months("new-participants", 2025)) == 834
    assert sum(network_months("new-participants", 2024)) == 872
    place = figure_of(reports, "new-participants", 2025, "north-quay")
    assert (place.value, place.when, place.how) == ("271", "in 2025", "the 12 monthly figures added up")
    assert place.change == "up from 246 in 2024"
    network = figure_of(reports, "new-participants", 2025)
    assert (network.value, network.when, network.change) == ("834", "in 2025", "down from 872 in 2024")
    assert network.spread == "between 46 and 97 a month in 2025"


def test_a_year_not_complete_is_a_total_so_far() -> None:
    reports = with_rollups({"new-participants": "sum"}, drop=("north-quay", "new-participants", "2025-12"))
    place = figure_of(reports, "new-participants", 2025, "north-quay")
    assert (place.value, place.when) == ("258", "in 2025 so far")  # 271 less December's 13
    assert place.how.startswith("11 of 12 months added up") and place.change == ""
    network = figure_of(reports, "new-participants", 2025)
    assert (network.value, network.when) == ("782", "in 2025 so far")  # 834 less December's 52
    assert network.provisional == "December 2025 so far: 39, from 3 of 4 places"


def test_a_measure_that_averages_leads_with_the_years_average() -> None:
    reports = with_rollups({"confidence-score": "mean"})
    values = raw("north-quay", "confidence-score", 2025)
    place = figure_of(reports, "confidence-score", 2025, "north-quay")
    assert place.value == number(sum(values.values()) / 12) == "6"
    assert (place.when, place.how) == ("in 2025", "the 12 monthly figures averaged")
    assert place.change == "up from 5 in 2024"  # 2024's twelve months average 5.0


def test_years_before_1000_are_four_digit_periods(public: ReportPlanner) -> None:
    assert year_period(999) == "0999" and year_period(2025) == "2025"
    assert YearFigures(public.measures).figures(999) == []
    assert public.measures.place_headlines("north-quay", 999) == []
    view = public.year_in_review_view(999)
    assert view.measures == [] and view.record_count == 0
    assert public.place_report_view("north-quay", 999).measures == []
    assert YearFigures(public.measures).figures(1) == []  # and no year 0 before it


def test_the_year_in_review_gathers_every_answer_of_the_year(tmp_path: Path) -> None:
    answers = Answers()
    reports = planner("public", answers, tmp_path)
    view = reports.year_in_review_view(2025)
    expected = {
        (a.record.ref, a.question.id)
        for q in reports.indexes.answers.values()
        for a in q
        if a.record.date.year == 2025
    }
    assert {(ref, q) for ref, q, _ in answers.asked} == expected
    assert sum(q.count for q in view.questions) == len(expected)
    assert [p.place.text for p in view.places] == ["Cinderhill", "Hillfoot", "North Quay", "Saltmarsh End"]
    assert all(p.report.url.endswith("/reports/2025/") for p in view.places)
    assert all(pair[0].date.year == 2025 for flow in view.flows for pair in flow.pairs)
    assert view.years[0].url == "year-in-review/2025/"
