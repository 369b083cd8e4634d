"""Part 6 (posts, blog, reports, feeds, sharing, printing) attacked as a hostile pull request would.

Tests that fail here are defects found by the review; the passing ones prove guarantees that held
under the same attacks. Each builds its own small tree with `mkdocs build`, as a contributor's CI
would.
"""

from __future__ import annotations

import json
import re
import shutil
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import feedparser
import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import Browser

from learnaloud.printing import printable_pages
from tests.helpers import BASE_TREE, Build, build_site, serving, write_tree


def post(title: str = "A post", date: str = "2025-06-01", extra: str = "", body: str = "Words.") -> str:
    """A post's (or record's) file, front matter then body, with nothing indented."""
    return f"---\ntitle: {title}\ndate: {date}\n{extra}\n---\n\n{body}\n"


def build(
    tmp_path: Path, extra: dict[str, str], *, drop: tuple[str, ...] = (), visibility: str | None = None
) -> Build:
    tree = {k: v for k, v in BASE_TREE.items() if not (drop and k.startswith(drop))}
    tree.update(extra)
    docs = write_tree(tmp_path / "content", tree)
    return build_site(
        docs, tmp_path / ("site" if visibility is None else f"site-{visibility}"), visibility=visibility
    )


def holding(build_: Build, needle: bytes) -> list[str]:
    return [path for path, data in build_.files().items() if needle in data]


# ------------------------------------------------------------------------------------------------
# Defects: bad input gets a clear error, never a crash blaming another page
# ------------------------------------------------------------------------------------------------


def test_a_post_dated_before_the_year_1000_is_built_or_named_in_a_clear_error(tmp_path: Path) -> None:
    """A post (or record) dated 0999-01-01 is a valid ISO date. The year in review and place
    reports format the year as '999' and parse it as a period (measures.year_headlines,
    place_headlines: `str(year)`), so the build dies at render time with "'999' is not a period"
    blaming year-in-review/999.md, a page nobody wrote."""
    result = build(tmp_path, {"posts/old.md": post("Very old", "0999-01-01")})
    assert "is not a period" not in result.output, result.output
    assert result.returncode == 0 or "posts/old.md:3" in result.output, result.output


@pytest.mark.parametrize("date", ["1969-12-31", "2205-04-01"])
def test_a_record_dated_before_1970_or_after_2106_is_built_or_named_in_a_clear_error(
    tmp_path: Path, date: str
) -> None:
    """content_epoch() stamps SOURCE_DATE_EPOCH from the newest record; MkDocs writes it into the
    gzip header of sitemap.xml.gz as an unsigned 32-bit number. A newest record before 1970, or a
    typo like 2205 for 2025, fails the whole build with "argument out of range" / "'L' format
    requires …", blamed on whichever record page was read last."""
    record = f"""
        ---
        title: A dated record
        date: {date}
        evidence: [story]
        ---

        Words.
    """
    result = build(
        tmp_path,
        {"places/north-quay/records/odd.md": record},
        drop=("places/north-quay/records/", "places/hillfoot/records/"),
    )
    assert "out of range" not in result.output and "format requires" not in result.output, result.output
    assert result.returncode == 0 or "places/north-quay/records/odd.md:3" in result.output, result.output


# ------------------------------------------------------------------------------------------------
# Defects: text the page does not show must not be published elsewhere
# ------------------------------------------------------------------------------------------------


def test_an_html_comment_in_a_body_never_reaches_a_description(tmp_path: Path) -> None:
    """The record page drops HTML comments (nh3), but a record without a summary gets its
    description from sharing.body_description → views.plain_text, whose TAG_LIKE regex ends a
    comment at its first '>': the rest of the comment lands in <meta name=description> and
    og:description. The same path serves theme descriptions."""
    record = """
        ---
        title: Market stall
        date: 2025-03-12
        evidence: [story]
        ---

        We met people <!-- coordinator note -> ring 07700 900123 > CANARYCOMMENT --> at the stall.
    """
    themes = """
        - id: relational-approaches
          title: Relational approaches
          description: "Building trust. <!-- draft -> CANARYTHEMECOMMENT -->"
        - id: equalising-space
          title: Equalising space
    """
    result = build(
        tmp_path, {"places/north-quay/records/2025-03-12-market-stall.md": record, "themes.yml": themes}
    )
    assert result.returncode == 0, result.output
    assert holding(result, b"CANARYCOMMENT") == []
    assert holding(result, b"CANARYTHEMECOMMENT") == []
    assert holding(result, b"07700") == []


