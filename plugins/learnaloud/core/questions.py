"""The network's key questions: a grid of who answered which, and a page of answers per question.

A question's page shows every published answer, newest year first, by year and then by place, with
a list of jump links to each. Two kinds of filtered view narrow it, so a reader can read across
years without a wall of text, and without JavaScript:

- `questions/<question>/<year>/`: the answers written that year, by place;
- `questions/<question>/places/<place>/`: one place's answers, by year, newest first.

Only years and places that have an answer get a view, and never one per year and place together:
a question has at most (years + places) views, so 10 years and 50 places make 60 pages a question,
not 500. The filters are the pages' own Markdown, relative `.md` links, so `mkdocs build --strict`
checks every one of them.
"""

from __future__ import annotations

import posixpath
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from .analysis.questions import Answer as AnswerSection
from .cards import Cards
from .model import KeyQuestion
from .page import PlannedPage
from .views import Answer, Cell, Link, QuestionsView, RecordCard, Row, question_url

# Renders the HTML of a record's answers to a question, for the page it will appear on.
AnswerHtml = Callable[[AnswerSection, str], str]


def question_year_url(question_id: str, year: int) -> str:
    """A question's answers written in one year."""
    return f"questions/{question_id}/{year}/"


def question_place_url(question_id: str, place_id: str) -> str:
    """A question's answers from one place, every year."""
    return f"questions/{question_id}/places/{place_id}/"


def markdown_text(text: str) -> str:
    """Plain text as Markdown that shows exactly that text: every character that is not a letter,
    a digit or a space is written as a character reference, so nothing in it is Markdown or HTML."""
    return "".join(c if c.isalnum() or c == " " else f"&#{ord(c)};" for c in " ".join(text.split()))


@dataclass(frozen=True)
class AnswerGroup:
    """Answers under one heading: a year or a place. On the question's own page a year holds its
    places (`groups`); elsewhere a group holds its answers."""

    text: str
    anchor: str
    count: int
    answers: list[Answer]
    groups: list[AnswerGroup]


@dataclass(frozen=True)
class QuestionView:
    question: KeyQuestion
    number: int
    total: int  # answers to the question
    shown: int  # answers on this page
    places: int  # places on this page
    years: int  # years on this page
    narrowed: str  # "" on the question's own page; else what it is narrowed to: "2025", "Hillfoot"
    by: str  # "" on the question's own page, else "year" or "place"
    groups: list[AnswerGroup]
    others: list[Link]  # the other questions


@dataclass(frozen=True)
class QuestionPages:
    """One question's pages: its own page and each filtered view, as src paths in the docs tree."""

    question: KeyQuestion
    answers: list[AnswerSection]  # newest first
    years: dict[int, int]  # year → its number of answers, newest first
    places: dict[str, int]  # place id → its number of answers, by name

    @property
    def src(self) -> str:
        return f"questions/{self.question.id}.md"

    def year_src(self, year: int) -> str:
        return f"questions/{self.question.id}/{year}.md"

    def place_src(self, place_id: str) -> str:
        return f"questions/{self.question.id}/places/{place_id}.md"


def link_from(page_src: str, target_src: str) -> str:
    """A relative `.md` link between two pages of the docs tree, as MkDocs checks it."""
    return posixpath.relpath(target_src, posixpath.dirname(page_src) or ".")


