"""Learning travel: which places learned from which, drawn as a diagram and listed record by record
(a long list paged, `travel/page/2/`, whole arrows a page, the diagram on the first)."""

from __future__ import annotations

from functools import cached_property, partial

from .analysis import Indexes
from .cards import Cards
from .diagram import travel_diagram
from .model import Record
from .page import PlannedPage, later_pages
from .paging import packed, paged_url, pager
from .select import Published
from .views import Flow, TravelView

# (from place, to place, [(learner record, source record)]) for learning between places.
Flows = list[tuple[str, str, list[tuple[Record, Record]]]]
TRAVEL_URL = "travel/"
PAIRS_A_PAGE = 100  # records of the list in words a page, whole arrows: about 40 KB


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

    @cached_property
    def layout(self) -> list[list[int]]:
        """The arrows (by position) on each page of the list in words."""
        return packed({i: len(pairs) for i, (_, _, pairs) in enumerate(self.flows)}, PAIRS_A_PAGE)

    def travel_view(self, page: int = 1) -> TravelView:
        flows, cards = self.flows, self.cards
        places = cards.published.places
        names = [(pid, places[pid].name) for pid in cards.indexes.place_order]
        svg = ""
        if page == 1:
            svg = travel_diagram(
                names,
                [(s, t, len(pairs)) for s, t, pairs in flows],
                "How learning travelled between places: an arrow from the place learned from "
                "to the place that learned, thicker for more records",
            )
        shown = [flows[i] for i in self.layout[page - 1]]
        return TravelView(
            svg,
            [
                Flow(
                    cards.place_link(s),
                    cards.place_link(t),
                    [(cards.card(a), cards.card(b)) for a, b in pairs],
                )
                for s, t, pairs in shown
            ],
            len(names),
            pager(page, len(self.layout), partial(paged_url, TRAVEL_URL)),
        )

    def pages(self) -> list[PlannedPage]:
        first = PlannedPage(
            "travel/index.md", "learnaloud/travel.html", "Travel", "", self.travel_view, in_nav=True
        )
        return [first, *later_pages(first, TRAVEL_URL, len(self.layout), self.travel_view)]
