"""Emergent Learning tables: a page per table laid out as the tool is used, the lines of inquiry
that `follows:` makes of them, and what a theme's tables concluded."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import replace
from functools import partial

from .links import LinkGate
from .model import HypothesisStatus, LearningTable, Place, Record, Theme
from .model import TableEntry as Entry
from .page import PlannedPage
from .sharing import description
from .urls import move_html
from .views import (
    SCOPE_LABELS,
    Link,
    TableCard,
    TableEntry,
    TablesView,
    TableView,
    ThemeTables,
    long_date,
    place_url,
    record_url,
    table_url,
    theme_url,
)

STATUSES: tuple[HypothesisStatus, ...] = ("open", "testing", "held", "revised", "dropped")
QUADRANTS = ("ground_truth", "insights", "hypotheses", "opportunities")


def moved(entries: list[TableEntry], from_page: str, to_page: str) -> list[TableEntry]:
    """Entries as their table's page shows them, made to work on another page."""
    if from_page == to_page:
        return entries
    return [replace(entry, html=move_html(entry.html, from_page, to_page)) for entry in entries]


def newest_first(tables: Sequence[LearningTable]) -> list[LearningTable]:
    return sorted(tables, key=lambda t: (t.date, t.id), reverse=True)


class TablePlanner:
    """Views of the published tables. `follows` links to unpublished tables are already gone."""

    def __init__(
        self,
        tables: Mapping[str, LearningTable],
        places: Mapping[str, Place],
        themes: Mapping[str, Theme],
        records: Mapping[str, Record],
        links: LinkGate,
    ) -> None:
        self.tables = tables
        self.links = links
        self.places = places
        self.themes = themes
        self.records = records
        self.followers: dict[str, list[LearningTable]] = {}
        for table in sorted(tables.values(), key=lambda t: (t.date, t.id)):
            if table.follows is not None:
                self.followers.setdefault(table.follows, []).append(table)

    def card(self, table: LearningTable) -> TableCard:
        return TableCard(
            Link(table.title, table_url(table.id)),
            table.date,
            SCOPE_LABELS[table.scope],
            [Link(self.places[p].name, place_url(p)) for p in table.places],
            table.question,
        )

    def entries(self, table: LearningTable, quadrant: str) -> list[TableEntry]:
        """A quadrant's entries as the table's own page shows them (urls.move_html for another)."""
        entries: Sequence[Entry] = getattr(table, quadrant)
        source, page = f"tables/{table.id}.yml", table_url(table.id)
        return [
            TableEntry(
                self.links.data_html(entry.text, source, page),
                [Link(self.records[ref].title, record_url(self.records[ref])) for ref in entry.evidence],
                getattr(entry, "status", None),
            )
            for entry in entries
        ]

    def statuses(self, tables: Sequence[LearningTable]) -> list[Link]:
        counts = Counter(h.status for t in tables for h in t.hypotheses if h.status)
        return [Link(status.capitalize(), "", counts[status]) for status in STATUSES if counts[status]]

    def chain(self, table: LearningTable) -> list[LearningTable]:
        """The line of inquiry through a table: back to its first table, on to its latest."""
        line = [table]
        while line[0].follows is not None:
            line.insert(0, self.tables[line[0].follows])
        while self.followers.get(line[-1].id):
            line.append(self.followers[line[-1].id][-1])
        return line

    def table_view(self, table: LearningTable, page: str | None = None) -> TableView:
        """A table as its own page shows it, or as `page` does (a post's block, a report)."""
        earlier = self.tables[table.follows] if table.follows else None
        here = page if page is not None else table_url(table.id)

        def entries(of: LearningTable, quadrant: str) -> list[TableEntry]:
            return moved(self.entries(of, quadrant), table_url(of.id), here)

        return TableView(
            self.card(table),
            [Link(self.themes[t].title, theme_url(t)) for t in table.themes],
            entries(table, "ground_truth"),
            entries(table, "insights"),
            entries(table, "hypotheses"),
            entries(table, "opportunities"),
            self.statuses([table]),
            self.card(earlier) if earlier else None,
            entries(earlier, "hypotheses") if earlier else [],
            entries(earlier, "opportunities") if earlier else [],
            [self.card(t) for t in self.followers.get(table.id, [])],
            [self.card(t) for t in self.chain(table)] if earlier or table.id in self.followers else [],
        )

    def tables_view(self) -> TablesView:
        ordered = newest_first(list(self.tables.values()))
        scopes = [
            (label, [self.card(t) for t in ordered if t.scope == scope])
            for scope, label in SCOPE_LABELS.items()
        ]
        return TablesView(
            [(label, cards) for label, cards in scopes if cards],
            [[self.card(t) for t in line] for line in self.lines()],
            self.statuses(ordered),
        )

    def lines(self) -> list[list[LearningTable]]:
        """Every line of inquiry of two or more tables, from a first table to each latest one."""
        found: list[list[LearningTable]] = []

        def walk(line: list[LearningTable]) -> None:
            followers = self.followers.get(line[-1].id, [])
            if not followers and len(line) > 1:
                found.append(line)
            for follower in followers:
                walk([*line, follower])

        firsts = sorted((t for t in self.tables.values() if t.follows is None), key=lambda t: (t.date, t.id))
        for first in firsts:
            walk([first])
        return found

    def latest(self, count: int) -> list[TableCard]:
        return [self.card(t) for t in newest_first(list(self.tables.values()))[:count]]

    def of_place(self, place_id: str) -> list[TableCard]:
        return [self.card(t) for t in newest_first([t for t in self.tables.values() if place_id in t.places])]

    def of_theme(self, theme_id: str) -> list[ThemeTables]:
        tables = newest_first([t for t in self.tables.values() if theme_id in t.themes])
        return [
            ThemeTables(
                self.card(t),
                moved(self.entries(t, "insights"), table_url(t.id), theme_url(theme_id)),
                moved(self.entries(t, "hypotheses"), table_url(t.id), theme_url(theme_id)),
            )
            for t in tables
        ]

    def search_text(self, table: LearningTable) -> str:
        """What search indexes for a table page: its question and entries, as Markdown."""
        parts = [table.question] + [e.text for q in QUADRANTS for e in getattr(table, q)]
        return "\n\n".join(p for p in parts if p)

    def pages(self) -> list[PlannedPage]:
        pages = [
            PlannedPage(
                "tables/index.md",
                "learnaloud/tables.html",
                "Tables",
                "",
                self.tables_view,
                in_nav=True,
            )
        ]
        for table in self.tables.values():
            pages.append(
                PlannedPage(
                    f"tables/{table.id}.md",
                    "learnaloud/table.html",
                    table.title,
                    self.search_text(table),
                    partial(self.table_view, table),
                    description=description(table.question),
                    search_label=f"Emergent Learning table · {SCOPE_LABELS[table.scope].lower()} · {long_date(table.date)}",
                )
            )
        return pages
