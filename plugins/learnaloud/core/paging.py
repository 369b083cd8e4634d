"""Long lists a page at a time (the blog's posts, the explorer's records): however large the
network grows, each page stays small and links to its neighbours, with no JavaScript needed."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TypeVar

Item = TypeVar("Item")
Group = TypeVar("Group")

# A group's newest items on a page that gathers a whole network's (a question's answers by year and
# place, the year in review): the rest are a link away, on a page of their own, so the gathering
# page stays one a reader reads and a phone downloads however many records there are.
GROUP_SHOWN = 3


@dataclass(frozen=True)
class Pager:
    """Where a page is among its list's pages, and the addresses of its neighbours."""

    page: int
    count: int
    newer: str | None  # the URL of the page before this one (newer items), None on the first
    older: str | None  # the URL of the page after it, None on the last


def page_count(items: int, size: int) -> int:
    """Pages a list of `items` needs; an empty list still has its first page."""
    return max(1, -(-items // size))


def paged_url(first: str, page: int) -> str:
    """A list's page: its first at the list's own address (`explore/`), then `explore/page/2/`, …"""
    return first if page == 1 else f"{first}page/{page}/"


def packed(groups: Mapping[Group, int], size: int) -> list[list[Group]]:
    """Groups of items (a year's answers by place), in order, on pages of about `size` items, none
    split: a section is whole on one page, and a group larger than a page has a page of its own."""
    pages: list[list[Group]] = [[]]
    held = 0
    for group, count in groups.items():
        if pages[-1] and held + count > size:
            pages.append([])
            held = 0
        pages[-1].append(group)
        held += count
    return pages


def page_items(items: Sequence[Item], size: int, page: int) -> Sequence[Item]:
    return items[(page - 1) * size : page * size]


def pager(page: int, count: int, url: Callable[[int], str]) -> Pager:
    return Pager(page, count, url(page - 1) if page > 1 else None, url(page + 1) if page < count else None)
