"""Learning across places: questions, patterns, travel, the explorer, health and live blocks, in a
public and a network build. A network-only record shows in none of the public ones, counts included."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from learnaloud.core.links import normal
from tests.helpers import BASE_TREE, Build, article, build_both, build_site
from tests.test_bench import load_bench

SECRET = "places/hillfoot/records/2025-05-05-canary-secret.md"
TREE = {
    **BASE_TREE,
    SECRET: """
        ---
        title: CANARY secret record
        date: 2025-05-05
        evidence: [setback]
        themes: [equalising-space]
        loop: triple
        learned_from: [north-quay/2025-03-12-market-stall]
        visibility: network
        ---

        ## What patterns are we observing from the work?

        CANARYANSWER only the network sees.
    """,
    "places/north-quay/records/2025-06-01-near-miss.md": """
        ---
        title: A heading that almost names a question
        date: 2025-06-01
        evidence: [reflection]
        themes: [relational-approaches]
        ---

        Some words.

        ## What are we learning from the work

        An answer that will not be gathered until the heading is fixed.

        ## how do we share & amplify our learning to create impact

        Case and punctuation aside, this one matches.
    """,
    "hillfoot-list.md": """
        # Hillfoot's learning

        ```learning-records
        place: hillfoot
        limit: 5
        ```
    """,
}


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Build]:
    return build_both(tmp_path_factory.mktemp("across"), TREE)


def cell(build: Build, url: str, row: str, column: str) -> str:
    """The text of a matrix cell, by its row and column headings."""
    table = article(build, url).select_one("table.la-matrix")
    assert table is not None
    columns = [th.get_text(strip=True) for th in table.select("thead th")]
    for tr in table.select("tbody tr"):
        if tr.th is not None and tr.th.get_text(strip=True) == row:
            return tr.find_all(["th", "td"])[columns.index(column)].get_text(" ", strip=True)
    raise AssertionError(f"no row {row!r}")


def test_a_network_only_record_leaves_no_trace_in_a_public_build(builds: dict[str, Build]) -> None:
    public = builds["public"]
    leaks = [p for p, data in public.files().items() if b"canary-secret" in data or b"CANARY" in data]
    assert leaks == []
    network = builds["network"]
    assert [p for p, data in network.files().items() if b"CANARYANSWER" in data]


def test_each_question_gathers_the_answers_by_place(builds: dict[str, Build]) -> None:
    page = article(builds["public"], "questions/learning")
    assert page.h1 is not None and page.h1.get_text(strip=True) == "What are we learning through the work?"
    # Newest year first, then by place (tests/glue/test_reading_across_years.py has the rest).
    groups = [h.get_text(" ", strip=True) for h in page.select(".la-qgroup :is(h2, h3)[id]")]
    assert groups == ["2025 1 answer", "North Quay 1"]
    answer = page.select_one(".la-answer")
    assert answer is not None
    assert "People stop for tea" in answer.get_text()
    assert (
        answer.select_one(".la-answer__title a")["href"]
        == "../../places/north-quay/records/2025-03-12-market-stall/"
    )
    share = article(builds["public"], "questions/share").get_text()
    assert "Case and punctuation aside" in share, "a heading matches ignoring case and punctuation"


def test_a_network_only_answer_is_gathered_only_in_a_network_build(builds: dict[str, Build]) -> None:
    public = article(builds["public"], "questions/patterns")
    assert public.select(".la-answer") == []
    assert "No published record answers this question yet" in public.get_text()
    network = article(builds["network"], "questions/patterns")
    assert "CANARYANSWER" in network.get_text()
    assert (
        cell(builds["public"], "questions", "What patterns are we observing from the work?", "Hillfoot")
        == "\u2013"
    )
    assert cell(
        builds["network"], "questions", "What patterns are we observing from the work?", "Hillfoot"
    ).startswith("1 latest 5 May 2025")


def test_a_heading_that_almost_names_a_question_is_a_warning_with_file_and_line(
    builds: dict[str, Build],
) -> None:
    assert (
        "places/north-quay/records/2025-06-01-near-miss.md:10: the heading 'What are we learning from the work' "
        "is close to the key question 'What are we learning through the work?'" in builds["public"].output
    )


def test_patterns_matrix_counts_link_to_exactly_those_records(builds: dict[str, Build]) -> None:
    assert cell(builds["public"], "patterns", "Hillfoot", "Equalising space") == "1"
    assert cell(builds["network"], "patterns", "Hillfoot", "Equalising space") == "2"
    link = article(builds["public"], "patterns").select_one(
        "td a[href='../themes/equalising-space/#hillfoot']"
    )
    assert link is not None
    theme = article(builds["public"], "themes/equalising-space")
    group = theme.select_one("h2#hillfoot").find_next_sibling("ul")
    assert [a.get_text(strip=True) for a in group.select(".la-record__title a")] == [
        "Kitchen table conversations"
    ]


def test_theme_page_shows_timeline_companions_and_mixes(builds: dict[str, Build]) -> None:
    theme = article(builds["public"], "themes/relational-approaches")
    timeline = theme.select_one(".la-patterns table.la-matrix")
    assert [th.get_text(strip=True) for th in timeline.select("thead th")][1:] == ["2025-Q1", "2025-Q2"]
    together = [a.get_text(" ", strip=True) for a in theme.select(".la-patterns ul[aria-label^='Themes'] a")]
    assert together == ["Equalising space 1"]
    evidence = {
        a.get_text(" ", strip=True): a["href"]
        for a in theme.select(".la-patterns ul[aria-label^='Evidence'] a")
    }
    assert evidence["Story 1"] == "../../explore/?evidence=story&theme=relational-approaches"


def test_evidence_and_loop_facet_pages(builds: dict[str, Build]) -> None:
    assert "No published record is filed here yet" in article(builds["public"], "evidence/setback").get_text()
    assert "CANARY secret record" in article(builds["network"], "evidence/setback").get_text()
    loop = article(builds["public"], "loops/double")
    assert "Are we doing the right things?" in loop.get_text()
    assert [a.get_text(strip=True) for a in loop.select("h2#hillfoot + ul.la-compact > li > a")] == [
        "Kitchen table conversations"
    ]


def test_travel_diagram_and_its_words_agree(builds: dict[str, Build]) -> None:
    for name, count in (("public", "1 record"), ("network", "2 records")):
        page = article(builds[name], "travel")
        svg = page.select_one("svg[role='img']")
        assert svg is not None and svg.title is not None
        assert len(svg.select("path.la-travel__flow")) == 1
        flows = [li.p.get_text(" ", strip=True) for li in page.select("ul.la-flows > li")]
        assert flows == [f"Hillfoot learned from North Quay ({count})"]
    place = article(builds["public"], "places/north-quay")
    assert [a.get_text(" ", strip=True) for a in place.select("ul[aria-label^='Places that learned'] a")] == [
        "Hillfoot 1"
    ]


def test_explorer_lists_every_record_and_indexes_the_same(builds: dict[str, Build]) -> None:
    for name, expected in (("public", 3), ("network", 4)):
        build = builds[name]
        index = json.loads((build.site / "explore" / "records.json").read_text())
        items = article(build, "explore").select(".la-explorer__results li.la-record")
        assert len(items) == len(index["items"]) == expected
        keys = [facet[0] for facet in index["facets"]]
        assert keys == ["place", "theme", "question", "evidence", "loop", "year"]
    public = article(builds["public"], "explore")
    counts = {
        li["data-value"]: li.select_one(".la-count").get_text()
        for li in public.select("fieldset[data-facet='loop'] li")
    }
    assert counts == {"single": "1", "double": "1", "triple": "0"}


def test_a_long_explorer_is_paged_and_every_page_is_found(tmp_path: Path) -> None:
    """More records than a page holds: explore/, explore/page/2/, …, each linking its neighbours;
    together every record once, newest first; the index names the pages; a year's link goes to the
    page where its records start; search and the nav know only the first page."""
    bench = load_bench()
    bench.write_learnaloud_content(bench.make_network(140), tmp_path / "content")
    build = build_site(tmp_path / "content", tmp_path / "site")
    assert build.returncode == 0, build.output
    index = json.loads((build.site / "explore" / "records.json").read_text())
    urls, size = index["pages"]["urls"], index["pages"]["size"]
    assert urls == ["explore/"] + [f"explore/page/{n}/" for n in range(2, len(urls) + 1)]
    assert len(urls) == -(-len(index["items"]) // size) > 2
    seen: list[str] = []
    for number, url in enumerate(urls, start=1):
        page = BeautifulSoup(build.page(url), "html.parser")
        assert page.title is not None and page.title.get_text().startswith(
            "Explore" if number == 1 else f"Explore, page {number}"
        )
        assert page.select_one(".la-explorer")["data-page"] == str(number)  # type: ignore[index]
        links = [a["href"] for a in page.select(".la-explorer__results li.la-record h3 a")]
        assert len(links) == (size if number < len(urls) else len(index["items"]) - size * (number - 1))
        seen += [normal(url + str(href)) for href in links]
        pager = {a["rel"][0]: normal(url + str(a["href"])) for a in page.select(".la-pager a")}
        assert pager == {
            **({"prev": normal(urls[number - 2])} if number > 1 else {}),
            **({"next": normal(urls[number])} if number < len(urls) else {}),
        }
    assert len(set(seen)) == len(seen) == len(index["items"])
    dates = [
        BeautifulSoup(build.page(url), "html.parser").select_one("article time")["datetime"] for url in seen
    ]  # type: ignore[index]
    assert dates == sorted(dates, reverse=True)
    first = BeautifulSoup(build.page("explore"), "html.parser")
    for a in first.select("fieldset[data-facet='year'] li a"):
        target, _, anchor = normal("explore/" + str(a["href"])).partition("#")
        assert BeautifulSoup(build.page(target), "html.parser").select_one(f"h2#{anchor}"), a["href"]
    searched = {entry["location"] for entry in build.search_index()}
    assert "explore/" in searched and not [url for url in searched if url.startswith("explore/page/")]
    nav = [a["href"] for a in first.select("nav.md-nav--primary a.md-nav__link")]
    assert not [href for href in nav if "explore/page" in str(href)]


def test_health_is_in_network_builds_only(builds: dict[str, Build]) -> None:
    assert not (builds["public"].site / "health").exists()
    page = article(builds["network"], "health")
    rows = {
        tr.th.get_text(strip=True): tr.get_text(" ", strip=True)
        for tr in page.select("table.la-health tbody tr")
    }
    assert "1 June 2025" in rows["North Quay"]
    assert re.search(r"What are we learning through the work\?", rows["Hillfoot"]), "not answered lately"
    assert "Equalising space" not in page.select_one("#quiet-themes").find_next_sibling().get_text()


def test_learning_records_block_lists_what_its_options_select(builds: dict[str, Build]) -> None:
    public = article(builds["public"], "hillfoot-list")
    assert [a.get_text(strip=True) for a in public.select(".la-block .la-record__title a")] == [
        "Kitchen table conversations"
    ]
    assert (
        public.select_one(".la-block .la-record__title a")["href"]
        == "../places/hillfoot/records/2025-04-01-kitchen-tables/"
    )
    network = article(builds["network"], "hillfoot-list")
    assert len(network.select(".la-block li.la-record")) == 2
