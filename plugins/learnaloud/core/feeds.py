"""Feeds: Atom 1.0, RSS 2.0 and JSON Feed 1.1 for the whole network, each place and each theme,
carrying learning records, posts and the reports generated from them; the page that lists them;
the links every page's head gives.

Everything here comes from `Published` (the one privacy gate) and its `Indexes`: a feed never
holds an item the build does not publish, and a place the build does not publish has no feed.

Decisions, documented for readers in docs/feeds.md:

- Addresses: the network's feeds are `feeds/atom.xml`, `feeds/rss.xml` and `feeds/feed.json`; a
  place's and a theme's sit under `feeds/places/<place>/` and `feeds/themes/<theme>/`.
- Links are absolute, from the site's `site_url`; an entry's id is its page's absolute address,
  made from ids only, so it never changes with a title.
- Dates come from the content: an entry is dated by its record or post (midnight UTC), a feed by
  its newest entry (an empty feed by the newest item the build publishes). Nothing is stamped with
  the time of the build, so identical content gives byte-identical feeds.
- Generated reports are entries too: a place's feed carries its learning report for each year
  (`places/<place>/reports/<year>/`), the network's feed every place's and each year in review
  (`year-in-review/<year>/`). Each is dated by the newest item it is made from (a record, post,
  table or figure of that place, or of the network, in that year), so it comes back to the top
  of a reader's list when it grows; its summary is its page's description.
- Each feed holds its newest `FEED_LIMIT` entries, newest first, records, posts and reports together.
- An entry carries its summary, else the plain start of its body (paragraphs only: no headings,
  no code or live blocks), never the whole body: a reader follows the link to read it.
- Titles, summaries and names are plain text with anything that looks like markup and every
  character XML cannot hold taken out, then escaped where they are placed: a feed reader that
  takes RSS text as HTML finds no markup in it either.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import functools
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any, Literal, Protocol

from jinja2 import Environment, StrictUndefined

from .analysis import Indexes
from .export import license_of
from .model import Post, Record
from .page import FileText, PlannedPage
from .periods import Period
from .select import Published
from .svg import NOT_XML
from .views import (
    place_report_url,
    place_url,
    plain_start,
    plain_title,
    post_url,
    record_url,
    theme_url,
    year_in_review_url,
)

FEED_LIMIT = 50  # entries in each feed, newest first
EXCERPT_CHARS = 280  # the plain start of a body, where an item has no summary
FEEDS_DIR = "feeds"
FEEDS_PAGE = "feeds/index.md"
FEEDS_TEMPLATE = "learnaloud/feeds.html"
FEEDS_TITLE = "Feeds"
FEEDS_URL = "feeds/"

Format = Literal["atom", "rss", "json"]
EntryKind = Literal["record", "post", "report", "place-report", "year-in-review"]


class YearReports(Protocol):
    """The generated reports of a build, as reports.ReportPlanner plans them (read only)."""

    def place_years(self, place_id: str) -> list[int]: ...
    def network_years(self) -> list[int]: ...
    def place_title(self, place_id: str, year: int) -> str: ...
    def review_title(self, year: int) -> str: ...
    def place_description(self, place_id: str, year: int) -> str: ...
    def review_description(self, year: int) -> str: ...


# Each format: its file name, media type and name for people, in the order pages list them.
FORMATS: tuple[tuple[Format, str, str, str], ...] = (
    ("atom", "atom.xml", "application/atom+xml", "Atom"),
    ("rss", "rss.xml", "application/rss+xml", "RSS"),
    ("json", "feed.json", "application/feed+json", "JSON Feed"),
)
EPOCH = dt.date(2000, 1, 1)  # an empty network's feeds are dated here: never the build's time


def feed_text(text: str) -> str:
    """Contributor text as one clean line: no markup, no character XML cannot hold."""
    return plain_title(NOT_XML.sub(" ", text))


def excerpt(markdown: str, limit: int = EXCERPT_CHARS) -> str:
    """The plain start of a body: its paragraphs' text (no headings, code, live blocks or HTML),
    cut at a word near `limit` characters."""
    text = feed_text(plain_start(markdown, limit))
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0].rstrip(",;:.-\u2013\u2014")
    return cut + "…"


def atom_date(value: dt.date) -> str:
    """RFC 3339, as Atom and JSON Feed write dates: midnight UTC of the content's date."""
    return f"{value.isoformat()}T00:00:00Z"


