"""Bounded work: a body that would make Python-Markdown slow or crash is refused, at the line where
the trouble starts; a body just inside each limit renders (with the extensions MkDocs runs here)."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import markdown
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from learnaloud.core.bounds import (
    MAX_BODY_CHARS,
    MAX_EMPHASIS,
    MAX_NESTING,
    Scan,
    body_problems,
    estimated_seconds,
    find_fences,
    normalise,
)
from learnaloud.core.source import parse_markdown, read_text

ROOT = Path(__file__).resolve().parents[2]
CONTENT = sorted((ROOT / "content").rglob("*.md"))
REPO_DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]


def render(text: str) -> str:
    """The body as MkDocs renders it here (mkdocs.yml's extensions plus MkDocs' own)."""
    extensions = ["toc", "tables", "fenced_code", "attr_list", "admonition"]
    return markdown.markdown(text, extensions=extensions, extension_configs={"toc": {"permalink": True}})


# -- real text passes -----------------------------------------------------------------------------


def test_every_page_of_the_example_network_and_the_repository_docs_passes() -> None:
    for path in [*CONTENT, *REPO_DOCS]:
        source = parse_markdown(read_text(path))
        assert body_problems(source.body, source.body_line) == [], path


def test_real_text_uses_a_small_part_of_each_budget() -> None:
    for path in [*CONTENT, *REPO_DOCS]:
        body = parse_markdown(read_text(path)).body
        budget = Scan(body).budget
        assert all(seconds < budget / 10 for seconds in estimated_seconds(body).values()), path


def test_a_megabyte_of_ordinary_writing_passes() -> None:
    bodies = [parse_markdown(read_text(path)).body for path in CONTENT]
    parts: list[str] = []
    while sum(map(len, parts)) < 1_000_000:
        parts.append(bodies[len(parts) % len(bodies)])
    assert body_problems("\n\n".join(parts), 1) == []


def test_long_lists_and_tables_full_of_markup_pass() -> None:
    items = "\n".join(f"- **Item {i}**: see [the guide](guide-{i}.md) and *this* `note`" for i in range(600))
    rows = "\n".join(f"| [Place {i}](p{i}.md) | **{i}** | *yes* `x` |" for i in range(600))
    table = "| Place | Count | Note |\n| --- | --- | --- |\n" + rows
    assert body_problems(items, 1) == []
    assert body_problems(table, 1) == []


# -- each limit: just inside renders, just outside is refused at its line --------------------------

PREFIX = "A first paragraph.\n\nA second one,\non two lines.\n\n"  # what follows starts on line 6
FIRST_LINE = 11  # the body's first line in its file
START = FIRST_LINE + PREFIX.count("\n")

Make = Callable[[int], str]


def growing_ticks(k: int) -> str:
    return " ".join("`" * size + "a" for size in range(1, k + 1))


def nested_lists(k: int) -> str:
    return "".join("    " * level + "- a\n" for level in range(k))


def nested_notes(k: int) -> str:
    return "".join("    " * level + "!!! note\n" for level in range(k)) + "    " * k + "text\n"


LIMITS = [
    # (what grows, the text for k, a k that is refused, words in the message, the line it starts on)
    pytest.param(lambda k: "[" * k, 10_000, "'[' in a row", 0, id="a run of ["),
    pytest.param(lambda k: "[a " * k, 10_000, "never closed with ']'", 0, id="unclosed ["),
    pytest.param(lambda k: "[a" * k + "]" * k, 10_000, "nested", 0, id="nested brackets"),
    pytest.param(lambda k: "[a](" * k, 10_000, "'(' is never closed", 0, id="unclosed link ("),
    pytest.param(growing_ticks, 1_000, "groups of '`'", 0, id="unclosed code"),
    pytest.param(lambda k: "*a " * k + "b" + " c*" * k, 10_000, "bold and italic", 0, id="nested emphasis"),
    pytest.param(lambda k: "a  \n" * k, 10_000, "pieces of markup", 0, id="line breaks in a paragraph"),
    pytest.param(lambda k: "x <b>y</b> " * k, 5_000, "pieces of markup", 0, id="inline html in a paragraph"),
    pytest.param(lambda k: "<a " * k, 10_000, "never closed with '>'", 0, id="unclosed tags"),
    pytest.param(lambda k: "<b>x</b>\n\n" * k, 30_000, "HTML tags", 0, id="many html blocks"),
    pytest.param(lambda k: "~~~ a\n" * k, 10_000, "code fences", 0, id="unclosed fences"),
    pytest.param(lambda k: "```\n```\n" * k, 10_000, "code blocks", 0, id="many code blocks"),
    pytest.param(lambda k: "# a\n" * k, 5_000, "headings (or lines", 0, id="headings without blank lines"),
    pytest.param(lambda k: "***\na\n" * k, 5_000, "headings (or lines", 0, id="rules without blank lines"),
    pytest.param(lambda k: "## a\n\n" * k, 10_000, "search index", 0, id="many headings"),
    pytest.param(lambda k: "[TOC]\n\n## h\n\n" * k, 1_000, "[TOC] markers", 0, id="toc markers"),
    pytest.param(lambda k: "# a" + " " * k + "b", 50_000, "spaces in a row", 0, id="spaces in a heading"),
    pytest.param(lambda k: "# a" + " " * k + "{: .x}", 20_000, "'{' after a space", 0, id="spaces before {"),
    pytest.param(
        lambda k: "| a |\n| --- |\n| " + "\\" * k + "x |",
        50_000,
        "'\\' in a row",
        2,
        id="backslashes in a row",
    ),
    pytest.param(
        lambda k: "| a |\n| --- |\n|" + " `|" * k, 10_000, "table row", 2, id="pipes and code in a row"
    ),
    pytest.param(lambda k: "a\n\n" * k, 50_000, "paragraphs (or other blocks", -5, id="many paragraphs"),
    pytest.param(lambda k: ("*a* " * 50 + "\n\n") * k, 2_000, "in all", 0, id="much markup on a page"),
    pytest.param(lambda k: "- a\n" + ("b" * 9 + "\n") * k, 100_000, "list item", 0, id="a long list item"),
]


def largest_passing(make: Make, refused: int) -> int:
    """The largest k for which `make(k)` passes, knowing k = 1 passes and `refused` does not."""
    low, high = 1, refused
    assert body_problems(PREFIX + make(low), FIRST_LINE) == []
    assert body_problems(PREFIX + make(high), FIRST_LINE) != []
    while high - low > 1:
        middle = (low + high) // 2
        if body_problems(PREFIX + make(middle), FIRST_LINE):
            high = middle
        else:
            low = middle
    return low


@pytest.mark.parametrize(("make", "refused", "words", "line"), LIMITS)
def test_just_inside_a_limit_renders_and_just_outside_is_refused_at_its_line(
    make: Make, refused: int, words: str, line: int
) -> None:
    k = largest_passing(make, refused)
    render(PREFIX + make(k))  # renders, with no RecursionError or other exception
    problems = body_problems(PREFIX + make(k + 1), FIRST_LINE)
    assert [problem.line for problem in problems if words in problem.message] == [START + line], problems


@pytest.mark.parametrize(
    ("make", "deepest_line"),
    [
        pytest.param(lambda k: "> " * k + "a\n", lambda k: 0, id="quotes"),
        pytest.param(nested_lists, lambda k: k - 1, id="lists"),
        pytest.param(nested_notes, lambda k: k - 1, id="notes"),
    ],
)
def test_nesting_stops_at_its_limit(make: Make, deepest_line: Callable[[int], int]) -> None:
    assert largest_passing(make, 1_000) == MAX_NESTING
    render(PREFIX + make(MAX_NESTING))
    [problem] = body_problems(PREFIX + make(MAX_NESTING + 1), FIRST_LINE)
    assert f"nested {MAX_NESTING + 1} levels deep" in problem.message
    assert problem.line == START + deepest_line(MAX_NESTING + 1)


def test_emphasis_stops_at_its_limit_even_inside_deep_lists() -> None:
    def make(k: int) -> str:
        return nested_lists(MAX_NESTING) + "    " * MAX_NESTING + "*a " * k + "b" + " c*" * k + "\n"

    assert largest_passing(make, 10_000) == MAX_EMPHASIS
    render(make(MAX_EMPHASIS))


def test_many_indented_code_blocks_one_after_another_are_refused() -> None:
    # Each is appended to the code before it; it takes tens of thousands to matter (here 1.3 MB).
    assert body_problems(PREFIX + ("    " + "a" * 60 + "\n\n") * 1_000, FIRST_LINE) == []
    problems = body_problems(PREFIX + ("    " + "a" * 60 + "\n\n") * 30_000, FIRST_LINE)
    assert [problem.line for problem in problems if "indented code blocks" in problem.message] == [START]


def test_a_body_too_long_for_a_page_is_refused_at_its_first_line() -> None:
    [problem] = body_problems("a" * (MAX_BODY_CHARS + 1), FIRST_LINE)
    assert problem.line == FIRST_LINE
    assert f"{MAX_BODY_CHARS + 1:,} characters" in problem.message
    assert body_problems("a" * MAX_BODY_CHARS, FIRST_LINE) == []


# -- reading the text as Python-Markdown does --------------------------------------------------------


def test_code_in_fences_is_not_read_as_markdown_but_an_unclosed_fence_is() -> None:
    code = "[" * 5_000 + "\n" + "> " * 40 + "x\n" + "*" * 3_000 + "a" + "*" * 3_000
    assert body_problems(f"Text.\n\n```\n{code}\n```\n", 1) == []
    assert body_problems(f"Text.\n\n~~~~ python\n{code}\n~~~~\n", 1) == []
    assert body_problems(f"Text.\n\n```\n{code}\n````\n", 1) != []  # '````' does not close '```'


def test_lines_are_counted_across_windows_line_ends_and_tabs() -> None:
    problems = body_problems("One.\r\n\r\n\tTwo.\r\n\r\n" + "[" * 5_000, 3)
    assert problems
    assert {problem.line for problem in problems} == {7}


def test_deep_indentation_outside_lists_and_long_rules_pass() -> None:
    assert body_problems("Text.\n\n" + " " * 120 + "centred text\n", 1) == []
    assert body_problems("    code\n" + " " * 60 + "more code\n", 1) == []
    assert body_problems("- - - - - - - - - - - - - - - - - - - - - - - - - - -\n", 1) == []
    assert body_problems("Text.\n\n" + "-" * 80 + "\n", 1) == []


def test_escaped_brackets_and_code_spans_in_links_are_cheap() -> None:
    assert body_problems("\\[" * 200 + "\n", 1) == []
    links = " ".join(f'[`command {i}`](https://example.org/{i} "title {i}")' for i in range(400))
    assert body_problems(links, 1) == []


# -- fuzz ------------------------------------------------------------------------------------------

MARKDOWN_CHARS = list("[]()`*_<>!#-=|{}:\\~&;./1aA \n\n\t\"'")


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=4_000), st.integers(min_value=1, max_value=500))
def test_any_text_is_read_without_error(text: str, first_line: int) -> None:
    last_line = first_line + normalise(text).count("\n")
    for problem in body_problems(text, first_line):
        assert first_line <= problem.line <= last_line
        assert problem.message and problem.hint


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=st.sampled_from(MARKDOWN_CHARS), max_size=6_000))
def test_markdown_like_text_is_read_without_error(text: str) -> None:
    for problem in body_problems(text, 1):
        assert 1 <= problem.line <= 1 + normalise(text).count("\n")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=st.sampled_from(MARKDOWN_CHARS), max_size=3_000))
def test_markdown_like_text_that_passes_renders(text: str) -> None:
    if not body_problems(text, 1):
        render(text)


FENCE_LINES = [
    "```",
    "````",
    "~~~",
    "``` py",
    "~~~~ py",
    "```{.py}",
    "```{a}b}",
    '``` hl_lines="1"',
    "`` x",
    "``x",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(FENCE_LINES), st.just("")), max_size=25))
def test_fences_are_paired_as_fenced_code_pairs_them(lines: list[str]) -> None:
    text = "\n".join(line or f"L{number}" for number, line in enumerate(lines)) + "\n"
    html = markdown.markdown(text, extensions=["fenced_code"])
    in_code = set(re.findall(r"L\d+", "".join(re.findall(r"<pre.*?</pre>", html, re.DOTALL))))
    normalised = normalise(text)
    blocks = find_fences(normalised).blocks
    fenced = {marker for start, end in blocks for marker in re.findall(r"L\d+", normalised[start:end])}
    assert fenced == in_code
