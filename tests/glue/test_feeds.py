"""Feeds in real builds: every feed parses (feedparser, no bozo flag) with the right entries, the JSON
Feed validates against the 1.1 schema, a public build's feeds hold nothing network-only, a build
without site_url stops before writing anything, identical input gives identical feeds, and every
page links its feeds in its head."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import feedparser
import jsonschema
import pytest
from bs4 import BeautifulSoup

from tests.helpers import BASE_TREE, MKDOCS_YML, ROOT, Build, article, build_both, build_site, write_tree

SITE = "https://example.org/network/"
SCHEMA = json.loads((ROOT / "tests/fixtures/jsonfeed-1.1.schema.json").read_text(encoding="utf-8"))
FORMATS = ("atom.xml", "rss.xml", "feed.json")

HOSTILE_TITLE = 'Hostile </title><script>alert(1)</script> ]]> & "q" \x07bell'
HOSTILE_SHOWN = 'Hostile alert(1) ]]> & "q" bell'

TREE = {
    **BASE_TREE,
    # A network-only place, with a record and a post: no feed of its own in a public build.
    "places/hidden/place.yml": """
        name: FEEDCANARY-NETPLACE
        visibility: network
    """,
    "places/hidden/records/2025-05-01-hidden-record.md": """
        ---
        title: FEEDCANARY-NETPLACE-RECORD
        date: 2025-05-01
        evidence: [story]
        themes: [relational-approaches]
        ---

        FEEDCANARYNETPLACEBODY
    """,
    "places/hidden/posts/2025-05-02-hidden-post.md": """
        ---
        title: FEEDCANARY-NETPLACE-POST
        date: 2025-05-02
        authors: [FEEDCANARY-NETPLACE-AUTHOR]
        ---

        FEEDCANARYNETPLACEPOSTBODY
    """,
    # Network-only items in a public place.
    "places/north-quay/records/2025-05-01-net-record.md": """
        ---
        title: FEEDCANARY-NET-RECORD
        date: 2025-05-01
        summary: FEEDCANARY-NET-RECORD-SUMMARY
        evidence: [setback]
        themes: [equalising-space]
        visibility: network
        ---

        FEEDCANARYNETRECORDBODY
    """,
    "places/north-quay/posts/2025-06-01-net-post.md": """
        ---
        title: FEEDCANARY-NET-POST
        date: 2025-06-01
        authors: [FEEDCANARY-NET-AUTHOR]
        themes: [relational-approaches]
        visibility: network
        ---

        FEEDCANARYNETPOSTBODY
    """,
    # Public posts: the network's own report with authors, and a place's post with a hostile title,
    # no authors and no summary (its feed entry takes the start of its body).
    "posts/2025-07-01-annual-report.md": """
        ---
        title: Our year of learning
        date: 2025-07-01
        authors: [Asha Patel, Sam Lee]
        summary: What the network learned this year.
        type: report
        themes: [relational-approaches, equalising-space]
        private:
          note: FEEDCANARY-PRIVATE-POST
        ---

        The report.
    """,
    "places/hillfoot/posts/2025-04-15-hostile.md": f"""
        ---
        title: {json.dumps(HOSTILE_TITLE)}
        date: 2025-04-15
        ---

        ## A heading left out

        The river rose <b>twice</b> & we kept going.
    """,
}
NETWORK_ONLY = [
    "FEEDCANARY-NETPLACE",
    "FEEDCANARYNETPLACEBODY",
    "FEEDCANARYNETPLACEPOSTBODY",
    "FEEDCANARY-NET-RECORD",
    "FEEDCANARYNETRECORDBODY",
    "FEEDCANARY-NET-POST",
    "FEEDCANARY-NET-AUTHOR",
    "FEEDCANARYNETPOSTBODY",
    "hidden-record",
    "hidden-post",
    "net-record",
    "net-post",
]
PRIVATE = ["FEEDCANARY-PRIVATE-POST"]

# The public network feed, newest first: (address under the site, title, date, authors, themes).
# The generated reports are dated by the newest item they are made from; ties go by address.
PUBLIC_ENTRIES = [
    (
        "posts/2025-07-01-annual-report/",
        "Our year of learning",
        "2025-07-01",
        ["Asha Patel", "Sam Lee"],
        ["Relational approaches", "Equalising space"],
    ),
    ("year-in-review/2025/", "2025: the year in review", "2025-07-01", ["Test Network"], []),
    ("places/hillfoot/posts/2025-04-15-hostile/", HOSTILE_SHOWN, "2025-04-15", ["Hillfoot"], []),
    ("places/hillfoot/reports/2025/", "Hillfoot: learning report 2025", "2025-04-15", ["Hillfoot"], []),
    (
        "places/hillfoot/records/2025-04-01-kitchen-tables/",
        "Kitchen table conversations",
        "2025-04-01",
        ["Hillfoot"],
        ["Relational approaches", "Equalising space"],
    ),
    (
        "places/north-quay/records/2025-03-12-market-stall/",
        "Conversations at the Saturday market",
        "2025-03-12",
        ["North Quay"],
        ["Relational approaches"],
    ),
    ("places/north-quay/reports/2025/", "North Quay: learning report 2025", "2025-03-12", ["North Quay"], []),
]


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Build]:
    return build_both(tmp_path_factory.mktemp("feeds"), TREE)


def parsed(data: bytes) -> Any:
    feed = feedparser.parse(data)
    assert feed.bozo == 0, feed.get("bozo_exception")
    return feed


def json_feed(data: bytes) -> dict[str, Any]:
    document: dict[str, Any] = json.loads(data)
    jsonschema.Draft202012Validator(SCHEMA, format_checker=jsonschema.FormatChecker()).validate(document)
    return document


def feed_folders(build: Build) -> list[str]:
    """Each feed's folder in the site: `feeds/`, `feeds/places/<place>/`, `feeds/themes/<theme>/`."""
    return sorted(
        p.parent.relative_to(build.site).as_posix() + "/" for p in build.site.glob("feeds/**/atom.xml")
    )


