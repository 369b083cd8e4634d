"""The content contract as typed, frozen models: one model per kind of file."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Annotated, Any, Literal, get_args

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints
from pydantic_core import PydanticCustomError

from .headings import Heading
from .source import LineMap

ID_PATTERN = r"^[a-z0-9][a-z0-9-]{0,63}$"
# Fields the loader fills from where a file sits; a contributor never writes them.
DERIVED_FIELDS = ("id", "place", "source", "body", "body_line", "headings")


def slug(name: str) -> str:
    """A valid id that looks like what someone wrote: 'Market Stall' → 'market-stall'."""
    text = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
    return text[:64] or "item"


PERIOD_SHAPE = r"[0-9]{4}(-Q[1-4]|-(0[1-9]|1[0-2]))?"  # YYYY, YYYY-Qn or YYYY-MM (ASCII digits)
PERIOD = re.compile(rf"^{PERIOD_SHAPE}\Z")
# Years a date or a period may name: a chart spans every period between its first and last figure,
# reports and archives are made per year, and the build stamps the newest date on its files.
FIRST_YEAR, LAST_YEAR = 1950, 2100

Visibility = Literal["public", "network"]
EvidenceType = Literal[
    "activity",
    "data",
    "story",
    "success",
    "setback",
    "research",
    "defining-moment",
    "comparison",
    "feedback",
    "reflection",
]
Loop = Literal["single", "double", "triple"]
Scope = Literal["place", "across-places", "national"]
Stage = Literal["embodied", "integrated"]
PostType = Literal["blog", "report"]
Aggregate = Literal["sum", "mean"]
Rollup = Literal["sum", "mean", "none"]
HypothesisStatus = Literal["open", "testing", "held", "revised", "dropped"]

EVIDENCE_TYPES: tuple[str, ...] = get_args(EvidenceType)
LOOPS: tuple[str, ...] = get_args(Loop)

# What each loop asks, for labels and facet pages.
LOOP_QUESTIONS: Mapping[str, str] = {
    "single": "Are we doing things right?",
    "double": "Are we doing the right things?",
    "triple": "How do we decide what is right?",
}


def unique(values: list[Any]) -> list[Any]:
    """A list without repeats, in order: naming a theme twice counts it once."""
    return list(dict.fromkeys(values))


def one_or_many(value: Any) -> Any:
    """A single value where a list is expected is a list of one: `themes: x` means `[x]`."""
    if isinstance(value, str | int | float) and not isinstance(value, bool):
        return [value]
    return value


def within_years(value: dt.date) -> dt.date:
    """A content date in the years the site can show (the error says which; messages.py explains)."""
    if not FIRST_YEAR <= value.year <= LAST_YEAR:
        raise PydanticCustomError(
            "date_out_of_range",
            "the year {year} is not between {first} and {last}",
            {"year": value.year, "first": FIRST_YEAR, "last": LAST_YEAR},
        )
    return value


Identifier = Annotated[str, StringConstraints(pattern=ID_PATTERN)]
ContentDate = Annotated[dt.date, AfterValidator(within_years)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
IdList = Annotated[list[Identifier], BeforeValidator(one_or_many), AfterValidator(unique)]
RefList = Annotated[list[Text], BeforeValidator(one_or_many), AfterValidator(unique)]
TextList = Annotated[list[Text], BeforeValidator(one_or_many)]


class Source:
    """Where an item came from: its path in the content tree and the line of each value."""

    __slots__ = ("lines", "path")

    def __init__(self, path: str, lines: LineMap) -> None:
        self.path = path
        self.lines = lines

    def line(self, *keys: str | int) -> int:
        return self.lines.line(*keys)


class Contract(BaseModel):
    """A contributor's file: unknown fields are errors, and nothing changes after loading."""

    model_config = ConfigDict(frozen=True, extra="forbid", arbitrary_types_allowed=True)


class Item(Contract):
    """A file that is its own item: an id from its file name and a source for messages."""

    id: Identifier
    source: Source = Field(exclude=True)


class KeyQuestion(Contract):
    id: Identifier
    text: Text


DEFAULT_QUESTIONS: tuple[KeyQuestion, ...] = (
    KeyQuestion(id="learning", text="What are we learning through the work?"),
    KeyQuestion(id="patterns", text="What patterns are we observing from the work?"),
    KeyQuestion(
        id="adapt",
        text="How can we adapt and grow from what we've learned, and what do we need to do so?",
    ),
    KeyQuestion(id="share", text="How do we share and amplify our learning to create impact?"),
)


class Network(Contract):
    name: Text
    description: str = ""
    default_visibility: Visibility = "public"
    license: Text | None = None
    questions: Annotated[list[KeyQuestion], Field(min_length=1)] = Field(
        default_factory=lambda: list(DEFAULT_QUESTIONS)
    )


class Theme(Contract):
    id: Identifier
    title: Text
    description: str = ""


