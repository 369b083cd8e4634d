"""Learning travel: which places learned from which, drawn as a diagram and listed record by record."""

from __future__ import annotations

from .analysis import Indexes
from .cards import Cards
from .diagram import travel_diagram
from .model import Record
from .page import PlannedPage
from .select import Published
from .views import Flow, TravelView

# (from place, to place, [(learner record, source record)]) for learning between places.
Flows = list[tuple[str, str, list[tuple[Record, Record]]]]


def learning_flows(published: Published, indexes: Indexes) -> Flows:
    """Learning between places, oldest learner first, in the order the places are listed."""
    pairs: dict[tuple[str, str], list[tuple[Record, Record]]] = {}
    for record in reversed(indexes.records):
        for ref in record.learned_from:
            source = published.records[ref]
            if source.place != record.place:
                pairs.setdefault((source.place, record.place), []).append((record, source))
    order = {pid: i for i, pid in enumerate(indexes.place_order)}
    return [(s, t, pairs[(s, t)]) for s, t in sorted(pairs, key=lambda st: (order[st[0]], order[st[1]]))]


class TravelPlanner:
    def __init__(self, cards: Cards, flows: Flows) -> None:
        self.cards = cards
        self.flows = flows

    def travel_view(self) -> TravelView:
        flows, cards = self.flows, self.cards
        places = cards.published.places
        names = [(pid, places[pid].name) for pid in cards.indexes.place_order]
        svg = travel_diagram(
            names,
            [(s, t, len(pairs)) for s, t, pairs in flows],
            "How learning travelled between places: an arrow from the place learned from "
            "to the place that learned, thicker for more records",
        )
        return TravelView(
            svg,
            [
                Flow(
                    cards.place_link(s),
                    cards.place_link(t),
                    [(cards.card(a), cards.card(b)) for a, b in pairs],
                )
                for s, t, pairs in flows
            ],
            len(names),
        )

    def pages(self) -> list[PlannedPage]:
        return [
            PlannedPage(
                "travel/index.md", "learnaloud/travel.html", "Travel", "", self.travel_view, in_nav=True
            )
        ]
