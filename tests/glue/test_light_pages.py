"""Pages that gather a whole network's learning stay pages one reads and downloads, at any size of
network: they show a bounded part of it and link, with counts, to where the rest is. Built once,
from the benchmark's synthetic network, large enough that every bound is reached."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from itertools import pairwise
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag

from learnaloud.core.links import normal
from learnaloud.core.paging import GROUP_SHOWN
from learnaloud.core.reports import POSTS_SHOWN
from tests.helpers import Build, build_site
from tests.test_bench import load_bench

RECORDS = 500  # 25 a place: more answers a place and year than a page gathering them shows, and
# more records of a theme or a loop than a page lists


@pytest.fixture(scope="module")
def large(tmp_path_factory: pytest.TempPathFactory) -> Build:
    root = tmp_path_factory.mktemp("light")
    bench = load_bench()
    bench.write_learnaloud_content(bench.make_network(RECORDS), root / "content")
    build = build_site(root / "content", root / "site")
    assert build.returncode == 0, build.output
    return build


def soup(build: Build, url: str) -> BeautifulSoup:
    return BeautifulSoup(build.page(url), "html.parser")


def pages_of(build: Build, first: str) -> list[str]:
    """A list's pages, following its pager from the first."""
    pages = [first]
    while (following := soup(build, pages[-1]).select_one(".la-pager a[rel=next]")) is not None:
        pages.append(normal(pages[-1] + str(following["href"])).rstrip("/") + "/")
    return pages


def answers_under(heading: Tag) -> list[Tag]:
    """The answers after a report's question heading, up to the next question or section."""
    found = []
    for tag in heading.find_all_next(True):
        if tag.name in ("h2", "h3") and "la-report__question" in tag.get("class", []):
            break
        if tag.name == "h2":
            break
        if tag.name == "article" and "la-answer" in tag.get("class", []):
            found.append(tag)
    return found


def test_the_year_in_review_shows_a_few_answers_a_place_and_links_the_rest(large: Build) -> None:
    page = soup(large, "year-in-review/2025")
    linked = 0
    for section in page.select("section[aria-labelledby^=question-]"):
        question = str(section["aria-labelledby"]).removeprefix("question-")
        everything = section.select_one("p.la-meta > a")
        assert everything is not None, question  # the year's answers all, a link away
        total = int(everything.get_text().split()[1])
        year_view = normal(f"year-in-review/2025/{everything['href']}") + "/"
        assert (
            sum(len(soup(large, url).select("article.la-answer")) for url in pages_of(large, year_view))
            == total
        )
        shown = 0
        for group in section.select("h3.la-report__place"):
            place = str(group["id"]).removeprefix(f"{question}-")
            answers = []
            for tag in group.find_next_siblings():
                if tag.name == "h3":
                    break
                answers.append(tag)
            articles = [t for t in answers if t.name == "article"]
            assert 1 <= len(articles) <= GROUP_SHOWN, (question, place)
            shown += len(articles)
            rest = [t for t in answers if "la-report__rest" in t.get("class", [])]
            report = soup(large, f"places/{place}/reports/2025")
            heading = report.find(id=f"question-{question}")
            assert isinstance(heading, Tag)
            if rest:
                link = rest[0].a
                assert link is not None
                target, _, anchor = normal(f"year-in-review/2025/{link['href']}").partition("#")
                assert target == f"places/{place}/reports/2025/"
                more = int(link.get_text().split()[0])
                everything = answers_under(heading)
                assert len(articles) == GROUP_SHOWN and len(everything) == GROUP_SHOWN + more
                # It lands on the first answer the year in review left out, not on those just read.
                assert [a["id"] for a in everything[:GROUP_SHOWN]] == [a["id"] for a in articles]
                assert everything[GROUP_SHOWN]["id"] == anchor
                linked += 1
            else:
                assert len(answers_under(heading)) == len(articles)
        assert shown < total
    assert linked
    assert len(large.page("year-in-review/2025")) < 600_000
    # The cover counts every record that drew on another place's, those a link away too.
    travel = page.select_one("section[aria-labelledby=travel]")
    assert travel is not None
    listed = len(travel.select("ul.la-flows ul > li"))
    linked_on = sum(
        int(a.get_text().split()[0]) for a in travel.select(".la-report__rest a, a.la-report__count")
    )
    cover = page.select_one(".la-stats").get_text(" ", strip=True)  # type: ignore[union-attr]
    assert f"{listed + linked_on} times learning travelled" in cover


