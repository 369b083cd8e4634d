"""What a page says about itself to search engines and link previews: its description.

A page's description (its `<meta name="description">` and Open Graph tags) comes from what it is
about: a place's summary, a record's summary (or the start of its body), a theme's description, a
guide's summary, a table's question. Plain text; the glue escapes it where it is placed.
"""

from __future__ import annotations

from .views import plain_start, plain_text, plain_title

DESCRIPTION_LENGTH = 200  # about what a search result or a link preview shows


def description(text: str, limit: int = DESCRIPTION_LENGTH) -> str:
    """Markdown or plain text as one line of plain text, cut at a word near `limit` characters."""
    return shorten(plain_title(plain_text(text)), limit)


def shorten(plain: str, limit: int = DESCRIPTION_LENGTH) -> str:
    """One line of plain text cut at a word near `limit` characters."""
    if len(plain) <= limit:
        return plain
    cut = plain[: limit - 1]
    if " " in cut[limit // 2 :]:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:.-\u2013\u2014") + "\u2026"


def body_description(markdown: str, limit: int = DESCRIPTION_LENGTH) -> str:
    """The start of a Markdown body as plain text: its first paragraphs, never its headings."""
    return shorten(plain_title(plain_start(markdown, limit, read=4)), limit)
