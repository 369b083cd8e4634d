"""A Markdown body's top-level second-level headings, found with markdown-it tokens — or, for a
body of plain paragraphs and headings (most records), with two regular expressions."""

from __future__ import annotations

import re
from dataclasses import dataclass

from markdown_it import MarkdownIt

from .bounds import is_table

# Block structure only: what is a heading, and what only looks like one (in a fence, a list, code).
_blocks = MarkdownIt("zero").enable(
    ["heading", "lheading", "fence", "code", "html_block", "blockquote", "list", "table"]
)
_blocks.core.ruler.disable(["inline", "text_join"])


@dataclass(frozen=True)
class Heading:
    """A `## …` heading of a body: its text as written, and where it stands (0-based body lines)."""

    text: str
    line: int  # the heading's first line
    end: int  # the first line after it
    top: bool  # at the top level of the body, not inside a list or a quote


def outline(headings: tuple[Heading, ...]) -> list[tuple[str, bool]]:
    """What a body's headings say, in order, wherever they stand."""
    return [(heading.text, heading.top) for heading in headings]


def find_headings(body: str) -> tuple[Heading, ...]:
    """Every second-level heading, in order: the same ones the rendered page has as <h2>."""
    if "##" not in body and "\n--" not in body:
        return ()
    plain = plain_headings(body)
    return plain if plain is not None else parsed_headings(body)


def parsed_headings(body: str) -> tuple[Heading, ...]:
    tokens = _blocks.parse(body)
    lines = body.split("\n")
    found = []
    for index, token in enumerate(tokens):
        if (
            token.type == "heading_open"
            and token.tag == "h2"
            and token.map
            and not in_table(lines, token.map[0])
        ):
            found.append(
                Heading(tokens[index + 1].content.strip(), token.map[0], token.map[1], token.level == 0)
            )
    return tuple(found)


def in_table(lines: list[str], line: int) -> bool:
    """Whether Python-Markdown reads this line as a row of a table (its tables extension, always
    on in MkDocs, takes a whole paragraph whose second line is a row of dashes and pipes, where
    markdown-it lets a `## ` line end the table): a heading markdown-it sees, the page does not."""
    start, end = line, line
    while start > 0 and lines[start - 1].strip():
        start -= 1
    if line - start < 2:  # the header row or the dashes: markdown-it agrees
        return False
    while end + 1 < len(lines) and lines[end + 1].strip():
        end += 1
    return is_table("\n".join(lines[start : end + 1]))


# A line that may start something other than a paragraph or an ATX heading: a list item, a quote,
# a fence, indented code, HTML, a thematic break or a setext underline. A body without one (and
# without tabs, carriage returns or NULs, which markdown-it rewrites, or a '|', which may make a
# table row of a heading) is paragraphs and headings only: every `## ` line is a top-level <h2>.
NOT_PLAIN = re.compile(r"^(?: {0,3}(?:[-*+>`~<=_]|\d{1,9}[.)])| {4})|[\t\r\0|]", re.MULTILINE)
H2 = re.compile(r"^ {0,3}##(?: (.*))?$", re.MULTILINE)  # greedy to the line's end: linear time


def plain_headings(body: str) -> tuple[Heading, ...] | None:
    """The headings of a body of plain paragraphs and headings, read without parsing (about 50
    times faster); None when a line may be anything else, for markdown-it to decide."""
    if NOT_PLAIN.search(body):
        return None
    found = []
    for match in H2.finditer(body):
        line = body.count("\n", 0, match.start())
        found.append(Heading(heading_text(match[1] or ""), line, line + 1, True))
    return tuple(found)


def heading_text(written: str) -> str:
    """A heading's text without its closing #s (`## Title ##`); string methods, no backtracking."""
    text = written.rstrip(" ")
    bare = text.rstrip("#")
    if bare != text and (not bare or bare.endswith(" ")):
        text = bare
    return text.strip()