class Measure(Contract):
    id: Identifier
    title: Text
    unit: Text
    description: str = ""
    aggregate: Aggregate = "sum"
    # How a quarter or a year is made of shorter periods when places report different kinds:
    # "none" (a head count of different people does not add up over months) keeps to one kind.
    rollup: Rollup = "none"


class Place(Item):
    name: Text
    region: str = ""
    summary: str = ""
    started: ContentDate | None = None
    website: Annotated[str, StringConstraints(pattern=r"^https?://\S+$")] | None = None
    visibility: Visibility | None = None


class Record(Item):
    place: Identifier
    title: Text
    date: ContentDate
    summary: str = ""
    evidence: Annotated[
        list[EvidenceType], BeforeValidator(one_or_many), AfterValidator(unique), Field(min_length=1)
    ]
    themes: IdList = []
    loop: Loop | None = None
    learned_from: RefList = []
    activities: IdList = []
    visibility: Visibility | None = None
    body: str = Field(default="", exclude=True)
    body_line: int = Field(default=1, exclude=True)
    headings: tuple[Heading, ...] = Field(default=(), exclude=True)

    @property
    def ref(self) -> str:
        """How other files name this record: `<place>/<record>`."""
        return f"{self.place}/{self.id}"


class Post(Item):
    place: Identifier | None = None
    title: Text
    date: ContentDate
    authors: TextList = []
    summary: str = ""
    type: PostType = "blog"
    themes: IdList = []
    visibility: Visibility | None = None
    body: str = Field(default="", exclude=True)
    body_line: int = Field(default=1, exclude=True)


class TableEntry(Contract):
    text: Text
    evidence: RefList = []


class Hypothesis(TableEntry):
    status: HypothesisStatus | None = None


class LearningTable(Item):
    title: Text
    date: ContentDate
    scope: Scope
    places: IdList = []
    question: str = ""
    ground_truth: list[TableEntry] = []
    insights: list[TableEntry] = []
    hypotheses: list[Hypothesis] = []
    opportunities: list[TableEntry] = []
    themes: IdList = []
    follows: Identifier | None = None
    visibility: Visibility | None = None


class Activity(Item):
    title: Text
    summary: Text
    stage: Stage
    scopes: Annotated[list[Scope], BeforeValidator(one_or_many)] = []
    questions: IdList = []
    duration: Annotated[int, Field(gt=0)]
    group_size: Annotated[list[Annotated[int, Field(gt=0)]], Field(min_length=2, max_length=2)] | None = None
    materials: TextList = []
    themes: IdList = []
    related: IdList = []
    visibility: Visibility | None = None
    body: str = Field(default="", exclude=True)
    body_line: int = Field(default=1, exclude=True)


class SearchOptions(Contract):
    exclude: bool | None = None
    boost: Annotated[float, Field(gt=0, le=10)] | None = None


class PageMeta(Contract):
    """The front matter an ordinary page may carry. The theme places these values in the page's
    head and navigation, so each is known and checked: a template or icon a page names could not
    be found, and would stop the build halfway."""

    title: Text | None = None
    description: Text | None = None
    author: Text | None = None
    hide: Annotated[
        list[Literal["navigation", "toc", "footer", "path", "feedback"]], BeforeValidator(one_or_many)
    ] = Field(default_factory=list)
    search: SearchOptions | None = None


@dataclass(frozen=True)
class PlaceMeasures:
    """One place's values for the shared measures: measure id → period → value."""

    place: str
    source: Source
    values: Mapping[str, Mapping[str, float]]


@dataclass(frozen=True)
class LiveBlock:
    """A fenced `learning-*` block in a page, with its options and where it stands."""

    kind: str
    options: Mapping[str, Any]
    line: int
    end_line: int
    option_lines: Mapping[str, int] = field(default_factory=dict)


@dataclass
class Content:
    """Everything a content tree holds, validated; private fields already split off."""

    network: Network
    themes: dict[str, Theme] = field(default_factory=dict)
    measures: dict[str, Measure] = field(default_factory=dict)
    places: dict[str, Place] = field(default_factory=dict)
    records: dict[str, Record] = field(default_factory=dict)
    posts: dict[str, Post] = field(default_factory=dict)
    place_measures: dict[str, PlaceMeasures] = field(default_factory=dict)
    tables: dict[str, LearningTable] = field(default_factory=dict)
    activities: dict[str, Activity] = field(default_factory=dict)
    # The live blocks of every page, post and record that has any, by the file's path.
    blocks: dict[str, tuple[LiveBlock, ...]] = field(default_factory=dict)
    # Items that exist but failed validation, as (kind, id): references to them are not errors too.
    invalid: set[tuple[str, str]] = field(default_factory=set)
    # Vocabularies whose file could not be read (theme, measure, question): ids naming them are not
    # checked, so one broken file gives one error, not one for every record that uses it.
    unreadable: set[str] = field(default_factory=set)
    # Hand-written pages and files published as they are, each checked: the rest stays out.
    published_files: list[str] = field(default_factory=list)
    # Each hand-written page's front matter, validated: the only metadata the page is given.
    page_meta: dict[str, PageMeta] = field(default_factory=dict)
