"""Everything a build checks before it writes a page, in one function: the build and the
`learnaloud check` command both call it, so a contributor sees the same problems either way."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .analysis.questions import Answer as AnswerSection
from .charts import Charts
from .errors import Report
from .files import check_addresses
from .links import LinkGate, check_page_links, check_withheld_links, written_markdown
from .load import ParseCache, load_content
from .model import Content
from .questions import AnswerHtml
from .scaffold import check_placeholders
from .select import BuildVisibility, Published, select
from .site import SitePlan, plan_site

# Only feeds print the site's address; a check that has none still plans them, with this one.
PLACEHOLDER_SITE_URL = "https://example.org/"


def no_answer_html(answer: AnswerSection, page: str) -> str:
    """A check renders no page, so it has no answer to show."""
    return ""


@dataclass(frozen=True)
class Checked:
    """A content tree as a build sees it: every problem in `report`; the rest only if it has none."""

    report: Report
    content: Content
    published: Published | None = None
    links: LinkGate | None = None
    plan: SitePlan | None = None


def check_site(
    root: Path,
    visibility: BuildVisibility,
    *,
    allow_files: tuple[str, ...] = (),
    site_url: str = "",
    cache: ParseCache | None = None,
    answer_html: AnswerHtml = no_answer_html,
    charts: Charts | None = None,
) -> Checked:
    """Read, validate and select the content, plan the site and check that no two outputs share an
    address. Planning draws no chart and renders no page: it costs a build a fraction of a second."""
    content, report = load_content(root, allow_files, cache)
    if report.has_errors:
        return Checked(report, content)
    published = select(content, visibility, report)
    if report.has_errors:
        return Checked(report, content)
    site_url = site_url or PLACEHOLDER_SITE_URL
    links = LinkGate(published.withheld, site_url)
    plan = plan_site(published, answer_html, links, charts or Charts(None), site_url)
    addresses = [*(page.src_uri for page in plan.pages), *plan.files]
    check_addresses(published.files, addresses, report)
    if report.has_errors:
        return Checked(report, content)
    known = {*published.files, *addresses}
    written = list(written_markdown(published))
    check_page_links(root, written, known, published.withheld, report)
    check_withheld_links(root, written, links, report)
    if visibility == "public":  # the network's own site may show a draft as it was begun
        check_placeholders([*published.records.values(), *published.posts.values()], report)
    return Checked(report, content, published, links, plan)