def test_feeds_and_descriptions_hold_no_script_or_style_text_the_page_removes(tmp_path: Path) -> None:
    """feeds.excerpt keeps the text between <script>…</script> and <style>…</style> (markdown-it
    gives it as plain text between two html_inline tokens), and plain_text keeps it for a record's
    description: feed readers and link previews show words the page itself never shows."""
    body = "Hello <script>CANARYSCRIPT</script> and <style>CANARYSTYLE</style> end."
    record = f"""
        ---
        title: Market stall
        date: 2025-03-12
        evidence: [story]
        ---

        {body}
    """
    result = build(
        tmp_path,
        {
            "posts/no-summary.md": post("No summary", "2025-05-01", body=body),
            "places/north-quay/records/2025-03-12-market-stall.md": record,
        },
    )
    assert result.returncode == 0, result.output
    assert holding(result, b"CANARYSCRIPT") == []
    assert holding(result, b"CANARYSTYLE") == []


# Absolute links into a network-only place, spelled as a browser reads them.
WITHHELD_HREFS = [
    "https://example.org/network/places/secret/",  # exact site_url: unlinked today
    "HTTPS://example.org/network/places/secret/",
    "https://EXAMPLE.org/network/places/secret/",
    "http://example.org/network/places/secret/",
    "//example.org/network/places/secret/",
    "https://example.org:443/network/places/secret/",
    "https://example.org/network/places/%73ecret/",
]


@pytest.fixture(scope="module")
def linking_post(tmp_path_factory: pytest.TempPathFactory) -> BeautifulSoup:
    body = "\n\n".join(f"Link {i}: [words {i}]({href})" for i, href in enumerate(WITHHELD_HREFS))
    result = build(
        tmp_path_factory.mktemp("links"),
        {
            "places/secret/place.yml": "name: Secret\nvisibility: network\n",
            "places/secret/records/2025-01-01-hidden.md": post("Hidden", "2025-01-01", "evidence: [story]"),
            "posts/linking.md": post("Linking", "2025-02-01", body=body),
        },
    )
    assert result.returncode == 0, result.output
    return BeautifulSoup(result.page("posts/linking/"), "html.parser")


@pytest.mark.parametrize("href", WITHHELD_HREFS)
def test_an_absolute_link_to_a_withheld_place_is_unlinked_however_it_is_spelled(
    linking_post: BeautifulSoup, href: str
) -> None:
    """links.LinkGate.targets compares an absolute href with site_url by `startswith` (case,
    scheme, port, '//' and percent-encoding all matter), so these links to a network-only place
    stay live — and print.css writes every such address out on paper after the link's words."""
    kept = [a["href"] for a in linking_post.select(".la-body a[href]")]
    assert href not in kept


def test_make_pdf_prints_only_pages_the_site_marks_for_printing(tmp_path: Path) -> None:
    """printing.printable_pages greps each page's bytes for `data-la-print="…"`: a record whose
    text says data-la-print="guide" (Markdown leaves the quotes as they are) is printed by
    `make pdf` as if it were an activity guide."""
    record = """
        ---
        title: Market stall
        date: 2025-03-12
        evidence: [story]
        ---

        We wrote data-la-print="guide" on the wall.
    """
    result = build(tmp_path, {"places/north-quay/records/2025-03-12-market-stall.md": record})
    assert result.returncode == 0, result.output
    urls = {p.url for p in printable_pages(result.site)}
    assert "places/north-quay/records/2025-03-12-market-stall/" not in urls


