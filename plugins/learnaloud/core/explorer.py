"""The record explorer: every record by year, narrowed in the browser by place, theme, question,
evidence, loop and year through a static index of each record's facet values.

The list is paged (`explore/`, `explore/page/2/`, …: PAGE_SIZE records each), so the page a reader
opens stays small at any size of network; without JavaScript the pages link to each other. The
index covers every record, in list order, and names the pages: explorer.js narrows the whole list
and fetches the pages that hold the records it shows."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Mapping, Sequence
from functools import cached_property, partial

from .cache import fingerprint
from .cards import Cards
from .model import EVIDENCE_TYPES, LOOPS, Record
from .page import FileText, PlannedPage, later_pages
from .paging import page_count, page_items, paged_url, pager
from .views import (
    ExplorerFacet,
    ExplorerView,
    FacetOption,
    Link,
    RecordCard,
    RecordGroup,
    evidence_url,
    label,
    loop_url,
    question_url,
)

RECORDS_INDEX = "explore/records.json"
PAGE_SIZE = 50  # records a page of the explorer lists: about 45 KB of cards


def explore_url(page: int = 1) -> str:
    return paged_url("explore/", page)


def facet_index(
    facets: list[ExplorerFacet],
    items: list[dict[str, list[str]]],
    ranges: Mapping[str, list[list[int] | None]] | None = None,
    pages: list[str] | None = None,
    group: str = "",
    version: str = "",
) -> str:
    """A static index for filtering a list in the browser: each item's values, by option position,
    in the order the page lists the items (explorer.js reads it). `ranges` gives, for a filter by
    a number (the toolkit's number of people), each item's [smallest, largest], or None for any.
    `pages`, for a list paged PAGE_SIZE items a page: each page's URL, from the site's root; the
    pages show their items under headings by their value of the facet `group`, and carry the
    index's `version` (a hash of what the pages show), so that a page and an index of different
    builds (a browser's cache after a deploy) are never put together."""
    position = {f.key: {o.value: i for i, o in enumerate(f.options)} for f in facets}
    rows = [[[position[f.key][v] for v in item[f.key]] for f in facets] for item in items]
    index: dict[str, object] = {
        "facets": [[f.key, [o.value for o in f.options], f.all_of] for f in facets],
        "items": rows,
    }
    if ranges:
        index["ranges"] = [[key, spans] for key, spans in ranges.items()]
    if pages:
        index["pages"] = {"size": PAGE_SIZE, "urls": pages, "group": group}
        index["version"] = version
    return json.dumps(index, separators=(",", ":"), ensure_ascii=False)


class ExplorerPlanner:
    def __init__(self, cards: Cards) -> None:
        self.cards = cards
        self.published = cards.published
        self.indexes = cards.indexes

    @property
    def page_count(self) -> int:
        return page_count(len(self.indexes.records), PAGE_SIZE)

    def explorer_view(self, page: int) -> ExplorerView:
        return ExplorerView(
            self.facets,
            self.by_year(page_items(self.indexes.records, PAGE_SIZE, page)),
            len(self.indexes.records),
            RECORDS_INDEX,
            pager(page, self.page_count, explore_url),
            self.version,
        )

    @cached_property
    def facets(self) -> list[ExplorerFacet]:
        idx = self.indexes
        cards = self.cards
        years = Counter(r.date.year for r in idx.records)
        # A year's link: the page where its records start (the list is newest first).
        first_page: dict[int, int] = {}
        for position, record in enumerate(idx.records):
            first_page.setdefault(record.date.year, position // PAGE_SIZE + 1)
        return [
            ExplorerFacet(
                "place",
                "Place",
                [FacetOption(p, cards.place_link(p, len(idx.by_place[p]))) for p in idx.place_order],
                all_of=False,
            ),
            ExplorerFacet(
                "theme",
                "Theme",
                [
                    FacetOption(t, cards.theme_link(t, len(idx.by_theme[t])))
                    for t in sorted(self.published.themes, key=lambda t: self.published.themes[t].title)
                ],
                all_of=True,
            ),
            ExplorerFacet(
                "question",
                "Answers the question",
                [
                    FacetOption(q.id, Link(q.text, question_url(q.id), len(idx.answers[q.id])))
                    for q in self.published.network.questions
                ],
                all_of=True,
            ),
            ExplorerFacet(
                "evidence",
                "Evidence",
                [
                    FacetOption(e, Link(label(e), evidence_url(e), len(idx.by_evidence[e])))
                    for e in EVIDENCE_TYPES
                ],
                all_of=True,
            ),
            ExplorerFacet(
                "loop",
                "Learning loop",
                [
                    FacetOption(loop, Link(f"{label(loop)}-loop", loop_url(loop), len(idx.by_loop[loop])))
                    for loop in LOOPS
                ],
                all_of=False,
            ),
            ExplorerFacet(
                "year",
                "Year",
                [
                    FacetOption(str(y), Link(str(y), f"{explore_url(first_page[y])}#year-{y}", n))
                    for y, n in sorted(years.items(), reverse=True)
                ],
                all_of=False,
            ),
        ]

    def by_year(self, records: Sequence[Record]) -> list[RecordGroup]:
        groups: dict[int, list[RecordCard]] = {}
        for record in records:
            groups.setdefault(record.date.year, []).append(self.cards.card(record))
        return [RecordGroup(Link(str(y), "", len(cards)), f"year-{y}", cards) for y, cards in groups.items()]

    @cached_property
    def version(self) -> str:
        """What the explorer's pages show, hashed: the index, and every record's card, in order."""
        cards = [self.cards.card(record) for record in self.indexes.records]
        return (fingerprint(self.facets, self.items, cards) or "")[:16]

    @cached_property
    def items(self) -> list[dict[str, list[str]]]:
        """Each record's facet values, in the order the pages list them."""
        items: list[dict[str, list[str]]] = []
        for record in self.indexes.records:
            answered = dict.fromkeys(a.question.id for a in self.indexes.answers_of[record.ref])
            items.append(
                {
                    "place": [record.place],
                    "theme": record.themes,
                    "question": list(answered),
                    "evidence": list(dict.fromkeys(record.evidence)),
                    "loop": [record.loop] if record.loop else [],
                    "year": [str(record.date.year)],
                }
            )
        return items

    @cached_property
    def explorer_index(self) -> str:
        """The explorer's static index: each record's facet values, in the order the page lists them."""
        pages = [explore_url(page) for page in range(1, self.page_count + 1)]
        paged = pages if len(pages) > 1 else None
        return facet_index(self.facets, self.items, pages=paged, group="year", version=self.version)

    def pages(self) -> list[PlannedPage]:
        first = PlannedPage(
            explore_url() + "index.md",
            "learnaloud/explore.html",
            "Explore",
            "",
            partial(self.explorer_view, 1),
            in_nav=True,
        )
        return [first, *later_pages(first, explore_url(), self.page_count, self.explorer_view)]

    def files(self) -> dict[str, FileText]:
        return {RECORDS_INDEX: lambda: self.explorer_index}
