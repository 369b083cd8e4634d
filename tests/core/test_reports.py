"""Reports planned from the example network, without a build: which years and places get one, the
hypotheses a year in review reports on, and that answers are taken as rendered, never rendered."""

from __future__ import annotations

from pathlib import Path

import pytest

from learnaloud.core.analysis import index_published
from learnaloud.core.analysis.questions import Answer
from learnaloud.core.cards import Cards
from learnaloud.core.charts import Charts
from learnaloud.core.errors import Report
from learnaloud.core.files import check_addresses
from learnaloud.core.links import LinkGate
from learnaloud.core.load import load_content
from learnaloud.core.measures import MeasurePlanner
from learnaloud.core.reports import ReportPlanner, in_words, plural
from learnaloud.core.select import Published, select
from learnaloud.core.site import plan_site
from learnaloud.core.tables import TablePlanner
from learnaloud.core.travel import learning_flows
from learnaloud.core.views import Link
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


def planner(visibility: str, answers: Answers | None = None, tmp: Path | None = None) -> ReportPlanner:
    chosen = published(visibility)
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
    assert view.records == sorted(view.records, key=lambda c: c.date)  # the year as it happened
    assert all(h.figure is not None and "2025" in h.period for h in view.measures)


def test_the_year_in_review_reports_hypotheses_tested_that_year(public: ReportPlanner) -> None:
    found = public.hypotheses(2025, "year-in-review/2025/")
    # The national table of October 2025 picked up December 2024's across-places table.
    assert [(g.table.link.url, g.tested_by.link.url if g.tested_by else None) for g in found] == [
        ("tables/2024-12-reaching-new-people/", "tables/2025-10-what-funders-and-councils-should-count/")
    ]
    assert (len(found[0].held), len(found[0].revised)) == (3, 1)
    network = planner("network").hypotheses(2025, "year-in-review/2025/")
    # Saltmarsh End's network-only table of April 2025 revised one of its own.
    assert any(g.table.link.url == "tables/2025-04-saltmarsh-end-the-parks-on-their-terms/" for g in network)


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
