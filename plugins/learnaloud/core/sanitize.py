"""Contributor HTML made safe: an allowlist of tags, attributes and URL schemes (nh3)."""

from __future__ import annotations

import nh3
from markdown_it import MarkdownIt

TAGS = nh3.ALLOWED_TAGS | {
    "div",
    "span",
    "section",
    "figure",
    "figcaption",
    "details",
    "summary",
    "mark",
}
ATTRIBUTES: dict[str, set[str]] = {
    "*": {"id", "class", "title", "lang", "dir", "aria-label"},
    "time": {"datetime"},
    "a": {"href", "title"},
    "img": {"src", "alt", "title", "width", "height", "loading"},
    "td": {"align", "colspan", "rowspan"},
    "th": {"align", "colspan", "rowspan", "scope"},
    "ol": {"start", "type"},
    "abbr": {"title"},
    "details": {"open"},
}
URL_SCHEMES = {"http", "https", "mailto", "tel"}


def sanitize_html(html: str) -> str:
    """Rendered Markdown with scripts, event handlers, frames and script or data URLs removed."""
    return nh3.clean(html, tags=TAGS, attributes=ATTRIBUTES, url_schemes=URL_SCHEMES, link_rel=None)


_markdown = MarkdownIt("commonmark")


def markdown_html(text: str) -> str:
    """A short Markdown text from a data file (a table entry), as safe HTML."""
    return sanitize_html(_markdown.render(text))