def check_every_feed(build: Build, site: str) -> int:
    """Every feed of a build parses, in every format, with the same entries newest first under
    `site`; the number of feeds."""
    folders = feed_folders(build)
    for folder in folders:
        files = {name: (build.site / folder / name).read_bytes() for name in FORMATS}
        atom, rss = parsed(files["atom.xml"]), parsed(files["rss.xml"])
        document = json_feed(files["feed.json"])
        assert atom.version == "atom10" and rss.version == "rss20", folder
        assert document["feed_url"] == site + folder + "feed.json"
        assert atom.feed.links[0].href == site + folder + "atom.xml"
        ids = [e.id for e in atom.entries]
        assert ids == [e.id for e in rss.entries] == [i["id"] for i in document["items"]], folder
        assert [e.link for e in atom.entries] == ids == [e.link for e in rss.entries]
        assert all(link.startswith(site) and not link.startswith(site + "feeds/") for link in ids)
        assert (
            [e.title for e in atom.entries]
            == [e.title for e in rss.entries]
            == [i["title"] for i in document["items"]]
        )
        dates = [e.published_parsed for e in atom.entries]
        assert dates == sorted(dates, reverse=True), folder
        assert [e.published_parsed for e in rss.entries] == dates
        assert all(e.get("author") for e in [*atom.entries, *rss.entries]), folder
        if atom.entries:
            assert atom.feed.updated == atom.entries[0].updated == document["items"][0]["date_published"]
    return len(folders)


def test_every_feed_parses_with_the_same_entries_in_every_format(builds: dict[str, Build]) -> None:
    public, network = builds["public"], builds["network"]
    # The network, two public places and two themes; a network build adds the hidden place.
    assert check_every_feed(public, SITE) == 5
    assert check_every_feed(network, SITE) == 6


