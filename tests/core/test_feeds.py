"""Feeds from the core: well-formed whatever contributors write, newest first and limited, the same
bytes for the same content, absolute links, and the links each page's head gives."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import feedparser
import jsonschema
import pytest
import yaml

from learnaloud.core.analysis import index_published
from learnaloud.core.feeds import FEED_LIMIT, FeedPlanner, excerpt, feed_text
from learnaloud.core.load import load_content
from learnaloud.core.select import select
from tests.helpers import BASE_TREE, ROOT, write_tree, written

SITE = "https://example.org/network/"
SCHEMA = json.loads((ROOT / "tests/fixtures/jsonfeed-1.1.schema.json").read_text(encoding="utf-8"))


def planner(
    root: Path, tree: dict[str, str], visibility: str = "public", site_url: str = SITE
) -> FeedPlanner:
    content, report = load_content(write_tree(root, tree))
    assert not report.has_errors, [d.format() for d in report.errors]
    published = select(content, visibility, report)  # type: ignore[arg-type]
    return FeedPlanner(published, index_published(published), site_url)


def check_json(text: str) -> dict[str, Any]:
    document: dict[str, Any] = json.loads(text)
    jsonschema.Draft202012Validator(SCHEMA, format_checker=jsonschema.FormatChecker()).validate(document)
    return document


def parsed(text: str) -> Any:
    feed = feedparser.parse(text.encode("utf-8"))
    assert feed.bozo == 0, feed.get("bozo_exception")
    return feed


def record(day: int, title: str = "A record", extra: str = "") -> str:
    return f"""
        ---
        title: {title}
        date: 2025-01-{day:02d}
        evidence: [story]
        themes: [relational-approaches]
        {extra}
        ---

        Body of record {day}.
    """


HOSTILE = [
    '"</title><script>alert(1)</script>"',
    '"]]> & <![CDATA[ x ]]>"',
    '"bell \\x07 nul \\0 escape \\e vt \\v ff \\f del \\x7f c1 \\x85 end"',
    '"quotes \' and \\" &amp; &lt;b&gt;"',
    '"\\uFFFE\\uFFFF surrogate-free"',
]


def test_hostile_titles_make_well_formed_feeds(tmp_path: Path) -> None:
    tree = dict(BASE_TREE)
    for n, title in enumerate(HOSTILE, start=1):
        tree[f"posts/2026-02-0{n}-hostile.md"] = f"""
            ---
            title: {title}
            date: 2026-02-0{n}
            authors: [{title}]
            summary: {title}
            ---

            Text.
        """
    tree["themes.yml"] = """
        - id: relational-approaches
          title: "<b>Relational</b> ]]> & \\x01"
        - id: equalising-space
          title: Equalising space
    """
    tree["network.yml"] = """
        name: "Net </name> & ]]> \\x02"
        license: "CC-BY-4.0 <script>"
    """
    files = written(planner(tmp_path, tree).files())
    for path, text in files.items():
        if path.endswith("sitemap.xml"):
            continue
        assert "<script" not in text and "\x07" not in text and "\x01" not in text, path
        if path.endswith(".json"):
            check_json(text)
        else:
            parsed(text)
    network = parsed(files["feeds/atom.xml"])
    titles = [e.title for e in network.entries[: len(HOSTILE)]]
    assert titles == [feed_text(yaml.safe_load(t)) for t in reversed(HOSTILE)]
    assert network.feed.title == "Net & ]]>"
    assert titles[-1] == "alert(1)"
    rss = parsed(files["feeds/rss.xml"])
    assert [e.title for e in rss.entries[: len(HOSTILE)]] == titles
    assert [i["title"] for i in check_json(files["feeds/feed.json"])["items"][: len(HOSTILE)]] == titles


def test_feed_text_keeps_what_xml_can_hold() -> None:
    assert feed_text("a\x00b\x08c\x0bd\x1fe\x7ff\x9fg\ud800h\ufffei") == "a b c d e f g h i"
    assert feed_text("tab\tnew\nline") == "tab new line"
    assert feed_text("Café & naïve ✓") == "Café & naïve ✓"


def test_excerpt_is_the_plain_start_of_the_paragraphs() -> None:
    body = (
        "## What are we learning?\n\n"
        "```learning-records\nplace: secret-place\n```\n\n"
        "    indented code\n\n"
        "<div>raw html</div>\n\n"
        "We met *forty* people at [the stall](x.md), ![a stall](s.png) and `tea`.\n"
        "Second line.\n\n"
        "- a list item\n"
    )
    assert excerpt(body) == "We met forty people at the stall, a stall and tea. Second line. a list item"
    long = " ".join(f"word{n}" for n in range(200))
    cut = excerpt(long)
    assert cut.endswith("…") and len(cut) <= 281 and long.startswith(cut[:-1])
    assert excerpt("") == ""


def test_newest_first_limited_and_mixing_records_and_posts(tmp_path: Path) -> None:
    tree = dict(BASE_TREE)
    for day in range(1, 29):
        tree[f"places/north-quay/records/2025-01-{day:02d}-r.md"] = record(day, f"Record {day}")
        tree[f"places/north-quay/posts/2025-01-{day:02d}-p.md"] = f"""
            ---
            title: Post {day}
            date: 2025-01-{day:02d}
            ---

            Body.
        """
    feeds = planner(tmp_path, tree)
    place = next(f for f in feeds.feeds if f.key == "places/north-quay")
    assert len(place.entries) == FEED_LIMIT == 50
    assert place.total == 28 * 2 + 1
    dates = [e.date for e in place.entries]
    assert dates == sorted(dates, reverse=True)
    assert place.entries[0].date.isoformat() == "2025-03-12"  # the base tree's record
    # Same day: ordered by address, the post (places/…/posts/) before the record (places/…/records/).
    assert [e.title for e in place.entries[1:3]] == ["Post 28", "Record 28"]
    assert place.entries[1].kind == "post" and place.entries[2].kind == "record"
    assert place.updated == place.entries[0].date
    # A post without authors is by its place; a record is by its place.
    assert place.entries[1].authors == ("North Quay",) == place.entries[2].authors


def test_identical_content_gives_identical_feeds(tmp_path: Path) -> None:
    first = written(planner(tmp_path / "a", BASE_TREE).files())
    second = written(planner(tmp_path / "b", BASE_TREE).files())
    assert first == second


def test_links_are_absolute_and_ids_follow_the_ids_not_the_title(tmp_path: Path) -> None:
    before = planner(tmp_path / "a", BASE_TREE, site_url="https://example.org/sub")
    renamed = {
        **BASE_TREE,
        "places/hillfoot/records/2025-04-01-kitchen-tables.md": BASE_TREE[
            "places/hillfoot/records/2025-04-01-kitchen-tables.md"
        ].replace("Kitchen table conversations", "A new title"),
    }
    after = planner(tmp_path / "b", renamed, site_url="https://example.org/sub")
    entry = before.feeds[0].entries[0]
    assert (
        entry.id == entry.url == "https://example.org/sub/places/hillfoot/records/2025-04-01-kitchen-tables/"
    )
    assert after.feeds[0].entries[0].id == entry.id
    assert after.feeds[0].entries[0].title == "A new title"


def test_an_empty_theme_has_a_valid_empty_feed_dated_by_the_network(tmp_path: Path) -> None:
    tree = {
        **BASE_TREE,
        "themes.yml": "- id: relational-approaches\n  title: R\n- id: equalising-space\n  title: E\n- id: quiet\n  title: Quiet\n",
    }
    feeds = planner(tmp_path, tree)
    files = written(feeds.files())
    quiet = parsed(files["feeds/themes/quiet/atom.xml"])
    assert quiet.entries == [] and quiet.feed.updated == "2025-04-01T00:00:00Z"
    assert parsed(files["feeds/themes/quiet/rss.xml"]).entries == []
    assert check_json(files["feeds/themes/quiet/feed.json"])["items"] == []


def test_an_empty_network_still_has_valid_feeds(tmp_path: Path) -> None:
    tree = {"network.yml": "name: Empty\n", "themes.yml": "[]\n"}
    files = written(planner(tmp_path, tree).files())
    assert sorted(files) == ["feeds/atom.xml", "feeds/feed.json", "feeds/rss.xml", "feeds/sitemap.xml"]
    assert parsed(files["feeds/atom.xml"]).feed.updated == "2000-01-01T00:00:00Z"
    check_json(files["feeds/feed.json"])


def test_no_feed_for_a_place_the_build_does_not_publish(tmp_path: Path) -> None:
    tree = {
        **BASE_TREE,
        "places/hidden/place.yml": "name: Hidden\nvisibility: network\n",
        "places/hidden/records/2025-05-01-x.md": record(1, "Hidden record"),
    }
    public = written(planner(tmp_path / "a", tree).files())
    assert not [p for p in public if "hidden" in p]
    assert "Hidden" not in "".join(public.values())
    network = written(planner(tmp_path / "b", tree, "network").files())
    assert "feeds/places/hidden/atom.xml" in network
    assert "Hidden record" in network["feeds/atom.xml"]


def test_links_for_each_page(tmp_path: Path) -> None:
    feeds = planner(tmp_path, BASE_TREE)

    def hrefs(src_uri: str) -> list[str]:
        return [link.href.removeprefix(SITE) for link in feeds.links_for(src_uri)]

    network = ["feeds/atom.xml", "feeds/rss.xml", "feeds/feed.json"]
    assert hrefs("index.md") == network
    assert hrefs("about.md") == network
    place = [
        "feeds/places/north-quay/atom.xml",
        "feeds/places/north-quay/rss.xml",
        "feeds/places/north-quay/feed.json",
    ]
    assert hrefs("places/north-quay/index.md") == [*place, *network]
    assert hrefs("places/north-quay/records/2025-03-12-market-stall.md") == [*place, *network]
    assert hrefs("places/north-quay/posts/2025-06-01-a.md") == [*place, *network]
    assert hrefs("places/index.md") == network
    assert hrefs("places/nowhere/index.md") == network
    assert hrefs("themes/equalising-space.md")[:3] == [
        "feeds/themes/equalising-space/atom.xml",
        "feeds/themes/equalising-space/rss.xml",
        "feeds/themes/equalising-space/feed.json",
    ]
    assert hrefs("themes/index.md") == network
    kinds = [(link.type, link.title) for link in feeds.links_for("places/north-quay/index.md")[:3]]
    assert kinds == [
        ("application/atom+xml", "North Quay — Test Network (Atom)"),
        ("application/rss+xml", "North Quay — Test Network (RSS)"),
        ("application/feed+json", "North Quay — Test Network (JSON Feed)"),
    ]


def test_feeds_need_a_site_url(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="site_url"):
        planner(tmp_path, BASE_TREE, site_url="")
