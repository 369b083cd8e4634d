"""A generated page as every page family plans it: where it lives, its template, title and view."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Any

from .paging import paged_url

# A generated file's text, made when the file is written: a check needs only the file's address.
FileText = Callable[[], str]


@dataclass(frozen=True)
class PlannedPage:
    """One generated page: its path in the docs tree, template, title, Markdown and view."""

    src_uri: str
    template: str
    title: str
    markdown: str
    view: Callable[[], Any]  # made when the page is rendered
    in_nav: bool = False
    # Material sidebars this page hides: the nav is in the tabs, and only a record's body has
    # headings for a table of contents; the other pages want the width.
    hide: tuple[str, ...] = ("navigation", "toc")
    record: str | None = None  # a record page's record, whose answers the questions' pages show
    searched: bool = True  # False: left out of the search index (a filtered view of another page)
    # Plain text for the page's meta description and Open Graph tags; empty: the site's.
    description: str = ""
    # What kind of page it is, and whose: above its title in search results ("North Quay · learning
    # record · 14 August 2024"). Searched too, with the words a page shows outside its Markdown.
    search_label: str = ""
    search_terms: tuple[str, ...] = ()
    # The page's own words where they come from its view, not its Markdown (a theme's description),
    # as plain text: searched as its text is.
    search_text: str = ""
    # How much its words weigh in search beside other pages' (Pagefind's weight; 0: as they are).
    search_weight: float = 0
    # The content files (paths in the content tree) its view is made from, besides those any page
    # may show (the network, places, themes: core/cache.py ContentDigests); None: any file. A
    # rebuild makes the page again only when one of them changed.
    inputs: tuple[str, ...] | None = None


def later_pages(
    first: PlannedPage, url: str, count: int, view: Callable[[int], Any], title: str = ""
) -> list[PlannedPage]:
    """A paged list's pages after its first (`url`, then `url` + `page/2/`, …): its template, titled
    "<title>, page N" (the first's title by default), out of search and the nav."""
    return [
        PlannedPage(
            paged_url(url, page) + "index.md",
            first.template,
            f"{title or first.title}, page {page}",
            "",
            partial(view, page),
            searched=False,  # the list's first page is the one search finds
        )
        for page in range(2, count + 1)
    ]
