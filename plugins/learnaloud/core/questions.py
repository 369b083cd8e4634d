"""The network's key questions: a grid of who answered which, a page of answers per question, and
a page of answers per place.

A question's page shows the published answers, newest year first, by year and then by place (a
place's GROUP_SHOWN newest of a year, with a link to the rest in the year's view), with a list of
jump links to each. So that a reader can read across years without a wall of text, and
without JavaScript, two kinds of page narrow it:

- `questions/<question>/<year>/`: the answers to one question written that year, by place (a long
  year on pages of about ANSWERS_A_PAGE answers, each place whole on one page);
- `questions/places/<place>/`: one place's answers to every question, by question and then by year,
  newest first (a year's GROUP_SHOWN newest, with a link to the rest in the question's year view).
  A question's place chips lead to that place's section of it
  (`questions/places/<place>/#question-<question>`), so one page a place serves every question.

Only years and places that have an answer get a page, and never one per year and place together,
nor one per question and place: 4 questions, 10 years and 50 places make 40 + 50 pages (and 4 question
pages), not 240. Each page says which it is, and its chips never pretend to combine; every chip's count is
the number of answers its link shows. `places` cannot be a question's id (loaders/network.py), so
`questions/places/` is never a question's page.
"""

from __future__ import annotations

import posixpath
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from .analysis.questions import Answer as AnswerSection
from .cards import Cards
from .files import QUESTION_PLACES_FOLDER
from .model import KeyQuestion
from .page import PlannedPage
from .paging import GROUP_SHOWN, Pager, packed, paged_url, pager
from .views import Answer, Cell, Link, QuestionsView, RecordCard, Row, plural, question_url

# Renders the HTML of a record's answers to a question, for the page it will appear on.
AnswerHtml = Callable[[AnswerSection, str], str]
ANSWERS_A_PAGE = 50  # a year view's answers a page (whole places: about 60 KB)


def question_year_url(question_id: str, year: int) -> str:
    """A question's answers written in one year."""
    return f"questions/{question_id}/{year}/"


def place_answers_url(place_id: str) -> str:
    """One place's answers to every question, every year."""
    return f"questions/{QUESTION_PLACES_FOLDER}/{place_id}/"


def question_place_url(question_id: str, place_id: str) -> str:
    """A question's answers from one place, every year: its section of the place's answers."""
    return f"{place_answers_url(place_id)}#{question_anchor(question_id)}"


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


# A place's answers page: "question-<question>" for a question, "year-<year>-<question>" for its
# years (a year has four digits, so "year-2025-x" is never another question's year), and the fixed
# "all-questions", which starts with neither.


def question_anchor(question_id: str) -> str:
    return f"question-{question_id}"


def year_question_anchor(year: int, question_id: str) -> str:
    return f"year-{year}-{question_id}"


def answer_anchor(section: AnswerSection) -> str:
    """An answer's own id on the pages that gather answers ("la-": no contributor heading has it)."""
    return f"la-answer-{section.question.id}-{section.record.place}-{section.record.id}"


NUMBER_WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")


def in_words(number: int) -> str:
    return NUMBER_WORDS[number] if number < len(NUMBER_WORDS) else str(number)


@dataclass(frozen=True)
class AnswerGroup:
    """Answers under one heading: a year or a place. On the question's own page a year holds its
    places (`groups`); elsewhere a group holds its answers."""

    text: str
    anchor: str
    count: int
    answers: list[Answer]
    groups: list[AnswerGroup]
    more: Link | None = None  # the answers left out here (a question's page), and where they are


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
    pager: Pager | None = None  # a year view's other pages


@dataclass(frozen=True)
class PlaceAnswersView:
    """One place's answers to the key questions: a group a question, holding its years."""

    place: Link  # the place's own page
    heading: str  # "North Quay's answers to the four questions"
    total: int
    filters: list[ChipRow]  # the places (pages), then this page's questions (jumps)
    groups: list[AnswerGroup]
    unanswered: list[Link]  # the questions the place has not answered
    questions: list[Link]  # every question's page


