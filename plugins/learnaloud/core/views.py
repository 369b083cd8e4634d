"""What each page kind shows: plain data the templates render. Text here is plain; templates escape.

URLs are site-root-relative directory URLs made from ids (`places/north-quay/`); templates pass
them through MkDocs' `url` filter, which makes them relative to the page.
"""

from __future__ import annotations

import datetime as dt
import functools
import html
import itertools
import re
from dataclasses import dataclass
from urllib.parse import urlencode

import nh3
from markdown_it import MarkdownIt

from .model import Measure, Network, Place, Post, Record
from .paging import Pager, paged_url

TAG_LIKE = re.compile(r"<[/!?a-zA-Z][^>]*>?")
HIDDEN_CONTENT = {"script", "style"}  # elements whose text a page never shows
_markdown = MarkdownIt("commonmark")
# An image is read as its alternative text, as a screen reader reads it.
_markdown.add_render_rule(
    "image",
    lambda self, tokens, idx, options, env: html.escape(
        self.renderInlineAsText(tokens[idx].children or [], options, env)
    ),
)


def plain_title(text: str) -> str:
    """A title with anything that looks like markup taken out, safe however a theme places it."""
    # A lone '<' left over becomes a look-alike: Material un-escapes titles inside <title>.
    return " ".join(TAG_LIKE.sub("", text).replace("<", "\u2039").split())


# One line with no character Markdown gives a meaning to, not starting as a list, a quote or a
# heading does: its text is itself (most summaries and titles), without parsing it.
PROSE = re.compile(r"[^\\`*_\[\]<>&#!~|\n\r]*")
BLOCK_START = re.compile(r"\s*(?:[-+=]|\d{1,9}[.)])")


def plain_text(markdown: str) -> str:
    """Markdown as the text a reader sees, for cards: no markup, no syntax characters, and none
    of what the page never shows (comments, scripts, styles) — parsed as a browser parses it."""
    if PROSE.fullmatch(markdown) and not BLOCK_START.match(markdown):
        return " ".join(markdown.split())
    return plain_html(_markdown.render(markdown), raw="<" in markdown)


def plain_html(rendered: str, raw: bool = True) -> str:
    """HTML as the text a reader sees, on one line. Without `raw` HTML in the Markdown it came from,
    every tag is markdown-it's own (its attributes escaped, nothing hidden): they are cut out
    directly, several times faster than parsing the HTML as a browser does."""
    if raw:
        rendered = nh3.clean(rendered, tags=set(), clean_content_tags=HIDDEN_CONTENT)
    else:
        rendered = TAG_LIKE.sub("", rendered)
    return " ".join(html.unescape(rendered).split())


def plain_start(markdown: str, limit: int, read: int = 8) -> str:
    """The plain text of a body's first paragraphs (never its headings, code, live blocks or HTML
    blocks), `limit` characters of it or a little more where the body has them. Only the start is
    read (`read` times `limit`), so a long body costs no more than a short one."""
    start = markdown[: limit * read]
    if len(start) < len(markdown) and (boundary := start.rfind("\n\n")) > limit:
        start = start[:boundary]  # a paragraph cut in two could end inside a comment
    if (opened := start.rfind("<!--")) > start.rfind("-->"):
        start = start[:opened]  # a comment cut off: Markdown would print it as text
    tokens = _markdown.parse(start)
    paragraphs: list[str] = []
    length = 0
    for opening, inline in itertools.pairwise(tokens):
        if opening.type == "paragraph_open" and inline.type == "inline":
            paragraphs.append(_markdown.renderer.render(inline.children or [], _markdown.options, {}))
            length += len(inline.content)
            if length > limit:
                break
    # One document, as a browser reads it: a <script> opened in one paragraph hides the next.
    return plain_html("".join(f"<p>{paragraph}</p>\n" for paragraph in paragraphs), raw="<" in start)


@functools.lru_cache(maxsize=4096)
def long_date(value: dt.date) -> str:
    """'2025-03-12' → '12 March 2025'."""
    return f"{value.day} {value:%B %Y}"


# Where a table is held or an activity is used, as readers see it.
SCOPE_LABELS = {"place": "In one place", "across-places": "Across places", "national": "National"}


