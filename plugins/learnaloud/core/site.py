"""The pages a published network becomes: each page family plans its own pages (one core module
a family); the site plan only assembles them, in a fixed order, with the files they generate.

Templates render the views (views.py); the MkDocs glue only turns each `PlannedPage` into a file.
Views are made when their page is rendered, so no build holds every page's view at once.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Protocol

from .analysis import index_published
from .analysis.questions import Answer as AnswerSection
from .cards import Cards
from .charts import Charts
from .contribute import ContributePlanner
from .explorer import ExplorerPlanner
from .export import DataPlanner
from .facets import FacetPlanner
from .feeds import FeedLink, FeedPlanner
from .health import HealthPlanner
from .home import HomePlanner
from .links import LinkGate
from .measures import MeasurePlanner
from .model import Record
from .page import FileText, PlannedPage
from .patterns import PatternPlanner
from .places import PlacePlanner, RecordPlanner
from .posts import PostPlanner
from .questions import AnswerHtml, QuestionPlanner
from .reports import ReportPlanner
from .schema import schema_files
from .select import Published
from .tables import TablePlanner
from .toolkit import ToolkitPlanner
from .travel import TravelPlanner, learning_flows
from .views import RecordCard

__all__ = ["PlannedPage", "SitePlan", "plan_site"]


class Family(Protocol):
    """A page family: one core module, planning its own pages."""

    def pages(self) -> list[PlannedPage]: ...


@dataclass(frozen=True)
class SitePlan:
    pages: list[PlannedPage]
    files: dict[str, FileText]  # other generated files: path → its text, made when written
    card: Callable[[Record], RecordCard]  # how a record is shown in a list, for live blocks
    tables: TablePlanner  # how a table is shown, for live blocks
    measures: MeasurePlanner  # how a chart is drawn, for live blocks
    answers: Mapping[str, list[AnswerSection]]  # record ref → its answers, to cut from its page
    records: list[Record]  # every published record, newest first, for live blocks to select from
    feed_links: Callable[[str], list[FeedLink]]  # a page's src_uri → the feeds its head links

    def answers_of(self, ref: str) -> list[AnswerSection]:
        return list(self.answers.get(ref, []))

    def nav(self) -> list[Any]:
        """Sections, never items: the nav Material renders into every page stays small."""
        return [{page.title: page.src_uri} for page in self.pages if page.in_nav]


def plan_site(
    published: Published, answer_html: AnswerHtml, links: LinkGate, charts: Charts, site_url: str
) -> SitePlan:
    """Every generated page and file of a build, in a fixed order."""
    indexes = index_published(published)
    cards = Cards(published, indexes)
    flows = learning_flows(published, indexes)
    tables = TablePlanner(published.tables, published.places, published.themes, published.records, links)
    toolkit = ToolkitPlanner(
        published.activities,
        indexes.records,
        published.network.questions,
        published.themes,
        {pid: place.name for pid, place in published.places.items()},
        cards.card,
    )
    measures = MeasurePlanner(published, indexes.place_order, charts, links)
    posts = PostPlanner(cards)
    reports = ReportPlanner(cards, tables, measures, flows, answer_html)
    places = PlacePlanner(cards, tables, flows, measures, posts, reports)
    explorer = ExplorerPlanner(cards)
    data = DataPlanner(published, indexes)
    feeds = FeedPlanner(published, indexes, site_url, reports)
    facets = FacetPlanner(cards, tables, posts, links)
    families: list[Family] = [
        HomePlanner(cards, places, tables, flows, measures, posts, reports),
        QuestionPlanner(cards, answer_html),
        places,
        posts,
        measures,
        PatternPlanner(cards, facets.theme_place_url),
        facets,
        TravelPlanner(cards, flows),
        explorer,
        tables,
        reports,
        toolkit,
        data,
        feeds,
        HealthPlanner(cards),  # the network build only
        ContributePlanner(cards),
        RecordPlanner(cards),
    ]
    pages = [page for family in families for page in family.pages()]
    schemas = {f"schema/{name}": text.__str__ for name, text in schema_files().items()}  # for editors
    files = {**explorer.files(), **toolkit.files(), **data.files(), **feeds.files(), **schemas}
    return SitePlan(
        pages, files, cards.card, tables, measures, indexes.answers_of, indexes.records, feeds.links_for
    )
