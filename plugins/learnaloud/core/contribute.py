"""The Contribute section: how to write each kind of file, each guide with a complete example, the
ids this network's files use, every field, and every error message with its fix.

The guides are Markdown shipped with Learn Aloud (`contribute/*.md`, trusted: never a network's
content); what follows each is made here from the published network, so a public site lists no
id of anything network-only. The error messages were produced by the checker itself
(`contribute/errors.json`, made by `python -m learnaloud.core.mistakes`)."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from .cards import Cards
from .facets import EVIDENCE_DESCRIPTIONS
from .model import EVIDENCE_TYPES, LOOP_QUESTIONS, LOOPS
from .page import PlannedPage
from .schema import FieldDoc, FileKind, field_reference, file_kinds, kind_of
from .views import (
    Link,
    activity_url,
    evidence_url,
    loop_url,
    measure_url,
    place_url,
    question_url,
    table_url,
    theme_url,
)

GUIDES_FOLDER = Path(__file__).resolve().parent.parent / "contribute"
CATALOGUE = GUIDES_FOLDER / "errors.json"
CONTRIBUTE_SEARCH_WEIGHT = 0.2  # Pagefind weight, 0 to 10 (1: as any page)


@dataclass(frozen=True)
class IdRow:
    """One id a content file may name: what to write, and what it names."""

    value: str
    label: str
    url: str
    note: str = ""


@dataclass(frozen=True)
class IdTable:
    title: str
    written: str  # how a file names these, e.g. "themes: [<id>]"
    rows: list[IdRow]
    empty: str


@dataclass(frozen=True)
class ErrorExample:
    """A mistake, and what the check said of it: produced by running the check (core/mistakes.py)."""

    title: str
    path: str
    text: str  # the lines of the file around the mistake
    said: list[str]  # each diagnostic, as the check prints it
    warning: bool = False


@dataclass(frozen=True)
class ErrorSection:
    title: str
    examples: list[ErrorExample]


@dataclass(frozen=True)
class KindFields:
    kind: FileKind
    fields: list[FieldDoc]


@dataclass(frozen=True)
class ContributeView:
    guides: list[Link]  # the section's pages, for its contents
    ids: list[IdTable] = field(default_factory=list)
    kinds: list[KindFields] = field(default_factory=list)  # the field reference only
    errors: list[ErrorSection] = field(default_factory=list)  # the error messages only


@dataclass(frozen=True)
class Guide:
    name: str  # its Markdown file in contribute/ and its page's address under contribute/
    title: str
    ids: tuple[str, ...] = ()  # the id tables that follow its text

    @property
    def src_uri(self) -> str:
        return "contribute/index.md" if self.name == "index" else f"contribute/{self.name}.md"

    @property
    def url(self) -> str:
        return "contribute/" if self.name == "index" else f"contribute/{self.name}/"


GUIDES = (
    Guide("index", "Contribute"),
    Guide(
        "records",
        "Write a learning record",
        ("questions", "evidence", "loops", "themes", "places", "activities"),
    ),
    Guide("privacy", "Network-only and private"),
    Guide("tables", "Add an Emergent Learning table", ("places", "themes", "tables")),
    Guide("activities", "Add an activity guide", ("questions", "themes", "activities")),
    Guide("measures", "Add a measure's figures", ("measures", "places")),
    Guide("posts", "Write a post or report", ("places", "themes")),
    Guide("fields", "Every field"),
    Guide("errors", "Error messages and their fixes"),
)


@cache
def guide_markdown(name: str) -> str:
    return (GUIDES_FOLDER / f"{name}.md").read_text(encoding="utf-8")


@cache
def error_examples() -> tuple[ErrorExample, ...]:
    entries = json.loads(CATALOGUE.read_text(encoding="utf-8"))
    return tuple(ErrorExample(**entry) for entry in entries)


OTHER_FILES = "Pictures, documents and other files"


# The kinds of file most written first: a coordinator looking for a record's mistake finds it soon.
SECTION_ORDER = ("record", "post", "table", "activity", "place-measures", "place", "page")


def error_sections() -> list[ErrorSection]:
    """The catalogue by the kind of file each mistake is in, the kinds most written first."""
    kinds = sorted(file_kinds(), key=lambda k: SECTION_ORDER.index(k.name) if k.name in SECTION_ORDER else 99)
    titles = [kind.title for kind in kinds] + [OTHER_FILES]
    sections: dict[str, list[ErrorExample]] = {title: [] for title in titles}
    for example in error_examples():
        kind = kind_of(example.path)
        sections[kind.title if kind else OTHER_FILES].append(example)
    return [ErrorSection(title, examples) for title, examples in sections.items() if examples]


class ContributePlanner:
    def __init__(self, cards: Cards) -> None:
        self.published = cards.published

    def id_tables(self) -> dict[str, Callable[[], IdTable]]:
        published = self.published
        return {
            "questions": lambda: IdTable(
                "The key questions",
                "## <id> (or the question's words) in a record; questions: [<id>] in an activity",
                [IdRow(q.id, q.text, question_url(q.id)) for q in published.network.questions],
                "",
            ),
            "evidence": lambda: IdTable(
                "Kinds of evidence",
                "evidence: [<id>, …]",
                [IdRow(e, EVIDENCE_DESCRIPTIONS[e], evidence_url(e)) for e in EVIDENCE_TYPES],
                "",
            ),
            "loops": lambda: IdTable(
                "Learning loops",
                "loop: <id>",
                [IdRow(loop, LOOP_QUESTIONS[loop], loop_url(loop)) for loop in LOOPS],
                "",
            ),
            "themes": lambda: IdTable(
                "Themes",
                "themes: [<id>, …]",
                [
                    IdRow(t.id, t.title, theme_url(t.id))
                    for t in sorted(published.themes.values(), key=lambda t: t.id)
                ],
                "No themes yet: they are listed in content/themes.yml.",
            ),
            "places": lambda: IdTable(
                "Places",
                "content/places/<id>/; places: [<id>, …] in a table",
                [IdRow(pid, place.name, place_url(pid)) for pid, place in sorted(published.places.items())],
                "No places yet: each is a folder in content/places/ with a place.yml.",
            ),
            "activities": lambda: IdTable(
                "Toolkit activities",
                "activities: [<id>] in a record; related: [<id>] in a guide",
                [
                    IdRow(a.id, a.title, activity_url(a.id))
                    for a in sorted(published.activities.values(), key=lambda a: a.id)
                ],
                "No activity guides yet: each is a file in content/toolkit/.",
            ),
            "measures": lambda: IdTable(
                "Shared measures",
                "<id>: in a place's measures.yml, then a line per period",
                [
                    IdRow(m.id, m.title, measure_url(m.id), m.unit)
                    for m in sorted(published.measures.values(), key=lambda m: m.id)
                ],
                "No shared measures yet: they are listed in content/measures.yml.",
            ),
            "tables": lambda: IdTable(
                "Tables",
                "follows: <id> in a later table",
                [
                    IdRow(t.id, t.title, table_url(t.id))
                    for t in sorted(published.tables.values(), key=lambda t: t.id)
                ],
                "No tables yet.",
            ),
        }

    def view(self, guide: Guide) -> ContributeView:
        tables = self.id_tables()
        return ContributeView(
            [Link(g.title, g.url) for g in GUIDES],
            [tables[name]() for name in guide.ids],
            [KindFields(kind, field_reference(kind)) for kind in file_kinds()]
            if guide.name == "fields"
            else [],
            error_sections() if guide.name == "errors" else [],
        )

    def pages(self) -> list[PlannedPage]:
        return [
            PlannedPage(
                guide.src_uri,
                "learnaloud/contribute.html",
                guide.title,
                guide_markdown(guide.name),
                lambda guide=guide: self.view(guide),  # type: ignore[misc]
                in_nav=guide.name == "index",
                hide=("navigation",),
                searched=guide.name != "errors",  # ninety sample files: noise to a reader's search
                # Found, labelled, after the network's learning: their sample files use its words.
                search_label="Contribute · how-to guide",
                search_weight=CONTRIBUTE_SEARCH_WEIGHT,
            )
            for guide in GUIDES
        ]