def test_a_post_heading_cannot_take_the_ids_of_its_page(tmp_path: Path) -> None:
    """post.html and report.html give fixed ids to their own sections (`more`, `report-contents`)
    and label them with aria-labelledby; a contributor's `## More` heading gets the same id, so the
    page has duplicate ids and the "More from …" section takes its name from the contributor's
    heading."""
    result = build(
        tmp_path,
        {
            "posts/a.md": post("A", "2025-01-01", body="## More\n\nText."),
            "posts/b.md": post("B", "2025-01-02"),
            "posts/r.md": post(
                "R", "2025-01-03", "type: report", body="## Report contents\n\nx\n\n## More\n\ny"
            ),
        },
    )
    assert result.returncode == 0, result.output
    for url in ("posts/a/", "posts/r/"):
        ids = Counter(re.findall(r'\sid="([^"]+)"', result.page(url)))
        assert [i for i, n in ids.items() if n > 1] == [], url


# ------------------------------------------------------------------------------------------------
# Guarantees that held
# ------------------------------------------------------------------------------------------------

PRIVACY_TREE = {
    "places/secret/place.yml": "name: CANARYPLACE\nvisibility: network\nsummary: CANARYPLACESUMMARY\n",
    "places/secret/records/2019-05-05-hidden.md": """
        ---
        title: CANARYRECORD
        date: 2019-05-05
        evidence: [story]
        themes: [equalising-space]
        ---

        ## What are we learning through the work?

        CANARYANSWER
    """,
    "places/secret/posts/2018-01-01-secret.md": post(
        "CANARYSECRETPOST", "2018-01-01", "authors: [CANARYAUTHOR]\nthemes: [relational-approaches]"
    ),
    "places/secret/measures.yml": "participants:\n  2013-01: 777777\n",
    "places/north-quay/posts/2017-02-02-netonly.md": post(
        "CANARYNETPOST", "2017-02-02", "visibility: network\ntype: report\nthemes: [equalising-space]"
    ),
    "posts/2016-03-03-netonly.md": post("CANARYNETWORKPOST", "2016-03-03", "visibility: network"),
    "posts/2025-06-01-public.md": post(
        "Public post",
        "2025-06-01",
        "summary: A public summary.\nprivate:\n  note: CANARYPRIVATE",
        body="Public words.\n\n```learning-records\nplace: secret\n```\n\n```learning-chart\nmeasure: participants\nplaces: [secret]\n```",
    ),
    "tables/2016-hidden.yml": """
        title: CANARYTABLE
        date: 2016-06-06
        scope: place
        places: [north-quay]
        visibility: network
    """,
}


@pytest.fixture(scope="module")
def privacy_builds(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Build]:
    root = tmp_path_factory.mktemp("privacy6")
    builds = {
        "public": build(root, PRIVACY_TREE),
        "network": build(root, PRIVACY_TREE, visibility="network"),
    }
    for result in builds.values():
        assert result.returncode == 0, result.output
    return builds


@pytest.mark.parametrize(
    "canary",
    [
        "CANARYPLACE",
        "CANARYRECORD",
        "CANARYANSWER",
        "CANARYSECRETPOST",
        "CANARYAUTHOR",
        "CANARYNETPOST",
        "CANARYNETWORKPOST",
        "CANARYTABLE",
        "777777",
        "777,777",
        "CANARYPRIVATE",
    ],
)
def test_network_only_posts_places_and_tables_leave_no_trace_in_a_public_build(
    privacy_builds: dict[str, Build], canary: str
) -> None:
    assert holding(privacy_builds["public"], canary.encode()) == []


def test_private_values_reach_no_build_and_the_scan_would_see_a_leak(
    privacy_builds: dict[str, Build],
) -> None:
    assert holding(privacy_builds["network"], b"CANARYPRIVATE") == []
    assert holding(privacy_builds["network"], b"CANARYSECRETPOST") != []  # the canaries are findable


