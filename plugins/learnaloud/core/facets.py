"""The facets records are filed under: themes (with their patterns), kinds of evidence and
learning loops, each with an index page and a page per value listing its records by place."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from functools import partial

from .cards import Cards, count_links
from .model import EVIDENCE_TYPES, LOOP_QUESTIONS, LOOPS, Record, Theme
from .page import PlannedPage
from .posts import PostPlanner
from .sharing import description
from .tables import TablePlanner
from .views import (
    Cell,
    ContentId,
    FacetCard,
    FacetIndexView,
    FacetView,
    Link,
    Row,
    ThemePatterns,
    evidence_url,
    explore_url,
    label,
    loop_url,
    plain_text,
    theme_url,
)

EVIDENCE_DESCRIPTIONS = {
    "activity": "Learning from running an activity and noticing what happened.",
    "data": "Numbers the place counted: attendance, reach, change over time.",
    "story": "What happened to someone, told in their words or close to them.",
    "success": "Something that worked, and why the place thinks it did.",
    "setback": "Something that did not work: failures are learning too.",
    "research": "Findings from a study, a survey or published work.",
    "defining-moment": "A moment that changed how the people involved saw the work.",
    "comparison": "Setting one approach, time or place beside another.",
    "feedback": "What participants and partners told the place.",
    "reflection": "The people doing the work thinking about what it means.",
}


class FacetPlanner:
    def __init__(self, cards: Cards, tables: TablePlanner, posts: PostPlanner) -> None:
        self.posts = posts
        self.cards = cards
        self.published = cards.published
        self.indexes = cards.indexes
        self.tables = tables

    def facet_cards(
        self,
        groups: dict[str, list[Record]],
        link: Callable[[str, int], Link],
        description: Callable[[str], str],
    ) -> list[FacetCard]:
        keys = sorted(groups, key=lambda k: (-len(groups[k]), link(k, 0).text))
        return [
            FacetCard(link(k, len(groups[k])), len(self.indexes.places_of(groups[k])), description(k))
            for k in keys
        ]

    def themes_view(self) -> FacetIndexView:
        themes = self.published.themes
        return FacetIndexView(
            "Themes",
            "The patterns places name in their learning, and how many records and places take each one up.",
            self.facet_cards(
                self.indexes.by_theme, self.cards.theme_link, lambda t: plain_text(themes[t].description)
            ),
            "No themes are defined yet. List them in content/themes.yml.",
        )

    def evidence_index_view(self) -> FacetIndexView:
        return FacetIndexView(
            "Evidence",
            "The kinds of evidence behind the learning: where a record's claim comes from.",
            self.facet_cards(
                self.indexes.by_evidence,
                lambda e, n: Link(label(e), evidence_url(e), n),
                EVIDENCE_DESCRIPTIONS.__getitem__,
            ),
            "No learning records are published yet.",
        )

    def loops_index_view(self) -> FacetIndexView:
        return FacetIndexView(
            "Learning loops",
            "Single-loop learning corrects how a thing is done; double-loop asks whether it is the right "
            "thing; triple-loop asks how the group decides what is right.",
            self.facet_cards(
                self.indexes.by_loop,
                lambda loop, n: Link(f"{label(loop)}-loop", loop_url(loop), n),
                LOOP_QUESTIONS.__getitem__,
            ),
            "No learning records are published yet.",
        )

    def theme_view(self, theme: Theme) -> FacetView:
        records = self.indexes.by_theme[theme.id]
        return FacetView(
            "theme",
            Link("Themes", "themes/"),
            theme.title,
            "",
            self.cards.by_place(records),
            len(records),
            self.theme_patterns(theme, records),
            tuple(self.tables.of_theme(theme.id)),
            tuple(self.posts.of_theme(theme.id)),
            ContentId(theme.id, "themes", "a record, post, table or activity"),
        )

    def theme_patterns(self, theme: Theme, records: list[Record]) -> ThemePatterns:
        quarters = sorted({(r.date.year, (r.date.month - 1) // 3 + 1) for r in records})
        columns = [f"{y}-Q{q}" for y, q in quarters]
        timeline = []
        for pid in self.indexes.places_of(records):
            mine = [r for r in records if r.place == pid]
            counts = Counter(f"{r.date.year}-Q{(r.date.month - 1) // 3 + 1}" for r in mine)
            name = self.published.places[pid].name
            timeline.append(
                Row(
                    self.cards.place_link(pid),
                    [
                        Cell(
                            counts[c],
                            f"{theme_url(theme.id)}#{pid}",
                            f"{counts[c]} record{'s' * (counts[c] != 1)} from {name} in {c}",
                        )
                        for c in columns
                    ],
                )
            )
        together = Counter(t for r in records for t in r.themes if t != theme.id)
        return ThemePatterns(
            [Link(c, "") for c in columns],
            timeline,
            count_links(
                together,
                lambda t: self.published.themes[t].title,
                lambda t: explore_url(theme=f"{theme.id},{t}"),
            ),
            self.cards.counted_evidence(records, theme=theme.id),
            self.cards.counted_loops(records, theme=theme.id),
        )

    def evidence_view(self, evidence: str) -> FacetView:
        records = self.indexes.by_evidence[evidence]
        return FacetView(
            "evidence",
            Link("Evidence", "evidence/"),
            label(evidence),
            EVIDENCE_DESCRIPTIONS[evidence],
            self.cards.by_place(records),
            len(records),
            content_id=ContentId(evidence, "evidence", "a record"),
        )

    def loop_view(self, loop: str) -> FacetView:
        records = self.indexes.by_loop[loop]
        return FacetView(
            "loop",
            Link("Learning loops", "loops/"),
            f"{label(loop)}-loop learning",
            LOOP_QUESTIONS[loop],
            self.cards.by_place(records),
            len(records),
            content_id=ContentId(loop, "loop", "a record"),
        )

    def pages(self) -> list[PlannedPage]:
        """The three index pages, then a page per theme, per kind of evidence and per loop."""
        pages = [
            PlannedPage(
                "themes/index.md", "learnaloud/facets.html", "Themes", "", self.themes_view, in_nav=True
            ),
            PlannedPage(
                "evidence/index.md", "learnaloud/facets.html", "Evidence", "", self.evidence_index_view
            ),
            PlannedPage(
                "loops/index.md", "learnaloud/facets.html", "Learning loops", "", self.loops_index_view
            ),
        ]
        for theme in sorted(self.published.themes.values(), key=lambda t: t.id):
            pages.append(
                PlannedPage(
                    f"themes/{theme.id}.md",
                    "learnaloud/facet.html",
                    theme.title,
                    theme.description,
                    partial(self.theme_view, theme),
                    description=description(theme.description),
                    search_label="Theme",
                )
            )
        for evidence in EVIDENCE_TYPES:
            pages.append(
                PlannedPage(
                    f"evidence/{evidence}.md",
                    "learnaloud/facet.html",
                    label(evidence),
                    "",
                    partial(self.evidence_view, evidence),
                )
            )
        for loop in LOOPS:
            pages.append(
                PlannedPage(
                    f"loops/{loop}.md",
                    "learnaloud/facet.html",
                    f"{label(loop)}-loop learning",
                    "",
                    partial(self.loop_view, loop),
                )
            )
        return pages
