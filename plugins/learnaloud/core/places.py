"""The places: an index of them, a page per place, and a page per record under its place."""

from __future__ import annotations

from functools import partial

from .cards import Cards
from .measures import MeasurePlanner
from .model import LOOP_QUESTIONS, Record
from .page import PlannedPage, later_pages
from .paging import page_count, page_items, paged_url, pager
from .posts import PostPlanner
from .reports import ReportPlanner
from .sharing import body_description, description
from .tables import TablePlanner
from .travel import Flows
from .views import (
    Link,
    PlaceCard,
    PlacesView,
    PlaceView,
    RecordView,
    activity_url,
    evidence_url,
    label,
    long_date,
    loop_url,
    place_report_url,
    place_url,
    question_url,
)

RECORDS_A_PAGE = 50  # a place's records a page, newest first; the rest of its page is on the first


class PlacePlanner:
    def __init__(
        self,
        cards: Cards,
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
        self.published = cards.published
        self.indexes = cards.indexes
        self.tables = tables
        self.flows = flows

    def place_card(self, place_id: str) -> PlaceCard:
        records = self.indexes.by_place[place_id]
        return PlaceCard(
            self.published.places[place_id],
            place_url(place_id),
            len(records),
            records[0].date if records else None,
            self.cards.counted_themes(records)[:3],
        )

    def place_cards(self) -> list[PlaceCard]:
        return [self.place_card(pid) for pid in self.indexes.place_order]

    def place_view(self, place_id: str, page: int = 1) -> PlaceView:
        records = self.indexes.by_place[place_id]
        cards, flows = self.cards, self.flows
        return PlaceView(
            self.published.places[place_id],
            [cards.card(r) for r in page_items(records, RECORDS_A_PAGE, page)],
            cards.counted_themes(records),
            cards.counted_evidence(records, place=place_id),
            records[0].date if records else None,
            [cards.place_link(s, len(pairs)) for s, t, pairs in flows if t == place_id],
            [cards.place_link(t, len(pairs)) for s, t, pairs in flows if s == place_id],
            self.tables.of_place(place_id),
            self.measures.place_headlines(place_id),
            self.posts.of_place(place_id),
            [
                Link(str(year), place_report_url(place_id, year))
                for year in self.reports.place_years(place_id)
            ],
            len(records),
            pager(
                page,
                page_count(len(records), RECORDS_A_PAGE),
                partial(paged_url, place_url(place_id)),
            ),
        )

    def pages(self) -> list[PlannedPage]:
        pages = [
            PlannedPage(
                "places/index.md",
                "learnaloud/places.html",
                "Places",
                "",
                lambda: PlacesView(self.place_cards()),
                in_nav=True,
            )
        ]
        for place_id, place in sorted(self.published.places.items()):
            first = PlannedPage(
                f"places/{place_id}/index.md",
                "learnaloud/place.html",
                place.name,
                "",
                partial(self.place_view, place_id),
                description=description(place.summary),
                search_label="Place",
            )
            count = page_count(len(self.indexes.by_place[place_id]), RECORDS_A_PAGE)
            view = partial(self.place_view, place_id)
            title = f"{place.name}: learning records"
            pages += [first, *later_pages(first, place_url(place_id), count, view, title)]
        return pages


def record_description(record: Record, body: str | None = None) -> str:
    """A record page's description: its summary, else the start of its text (`body`, if it has
    changed since the record was read)."""
    return (
        description(record.summary)
        if record.summary
        else body_description(record.body if body is None else body)
    )


class RecordPlanner:
    def __init__(self, cards: Cards) -> None:
        self.cards = cards
        self.published = cards.published
        self.indexes = cards.indexes

    def record_view(self, record: Record) -> RecordView:
        answered = dict.fromkeys(a.question.id for a in self.indexes.answers_of[record.ref])
        questions = {q.id: q for q in self.published.network.questions}
        cards = self.cards
        return RecordView(
            record=record,
            place=cards.place_link(record.place),
            evidence=[Link(label(e), evidence_url(e)) for e in record.evidence],
            loop=Link(f"{label(record.loop)}-loop", loop_url(record.loop)) if record.loop else None,
            loop_question=LOOP_QUESTIONS[record.loop] if record.loop else None,
            themes=[cards.theme_link(t) for t in record.themes],
            answers=[Link(questions[q].text, question_url(q)) for q in answered],
            activities=[Link(self.published.activities[a].title, activity_url(a)) for a in record.activities],
            shaped_by=[cards.card(self.published.records[ref]) for ref in record.learned_from],
            shaped=[cards.card(r) for r in self.indexes.shaped.get(record.ref, [])],
        )

    def inputs(self, record: Record) -> tuple[str, ...]:
        """The files a record's page is made from: its own, and those of the records it shows
        (learned from and shaped)."""
        learned_from = [self.published.records[ref] for ref in record.learned_from]
        shown = [*learned_from, *self.indexes.shaped.get(record.ref, [])]
        return (record.source.path, *(r.source.path for r in shown))

    def pages(self) -> list[PlannedPage]:
        return [
            PlannedPage(
                f"places/{record.place}/records/{record.id}.md",
                "learnaloud/record.html",
                record.title,
                record.body,
                partial(self.record_view, record),
                hide=("navigation",),
                record=record.ref,
                description=record_description(record),
                search_label=f"{self.published.places[record.place].name} · learning record · {long_date(record.date)}",
                search_terms=(
                    *(self.published.themes[t].title for t in record.themes),
                    *(label(e) for e in record.evidence),
                    *([f"{label(record.loop)}-loop"] if record.loop else []),
                ),
                inputs=self.inputs(record),
            )
            for record in self.indexes.records
        ]
