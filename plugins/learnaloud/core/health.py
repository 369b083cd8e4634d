"""The network's own health page: who has recorded lately, which questions a place has left
unanswered lately, and which themes have gone quiet. Only the network build has it."""

from __future__ import annotations

import datetime as dt

from .cards import Cards
from .page import PlannedPage
from .views import HealthView, Link, PlaceHealth, question_url

HEALTH_WINDOW = dt.timedelta(days=183)  # "lately": about six months


class HealthPlanner:
    def __init__(self, cards: Cards) -> None:
        self.cards = cards
        self.published = cards.published
        self.indexes = cards.indexes

    def health_view(self) -> HealthView:
        records = self.indexes.records
        as_of = records[0].date if records else None
        since = as_of - HEALTH_WINDOW if as_of else None
        questions = self.published.network.questions
        places = []
        for pid in self.indexes.place_order:
            mine = self.indexes.by_place[pid]
            recent = [r for r in mine if since is not None and r.date > since]
            answered = {a.question.id for r in recent for a in self.indexes.answers_of[r.ref]}
            places.append(
                PlaceHealth(
                    self.cards.place_link(pid),
                    mine[0].date if mine else None,
                    len(recent),
                    [Link(q.text, question_url(q.id)) for q in questions if q.id not in answered],
                )
            )
        quiet = []
        for theme in sorted(self.published.themes.values(), key=lambda t: t.title):
            latest = max((r.date for r in self.indexes.by_theme[theme.id]), default=None)
            if latest is None or (since is not None and latest <= since):
                quiet.append((self.cards.theme_link(theme.id), latest))
        return HealthView(as_of, since, places, quiet)

    def pages(self) -> list[PlannedPage]:
        if self.published.visibility != "network":
            return []
        return [
            PlannedPage(
                "health/index.md", "learnaloud/health.html", "Health", "", self.health_view, in_nav=True
            )
        ]
