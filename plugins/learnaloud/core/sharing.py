"""What a page says about itself to search engines and link previews: its description.

A page's description (its `<meta name="description">` and Open Graph tags) comes from what it is
about: a place's summary, a record's summary (or the start of its body), a theme's description, a
guide's summary, a table's question. Plain text; the glue escapes it where it is placed.
"""

from __future__ import annotations

from itertools import pairwise

from markdown_it import MarkdownIt

from .views import plain_text, plain_title

DESCRIPTION_LENGTH = 200  # about what a search result or a link preview shows
_markdown = MarkdownIt("commonmark")


def description(text: str, limit: int = DESCRIPTION_LENGTH) -> str:
    """Markdown or plain text as one line of plain text, cut at a word near `limit` characters."""
    plain = plain_title(plain_text(text))
    if len(plain) <= limit:
        return plain
    cut = plain[: limit - 1]
    if " " in cut[limit // 2 :]:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:.-\u2013\u2014") + "\u2026"


def body_description(markdown: str, limit: int = DESCRIPTION_LENGTH) -> str:
    """The start of a Markdown body as plain text: its first paragraphs, never its headings."""
    tokens = _markdown.parse(markdown[: limit * 4])  # only its start: a long body costs no more
    words: list[str] = []
    for opening, inline in pairwise(tokens):
        if opening.type == "paragraph_open" and inline.type == "inline":
            words.append(inline.content)
            if sum(len(w) for w in words) > limit:
                break
    return description("\n\n".join(words), limit)