@dataclass(frozen=True)
class QuestionPages:
    """One question's answers, and the years and places that get a view."""

    question: KeyQuestion
    answers: list[AnswerSection]  # newest first
    years: dict[int, int]  # year → its number of answers, newest first
    places: dict[str, int]  # place id → its number of answers, by name
    year_places: dict[int, dict[str, int]]  # year → its places' numbers of answers, by name
    year_pages: dict[int, list[list[str]]]  # year → the places on each page of its view

    @property
    def src(self) -> str:
        return f"questions/{self.question.id}.md"

    def year_src(self, year: int, page: int = 1) -> str:
        return paged_url(f"questions/{self.question.id}/{year}/", page).removesuffix("/") + ".md"

    def year_page_url(self, year: int, page: int = 1) -> str:
        return paged_url(question_year_url(self.question.id, year), page)

    def year_place_url(self, year: int, place_id: str) -> str:
        """A place's section of a year view, on the page that holds it."""
        page = next(n for n, places in enumerate(self.year_pages[year], start=1) if place_id in places)
        return f"{self.year_page_url(year, page)}#{place_anchor(place_id)}"


class QuestionPlanner:
    def __init__(self, cards: Cards, answer_html: AnswerHtml) -> None:
        self.cards = cards
        self.published = cards.published
        self.indexes = cards.indexes
        self.answer_html = answer_html
        self.counted: dict[str, QuestionPages] = {}
        self.cards_of: dict[str, RecordCard] = {}  # an answer shows on three pages: one card
        self.answered: dict[str, int] | None = None

    def question_pages(self, question: KeyQuestion) -> QuestionPages:
        """A question's answers and its years and places, counted once a build."""
        if question.id not in self.counted:
            self.counted[question.id] = self.count_pages(question)
        return self.counted[question.id]

    def count_pages(self, question: KeyQuestion) -> QuestionPages:
        answers = self.indexes.answers[question.id]
        years = Counter(a.record.date.year for a in answers)
        places = Counter(a.record.place for a in answers)
        order = self.indexes.places_of([a.record for a in answers])
        by_year = Counter((a.record.date.year, a.record.place) for a in answers)
        year_places = {
            year: {pid: by_year[year, pid] for pid in order if by_year[year, pid]} for year in years
        }
        return QuestionPages(
            question,
            answers,
            {year: years[year] for year in sorted(years, reverse=True)},
            {pid: places[pid] for pid in order},
            year_places,
            {year: packed(counts, ANSWERS_A_PAGE) for year, counts in year_places.items()},
        )

    def place_name(self, place_id: str) -> str:
        return self.published.places[place_id].name

    # The views ----------------------------------------------------------------------------------

    def answer(self, section: AnswerSection, page_url: str) -> Answer:
        record = section.record
        if record.ref not in self.cards_of:
            self.cards_of[record.ref] = self.cards.card(record)
        return Answer(self.cards_of[record.ref], self.answer_html(section, page_url), answer_anchor(section))

    def by_place(
        self, pages: QuestionPages, answers: list[AnswerSection], page_url: str, year: int | None = None
    ) -> list[AnswerGroup]:
        """The answers by place: all of them (a year's view), or, on the question's page (`year`
        given), a place's newest of that year and a link to the rest in the year's view."""
        by_place: dict[str, list[AnswerSection]] = {}
        for section in answers:
            by_place.setdefault(section.record.place, []).append(section)
        groups = []
        for pid in pages.places:
            if pid not in by_place:
                continue
            mine = by_place[pid]
            shown = mine if year is None else mine[:GROUP_SHOWN]
            more = self.more_in_year(pages, year, pid, mine[len(shown) :]) if year is not None else None
            groups.append(
                AnswerGroup(
                    self.place_name(pid),
                    place_anchor(pid) if year is None else year_place_anchor(year, pid),
                    len(mine),
                    [self.answer(section, page_url) for section in shown],
                    [],
                    more,
                )
            )
        return groups

    def more_in_year(
        self, pages: QuestionPages, year: int, place_id: str, rest: list[AnswerSection]
    ) -> Link | None:
        """A place's answers of a year left out of a page, counted, linked to the first of them
        where the question's year view shows them all (None: none left out)."""
        if not rest:
            return None
        where = pages.year_place_url(year, place_id).split("#")[0] + "#" + answer_anchor(rest[0])
        name = self.place_name(place_id)
        return Link(f"{plural(len(rest), 'more answer')} from {name} in {year}", where, len(rest))

    def view(self, number: int, year: int | None = None, page: int = 1) -> QuestionView:
        question = self.published.network.questions[number - 1]
        pages = self.question_pages(question)
        others = [link for link in self.cards.question_links() if link.url != question_url(question.id)]
        groups: list[AnswerGroup]
        where = None
        if year is not None:  # one year, by place: whole places a page
            url = pages.year_page_url(year, page)
            here = set(pages.year_pages[year][page - 1])
            shown = [a for a in pages.answers if a.record.date.year == year and a.record.place in here]
            groups = self.by_place(pages, shown, url)
            narrowed = str(year)
            where = pager(page, len(pages.year_pages[year]), partial(pages.year_page_url, year))
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
            "year" if year is not None else "",
            self.filters(pages, groups, year),
            groups,
            others,
            where,
        )

    # What the page shows, and the chips that lead elsewhere -----------------------------------------

    def showing(self, pages: QuestionPages, src: str, year: int | None = None) -> str:
        """Which view the page is, in words ("**2025** · 12 answers from 4 places · Show all
        years"): the page's Markdown, so that search finds it and `--strict` checks the link back."""
        if year is not None:
            shown = [a for a in pages.answers if a.record.date.year == year]
        else:
            shown = pages.answers
        if not shown:
            return ""
        answers = plural(len(shown), "answer")
        places = plural(len({a.record.place for a in shown}), "place")
        back = link_from(src, pages.src)
        if year is not None:
            return f"**{year}** · {answers} from {places} · [Show all years]({back})\n"
        groups = Counter((a.record.date.year, a.record.place) for a in shown)
        rest = (
            f"; a place's {GROUP_SHOWN} newest of each year here, the rest in the year's view"
            if max(groups.values()) > GROUP_SHOWN
            else ""
        )
        return f"**All years and places** · {answers} from {places}, newest year first{rest}\n"

    def filters(
        self, pages: QuestionPages, groups: list[AnswerGroup], year: int | None = None
    ) -> list[ChipRow]:
        """The years, then the places. The years are a row of views, with the one shown marked and
        "All years" leading back. The places lead to each place's answers to this question, on its
        own page (`questions/places/<place>/#question-<question>`, every year's newest); on a year view they
        jump to this page's sections instead. A chip's count is what its link shows, so a year and a
        place never seem to combine."""
        if not pages.answers:
            return []
        qid = pages.question.id
        total = len(pages.answers)
        everything = question_url(qid)
        years = ChipRow(
            "Year",
            [
                Chip("All years", total, everything, year is None),
                *(Chip(str(y), n, question_year_url(qid, y), y == year) for y, n in pages.years.items()),
            ],
        )
        if year is not None:  # its places, in this view: on this page, or on the page that has them
            here = {g.anchor for g in groups}
            places = ChipRow(
                "Jump to a place",
                [
                    Chip(
                        self.place_name(pid),
                        n,
                        f"#{place_anchor(pid)}"
                        if place_anchor(pid) in here
                        else pages.year_place_url(year, pid),
                    )
                    for pid, n in pages.year_places[year].items()
                ],
            )
        else:
            places = ChipRow(
                "Place",
                [
                    Chip("All places", total, everything, True),
                    *(
                        Chip(self.place_name(pid), n, question_place_url(qid, pid))
                        for pid, n in pages.places.items()
                    ),
                ],
            )
        return [years, places]

    # A place's answers -----------------------------------------------------------------------------

    def place_totals(self) -> dict[str, int]:
        """Each place with an answer → its answers to every question, by name."""
        if self.answered is None:
            counts = Counter(
                a.record.place for q in self.published.network.questions for a in self.indexes.answers[q.id]
            )
            self.answered = {pid: counts[pid] for pid in self.indexes.place_order if counts[pid]}
        return self.answered

    def place_heading(self, place_id: str) -> str:
        count = in_words(len(self.published.network.questions))
        noun = "question" if count == "one" else "questions"
        return f"{self.place_name(place_id)}'s answers to the {count} {noun}"

    def place_src(self, place_id: str) -> str:
        return f"questions/{QUESTION_PLACES_FOLDER}/{place_id}.md"

    def place_view(self, place_id: str) -> PlaceAnswersView:
        url = place_answers_url(place_id)
        groups: list[AnswerGroup] = []
        unanswered: list[Link] = []
        for question in self.published.network.questions:
            pages = self.question_pages(question)
            mine = [a for a in pages.answers if a.record.place == place_id]
            if not mine:
                unanswered.append(Link(question.text, question_url(question.id)))
                continue
            years = []
            for y in pages.years:  # a year's newest few; the rest where the year's view has them
                of_year = [a for a in mine if a.record.date.year == y]
                if of_year:
                    shown = [self.answer(a, url) for a in of_year[:GROUP_SHOWN]]
                    more = self.more_in_year(pages, y, place_id, of_year[len(shown) :])
                    anchor = year_question_anchor(y, question.id)
                    years.append(AnswerGroup(str(y), anchor, len(of_year), shown, [], more))
            groups.append(AnswerGroup(question.text, question_anchor(question.id), len(mine), [], years))
        totals = self.place_totals()
        filters = [
            ChipRow(
                "Place",
                [
                    Chip(self.place_name(pid), n, place_answers_url(pid), pid == place_id)
                    for pid, n in totals.items()
                ],
            ),
            ChipRow("Jump to a question", [Chip(g.text, g.count, f"#{g.anchor}") for g in groups]),
        ]
        return PlaceAnswersView(
            self.cards.place_link(place_id),
            self.place_heading(place_id),
            totals[place_id],
            filters,
            groups,
            unanswered,
            self.cards.question_links(),
        )

    def place_showing(self, place_id: str) -> str:
        """The page's Markdown: what it holds, with a link back to the grid that `--strict` checks."""
        mine = [
            (q.id, a.record.date.year)
            for q in self.published.network.questions
            for a in self.indexes.answers[q.id]
            if a.record.place == place_id
        ]
        answers = plural(len(mine), "answer")
        questions = plural(len({qid for qid, _ in mine}), "question")
        years = plural(len({y for _, y in mine}), "year")
        back = link_from(self.place_src(place_id), "questions/index.md")
        name = markdown_text(self.place_name(place_id))
        rest = (
            f"; the {GROUP_SHOWN} newest of a question's year here, the rest in its year's view"
            if max(Counter(mine).values(), default=0) > GROUP_SHOWN
            else ""
        )
        return (
            f"**{name}** · {answers} to {questions} in {years}, newest first{rest} · "
            f"[All questions and places]({back})\n"
        )

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
                        question_place_url(question.id, pid),  # linked only where there are answers
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
                count = len(pages.year_pages[year])
                for page in range(1, count + 1):
                    src = pages.year_src(year, page)
                    planned.append(
                        PlannedPage(
                            src,
                            "learnaloud/question.html",
                            f"{question.text} ({year})" + (f", page {page}" if page > 1 else ""),
                            self.showing(pages, src, year=year),
                            partial(self.view, number, year=year, page=page),
                            searched=False,  # the question's own page is the one search finds
                        )
                    )
        for pid in self.place_totals():
            planned.append(
                PlannedPage(
                    self.place_src(pid),
                    "learnaloud/question-place.html",
                    self.place_heading(pid),
                    self.place_showing(pid),
                    partial(self.place_view, pid),
                    searched=False,  # the questions' own pages are the ones search finds
                )
            )
        return planned
