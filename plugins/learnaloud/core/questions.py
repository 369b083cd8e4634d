"""The network's key questions: a grid of who answered which, and a page of answers per question.

A question's page shows every published answer, newest year first, by year and then by place, with
a list of jump links to each. Two kinds of filtered view narrow it, so a reader can read across
years without a wall of text, and without JavaScript:

- `questions/<question>/<year>/`: the answers written that year, by place;
- `questions/<question>/places/<place>/`: one place's answers, by year, newest first.

Only years and places that have an answer get a view, and never one per year and place together:
a question has at most (years + places) views, so 10 years and 50 places make 60 pages a question,
not 500. Each page says which view it is, and its chips never pretend to combine: on the question's
own page the years lead to year views and the places to place views; on a year view the places jump
to their sections of that year (counted for that year), and on a place view the years jump to that
place's years. Every chip's count is the number of answers its link shows.
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


def link_from(page_src: str, target_src: str) -> str:
    """A relative `.md` link between two pages of the docs tree, as MkDocs checks it."""
    return posixpath.relpath(target_src, posixpath.dirname(page_src) or ".")


# The ids of a question page's headings. Material's own ids start with "__", an answer's ids are
# dropped when it moves to a question page (urls.move_html), and the page's fixed ids
# ("other-questions", "la-jump-title") start with neither "year-" nor "place-": a place may be
# called "other-questions" or "2025", and a prefix keeps its heading's id its own.


def year_anchor(year: int) -> str:
    return f"year-{year}"


def place_anchor(place_id: str) -> str:
    return f"place-{place_id}"


def year_place_anchor(year: int, place_id: str) -> str:
    return f"year-{year}-{place_id}"


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
class Chip:
    """One choice of a filter row: where it leads and how many answers are there."""

    text: str
    count: int  # the answers its link shows: on the page it opens, or in the section it jumps to
    url: str  # a page of the site ("questions/learning/2025/") or a section of this one ("#place-x")
    current: bool = False  # the view shown

    @property
    def jump(self) -> bool:
        return self.url.startswith("#")


@dataclass(frozen=True)
class ChipRow:
    label: str  # "Year", "Place"; "Jump to a place" where the chips jump within the page
    chips: list[Chip]

    @property
    def jumps(self) -> bool:
        return any(chip.jump for chip in self.chips)


@dataclass(frozen=True)
class QuestionView:
    question: KeyQuestion
    number: int
    total: int  # answers to the question
    shown: int  # answers on this page
    narrowed: str  # "" on the question's own page; else what it is narrowed to: "2025", "Hillfoot"
    by: str  # "" on the question's own page, else "year" or "place"
    filters: list[ChipRow]  # the years, then the places
    groups: list[AnswerGroup]
    others: list[Link]  # the other questions


@dataclass(frozen=True)
class QuestionPages:
    """One question's answers, and the years and places that get a view."""

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


def plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'s' * (count != 1)}"


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
        self, pages: QuestionPages, answers: list[AnswerSection], page_url: str, year: int | None = None
    ) -> list[AnswerGroup]:
        by_place: dict[str, list[Answer]] = {}
        for section in answers:
            by_place.setdefault(section.record.place, []).append(self.answer(section, page_url))
        return [
            AnswerGroup(
                self.place_name(pid),
                place_anchor(pid) if year is None else year_place_anchor(year, pid),
                len(by_place[pid]),
                by_place[pid],
                [],
            )
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
                    groups.append(AnswerGroup(str(y), year_anchor(y), len(mine), mine, []))
            narrowed = self.place_name(place)
        else:  # every answer, by year and then by place
            url = question_url(question.id)
            shown = pages.answers
            groups = []
            for y in pages.years:
                sections = [a for a in shown if a.record.date.year == y]
                by_place = self.by_place(pages, sections, url, y)
                groups.append(AnswerGroup(str(y), year_anchor(y), len(sections), [], by_place))
            narrowed = ""
        return QuestionView(
            question,
            number,
            len(pages.answers),
            len(shown),
            narrowed,
            "year" if year is not None else "place" if place is not None else "",
            self.filters(pages, groups, year, place),
            groups,
            others,
        )

    # What the page shows, and the chips that lead elsewhere -----------------------------------------

    def showing(
        self, pages: QuestionPages, src: str, year: int | None = None, place: str | None = None
    ) -> str:
        """Which view the page is, in words ("**2025** · 12 answers from 4 places · Show all
        years"): the page's Markdown, so that search finds it and `--strict` checks the link back."""
        if year is not None:
            shown = [a for a in pages.answers if a.record.date.year == year]
        elif place is not None:
            shown = [a for a in pages.answers if a.record.place == place]
        else:
            shown = pages.answers
        if not shown:
            return ""
        answers = plural(len(shown), "answer")
        places = plural(len({a.record.place for a in shown}), "place")
        back = link_from(src, pages.src)
        if year is not None:
            return f"**{year}** · {answers} from {places} · [Show all years]({back})\n"
        if place is not None:
            years = plural(len({a.record.date.year for a in shown}), "year")
            name = markdown_text(self.place_name(place))
            return f"**{name}** · {answers} in {years} · [Show all places]({back})\n"
        return f"**All years and places** · {answers} from {places}, newest year first\n"

    def filters(
        self,
        pages: QuestionPages,
        groups: list[AnswerGroup],
        year: int | None = None,
        place: str | None = None,
    ) -> list[ChipRow]:
        """The years, then the places. The way a view narrows is a row of views, with the one shown
        marked and "All" leading back; the other way is a row of jumps to this page's sections. A
        chip's count is what its link shows, so a year and a place never seem to combine."""
        if not pages.answers:
            return []
        qid = pages.question.id
        total = len(pages.answers)
        everything = question_url(qid)
        narrowed = year is not None or place is not None
        jumps = [Chip(group.text, group.count, f"#{group.anchor}") for group in groups]
        if place is not None:  # its years, on this page
            years = ChipRow("Jump to a year", jumps)
        else:
            years = ChipRow(
                "Year",
                [
                    Chip("All years", total, everything, not narrowed),
                    *(Chip(str(y), n, question_year_url(qid, y), y == year) for y, n in pages.years.items()),
                ],
            )
        if year is not None:  # its places, on this page
            places = ChipRow("Jump to a place", jumps)
        else:
            places = ChipRow(
                "Place",
                [
                    Chip("All places", total, everything, not narrowed),
                    *(
                        Chip(self.place_name(pid), n, question_place_url(qid, pid), pid == place)
                        for pid, n in pages.places.items()
                    ),
                ],
            )
        return [years, places]

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
                    self.showing(pages, pages.src),
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
                        self.showing(pages, src, year=year),
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
                        self.showing(pages, src, place=pid),
                        partial(self.view, number, place=pid),
                        searched=False,  # the question's own page is the one search finds
                    )
                )
        return planned