def test_the_network_feed_has_the_right_entries(builds: dict[str, Build]) -> None:
    site = builds["public"].site
    atom = parsed((site / "feeds/atom.xml").read_bytes())
    assert atom.feed.title == "Test Network"
    assert atom.feed.updated == "2025-07-01T00:00:00Z"
    entries = [
        (
            e.link.removeprefix(SITE),
            e.title,
            e.published[:10],
            [a.name for a in e.authors],
            [t.label for t in e.get("tags", [])],
        )
        for e in atom.entries
    ]
    assert entries == PUBLIC_ENTRIES
    assert atom.entries[0].summary == "What the network learned this year."
    # No summary: the start of the body's paragraphs, as plain text.
    assert atom.entries[2].summary == "The river rose twice & we kept going."
    # A generated report's summary is its page's description, one line.
    assert atom.entries[1].summary == (
        "What Test Network learned in 2025, question by question and place by place: "
        "2 learning records from 2 places and 1 written report."
    )
    rss = parsed((site / "feeds/rss.xml").read_bytes())
    assert [[a.name for a in e.authors] for e in rss.entries] == [
        authors for _, _, _, authors, _ in PUBLIC_ENTRIES
    ]
    assert rss.entries[0].published == "Tue, 01 Jul 2025 00:00:00 GMT"
    assert [t.term for t in rss.entries[0].tags] == ["Relational approaches", "Equalising space"]
    items = json_feed((site / "feeds/feed.json").read_bytes())["items"]
    assert items[0] == {
        "id": SITE + "posts/2025-07-01-annual-report/",
        "url": SITE + "posts/2025-07-01-annual-report/",
        "title": "Our year of learning",
        "summary": "What the network learned this year.",
        "content_text": "What the network learned this year.",
        "date_published": "2025-07-01T00:00:00Z",
        "authors": [{"name": "Asha Patel"}, {"name": "Sam Lee"}],
        "tags": ["Relational approaches", "Equalising space"],
    }


def test_a_place_feed_and_a_theme_feed_carry_their_own(builds: dict[str, Build]) -> None:
    site = builds["public"].site
    place = parsed((site / "feeds/places/hillfoot/atom.xml").read_bytes())
    assert place.feed.title == "Hillfoot — Test Network"
    assert place.feed.link == SITE + "places/hillfoot/"
    assert [e.link.removeprefix(SITE) for e in place.entries] == [
        "places/hillfoot/posts/2025-04-15-hostile/",
        "places/hillfoot/reports/2025/",
        "places/hillfoot/records/2025-04-01-kitchen-tables/",
    ]
    theme = parsed((site / "feeds/themes/equalising-space/atom.xml").read_bytes())
    assert theme.feed.link == SITE + "themes/equalising-space/"
    assert [e.link.removeprefix(SITE) for e in theme.entries] == [
        "posts/2025-07-01-annual-report/",
        "places/hillfoot/records/2025-04-01-kitchen-tables/",
    ]


def test_hostile_titles_stay_text_in_well_formed_feeds(builds: dict[str, Build]) -> None:
    site = builds["public"].site
    for name in ("atom.xml", "rss.xml"):
        raw = (site / "feeds" / name).read_bytes()
        assert b"<script" not in raw and b"\x07" not in raw
        assert parsed(raw).entries[2].title == HOSTILE_SHOWN
    assert json_feed((site / "feeds/feed.json").read_bytes())["items"][2]["title"] == HOSTILE_SHOWN


def test_public_feeds_hold_nothing_network_only_and_nothing_private(builds: dict[str, Build]) -> None:
    public, network = builds["public"], builds["network"]
    for path, data in public.files().items():
        for canary in [*NETWORK_ONLY, *PRIVATE]:
            assert canary.encode() not in data, f"{canary} in {path}"
    assert not (public.site / "feeds/places/hidden").exists()
    assert not [p for p in public.files() if "hidden" in p]
    for path, data in network.files().items():
        for canary in PRIVATE:
            assert canary.encode() not in data, f"{canary} in {path}"
    # The network build carries them, with a feed for the network-only place.
    assert {f"feeds/places/hidden/{name}" for name in FORMATS} <= set(network.files())
    everything = (network.site / "feeds/atom.xml").read_text(encoding="utf-8")
    for canary in [
        "FEEDCANARY-NETPLACE-RECORD",
        "FEEDCANARY-NETPLACE-POST",
        "FEEDCANARY-NET-RECORD",
        "FEEDCANARY-NET-POST",
    ]:
        assert canary in everything
    hidden = parsed((network.site / "feeds/places/hidden/atom.xml").read_bytes())
    assert [e.title for e in hidden.entries] == [
        "FEEDCANARY-NETPLACE-POST",
        "FEEDCANARY-NETPLACE: learning report 2025",
        "FEEDCANARY-NETPLACE-RECORD",
    ]
    # The network-only items count in the network build's reports, and date them.
    quay = parsed((network.site / "feeds/places/north-quay/atom.xml").read_bytes())
    report = next(e for e in quay.entries if e.link == SITE + "places/north-quay/reports/2025/")
    assert report.published[:10] == "2025-06-01" and "2 learning records and 1 post" in report.summary
    assert "Shared within Test Network only" in hidden.feed.rights


