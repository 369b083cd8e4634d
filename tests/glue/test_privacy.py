"""Nothing private leaks: canaries in every private field and non-public item, the output scanned."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.helpers import BASE_TREE, Build, build_both, build_site, write_tree

# Canaries of items that only a network build publishes, by where they stand.
NETWORK_ONLY = {
    "CANARY-NET-TABLE": "a network table",
    "CANARY-NET-ACTIVITY": "a network activity guide",
    "CANARY-NET-PLACE-TABLE": "a table in a network-only place, whatever it says itself",
    # A network-only place's periods, as the data files, a chart's numbers and its axis write them
    # (not the bare year: a chart's hashed ids may hold those digits by chance).
    "2031-01": "a network-only place's period, as the data files write it",
    "January 2031": "a network-only place's period, as a chart's numbers write it",
    ">2031<": "a network-only place's year, as a chart's axis writes it",
    "987654": "a network-only place's value, as the data files write it",
    "987,654": "a network-only place's value, as a chart's numbers write it",
    "CANARY-NET-PLACE-NAME": "a network-only place's name",
    "CANARYNETPLACEBODY": "the body of a record in a network-only place",
    "CANARY-NET-RECORD-TITLE": "a network record's title in a public place",
    "CANARYNETRECORDBODY": "a network record's body",
    "canary-net-record-slug": "a network record's id (in URLs, sitemap, links)",
    "CANARY-NET-POST": "a network post's title",
    "CANARYNETPOSTBODY": "a network post's body",
    "CANARY-NET-POST-AUTHOR": "a network post's author",
    "canary-net-post-slug": "a network post's id (in URLs, sitemap, feeds)",
    "CANARYNETPLACEPOSTBODY": "the body of a post in a network-only place",
    "CANARY-NET-PLACE-REPORT": "a report of a network-only place",
}
PRIVATE = [
    "CANARY-PRIVATE-NETWORK",
    "CANARY-PRIVATE-THEME",
    "CANARY-PRIVATE-PLACE",
    "CANARY-PRIVATE-NETPLACE",
    "CANARY-PRIVATE-RECORD",
    "CANARY-PRIVATE-MEASURES",
    "CANARY-PRIVATE-TABLE",
    "CANARY-PRIVATE-PAGE",
    "CANARY-PRIVATE-POST",
]

TREE = {
    **BASE_TREE,
    "network.yml": """
        name: Test Network
        private:
          funder_contact: CANARY-PRIVATE-NETWORK
    """,
    "themes.yml": """
        - id: relational-approaches
          title: Relational approaches
          private:
            note: CANARY-PRIVATE-THEME
        - id: equalising-space
          title: Equalising space
    """,
    "places/north-quay/place.yml": """
        name: North Quay
        private:
          contact: CANARY-PRIVATE-PLACE
    """,
    "places/north-quay/measures.yml": """
        participants:
          2025-01: 34
        private:
          source: CANARY-PRIVATE-MEASURES
    """,
    "places/north-quay/records/2025-05-01-canary-net-record-slug.md": """
        ---
        title: CANARY-NET-RECORD-TITLE
        date: 2025-05-01
        summary: A record for the network only.
        evidence: [setback]
        themes: [relational-approaches]
        visibility: network
        private:
          notes: CANARY-PRIVATE-RECORD
        ---

        CANARYNETRECORDBODY
    """,
    "places/north-quay/records/2025-06-01-public-after.md": """
        ---
        title: A public record that learned from a network one
        date: 2025-06-01
        evidence: [reflection]
        themes: [relational-approaches]
        learned_from: [north-quay/2025-05-01-canary-net-record-slug, hillfoot/2025-04-01-kitchen-tables]
        private:
          notes: CANARY-PRIVATE-RECORD
        ---

        Public text.
    """,
    "places/secret-place/place.yml": """
        name: CANARY-NET-PLACE-NAME
        visibility: network
        private:
          contact: CANARY-PRIVATE-NETPLACE
    """,
    "places/secret-place/records/2025-02-02-inside.md": """
        ---
        title: A record in a network-only place
        date: 2025-02-02
        evidence: [story]
        themes: [equalising-space]
        visibility: public
        ---

        CANARYNETPLACEBODY
    """,
    "places/secret-place/notes.txt": "CANARY-NET-PLACE-NAME attachment",
    "places/secret-place/measures.yml": """
        participants:
          2031-01: 987654
    """,
    "tables/2025-08-secret-place.yml": """
        title: CANARY-NET-PLACE-TABLE
        date: 2025-08-01
        scope: place
        places: [secret-place]
        visibility: public
    """,
    "figures.md": """
        # Figures

        ```learning-chart
        measure: participants
        places: [north-quay, secret-place]
        ```
    """,
    "tables/2025-07-secret.yml": """
        title: CANARY-NET-TABLE
        date: 2025-07-01
        scope: national
        visibility: network
        private:
          facilitator: CANARY-PRIVATE-TABLE
    """,
    "toolkit/secret-activity.md": """
        ---
        title: CANARY-NET-ACTIVITY
        summary: Network only.
        stage: embodied
        duration: 30
        visibility: network
        ---
    """,
    "posts/2025-08-01-secret-post.md": """
        ---
        title: CANARY-NET-POST
        date: 2025-08-01
        visibility: network
        ---

        CANARYNETPOSTBODY
    """,
    "places/north-quay/posts/2025-09-01-canary-net-post-slug.md": """
        ---
        title: A post for the network only
        date: 2025-09-01
        authors: [CANARY-NET-POST-AUTHOR]
        themes: [relational-approaches]
        visibility: network
        ---

        CANARYNETPOSTBODY
    """,
    "places/north-quay/posts/2025-09-02-public-post.md": """
        ---
        title: A public post
        date: 2025-09-02
        authors: [Asha Patel]
        summary: What we learned at the stall.
        themes: [relational-approaches]
        private:
          draft_notes: CANARY-PRIVATE-POST
        ---

        Public words.
    """,
    "places/secret-place/posts/2025-03-01-inside.md": """
        ---
        title: CANARY-NET-PLACE-REPORT
        date: 2025-03-01
        type: report
        visibility: public
        ---

        CANARYNETPLACEPOSTBODY
    """,
    "about.md": """
        ---
        title: About
        private:
          owner: CANARY-PRIVATE-PAGE
        ---

        # About

        A hand-written page.
    """,
}


def scan(build: Build, canary: str) -> list[str]:
    needle = canary.encode()
    return [path for path, data in build.files().items() if needle in data]


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Build]:
    return build_both(tmp_path_factory.mktemp("privacy"), TREE)


@pytest.mark.parametrize("canary", [*NETWORK_ONLY, *PRIVATE])
def test_public_build_holds_no_canary_in_any_file(builds: dict[str, Build], canary: str) -> None:
    assert scan(builds["public"], canary) == []


@pytest.mark.parametrize("canary", PRIVATE)
def test_network_build_holds_no_private_canary(builds: dict[str, Build], canary: str) -> None:
    assert scan(builds["network"], canary) == []


@pytest.mark.parametrize("canary", NETWORK_ONLY)
def test_network_build_publishes_network_items(builds: dict[str, Build], canary: str) -> None:
    assert scan(builds["network"], canary), f"{NETWORK_ONLY[canary]} is missing from the network build"


def test_the_scan_covers_pages_search_index_and_sitemap(builds: dict[str, Build]) -> None:
    found = scan(builds["network"], "canary-net-record-slug")
    assert [path for path in found if path.startswith("pagefind/fragment/")]
    assert "sitemap.xml" in found
    assert any(path.endswith(".html") for path in found)


def test_unpublished_items_leave_no_count_and_no_link(builds: dict[str, Build]) -> None:
    public = builds["public"]
    home = public.page("")
    assert re.search(r"<strong>3</strong>\s*learning records", home), "3 public records counted, not 5"
    assert "places/secret-place" not in home
    after = public.page("places/north-quay/records/2025-06-01-public-after")
    assert "kitchen-tables" in after, "the link to a public record stays"
    network_after = builds["network"].page("places/north-quay/records/2025-06-01-public-after")
    assert "canary-net-record-slug" in network_after, "a network build keeps the link"


def test_a_dropped_link_is_a_warning_naming_both_ends(builds: dict[str, Build]) -> None:
    output = builds["public"].output
    assert re.search(
        r"WARNING.*places/north-quay/records/2025-06-01-public-after\.md:6: links the record "
        r"'north-quay/2025-05-01-canary-net-record-slug', which this build does not publish",
        output,
    ), output


def test_a_public_item_in_a_network_place_stays_network_only_and_warns(builds: dict[str, Build]) -> None:
    assert (
        "places/secret-place/records/2025-02-02-inside.md:6: this item says public" in builds["public"].output
    )


def test_content_data_files_are_never_copied(builds: dict[str, Build]) -> None:
    for build in builds.values():
        names = build.files()
        assert not [p for p in names if p.endswith((".yml", ".yaml"))]
        assert "places/north-quay/records/2025-03-12-market-stall.md" not in names
        assert "about/index.html" in names


def test_hosting_variable_overrides_the_config(tmp_path: Path) -> None:
    docs = write_tree(tmp_path / "content", TREE)
    configured = build_site(docs, tmp_path / "configured", options="      visibility: network")
    assert scan(configured, "CANARYNETRECORDBODY")
    overridden = build_site(
        docs, tmp_path / "overridden", visibility="public", options="      visibility: network"
    )
    assert scan(overridden, "CANARYNETRECORDBODY") == []
    wrong = build_site(docs, tmp_path / "wrong", visibility="everyone")
    assert wrong.returncode != 0
    assert "LEARNALOUD_VISIBILITY='everyone' is not a visibility" in wrong.output


def test_a_chart_block_shows_the_published_places_figures_only(builds: dict[str, Build]) -> None:
    public = builds["public"].page("figures")
    assert '<th scope="row">January 2025</th><td>34</td>' in public
    assert "<svg" in public and "North Quay rose" not in public  # one figure: no trend yet
    assert "secret-place" not in public and "January 2031" not in public and ">2031<" not in public
    network = builds["network"].page("figures")
    assert "<td>987,654</td>" in network and "January 2031" in network
