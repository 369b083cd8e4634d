"""The four key questions: which part of a record answers which question."""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass

from ..errors import Report
from ..headings import Heading
from ..model import Content, KeyQuestion, Record

NEAR_MATCH = 0.75
ANSWER_START = "<!-- la-answer {} -->"
ANSWER_END = "<!-- /la-answer -->"
MARKED_ANSWER = re.compile(r"<!-- la-answer ([a-z0-9-]+) -->(.*?)<!-- /la-answer -->", re.DOTALL)


def normalise(text: str) -> str:
    """Case and punctuation aside: "How can we adapt…?" and "how can we adapt" are one heading."""
    # Apostrophes go without a space ("we've" = "weve"); other punctuation separates words.
    without = re.sub(r"['\u2019]", "", text.lower()).replace("&", " and ")
    return " ".join(re.sub(r"[^\w\s]", " ", without).split())


@dataclass(frozen=True)
class Answer:
    """The part of a record under a heading that names a key question."""

    record: Record
    question: KeyQuestion
    heading: Heading
    end: int  # the body line where the answer stops (the next second-level heading, or the end)


class QuestionMatcher:
    def __init__(self, questions: Sequence[KeyQuestion]) -> None:
        self.questions = list(questions)
        self.by_text = {normalise(q.text): q for q in questions} | {normalise(q.id): q for q in questions}

    def match(self, heading: str) -> KeyQuestion | None:
        return self.by_text.get(normalise(heading))

    def near(self, heading: str) -> KeyQuestion | None:
        """The question a heading almost names, for a did-you-mean."""
        text = normalise(heading)
        scored = [(difflib.SequenceMatcher(None, text, normalise(q.text)).ratio(), q) for q in self.questions]
        score, question = max(scored, key=lambda sq: sq[0], default=(0.0, None))
        return question if score >= NEAR_MATCH else None

    def answers(self, record: Record) -> list[Answer]:
        found = []
        last_line = record.body.count("\n") + 1
        for index, heading in enumerate(record.headings):
            question = self.match(heading.text)
            if question is not None:
                end = record.headings[index + 1].line if index + 1 < len(record.headings) else last_line
                found.append(Answer(record, question, heading, end))
        return found


def check_question_headings(content: Content, report: Report) -> None:
    """A heading that almost names a key question is a warning: its answer would go ungathered."""
    matcher = QuestionMatcher(content.network.questions)
    for record in content.records.values():
        for heading in record.headings:
            if matcher.match(heading.text) is not None:
                continue
            near = matcher.near(heading.text)
            if near is not None:
                report.warning(
                    record.source.path,
                    record.body_line + heading.line,
                    f"the heading '{heading.text}' is close to the key question '{near.text}' but does not match it",
                    f"write '## {near.text}' (or '## {near.id}') so the answer is gathered on the question's page",
                )


def mark_answers(body: str, answers: Sequence[Answer]) -> str:
    """The body with each answer between HTML comments, so its rendered HTML can be found again."""
    lines = body.split("\n")
    inserts: list[tuple[int, int, int, str]] = []
    for order, answer in enumerate(answers):
        inserts.append((answer.heading.end, order, 0, ANSWER_START.format(answer.question.id)))
        inserts.append((answer.end, order, 1, ANSWER_END))
    out: list[str] = []
    pending = sorted(inserts)
    for index in range(len(lines) + 1):
        while pending and pending[0][0] <= index:
            out += ["", pending.pop(0)[3], ""]
        if index < len(lines):
            out.append(lines[index])
    marked = "\n".join(out)
    # MkDocs would read a leading '---' line as front matter: the body never starts with one.
    return "\n" + marked if marked.startswith("---") else marked


def split_answers(html: str) -> dict[str, list[str]]:
    """The rendered answers of a page, by question id."""
    found: dict[str, list[str]] = {}
    for match in MARKED_ANSWER.finditer(html):
        found.setdefault(match[1], []).append(match[2].strip())
    return found
