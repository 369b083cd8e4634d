"""A Markdown body's top-level second-level headings, found with markdown-it tokens."""

from __future__ import annotations

from dataclasses import dataclass

from markdown_it import MarkdownIt

# Block structure only: what is a heading, and what only looks like one (in a fence, a list, code).
_blocks = MarkdownIt("zero").enable(
    ["heading", "lheading", "fence", "code", "html_block", "blockquote", "list"]
)
_blocks.core.ruler.disable(["inline", "text_join"])


@dataclass(frozen=True)
class Heading:
    """A `## …` heading of a body: its text as written, and where it stands (0-based body lines)."""

    text: str
    line: int  # the heading's first line
    end: int  # the first line after it
    top: bool  # at the top level of the body, not inside a list or a quote


def find_headings(body: str) -> tuple[Heading, ...]:
    """Every second-level heading, in order: the same ones the rendered page has as <h2>."""
    if "##" not in body and "\n--" not in body:
        return ()
    tokens = _blocks.parse(body)
    found = []
    for index, token in enumerate(tokens):
        if token.type == "heading_open" and token.tag == "h2" and token.map:
            found.append(
                Heading(tokens[index + 1].content.strip(), token.map[0], token.map[1], token.level == 0)
            )
    return tuple(found)
