"""The pages a published network becomes: where each lives, its title and what it shows.

Templates render the views (views.py); the MkDocs glue only turns each `PlannedPage` into a file.
Views are made when their page is rendered, so no build holds every page's view at once.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import cached_property, partial
from typing import Any

from .analysis import Indexes, index_published
from .analysis.questions import Answer as AnswerSection
from .diagram import travel_diagram
from .links import LinkGate
from .model import EVIDENCE_TYPES, LOOP_QUESTIONS, LOOPS, Record, Theme
from .select import Published
from .tables import TablePlanner
from .toolkit import ToolkitPlanner
from .views import (
    Answer,
    AnswerGroup,
    Cell,
    ExplorerFacet,
    ExplorerView,
    FacetCard,
    FacetIndexView,
    FacetOption,
    FacetView,
    Flow,
    HealthView,
    HomeView,
    Link,
    PatternsView,
    PlaceCard,
    PlaceHealth,
    PlacesView,
    PlaceView,
    QuestionsView,
    QuestionView,
    RecordCard,
    RecordGroup,
    RecordView,
    Row,
    ThemePatterns,
    TravelView,
    activity_url,
    evidence_url,
    explore_url,
    label,
    loop_url,
    place_url,
    plain_text,
    question_url,
    record_url,
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
HEALTH_WINDOW = dt.timedelta(days=183)  # "lately": about six months

# Renders the HTML of a record's answers to a question, for the page it will appear on.
AnswerHtml = Callable[[AnswerSection, str], str]


@dataclass(frozen=True)
class PlannedPage:
    """One generated page: its path in the docs tree, template, title, Markdown and view."""

    src_uri: str
    template: str
    title: str
    markdown: str
    view: Callable[[], Any]  # made when the page is rendered
    in_nav: bool = False
    # Material sidebars this page hides: the nav is in the tabs, and only a record's body has
    # headings for a table of contents; the other pages want the width.
    hide: tuple[str, ...] = ("navigation", "toc")
    record: str | None = None  # a record page's record, whose answers the questions' pages show


@dataclass(frozen=True)
class SitePlan:
    pages: list[PlannedPage]
    files: dict[str, str]  # other generated files: path → text
    card: Callable[[Record], RecordCard]  # how a record is shown in a list, for live blocks
    tables: TablePlanner  # how a table is shown, for live blocks
    answers: Mapping[str, list[AnswerSection]]  # record ref → its answers, to cut from its page
    records: list[Record]  # every published record, newest first, for live blocks to select from

    def answers_of(self, ref: str) -> list[AnswerSection]:
        return list(self.answers.get(ref, []))

    def nav(self) -> list[Any]:
        """Sections, never items: the nav Material renders into every page stays small."""
        return [{page.title: page.src_uri} for page in self.pages if page.in_nav]


def count_links(counts: Counter[str], text: Callable[[str], str], url: Callable[[str], str]) -> list[Link]:
    """Counted values as links, most first."""
    return [
        Link(text(key), url(key), n)
        for key, n in sorted(counts.items(), key=lambda kn: (-kn[1], text(kn[0])))
    ]


def facet_index(facets: list[ExplorerFacet], items: list[dict[str, list[str]]]) -> str:
    """A static index for filtering a list in the browser: each item's values, by option position,
    in the order the page lists the items (explorer.js reads it)."""
    position = {f.key: {o.value: i for i, o in enumerate(f.options)} for f in facets}
    rows = [[[position[f.key][v] for v in item[f.key]] for f in facets] for item in items]
    index = {"facets": [[f.key, [o.value for o in f.options], f.all_of] for f in facets], "items": rows}
    return json.dumps(index, separators=(",", ":"), ensure_ascii=False)


class Planner:
    def __init__(
        self, published: Published, indexes: Indexes, answer_html: AnswerHtml, links: LinkGate
    ) -> None:
        self.published = published
        self.indexes = indexes
        self.answer_html = answer_html
        self.tables = TablePlanner(
            published.tables, published.places, published.themes, published.records, links
        )
        self.toolkit = ToolkitPlanner(
            published.activities,
            indexes.records,
            published.network.questions,
            published.themes,
            {pid: place.name for pid, place in published.places.items()},
            self.card,
        )

    # -- pieces ---------------------------------------------------------------------------------

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
        return [self.place_card(pid) for pid in self.indexes.place_order]

    @cached_property
    def flows(self) -> list[tuple[str, str, list[tuple[Record, Record]]]]:
        """(from place, to place, [(learner record, source record)]) for learning between places."""
        pairs: dict[tuple[str, str], list[tuple[Record, Record]]] = {}
        for record in reversed(self.indexes.records):
            for ref in record.learned_from:
                source = self.published.records[ref]
                if source.place != record.place:
                    pairs.setdefault((source.place, record.place), []).append((record, source))
        order = {pid: i for i, pid in enumerate(self.indexes.place_order)}
        return [(s, t, pairs[(s, t)]) for s, t in sorted(pairs, key=lambda st: (order[st[0]], order[st[1]]))]

    # -- views ----------------------------------------------------------------------------------

    def home_view(self) -> HomeView:
        network = self.published.network
        return HomeView(
            network,
            self.question_links(),
            self.place_cards(),
            [self.card(r) for r in self.indexes.records[:6]],
            len(self.indexes.records),
            sum(1 for recs in self.indexes.by_theme.values() if recs),
            self.counted_themes(self.indexes.records),
            sum(len(pairs) for _, _, pairs in self.flows),
            self.tables.latest(3),
            len(self.published.activities),
        )

    def place_view(self, place_id: str) -> PlaceView:
        records = self.indexes.by_place[place_id]
        flows = self.flows
        return PlaceView(
            self.published.places[place_id],
            [self.card(r) for r in records],
            self.counted_themes(records),
            self.counted_evidence(records, place=place_id),
            records[0].date if records else None,
            [self.place_link(s, len(pairs)) for s, t, pairs in flows if t == place_id],
            [self.place_link(t, len(pairs)) for s, t, pairs in flows if s == place_id],
            self.tables.of_place(place_id),
        )

    def record_view(self, record: Record) -> RecordView:
        answered = dict.fromkeys(a.question.id for a in self.indexes.answers_of[record.ref])
        questions = {q.id: q for q in self.published.network.questions}
        return RecordView(
            record=record,
            place=self.place_link(record.place),
            evidence=[Link(label(e), evidence_url(e)) for e in record.evidence],
            loop=Link(f"{label(record.loop)}-loop", loop_url(record.loop)) if record.loop else None,
            loop_question=LOOP_QUESTIONS[record.loop] if record.loop else None,
            themes=[self.theme_link(t) for t in record.themes],
            answers=[Link(questions[q].text, question_url(q)) for q in answered],
            activities=[Link(self.published.activities[a].title, activity_url(a)) for a in record.activities],
            shaped_by=[self.card(self.published.records[ref]) for ref in record.learned_from],
            shaped=[self.card(r) for r in self.indexes.shaped.get(record.ref, [])],
        )

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
                self.indexes.by_theme, self.theme_link, lambda t: plain_text(themes[t].description)
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
            self.by_place(records),
            len(records),
            self.theme_patterns(theme, records),
            tuple(self.tables.of_theme(theme.id)),
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
                    self.place_link(pid),
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
            self.counted_evidence(records, theme=theme.id),
            self.counted_loops(records, theme=theme.id),
        )

    def evidence_view(self, evidence: str) -> FacetView:
        records = self.indexes.by_evidence[evidence]
        return FacetView(
            "evidence",
            Link("Evidence", "evidence/"),
            label(evidence),
            EVIDENCE_DESCRIPTIONS[evidence],
            self.by_place(records),
            len(records),
        )

    def loop_view(self, loop: str) -> FacetView:
        records = self.indexes.by_loop[loop]
        return FacetView(
            "loop",
            Link("Learning loops", "loops/"),
            f"{label(loop)}-loop learning",
            LOOP_QUESTIONS[loop],
            self.by_place(records),
            len(records),
        )

    def question_view(self, number: int) -> QuestionView:
        question = self.published.network.questions[number - 1]
        page = question_url(question.id)
        answers = self.indexes.answers[question.id]
        groups = []
        for pid in self.indexes.places_of([a.record for a in answers]):
            mine = [
                Answer(self.card(a.record), self.answer_html(a, page))
                for a in answers
                if a.record.place == pid
            ]
            groups.append(AnswerGroup(self.place_link(pid), pid, mine))
        others = [link for link in self.question_links() if link.url != page]
        return QuestionView(question, number, groups, len(answers), others)

    def questions_view(self) -> QuestionsView:
        places = self.indexes.place_order
        rows = []
        for question in self.published.network.questions:
            answers = self.indexes.answers[question.id]
            cells = []
            for pid in places:
                mine = [a.record for a in answers if a.record.place == pid]
                name = self.published.places[pid].name
                cells.append(
                    Cell(
                        len(mine),
                        f"{question_url(question.id)}#{pid}",
                        f"{len(mine)} answer{'s' * (len(mine) != 1)} from {name}",
                        max((r.date for r in mine), default=None),
                    )
                )
            rows.append(Row(Link(question.text, question_url(question.id), len(answers)), cells))
        return QuestionsView(self.question_links(), [self.place_link(p) for p in places], rows)

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
                        f"{theme_url(theme.id)}#{pid}",
                        f"{count} record{'s' * (count != 1)} from {name} on {theme.title}",
                    )
                )
            rows.append(Row(self.place_link(pid, len(mine)), cells))
        records = self.indexes.records
        return PatternsView(
            [self.theme_link(t.id, len(self.indexes.by_theme[t.id])) for t in themes],
            rows,
            self.counted_evidence(records),
            self.counted_loops(records),
        )

    def travel_view(self) -> TravelView:
        flows = self.flows
        names = [(pid, self.published.places[pid].name) for pid in self.indexes.place_order]
        svg = travel_diagram(
            names,
            [(s, t, len(pairs)) for s, t, pairs in flows],
            "How learning travelled between places: an arrow from the place learned from "
            "to the place that learned, thicker for more records",
        )
        return TravelView(
            svg,
            [
                Flow(self.place_link(s), self.place_link(t), [(self.card(a), self.card(b)) for a, b in pairs])
                for s, t, pairs in flows
            ],
            len(names),
        )

    def explorer_view(self) -> ExplorerView:
        return ExplorerView(
            self.explorer_facets(), self.by_year(), len(self.indexes.records), "explore/records.json"
        )

    def explorer_facets(self) -> list[ExplorerFacet]:
        idx = self.indexes
        years = Counter(r.date.year for r in idx.records)
        return [
            ExplorerFacet(
                "place",
                "Place",
                [FacetOption(p, self.place_link(p, len(idx.by_place[p]))) for p in idx.place_order],
                all_of=False,
            ),
            ExplorerFacet(
                "theme",
                "Theme",
                [
                    FacetOption(t, self.theme_link(t, len(idx.by_theme[t])))
                    for t in sorted(self.published.themes, key=lambda t: self.published.themes[t].title)
                ],
                all_of=True,
            ),
            ExplorerFacet(
                "question",
                "Answers the question",
                [
                    FacetOption(q.id, Link(q.text, question_url(q.id), len(idx.answers[q.id])))
                    for q in self.published.network.questions
                ],
                all_of=True,
            ),
            ExplorerFacet(
                "evidence",
                "Evidence",
                [
                    FacetOption(e, Link(label(e), evidence_url(e), len(idx.by_evidence[e])))
                    for e in EVIDENCE_TYPES
                ],
                all_of=True,
            ),
            ExplorerFacet(
                "loop",
                "Learning loop",
                [
                    FacetOption(loop, Link(f"{label(loop)}-loop", loop_url(loop), len(idx.by_loop[loop])))
                    for loop in LOOPS
                ],
                all_of=False,
            ),
            ExplorerFacet(
                "year",
                "Year",
                [
                    FacetOption(str(y), Link(str(y), f"explore/#year-{y}", n))
                    for y, n in sorted(years.items(), reverse=True)
                ],
                all_of=False,
            ),
        ]

    def by_year(self) -> list[RecordGroup]:
        groups: dict[int, list[RecordCard]] = {}
        for record in self.indexes.records:
            groups.setdefault(record.date.year, []).append(self.card(record))
        return [
            RecordGroup(Link(str(y), f"explore/#year-{y}", len(cards)), f"year-{y}", cards)
            for y, cards in groups.items()
        ]

    def explorer_index(self) -> str:
        """The explorer's static index: each record's facet values, in the order the page lists them."""
        items: list[dict[str, list[str]]] = []
        for record in self.indexes.records:
            answered = dict.fromkeys(a.question.id for a in self.indexes.answers_of[record.ref])
            items.append(
                {
                    "place": [record.place],
                    "theme": record.themes,
                    "question": list(answered),
                    "evidence": list(dict.fromkeys(record.evidence)),
                    "loop": [record.loop] if record.loop else [],
                    "year": [str(record.date.year)],
                }
            )
        return facet_index(self.explorer_facets(), items)

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
                    self.place_link(pid),
                    mine[0].date if mine else None,
                    len(recent),
                    [Link(q.text, question_url(q.id)) for q in questions if q.id not in answered],
                )
            )
        quiet = []
        for theme in sorted(self.published.themes.values(), key=lambda t: t.title):
            latest = max((r.date for r in self.indexes.by_theme[theme.id]), default=None)
            if latest is None or (since is not None and latest <= since):
                quiet.append((self.theme_link(theme.id), latest))
        return HealthView(as_of, since, places, quiet)

    # -- the plan -------------------------------------------------------------------------------

    def pages(self) -> list[PlannedPage]:
        """Every generated page in a fixed order."""
        published = self.published
        network = published.network
        pages = [
            PlannedPage(
                "index.md", "learnaloud/home.html", "Home", network.description, self.home_view, in_nav=True
            ),
            PlannedPage(
                "questions/index.md",
                "learnaloud/questions.html",
                "Questions",
                "",
                self.questions_view,
                in_nav=True,
            ),
        ]
        for number, question in enumerate(network.questions, start=1):
            pages.append(
                PlannedPage(
                    f"questions/{question.id}.md",
                    "learnaloud/question.html",
                    question.text,
                    "",
                    partial(self.question_view, number),
                )
            )
        pages.append(
            PlannedPage(
                "places/index.md",
                "learnaloud/places.html",
                "Places",
                "",
                lambda: PlacesView(self.place_cards()),
                in_nav=True,
            )
        )
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
        pages += [
            PlannedPage(
                "patterns/index.md",
                "learnaloud/patterns.html",
                "Patterns",
                "",
                self.patterns_view,
                in_nav=True,
            ),
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
        for theme in sorted(published.themes.values(), key=lambda t: t.id):
            pages.append(
                PlannedPage(
                    f"themes/{theme.id}.md",
                    "learnaloud/facet.html",
                    theme.title,
                    theme.description,
                    partial(self.theme_view, theme),
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
        pages += [
            PlannedPage(
                "travel/index.md", "learnaloud/travel.html", "Travel", "", self.travel_view, in_nav=True
            ),
            PlannedPage(
                "explore/index.md", "learnaloud/explore.html", "Explore", "", self.explorer_view, in_nav=True
            ),
        ]
        pages.append(
            PlannedPage(
                "tables/index.md",
                "learnaloud/tables.html",
                "Tables",
                "",
                self.tables.tables_view,
                in_nav=True,
            )
        )
        for table in self.tables.tables.values():
            pages.append(
                PlannedPage(
                    f"tables/{table.id}.md",
                    "learnaloud/table.html",
                    table.title,
                    self.tables.search_text(table),
                    partial(self.tables.table_view, table),
                )
            )
        pages.append(
            PlannedPage(
                "toolkit/index.md",
                "learnaloud/toolkit.html",
                "Toolkit",
                "",
                self.toolkit.toolkit_view,
                in_nav=True,
            )
        )
        for activity in self.toolkit.ordered():
            pages.append(
                PlannedPage(
                    f"toolkit/{activity.id}.md",
                    "learnaloud/guide.html",
                    activity.title,
                    activity.body,
                    partial(self.toolkit.guide_view, activity),
                    hide=("navigation",),
                )
            )
        if published.visibility == "network":
            pages.append(
                PlannedPage(
                    "health/index.md", "learnaloud/health.html", "Health", "", self.health_view, in_nav=True
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
                    record=record.ref,
                )
            )
        return pages


def plan_site(published: Published, answer_html: AnswerHtml, links: LinkGate) -> SitePlan:
    """Every generated page and file of a build, in a fixed order."""
    planner = Planner(published, index_published(published), answer_html, links)
    files = {
        "explore/records.json": planner.explorer_index(),
        "toolkit/guides.json": facet_index(planner.toolkit.facets(), planner.toolkit.index_items()),
    }
    indexes = planner.indexes
    return SitePlan(planner.pages(), files, planner.card, planner.tables, indexes.answers_of, indexes.records)
