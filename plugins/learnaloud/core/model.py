"""The content contract as typed, frozen models: one model per kind of file."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Annotated, Any, Literal, get_args

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints
from pydantic.json_schema import SkipJsonSchema
from pydantic_core import PydanticCustomError

from .headings import Heading
from .source import LineMap

ID_PATTERN = r"^[a-z0-9][a-z0-9-]{0,63}$"
# Fields the loader fills from where a file sits; a contributor never writes them.
DERIVED_FIELDS = ("id", "place", "source", "body", "body_line", "headings")


def slug(name: str) -> str:
    """A valid id that looks like what someone wrote: 'Market Stall' → 'market-stall',
    "Tuesday's meeting" → 'tuesdays-meeting'."""
    text = re.sub(r"[^a-z0-9]+", "-", re.sub(r"['\u2019]", "", name.lower())).strip("-")
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
# A list where one value may stand alone (`themes: x`): the schema says so too, for editors.
IdList = Annotated[
    list[Identifier],
    BeforeValidator(one_or_many, json_schema_input_type=Identifier | list[Identifier]),
    AfterValidator(unique),
]
RefList = Annotated[
    list[Text], BeforeValidator(one_or_many, json_schema_input_type=Text | list[Text]), AfterValidator(unique)
]
TextList = Annotated[list[Text], BeforeValidator(one_or_many, json_schema_input_type=Text | list[Text])]

# What each field means, said once: the JSON Schema, the field reference in the docs and the site's
# Contribute pages all read these descriptions.
VISIBILITY = (
    "Who sees it: public (everyone) or network (only the network's own site). Left out: the "
    "place's, then the network's default."
)
THEMES = "The themes it is about, as theme ids from themes.yml, e.g. [equalising-space]."
SUMMARY = "One or two sentences for cards, feeds and search."
EVIDENCE_REFS = "Records that bear it out, each as place/record, e.g. [north-quay/2025-03-12-market-stall]."


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

    # Filled from where the file sits, never written: left out of the JSON Schema.
    id: SkipJsonSchema[Identifier]
    source: SkipJsonSchema[Source] = Field(exclude=True)


class KeyQuestion(Contract):
    id: Identifier = Field(description="How records and activities name the question, e.g. learning.")
    text: Text = Field(
        description="The question as readers see it; a record's second-level heading with this "
        "text (or the id) starts its answer."
    )


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
    name: Text = Field(description="The network's name, in the header and every page's title.")
    description: str = Field("", description="The home page's introduction, in Markdown.")
    default_visibility: Visibility = Field(
        "public", description="Who sees items that do not say: public (everyone) or network."
    )
    license: Text | None = Field(
        None, description="The licence of the published content and open data, as an SPDX id, e.g. CC-BY-4.0."
    )
    questions: Annotated[list[KeyQuestion], Field(min_length=1)] = Field(
        default_factory=lambda: list(DEFAULT_QUESTIONS),
        description="The network's key learning questions, each an id and its text; "
        "the four usual questions where left out.",
    )


class Theme(Contract):
    id: Identifier = Field(
        description="How records, posts, tables and activities name the theme, e.g. equalising-space."
    )
    title: Text = Field(description="The theme's name as readers see it.")
    description: str = Field("", description="What the theme covers, in Markdown, on its page.")


LARGEST_VALUE = 10**12  # a trillion: far past any count, and well inside what a chart can scale to


class Measure(Contract):
    id: Identifier = Field(
        description="How places' measures.yml and charts name the measure, e.g. participants."
    )
    title: Text = Field(description="What is measured, as readers see it, e.g. People taking part.")
    unit: Text = Field(description="What the numbers count, e.g. people.")
    description: str = Field("", description="How it is counted, in Markdown, on its page.")
    aggregate: Aggregate = Field(
        "sum", description="How places' figures make the network's: sum (added up) or mean (averaged)."
    )
    rollup: Rollup = Field(
        "none",
        description="How months make a quarter or a year where places report different periods: "
        "sum, mean, or none (keep to one kind: a head count of different people does not add up).",
    )
    highest: Annotated[float, Field(gt=0, le=LARGEST_VALUE)] | None = Field(
        None,
        description="The highest figure the measure can have, e.g. 10 for a score out of 10: its "
        "charts then run up to it, so every chart of it has the same scale.",
    )


class Place(Item):
    name: Text = Field(description="The place's name as readers see it.")
    region: str = Field("", description="Where it is, e.g. Tyneside.")
    summary: str = Field("", description=SUMMARY)
    started: ContentDate | None = Field(None, description="When the place joined or began, YYYY-MM-DD.")
    website: Annotated[str, StringConstraints(pattern=r"^https?://\S+$")] | None = Field(
        None, description="The place's own web address, starting with https://."
    )
    visibility: Visibility | None = Field(
        None,
        description="public or network; also the default for this place's items. Nothing of a "
        "network-only place is public.",
    )


class Record(Item):
    place: SkipJsonSchema[Identifier]
    title: Text = Field(description="What the learning is, in a few words.")
    date: ContentDate = Field(description="When it happened or was written down, YYYY-MM-DD.")
    summary: str = Field("", description=SUMMARY)
    evidence: Annotated[
        list[EvidenceType],
        BeforeValidator(one_or_many, json_schema_input_type=EvidenceType | list[EvidenceType]),
        AfterValidator(unique),
        Field(min_length=1),
    ] = Field(description="What the learning rests on: one or more evidence types.")
    themes: IdList = Field([], description=THEMES)
    loop: Loop | None = Field(
        None,
        description="Which loop of learning: single (are we doing things right?), double (are we "
        "doing the right things?) or triple (how do we decide what is right?).",
    )
    learned_from: RefList = Field(
        [],
        description="Records elsewhere that shaped this one, each as place/record, e.g. "
        "[hillfoot/2025-02-20-kitchen-table].",
    )
    activities: IdList = Field([], description="The toolkit activities used in this learning, by id.")
    visibility: Visibility | None = Field(None, description=VISIBILITY)
    body: SkipJsonSchema[str] = Field(default="", exclude=True)
    body_line: SkipJsonSchema[int] = Field(default=1, exclude=True)
    headings: SkipJsonSchema[tuple[Heading, ...]] = Field(default=(), exclude=True)

    @property
    def ref(self) -> str:
        """How other files name this record: `<place>/<record>`."""
        return f"{self.place}/{self.id}"


class Post(Item):
    place: SkipJsonSchema[Identifier | None] = None
    title: Text = Field(description="The headline.")
    date: ContentDate = Field(description="The day it is published, YYYY-MM-DD.")
    authors: TextList = Field([], description="Who wrote it, by name, e.g. [Asha Patel].")
    summary: str = Field("", description=SUMMARY)
    type: PostType = Field("blog", description="blog (a post) or report (printable, with a cover).")
    themes: IdList = Field([], description=THEMES)
    visibility: Visibility | None = Field(None, description=VISIBILITY)
    body: SkipJsonSchema[str] = Field(default="", exclude=True)
    body_line: SkipJsonSchema[int] = Field(default=1, exclude=True)


class TableEntry(Contract):
    text: Text = Field(description="What the group said, in Markdown.")
    evidence: RefList = Field([], description=EVIDENCE_REFS)


class Hypothesis(TableEntry):
    status: HypothesisStatus | None = Field(
        None, description="How it stands: open, testing, held, revised or dropped."
    )


class LearningTable(Item):
    title: Text = Field(description="Usually the framing question, short.")
    date: ContentDate = Field(description="The day of the session, YYYY-MM-DD.")
    scope: Scope = Field(
        description="Who sat at the table: place (one place's group), across-places (the network) "
        "or national (with funders, partners, policymakers)."
    )
    places: IdList = Field(
        [], description="Place ids: exactly one for scope place, two or more for across-places."
    )
    question: str = Field("", description="The framing question as the group held it.")
    ground_truth: list[TableEntry] = Field([], description="Looking back: what happened, data and stories.")
    insights: list[TableEntry] = Field([], description="Looking back: why it happened.")
    hypotheses: list[Hypothesis] = Field([], description="Looking forward: 'if we …, then …'.")
    opportunities: list[TableEntry] = Field(
        [], description="Looking forward: where the hypotheses can be tested next."
    )
    themes: IdList = Field([], description=THEMES)
    follows: Identifier | None = Field(
        None, description="The id of the earlier table this one picks up from."
    )
    visibility: Visibility | None = Field(None, description=VISIBILITY)


class Activity(Item):
    title: Text = Field(description="The activity's name.")
    summary: Text = Field(description="One sentence: what it is for.")
    stage: Stage = Field(
        description="embodied (learning in the work) or integrated (making sense of many records together)."
    )
    scopes: Annotated[
        list[Scope], BeforeValidator(one_or_many, json_schema_input_type=Scope | list[Scope])
    ] = Field([], description="Where it is used: place, across-places, national.")
    questions: IdList = Field(
        [], description="The ids of the key questions it serves, e.g. [patterns, adapt]."
    )
    duration: Annotated[int, Field(gt=0)] = Field(description="How long it takes, in minutes.")
    group_size: Annotated[list[Annotated[int, Field(gt=0)]], Field(min_length=2, max_length=2)] | None = (
        Field(None, description="How many people, as [smallest, largest], e.g. [4, 12].")
    )
    materials: TextList = Field([], description="Things to bring, e.g. [Flip chart, Sticky notes].")
    themes: IdList = Field([], description=THEMES)
    related: IdList = Field(
        [], description="Other activities' ids; a guide named here also shows this one as related."
    )
    visibility: Visibility | None = Field(None, description=VISIBILITY)
    body: SkipJsonSchema[str] = Field(default="", exclude=True)
    body_line: SkipJsonSchema[int] = Field(default=1, exclude=True)


class SearchOptions(Contract):
    exclude: bool | None = Field(None, description="true: the page is left out of search.")
    boost: Annotated[float, Field(gt=0, le=10)] | None = Field(
        None,
        description="Weighs the page's words in search: above 1 ranks it higher, below 1 lower; at most 10.",
    )


class PageMeta(Contract):
    """The front matter an ordinary page may carry. The theme places these values in the page's
    head and navigation, so each is known and checked: a template or icon a page names could not
    be found, and would stop the build halfway."""

    title: Text | None = Field(
        None,
        description="The page's title in the navigation and the browser tab; its first heading where left out.",
    )
    description: Text | None = Field(None, description="A sentence for search engines and link previews.")
    author: Text | None = Field(None, description="Who wrote the page.")
    hide: Annotated[
        list[Literal["navigation", "toc", "footer", "path", "feedback"]], BeforeValidator(one_or_many)
    ] = Field(default_factory=list, description="Parts of the page to hide.")
    search: SearchOptions | None = Field(None, description="How search treats the page.")


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
