"""The toolkit: activity guides a person narrows by stage, scope, question, time and the number of
people in the room, each with its facts, its related guides both ways, and the records that say
where it was used."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from functools import partial

from .explorer import facet_index
from .model import Activity, KeyQuestion, Record, Theme
from .page import FileText, PlannedPage
from .sharing import description
from .views import (
    SCOPE_LABELS,
    ExplorerFacet,
    FacetOption,
    GuideCard,
    GuideGroup,
    GuideView,
    Link,
    PeopleFilter,
    RecordCard,
    RecordGroup,
    ToolkitView,
    activity_url,
    label,
    place_url,
    question_url,
    theme_url,
)

GUIDES_INDEX = "toolkit/guides.json"  # what the toolkit page filters by (explorer.js reads it)

STAGES = {"embodied": "Embodied: learning in the work", "integrated": "Integrated: making sense together"}
# (key, label, shortest, longest) in minutes; a guide is in the band its duration falls in.
DURATIONS = (
    ("up-to-30", "Up to 30 minutes", 0, 30),
    ("30-60", "30 minutes to an hour", 31, 60),
    ("60-120", "One to two hours", 61, 120),
    ("over-120", "Over two hours", 121, 10_000),
)
# The group-size filter's key in the index and in a link (`toolkit/?people=10`): the reader gives
# a number of people, and sees the guides whose smallest and largest group hold it. A guide without
# a group size fits any number. (Bands would not answer "does it fit 10 people?": a guide for 2 to
# 8 overlaps "6 to 12 people".)
PEOPLE = "people"


def group_label(activity: Activity) -> str:
    if activity.group_size is None:
        return "any group"
    low, high = activity.group_size
    return f"{low} people" if low == high else f"{low} to {high} people"


def facet_values(activity: Activity) -> dict[str, list[str]]:
    return {
        "stage": [activity.stage],
        "scope": list(activity.scopes),
        "question": list(activity.questions),
        "duration": [k for k, _, a, b in DURATIONS if a <= activity.duration <= b],
    }


def fits(activity: Activity, people: int) -> bool:
    """Whether a guide suits a group of this many people: its group size holds the number, or it
    names none (and suits any number)."""
    if activity.group_size is None:
        return True
    low, high = activity.group_size
    return low <= people <= high


class ToolkitPlanner:
    def __init__(
        self,
        activities: Mapping[str, Activity],
        records: Sequence[Record],  # newest first
        questions: Sequence[KeyQuestion],
        themes: Mapping[str, Theme],
        place_names: Mapping[str, str],
        card: Callable[[Record], RecordCard],
    ) -> None:
        self.activities = activities
        self.questions = list(questions)
        self.themes = themes
        self.place_names = place_names
        self.record_card = card
        self.used: dict[str, list[Record]] = {a: [] for a in activities}
        for record in records:
            for used in dict.fromkeys(record.activities):
                self.used[used].append(record)
        self.named_by: dict[str, list[str]] = {a: [] for a in activities}
        for guide in activities.values():
            for other in guide.related:
                self.named_by[other].append(guide.id)

    def ordered(self) -> list[Activity]:
        return sorted(self.activities.values(), key=lambda a: (a.stage, a.title.lower(), a.id))

    def card(self, activity: Activity) -> GuideCard:
        return GuideCard(
            activity.id,
            activity.title,
            activity_url(activity.id),
            activity.summary,
            activity.stage,
            activity.duration,
            group_label(activity),
            [SCOPE_LABELS[s] for s in activity.scopes],
            len({r.place for r in self.used[activity.id]}),
        )

    def guide_view(self, activity: Activity) -> GuideView:
        related = dict.fromkeys([*activity.related, *self.named_by[activity.id]])
        questions = {q.id: q for q in self.questions}
        by_place: dict[str, list[RecordCard]] = {}
        for record in self.used[activity.id]:
            by_place.setdefault(record.place, []).append(self.record_card(record))
        places = sorted(by_place, key=lambda p: (self.place_names[p], p))
        return GuideView(
            self.card(activity),
            list(activity.materials),
            [Link(questions[q].text, question_url(q)) for q in activity.questions],
            [Link(self.themes[t].title, theme_url(t)) for t in activity.themes],
            [Link(self.activities[a].title, activity_url(a)) for a in related],
            [
                RecordGroup(Link(self.place_names[p], place_url(p), len(by_place[p])), p, by_place[p])
                for p in places
            ],
        )

    def facets(self) -> list[ExplorerFacet]:
        guides = [facet_values(a) for a in self.activities.values()]

        def count(key: str, value: str) -> int:
            return sum(1 for g in guides if value in g[key])

        return [
            ExplorerFacet(
                "stage",
                "Stage",
                [FacetOption(k, Link(label(k), f"toolkit/#{k}", count("stage", k))) for k in STAGES],
                all_of=False,
            ),
            ExplorerFacet(
                "scope",
                "Used",
                [FacetOption(k, Link(text, "", count("scope", k))) for k, text in SCOPE_LABELS.items()],
                all_of=True,
            ),
            ExplorerFacet(
                "question",
                "Serves the question",
                [
                    FacetOption(q.id, Link(q.text, question_url(q.id), count("question", q.id)))
                    for q in self.questions
                ],
                all_of=True,
            ),
            ExplorerFacet(
                "duration",
                "Time",
                [FacetOption(k, Link(text, "", count("duration", k))) for k, text, _, _ in DURATIONS],
                all_of=False,
            ),
        ]

    def people_filter(self) -> PeopleFilter:
        sizes = [a.group_size for a in self.activities.values() if a.group_size is not None]
        return PeopleFilter(
            PEOPLE,
            max((high for _, high in sizes), default=1),
            len(self.activities) - len(sizes),
        )

    def toolkit_view(self) -> ToolkitView:
        groups = []
        for stage, text in STAGES.items():
            guides = [self.card(a) for a in self.ordered() if a.stage == stage]
            if guides:
                groups.append(GuideGroup(Link(text, f"toolkit/#{stage}", len(guides)), stage, guides))
        return ToolkitView(self.facets(), groups, len(self.activities), GUIDES_INDEX, self.people_filter())

    def index_items(self) -> list[dict[str, list[str]]]:
        """Each guide's facet values, in the order the toolkit page lists them."""
        return [facet_values(a) for a in self.ordered()]

    def pages(self) -> list[PlannedPage]:
        pages = [
            PlannedPage(
                "toolkit/index.md",
                "learnaloud/toolkit.html",
                "Toolkit",
                "",
                self.toolkit_view,
                in_nav=True,
            )
        ]
        for activity in self.ordered():
            pages.append(
                PlannedPage(
                    f"toolkit/{activity.id}.md",
                    "learnaloud/guide.html",
                    activity.title,
                    activity.body,
                    partial(self.guide_view, activity),
                    hide=("navigation",),
                    description=description(activity.summary),
                    search_label="Toolkit · activity guide",
                )
            )
        return pages

    def files(self) -> dict[str, FileText]:
        return {GUIDES_INDEX: self.guides_index}

    def guides_index(self) -> str:
        sizes = [list(a.group_size) if a.group_size else None for a in self.ordered()]
        return facet_index(self.facets(), self.index_items(), {PEOPLE: sizes})