def test_feeds_are_byte_identical_across_builds(builds: dict[str, Build], tmp_path: Path) -> None:
    time.sleep(1)  # a build stamped with the time would differ by now
    again = build_site(builds["public"].site.parent / "content", tmp_path / "again")
    assert again.returncode == 0, again.output
    first = {p: d for p, d in builds["public"].bytes_on_disk().items() if p.startswith("feeds/")}
    second = {p: d for p, d in again.bytes_on_disk().items() if p.startswith("feeds/")}
    assert len(first) == 5 * 4 + 1  # three formats and an empty sitemap a feed, and the feeds page
    assert first == second


def head_feeds(build: Build, url: str) -> list[tuple[str, str, str]]:
    """The feeds a page's head links: (type, title, address under the site)."""
    head = BeautifulSoup(build.page(url), "html.parser").head
    assert head is not None
    return [
        (str(link["type"]), str(link["title"]), urljoin(SITE + url, str(link["href"])).removeprefix(SITE))
        for link in head.select('link[rel="alternate"]')
    ]


def feed_links(title: str, folder: str) -> list[tuple[str, str, str]]:
    return [
        ("application/atom+xml", f"{title} (Atom)", f"{folder}atom.xml"),
        ("application/rss+xml", f"{title} (RSS)", f"{folder}rss.xml"),
        ("application/feed+json", f"{title} (JSON Feed)", f"{folder}feed.json"),
    ]


def test_every_page_links_its_feeds_in_its_head(builds: dict[str, Build]) -> None:
    public = builds["public"]
    network = feed_links("Test Network", "feeds/")
    place = feed_links("North Quay — Test Network", "feeds/places/north-quay/")
    theme = feed_links("Equalising space — Test Network", "feeds/themes/equalising-space/")
    assert head_feeds(public, "") == network
    assert head_feeds(public, "places/") == network
    assert head_feeds(public, "places/north-quay/") == [*place, *network]
    assert head_feeds(public, "places/north-quay/records/2025-03-12-market-stall/") == [*place, *network]
    assert head_feeds(public, "themes/equalising-space/") == [*theme, *network]
    assert head_feeds(public, "feeds/") == network
    # Every address a head links is a file of the site.
    for url in ["", "places/north-quay/", "themes/equalising-space/"]:
        for _, _, address in head_feeds(public, url):
            assert (public.site / address).is_file()


def test_the_feeds_page_lists_every_feed(builds: dict[str, Build]) -> None:
    for kind, build in builds.items():
        page = article(build, "feeds/")
        hrefs = {urljoin(SITE + "feeds/", str(a["href"])).removeprefix(SITE) for a in page.select("a[href]")}
        folders = feed_folders(build)
        assert {f"{folder}{name}" for folder in folders for name in FORMATS} <= hrefs, kind
        assert "How to follow a place in a feed reader" in page.get_text()
        assert f"{SITE}feeds/atom.xml" in page.get_text()
    assert "feeds/places/hidden/atom.xml" not in str(article(builds["public"], "feeds/"))
    assert "shared within the network only" in article(builds["network"], "feeds/").get_text()


def test_a_build_without_site_url_stops_before_writing_anything(tmp_path: Path) -> None:
    docs = write_tree(tmp_path / "content", BASE_TREE)
    config = tmp_path / "mkdocs.yml"
    text = MKDOCS_YML.format(docs=docs, options="", custom_dir="")
    assert "site_url:" in text
    config.write_text("\n".join(line for line in text.splitlines() if not line.startswith("site_url:")))
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("the last good site")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("LEARNALOUD_VISIBILITY", None)
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-f", str(config), "-d", str(site)],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        check=False,
    )
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "mkdocs.yml: site_url is not set — feeds need absolute links; set site_url:" in output
    assert "Traceback" not in output
    assert [p.name for p in site.iterdir()] == ["index.html"]
    assert (site / "index.html").read_text() == "the last good site"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["content", "mkdocs.yml", "site"]


