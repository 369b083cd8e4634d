"""Reports: for each place and each year it published in, a printable learning report made from
what it published that year; for each year, the network's year in review; and an index of every
report, the hand-written ones (posts with `type: report`) included.

Nothing here renders a record again: answers are the HTML cut from each record's page once
(`AnswerHtml`), tables and charts come from their own planners. Only `published` is read, so a
report holds nothing its build does not publish.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property, partial

from .analysis.questions import Answer as AnswerSection
from .cards import Cards
from .measures import MeasurePlanner
from .model import KeyQuestion, LearningTable, Post, Record
from .page import PlannedPage
from .paging import GROUP_SHOWN
from .questions import AnswerHtml, answer_anchor, question_year_url
from .report_figures import YearFigure, YearFigures
from .tables import TablePlanner, newest_first
from .travel import Flows
from .views import (
    Answer,
    AnswerGroup,
    Flow,
    Link,
    PostCard,
    RecordCard,
    TableCard,
    TableEntry,
    TableView,
    blog_url,
    place_report_url,
    plural,
    year_in_review_url,
)

REPORTS_URL = "reports/"
POSTS_SHOWN = 10  # the year's newest posts in the year in review; all of them are in the blog


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
    everything: Link | None = None  # where every answer of the year is, when some are left out


@dataclass(frozen=True)
class HypothesisNote:
    """A hypothesis with its status (every status: open and testing too) and, for one that was
    revised, what it became where a later published table that picks its table up says so."""

    entry: TableEntry
    became: TableEntry | None = None
    became_in: TableCard | None = None


@dataclass(frozen=True)
class TableLearning:
    """What a table concluded: its insights and its hypotheses; `tested_by` is the year's table
    that picked an earlier one up (its ground truth is where they were tested)."""

    table: TableCard
    insights: list[TableEntry]
    hypotheses: list[HypothesisNote]
    statuses: list[Link]  # hypothesis statuses with how many hypotheses have each
    tested_by: list[TableCard]  # for an earlier table: the year's tables that picked it up


@dataclass(frozen=True)
class Headlines:
    """What the network learned in a year, first: the reports written that year (the network's
    own first) and what the year's tables concluded."""

    reports: list[PostCard]
    tables: list[TableLearning]  # newest first
    statuses: list[Link]  # over the year's tables' hypotheses


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
    tables: list[TableView]  # newest first
    measures: list[YearFigure]  # the place's figure for the year of each measure, with its chart
    flows: list[Flow]  # learning that travelled to or from the place that year
    posts: list[PostCard]
    records: list[RecordCard]  # newest first, as everywhere else
    review: Link | None  # the network's year in review for the same year
    years: list[Link]  # the place's reports, newest first


@dataclass(frozen=True)
class YearInReviewView:
    cover: ReportCover
    url: str
    year: int
    contents: list[Section]
    headlines: Headlines
    questions: list[QuestionAnswers]
    places: list[PlaceYear]
    themes: list[Link]
    hypotheses: list[TableLearning]  # earlier tables' hypotheses the year's tables tested
    tables: list[TableCard]  # the year's tables, newest first
    measures: list[YearFigure]  # the network's figure for the year of each measure
    flows: list[Flow]
    posts: list[PostCard]
    record_count: int
    years: list[Link]  # every year in review, newest first
    answers_shown: int = GROUP_SHOWN  # a place's answers to a question shown, at most
    travelled: int = 0  # the records that drew on another place's, those linked included
    all_posts: Link | None = None  # the year's posts in the blog, when more than are shown


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


