"""The home page: the network, its questions and places, the latest records and tables."""

from __future__ import annotations

from .cards import Cards
from .measures import MeasurePlanner
from .page import PlannedPage
from .places import PlacePlanner
from .posts import PostPlanner
from .reports import ReportPlanner
from .tables import TablePlanner
from .travel import Flows
from .views import HomeView


class HomePlanner:
    def __init__(
        self,
        cards: Cards,
        places: PlacePlanner,
        tables: TablePlanner,
        flows: Flows,
        measures: MeasurePlanner,
        posts: PostPlanner,
        reports: ReportPlanner,
    ) -> None:
        self.cards = cards
        self.posts = posts
        self.reports = reports
        self.measures = measures
        self.places = places
        self.tables = tables
        self.flows = flows

    def home_view(self) -> HomeView:
        cards = self.cards
        published, indexes = cards.published, cards.indexes
        return HomeView(
            published.network,
            cards.question_links(),
            self.places.place_cards(),
            [cards.card(r) for r in indexes.records[:6]],
            len(indexes.records),
            sum(1 for recs in indexes.by_theme.values() if recs),
            cards.counted_themes(indexes.records),
            sum(len(pairs) for _, _, pairs in self.flows),
            self.tables.latest(3),
            len(published.activities),
            self.measures.headlines(),
            self.posts.latest(3),
            self.reports.latest_review(),
        )

    def pages(self) -> list[PlannedPage]:
        network = self.cards.published.network
        return [
            PlannedPage(
                "index.md", "learnaloud/home.html", "Home", network.description, self.home_view, in_nav=True
            )
        ]