def label(word: str) -> str:
    """'defining-moment' → 'Defining moment'."""
    return word.replace("-", " ").capitalize()


def place_url(place_id: str) -> str:
    return f"places/{place_id}/"


def plural(count: int, noun: str, many: str = "") -> str:
    """'1 record', '3 records', '2 activities'."""
    return f"{count} {noun if count == 1 else many or noun + 's'}"


def record_url(record: Record) -> str:
    return f"places/{record.place}/records/{record.id}/"


def post_url(post: Post) -> str:
    """A post's page: under its place, or under `posts/` for the network's own."""
    return f"places/{post.place}/posts/{post.id}/" if post.place else f"posts/{post.id}/"


def blog_url(year: int | None = None, page: int = 1) -> str:
    """The blog: newest first, `blog/page/2/` on; a year's archive at `blog/2025/`."""
    return paged_url(f"blog/{year}/" if year is not None else "blog/", page)


def place_report_url(place_id: str, year: int) -> str:
    """A place's generated learning report for one year."""
    return f"places/{place_id}/reports/{year}/"


def year_in_review_url(year: int) -> str:
    """The network's generated year in review."""
    return f"year-in-review/{year}/"


def theme_url(theme_id: str) -> str:
    return f"themes/{theme_id}/"


def question_url(question_id: str) -> str:
    return f"questions/{question_id}/"


def evidence_url(evidence: str) -> str:
    return f"evidence/{evidence}/"


def loop_url(loop: str) -> str:
    return f"loops/{loop}/"


def explore_url(**filters: str | int) -> str:
    """The record explorer narrowed to exactly the records behind a figure."""
    return "explore/" + ("?" + urlencode(sorted(filters.items())) if filters else "")


@dataclass(frozen=True)
class Link:
    text: str
    url: str
    count: int = 0
    title: str = ""  # what the count means, for a tooltip and screen readers


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
class PostCard:
    """A post (a blog post or a report) as lists show it."""

    title: str
    url: str
    date: dt.date
    summary: str
    authors: list[str]
    place: Link | None  # None: the network's own
    themes: list[Link]
    reading_minutes: int
    report: bool


@dataclass(frozen=True)
class PostView:
    """A post's page (a blog post, or a report with a cover): its card, and where to read on."""

    post: PostCard
    more: list[PostCard]  # the newest other posts of the same place (or of the network)


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
    questions: list[Link]
    places: list[PlaceCard]
    latest: list[RecordCard]
    record_count: int
    theme_count: int
    themes: list[Link]
    travel_count: int  # learned_from links between different places
    tables: list[TableCard]  # the latest sense-making sessions
    guide_count: int
    headlines: list[Headline]  # the network's latest figure for each shared measure
    posts: list[PostCard]  # the latest posts and reports
    review: Link | None  # the latest year in review: a funder's one click to it


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
    learned_from: list[Link]  # places whose records shaped this place's, with how many links
    learned_by: list[Link]  # places whose records this place's shaped
    tables: list[TableCard]  # the Emergent Learning tables it took part in
    measures: list[Headline]  # its latest figure for each shared measure it reports
    posts: list[PostCard]  # its blog posts and reports, newest first
    reports: list[Link]  # its generated learning report for each year, newest first
    record_count: int = 0
    pager: Pager | None = None  # its records' other pages (the rest of the page is on the first)


@dataclass(frozen=True)
class RecordView:
    record: Record
    place: Link
    evidence: list[Link]
    loop: Link | None
    loop_question: str | None
    themes: list[Link]
    answers: list[Link]  # the key questions this record answers
    activities: list[Link]  # the toolkit guides used
    shaped_by: list[RecordCard]
    shaped: list[RecordCard]


@dataclass(frozen=True)
class RecordGroup:
    """Records under a heading: a place on facet pages, a year in the explorer."""

    heading: Link
    anchor: str
    records: list[RecordCard]


@dataclass(frozen=True)
class FacetCard:
    link: Link  # the facet page, with its number of records
    place_count: int
    description: str  # plain text


@dataclass(frozen=True)
class FacetIndexView:
    """The themes, evidence types or learning loops, each with how much learning it gathers."""

    title: str
    lead: str
    cards: list[FacetCard]
    empty: str


