"""Headings read without parsing are the headings markdown-it finds, or the parse decides."""

from __future__ import annotations

import time

from hypothesis import given, settings
from hypothesis import strategies as st

from learnaloud.core.headings import find_headings, parsed_headings, plain_headings

# Headings, paragraphs, and every character that could make a line something else.
LINE = st.text(alphabet="## ab1.)-+=*_>`~<\\\t\r\0é", max_size=12)
BODY = st.lists(
    st.one_of(LINE, st.sampled_from(["## A question", "##", "## x ##", "   ## y", "text"])), max_size=8
)


@settings(max_examples=4000)
@given(BODY)
def test_the_shortcut_finds_what_markdown_it_finds(lines: list[str]) -> None:
    body = "\n".join(lines)
    plain = plain_headings(body)
    assert plain is None or plain == parsed_headings(body)


def test_a_plain_record_takes_the_shortcut() -> None:
    body = "We met forty people.\n\n## What are we learning through the work?\n\nTea, not leaflets. ##\n## patterns ##\n"
    assert plain_headings(body) == find_headings(body) == parsed_headings(body)
    assert [h.text for h in find_headings(body)] == ["What are we learning through the work?", "patterns"]


def test_anything_else_is_parsed() -> None:
    assert plain_headings("- a list\n\n## Heading") is None
    assert plain_headings("    ## indented code") is None
    assert [h.top for h in find_headings("> ## in a quote")] == [False]


def test_a_heading_line_inside_a_table_is_a_row_as_on_the_page() -> None:
    """Python-Markdown's tables read `## learning |` under a table's dashes as a row: no answer."""
    body = "Word | Count\n:--- | ---\n## learning |\nNOT AN ANSWER\n\n## patterns\n\nA real answer."
    assert [h.text for h in find_headings(body)] == ["patterns"]


def test_a_long_run_of_spaces_costs_no_time() -> None:
    body = "## learning" + " " * 200_000 + "#x\n"
    start = time.perf_counter()
    assert [h.text for h in find_headings(body)] == ["learning" + " " * 200_000 + "#x"]
    assert time.perf_counter() - start < 0.5