def test_the_example_feeds(example_site: Build) -> None:
    example = SITE  # the tests' mkdocs.yml; the shipped one names the example's own address
    shipped = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert "\nsite_url: https://localmotion-north.example.org/\n" in shipped
    # The network, four public places (Brackenbury is network-only) and nine themes.
    assert check_every_feed(example_site, example) == 1 + 4 + 9
    assert not (example_site.site / "feeds/places/brackenbury").exists()
    site = example_site.site
    atom = parsed((site / "feeds/atom.xml").read_bytes())
    links = [e.link.removeprefix(example) for e in atom.entries]
    pages = [*site.glob("places/*/records/*/index.html"), *site.glob("places/*/posts/*/index.html")]
    pages += [*site.glob("posts/*/index.html"), *site.glob("places/*/reports/*/index.html")]
    pages += site.glob("year-in-review/*/index.html")
    expected = sorted(p.parent.relative_to(site).as_posix() + "/" for p in pages)
    # Every public record, post and generated report, up to the limit of 50.
    assert len(links) == min(50, len(expected)) and set(links) <= set(expected)
    assert "posts/2025-12-10-what-the-network-learned-in-2025/" in links
    assert "places/north-quay/posts/2025-12-01-two-years-at-the-fish-van-end/" in links
    assert "year-in-review/2025/" in links
    # A funder following North Quay hears of its learning report for each year it published in.
    quay = parsed((site / "feeds/places/north-quay/atom.xml").read_bytes())
    reports = sorted(p.parent.name for p in site.glob("places/north-quay/reports/*/index.html"))
    assert reports and [(e.title, e.id) for e in quay.entries if "/reports/" in e.link] == [
        (f"North Quay: learning report {y}", f"{example}places/north-quay/reports/{y}/")
        for y in reversed(reports)
    ]
    assert not [link for link in links if "brackenbury" in link]
    everything = b"".join(d for p, d in example_site.files().items() if p.startswith("feeds/"))
    for hidden in [
        b"only-the-good-bits",
        b"what-we-did-not-say-on-the-funder-visit",
        b"when-the-grants-panel-split",
    ]:
        assert hidden not in everything
    sitemap = (example_site.site / "sitemap.xml").read_text(encoding="utf-8")
    assert f"<loc>{example}</loc>" in sitemap and f"<loc>{example}feeds/</loc>" in sitemap


def test_a_generated_report_is_dated_by_the_newest_item_it_is_made_from(tmp_path: Path) -> None:
    """A year with only figures and a table still has its report, dated by the newest of them: a
    figure by its period's first day, a table by its date."""
    tree = {
        **BASE_TREE,
        "places/hillfoot/measures.yml": "participants:\n  2024-Q1: 12\n  2024-09: 20\n",
        "tables/2024-03-early.yml": """
            title: Early table
            date: 2024-03-05
            scope: place
            places: [north-quay]
        """,
    }
    build = build_site(write_tree(tmp_path / "content", tree), tmp_path / "site")
    assert build.returncode == 0, build.output
    dated = {
        e.link.removeprefix(SITE): e.published[:10]
        for e in parsed((build.site / "feeds/atom.xml").read_bytes()).entries
        if "/reports/" in e.link or "year-in-review" in e.link
    }
    assert dated == {
        "year-in-review/2025/": "2025-04-01",
        "places/hillfoot/reports/2025/": "2025-04-01",
        "places/north-quay/reports/2025/": "2025-03-12",
        "year-in-review/2024/": "2024-09-01",
        "places/hillfoot/reports/2024/": "2024-09-01",
        "places/north-quay/reports/2024/": "2024-03-05",
    }
    hillfoot = parsed((build.site / "feeds/places/hillfoot/atom.xml").read_bytes())
    assert [e.title for e in hillfoot.entries] == [  # the same day: by address, records/ then reports/
        "Kitchen table conversations",
        "Hillfoot: learning report 2025",
        "Hillfoot: learning report 2024",
    ]
    assert (
        hillfoot.entries[2].summary
        == "Hillfoot's learning report for 2024: its figures for 1 shared measure."
    )
