"""Posts: a page each, the blog that lists them (paged, by year), and where else they show."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from learnaloud.core.urls import resolve
from tests.helpers import BASE_TREE, Build, article, build_both, build_site, write_tree


def post(day: str, title: str, place: str | None = None, **front: str) -> tuple[str, str]:
    """A post file: its path and text, dated `day`."""
    folder = f"places/{place}/posts" if place else "posts"
    lines = "\n".join(f"{key}: {value}" for key, value in front.items())
    slug = title.lower().replace(" ", "-")
    return (
        f"{folder}/{day}-{slug}.md",
        f"---\ntitle: {title}\ndate: {day}\n{lines}\n---\n\nWords of {title}.\n",
    )


# Twelve posts (and one more below) over two years: the blog needs two pages, and an archive for each year.
POSTS = dict(
    [
        *(post(f"2025-{month:02d}-05", f"Month {month}", "north-quay") for month in range(1, 10)),
        post("2024-06-01", "Early days", "hillfoot", themes="[equalising-space]"),
        post("2024-11-30", "Network gathering", None, authors="[Nadia Hussain, Sam Okoro]"),
        post(
            "2025-10-20",
            "Annual report",
            "hillfoot",
            type="report",
            summary="What a year taught us.",
            themes="[relational-approaches]",
            authors="[Megan Lister]",
        ),
    ]
)

TREE = {
    **BASE_TREE,
    **POSTS,
    "places/secret-place/place.yml": """
        name: Secret place
        visibility: network
    """,
    "places/secret-place/posts/2025-12-24-inside.md": """
        ---
        title: Inside the secret place
        date: 2025-12-24
        ---

        Only for the network.
    """,
    "places/north-quay/posts/2025-12-01-long-read.md": """
        ---
        title: A long read with a block
        date: 2025-12-01
        authors: [Asha Patel]
        themes: [relational-approaches]
        ---

        We learned from [the market stall](../records/2025-03-12-market-stall.md).

        ## What the records say

        ```learning-records
        place: north-quay
        limit: 3
        ```

    """
    + "        "
    + "word " * 650,
}


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Build]:
    return build_both(tmp_path_factory.mktemp("posts"), TREE)


def titles(build: Build, url: str) -> list[str]:
    return [a.get_text(strip=True) for a in article(build, url).select(".la-post-card .la-card__title a")]


def test_the_blog_lists_posts_newest_first_ten_a_page(builds: dict[str, Build]) -> None:
    public = builds["public"]
    first, second = titles(public, "blog"), titles(public, "blog/page/2")
    assert first[:3] == ["A long read with a block", "Annual report", "Month 9"]
    assert len(first) == 10 and second == ["Month 1", "Network gathering", "Early days"]
    assert "Inside the secret place" not in first + second
    pager = article(public, "blog").select_one("nav.la-pager")
    assert pager is not None and "Page 1 of 2" in pager.get_text()
    assert resolve("blog/", pager.select_one("a[rel=next]")["href"]) == "blog/page/2/"  # type: ignore[index]


def test_each_year_has_an_archive(builds: dict[str, Build]) -> None:
    public = builds["public"]
    assert titles(public, "blog/2024") == ["Network gathering", "Early days"]
    assert len(titles(public, "blog/2025")) == 10 and titles(public, "blog/2025/page/2") == ["Month 1"]
    years = [a.get_text(" ", strip=True) for a in article(public, "blog").select("nav.la-years a")]
    assert years == ["All 13", "2025 11", "2024 2"]
    assert titles(builds["network"], "blog/2025")[0] == "Inside the secret place"


def test_a_post_shows_who_when_where_and_how_long(builds: dict[str, Build]) -> None:
    page = article(builds["public"], "places/north-quay/posts/2025-12-01-long-read")
    byline = page.select_one(".la-byline")
    assert byline is not None
    assert byline.get_text(" ", strip=True) == "By Asha Patel · 1 December 2025 · 4 min read"
    here = "places/north-quay/posts/2025-12-01-long-read/"
    assert resolve(here, page.select_one(".la-kicker a")["href"]) == "places/north-quay/"  # type: ignore[index]
    assert [a.get_text() for a in page.select(".la-post-themes a")] == ["Relational approaches"]
    # Its live block and its relative link work where the file sits.
    assert page.select(".la-records .la-record")
    link = page.find("a", string="the market stall")
    assert link is not None
    assert resolve(here, str(link["href"])) == "places/north-quay/records/2025-03-12-market-stall/"
    more = [a.get_text() for a in page.select(".la-more .la-card__title a")]
    assert more == ["Month 9", "Month 8", "Month 7"]


def test_a_network_post_is_under_posts(builds: dict[str, Build]) -> None:
    page = article(builds["public"], "posts/2024-11-30-network-gathering")
    assert "By Nadia Hussain, Sam Okoro" in page.get_text(" ", strip=True)


def test_places_themes_and_home_list_their_posts(builds: dict[str, Build]) -> None:
    public = builds["public"]
    place = [
        a.get_text() for a in article(public, "places/hillfoot").select(".la-post-card .la-card__title a")
    ]
    assert place == ["Annual report", "Early days"]
    theme = [a.get_text() for a in article(public, "themes/equalising-space").select(".la-post-card a")]
    assert "Early days" in theme
    home = titles(public, "")
    assert home == ["A long read with a block", "Annual report", "Month 9"]
    kinds = [p.get_text(" ", strip=True) for p in article(public, "").select(".la-post-card .la-kicker")]
    assert kinds[1] == "Report · Hillfoot"


def test_the_blog_is_in_the_nav_and_posts_are_not(builds: dict[str, Build]) -> None:
    soup = BeautifulSoup(builds["public"].page(""), "html.parser")
    nav = soup.select_one("nav.md-nav--primary")
    assert nav is not None
    sections = [a.get_text(strip=True) for a in nav.select("a.md-nav__link")]
    assert "Blog" in sections and "Month 9" not in sections


def test_a_site_without_posts_says_how_to_add_one(tmp_path: Path) -> None:
    build = build_site(write_tree(tmp_path / "content", BASE_TREE), tmp_path / "site", strict=True)
    assert build.returncode == 0, build.output
    empty = article(build, "blog").select_one(".la-empty")
    assert empty is not None and "content/places/<place>/posts/" in empty.get_text()


def test_post_text_stays_text(tmp_path: Path) -> None:
    tree = {
        **BASE_TREE,
        "posts/2025-05-05-hostile.md": """
            ---
            title: "</title><script>alert(1)</script>"
            date: 2025-05-05
            authors: ["<img src=x onerror=alert(2)>"]
            summary: "<b>bold</b> & {{ 7*7 }}"
            ---

            Body.
        """,
    }
    build = build_site(write_tree(tmp_path / "content", tree), tmp_path / "site", strict=True)
    assert build.returncode == 0, build.output
    for url in ("", "blog", "blog/2025", "posts/2025-05-05-hostile"):
        html = build.page(url)
        assert "<script>alert" not in html and "<img src=x" not in html and "<b>bold" not in html, url
    assert "{{ 7*7 }}" in build.page("blog")


def test_a_place_page_leads_to_its_reports_and_its_feed(builds: dict[str, Build]) -> None:
    here = "places/hillfoot/"
    keep_up = article(builds["public"], "places/hillfoot").select_one(".la-keep-up")
    assert keep_up is not None
    links = {a.get_text(strip=True): resolve(here, str(a["href"])) for a in keep_up.select("a")}
    assert links["2025"] == "places/hillfoot/reports/2025/"
    assert links["2024"] == "places/hillfoot/reports/2024/"
    assert links["Atom"] == "feeds/places/hillfoot/atom.xml"
    assert links["JSON Feed"] == "feeds/places/hillfoot/feed.json"
    assert [a.get_text() for a in keep_up.select("a")][:2] == ["2025", "2024"]  # newest first


def test_a_report_dated_in_the_new_year_does_not_take_over_the_home_page(tmp_path: Path) -> None:
    """A report on 2025 published in January 2026 makes a 2026 page, but the home page still
    leads a funder to the latest year with learning records, and the new year is 'so far'."""
    tree = {**BASE_TREE, **dict([post("2026-01-20", "Our quarter", "hillfoot", type="report")])}
    build = build_site(write_tree(tmp_path / "content", tree), tmp_path / "site", strict=True)
    assert build.returncode == 0, build.output
    review = article(build, "").select_one(".la-review a")
    assert review is not None and review.get_text() == "2025: the year in review"
    cover = article(build, "year-in-review/2026").select_one(".la-report__cover")
    assert cover is not None and "January to 20 January 2026, so far" in cover.get_text(" ")
