"""Contributor HTML made safe: an allowlist of tags, attributes and URL schemes (nh3)."""

from __future__ import annotations

import re
from collections.abc import Callable

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


# Ids and classes a contributor may give an element (`{: #id .class }` or raw HTML): a plain slug.
# Material trusts the page's ids — its table of contents writes them into attributes raw, and its
# scripts read the first element with id="__config" — and its own all start with '__'.
SAFE_NAME = re.compile(r"(?!__)[A-Za-z0-9_-]{1,100}")
# The ids Learn Aloud's templates give their own elements start with this (`la-more`), and no
# contributor id does: a `## More` heading never takes the "More from …" section's id.
SITE_ID_PREFIX = "la-"

# Whether a link's address is one the build withholds (see links.LinkGate).
Withheld = Callable[[str], bool]


def safe_id(value: str) -> str | None:
    return value if SAFE_NAME.fullmatch(value) and not value.startswith(SITE_ID_PREFIX) else None


def contributor_slug(slug: str) -> str:
    """A heading id made from a contributor's words, kept out of Material's ids and the site's
    own: `La Paz` makes `la-paz`, which becomes `_la-paz`; `__config` becomes `config`."""
    if slug.startswith("__"):
        slug = slug.lstrip("_") or "section"
    return f"_{slug}" if slug.startswith(SITE_ID_PREFIX) else slug


# Classes the site's own scripts and Material's layout look for: a contributor's element with one
# would be taken for the explorer's filters or laid over the header. Material's buttons stay.
OWN_CLASSES = re.compile(r"(la|md)-")
CONTENT_CLASSES = frozenset({"md-button", "md-button--primary"})


def safe_classes(value: str) -> str | None:
    names = [
        name
        for name in value.split()
        if SAFE_NAME.fullmatch(name) and (not OWN_CLASSES.match(name) or name in CONTENT_CLASSES)
    ]
    return " ".join(names) or None


def sanitize_html(html: str, withheld: Withheld | None = None) -> str:
    """Rendered Markdown with scripts, event handlers, frames and script or data URLs removed, ids
    and classes kept only in slug form, and links to what the build withholds unlinked."""

    def keep(tag: str, attribute: str, value: str) -> str | None:
        if attribute == "id":
            return safe_id(value)
        if attribute == "class":
            return safe_classes(value)
        if attribute in ("href", "src") and withheld is not None and withheld(value):
            return None
        return value

    return nh3.clean(
        html,
        tags=TAGS,
        attributes=ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel=None,
        attribute_filter=keep,
    )


# CommonMark as contributors' Markdown is read wherever no MkDocs page reads it: a data file's
# text rendered, a body's live blocks and links found (one parser: it holds no state between uses).
COMMONMARK = MarkdownIt("commonmark")


def markdown_html(text: str, withheld: Withheld | None = None) -> str:
    """A short Markdown text from a data file (a table entry), as safe HTML."""
    return sanitize_html(COMMONMARK.render(text), withheld)
