"""Behaviours that mutation testing found unpinned: each test below fails when the code it names is
broken on purpose. Real builds of small content trees, assertions on the parsed output."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag
from playwright.sync_api import Browser, Page, expect

from tests.helpers import (
    BASE_TREE,
    Build,
    article,
    assert_indexed_as_shown,
    build_both,
    build_site,
    serving,
    write_tree,
)

# -- a network whose items are network-only unless they say otherwise -----------------------------


def record(
    title: str,
    date: str,
    evidence: str,
    themes: str,
    *,
    loop: str = "",
    learned_from: str = "",
    activities: str = "",
    visibility: str = "",
    body: str = "Words.",
) -> str:
    fields = [
        f"title: {title}",
        f"date: {date}",
        f"evidence: [{evidence}]",
        f"themes: [{themes}]",
        f"loop: {loop}" if loop else "",
        f"learned_from: [{learned_from}]" if learned_from else "",
        f"activities: [{activities}]" if activities else "",
        f"visibility: {visibility}" if visibility else "",
    ]
    return "---\n" + "\n".join(f for f in fields if f) + "\n---\n\n" + body + "\n"


NQ_LATEST = "north-quay/2025-12-01-latest"
HF_FIVE = "hillfoot/2025-07-01-five-months"  # five months before the latest record
HF_SEVEN = "hillfoot/2025-05-01-seven-months"  # seven months before it
NQ_EARLY = "north-quay/2025-03-01-early"
NQ_SAME = "north-quay/2025-04-15-same-place"
HF_BORROWED = "hillfoot/2025-02-01-borrowed"
NQ_NETWORK = "north-quay/2025-11-01-network-note"  # says network
VALE = "secret-place/2025-10-01-inside"  # in a place that says nothing: network by default


def path_of(ref: str) -> str:
    place, name = ref.split("/")
    return f"places/{place}/records/{name}.md"


NETWORK_TREE: dict[str, str] = {
    "network.yml": """
        name: Test Network
        default_visibility: network
    """,
    "themes.yml": """
        - id: relational-approaches
          title: Relational approaches
        - id: equalising-space
          title: Equalising space
        - id: kitchens
          title: Kitchens
        - id: quiet-streets
          title: Quiet streets
        - id: never-used
          title: Never used
    """,
    "places/north-quay/place.yml": "name: North Quay\nvisibility: public\n",
    "places/hillfoot/place.yml": "name: Hillfoot\nvisibility: public\n",
    "places/secret-place/place.yml": "name: CANARY Vale\n",
    path_of(NQ_LATEST): record(
        "Latest at the quay",
        "2025-12-01",
        "story",
        "relational-approaches",
        loop="single",
        learned_from=f"{HF_FIVE}, {HF_SEVEN}",
        activities="kitchen-walk",
        body="## share\n\nWe told the council.",
    ),
    path_of(HF_FIVE): record(
        "Five months back",
        "2025-07-01",
        "story, feedback",
        "relational-approaches, equalising-space, kitchens",
        loop="double",
        learned_from=NQ_EARLY,
        activities="kitchen-walk, kitchen-walk",
        body="## What are we learning through the work?\n\nTea first.",
    ),
    path_of(HF_SEVEN): record(
        "Seven months back",
        "2025-05-01",
        "feedback",
        "quiet-streets",
        activities="kitchen-walk",
        body="## What patterns are we observing from the work?\n\nThe streets went quiet.",
    ),
    path_of(NQ_EARLY): record(
        "Early at the quay", "2025-03-01", "data", "equalising-space", activities="network-guide"
    ),
    path_of(NQ_SAME): record(
        "Same place again",
        "2025-04-15",
        "reflection",
        "relational-approaches",
        learned_from=f"{NQ_EARLY}, {NQ_NETWORK}",
    ),
    path_of(HF_BORROWED): record(
        "Borrowed at Hillfoot",
        "2025-02-01",
        "activity",
        "equalising-space",
        learned_from=f"{NQ_EARLY}, {NQ_NETWORK}, {VALE}",
    ),
    path_of(NQ_NETWORK): record(
        "CANARY network note",
        "2025-11-01",
        "setback",
        "equalising-space",
        learned_from=HF_SEVEN,
        activities="kitchen-walk",
        visibility="network",
    ),
    path_of(VALE): record(
        "CANARY inside the vale",
        "2025-10-01",
        "story",
        "equalising-space",
        learned_from=NQ_EARLY,
        activities="kitchen-walk",
    ),
    "tables/2025-08-public-national.yml": """
        title: Public national table
        date: 2025-08-01
        scope: national
        themes: [relational-approaches]
        hypotheses:
          - text: If we listen, then more people come.
            status: held
        visibility: public
    """,
    "tables/2025-09-network-national.yml": """
        title: CANARY national table
        date: 2025-09-01
        scope: national
        themes: [relational-approaches]
        hypotheses:
          - text: CANARY hypothesis held
            status: held
          - text: CANARY hypothesis dropped
            status: dropped
    """,
    "toolkit/kitchen-walk.md": """
        ---
        title: Kitchen walk
        summary: A walk between kitchens.
        stage: embodied
        duration: 30
        visibility: public
        ---

        Walk, then talk.
    """,
    "toolkit/big-table.md": """
        ---
        title: Big table
        summary: Everyone round one table.
        stage: integrated
        duration: 90
        related: [kitchen-walk]
        visibility: public
        ---

        Sit.
    """,
    "toolkit/network-guide.md": """
        ---
        title: CANARY network guide
        summary: Says nothing about visibility.
        stage: integrated
        duration: 60
        related: [kitchen-walk]
        ---

        CANARY steps.
    """,
}
PUBLIC_TITLES = {
    "Latest at the quay",
    "Five months back",
    "Seven months back",
    "Early at the quay",
    "Same place again",
    "Borrowed at Hillfoot",
}


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Build]:
    return build_both(tmp_path_factory.mktemp("survivors"), NETWORK_TREE)


def words(element: Tag) -> str:
    return " ".join(element.get_text(" ").split())


def texts(page: Tag, selector: str) -> list[str]:
    return [words(element) for element in page.select(selector)]


# -- default_visibility: network reaches items that have no place ------------------------------


def test_default_network_visibility_keeps_placeless_tables_and_guides_out_of_a_public_build(
    builds: dict[str, Build],
) -> None:
    public, network = builds["public"], builds["network"]
    leaks = [
        path
        for path, data in public.files().items()
        if b"CANARY" in data or b"network-national" in data or b"network-guide" in data
    ]
    assert leaks == [], "no page, search entry, sitemap entry or index holds them"
    assert not (public.site / "tables" / "2025-09-network-national").exists()
    assert not (public.site / "toolkit" / "network-guide").exists()

    # No count: tables, hypotheses, guides.
    assert texts(article(public, "tables"), ".la-card__title") == ["Public national table"]
    assert texts(article(public, "tables"), ".la-stats span") == ["Hypotheses:", "1 held"]
    home = article(public, "")
    assert texts(home, "#la-sense-making ~ ul.la-cards .la-card__title") == ["Public national table"]
    assert "has 2 activities ready to run" in words(home.select_one(".la-callout"))
    assert len(article(public, "toolkit").select("[data-item]")) == 2
    assert len(json.loads((public.site / "toolkit" / "guides.json").read_text())["items"]) == 2
    # No link: the public record that names the guide, the guide it names, the theme's tables.
    early = article(public, "places/north-quay/records/2025-03-01-early")
    assert "Activities used" not in early.get_text()
    assert texts(article(public, "toolkit/kitchen-walk"), "#la-related + ul a") == ["Big table"]
    theme = article(public, "themes/relational-approaches")
    assert texts(theme, ".la-theme-tables h3 a") == ["Public national table"]

    # The network build publishes both, with their links and counts.
    assert (network.site / "tables" / "2025-09-network-national" / "index.html").is_file()
    assert article(network, "toolkit/network-guide").h1.get_text(strip=True) == "CANARY network guide"
    assert texts(article(network, "tables"), ".la-card__title") == [
        "CANARY national table",
        "Public national table",
    ]
    assert texts(article(network, "tables"), ".la-stats span") == ["Hypotheses:", "2 held", "1 dropped"]
    assert "has 3 activities ready to run" in words(article(network, "").select_one(".la-callout"))
    assert len(article(network, "toolkit").select("[data-item]")) == 3
    early = article(network, "places/north-quay/records/2025-03-01-early")
    assert texts(early, "dt:-soup-contains('Activities used') + dd a") == ["CANARY network guide"]
    assert texts(article(network, "toolkit/kitchen-walk"), "#la-related + ul a") == [
        "Big table",
        "CANARY network guide",
    ]
    assert "links the activity 'network-guide', which this build does not publish" in public.output


# -- the themes index: how many places wrote on each theme -------------------------------------


def theme_cards(build: Build) -> dict[str, tuple[int, int]]:
    """Theme title → (records, places) as the themes index shows them."""
    cards = {}
    for card in article(build, "themes").select("ul.la-cards > li"):
        records, places = (int(s.get_text()) for s in card.select(".la-card__facts strong"))
        cards[card.h2.get_text(strip=True)] = (records, places)
    return cards


def test_themes_index_counts_the_distinct_published_places_of_each_theme(builds: dict[str, Build]) -> None:
    assert theme_cards(builds["public"]) == {
        "Relational approaches": (3, 2),  # two records from North Quay, one from Hillfoot
        "Equalising space": (3, 2),  # the network note and the network-only place's record left out
        "Kitchens": (1, 1),
        "Quiet streets": (1, 1),
        "Never used": (0, 0),
    }
    assert theme_cards(builds["network"])["Equalising space"] == (5, 3)
    facts = article(builds["public"], "themes").select_one("ul.la-cards > li .la-card__facts")
    assert facts.get_text(" ", strip=True) == "3 records from 2 places"


# -- the home page's travel figure --------------------------------------------------------------


def travel_figure(build: Build) -> int:
    stats = article(build, "").select("p.la-stats a")
    link = next(a for a in stats if "times learning travelled" in a.get_text())
    return int(link.strong.get_text())


def test_home_counts_each_published_learned_from_link_between_two_places(builds: dict[str, Build]) -> None:
    # Public: the latest record learned from two Hillfoot records, "five months back" from North
    # Quay, "borrowed" from North Quay (its links to network-only records are gone). A link within
    # one place is not travel. Four links, along two pairs of places.
    assert travel_figure(builds["public"]) == 4
    # Network: also the note → Hillfoot, the vale → North Quay, and "borrowed" → the note and the vale.
    assert travel_figure(builds["network"]) == 8


# -- a guide's "used in N places" ---------------------------------------------------------------


def test_a_guide_counts_the_distinct_published_places_that_used_it(builds: dict[str, Build]) -> None:
    public = article(builds["public"], "toolkit/kitchen-walk")
    used = public.select_one(".la-used")
    assert "Named in 3 learning records, in 2 places." in used.get_text(" ", strip=True)
    assert texts(used, "h3") == ["Hillfoot", "North Quay"]
    cards = {
        li.h3.get_text(strip=True): li.select_one(".la-card__facts").get_text(" ", strip=True)
        for li in article(builds["public"], "toolkit").select("[data-item]")
    }
    assert cards["Kitchen walk"].endswith("used in 2 places")
    assert "used in" not in cards["Big table"]
    network = article(builds["network"], "toolkit/kitchen-walk").select_one(".la-used")
    assert "Named in 5 learning records, in 3 places." in network.get_text(" ", strip=True)
    assert texts(network, "h3") == ["CANARY Vale", "Hillfoot", "North Quay"]


# -- the health page's six-month window ---------------------------------------------------------


def health_rows(build: Build) -> dict[str, tuple[str, str, list[str]]]:
    """Place → (latest record, records lately, the questions not answered lately)."""
    rows = {}
    for tr in article(build, "health").select("table.la-health tbody tr"):
        latest, recent, unanswered = tr.select("td")
        rows[words(tr.th)] = (words(latest), words(recent), texts(unanswered, "a"))
    return rows


def test_health_looks_back_six_months_from_the_latest_record(builds: dict[str, Build]) -> None:
    assert not (builds["public"].site / "health").exists()
    page = article(builds["network"], "health")
    assert "1 December 2025" in page.select_one(".la-lead").get_text()
    rows = health_rows(builds["network"])
    # Hillfoot answered "learning" five months before the latest record (counts) and "patterns"
    # seven months before (does not).
    latest, recent, unanswered = rows["Hillfoot"]
    assert (latest, recent) == ("1 July 2025", "1")
    assert unanswered == [
        "What patterns are we observing from the work?",
        "How can we adapt and grow from what we've learned, and what do we need to do so?",
        "How do we share and amplify our learning to create impact?",
    ]
    assert rows["North Quay"] == (
        "1 December 2025",
        "2",
        [
            "What are we learning through the work?",
            "What patterns are we observing from the work?",
            "How can we adapt and grow from what we've learned, and what do we need to do so?",
        ],
    )
    assert rows["CANARY Vale"][1] == "1"
    quiet = page.select_one("#quiet-themes").find_next_sibling("ul")
    # "Kitchens" was last written on five months before: not quiet. "Quiet streets", seven: quiet.
    assert texts(quiet, "li") == ["Never used — never", "Quiet streets — last on 1 May 2025"]


# -- unsafe HTML in table and guide fields ------------------------------------------------------

MARKET = "places/north-quay/records/2025-03-12-market-stall.md"
HOSTILE_TREE = {
    **BASE_TREE,
    MARKET: BASE_TREE[MARKET].replace("loop: single", "loop: single\n        activities: [hostile-guide]"),
    "tables/2025-05-hostile.yml": """
        title: "</title><script>alert('table-title')</script><img src=x onerror=alert('table-title-img')>Hostile table"
        date: 2025-05-01
        scope: across-places
        places: [north-quay, hillfoot]
        question: "<script>alert('question')</script><img src=x onerror=alert('question-img')>What happened?"
        themes: [relational-approaches]
        ground_truth:
          - text: |
              <script>alert('ground-truth')</script>

              <img src="x" onerror="alert('ground-truth-img')">

              [a script link](javascript:alert('ground-truth-link')) and *plain* words
            evidence: [north-quay/2025-03-12-market-stall]
        insights:
          - text: |
              <a href="javascript:alert('insight')">why</a> <b onmouseover="alert('insight-b')">bold insight</b>
        hypotheses:
          - text: |
              <iframe src="javascript:alert('hypothesis')"></iframe>If we <em>listen</em>, then more come.
            status: open
        opportunities:
          - text: |
              <svg><script>alert('opportunity')</script></svg>[next](JaVa&#9;ScRiPt:alert('opportunity-link'))
              <form action="javascript:alert('form')"><button formaction="javascript:alert('button')">go</button></form>
    """,
    "tables/2025-06-follows.yml": """
        title: A table that picks up the hostile one
        date: 2025-06-01
        scope: national
        follows: 2025-05-hostile
    """,
    "toolkit/hostile-guide.md": """
        ---
        title: "</title><script>alert('guide-title')</script><img src=x onerror=alert('guide-title-img')>Hostile guide"
        summary: "<img src=x onerror=alert('guide-summary')>A summary <script>alert('guide-summary-script')</script>"
        stage: embodied
        duration: 20
        materials: ["<script>alert('material')</script>Pens", "<a href='javascript:alert(1)' onclick=alert('material-a')>Paper</a>"]
        ---

        <script>alert('guide-body')</script>

        [run it](javascript:alert('guide-link'))

        <img src="x" onerror="alert('guide-img')">

        <details ontoggle="alert('guide-details')" open><summary>More</summary>The steps.</details>

        <a href="  javascript:alert('guide-spaced')">spaced</a>
    """,
    "toolkit/friend.md": """
        ---
        title: A friendly guide
        summary: Names the hostile one.
        stage: integrated
        duration: 30
        related: [hostile-guide]
        ---
    """,
    "session.md": """
        # Our session

        ```learning-table
        table: 2025-05-hostile
        ```
    """,
}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "xlink:href", "poster", "background"}
# Browsers ignore ASCII whitespace and control characters around and inside a URL's scheme.
IGNORED_IN_URLS = re.compile(r"[\x00-\x20]+")


def dangers(html: str) -> list[str]:
    """Everything in parsed HTML that could run: our payload in a script, frames, embeds, event
    handlers, script URLs."""
    found = []
    for element in BeautifulSoup(html, "html.parser").find_all(True):
        if element.name in ("iframe", "frame", "object", "embed") or (
            element.name == "script" and "alert" in element.get_text()
        ):
            found.append(str(element)[:80])
        for name, value in element.attrs.items():
            text = " ".join(value) if isinstance(value, list) else str(value)
            scheme = IGNORED_IN_URLS.sub("", text).lower()
            if name.lower().startswith("on") or (
                name.lower() in URL_ATTRIBUTES and scheme.startswith(("javascript:", "vbscript:", "data:"))
            ):
                found.append(f"<{element.name} {name}={text[:40]}>")
    return found


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Build:
    root: Path = tmp_path_factory.mktemp("hostile-fields")
    build = build_site(write_tree(root / "content", HOSTILE_TREE), root / "site")
    assert build.returncode == 0, build.output
    return build


def test_unsafe_html_in_table_and_guide_fields_never_reaches_a_page(hostile: Build) -> None:
    pages = {path: data.decode() for path, data in hostile.files().items() if path.endswith(".html")}
    for url in (
        "tables/2025-05-hostile/index.html",
        "tables/2025-06-follows/index.html",  # shows the hostile table's hypotheses and opportunities
        "tables/index.html",
        "index.html",
        "places/north-quay/index.html",
        "themes/relational-approaches/index.html",
        "session/index.html",
        "toolkit/hostile-guide/index.html",
        "toolkit/friend/index.html",
        "toolkit/index.html",
        "places/north-quay/records/2025-03-12-market-stall/index.html",
    ):
        assert "Hostile" in pages[url], f"{url} does not show the hostile item, so proves nothing"
    assert {path: dangers(html) for path, html in pages.items() if dangers(html)} == {}


def test_hostile_table_and_guide_fields_are_shown_as_text(hostile: Build) -> None:
    table = article(hostile, "tables/2025-05-hostile")
    assert words(table.h1).endswith("Hostile table")
    assert texts(table, ".la-el__question p")[0].endswith("What happened?")
    truth = table.select_one(".la-el__back li")
    assert truth.select_one("em").get_text() == "plain", "the entry's Markdown is still rendered"
    assert "a script link" in words(truth)
    earlier = article(hostile, "tables/2025-06-follows").select_one(".la-earlier")
    assert earlier.select_one("li em").get_text() == "listen", "what the hostile table expected is shown"
    guide = article(hostile, "toolkit/hostile-guide")
    assert words(guide.h1).endswith("Hostile guide")
    assert "A summary" in words(guide.select_one(".la-lead"))
    materials = words(guide.select_one("ul.la-checklist"))
    assert "Pens" in materials and "Paper" in materials
    assert "The steps." in words(guide.select_one(".la-body"))
    record = article(hostile, "places/north-quay/records/2025-03-12-market-stall")
    assert texts(record, "dt:-soup-contains('Activities used') + dd a")[0].endswith("Hostile guide")


def test_hostile_table_and_guide_fields_are_text_in_the_search_index(hostile: Build) -> None:
    docs = [
        d for d in hostile.search_index() if d["location"].startswith(("tables/2025-05", "toolkit/hostile"))
    ]
    assert docs, "the hostile items are in the search index"
    for doc in docs:
        assert_indexed_as_shown(hostile, doc)


# -- refused files, and the exact line of a bad item in a block list: one failed build reports all --

SVG = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">{}</svg>'
RECORDS = "places/north-quay/records/"
BROKEN_TREE = {
    **BASE_TREE,
    "images/animate-href.svg": SVG.format(
        '<a><animate attributeName="href" to="javascript:alert(1)"/><text>x</text></a>'
    ),
    "images/animate-xlink.svg": SVG.format(
        '<a><animate attributeName="xlink:href" to="javascript:alert(2)"/><text>x</text></a>'
    ),
    "images/set-href.svg": SVG.format(
        '<a><set attributeName="href" to="javascript:alert(3)"/><text>x</text></a>'
    ),
    "images/logo.SVG": SVG.format("<script>alert(4)</script>"),  # checked whatever the ending's case
    "widget.HTML": "<script>alert(5)</script>",
    RECORDS + "2025-01-02-block-evidence.md": """
        ---
        title: Evidence as a block list
        date: 2025-01-02
        evidence:
          - story
          - feedback
          - stroy
        ---
    """,
    RECORDS + "2025-01-03-block-lists.md": """
        ---
        title: Themes, links and activities as block lists
        date: 2025-01-03
        evidence: [story]
        themes:
          - relational-approaches
          - equalising-space
          - nosuch
        learned_from:
          - hillfoot/2025-04-01-kitchen-tables
          - hillfoot/2025-04-01-kitchen-table
        activities:
          - nosuch-activity
        ---
    """,
    "tables/2025-06-block-references.yml": """
        title: Ground truth as block lists
        date: 2025-06-01
        scope: national
        themes:
          - relational-approaches
          - nosuch-theme
        ground_truth:
          - text: First
          - text: Second
            evidence:
              - north-quay/2025-03-12-market-stall
              - north-quay/2025-03-12-market-stal
    """,
    "tables/2025-06-block-invalid.yml": """
        title: Entries that are not right
        date: 2025-06-02
        scope: national
        ground_truth:
          - text: Fine
          - evidence:
              - north-quay/2025-03-12-market-stall
        hypotheses:
          - text: If we listen, then more come.
            status: open
          - text: If we stop, nothing changes.
            status: maybe
    """,
}
EXPECTED_ERRORS = [
    ("images/animate-href.svg", 0, "this SVG animates a link into place"),
    ("images/animate-xlink.svg", 0, "this SVG animates a link into place"),
    ("images/logo.SVG", 0, "this SVG contains a script"),
    ("images/set-href.svg", 0, "this SVG animates a link into place"),
    (RECORDS + "2025-01-02-block-evidence.md", 7, "'stroy' is not a valid evidence"),
    (RECORDS + "2025-01-03-block-lists.md", 8, "there is no theme 'nosuch'"),
    (RECORDS + "2025-01-03-block-lists.md", 11, "there is no record 'hillfoot/2025-04-01-kitchen-table'"),
    (RECORDS + "2025-01-03-block-lists.md", 13, "there is no activity 'nosuch-activity'"),
    ("tables/2025-06-block-invalid.yml", 6, "'text' is missing"),
    ("tables/2025-06-block-invalid.yml", 12, "'maybe' is not a valid status"),
    ("tables/2025-06-block-references.yml", 6, "there is no theme 'nosuch-theme'"),
    ("tables/2025-06-block-references.yml", 12, "there is no record 'north-quay/2025-03-12-market-stal'"),
    ("widget.HTML", 0, "cannot be published"),
]
LINE = re.compile(r"^(?P<path>[^\s:][^:]*?)(?::(?P<line>\d+))?: (?P<message>.+) — (?P<hint>.+)$")


@pytest.fixture(scope="module")
def broken(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[str, int, str]]:
    root: Path = tmp_path_factory.mktemp("broken")
    build = build_site(write_tree(root / "content", BROKEN_TREE), root / "site")
    assert build.returncode != 0
    assert not (root / "site").exists()
    reported = []
    for line in build.output.splitlines():
        match = LINE.match(line.strip())
        if match:
            reported.append((match["path"], int(match["line"] or 0), match["message"]))
    return reported


def check_reported(broken: list[tuple[str, int, str]], paths: tuple[str, ...]) -> None:
    """The build reported exactly the expected errors for these paths, at the expected lines."""
    expected = [e for e in EXPECTED_ERRORS if e[0].startswith(paths)]
    found = [r for r in broken if r[0].startswith(paths)]
    assert [(path, line) for path, line, _ in found] == [(path, line) for path, line, _ in expected], found
    for (_, _, message), (_, _, said) in zip(expected, found, strict=True):
        assert message in said, said


def test_an_svg_that_animates_a_script_url_into_a_link_is_refused_naming_it(
    broken: list[tuple[str, int, str]],
) -> None:
    check_reported(broken, ("images/",))


def test_a_code_file_with_an_upper_case_ending_is_refused_naming_it(
    broken: list[tuple[str, int, str]],
) -> None:
    check_reported(broken, ("widget.",))


def test_a_code_file_with_an_upper_case_ending_is_published_where_allowed_by_path(tmp_path: Path) -> None:
    docs = write_tree(tmp_path / "content", {**BASE_TREE, "widgets/widget.HTML": "<p>map</p>"})
    build = build_site(docs, tmp_path / "site", options="      allow_files: ['widgets/widget.HTML']")
    assert build.returncode == 0, build.output
    assert (build.site / "widgets" / "widget.HTML").read_text() == "<p>map</p>"


def test_errors_in_block_lists_name_the_line_of_the_bad_item(broken: list[tuple[str, int, str]]) -> None:
    check_reported(broken, (RECORDS, "tables/"))


# -- the explorer: any-of or all-of within a facet, all facets together ------------------------

FACET_RULES = [
    ("place", False),
    ("theme", True),
    ("question", True),
    ("evidence", True),
    ("loop", False),
    ("year", False),
]


def test_explorer_index_says_which_facets_need_all_ticked_values(builds: dict[str, Build]) -> None:
    build = builds["public"]
    index = json.loads((build.site / "explore" / "records.json").read_text())
    assert [(key, all_of) for key, _, all_of in index["facets"]] == FACET_RULES
    page = article(build, "explore")
    marked = [
        f["data-facet"] for f in page.select("fieldset[data-facet]") if "(all you tick)" in f.legend.text
    ]
    assert marked == [key for key, all_of in FACET_RULES if all_of]
    # Each row of the index is the record at the same position on the page.
    titles = texts(page, ".la-explorer__results [data-item] .la-record__title")
    assert len(titles) == len(index["items"]) and set(titles) == PUBLIC_TITLES
    rows = {
        title: {key: {values[i] for i in row[k]} for k, (key, values, _) in enumerate(index["facets"])}
        for title, row in zip(titles, index["items"], strict=True)
    }
    assert rows["Five months back"] == {
        "place": {"hillfoot"},
        "theme": {"relational-approaches", "equalising-space", "kitchens"},
        "question": {"learning"},
        "evidence": {"story", "feedback"},
        "loop": {"double"},
        "year": {"2025"},
    }
    assert rows["Latest at the quay"]["question"] == {"share"}
    assert rows["Same place again"]["loop"] == set()


@pytest.fixture(scope="module")
def explorer(builds: dict[str, Build], browser: Browser) -> Iterator[tuple[Page, str]]:
    """A Chromium page, and the address of the public build's explorer served over HTTP."""
    with serving(builds["public"].site) as url:
        page = browser.new_page()
        yield page, f"{url}explore/"
        page.close()


def counts(page: Page, facet: str) -> dict[str | None, str]:
    """Each option of a facet, by value, with the count the explorer shows beside it."""
    return {
        item.get_attribute("data-value"): item.locator(".la-count").inner_text()
        for item in page.locator(f"fieldset[data-facet='{facet}'] li[data-value]").all()
    }


@pytest.mark.browser
@pytest.mark.parametrize(
    ("query", "shown"),
    [
        # Within a facet of things a record has several of (themes, questions, evidence): all ticked.
        ("theme=relational-approaches,equalising-space", {"Five months back"}),
        ("evidence=story,feedback", {"Five months back"}),
        ("question=learning,share", set()),
        # Within a facet of which a record has one (place, loop, year): any ticked.
        ("place=north-quay,hillfoot", PUBLIC_TITLES),
        ("loop=single,double", {"Latest at the quay", "Five months back"}),
        # Across facets: every facet at once.
        ("place=hillfoot&theme=equalising-space", {"Five months back", "Borrowed at Hillfoot"}),
        ("evidence=feedback&loop=double", {"Five months back"}),
    ],
)
def test_explorer_filters_combine_as_the_index_says(
    explorer: tuple[Page, str], query: str, shown: set[str]
) -> None:
    page, url = explorer
    page.goto(f"{url}?{query}", wait_until="load")
    expect(page.locator(".la-explorer__status")).to_have_text(f"{len(shown)} of 6 records match")
    visible = page.locator(".la-explorer__results li.la-record:visible .la-record__title")
    assert set(visible.all_inner_texts()) == shown


@pytest.mark.browser
def test_explorer_counts_say_what_ticking_each_choice_would_leave(explorer: tuple[Page, str]) -> None:
    page, url = explorer
    page.goto(f"{url}?theme=relational-approaches", wait_until="load")
    expect(page.locator(".la-explorer__status")).to_have_text("3 of 6 records match")
    # Ticking a second theme keeps only the records with both.
    assert counts(page, "theme") == {
        "equalising-space": "1",
        "kitchens": "1",
        "never-used": "0",
        "quiet-streets": "0",
        "relational-approaches": "3",
    }
    # A place is counted within the themes ticked.
    assert counts(page, "place") == {"hillfoot": "1", "north-quay": "2"}