def rss_date(value: dt.date) -> str:
    """RFC 822, as RSS writes dates (English day and month names, whatever the machine's locale)."""
    return email.utils.format_datetime(
        dt.datetime(value.year, value.month, value.day, tzinfo=dt.UTC), usegmt=True
    )


@dataclass(frozen=True)
class Category:
    term: str  # the theme's id
    label: str  # its title


@dataclass(frozen=True)
class FeedEntry:
    """A record or a post as every feed format carries it; text plain, links absolute."""

    id: str
    url: str
    title: str
    date: dt.date
    summary: str
    authors: tuple[str, ...]
    categories: tuple[Category, ...]
    kind: EntryKind


@dataclass(frozen=True)
class FeedLink:
    """One feed as a page's head links it: `<link rel="alternate" type=… title=… href=…>`."""

    title: str
    type: str
    path: str  # site-root-relative, for the page to link relatively (see SITEMAP)
    href: str  # absolute


@dataclass(frozen=True)
class FeedFile:
    """One format of a feed, as the feeds page lists it."""

    name: str  # "Atom"
    type: str
    path: str  # site-root-relative: feeds/places/north-quay/atom.xml
    href: str  # absolute


@dataclass(frozen=True)
class Feed:
    """A feed in every format: the network's, a place's or a theme's."""

    key: str  # "network", "places/<place>", "themes/<theme>"
    name: str  # what it follows: the network's, a place's or a theme's name
    title: str  # the feed's title, as a reader lists it
    description: str
    page: str  # site-root-relative address of the page it follows
    folder: str  # site-root-relative folder of its files
    entries: tuple[FeedEntry, ...]
    updated: dt.date
    total: int  # entries before the limit

    def path(self, fmt: Format) -> str:
        return self.folder + next(name for key, name, _, _ in FORMATS if key == fmt)


@dataclass(frozen=True)
class FeedListing:
    """A feed as the feeds page lists it."""

    name: str
    page: str
    latest: dt.date | None
    count: int  # entries it carries
    files: list[FeedFile]


@dataclass(frozen=True)
class FeedsView:
    network: str
    visibility: str  # "public" or "network": a network build's feeds are for the network only
    limit: int
    site: FeedListing
    places: list[FeedListing]
    themes: list[FeedListing]
    example: FeedFile  # a place's Atom feed (else the network's), for the how-to
    example_name: str


ATOM = """\
<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <id>{{ self_url }}</id>
  <title type="text">{{ feed.title }}</title>
  <subtitle type="text">{{ feed.description }}</subtitle>
  <updated>{{ feed.updated | atom_date }}</updated>
  <link rel="self" type="application/atom+xml" href="{{ self_url }}"/>
  <link rel="alternate" type="text/html" href="{{ home }}"/>
  <author>
    <name>{{ network }}</name>
    <uri>{{ site_home }}</uri>
  </author>
{%- if rights %}
  <rights type="text">{{ rights }}</rights>
{%- endif %}
  <generator>Learn Aloud</generator>
{%- for entry in feed.entries %}
  <entry>
    <id>{{ entry.id }}</id>
    <title type="text">{{ entry.title }}</title>
    <link rel="alternate" type="text/html" href="{{ entry.url }}"/>
    <published>{{ entry.date | atom_date }}</published>
    <updated>{{ entry.date | atom_date }}</updated>
{%- for author in entry.authors %}
    <author>
      <name>{{ author }}</name>
    </author>
{%- endfor %}
{%- for category in entry.categories %}
    <category term="{{ category.term }}" label="{{ category.label }}" scheme="{{ themes_url }}"/>
{%- endfor %}
{%- if entry.summary %}
    <summary type="text">{{ entry.summary }}</summary>
{%- endif %}
  </entry>
{%- endfor %}
</feed>
"""

RSS = """\
<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel>
    <title>{{ feed.title }}</title>
    <link>{{ home }}</link>
    <description>{{ feed.description }}</description>
    <atom:link rel="self" type="application/rss+xml" href="{{ self_url }}"/>
{%- if rights %}
    <copyright>{{ rights }}</copyright>
{%- endif %}
    <lastBuildDate>{{ feed.updated | rss_date }}</lastBuildDate>
    <generator>Learn Aloud</generator>
    <docs>https://www.rssboard.org/rss-specification</docs>
{%- for entry in feed.entries %}
    <item>
      <title>{{ entry.title }}</title>
      <link>{{ entry.url }}</link>
      <guid isPermaLink="true">{{ entry.id }}</guid>
      <pubDate>{{ entry.date | rss_date }}</pubDate>
{%- for author in entry.authors %}
      <dc:creator>{{ author }}</dc:creator>
{%- endfor %}
{%- for category in entry.categories %}
      <category domain="{{ themes_url }}">{{ category.label }}</category>
{%- endfor %}
{%- if entry.summary %}
      <description>{{ entry.summary }}</description>
{%- endif %}
    </item>
{%- endfor %}
  </channel>
</rss>
"""

