"""The network's key questions: a grid of who answered which, and a page of answers per question."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from .analysis.questions import Answer as AnswerSection
from .cards import Cards
from .page import PlannedPage
from .views import Answer, AnswerGroup, Cell, Link, QuestionsView, QuestionView, Row, question_url

# Renders the HTML of a record's answers to a question, for the page it will appear on.
AnswerHtml = Callable[[AnswerSection, str], str]


class QuestionPlanner:
    def __init__(self, cards: Cards, answer_html: AnswerHtml) -> None:
        self.cards = cards
        self.published = cards.published
        self.indexes = cards.indexes
        self.answer_html = answer_html

    def question_view(self, number: int) -> QuestionView:
        question = self.published.network.questions[number - 1]
        page = question_url(question.id)
        answers = self.indexes.answers[question.id]
        groups = []
        for pid in self.indexes.places_of([a.record for a in answers]):
            mine = [
                Answer(self.cards.card(a.record), self.answer_html(a, page))
                for a in answers
                if a.record.place == pid
            ]
            groups.append(AnswerGroup(self.cards.place_link(pid), pid, mine))
        others = [link for link in self.cards.question_links() if link.url != page]
        return QuestionView(question, number, groups, len(answers), others)

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
                        f"{question_url(question.id)}#{pid}",
                        f"{len(mine)} answer{'s' * (len(mine) != 1)} from {name}",
                        max((r.date for r in mine), default=None),
                    )
                )
            rows.append(Row(Link(question.text, question_url(question.id), len(answers)), cells))
        return QuestionsView(self.cards.question_links(), [self.cards.place_link(p) for p in places], rows)

    def pages(self) -> list[PlannedPage]:
        pages = [
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
            pages.append(
                PlannedPage(
                    f"questions/{question.id}.md",
                    "learnaloud/question.html",
                    question.text,
                    "",
                    partial(self.question_view, number),
                )
            )
        return pages