def few_and_the_rest(build: Build, url: str, year_and_place: Callable[[str], tuple[str, str]]) -> int:
    """A page that shows a group's GROUP_SHOWN newest answers (a `h3` a place's or question's year)
    and a counted link to the rest: each group's count adds up, and its link opens the year view
    at the place, where all of them are. How many groups link the rest."""
    linked = 0
    for heading in soup(build, url).select(".la-qgroup h3"):
        year, place = year_and_place(str(heading["id"]))
        total = int(heading.select_one(".la-count").get_text())  # type: ignore[union-attr]
        following = []
        for tag in heading.find_next_siblings():
            if tag.name in ("h2", "h3"):
                break
            following.append(tag)
        shown = [t for t in following if t.name == "article"]
        rest = [t for t in following if "la-qgroup__rest" in t.get("class", [])]
        assert len(shown) == min(total, GROUP_SHOWN), (url, heading["id"])
        if total > GROUP_SHOWN:
            link = rest[0].a
            assert link is not None and link.get_text().startswith(f"{total - GROUP_SHOWN} more answer")
            target, _, anchor = normal(url + str(link["href"])).partition("#")
            assert f"/{year}/" in target
            year_view = soup(build, target)
            section = year_view.find(id=f"place-{place}")
            assert isinstance(section, Tag)
            group = section.find_parent("section")
            assert group is not None
            everything = group.select("article.la-answer")
            assert len(everything) == total
            # It lands on the first answer this page left out, not on those just read.
            assert [a["id"] for a in everything[:GROUP_SHOWN]] == [a["id"] for a in shown]
            assert everything[GROUP_SHOWN]["id"] == anchor
            linked += 1
        else:
            assert not rest
    return linked


def year_and_place(anchor: str) -> tuple[str, str]:
    """A question page's group of a year and place: `year-2025-north-quay`."""
    year, place = anchor.removeprefix("year-").split("-", 1)
    return year, place


def test_a_question_page_shows_a_few_answers_a_place_and_year_and_links_the_rest(large: Build) -> None:
    linked = 0
    for question in ("learning", "patterns", "adapt", "share"):
        url = f"questions/{question}/"
        assert (
            "newest of each year here, the rest in the year's view"
            in soup(large, url).select_one(".la-qfilter__now").get_text()  # type: ignore[union-attr]
        )
        linked += few_and_the_rest(large, url, year_and_place)
        assert len(large.page(url)) < 300_000
    assert linked


def test_a_place_s_answers_show_a_few_a_question_and_year_and_link_the_rest(large: Build) -> None:
    linked = 0
    for place in sorted(p.parent.name for p in (large.site / "questions" / "places").glob("*/index.html")):
        url = f"questions/places/{place}/"
        # A group of a question's year: `year-2025-learning`, on the place's own page.
        linked += few_and_the_rest(large, url, lambda anchor, place=place: (year_and_place(anchor)[0], place))
        assert len(large.page(url)) < 200_000
    assert linked


def listed(build: Build, first: str) -> tuple[list[str], list[str]]:
    """Every record a facet's pages list, following its pager from the first page; and the pages."""
    pages = pages_of(build, first)
    records = [
        normal(url + str(a["href"]))
        for url in pages
        for a in soup(build, url).select("article .la-records h3 a, .la-compact a")
    ]
    return records, pages


