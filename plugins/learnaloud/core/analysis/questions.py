"""The four key questions: which part of a record answers which question."""

from __future__ import annotations

import difflib
import html as html_module
import re
from collections.abc import Sequence
from dataclasses import dataclass

from ..bounds import find_fences
from ..bounds import normalise as as_read
from ..errors import Report
from ..headings import Heading
from ..model import Content, KeyQuestion, Record

NEAR_MATCH = 0.75
RENDERED_H2 = re.compile(r"<h2\b[^>]*>.*?</h2>", re.DOTALL | re.IGNORECASE)
TAG = re.compile(r"<[^>]*>")


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
    index: int  # its heading's place among the record's second-level headings
    stop: int | None  # the place of the heading that ends it, if one does


class QuestionMatcher:
    def __init__(self, questions: Sequence[KeyQuestion]) -> None:
        self.questions = list(questions)
        self.by_words = {normalise(q.text): q for q in questions}  # the question written out
        self.by_text = self.by_words | {normalise(q.id): q for q in questions}

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
        tops = [i for i, heading in enumerate(record.headings) if heading.top]
        last_line = record.body.count("\n") + 1
        for position, index in enumerate(tops):
            heading = record.headings[index]
            question = self.match(heading.text)
            if question is not None:
                stop = tops[position + 1] if position + 1 < len(tops) else None
                end = record.headings[stop].line if stop is not None else last_line
                found.append(Answer(record, question, heading, end, index, stop))
        return found


# A line that names a question but cannot start its answer: another level of heading, or bold.
OTHER_HEADING = re.compile(r"^ {0,3}(?:(#|#{3,6})[ \t]+(.+?)|(\*\*|__)(.+?)\3[ \t]*:?)[ \t]*$", re.MULTILINE)


def check_question_headings(content: Content, report: Report) -> None:
    """A heading that almost names a key question, or that names one at another level (or in
    bold), is a warning: its answer would go ungathered."""
    matcher = QuestionMatcher(content.network.questions)
    for record in content.records.values():
        if "#" in record.body or "**" in record.body or "__" in record.body:
            for line, written, question in misleveled(record.body, matcher):
                report.warning(
                    record.source.path,
                    record.body_line + line,
                    f"'{written}' names the key question '{question.text}', but only a second-level "
                    "heading starts an answer",
                    f"write it as '## {question.text}' so the answer is gathered on the question's page",
                )
        for heading in record.headings:
            if not heading.top or matcher.match(heading.text) is not None:
                continue
            near = matcher.near(heading.text)
            if near is not None:
                report.warning(
                    record.source.path,
                    record.body_line + heading.line,
                    f"the heading '{heading.text}' is close to the key question '{near.text}' but does not match it",
                    f"write '## {near.text}' (or '## {near.id}') so the answer is gathered on the question's page",
                )


def misleveled(body: str, matcher: QuestionMatcher) -> list[tuple[int, str, KeyQuestion]]:
    """Lines outside fenced code (paired as Python-Markdown pairs them) that name a question as a
    heading of another level or in bold."""
    text = as_read(body)  # the same lines, as the page's Markdown reads them
    fenced = find_fences(text).blocks
    found = []
    for match in OTHER_HEADING.finditer(text):
        question = matcher.by_words.get(normalise((match[2] or match[4]).strip().rstrip("#")))
        if question is not None and not any(start <= match.start() < end for start, end in fenced):
            found.append((text.count("\n", 0, match.start()), match[0].strip(), question))
    return found


def cut_answers(html: str, answers: Sequence[Answer]) -> dict[str, list[str]] | None:
    """A record's answers cut from its rendered HTML, by question id. The page has an <h2> for
    each second-level heading markdown-it found, in the same order; where the two disagree (raw
    HTML headings, say) this returns None and the caller renders the answers on their own."""
    if not answers:
        return {}
    found = list(RENDERED_H2.finditer(html))
    if len(found) != len(answers[0].record.headings):
        return None
    for answer in answers:  # the same headings, not only as many
        rendered = html_module.unescape(TAG.sub("", found[answer.index][0]))
        if normalise(rendered) != normalise(answer.heading.text):
            return None
    parts: dict[str, list[str]] = {}
    for answer in answers:
        end = found[answer.stop].start() if answer.stop is not None else len(html)
        parts.setdefault(answer.question.id, []).append(html[found[answer.index].end() : end].strip())
    return parts


def answer_markdown(answer: Answer) -> str:
    """An answer's own Markdown, for when it cannot be cut from the rendered page."""
    lines = answer.record.body.split("\n")
    return "\n".join(lines[answer.heading.end : answer.end])
