"""The pages a published network becomes: where each lives, its title and what it shows.

Templates render these views; the MkDocs glue only turns each `PlannedPage` into a file.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from markdown_it import MarkdownIt

from .analysis import Indexes, index_published
from .model import LOOP_QUESTIONS, KeyQuestion, Network, Place, Record, Theme
from .select import Published

TAG_LIKE = re.compile(r"<[/!?a-zA-Z][^>]*>?")


def plain_title(text: str) -> str:
    """A title with anything that looks like markup taken out, safe however a theme places it."""
    # A lone '<' left over becomes a look-alike: Material un-escapes titles inside <title>.
    return " ".join(TAG_LIKE.sub("", text).replace("<", "\u2039").split())


_markdown = MarkdownIt("commonmark")


def plain_text(markdown: str) -> str:
    """Markdown as the text a reader sees, for cards: no markup, no syntax characters."""
    rendered = TAG_LIKE.sub("", _markdown.render(markdown))
    return " ".join(html.unescape(rendered).split())


def long_date(value: dt.date) -> str:
    """'2025-03-12' → '12 March 2025'."""
    return f"{value.day} {value:%B %Y}"


def label(word: str) -> str:
    """'defining-moment' → 'Defining moment'."""
    return word.replace("-", " ").capitalize()


def place_url(place_id: str) -> str:
    return f"places/{place_id}/"


def record_url(record: Record) -> str:
    return f"places/{record.place}/records/{record.id}/"


def theme_url(theme_id: str) -> str:
    return f"themes/{theme_id}/"


@dataclass(frozen=True)
class Link:
    text: str
    url: str
    count: int = 0


@dataclass(frozen=True)
class RecordCard:
    title: str
    url: str
    date: dt.date
    summary: str
    place: Link
    evidence: list[str]
    themes: list[Link]
    loop: str | None


@dataclass(frozen=True)
class PlaceCard:
    place: Place
    url: str
    record_count: int
    latest: dt.date | None
    themes: list[Link]


@dataclass(frozen=True)
class HomeView:
    network: Network
    questions: list[KeyQuestion]
    places: list[PlaceCard]
    latest: list[RecordCard]
    record_count: int
    theme_count: int
    themes: list[Link]


@dataclass(frozen=True)
class PlacesView:
    places: list[PlaceCard]


@dataclass(frozen=True)
class PlaceView:
    place: Place
    records: list[RecordCard]
    themes: list[Link]
    evidence: list[Link]
    latest: dt.date | None


@dataclass(frozen=True)
class RecordView:
    record: Record
    place: Link
    evidence: list[str]
    loop: str | None
    loop_question: str | None
    themes: list[Link]
    shaped_by: list[RecordCard]
    shaped: list[RecordCard]


@dataclass(frozen=True)
class ThemeGroup:
    place: Link
    records: list[RecordCard]


@dataclass(frozen=True)
class ThemeCard:
    theme: Theme
    link: Link  # its page, with the number of records
    place_count: int
    description: str  # plain text


@dataclass(frozen=True)
class ThemesView:
    themes: list[ThemeCard]


@dataclass(frozen=True)
class ThemeView:
    theme: Theme
    groups: list[ThemeGroup]
    record_count: int


@dataclass(frozen=True)
class PlannedPage:
    """One generated page: its path in the docs tree, template, title, Markdown and view."""

    src_uri: str
    template: str
    title: str
    markdown: str
    view: Callable[[], Any]  # made when the page is rendered: no build holds every page's view
    in_nav: bool = False
    # Material sidebars this page hides: the nav is in the tabs, and only a record's body has
    # headings for a table of contents; the other pages want the width.
    hide: tuple[str, ...] = ("navigation", "toc")


@dataclass(frozen=True)
class SitePlan:
    pages: list[PlannedPage] = field(default_factory=list)

    def nav(self) -> list[Any]:
        """Sections, never items: the nav Material renders into every page stays small."""
        entries: list[Any] = []
        for page in self.pages:
            if page.in_nav:
                entries.append({page.title: page.src_uri})
        return entries


class Planner:
    def __init__(self, published: Published, indexes: Indexes) -> None:
        self.published = published
        self.indexes = indexes

    def place_link(self, place_id: str) -> Link:
        return Link(self.published.places[place_id].name, place_url(place_id))

    def theme_links(self, theme_ids: list[str]) -> list[Link]:
        themes = self.published.themes
        return [Link(themes[t].title, theme_url(t)) for t in theme_ids]

    def card(self, record: Record) -> RecordCard:
        return RecordCard(
            title=record.title,
            url=record_url(record),
            date=record.date,
            summary=record.summary,
            place=self.place_link(record.place),
            evidence=[label(e) for e in record.evidence],
            themes=self.theme_links(record.themes),
            loop=label(record.loop) if record.loop else None,
        )

    def counted_themes(self, records: list[Record]) -> list[Link]:
        counts = Counter(t for r in records for t in r.themes)
        themes = self.published.themes
        return [
            Link(themes[t].title, theme_url(t), n)
            for t, n in sorted(counts.items(), key=lambda tn: (-tn[1], themes[tn[0]].title))
        ]

    def place_card(self, place_id: str) -> PlaceCard:
        records = self.indexes.by_place[place_id]
        return PlaceCard(
            self.published.places[place_id],
            place_url(place_id),
            len(records),
            records[0].date if records else None,
            self.counted_themes(records)[:3],
        )

    def place_cards(self) -> list[PlaceCard]:
        places = self.published.places
        return [self.place_card(pid) for pid in sorted(places, key=lambda p: (places[p].name, p))]

    def home_view(self) -> HomeView:
        network = self.published.network
        return HomeView(
            network,
            list(network.questions),
            self.place_cards(),
            [self.card(r) for r in self.indexes.records[:6]],
            len(self.indexes.records),
            sum(1 for recs in self.indexes.by_theme.values() if recs),
            self.counted_themes(self.indexes.records),
        )

    def place_view(self, place_id: str) -> PlaceView:
        records = self.indexes.by_place[place_id]
        evidence = Counter(e for r in records for e in r.evidence)
        return PlaceView(
            self.published.places[place_id],
            [self.card(r) for r in records],
            self.counted_themes(records),
            [Link(label(e), "", n) for e, n in sorted(evidence.items(), key=lambda en: (-en[1], en[0]))],
            records[0].date if records else None,
        )

    def record_view(self, record: Record) -> RecordView:
        return RecordView(
            record=record,
            place=self.place_link(record.place),
            evidence=[label(e) for e in record.evidence],
            loop=label(record.loop) if record.loop else None,
            loop_question=LOOP_QUESTIONS[record.loop] if record.loop else None,
            themes=self.theme_links(record.themes),
            shaped_by=[self.card(self.published.records[ref]) for ref in record.learned_from],
            shaped=[self.card(r) for r in self.indexes.shaped.get(record.ref, [])],
        )

    def themes_view(self) -> ThemesView:
        by_theme = self.indexes.by_theme
        ordered = sorted(self.published.themes.values(), key=lambda t: (-len(by_theme[t.id]), t.title))
        return ThemesView(
            [
                ThemeCard(
                    t,
                    Link(t.title, theme_url(t.id), len(by_theme[t.id])),
                    len(self.indexes.theme_places[t.id]),
                    plain_text(t.description),
                )
                for t in ordered
            ]
        )

    def theme_view(self, theme: Theme) -> ThemeView:
        records = self.indexes.by_theme[theme.id]
        groups = [
            ThemeGroup(self.place_link(pid), [self.card(r) for r in records if r.place == pid])
            for pid in self.indexes.theme_places[theme.id]
        ]
        return ThemeView(theme, groups, len(records))

    def pages(self) -> list[PlannedPage]:
        """Every generated page in a fixed order; views are made when each page is rendered."""
        published = self.published
        pages = [
            PlannedPage(
                "index.md",
                "learnaloud/home.html",
                "Home",
                published.network.description,
                self.home_view,
                in_nav=True,
            ),
            PlannedPage(
                "places/index.md",
                "learnaloud/places.html",
                "Places",
                "",
                lambda: PlacesView(self.place_cards()),
                in_nav=True,
            ),
        ]
        for place_id, place in sorted(published.places.items()):
            pages.append(
                PlannedPage(
                    f"places/{place_id}/index.md",
                    "learnaloud/place.html",
                    place.name,
                    "",
                    partial(self.place_view, place_id),
                )
            )
        pages.append(
            PlannedPage(
                "themes/index.md", "learnaloud/themes.html", "Themes", "", self.themes_view, in_nav=True
            )
        )
        for theme in sorted(published.themes.values(), key=lambda t: t.id):
            pages.append(
                PlannedPage(
                    f"themes/{theme.id}.md",
                    "learnaloud/theme.html",
                    theme.title,
                    theme.description,
                    partial(self.theme_view, theme),
                )
            )
        for record in self.indexes.records:
            pages.append(
                PlannedPage(
                    f"places/{record.place}/records/{record.id}.md",
                    "learnaloud/record.html",
                    record.title,
                    record.body,
                    partial(self.record_view, record),
                    hide=("navigation",),
                )
            )
        return pages


def plan_site(published: Published) -> SitePlan:
    """Every generated page of a build, in a fixed order."""
    return SitePlan(Planner(published, index_published(published)).pages())
