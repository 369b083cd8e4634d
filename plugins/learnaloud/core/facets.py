"""The facets records are filed under: themes (with their patterns), kinds of evidence and
learning loops, each with an index page and a page per value listing its records by place.

A long list is paged (`themes/<theme>/page/2/`, …), so a page stays small at any size of network:
the first page holds the theme's patterns, tables and posts, and every page a part of the list,
by place; a place's link in the patterns goes to the page where its records start."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from .cards import Cards, count_links
from .links import LinkGate
from .model import EVIDENCE_TYPES, LOOP_QUESTIONS, LOOPS, Record, Theme
from .page import PlannedPage, later_pages
from .paging import Pager, page_count, paged_url, pager
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

THEMES_FILE = "themes.yml"  # where each theme's description is written
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


@dataclass(frozen=True)
class Listed:
    """A page of a facet's records, by place; whether its first and last places go across pages."""

    records: list[Record]
    pager: Pager
    continued: bool
    continues: bool


CARDS_A_PAGE = 50  # a theme's records, each a card: about 45 KB
LINES_A_PAGE = 200  # a kind of evidence's or a loop's, a line each


class FacetPlanner:
    def __init__(self, cards: Cards, tables: TablePlanner, posts: PostPlanner, links: LinkGate) -> None:
        self.posts = posts
        self.links = links
        self.cards = cards
        self.published = cards.published
        self.indexes = cards.indexes
        self.tables = tables
        self.starts: dict[str, dict[str, int]] = {}  # theme → place → the page its records start on

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

    @staticmethod
    def by_place(records: list[Record], places: list[str]) -> list[Record]:
        """The records in the order a facet's page lists them: place by place, newest first."""
        mine: dict[str, list[Record]] = {}
        for record in records:
            mine.setdefault(record.place, []).append(record)
        return [record for pid in places for record in mine.get(pid, [])]

    def listed(self, records: list[Record], first: str, size: int, page: int) -> Listed:
        """One page of a facet's records, by place, and where it is among the list's pages."""
        ordered = self.by_place(records, self.indexes.places_of(records))
        start, end = (page - 1) * size, page * size
        shown = ordered[start:end]
        return Listed(
            shown,
            pager(page, page_count(len(ordered), size), partial(paged_url, first)),
            bool(shown) and start > 0 and ordered[start - 1].place == shown[0].place,
            bool(shown) and end < len(ordered) and ordered[end].place == shown[-1].place,
        )

    def theme_view(self, theme: Theme, page: int = 1) -> FacetView:
        records = self.indexes.by_theme[theme.id]
        listed = self.listed(records, theme_url(theme.id), CARDS_A_PAGE, page)
        first = page == 1  # the theme's patterns, tables and posts, then its records
        url = paged_url(theme_url(theme.id), page)
        return FacetView(
            "theme",
            Link("Themes", "themes/"),
            theme.title,
            "",
            self.cards.by_place(listed.records),
            len(records),
            self.theme_patterns(theme, records) if first else None,
            tuple(self.tables.of_theme(theme.id)) if first else (),
            tuple(self.posts.of_theme(theme.id)) if first else (),
            ContentId(theme.id, "themes", "a record, post, table or activity"),
            listed.pager,
            theme_url(theme.id),
            listed.continued,
            listed.continues,
            self.theme_description(theme, url) if first else "",
        )

    def theme_description(self, theme: Theme, page: str) -> str:
        """A theme's description on its page, its links written from themes.yml (as MkDocs would
        read them from the page's own folder, `themes/`, were it the page's Markdown)."""
        return self.links.data_html(theme.description, THEMES_FILE, page)

    def theme_place_url(self, theme_id: str, place_id: str) -> str:
        """A place's records on a theme's page, on the page of its list where they start."""
        if theme_id not in self.starts:
            records = self.indexes.by_theme[theme_id]
            starts: dict[str, int] = {}
            for position, record in enumerate(self.by_place(records, self.indexes.places_of(records))):
                starts.setdefault(record.place, position // CARDS_A_PAGE + 1)
            self.starts[theme_id] = starts
        return f"{paged_url(theme_url(theme_id), self.starts[theme_id].get(place_id, 1))}#{place_id}"

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
                            self.theme_place_url(theme.id, pid),
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

    def evidence_view(self, evidence: str, page: int = 1) -> FacetView:
        records = self.indexes.by_evidence[evidence]
        listed = self.listed(records, evidence_url(evidence), LINES_A_PAGE, page)
        return FacetView(
            "evidence",
            Link("Evidence", "evidence/"),
            label(evidence),
            EVIDENCE_DESCRIPTIONS[evidence],
            self.cards.by_place(listed.records),
            len(records),
            content_id=ContentId(evidence, "evidence", "a record"),
            pager=listed.pager,
            url=evidence_url(evidence),
            continued=listed.continued,
            continues=listed.continues,
        )

    def loop_view(self, loop: str, page: int = 1) -> FacetView:
        records = self.indexes.by_loop[loop]
        listed = self.listed(records, loop_url(loop), LINES_A_PAGE, page)
        return FacetView(
            "loop",
            Link("Learning loops", "loops/"),
            f"{label(loop)}-loop learning",
            LOOP_QUESTIONS[loop],
            self.cards.by_place(listed.records),
            len(records),
            content_id=ContentId(loop, "loop", "a record"),
            pager=listed.pager,
            url=loop_url(loop),
            continued=listed.continued,
            continues=listed.continues,
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
            first = PlannedPage(
                f"themes/{theme.id}.md",
                "learnaloud/facet.html",
                theme.title,
                "",  # its description is in its view (theme_description), and searched as its words
                partial(self.theme_view, theme),
                description=description(theme.description),
                search_label="Theme",
                search_text=plain_text(theme.description),
            )
            count = page_count(len(self.indexes.by_theme[theme.id]), CARDS_A_PAGE)
            pages += [first, *later_pages(first, theme_url(theme.id), count, partial(self.theme_view, theme))]
        for evidence in EVIDENCE_TYPES:
            first = PlannedPage(
                f"evidence/{evidence}.md",
                "learnaloud/facet.html",
                label(evidence),
                "",
                partial(self.evidence_view, evidence),
            )
            count = page_count(len(self.indexes.by_evidence[evidence]), LINES_A_PAGE)
            view = partial(self.evidence_view, evidence)
            pages += [first, *later_pages(first, evidence_url(evidence), count, view)]
        for loop in LOOPS:
            first = PlannedPage(
                f"loops/{loop}.md",
                "learnaloud/facet.html",
                f"{label(loop)}-loop learning",
                "",
                partial(self.loop_view, loop),
            )
            count = page_count(len(self.indexes.by_loop[loop]), LINES_A_PAGE)
            pages += [first, *later_pages(first, loop_url(loop), count, partial(self.loop_view, loop))]
        return pages
