"""Reports: for each place and each year it published in, a printable learning report made from
what it published that year; for each year, the network's year in review; and an index of every
report, the hand-written ones (posts with `type: report`) included.

Nothing here renders a record again: answers are the HTML cut from each record's page once
(`AnswerHtml`), tables and charts come from their own planners. Only `published` is read, so a
report holds nothing its build does not publish.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import partial

from .analysis.questions import Answer as AnswerSection
from .cards import Cards
from .measures import MeasurePlanner
from .model import KeyQuestion, LearningTable, Post, Record
from .page import PlannedPage
from .questions import AnswerHtml
from .tables import TablePlanner, newest_first
from .travel import Flows
from .urls import move_html
from .views import (
    Answer,
    AnswerGroup,
    Flow,
    Headline,
    Link,
    PostCard,
    RecordCard,
    TableCard,
    TableEntry,
    TableView,
    place_report_url,
    table_url,
    year_in_review_url,
)

REPORTS_URL = "reports/"
KEPT_STATUSES = ("held", "revised")  # the hypotheses a year in review reports on


def plural(count: int, noun: str, many: str = "") -> str:
    """'1 record', '3 records', '2 activities'."""
    return f"{count} {noun if count == 1 else many or noun + 's'}"


def in_words(parts: list[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1] if parts else ""


@dataclass(frozen=True)
class Section:
    """An entry of a report's contents, shaped as MkDocs' table of contents is (title, url,
    children), so one template macro lists both a generated report's and a written one's."""

    title: str
    url: str  # "#anchor"
    children: list[Section]
    level: int = 2


@dataclass(frozen=True)
class ReportCover:
    """What a report's first page says: what it is, whose, when, and what it was made from."""

    kicker: str  # "Learning report", "Year in review"
    title: str
    place: Link | None  # None: the network's own
    network: str
    period: str  # "January to December 2025"
    sources: str  # "Generated from 8 learning records, 1 post and 2 Emergent Learning tables"


@dataclass(frozen=True)
class QuestionAnswers:
    """A key question and the answers given to it in the year, by place."""

    question: KeyQuestion
    number: int
    anchor: str
    groups: list[AnswerGroup]
    count: int


@dataclass(frozen=True)
class TableHypotheses:
    """A table's hypotheses that held or were revised; `tested_by` is this year's table that
    picked an earlier one up (its ground truth is where they were tested)."""

    table: TableCard
    tested_by: TableCard | None
    held: list[TableEntry]
    revised: list[TableEntry]


@dataclass(frozen=True)
class PlaceYear:
    """A place's year, as the year in review lists it: linked to the place's report."""

    report: Link  # the place's report for the year; text is the place's name
    place: Link
    records: int
    posts: int
    tables: int
    themes: list[Link]


@dataclass(frozen=True)
class PlaceReportView:
    cover: ReportCover
    url: str
    year: int
    place: Link
    contents: list[Section]
    questions: list[QuestionAnswers]
    themes: list[Link]  # counted over the year's records
    tables: list[TableView]
    measures: list[Headline]  # the place's figures within the year, each with its chart
    flows: list[Flow]  # learning that travelled to or from the place that year
    posts: list[PostCard]
    records: list[RecordCard]  # oldest first: the year as it happened
    review: Link | None  # the network's year in review for the same year
    years: list[Link]  # the place's reports, newest first


@dataclass(frozen=True)
class YearInReviewView:
    cover: ReportCover
    url: str
    year: int
    contents: list[Section]
    questions: list[QuestionAnswers]
    places: list[PlaceYear]
    themes: list[Link]
    hypotheses: list[TableHypotheses]
    tables: list[TableCard]  # the year's tables, oldest first
    measures: list[Headline]  # the network's figures within the year
    flows: list[Flow]
    posts: list[PostCard]
    record_count: int
    years: list[Link]  # every year in review, newest first


@dataclass(frozen=True)
class ReportYear:
    """One year on the reports page: its year in review and each place's report."""

    year: int
    review: Link
    places: list[Link]  # the place reports, by place name, each with its record count


@dataclass(frozen=True)
class ReportsView:
    years: list[ReportYear]  # newest first
    written: list[PostCard]  # hand-written reports (posts with `type: report`), newest first


