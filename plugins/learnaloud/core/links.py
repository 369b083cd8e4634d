"""Hand-written links to what a build withholds. A public record may link, in Markdown or raw HTML,
to a network-only record; the address alone names the hidden place and record. Such links are
removed with their text kept, as `learned_from` links are, and each is reported."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from urllib.parse import unquote, urlsplit

from .sanitize import Withheld
from .select import within

# What is left of a link to a page or file once its ending is gone: `x.md`, `x/`, `x/index.html`.
INDEX_PAGES = ("/index.html", "/index.md")


@dataclass
class LinkGate:
    """The paths a build withholds (a hidden place's folder, an unpublished item's file, both
    without their ending) and the links found pointing into them, as (page, address, target)."""

    withheld: frozenset[str]
    site_url: str = ""
    removed: set[tuple[str, str, str]] = field(default_factory=set)

    def for_page(self, page_src: str, page_url: str) -> Withheld:
        """Whether a link on this page (its source path, its site-root-relative URL) is withheld;
        a link is read both ways, as MkDocs has rewritten some and not others."""

        def withheld(href: str) -> bool:
            for target in self.targets(href, page_src, page_url):
                if within(target, self.withheld):
                    self.removed.add((page_src, href, target))
                    return True
            return False

        return withheld

    def targets(self, href: str, page_src: str, page_url: str) -> list[str]:
        """The site paths a link may point to."""
        href = href.strip().replace("\\", "/")  # browsers read a backslash as a slash
        if self.site_url and href.startswith(self.site_url):
            return [normal(href[len(self.site_url) :])]
        parts = urlsplit(href)
        # `https:places/x/` has no host: a browser reads it as a path on this site.
        if (parts.scheme and parts.scheme.lower() not in ("http", "https")) or parts.netloc:
            return []
        if not parts.path:
            return []
        path = unquote(parts.path)
        if path.startswith("/"):
            site_path = urlsplit(self.site_url).path.lstrip("/")
            path = path.lstrip("/")
            return [normal(path.removeprefix(site_path)), normal(path)]
        return [
            normal(posixpath.join(posixpath.dirname(page_src), path)),
            normal(posixpath.join(page_url, path)),
        ]


def link_line(text: str, href: str) -> int:
    """The line of a file where a link's address is written (0 where it cannot be found)."""
    for candidate in (href, unquote(href), unquote(href).rsplit("/", 1)[-1] or href):
        index = text.find(candidate)
        if index >= 0:
            return text.count("\n", 0, index) + 1
    return 0


def normal(path: str) -> str:
    """A site path without `.`/`..` segments, an index page or an ending: a link to `x.md`, `x/`,
    `x/index.html` or a file `x.pdf` beside an item `x` all point at `x`."""
    path = posixpath.normpath("/" + path).lstrip("/")
    for index in INDEX_PAGES:
        if path.lower().endswith(index):
            path = path[: -len(index)]
    return posixpath.splitext(path)[0]