@pytest.mark.parametrize(("first", "limit"), [("themes/youth-voice/", 150_000), ("loops/single/", 100_000)])
def test_a_long_facet_is_paged_and_lists_each_record_once(large: Build, first: str, limit: int) -> None:
    records, pages = listed(large, first)
    assert len(pages) > 1
    assert pages[1:] == [f"{first}page/{n}/" for n in range(2, len(pages) + 1)]
    count = int(soup(large, first).select_one(".la-stats strong").get_text())  # type: ignore[union-attr]
    assert len(records) == len(set(records)) == count
    for url in pages:
        assert len(large.page(url)) < limit, url
    # A place across two pages says so on both.
    for before, after in pairwise(pages):
        last = soup(large, before).select("article h2[id]")[-1]
        first = soup(large, after).select("article h2[id]")[0]
        split = last["id"] == first["id"]
        assert ("continued" in first.get_text()) == split, after
        assert ("go on on" in soup(large, before).get_text()) == split, before
    searched = {entry["location"] for entry in large.search_index()}
    assert not [url for url in searched if url.startswith(f"{first}page/")]


def test_a_theme_s_pattern_links_each_place_to_the_page_where_its_records_start(large: Build) -> None:
    first = soup(large, "themes/youth-voice")
    cells = first.select(".la-patterns table td a[href*='#']")
    assert [cell for cell in cells if "page/2/#" in str(cell["href"])]  # a place on the second page
    for cell in cells:
        target, _, anchor = normal("themes/youth-voice/" + str(cell["href"])).partition("#")
        page = soup(large, target)
        assert page.find(id=anchor) is not None, cell["href"]
    later = soup(large, "themes/youth-voice/page/2")
    assert later.select_one(".la-patterns") is None  # the patterns are on the first page, linked
    assert later.select_one('.la-kicker a[href$="youth-voice/"]') is not None


def test_a_long_year_view_is_paged_by_whole_places_and_its_chips_find_them(large: Build) -> None:
    first = "questions/learning/2025/"
    pages = pages_of(large, first)
    assert len(pages) > 1 and pages[1] == f"{first}page/2/"
    total = int(soup(large, first).select_one(".la-qfilter__now").get_text().split("·")[1].split()[0])  # type: ignore[union-attr]
    seen: dict[str, int] = {}
    for url in pages:
        page = soup(large, url)
        for section in page.select(".la-qgroup"):
            place = str(section["aria-labelledby"])
            assert place not in seen, place  # a place is whole, on one page
            seen[place] = len(section.select("article.la-answer"))
        assert len(large.page(url)) < 150_000, url
    assert sum(seen.values()) == total
    # Every page's chips lead to each place's section, on this page or the one holding it, counted.
    for url in pages:
        for chip in soup(large, url).select(".la-qfilter__row--jumps a"):
            target, _, anchor = normal(url + str(chip["href"])).partition("#")
            assert anchor in seen and soup(large, target or url).find(id=anchor) is not None
            assert int(chip.select_one(".la-count").get_text().split()[0]) == seen[anchor]  # type: ignore[union-attr]


def test_a_long_travel_list_is_paged_by_whole_arrows(large: Build) -> None:
    pages = pages_of(large, "travel/")
    assert len(pages) > 1
    arrows: list[str] = []
    pairs = 0
    for number, url in enumerate(pages, start=1):
        page = soup(large, url)
        assert (page.select_one(".la-travel-figure svg") is not None) == (number == 1)  # the diagram once
        for arrow in page.select("ul.la-flows > li"):
            arrows.append(" ".join(arrow.p.get_text().split()))  # type: ignore[union-attr]
            pairs += len(arrow.select("ul > li"))
        assert len(large.page(url)) < 150_000, url
    assert len(arrows) == len(set(arrows))  # an arrow whole, on one page
    network = load_bench().make_network(RECORDS)  # the same network: made from a fixed seed
    public = {r.ref: r for r in network.records if r.visibility == "public"}
    expected = sum(
        1
        for record in public.values()
        for ref in record.learned_from
        if ref in public and public[ref].place != record.place
    )
    assert pairs == expected