def condition(text: str) -> str:
    """A hypothesis's "if" clause, to find its revised wording: "if we use maps"."""
    words = " ".join(text.lower().split())
    return re.split(r",?\s+then\b", words, maxsplit=1)[0].strip(" .")


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
        self.figures = YearFigures(measures)
        self.flows = flows
        self.answer_html = answer_html

    # -- what each year holds -------------------------------------------------------------------

    def records_in(self, year: int, place_id: str | None = None) -> list[Record]:
        """The year's published records (of one place), newest first."""
        pool = self.indexes.records if place_id is None else self.indexes.by_place[place_id]
        return [r for r in pool if r.date.year == year]

    def posts_in(self, year: int, place_id: str | None = None) -> list[Post]:
        """The year's published posts (of one place), newest first."""
        pool = self.indexes.posts if place_id is None else self.indexes.posts_by_place[place_id]
        return [p for p in pool if p.date.year == year]

    def tables_in(self, year: int, place_id: str | None = None) -> list[LearningTable]:
        """The year's published tables (that a place took part in), newest first."""
        return [
            t
            for t in newest_first(list(self.published.tables.values()))
            if t.date.year == year and (place_id is None or place_id in t.places)
        ]

    def measure_years(self, place_id: str) -> set[int]:
        return {year for years in self.measures_by_year(place_id).values() for year in years}

    def measures_by_year(self, place_id: str) -> dict[str, set[int]]:
        """The years each published measure has a figure of the place's in."""
        reported = self.published.place_measures.get(place_id)
        if reported is None:
            return {}
        return {
            measure: {year_of_period(period) for period in values}
            for measure, values in reported.values.items()
            if measure in self.published.measures and values
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

    @cached_property
    def answers_in(self) -> dict[tuple[str, int], list[AnswerSection]]:
        """Each question's answers by year, in the question's order: sorted out once, not per page."""
        found: dict[tuple[str, int], list[AnswerSection]] = {}
        for question, answers in self.indexes.answers.items():
            for answer in answers:
                found.setdefault((question, answer.record.date.year), []).append(answer)
        return found

    def answers(
        self, year: int, page: str, place_id: str | None = None, limit: int | None = None
    ) -> list[QuestionAnswers]:
        """Each key question with the year's answers to it, by place, newest first (as a question's
        page has them), as cut from the records' own pages and made to work on `page`; at most
        `limit` a place, the rest linked in its report."""
        found = []
        for number, question in enumerate(self.published.network.questions, start=1):
            given: list[AnswerSection] = [
                a
                for a in self.answers_in.get((question.id, year), [])
                if place_id is None or a.record.place == place_id
            ]
            groups = []
            for pid in self.indexes.places_of([a.record for a in given]):
                mine = [a for a in given if a.record.place == pid]
                shown = mine[:limit]
                rest = mine[len(shown) :]
                groups.append(
                    AnswerGroup(
                        self.cards.place_link(pid),
                        f"{question.id}-{pid}",
                        [
                            Answer(self.cards.card(a.record), self.answer_html(a, page), answer_anchor(a))
                            for a in shown
                        ],
                        # The link lands on the first answer not shown here.
                        self.in_report(len(rest), "more answer", pid, year, answer_anchor(rest[0]))
                        if rest
                        else None,
                    )
                )
            everything = None
            if any(group.more for group in groups):
                everything = Link(
                    f"All {len(given)} answers of {year}, place by place",
                    question_year_url(question.id, year),
                    len(given),
                )
            found.append(
                QuestionAnswers(question, number, f"question-{question.id}", groups, len(given), everything)
            )
        return found

    def descendants(self, table: LearningTable) -> list[LearningTable]:
        """The published tables that pick this one up, and those that pick them up, oldest first."""
        found: list[LearningTable] = []
        waiting = list(self.tables.followers.get(table.id, []))
        while waiting:
            later = waiting.pop(0)
            if later not in found:
                found.append(later)
                waiting.extend(self.tables.followers.get(later.id, []))
        return sorted(found, key=lambda t: (t.date, t.id))

    def learning(
        self, table: LearningTable, page: str, tested_by: list[LearningTable] | None = None
    ) -> TableLearning:
        """A table's insights and every hypothesis with its status; a revised one with what it
        became where a later table that picks this one up words it anew (the same "if …")."""
        view = self.tables.table_view(table, page)
        notes = []
        for hypothesis, entry in zip(table.hypotheses, view.hypotheses, strict=True):
            note = HypothesisNote(entry)
            if hypothesis.status == "revised":
                for later in self.descendants(table):
                    matches = [
                        i
                        for i, h in enumerate(later.hypotheses)
                        if condition(h.text) == condition(hypothesis.text)
                        and " ".join(h.text.split()) != " ".join(hypothesis.text.split())
                    ]
                    if matches:
                        became = self.tables.table_view(later, page).hypotheses[matches[0]]
                        note = HypothesisNote(entry, became, self.tables.card(later))
                        break
            notes.append(note)
        return TableLearning(
            self.tables.card(table),
            view.insights,
            notes,
            view.statuses,
            [self.tables.card(t) for t in tested_by or []],
        )

    def headlines(self, year: int, page: str) -> Headlines:
        """What the network learned that year: the written reports, the network's own first, and
        what each of the year's tables concluded."""
        reports = [p for p in self.posts_in(year) if p.type == "report"]
        reports.sort(key=lambda p: p.place is not None)  # stable: newest first within each
        tables = self.tables_in(year)
        return Headlines(
            [self.cards.post_card(p) for p in reports],
            [self.learning(t, page) for t in tables],
            self.tables.statuses(tables),
        )

    def hypotheses(self, year: int, page: str) -> list[TableLearning]:
        """The hypotheses of earlier tables that the year's tables picked up (`follows`) and so
        tested, every status shown; the year's own tables are in its headlines."""
        this_year = self.tables_in(year)
        mine = {t.id for t in this_year}
        picked: dict[str, list[LearningTable]] = {}
        for table in reversed(this_year):  # oldest first: the first to pick it up tested it first
            if table.follows and table.follows not in mine and table.follows in self.published.tables:
                picked.setdefault(table.follows, []).append(table)
        earlier = newest_first([self.published.tables[tid] for tid in picked])
        return [self.learning(t, page, picked[t.id]) for t in earlier if t.hypotheses]

    def in_report(self, count: int, what: str, place_id: str, year: int, section: str) -> Link | None:
        """What a page leaves out (`count` of `what`), linked where the place's report for the year
        has it all ("16 more answers in East Brook's 2025 report"); None when nothing is left out."""
        if not count:
            return None
        name = self.published.places[place_id].name
        return Link(
            f"{plural(count, what)} in {name}'s {year} report",
            f"{place_report_url(place_id, year)}#{section}",
            count,
        )

    def flows_in(self, year: int, place_id: str | None = None, limit: int | None = None) -> list[Flow]:
        """Learning that travelled between places that year (the learning record's year): all of
        it, or what came to or went from one place; at most `limit` records an arrow (the newest),
        the rest linked in the learning place's report."""
        found = []
        for source, learner, pairs in self.flows:
            if place_id is not None and place_id not in (source, learner):
                continue
            mine = [(a, b) for a, b in pairs if a.date.year == year]
            if mine:
                shown = mine if limit is None else mine[max(0, len(mine) - limit) :]  # the newest
                found.append(
                    Flow(
                        self.cards.place_link(source),
                        self.cards.place_link(learner),
                        [(self.cards.card(a), self.cards.card(b)) for a, b in shown],
                        self.in_report(
                            len(mine) - len(shown),
                            "more record" if shown else "record",
                            learner,
                            year,
                            "travel",
                        ),
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
            self.period(year),
            sources,
        )

    def period(self, year: int) -> str:
        """The year a report covers; the newest year only up to the newest item, 'so far'."""
        newest = max(
            [r.date for r in self.indexes.records]
            + [p.date for p in self.indexes.posts]
            + [t.date for t in self.published.tables.values()],
            default=None,
        )
        if newest is None or newest.year != year or (newest.month, newest.day) == (12, 31):
            return f"January to December {year}"
        return f"January to {newest.day} {newest:%B} {year}, so far"

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

    @cached_property
    def answering(self) -> dict[str, set[str]]:
        """Each question's id → the records that answer it, as refs."""
        return {qid: {a.record.ref for a in answers} for qid, answers in self.indexes.answers.items()}

    def place_description(self, place_id: str, year: int) -> str:
        """What a place's report for the year holds, in a sentence, counted: nothing it lacks."""
        records = self.records_in(year, place_id)
        refs = {r.ref for r in records}
        questions = self.published.network.questions
        answered = sum(1 for q in questions if not refs.isdisjoint(self.answering.get(q.id, ())))
        measures = sum(1 for years in self.measures_by_year(place_id).values() if year in years)
        parts = []
        if records:
            asked = "all " if answered == len(questions) else f"{answered} of the "
            parts.append(
                f"its answers to {asked}{plural(len(questions), 'key question')} from "
                f"{plural(len(records), 'learning record')}"
                if answered
                else plural(len(records), "learning record")
            )
        if tables := len(self.tables_in(year, place_id)):
            parts.append(plural(tables, "Emergent Learning table"))
        if posts := len(self.posts_in(year, place_id)):
            parts.append(plural(posts, "post"))
        if measures:
            parts.append(f"its figures for {plural(measures, 'shared measure')}")
        name = self.published.places[place_id].name
        return f"{name}'s learning report for {year}: {in_words(parts)}."

    def review_description(self, year: int) -> str:
        """What the year in review holds, in a sentence, counted."""
        records = self.records_in(year)
        places = [pid for pid in self.indexes.place_order if year in self.place_years(pid)]
        parts = [f"{plural(len(records), 'learning record')} from {plural(len(places), 'place')}"]
        if tables := len(self.tables_in(year)):
            parts.append(plural(tables, "Emergent Learning table"))
        if reports := sum(1 for p in self.posts_in(year) if p.type == "report"):
            parts.append(plural(reports, "written report"))
        measures = {
            measure
            for pid in places
            for measure, years in self.measures_by_year(pid).items()
            if year in years
        }
        if measures:
            parts.append(f"the figures of {plural(len(measures), 'shared measure')}")
        network = self.published.network.name
        return (
            f"What {network} learned in {year}, question by question and place by place: {in_words(parts)}."
        )

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
        measures = self.figures.figures(year, place_id)
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
            [self.tables.table_view(t, page) for t in tables],
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
        measures = self.figures.figures(year)
        questions = self.answers(year, page, limit=GROUP_SHOWN)
        headlines = self.headlines(year, page)
        places = [
            self.place_year(pid, year) for pid in self.indexes.place_order if year in self.place_years(pid)
        ]
        hypotheses = self.hypotheses(year, page)
        flows = self.flows_in(year, limit=0)  # each arrow counted, its records in the place's report
        learned = [
            *([Section("Written reports", "#written", [], 3)] if headlines.reports else []),
            *([Section("What the tables concluded", "#concluded", [], 3)] if headlines.tables else []),
        ]
        contents = [
            *([Section(f"What we learned in {year}", "#headlines", learned)] if learned else []),
            *[Section(q.question.text, f"#{q.anchor}", []) for q in questions],
            *([Section("Place by place", "#places", [])] if places else []),
            *([Section(f"Earlier hypotheses tested in {year}", "#hypotheses", [])] if hypotheses else []),
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
            headlines,
            questions,
            places,
            cards.counted_themes(records),
            hypotheses,
            [self.tables.card(t) for t in tables],
            measures,
            flows,
            [cards.post_card(p) for p in posts[:POSTS_SHOWN]],
            len(records),
            [self.review_link(y) for y in self.network_years()],
            travelled=sum(len(f.pairs) + (f.more.count if f.more else 0) for f in flows),
            all_posts=Link(f"All {len(posts)} posts of {year}, in the blog", blog_url(year), len(posts))
            if len(posts) > POSTS_SHOWN
            else None,
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
        """The newest year in review with learning records, for the home page: one click from it to
        the report. A year with only a post (a report on last year, dated in January) is not it."""
        years = sorted({r.date.year for r in self.indexes.records}, reverse=True) or self.network_years()
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
                    description=self.review_description(year),
                )
            )
        for place_id in sorted(self.published.places):
            for year in self.place_years(place_id):
                pages.append(
                    PlannedPage(
                        f"places/{place_id}/reports/{year}.md",
                        "learnaloud/place-report.html",
                        self.place_title(place_id, year),
                        "",
                        partial(self.place_report_view, place_id, year),
                        description=self.place_description(place_id, year),
                    )
                )
        return pages