class QuestionPlanner:
    def __init__(self, cards: Cards, answer_html: AnswerHtml) -> None:
        self.cards = cards
        self.published = cards.published
        self.indexes = cards.indexes
        self.answer_html = answer_html
        self.counted: dict[str, QuestionPages] = {}
        self.cards_of: dict[str, RecordCard] = {}  # an answer shows on three pages: one card

    def question_pages(self, question: KeyQuestion) -> QuestionPages:
        """A question's answers and its years and places, counted once a build."""
        if question.id not in self.counted:
            self.counted[question.id] = self.count_pages(question)
        return self.counted[question.id]

    def count_pages(self, question: KeyQuestion) -> QuestionPages:
        answers = self.indexes.answers[question.id]
        years = Counter(a.record.date.year for a in answers)
        places = Counter(a.record.place for a in answers)
        return QuestionPages(
            question,
            answers,
            {year: years[year] for year in sorted(years, reverse=True)},
            {pid: places[pid] for pid in self.indexes.places_of([a.record for a in answers])},
        )

    def place_name(self, place_id: str) -> str:
        return self.published.places[place_id].name

    # The views ----------------------------------------------------------------------------------

    def answer(self, section: AnswerSection, page_url: str) -> Answer:
        record = section.record
        if record.ref not in self.cards_of:
            self.cards_of[record.ref] = self.cards.card(record)
        return Answer(self.cards_of[record.ref], self.answer_html(section, page_url))

    def by_place(
        self, pages: QuestionPages, answers: list[AnswerSection], page_url: str, prefix: str = ""
    ) -> list[AnswerGroup]:
        by_place: dict[str, list[Answer]] = {}
        for section in answers:
            by_place.setdefault(section.record.place, []).append(self.answer(section, page_url))
        return [
            AnswerGroup(self.place_name(pid), f"{prefix}{pid}", len(by_place[pid]), by_place[pid], [])
            for pid in pages.places
            if pid in by_place
        ]

    def view(self, number: int, year: int | None = None, place: str | None = None) -> QuestionView:
        question = self.published.network.questions[number - 1]
        pages = self.question_pages(question)
        others = [link for link in self.cards.question_links() if link.url != question_url(question.id)]
        groups: list[AnswerGroup]
        if year is not None:  # one year, by place
            url = question_year_url(question.id, year)
            shown = [a for a in pages.answers if a.record.date.year == year]
            groups = self.by_place(pages, shown, url)
            narrowed = str(year)
        elif place is not None:  # one place, by year
            url = question_place_url(question.id, place)
            shown = [a for a in pages.answers if a.record.place == place]
            groups = []
            for y in pages.years:
                mine = [self.answer(a, url) for a in shown if a.record.date.year == y]
                if mine:
                    groups.append(AnswerGroup(str(y), str(y), len(mine), mine, []))
            narrowed = self.place_name(place)
        else:  # every answer, by year and then by place
            url = question_url(question.id)
            shown = pages.answers
            groups = []
            for y in pages.years:
                sections = [a for a in shown if a.record.date.year == y]
                by_place = self.by_place(pages, sections, url, f"{y}-")
                groups.append(AnswerGroup(str(y), str(y), len(sections), [], by_place))
            narrowed = ""
        return QuestionView(
            question,
            number,
            len(pages.answers),
            len(shown),
            len({a.record.place for a in shown}),
            len({a.record.date.year for a in shown}),
            narrowed,
            "year" if year is not None else "place" if place is not None else "",
            groups,
            others,
        )

    # The filters, as each page's Markdown ---------------------------------------------------------

    def filters(
        self, pages: QuestionPages, src: str, year: int | None = None, place: str | None = None
    ) -> str:
        """What the page shows, a way back to every answer, and the year and place filters: the
        page's Markdown, so that `--strict` checks each link. The option shown is not a link."""
        if not pages.answers:
            return ""
        total = len(pages.answers)
        plural = "s" * (total != 1)
        everything = link_from(src, pages.src)
        if year is not None:
            status = f"Showing {pages.years[year]} of {total} answers: those written in {year}. "
        elif place is not None:
            name = markdown_text(self.place_name(place))
            status = f"Showing {pages.places[place]} of {total} answers: those from {name}. "
        else:
            status = ""
        if status:
            status += f"[Show all {total} answer{plural}]({everything})"
        else:
            status = f"Every answer, newest year first. Narrow the {total} answer{plural} to one year or one place:"

        def option(text: str, count: int, target: str, current: bool) -> str:
            words = f"{text} <span>{count}</span>"
            return f"    - **{words}**" if current else f"    - [{words}]({link_from(src, target)})"

        narrowed = year is not None or place is not None
        lines = [status, "", "- **Year**"]
        lines.append(option("All years", total, pages.src, not narrowed))
        for y, count in pages.years.items():
            lines.append(option(str(y), count, pages.year_src(y), y == year))
        lines.append("- **Place**")
        lines.append(option("All places", total, pages.src, not narrowed))
        for pid, count in pages.places.items():
            lines.append(
                option(markdown_text(self.place_name(pid)), count, pages.place_src(pid), pid == place)
            )
        return "\n".join(lines) + "\n"

    # The questions' grid ---------------------------------------------------------------------------

    def questions_view(self) -> QuestionsView:
        places = self.indexes.place_order
        rows = []
        for question in self.published.network.questions:
            answers = self.indexes.answers[question.id]
            cells = []
            for pid in places:
                mine = [a.record for a in answers if a.record.place == pid]
                name = self.published.places[pid].name
                cells.append(
                    Cell(
                        len(mine),
                        question_place_url(question.id, pid),
                        f"{len(mine)} answer{'s' * (len(mine) != 1)} from {name}",
                        max((r.date for r in mine), default=None),
                    )
                )
            rows.append(Row(Link(question.text, question_url(question.id), len(answers)), cells))
        return QuestionsView(self.cards.question_links(), [self.cards.place_link(p) for p in places], rows)

    def pages(self) -> list[PlannedPage]:
        planned = [
            PlannedPage(
                "questions/index.md",
                "learnaloud/questions.html",
                "Questions",
                "",
                self.questions_view,
                in_nav=True,
            )
        ]
        for number, question in enumerate(self.published.network.questions, start=1):
            pages = self.question_pages(question)
            planned.append(
                PlannedPage(
                    pages.src,
                    "learnaloud/question.html",
                    question.text,
                    self.filters(pages, pages.src),
                    partial(self.view, number),
                )
            )
            for year in pages.years:
                src = pages.year_src(year)
                planned.append(
                    PlannedPage(
                        src,
                        "learnaloud/question.html",
                        f"{question.text} ({year})",
                        self.filters(pages, src, year=year),
                        partial(self.view, number, year=year),
                        searched=False,  # the question's own page is the one search finds
                    )
                )
            for pid in pages.places:
                src = pages.place_src(pid)
                planned.append(
                    PlannedPage(
                        src,
                        "learnaloud/question.html",
                        f"{question.text} ({self.place_name(pid)})",
                        self.filters(pages, src, place=pid),
                        partial(self.view, number, place=pid),
                        searched=False,  # the question's own page is the one search finds
                    )
                )
        return planned
