"""How places, themes, questions and records are shown wherever a page lists them: the small
pieces several page families share."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable

from .analysis import Indexes
from .model import Post, Record
from .select import Published
from .views import (
    Link,
    PostCard,
    RecordCard,
    RecordGroup,
    evidence_url,
    explore_url,
    label,
    loop_url,
    place_url,
    post_url,
    question_url,
    record_url,
    theme_url,
)


def count_links(counts: Counter[str], text: Callable[[str], str], url: Callable[[str], str]) -> list[Link]:
    """Counted values as links, most first."""
    return [
        Link(text(key), url(key), n)
        for key, n in sorted(counts.items(), key=lambda kn: (-kn[1], text(kn[0])))
    ]


WORDS_PER_MINUTE = 200


def reading_minutes(markdown: str) -> int:
    """How long a body takes to read, at an unhurried pace, in whole minutes (at least one)."""
    return max(1, -(-len(markdown.split()) // WORDS_PER_MINUTE))


class Cards:
    """Links, record cards and counts over the published network and its indexes."""

    def __init__(self, published: Published, indexes: Indexes) -> None:
        self.published = published
        self.indexes = indexes
        self.cards: dict[str, RecordCard] = {}  # a record shows on many pages: one card each

    def place_link(self, place_id: str, count: int = 0) -> Link:
        return Link(self.published.places[place_id].name, place_url(place_id), count)

    def theme_link(self, theme_id: str, count: int = 0) -> Link:
        return Link(self.published.themes[theme_id].title, theme_url(theme_id), count)

    def question_links(self) -> list[Link]:
        return [
            Link(q.text, question_url(q.id), len(self.indexes.answers[q.id]))
            for q in self.published.network.questions
        ]

    def card(self, record: Record) -> RecordCard:
        card = self.cards.get(record.ref)
        if card is None:
            card = self.cards[record.ref] = self.new_card(record)
        return card

    def new_card(self, record: Record) -> RecordCard:
        return RecordCard(
            title=record.title,
            url=record_url(record),
            date=record.date,
            summary=record.summary,
            place=self.place_link(record.place),
            evidence=[label(e) for e in record.evidence],
            themes=[self.theme_link(t) for t in record.themes],
            loop=label(record.loop) if record.loop else None,
        )

    def post_card(self, post: Post) -> PostCard:
        return PostCard(
            title=post.title,
            url=post_url(post),
            date=post.date,
            summary=post.summary,
            authors=list(post.authors),
            place=self.place_link(post.place) if post.place else None,
            themes=[self.theme_link(t) for t in post.themes],
            reading_minutes=reading_minutes(post.body),
            report=post.type == "report",
        )

    def counted_themes(self, records: Iterable[Record]) -> list[Link]:
        counts = Counter(t for r in records for t in r.themes)
        return count_links(counts, lambda t: self.published.themes[t].title, theme_url)

    def counted_evidence(self, records: Iterable[Record], **within: str) -> list[Link]:
        counts = Counter[str](e for r in records for e in dict.fromkeys(r.evidence))
        return count_links(
            counts, label, lambda e: explore_url(evidence=e, **within) if within else evidence_url(e)
        )

    def counted_loops(self, records: Iterable[Record], **within: str) -> list[Link]:
        counts = Counter[str](r.loop for r in records if r.loop)
        return count_links(
            counts,
            lambda loop: f"{label(loop)}-loop",
            lambda loop: explore_url(loop=loop, **within) if within else loop_url(loop),
        )

    def by_place(self, records: list[Record]) -> list[RecordGroup]:
        cards: dict[str, list[RecordCard]] = {}
        for record in records:
            cards.setdefault(record.place, []).append(self.card(record))
        return [RecordGroup(self.place_link(pid), pid, cards[pid]) for pid in self.indexes.places_of(records)]
