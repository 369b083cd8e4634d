"""Emergent Learning tables over time and the toolkit, in a public and a network build."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests.helpers import BASE_TREE, Build, article, build_both, build_site, write_tree

NQ = "places/north-quay/records/2025-03-12-market-stall.md"
HF = "places/hillfoot/records/2025-04-01-kitchen-tables.md"


def table(
    name: str,
    scope: str,
    places: str,
    follows: str = "",
    visibility: str = "public",
    date: str = "2025-05-01",
) -> str:
    return f"""
        title: {name} table
        date: {date}
        scope: {scope}
        {places}
        question: What did {name} find?
        ground_truth:
          - text: "{name} ground *truth*"
            evidence: [north-quay/2025-03-12-market-stall, hillfoot/2025-06-06-hidden]
        insights:
          - text: {name} insight
        hypotheses:
          - text: If we {name}, then more people come.
            status: held
          - text: If we stop {name}, nothing changes.
            status: dropped
        opportunities:
          - text: {name} opportunity
        themes: [relational-approaches]
        {"follows: " + follows if follows else ""}
        visibility: {visibility}
    """


TREE = {
    **BASE_TREE,
    NQ: BASE_TREE[NQ].replace("loop: single", "loop: single\n        activities: [kitchen-walk]"),
    HF: BASE_TREE[HF].replace("loop: double", "loop: double\n        activities: [kitchen-walk, big-table]"),
    "places/hillfoot/records/2025-06-06-hidden.md": """
        ---
        title: A network record
        date: 2025-06-06
        evidence: [story]
        visibility: network
        ---
        Hidden.
    """,
    "tables/t1-first.yml": table("First", "place", "places: [north-quay]", date="2025-01-01"),
    "tables/t2-second.yml": table(
        "Second", "across-places", "places: [north-quay, hillfoot]", "t1-first", date="2025-02-01"
    ),
    "tables/t3-secret.yml": table("CANARYSECRET", "national", "", "t2-second", "network", date="2025-03-01"),
    "tables/t4-fourth.yml": table("Fourth", "national", "", "t3-secret", date="2025-04-01"),
    "toolkit/kitchen-walk.md": """
        ---
        title: Kitchen walk
        summary: A walk between kitchens.
        stage: embodied
        scopes: [place]
        questions: [learning]
        duration: 30
        group_size: [2, 6]
        materials: [Notebook, Kettle]
        ---

        ## Steps

        1. Walk.
        2. Talk.
    """,
    "toolkit/big-table.md": """
        ---
        title: Big table
        summary: Everyone round one table.
        stage: integrated
        scopes: [across-places, national]
        questions: [patterns, adapt]
        duration: 90
        group_size: [6, 20]
        related: [kitchen-walk]
        ---

        ## Steps

        1. Sit.
    """,
    "toolkit/secret-guide.md": """
        ---
        title: CANARYGUIDE
        summary: Network only.
        stage: embodied
        duration: 10
        visibility: network
        ---
    """,
    "session.md": """
        # Our session

        ```learning-table
        table: t1-first
        ```

        ```learning-table
        table: t3-secret
        ```
    """,
}


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Build]:
    return build_both(tmp_path_factory.mktemp("tables"), TREE)


def texts(page: BeautifulSoup, selector: str) -> list[str]:
    return [element.get_text(" ", strip=True) for element in page.select(selector)]


def test_a_table_page_is_laid_out_as_the_tool(builds: dict[str, Build]) -> None:
    page = article(builds["public"], "tables/t1-first")
    assert texts(page, ".la-el__question p") == ["What did First find?"]
    assert texts(page, ".la-el__quadrant > h2") == ["Ground truth", "Hypotheses", "Insights", "Opportunities"]
    truth = page.select_one(".la-el__quadrant:nth-of-type(1) li")
    assert truth.select_one("em").get_text() == "truth", "entry Markdown is rendered"
    assert [a["href"] for a in truth.select(".la-meta a")] == [
        "../../places/north-quay/records/2025-03-12-market-stall/"
    ]
    assert texts(page, ".la-status") == ["held", "dropped"]
    assert "places/north-quay/records/2025-03-12-market-stall.md" not in builds["public"].output
    assert (
        "tables/t1-first.yml:8: links the record 'hillfoot/2025-06-06-hidden', which this build does not publish"
        in builds["public"].output
    )


def test_a_following_table_shows_what_the_earlier_one_expected(builds: dict[str, Build]) -> None:
    page = article(builds["public"], "tables/t2-second")
    earlier = page.select_one(".la-earlier")
    assert earlier is not None and "First table" in earlier.h2.get_text()
    assert "If we First, then more people come." in earlier.get_text()
    assert "First opportunity" in earlier.get_text()
    assert texts(page, "ol.la-chain > li > a, ol.la-chain > li > strong") == ["First table", "Second table"]


def test_a_chain_broken_by_an_unpublished_table_leaks_nothing(builds: dict[str, Build]) -> None:
    public = builds["public"]
    assert [p for p, data in public.files().items() if b"CANARYSECRET" in data or b"t3-secret" in data] == []
    fourth = article(public, "tables/t4-fourth")
    assert fourth.select_one(".la-earlier") is None
    assert fourth.select("ol.la-chain") == []
    index = article(public, "tables")
    assert [texts(chain, "li > a") for chain in index.select("ol.la-chain")] == [
        ["First table", "Second table"]
    ]
    network = article(builds["network"], "tables")
    assert [texts(chain, "li > a") for chain in network.select("ol.la-chain")] == [
        ["First table", "Second table", "CANARYSECRET table", "Fourth table"]
    ]


def test_statuses_are_counted_and_tables_grouped_by_scope(builds: dict[str, Build]) -> None:
    public = article(builds["public"], "tables")
    assert texts(public, "h2[id]")[1:] == ["In one place", "Across places", "National"]
    assert texts(public, ".la-stats span")[:3] == ["Hypotheses:", "3 held", "3 dropped"]
    assert texts(article(builds["network"], "tables"), ".la-stats span")[1:3] == ["4 held", "4 dropped"]


def test_tables_show_on_their_places_and_themes(builds: dict[str, Build]) -> None:
    place = article(builds["public"], "places/hillfoot")
    assert texts(place, "#tables + ul .la-card__title") == ["Second table"]
    theme = article(builds["public"], "themes/relational-approaches")
    assert texts(theme, ".la-theme-tables h3 a") == ["Fourth table", "Second table", "First table"]
    assert "If we Second, then more people come." in theme.select_one(".la-theme-tables").get_text()


def test_a_learning_table_block_shows_the_table_or_nothing(builds: dict[str, Build]) -> None:
    public = article(builds["public"], "session")
    assert texts(public, ".la-block--table .la-block__title a") == ["First table"]
    assert len(public.select(".la-block--table")) == 1
    assert (
        "session.md: a learning-table block names a table this build does not publish"
        in builds["public"].output
    )
    assert len(article(builds["network"], "session").select(".la-block--table")) == 2


def test_toolkit_index_lists_every_published_guide_and_indexes_the_same(builds: dict[str, Build]) -> None:
    for name, expected in (("public", 2), ("network", 3)):
        build = builds[name]
        index = json.loads((build.site / "toolkit" / "guides.json").read_text())
        page = article(build, "toolkit")
        assert len(page.select("[data-item]")) == len(index["items"]) == expected
        assert [f[0] for f in index["facets"]] == ["stage", "scope", "question", "duration"]
        # Group size is a number of people, not bands (tests/glue/test_reading_across_years.py).
        assert [r[0] for r in index["ranges"]] == ["people"]
    page = article(builds["public"], "toolkit")
    cards = {li.h3.get_text(strip=True): li.get_text(" ", strip=True) for li in page.select("[data-item]")}
    assert "30 min · 2 to 6 people · in one place used in 2 places" in cards["Kitchen walk"]


def test_a_guide_shows_its_facts_related_guides_both_ways_and_where_it_was_used(
    builds: dict[str, Build],
) -> None:
    page = article(builds["public"], "toolkit/kitchen-walk")
    facts = page.select_one("dl.la-facts").get_text(" ", strip=True)
    assert "30 minutes" in facts and "2 to 6 people" in facts
    assert texts(page, "ul.la-checklist li") == ["Notebook", "Kettle"], "materials: a checklist on paper"
    assert "What are we learning through the work?" in facts
    assert texts(page, "#la-related + ul a") == ["Big table"], "named by big-table, so related both ways"
    used = page.select_one(".la-used")
    assert "Named in 2 learning records, in 2 places." in used.get_text(" ", strip=True)
    assert texts(used, "h3") == ["Hillfoot", "North Quay"]
    assert texts(article(builds["public"], "toolkit/big-table"), "#la-related + ul a") == ["Kitchen walk"]
    record = article(builds["public"], "places/hillfoot/records/2025-04-01-kitchen-tables")
    used_here = record.select_one("dl.la-facts dt:-soup-contains('Activities used') + dd")
    assert [a.get_text() for a in used_here.select("a")] == ["Kitchen walk", "Big table"]


def test_a_follows_cycle_is_a_clear_error(tmp_path: Path) -> None:
    docs = write_tree(
        tmp_path / "content",
        {
            **BASE_TREE,
            "tables/a.yml": "title: A\ndate: 2025-01-01\nscope: national\nfollows: b\n",
            "tables/b.yml": "title: B\ndate: 2025-02-01\nscope: national\nfollows: a\n",
        },
    )
    build = build_site(docs, tmp_path / "site")
    assert build.returncode != 0
    assert "tables/a.yml:4: these tables follow each other in a circle: a → b → a" in build.output
    assert "tables/b.yml:4: these tables follow each other in a circle: b → a → b" in build.output


def test_links_in_a_table_s_entries_and_a_measure_s_description_lead_to_their_pages(tmp_path: Path) -> None:
    """Written from the data file, as every hand-written link is: right on the table's page, on a
    theme's page that quotes its entries or shows its description, in a post's block and on the
    measure's page; a link to a file that is not there is a warning at its line in the data file."""
    record = "../places/north-quay/records/2025-03-12-market-stall.md"
    entry = f"Started at [the market]({record}#what-are-we-learning-through-the-work)."
    tree = {
        **BASE_TREE,
        "themes.yml": BASE_TREE["themes.yml"]
        .replace(
            "title: Relational approaches",
            "title: Relational approaches\n"
            '          description: "Begun at [the market](places/north-quay/records/2025-03-12-market-stall.md)'
            ' and [the kitchen](places/hillfoot/records/2025-04-01-kitchen-table.md)."',
        )
        .replace(
            "title: Equalising space",
            "title: Equalising space\n"
            '          description: "As [the kitchen](places/hillfoot/records/2025-04-01-kitchen-table.md)'
            ' and [the stall](../places/north-quay/records/2025-03-12-market-stall.md)."',
        ),
        "tables/2025-05-linked.yml": table("Linked", "place", "places: [north-quay]")
        .replace("Linked insight", f'"{entry}"')
        .replace("hillfoot/2025-06-06-hidden", "hillfoot/2025-04-01-kitchen-tables"),
        "measures.yml": BASE_TREE["measures.yml"].rstrip()
        + '\n          description: "As at [the market](places/north-quay/records/2025-03-12-market-stall.md)."\n',
        "posts/2025-06-01-the-table.md": """
            ---
            title: The table
            date: 2025-06-01
            ---

            ```learning-table
            table: 2025-05-linked
            ```
        """,
    }
    docs = write_tree(tmp_path / "content", tree)
    build = build_site(docs, tmp_path / "site")
    assert build.returncode == 0, build.output
    target = build.site / "places/north-quay/records/2025-03-12-market-stall/index.html"
    pages = [
        "tables/2025-05-linked",
        "themes/relational-approaches",
        "posts/2025-06-01-the-table",
        "measures/participants",
    ]
    for url in pages:
        soup = BeautifulSoup(build.page(url), "html.parser")
        links = [a["href"] for a in soup.select("article a") if "market" in a.get_text()]
        assert links, url
        for href in links:
            path = href.split("#")[0]
            assert not path.endswith(".md"), (url, href)
            assert (build.site / url / path / "index.html").resolve() == target.resolve(), (url, href)
    # MkDocs reads none of these links from a page's own folder (it warned, and they were 404s).
    assert "contains a link" not in build.output, build.output
    theme = BeautifulSoup(build.page("themes/relational-approaches"), "html.parser")
    assert theme.select_one(".la-lead a") is not None
    # A link to a file that is not there, in a data file, is said at its line with the file meant.
    written = textwrap.dedent(tree["themes.yml"]).lstrip("\n").splitlines()
    # Each theme's, at its own line (the same address in two descriptions); the form once
    # written from themes/ (../) with the file it names inside content/.
    kitchen = [n for n, text in enumerate(written, 1) if "kitchen" in text]
    assert len(kitchen) == 2
    for line in kitchen:
        assert (
            f"themes.yml:{line}: links to places/hillfoot/records/2025-04-01-kitchen-table.md" in build.output
        )
    assert "did you mean places/hillfoot/records/2025-04-01-kitchen-tables.md?" in build.output
    stall = next(n for n, text in enumerate(written, 1) if "../places" in text)
    assert (
        f"themes.yml:{stall}: links to ../places/north-quay/records/2025-03-12-market-stall.md, which is "
        "outside the content folder — did you mean places/north-quay/records/2025-03-12-market-stall.md?"
    ) in build.output, build.output