def test_a_place_with_many_records_lists_them_by_page(tmp_path: Path) -> None:
    bench = load_bench()
    network = bench.make_network(1600)
    place = network.places[0].id
    mine = [r for r in network.records if r.place == place]
    network.records = [r for r in mine if not r.learned_from]  # one place's, standing alone
    bench.write_learnaloud_content(network, tmp_path / "content")
    build = build_site(tmp_path / "content", tmp_path / "site")
    assert build.returncode == 0, build.output
    first = f"places/{place}/"
    pages = pages_of(build, first)
    assert len(pages) > 1 and pages[1] == f"{first}page/2/"
    records = [
        normal(url + str(a["href"])) for url in pages for a in soup(build, url).select("li.la-record h3 a")
    ]
    public = [r for r in network.records if r.visibility == "public"]
    assert len(records) == len(set(records)) == len(public)
    later = soup(build, pages[1])
    assert later.select_one("#themes") is None  # the rest of the place's page is on its first
    assert later.select_one(f'.la-kicker a[href$="{place}/"]') is not None
    searched = {entry["location"] for entry in build.search_index()}
    assert first in searched and not [url for url in searched if url.startswith(f"{first}page/")]


def test_the_explorer_s_version_changes_with_what_its_pages_show(tmp_path: Path) -> None:
    """A cached page of another build is never mixed in: a retitled record is a new version; the
    same content, the same version."""
    bench = load_bench()
    bench.write_learnaloud_content(bench.make_network(120), tmp_path / "content")

    def version() -> str:
        build = build_site(tmp_path / "content", tmp_path / "site")
        assert build.returncode == 0, build.output
        stamp = json.loads((build.site / "explore" / "records.json").read_text())["version"]
        assert soup(build, "explore/page/2").select_one(".la-explorer")["data-version"] == stamp  # type: ignore[index]
        return str(stamp)

    first = version()
    assert version() == first
    records = sorted((tmp_path / "content" / "places").glob("*/records/*.md"))
    record = next(r for r in records if "visibility: network" not in r.read_text(encoding="utf-8"))
    text = record.read_text(encoding="utf-8")
    record.write_text(re.sub(r"^title: .*$", "title: Retitled", text, count=1, flags=re.M), encoding="utf-8")
    assert version() != first


def test_every_link_into_a_section_of_a_gathering_page_finds_it(large: Build) -> None:
    """Patterns, themes, questions, the year in review and travel link into sections of pages that
    are now paged or cut short: every such link finds its section on the page it opens."""
    pages = [
        p.parent.relative_to(large.site).as_posix() + "/"
        for folder in ("patterns", "themes", "questions", "year-in-review", "travel")
        for p in (large.site / folder).rglob("index.html")
    ]
    ids: dict[str, set[str]] = {}
    checked = 0
    for url in pages:
        for link in soup(large, url).select("main a[href*='#']"):
            target, _, anchor = normal(url + str(link["href"])).partition("#")
            if not anchor or not target or target.startswith(("http", "/")):
                continue
            if target not in ids:
                ids[target] = {str(tag["id"]) for tag in soup(large, target).select("[id]")}
            assert anchor in ids[target], (url, link["href"])
            checked += 1
    assert checked > 100


def test_the_year_in_review_lists_the_newest_posts_and_links_the_year_s_blog(large: Build) -> None:
    page = soup(large, "year-in-review/2025")
    posts = page.select_one("section[aria-labelledby=posts]")
    assert posts is not None
    link = posts.select_one(".la-report__rest a")
    assert link is not None and link.get_text().startswith("All ")
    total = int(link.get_text().split()[1])
    assert len(posts.select(".la-post-card")) == POSTS_SHOWN < total
    blog = normal(f"year-in-review/2025/{link['href']}") + "/"
    assert blog == "blog/2025/"
    assert sum(len(soup(large, url).select(".la-post-card")) for url in pages_of(large, blog)) == total
