"""Credit: the network's name and licence, in every page's footer and on every printed page."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .export import CREATIVE_COMMONS, license_of
from .views import Link, plain_title


@dataclass(frozen=True)
class Licence:
    """A licence as a footer names it: short words, the full title and where to read it."""

    id: str  # the network's own word, e.g. CC-BY-4.0
    short: str  # CC BY 4.0
    title: str  # Creative Commons Attribution 4.0 International
    url: str | None


def licence_of(spdx: str) -> Licence:
    """A licence named by an SPDX id, with short words and a link for the well-known ones."""
    found = license_of(spdx)
    cc = CREATIVE_COMMONS.match(spdx)
    if cc is not None:  # the words Creative Commons uses: CC BY 4.0, CC BY-NC-SA 4.0
        short = f"CC {cc[1].upper()} {cc[2]}"
    elif spdx.lower() == "cc0-1.0":
        short = "CC0 1.0"
    else:
        short = found.title
    return Licence(spdx, short, found.title, found.url)


@dataclass(frozen=True)
class Credit:
    """The network's name and licence, for every page's footer and every printed page."""

    network: str
    licence: Licence | None  # None: the network has named none, or this build grants none
    own_use: bool  # a network build: for the network's own use, not for republishing
    site_url: str  # the site's address, ending in '/'; empty when mkdocs.yml sets none
    links: list[Link]  # the Feeds and Open data pages, where the build has them

    def address(self, page_url: str) -> str:
        """A page's address as a reader types it: absolute where the site's address is known."""
        return f"{self.site_url}{page_url}" if self.site_url else f"/{page_url}"

    def print_line(self, page_url: str) -> str:
        """What every printed page carries at its foot: the network, the page's address, the licence."""
        parts = [self.network, self.address(page_url)]
        if self.licence is not None:
            parts.append(self.licence.short)
        elif self.own_use:
            parts.append("for the network's own use")
        return " \u00b7 ".join(parts)


def site_credit(network: str, spdx: str | None, visibility: str, site_url: str, links: list[Link]) -> Credit:
    """The credit of one build. A network build grants no licence: it is for the network's own use."""
    public = visibility == "public"
    licence = licence_of(spdx) if spdx and public else None
    base = site_url if not site_url or site_url.endswith("/") else f"{site_url}/"
    return Credit(plain_title(network), licence, not public, base, links)


_CSS_SAFE = re.compile(r"[A-Za-z0-9 .,:/_\-]")


def css_string(text: str) -> str:
    """Text as a quoted CSS string that cannot end the string, the rule or the <style> element:
    everything but letters, digits and a few marks is a hex escape."""
    # An escape ends at the one space after it (consumed with it): the next character is kept as is.
    return '"' + "".join(c if _CSS_SAFE.fullmatch(c) else f"\\{ord(c):x} " for c in text) + '"'


# The pages a lost reader is offered (the 404 page), in this order, where the build has them:
# (the page's source, its name, what a reader finds there).
WAYFINDING = (
    ("index.md", "Home", "the network, its key questions and its latest learning"),
    ("places/index.md", "Places", "a page for every place, with its records"),
    ("questions/index.md", "Questions", "the network's key questions, answered across places"),
    ("themes/index.md", "Themes", "what the learning is about"),
    ("patterns/index.md", "Patterns", "the themes each place has worked on"),
    ("explore/index.md", "Explore", "every record, narrowed by place, theme, question and year"),
    ("toolkit/index.md", "Toolkit", "activity guides to print and use"),
    ("blog/index.md", "Blog", "posts from the places and the network"),
    ("reports/index.md", "Reports", "reports to read or print"),
)
# The footer's links, where the build has the page.
FOOTER_LINKS = (("feeds/index.md", "Feeds"), ("data/index.md", "Open data"))


@dataclass(frozen=True)
class Signpost:
    link: Link  # site-root-relative url, '' for the home page
    about: str


def page_url_of(src_uri: str) -> str:
    """A generated index page's address: `places/index.md` → `places/`, `index.md` → ''."""
    return src_uri.removesuffix("index.md")


def signposts(pages: set[str]) -> list[Signpost]:
    """The way-finding links of the 404 page, for the pages this build has."""
    return [Signpost(Link(name, page_url_of(src)), about) for src, name, about in WAYFINDING if src in pages]


def footer_links(pages: set[str]) -> list[Link]:
    return [Link(name, page_url_of(src)) for src, name in FOOTER_LINKS if src in pages]


@dataclass(frozen=True)
class PageShare:
    """What a page tells a link preview (Open Graph): plain text, escaped where it is placed."""

    title: str
    description: str
    type: str  # "website" for the home page and the sections' index pages, else "article"
    url: str  # absolute; empty when mkdocs.yml sets no site_url
    site_name: str


def page_share(
    credit: Credit, site_name: str, title: str, description: str, page_url: str, index: bool
) -> PageShare:
    return PageShare(
        plain_title(title) or plain_title(site_name),
        plain_title(description),
        "website" if index else "article",
        f"{credit.site_url}{page_url}" if credit.site_url else "",
        plain_title(site_name),
    )
