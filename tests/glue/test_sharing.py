"""Sharing and credit: every page's description and link preview (Open Graph), escaped whatever a
contributor writes; the network's name and licence in every page's footer and at the foot of every
printed page; a 404 page whose links work from any address."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup

from tests.helpers import BASE_TREE, Build, build_site, write_tree

SITE_URL = "https://example.org/network/"  # tests/helpers.py MKDOCS_YML

GUIDE = """
    ---
    title: Kitchen walk
    summary: A walk between kitchens, with *tea*.
    stage: embodied
    duration: 30
    materials: [Notebook, Kettle]
    ---

    ## Steps

    1. Walk.
"""

TREE = {
    **BASE_TREE,
    "network.yml": """
        name: Test Network
        description: A network for tests.
        license: CC-BY-SA-4.0
    """,
    "themes.yml": """
        - id: relational-approaches
          title: Relational approaches
          description: Connection is **why** people come back.
        - id: equalising-space
          title: Equalising space
    """,
    "places/north-quay/records/2025-05-01-hostile.md": """
        ---
        title: 'Market "stall" </title><script>alert(1)</script>'
        date: 2025-05-01
        summary: 'We listened. "><script>alert(2)</script><img src=x onerror=alert(3)> & more'
        evidence: [story]
        ---

        Body.
    """,
    "toolkit/kitchen-walk.md": GUIDE,
    "posts/2025-06-01-tea.md": """
        ---
        title: Tea and talk
        date: 2025-06-01
        summary: A post about **tea** and talk.
        ---

        Body.
    """,
    "places/north-quay/posts/2025-06-02-sundays.md": """
        ---
        title: Sundays
        date: 2025-06-02
        ---

        ## Not the description

        We opened the hall <!-- ring Jo first --> on Sundays.
    """,
}


def parse(build: Build, url: str) -> BeautifulSoup:
    return BeautifulSoup(build.page(url), "html.parser")


def meta(soup: BeautifulSoup) -> dict[str, str]:
    """A page's description and link-preview tags, as a reader's tools read them."""
    found = {}
    for tag in soup.head.select("meta[name], meta[property]"):
        found[str(tag.get("property") or tag.get("name"))] = str(tag.get("content", ""))
    return found


def css_text(css_string: str) -> str:
    """A quoted CSS string as the browser reads it: hex escapes (and the space ending one) undone."""
    inner = css_string.strip()[1:-1]
    return re.sub(r"\\([0-9a-fA-F]{1,6}) ?", lambda m: chr(int(m[1], 16)), inner)


def html_pages(build: Build) -> list[Path]:
    return sorted(p for p in build.site.rglob("*.html") if "assets" not in p.parts)


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Build]:
    root = tmp_path_factory.mktemp("sharing")
    docs = write_tree(root / "content", TREE)
    found = {
        "public": build_site(docs, root / "public"),
        "network": build_site(docs, root / "network", visibility="network"),
    }
    for build in found.values():
        assert build.returncode == 0, build.output
    return found


def test_a_hostile_title_and_summary_are_plain_text_in_the_description_and_link_preview(
    builds: dict[str, Build],
) -> None:
    html = builds["public"].page("places/north-quay/records/2025-05-01-hostile")
    head = html.split("</head>")[0]
    assert "<script>alert" not in head and "<img" not in head and "</title><" not in head
    tags = meta(BeautifulSoup(html, "html.parser"))
    for key in ("description", "og:title", "og:description"):
        assert "<" not in tags[key] and ">alert(3)" not in tags[key], (key, tags[key])
    assert tags["og:title"].startswith('Market "stall"')
    assert tags["description"].startswith('We listened. "') and tags["description"].endswith("& more")
    assert tags["og:description"] == tags["description"]
    assert tags["og:type"] == "article"
    assert tags["og:url"] == f"{SITE_URL}places/north-quay/records/2025-05-01-hostile/"
    assert tags["og:site_name"] == "Test network"
    assert tags["twitter:card"] == "summary"
    scripts = BeautifulSoup(html, "html.parser").select("script")
    assert not any("alert(" in script.get_text() for script in scripts)


@pytest.mark.parametrize(
    ("url", "description", "kind"),
    [
        ("places/north-quay", "A riverside estate.", "article"),  # the place's summary
        ("places/north-quay/records/2025-03-12-market-stall", "We set up a stall and listened.", "article"),
        # no summary: the plain start of the body
        (
            "places/hillfoot/records/2025-04-01-kitchen-tables",
            "We borrowed the stall idea and took it into kitchens.",
            "article",
        ),
        (
            "themes/relational-approaches",
            "Connection is why people come back.",
            "article",
        ),  # Markdown made plain
        ("toolkit/kitchen-walk", "A walk between kitchens, with tea.", "article"),
        ("posts/2025-06-01-tea", "A post about tea and talk.", "article"),  # a post's summary, plain
        # a post without one: the plain start of its body, comments left out as the page leaves them
        ("places/north-quay/posts/2025-06-02-sundays", "We opened the hall on Sundays.", "article"),
        ("places", "A network for tests.", "website"),  # an index page: the site's, from network.yml
        ("", "A network for tests.", "website"),
    ],
)
def test_each_page_describes_itself(builds: dict[str, Build], url: str, description: str, kind: str) -> None:
    tags = meta(parse(builds["public"], url))
    assert tags["description"] == description
    assert tags["og:description"] == tags["description"]
    assert tags["og:type"] == kind
    assert tags["og:url"] == SITE_URL + (f"{url}/" if url else "")


def test_a_long_body_is_cut_at_a_word(tmp_path: Path) -> None:
    tree = {
        **BASE_TREE,
        "places/hillfoot/records/2025-04-01-kitchen-tables.md": """
            ---
            title: Kitchen table conversations
            date: 2025-04-01
            evidence: [activity]
            ---

            ## A heading that is not the description

            """
        + "Word after word, " * 40,
    }
    build = build_site(write_tree(tmp_path / "content", tree), tmp_path / "site")
    assert build.returncode == 0, build.output
    text = meta(parse(build, "places/hillfoot/records/2025-04-01-kitchen-tables"))["description"]
    assert text.startswith("Word after word") and "heading" not in text
    assert len(text) <= 200 and text.endswith("…") and not text.endswith(" …")


def test_every_page_credits_the_network_and_its_licence_in_the_footer(builds: dict[str, Build]) -> None:
    build = builds["public"]
    pages = html_pages(build)
    assert len(pages) > 10
    for path in pages:
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        credit = soup.select_one("footer .md-copyright.la-credit")
        assert credit is not None, path
        text = credit.get_text(" ", strip=True)
        assert "© Test Network" in text and "Published under CC BY-SA 4.0" in text, (path, text)
        licence = credit.select_one("a[rel=license]")
        assert licence["href"] == "https://creativecommons.org/licenses/by-sa/4.0/"
        links = {a.get_text(): a["href"] for a in credit.select(".la-credit__links a")}
        assert set(links) == {"Feeds", "Open data"}, path
        for href in links.values():  # each resolves to a page of the site, from wherever it is
            page_url = "/network/" + path.relative_to(build.site).as_posix()
            target = urlsplit(urljoin(page_url, href)).path.removeprefix("/network/")
            assert (build.site / target / "index.html").is_file(), (path, href)


def test_every_printed_page_carries_the_network_the_address_and_the_licence(builds: dict[str, Build]) -> None:
    build = builds["public"]
    for path in html_pages(build):
        if path.name == "404.html":
            continue
        style = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").select_one(
            "style[media=print]"
        )
        assert style is not None, path
        found = re.search(r"@bottom-left \{ content: (\"[^\"]*\"); \}", style.get_text())
        assert found is not None, style
        url = path.relative_to(build.site).as_posix().removesuffix("index.html")
        assert css_text(found[1]) == f"Test Network · {SITE_URL}{url} · CC BY-SA 4.0"
    assert "@bottom-right" in (build.site / "assets/learnaloud/print.css").read_text()


def test_a_network_build_grants_no_licence(builds: dict[str, Build]) -> None:
    soup = parse(builds["network"], "places")
    credit = soup.select_one(".la-credit").get_text(" ", strip=True)
    assert "Published under" not in credit and "For the network's own use" in credit
    assert soup.select_one(".la-credit a[rel=license]") is None
    style = soup.select_one("style[media=print]").get_text()
    assert "for the network" in css_text(re.search(r"content: (\"[^\"]*\")", style)[1])


def test_a_hostile_network_name_cannot_break_out_and_no_licence_means_no_licence_line(tmp_path: Path) -> None:
    tree = {
        **BASE_TREE,
        "network.yml": """
            name: 'Evil "} </style><script>alert(1)</script> \\\\ net'
            description: A network for tests.
        """,
    }
    build = build_site(write_tree(tmp_path / "content", tree), tmp_path / "site")
    assert build.returncode == 0, build.output
    for path in html_pages(build):
        html = path.read_text(encoding="utf-8")
        assert "<script>alert" not in html and "</style><" not in html, path
        soup = BeautifulSoup(html, "html.parser")
        credit = soup.select_one(".la-credit").get_text(" ", strip=True)
        assert "Evil" in credit and "Published under" not in credit, path
        style = soup.select_one("style[media=print]")
        if style is not None:
            line = css_text(re.search(r"content: (\"[^\"]*\")", style.get_text())[1])
            assert line.startswith('Evil "} ') and line.count(" · ") == 1, line


def test_the_404_page_offers_search_and_the_sections_from_any_address(builds: dict[str, Build]) -> None:
    build = builds["public"]
    soup = BeautifulSoup((build.site / "404.html").read_text(encoding="utf-8"), "html.parser")
    assert soup.select_one("article h1").get_text(strip=True) == "This page is not here"
    assert soup.select_one(".la-notfound__preview") is None  # the preview's hint is for the preview
    form = soup.select_one("form.la-notfound__search")
    assert form["action"] == "/network/" and form.select_one("input[name=q]") is not None
    links = {a.get_text(): a["href"] for a in soup.select(".la-notfound__links a")}
    assert list(links)[:2] == ["Home", "Places"]
    assert {"Questions", "Themes", "Patterns", "Toolkit", "Blog", "Reports"} <= set(links)
    for text, href in links.items():  # absolute from site_url's path: the same from any depth
        assert href.startswith("/network/"), (text, href)
        target = build.site / href.removeprefix("/network/") / "index.html"
        assert target.is_file(), (text, href)
    assert "© Test Network" in soup.select_one(".la-credit").get_text()
    assert all(a["href"].startswith("/network/") for a in soup.select(".la-credit__links a"))