@dataclass(frozen=True)
class Cell:
    """One figure of a matrix or timeline, linked to exactly the records behind it."""

    count: int
    url: str
    title: str
    latest: dt.date | None = None


@dataclass(frozen=True)
class Row:
    heading: Link
    cells: list[Cell]


@dataclass(frozen=True)
class ThemePatterns:
    timeline_columns: list[Link]  # quarters, oldest first
    timeline: list[Row]  # a row per place
    together: list[Link]  # themes its records also take up, with how many records
    evidence: list[Link]
    loops: list[Link]


@dataclass(frozen=True)
class ContentId:
    """How content files name something: `use <value> in <field>: of <whose>`."""

    value: str
    field: str
    whose: str


@dataclass(frozen=True)
class FacetView:
    """A theme, evidence type or learning loop: its records grouped by place."""

    kind: str  # "theme", "evidence", "loop"
    index: Link  # the page listing all of this kind
    title: str
    lead: str  # plain text
    groups: list[RecordGroup]
    record_count: int
    patterns: ThemePatterns | None = None
    tables: tuple[ThemeTables, ...] = ()  # a theme's tables: their insights and hypotheses
    posts: tuple[PostCard, ...] = ()  # a theme's posts and reports
    content_id: ContentId | None = None  # what contributors write to file a record here
    pager: Pager | None = None  # a long list's other pages
    url: str = ""  # its first page
    continued: bool = False  # its first place's records began on the page before
    continues: bool = False  # its last place's records go on on the next page
    description: str = ""  # a theme's, as HTML (its links written from themes.yml)


@dataclass(frozen=True)
class Answer:
    card: RecordCard
    html: str  # rendered once with the record, sanitised, links rebased for the question page
    anchor: str  # its id on the page (questions.answer_anchor): a "more" link lands on the first not shown


@dataclass(frozen=True)
class AnswerGroup:
    place: Link
    anchor: str
    answers: list[Answer]
    more: Link | None = None  # the answers left out here, and where they are


@dataclass(frozen=True)
class QuestionsView:
    questions: list[Link]
    places: list[Link]
    rows: list[Row]  # a row per question, a cell per place


@dataclass(frozen=True)
class PatternsView:
    themes: list[Link]
    rows: list[Row]  # a row per place, a cell per theme
    evidence: list[Link]
    loops: list[Link]


@dataclass(frozen=True)
class Flow:
    """Learning that went from one place to another: the record pairs behind one arrow."""

    source: Link
    learner: Link
    pairs: list[tuple[RecordCard, RecordCard]]  # (the record that learned, the one it learned from)
    more: Link | None = None  # the pairs left out here, and where they are


@dataclass(frozen=True)
class TravelView:
    svg: str  # the diagram, drawn at build time (on the first page); `flows` says the same in words
    flows: list[Flow]
    place_count: int
    pager: Pager | None = None  # a long list's other pages, whole arrows a page


@dataclass(frozen=True)
class FacetOption:
    value: str
    link: Link  # the option's own page where it has one, with its number of records


@dataclass(frozen=True)
class ExplorerFacet:
    key: str
    label: str
    options: list[FacetOption]
    all_of: bool  # a record can have several: choosing two means records with both


@dataclass(frozen=True)
class ExplorerView:
    facets: list[ExplorerFacet]
    groups: list[RecordGroup]  # this page's records by year, newest first
    total: int
    index_url: str
    pager: Pager  # the list's other pages: without JavaScript, the way to every record
    version: str  # the index's: explorer.js takes a page's records only from pages of the same build


@dataclass(frozen=True)
class PlaceHealth:
    place: Link
    latest: dt.date | None
    recent_count: int
    unanswered: list[Link]  # key questions with no answer in the window


@dataclass(frozen=True)
class HealthView:
    as_of: dt.date | None
    since: dt.date | None
    places: list[PlaceHealth]
    quiet_themes: list[tuple[Link, dt.date | None]]  # themes nobody wrote on in the window


@dataclass(frozen=True)
class RecordsBlockView:
    """A `learning-records` live block: the records its options select."""

    records: list[RecordCard]