# Material's script takes every `<link rel="alternate">` of a page for another language of the site
# and fetches `sitemap.xml` beside its address (mkdocs-material#8576; Material is in maintenance):
# for a feed, `feeds/places/<place>/sitemap.xml`. An empty sitemap there answers it, so no page
# logs a failed request. Pages link their feeds relatively, so the request stays on the host that
# serves the page (a preview, `mkdocs serve`) rather than going to `site_url`.
SITEMAP = """\
<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"></urlset>
"""

_env = Environment(autoescape=True, undefined=StrictUndefined, keep_trailing_newline=True)
_env.filters["atom_date"] = atom_date
_env.filters["rss_date"] = rss_date
TEMPLATES = {"atom": _env.from_string(ATOM), "rss": _env.from_string(RSS)}


class FeedPlanner:
    """The feeds of a build, their files, the feeds page and the links each page's head gives."""

    def __init__(
        self, published: Published, indexes: Indexes, site_url: str, reports: YearReports | None = None
    ) -> None:
        if not site_url:
            raise ValueError("feeds need the site's address (site_url) for their absolute links")
        self.published = published
        self.indexes = indexes
        self.reports = reports
        self.site_url = site_url if site_url.endswith("/") else site_url + "/"
        self.network = feed_text(published.network.name)
        self.rights = self.rights_of(published)
        self.links: dict[tuple[str, ...], list[FeedLink]] = {}  # by feed_keys

    @staticmethod
    def rights_of(published: Published) -> str:
        """The feeds' rights line: the network's licence, as the open data names it; none granted
        by a network build, which is for the network's own use."""
        network = feed_text(published.network.name)
        if published.visibility == "network":
            return f"Shared within {network} only: do not republish."
        if not published.network.license:
            return ""
        license = license_of(published.network.license)
        words = f"{license.title} ({license.name})" if license.title != license.name else license.name
        return feed_text(f"{words}{': ' + license.url if license.url else ''}. Credit {network}.")

    def absolute(self, url: str) -> str:
        """A site-root-relative address (`places/north-quay/`) as an absolute one."""
        return self.site_url + url

    # -- entries ---------------------------------------------------------------------------------

    def categories(self, themes: Iterable[str]) -> tuple[Category, ...]:
        return tuple(Category(t, feed_text(self.published.themes[t].title)) for t in themes)

    def record_entry(self, record: Record) -> FeedEntry:
        url = self.absolute(record_url(record))
        return FeedEntry(
            id=url,
            url=url,
            title=feed_text(record.title),
            date=record.date,
            summary=feed_text(record.summary) or excerpt(record.body),
            authors=(feed_text(self.published.places[record.place].name),),
            categories=self.categories(record.themes),
            kind="record",
        )

    def post_entry(self, post: Post) -> FeedEntry:
        url = self.absolute(post_url(post))
        byline = self.published.places[post.place].name if post.place else self.published.network.name
        authors = tuple(a for a in (feed_text(name) for name in post.authors) if a)
        return FeedEntry(
            id=url,
            url=url,
            title=feed_text(post.title),
            date=post.date,
            summary=feed_text(post.summary) or excerpt(post.body),
            authors=authors or (feed_text(byline),),
            categories=self.categories(post.themes),
            kind="report" if post.type == "report" else "post",
        )

    def report_entries(self, place_id: str | None) -> list[FeedEntry]:
        """The reports generated from what was published: a place's learning report for each year
        (`place_id`), or every place's and each year in review (None, the network's feed)."""
        reports = self.reports
        if reports is None:
            return []
        places = self.indexes.place_order if place_id is None else [place_id]
        entries = []
        for pid in places:
            name = feed_text(self.published.places[pid].name)
            for year in reports.place_years(pid):
                url = self.absolute(place_report_url(pid, year))
                entries.append(
                    FeedEntry(
                        id=url,
                        url=url,
                        title=feed_text(reports.place_title(pid, year)),
                        date=self.newest_in(year, pid),
                        summary=feed_text(reports.place_description(pid, year)),
                        authors=(name,),
                        categories=(),
                        kind="place-report",
                    )
                )
        if place_id is None:
            for year in reports.network_years():
                url = self.absolute(year_in_review_url(year))
                entries.append(
                    FeedEntry(
                        id=url,
                        url=url,
                        title=feed_text(reports.review_title(year)),
                        date=self.newest_in(year, None),
                        summary=feed_text(reports.review_description(year)),
                        authors=(self.network,),
                        categories=(),
                        kind="year-in-review",
                    )
                )
        return entries

    def newest_in(self, year: int, place_id: str | None) -> dt.date:
        """A generated report's date: the newest item it is made from — a record, post, table or
        figure (its period's first day) of the place (None: of the network) in that year."""
        indexes, published = self.indexes, self.published
        records = indexes.records if place_id is None else indexes.by_place.get(place_id, [])
        posts = indexes.posts if place_id is None else indexes.posts_by_place.get(place_id, [])
        dates = [
            *(r.date for r in records if r.date.year == year),
            *(p.date for p in posts if p.date.year == year),
            *(
                t.date
                for t in published.tables.values()
                if t.date.year == year and (place_id is None or place_id in t.places)
            ),
        ]
        for pid in published.places if place_id is None else [place_id]:
            reported = published.place_measures.get(pid)
            for measure, values in reported.values.items() if reported else ():
                if measure in published.measures:
                    starts = (Period.parse(str(period)) for period in values)
                    dates += [dt.date(p.year, p.first_month, 1) for p in starts if p.year == year]
        return max(dates, default=dt.date(year, 1, 1))

    @cached_property
    def newest(self) -> dt.date:
        """The newest item the build publishes: the date of a feed with no entries."""
        dates = [r.date for r in self.indexes.records[:1]] + [p.date for p in self.indexes.posts[:1]]
        return max(dates, default=EPOCH)

    def feed(
        self,
        key: str,
        name: str,
        title: str,
        description: str,
        page: str,
        records: Sequence[Record],
        posts: Sequence[Post],
        reports: Sequence[FeedEntry] = (),
    ) -> Feed:
        """Records, posts and generated reports together, newest first (ties by address), the
        newest FEED_LIMIT."""
        # Both lists come newest first: only the newest FEED_LIMIT of each can make the cut.
        items: list[tuple[dt.date, str, Record | Post | FeedEntry]] = [
            *((r.date, record_url(r), r) for r in records[:FEED_LIMIT]),
            *((p.date, post_url(p), p) for p in posts[:FEED_LIMIT]),
            *((e.date, e.url.removeprefix(self.site_url), e) for e in reports),
        ]
        items.sort(key=lambda item: (-item[0].toordinal(), item[1]))
        entries = tuple(
            self.record_entry(item)
            if isinstance(item, Record)
            else self.post_entry(item)
            if isinstance(item, Post)
            else item
            for _, _, item in items[:FEED_LIMIT]
        )
        return Feed(
            key=key,
            name=name,
            title=title,
            description=description,
            page=page,
            folder=f"{FEEDS_DIR}/{key}/" if key != "network" else f"{FEEDS_DIR}/",
            entries=entries,
            updated=entries[0].date if entries else self.newest,
            total=len(records) + len(posts) + len(reports),
        )

    @cached_property
    def feeds(self) -> list[Feed]:
        """The network's feed, then each published place's (by name), then each theme's (by title)."""
        published, indexes, network = self.published, self.indexes, self.network
        feeds = [
            self.feed(
                "network",
                network,
                network,
                f"What {network} is learning: learning records, posts and reports from every place, "
                "newest first.",
                "",
                indexes.records,
                indexes.posts,
                self.report_entries(None),
            )
        ]
        for pid in indexes.place_order:
            place = feed_text(published.places[pid].name)
            feeds.append(
                self.feed(
                    f"places/{pid}",
                    place,
                    f"{place} — {network}",
                    f"What {place} is learning: its learning records, posts and reports, newest first.",
                    place_url(pid),
                    indexes.by_place.get(pid, []),
                    indexes.posts_by_place.get(pid, []),
                    self.report_entries(pid),
                )
            )
        for theme in sorted(published.themes.values(), key=lambda t: (t.title, t.id)):
            title = feed_text(theme.title)
            feeds.append(
                self.feed(
                    f"themes/{theme.id}",
                    title,
                    f"{title} — {network}",
                    f"Learning records and posts on {title}, from every place of {network}, newest first.",
                    theme_url(theme.id),
                    indexes.by_theme.get(theme.id, []),
                    indexes.posts_by_theme.get(theme.id, []),
                )
            )
        return feeds

    # -- files -----------------------------------------------------------------------------------

    def render(self, feed: Feed, fmt: Format) -> str:
        if fmt == "json":
            return self.json_feed(feed)
        return TEMPLATES[fmt].render(
            feed=feed,
            self_url=self.absolute(feed.path(fmt)),
            home=self.absolute(feed.page),
            site_home=self.absolute(""),
            themes_url=self.absolute("themes/"),
            network=self.network,
            rights=self.rights,
        )

    def json_feed(self, feed: Feed) -> str:
        """JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/), keys in a fixed order."""
        items: list[dict[str, Any]] = []
        for entry in feed.entries:
            item: dict[str, Any] = {"id": entry.id, "url": entry.url, "title": entry.title}
            if entry.summary:
                item["summary"] = entry.summary
            item["content_text"] = entry.summary or entry.title
            item["date_published"] = atom_date(entry.date)
            item["authors"] = [{"name": author} for author in entry.authors]
            if entry.categories:
                item["tags"] = [category.label for category in entry.categories]
            items.append(item)
        document = {
            "version": "https://jsonfeed.org/version/1.1",
            "title": feed.title,
            "home_page_url": self.absolute(feed.page),
            "feed_url": self.absolute(feed.path("json")),
            "description": feed.description,
            "authors": [{"name": self.network, "url": self.absolute("")}],
            "items": items,
        }
        # Compact: Python's C encoder writes it (an indented dump takes the slow, pure-Python one).
        return json.dumps(document, ensure_ascii=False, separators=(",", ":")) + "\n"

    def files(self) -> dict[str, FileText]:
        """Every feed in every format, by its path in the site, in a fixed order; beside each feed's
        files an empty sitemap, for Material's script (see SITEMAP)."""
        files: dict[str, FileText] = {}
        for feed in self.feeds:
            files.update(
                (feed.path(fmt), functools.partial(self.render, feed, fmt)) for fmt, _, _, _ in FORMATS
            )
            files[feed.folder + "sitemap.xml"] = SITEMAP.__str__
        return files

    # -- links and the feeds page ----------------------------------------------------------------

    def feed_files(self, feed: Feed) -> list[FeedFile]:
        return [
            FeedFile(name, media, feed.path(fmt), self.absolute(feed.path(fmt)))
            for fmt, _, media, name in FORMATS
        ]

    @cached_property
    def by_key(self) -> dict[str, Feed]:
        return {feed.key: feed for feed in self.feeds}

    def links_for(self, src_uri: str) -> list[FeedLink]:
        """The feeds a page links in its head: its place's or theme's first (a place's records,
        posts and reports included), then the network's."""
        keys = self.feed_keys(src_uri)
        links = self.links.get(keys)
        if links is None:  # the same for every page of a place: made once
            links = self.links[keys] = [
                FeedLink(f"{feed.title} ({f.name})", f.type, f.path, f.href)
                for feed in (self.by_key[key] for key in keys if key in self.by_key)
                for f in self.feed_files(feed)
            ]
        return links

    @staticmethod
    def feed_keys(src_uri: str) -> tuple[str, ...]:
        parts = src_uri.split("/")
        keys: list[str] = []
        if len(parts) >= 3 and parts[0] == "places":
            keys.append(f"places/{parts[1]}")
        elif len(parts) == 2 and parts[0] == "themes":
            keys.append(f"themes/{parts[1].removesuffix('.md')}")
        keys.append("network")
        return tuple(keys)

    def listing(self, feed: Feed) -> FeedListing:
        latest = feed.entries[0].date if feed.entries else None
        return FeedListing(feed.name, feed.page, latest, len(feed.entries), self.feed_files(feed))

    def view(self) -> FeedsView:
        network, *others = self.feeds
        places = [self.listing(f) for f in others if f.key.startswith("places/")]
        themes = [self.listing(f) for f in others if f.key.startswith("themes/")]
        example = places[0] if places else self.listing(network)
        return FeedsView(
            self.network,
            self.published.visibility,
            FEED_LIMIT,
            self.listing(network),
            places,
            themes,
            example.files[0],
            example.name,
        )

    def pages(self) -> list[PlannedPage]:
        search = (
            "Feeds: follow the network, a place or a theme in a feed reader — Atom, RSS and JSON Feed "
            "addresses, and how to subscribe."
        )
        return [PlannedPage(FEEDS_PAGE, FEEDS_TEMPLATE, FEEDS_TITLE, search, self.view)]
