"""Hand-written links to what a build withholds. A public record may link, in Markdown or raw HTML,
to a network-only record; the address alone names the hidden place and record. Such links are
removed with their text kept, as `learned_from` links are, and each is reported."""

from __future__ import annotations

import posixpath
import re
import unicodedata
from dataclasses import dataclass, field
from urllib.parse import unquote, urlsplit

from .sanitize import Withheld
from .select import within

# What is left of a link to a page or file once its ending is gone: `x.md`, `x/`, `x/index.html`.
INDEX_PAGES = ("/index.html", "/index.md")
BROWSER_DROPS = re.compile(r"[\t\n\r]")
DEFAULT_PORTS = (80, 443)


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
        """The site paths a link may point to. An absolute link is this site's whatever its
        spelling: scheme and host in any case, `http` or `https`, a default port, `//host`,
        percent-encoding; where a browser may read `https:x` as a host or as a path, both."""
        # Browsers drop tabs and newlines anywhere in an address and read a backslash as a slash.
        href = BROWSER_DROPS.sub("", href.strip()).replace("\\", "/")
        parts = urlsplit(href)
        scheme = parts.scheme.lower()
        if scheme and scheme not in ("http", "https"):
            return []
        if not scheme and not href.startswith("//"):
            return self.on_site(parts.path, page_src, page_url)
        rest = href[len(parts.scheme) + 1 :] if scheme else href
        found = self.on_host(rest.lstrip("/"))
        # `https:places/x/`, `https:/places/x/`: a path on this site to a browser on a page of the
        # same scheme, a host to one on a page of the other.
        if scheme and not rest.startswith("//"):
            found += self.on_site(urlsplit(rest).path, page_src, page_url)
        return found

    def on_host(self, authority_path: str) -> list[str]:
        """The site paths of `host[:port]/path…` if the host is this site's (none if not)."""
        if not self.site_url:
            return []
        link, site = urlsplit("//" + authority_path), urlsplit(self.site_url)
        if host(link.hostname) != host(site.hostname):
            return []
        try:
            port = link.port
        except ValueError:  # not a port a browser opens: read the host alone
            port = None
        if port not in (None, *DEFAULT_PORTS) and port != site.port:
            return []
        return self.on_site("/" + link.path.lstrip("/"), "", "")

    def on_site(self, raw_path: str, page_src: str, page_url: str) -> list[str]:
        """The site paths a path on this host may point to: from the site's root, or from the page
        (its source path and its URL, as MkDocs has rewritten some links and not others)."""
        if not raw_path:
            return []
        path = unquote(raw_path)
        if path.startswith("/"):
            site_path = urlsplit(self.site_url).path.strip("/")
            path = posixpath.normpath("/" + path).lstrip("/")
            inside = path[len(site_path) :].lstrip("/") if within(path, frozenset({site_path})) else path
            return [normal(inside), normal(path)]
        return [
            normal(posixpath.join(posixpath.dirname(page_src), path)),
            normal(posixpath.join(page_url, path)),
        ]


def host(name: str | None) -> str:
    """A host name as a browser compares it: percent-decoded, width- and case-folded (as IDNA
    maps it), without a final dot."""
    return unicodedata.normalize("NFKC", unquote(name or "")).casefold().rstrip(".")


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