def table_url(table_id: str) -> str:
    return f"tables/{table_id}/"


def activity_url(activity_id: str) -> str:
    return f"toolkit/{activity_id}/"


@dataclass(frozen=True)
class TableEntry:
    html: str  # the entry's Markdown, rendered and sanitised
    evidence: list[Link]  # the published records it cites
    status: str | None = None  # a hypothesis's status


@dataclass(frozen=True)
class TableCard:
    link: Link
    date: dt.date
    scope: str  # "In one place", "Across places", "National"
    places: list[Link]
    question: str


@dataclass(frozen=True)
class TableView:
    card: TableCard
    themes: list[Link]
    ground_truth: list[TableEntry]
    insights: list[TableEntry]
    hypotheses: list[TableEntry]
    opportunities: list[TableEntry]
    statuses: list[Link]  # hypothesis statuses with how many hypotheses have each
    follows: TableCard | None  # the earlier table this one picks up from
    earlier_hypotheses: list[TableEntry]  # what the earlier table expected, to read against ground truth
    earlier_opportunities: list[TableEntry]
    followed_by: list[TableCard]
    chain: list[TableCard]  # the line of inquiry from its first table to its latest


@dataclass(frozen=True)
class TablesView:
    scopes: list[tuple[str, list[TableCard]]]  # by scope, newest first within each
    chains: list[list[TableCard]]  # lines of inquiry of two or more tables, first table first
    statuses: list[Link]


@dataclass(frozen=True)
class ThemeTables:
    """What a theme's tables concluded, across places."""

    table: TableCard
    insights: list[TableEntry]
    hypotheses: list[TableEntry]


@dataclass(frozen=True)
class GuideCard:
    id: str
    title: str
    url: str
    summary: str
    stage: str
    duration: int
    group_size: str  # "4 to 12 people"
    scopes: list[str]
    used_in: int  # how many places name it in a record


@dataclass(frozen=True)
class GuideView:
    card: GuideCard
    materials: list[str]
    questions: list[Link]
    themes: list[Link]
    related: list[Link]  # guides it names, and guides that name it
    used: list[RecordGroup]  # the records that name it, by place


@dataclass(frozen=True)
class GuideGroup:
    heading: Link
    anchor: str
    guides: list[GuideCard]


@dataclass(frozen=True)
class PeopleFilter:
    """The toolkit's "how many people?" filter: guides whose group size holds the number given."""

    key: str  # in the index and in a link: `toolkit/?people=10`
    largest: int  # the largest group any guide names
    any_size: int  # guides that name no group size: they fit any number


@dataclass(frozen=True)
class ToolkitView:
    facets: list[ExplorerFacet]
    groups: list[GuideGroup]  # by stage
    total: int
    index_url: str
    people: PeopleFilter


def measure_url(measure_id: str) -> str:
    return f"measures/{measure_id}/"


@dataclass(frozen=True)
class FigureTable:
    """A chart's numbers: a row per period, a column per line."""

    columns: list[str]
    rows: list[tuple[str, list[str]]]  # (period, a figure per column)


@dataclass(frozen=True)
class Figure:
    """A drawn chart, what it shows in words (its text alternative), and its numbers."""

    title: str
    svg: str
    summary: str
    table: FigureTable
    note: str = ""  # how to read what is not obvious, e.g. open markers
    narrow: str = ""  # the same chart drawn for a phone's width, where it is a wide one


@dataclass(frozen=True)
class Headline:
    """A measure's latest figure (the network's or a place's) with its small chart."""

    measure: Link
    unit: str
    value: str
    period: str
    coverage: str  # "from 4 of 5 places" where not every place's figure is in it
    figure: Figure | None
    change: str = ""  # "up from 174 in December 2024": the same period a year before
    provisional: str = ""  # a later period only some places have reported yet


@dataclass(frozen=True)
class MeasuresView:
    headlines: list[Headline]
    places: int  # places that report any measure


@dataclass(frozen=True)
class MeasureView:
    measure: Measure
    description: str  # HTML
    combined: str  # how the network figure is made, in words
    headline: Headline
    places: Figure | None
    network: Figure | None
    reporting: list[Link]  # places with figures for it