def year_of_period(period: str) -> int:
    return int(period[:4])


class ReportPlanner:
    def __init__(
        self,
        cards: Cards,
        tables: TablePlanner,
        measures: MeasurePlanner,
        flows: Flows,
        answer_html: AnswerHtml,
    ) -> None:
        self.cards = cards
        self.published = cards.published
        self.indexes = cards.indexes
        self.tables = tables
        self.measures = measures
        self.flows = flows
        self.answer_html = answer_html

    # -- what each year holds -------------------------------------------------------------------

    def records_in(self, year: int, place_id: str | None = None) -> list[Record]:
        """The year's published records (of one place), oldest first."""
        pool = self.indexes.records if place_id is None else self.indexes.by_place[place_id]
        return [r for r in reversed(pool) if r.date.year == year]

    def posts_in(self, year: int, place_id: str | None = None) -> list[Post]:
        """The year's published posts (of one place), newest first."""
        pool = self.indexes.posts if place_id is None else self.indexes.posts_by_place[place_id]
        return [p for p in pool if p.date.year == year]

    def tables_in(self, year: int, place_id: str | None = None) -> list[LearningTable]:
        """The year's published tables (that a place took part in), oldest first."""
        found = [
            t
            for t in reversed(newest_first(list(self.published.tables.values())))
            if t.date.year == year and (place_id is None or place_id in t.places)
        ]
        return found

    def measure_years(self, place_id: str) -> set[int]:
        reported = self.published.place_measures.get(place_id)
        if reported is None:
            return set()
        return {
            year_of_period(period)
            for measure, values in reported.values.items()
            if measure in self.published.measures
            for period in values
        }

    def place_years(self, place_id: str) -> list[int]:
        """The years a place published anything in: records, posts, tables or measure values."""
        years = {r.date.year for r in self.indexes.by_place[place_id]}
        years |= {p.date.year for p in self.indexes.posts_by_place[place_id]}
        years |= {t.date.year for t in self.published.tables.values() if place_id in t.places}
        years |= self.measure_years(place_id)
        return sorted(years, reverse=True)

    def network_years(self) -> list[int]:
        """The years with anything published, newest first."""
        years = {y for pid in self.published.places for y in self.place_years(pid)}
        years |= {r.date.year for r in self.indexes.records}
        years |= {p.date.year for p in self.indexes.posts}
        years |= {t.date.year for t in self.published.tables.values()}
        return sorted(years, reverse=True)

    # -- pieces ---------------------------------------------------------------------------------

    def answers(self, year: int, page: str, place_id: str | None = None) -> list[QuestionAnswers]:
        """Each key question with the year's answers to it, by place, oldest first, as cut from
        the records' own pages and made to work on `page`."""
        found = []
        for number, question in enumerate(self.published.network.questions, start=1):
            given: list[AnswerSection] = [
                a
                for a in reversed(self.indexes.answers[question.id])
                if a.record.date.year == year and (place_id is None or a.record.place == place_id)
            ]
            groups = []
            for pid in self.indexes.places_of([a.record for a in given]):
                mine = [
                    Answer(self.cards.card(a.record), self.answer_html(a, page))
                    for a in given
                    if a.record.place == pid
                ]
                groups.append(AnswerGroup(self.cards.place_link(pid), f"{question.id}-{pid}", mine))
            found.append(QuestionAnswers(question, number, f"question-{question.id}", groups, len(given)))
        return found

    def table_view(self, table: LearningTable, page: str) -> TableView:
        """A table as its own page shows it, its entries' links made to work on `page`."""
        view = self.tables.table_view(table)

        def moved(entries: list[TableEntry]) -> list[TableEntry]:
            return [replace(e, html=move_html(e.html, table_url(table.id), page)) for e in entries]

        return replace(
            view,
            ground_truth=moved(view.ground_truth),
            insights=moved(view.insights),
            hypotheses=moved(view.hypotheses),
            opportunities=moved(view.opportunities),
            earlier_hypotheses=moved(view.earlier_hypotheses),
            earlier_opportunities=moved(view.earlier_opportunities),
        )

    def kept_hypotheses(self, table: LearningTable, page: str) -> tuple[list[TableEntry], list[TableEntry]]:
        entries = self.table_view(table, page).hypotheses
        return [e for e in entries if e.status == "held"], [e for e in entries if e.status == "revised"]

    def hypotheses(self, year: int, page: str) -> list[TableHypotheses]:
        """The hypotheses that held or were revised: those of the year's tables, and those of the
        earlier tables the year's tables picked up (`follows`) and so tested."""
        found: list[TableHypotheses] = []
        this_year = self.tables_in(year)
        seen = {t.id for t in this_year}
        for table in this_year:
            earlier = self.published.tables.get(table.follows) if table.follows else None
            if earlier is not None and earlier.id not in seen:
                seen.add(earlier.id)
                held, revised = self.kept_hypotheses(earlier, page)
                if held or revised:
                    found.append(
                        TableHypotheses(self.tables.card(earlier), self.tables.card(table), held, revised)
                    )
            held, revised = self.kept_hypotheses(table, page)
            if held or revised:
                found.append(TableHypotheses(self.tables.card(table), None, held, revised))
        return found

    def flows_in(self, year: int, place_id: str | None = None) -> list[Flow]:
        """Learning that travelled between places that year (the learning record's year): all of
        it, or what came to or went from one place."""
        found = []
        for source, learner, pairs in self.flows:
            if place_id is not None and place_id not in (source, learner):
                continue
            mine = [(a, b) for a, b in pairs if a.date.year == year]
            if mine:
                found.append(
                    Flow(
                        self.cards.place_link(source),
                        self.cards.place_link(learner),
                        [(self.cards.card(a), self.cards.card(b)) for a, b in mine],
                    )
                )
        return found

    def cover(self, kicker: str, title: str, year: int, place_id: str | None, sources: str) -> ReportCover:
        network = self.published.network
        return ReportCover(
            kicker,
            title,
            self.cards.place_link(place_id) if place_id else None,
            network.name,
            f"January to December {year}",
            sources,
        )

    @staticmethod
    def sources(records: int, posts: int, tables: int, measures: int) -> str:
        parts = [plural(records, "learning record")]
        if posts:
            parts.append(plural(posts, "post"))
        if tables:
            parts.append(plural(tables, "Emergent Learning table"))
        if measures:
            parts.append(f"the figures of {plural(measures, 'shared measure')}")
        return "Generated from " + in_words(parts)

    def place_title(self, place_id: str, year: int) -> str:
        return f"{self.published.places[place_id].name}: learning report {year}"

    @staticmethod
    def review_title(year: int) -> str:
        return f"{year}: the year in review"

    def review_link(self, year: int) -> Link:
        return Link(self.review_title(year), year_in_review_url(year), len(self.records_in(year)))

    # -- views ----------------------------------------------------------------------------------

    def place_report_view(self, place_id: str, year: int) -> PlaceReportView:
        page = place_report_url(place_id, year)
        cards = self.cards
        records = self.records_in(year, place_id)
        posts = self.posts_in(year, place_id)
        tables = self.tables_in(year, place_id)
        measures = self.measures.place_headlines(place_id, year)
        questions = self.answers(year, page, place_id)
        themes = cards.counted_themes(records)
        flows = self.flows_in(year, place_id)
        name = self.published.places[place_id].name
        contents = [
            Section(
                "Answers to the four key questions"
                if len(questions) == 4
                else "Answers to the key questions",
                "#questions",
                [Section(q.question.text, f"#{q.anchor}", [], 3) for q in questions],
            ),
            *([Section("Emergent Learning tables", "#tables", [])] if tables else []),
            *([Section("Shared measures", "#measures", [])] if measures else []),
            *([Section("Learning between places", "#travel", [])] if flows else []),
            Section(
                "What this report is made from",
                "#sources",
                [
                    *([Section("Learning records", "#records", [], 3)] if records else []),
                    *([Section("Posts and reports", "#posts", [], 3)] if posts else []),
                ],
            ),
        ]
        return PlaceReportView(
            self.cover(
                "Learning report",
                self.place_title(place_id, year),
                year,
                place_id,
                self.sources(len(records), len(posts), len(tables), len(measures)),
            ),
            page,
            year,
            cards.place_link(place_id),
            contents,
            questions,
            themes,
            [self.table_view(t, page) for t in tables],
            measures,
            flows,
            [cards.post_card(p) for p in posts],
            [cards.card(r) for r in records],
            self.review_link(year),
            [
                Link(f"{name}, {y}", place_report_url(place_id, y), len(self.records_in(y, place_id)))
                for y in self.place_years(place_id)
            ],
        )

    def place_year(self, place_id: str, year: int) -> PlaceYear:
        records = self.records_in(year, place_id)
        return PlaceYear(
            Link(self.place_title(place_id, year), place_report_url(place_id, year), len(records)),
            self.cards.place_link(place_id),
            len(records),
            len(self.posts_in(year, place_id)),
            len(self.tables_in(year, place_id)),
            self.cards.counted_themes(records)[:3],
        )

    def year_in_review_view(self, year: int) -> YearInReviewView:
        page = year_in_review_url(year)
        cards = self.cards
        records = self.records_in(year)
        posts = self.posts_in(year)
        tables = self.tables_in(year)
        measures = self.measures.year_headlines(year)
        questions = self.answers(year, page)
        places = [
            self.place_year(pid, year) for pid in self.indexes.place_order if year in self.place_years(pid)
        ]
        hypotheses = self.hypotheses(year, page)
        flows = self.flows_in(year)
        contents = [
            *[Section(q.question.text, f"#{q.anchor}", []) for q in questions],
            *([Section("Place by place", "#places", [])] if places else []),
            *([Section("Hypotheses that held or were revised", "#hypotheses", [])] if hypotheses else []),
            *([Section("Shared measures", "#measures", [])] if measures else []),
            *([Section("The learning that travelled", "#travel", [])] if flows else []),
            *([Section("Posts and reports", "#posts", [])] if posts else []),
        ]
        return YearInReviewView(
            self.cover(
                "Year in review",
                self.review_title(year),
                year,
                None,
                self.sources(len(records), len(posts), len(tables), len(measures)),
            ),
            page,
            year,
            contents,
            questions,
            places,
            cards.counted_themes(records),
            hypotheses,
            [self.tables.card(t) for t in tables],
            measures,
            flows,
            [cards.post_card(p) for p in posts],
            len(records),
            [self.review_link(y) for y in self.network_years()],
        )

    def reports_view(self) -> ReportsView:
        years = []
        for year in self.network_years():
            places = [
                Link(
                    self.published.places[pid].name,
                    place_report_url(pid, year),
                    len(self.records_in(year, pid)),
                )
                for pid in self.indexes.place_order
                if year in self.place_years(pid)
            ]
            years.append(ReportYear(year, self.review_link(year), places))
        written = [self.cards.post_card(p) for p in self.indexes.posts if p.type == "report"]
        return ReportsView(years, written)

    def latest_review(self) -> Link | None:
        """The newest year in review, for the home page: one click from it to the report."""
        years = self.network_years()
        return self.review_link(years[0]) if years else None

    # -- pages ----------------------------------------------------------------------------------

    def pages(self) -> list[PlannedPage]:
        network = self.published.network.name
        pages = [
            PlannedPage(
                "reports/index.md",
                "learnaloud/reports.html",
                "Reports",
                "",
                self.reports_view,
                in_nav=True,
                description=f"Reports from {network}: the year in review, each place's learning "
                "report for each year, and the reports its places and the network wrote.",
            )
        ]
        for year in self.network_years():
            pages.append(
                PlannedPage(
                    f"year-in-review/{year}.md",
                    "learnaloud/year-in-review.html",
                    self.review_title(year),
                    "",
                    partial(self.year_in_review_view, year),
                    description=f"What {network} learned in {year}: question by question, place by "
                    "place, the hypotheses that held or were revised, the shared measures and the "
                    "learning that travelled between places.",
                )
            )
        for place_id in sorted(self.published.places):
            name = self.published.places[place_id].name
            for year in self.place_years(place_id):
                pages.append(
                    PlannedPage(
                        f"places/{place_id}/reports/{year}.md",
                        "learnaloud/place-report.html",
                        self.place_title(place_id, year),
                        "",
                        partial(self.place_report_view, place_id, year),
                        description=f"{name}'s learning report for {year}: its answers to the key "
                        "questions, its themes, tables, measures and posts.",
                    )
                )
        return pages
