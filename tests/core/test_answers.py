"""Answers to the key questions: found with markdown-it, cut from the page MkDocs renders."""

from __future__ import annotations

import markdown

from learnaloud.core.analysis.questions import QuestionMatcher, answer_markdown, cut_answers
from learnaloud.core.headings import find_headings
from learnaloud.core.model import DEFAULT_QUESTIONS, Record, Source
from learnaloud.core.source import LineMap

BODY = """Intro, not an answer.

## What are we learning through the work?

People stop for tea.

- ## A heading inside a list stays inside the answer

```
## Nor is a heading in code
```

## patterns

The busiest hour was eleven.

## What we'd do differently

Not a question.
"""


def record(body: str) -> Record:
    return Record(
        id="r",
        place="p",
        source=Source("r.md", LineMap({})),
        title="R",
        date="2025-01-01",
        evidence=["story"],
        body=body,
        headings=find_headings(body),
    )


def render(body: str) -> str:
    return markdown.Markdown(extensions=["toc", "tables", "fenced_code"]).convert(body)  # as MkDocs does


def test_top_level_headings_naming_a_question_start_answers() -> None:
    answers = QuestionMatcher(DEFAULT_QUESTIONS).answers(record(BODY))
    assert [(a.question.id, a.heading.line, a.end) for a in answers] == [
        ("learning", 2, 12),
        ("patterns", 12, 16),
    ]


def test_answers_are_cut_from_the_rendered_page() -> None:
    answers = QuestionMatcher(DEFAULT_QUESTIONS).answers(record(BODY))
    parts = cut_answers(render(BODY), answers)
    assert parts is not None
    learning = parts["learning"][0]
    assert (
        "People stop for tea." in learning and "inside a list" in learning and "Nor is a heading" in learning
    )
    assert "busiest" not in learning
    assert parts["patterns"] == ["<p>The busiest hour was eleven.</p>"]


def test_when_the_page_and_markdown_it_disagree_the_answer_is_rendered_alone() -> None:
    body = BODY.replace("Intro, not an answer.", "<h2>Raw HTML heading</h2>")
    answers = QuestionMatcher(DEFAULT_QUESTIONS).answers(record(body))
    assert cut_answers(render(body), answers) is None
    assert answer_markdown(answers[1]).strip() == "The busiest hour was eleven."


def test_the_same_number_of_different_headings_is_not_taken_for_a_match() -> None:
    answers = QuestionMatcher(DEFAULT_QUESTIONS).answers(record(BODY))
    shifted = render(BODY).replace("What are we learning through the work?</h2>", "Something else</h2>")
    assert cut_answers(shifted, answers) is None
