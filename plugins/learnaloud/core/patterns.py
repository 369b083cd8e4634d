"""The patterns page: records per place and theme in one grid, and the evidence and loops behind them."""

from __future__ import annotations

from collections.abc import Callable

from .cards import Cards
from .page import PlannedPage
from .views import Cell, PatternsView, Row


class PatternPlanner:
    def __init__(self, cards: Cards, theme_place_url: Callable[[str, str], str]) -> None:
        self.cards = cards
        self.theme_place_url = theme_place_url  # a place's records on a theme's (paged) page
        self.published = cards.published
        self.indexes = cards.indexes

    def patterns_view(self) -> PatternsView:
        themes = sorted(self.published.themes.values(), key=lambda t: t.title)
        rows = []
        for pid in self.indexes.place_order:
            mine = self.indexes.by_place[pid]
            name = self.published.places[pid].name
            cells = []
            for theme in themes:
                count = sum(1 for r in mine if theme.id in r.themes)
                cells.append(
                    Cell(
                        count,
                        self.theme_place_url(theme.id, pid),
                        f"{count} record{'s' * (count != 1)} from {name} on {theme.title}",
                    )
                )
            rows.append(Row(self.cards.place_link(pid, len(mine)), cells))
        records = self.indexes.records
        return PatternsView(
            [self.cards.theme_link(t.id, len(self.indexes.by_theme[t.id])) for t in themes],
            rows,
            self.cards.counted_evidence(records),
            self.cards.counted_loops(records),
        )

    def pages(self) -> list[PlannedPage]:
        return [
            PlannedPage(
                "patterns/index.md",
                "learnaloud/patterns.html",
                "Patterns",
                "",
                self.patterns_view,
                in_nav=True,
            )
        ]