def test_years_with_only_network_items_get_no_public_archive_report_or_review(
    privacy_builds: dict[str, Build],
) -> None:
    public = privacy_builds["public"].files()
    network = privacy_builds["network"].files()
    for year in ("2013", "2016", "2017", "2018", "2019"):
        assert not [p for p in public if year in p and p.endswith(".html")], year
    assert "blog/2016/index.html" in network and "year-in-review/2019/index.html" in network
    blog = BeautifulSoup(privacy_builds["public"].page("blog/"), "html.parser")
    assert [a.get_text(" ", strip=True) for a in blog.select(".la-years a")] == ["All 1", "2025 1"]


def test_public_feeds_carry_only_public_entries(privacy_builds: dict[str, Build]) -> None:
    site = privacy_builds["public"].site
    assert not (site / "feeds/places/secret").exists()
    parsed = feedparser.parse((site / "feeds/atom.xml").read_bytes())
    assert not parsed.bozo
    assert {e.title for e in parsed.entries} == {
        "Public post",
        "Conversations at the Saturday market",
        "Kitchen table conversations",
        # the reports generated from them (feeds.FeedPlanner.report_entries)
        "2025: the year in review",
        "North Quay: learning report 2025",
        "Hillfoot: learning report 2025",
    }


@pytest.mark.parametrize(
    "path",
    [
        "blog.md",
        "blog/2025.md",
        "year-in-review/2025.md",
        "reports/index.md",
        "feeds/index.md",
        "places/north-quay/reports/2025.md",
        "questions/learning/2025.md",
        "questions/places/north-quay.md",
    ],
)
def test_a_page_at_a_generated_address_of_part_6_is_an_error(tmp_path: Path, path: str) -> None:
    result = build(tmp_path, {path: "# Mine\n", "posts/2025-06-01-pub.md": post("Pub")})
    assert result.returncode != 0 and f"{path}: this would take the place" in result.output, result.output
    assert not (tmp_path / "site").exists()


def test_a_yaml_alias_in_a_post_is_refused(tmp_path: Path) -> None:
    text = "---\nprivate:\n  n: &s CANARYALIAS\ntitle: T\nsummary: *s\ndate: 2025-01-01\n---\nx\n"
    result = build(tmp_path, {"posts/p.md": text})
    assert result.returncode != 0 and "posts/p.md:3: YAML anchors and aliases" in result.output, result.output


def test_the_blog_pages_count_only_published_posts(tmp_path: Path) -> None:
    posts = {f"posts/p{i:02d}.md": post(f"P{i}", f"2025-01-{i + 1:02d}") for i in range(21)}
    posts |= {
        f"places/hillfoot/posts/n{i:02d}.md": post(f"N{i}", "2025-02-01", "visibility: network")
        for i in range(15)
    }
    result = build(tmp_path, posts)
    assert result.returncode == 0, result.output
    assert not (result.site / "blog/page/4").exists() and not (result.site / "blog/page/1").exists()
    for url, shown, label in [("blog/", 10, "Page 1 of 3"), ("blog/page/3/", 1, "Page 3 of 3")]:
        soup = BeautifulSoup(result.page(url), "html.parser")
        assert len(soup.select(".la-post-card")) == shown
        assert soup.select_one(".la-pager .la-meta").get_text() == label


def test_feeds_stay_well_formed_with_hostile_network_licence_theme_and_authors(tmp_path: Path) -> None:
    hostile = "X ]]> <![CDATA[ </title> & &amp; \\x01 \\x0b \\u0085 \\u202e \\ud7ff \\ufffd"
    result = build(
        tmp_path,
        {
            "network.yml": f'name: "Net {hostile}"\ndescription: d\nlicense: "Lic {hostile}"\n',
            "themes.yml": f'- id: relational-approaches\n  title: "Theme {hostile}"\n'
            "- id: equalising-space\n  title: Equalising space\n",
            "posts/p.md": post(
                f'"Post {hostile}"',
                "2025-05-01",
                f'authors: ["Ann {hostile}"]\nthemes: [relational-approaches]',
                body=f"Body <!-- c --> {hostile.replace(chr(92), '')}",
            ),
        },
    )
    assert result.returncode == 0, result.output
    for path in sorted(result.site.glob("feeds/**/*.xml")):
        ET.fromstring(path.read_bytes())
        if path.name != "sitemap.xml":
            assert not feedparser.parse(path.read_bytes()).bozo, path
    for path in sorted(result.site.glob("feeds/**/feed.json")):
        json.loads(path.read_text(encoding="utf-8"))
    style = BeautifulSoup(result.page("posts/p/"), "html.parser").select_one("style[media=print]").get_text()
    assert "</" not in style and style.count('"') == 2


# ------------------------------------------------------------------------------------------------
# In real Chromium: nothing a contributor writes into Part 6's pages runs
# ------------------------------------------------------------------------------------------------


def mark(name: str) -> str:
    camel = "".join(part.capitalize() for part in name.split("-"))
    return f"document.documentElement.dataset.pwned{camel}=1"


HOSTILE6 = {
    "network.yml": f'name: "Net </style><script>{mark("net")}</script>\\"}} \\\\ "\n'
    f'description: d\nlicense: "<img src=x onerror={mark("licence")}>"\n',
    "posts/2025-05-05-hostile.md": post(
        f'"Post <img src=x onerror=\\"{mark("post-title")}\\"> &lt;script&gt;{mark("entity")}&lt;/script&gt;"',
        "2025-05-05",
        f'authors: ["<img src=x onerror=\\"{mark("author")}\\">", "</title><script>{mark("author-two")}</script>"]\n'
        f'summary: "<svg onload=\\"{mark("summary")}\\"> ]]> </description>"\n'
        "themes: [relational-approaches]",
        body=f'Body <img src=x onerror="{mark("body")}">',
    ),
    "places/north-quay/posts/2025-06-06-report.md": post(
        f'"Report <img src=x onerror=\\"{mark("report-title")}\\">"',
        "2025-06-06",
        f'type: report\nauthors: ["<b onmouseover=\\"{mark("report-author")}\\">x</b>"]\n'
        f'summary: "<script>{mark("report-summary")}</script>"',
        body=f'## Head <img src=x onerror="{mark("heading")}">\n\ntext\n\n'
        f'## &lt;img src=x onerror="{mark("heading-entity")}"&gt;\n\nmore',
    ),
    "toolkit/small.md": """
        ---
        title: Small
        summary: s
        stage: embodied
        duration: 30
        group_size: [2, 8]
        ---

        x
    """,
}

HOSTILE6_PAGES = [
    "",
    "blog/",
    "blog/2025/",
    "posts/2025-05-05-hostile/",
    "places/north-quay/posts/2025-06-06-report/",
    "places/north-quay/reports/2025/",
    "year-in-review/2025/",
    "reports/",
    "feeds/",
    "toolkit/?people=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E",
    "toolkit/?people=-99999999999999999999",
    "no-such/%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E",
    "no-such/%22%3E%3Csvg%20onload%3Dalert(1)%3E.html?q=%3Cscript%3E#%3Cimg%20src=x%20onerror=alert(1)%3E",
]


@pytest.fixture(scope="module")
def hostile6_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = tmp_path_factory.mktemp("hostile6")
    docs = write_tree(root / "content", {**BASE_TREE, **HOSTILE6})
    (root / "serve").mkdir()
    result = build_site(docs, root / "serve" / "network")
    assert result.returncode == 0, result.output
    shutil.copy(result.site / "404.html", root / "serve" / "404.html")
    with serving(root / "serve") as base:
        yield base + "network/"


@pytest.mark.browser
@pytest.mark.parametrize("path", HOSTILE6_PAGES)
def test_no_part_6_payload_runs_in_chromium(browser: Browser, hostile6_site: str, path: str) -> None:
    page = browser.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    try:
        page.goto(hostile6_site + path, wait_until="load")
        page.wait_for_timeout(300)
        for element in page.query_selector_all("article a, article button, article input, .la-credit a"):
            element.focus()
        page.emulate_media(media="print")
        pwned = page.evaluate(
            "Object.keys(document.documentElement.dataset).filter(k => k.startsWith('pwned'))"
        )
        assert pwned == [] and dialogs == [], (path, pwned, dialogs)
    finally:
        page.close()
