"""Reading across years: a question's answers newest year first, by year and place, with jump links
and filtered views by year and by place that work as plain links, each chip counting what its link
shows; and the toolkit's "does it fit 10 people?" filter. Real builds of a small tree, public (with
--strict) and network."""

from __future__ import annotations

import json
import posixpath
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag

from learnaloud.core.analysis import index_published
from learnaloud.core.cards import Cards
from learnaloud.core.load import load_content
from learnaloud.core.questions import QuestionPlanner, markdown_text
from learnaloud.core.select import select
from tests.helpers import BASE_TREE, Build, article, assert_indexed_as_shown, build_site, write_tree

HOSTILE_NAME = "<img src=x onerror=alert('place')>[Quay](javascript:alert(1)) *Evil* &amp; `co`"


def record(title: str, date: str, answer: str, extra: str = "") -> str:
    return f"""
        ---
        title: {title}
        date: {date}
        evidence: [story]
        themes: [relational-approaches]
        {extra}
        ---

        Some words.

        ## What are we learning through the work?

        {answer}
    """


TREE = {
    **BASE_TREE,
    "places/north-quay/records/2024-05-01-old-quay.md": record("Quay in 2024", "2024-05-01", "Quay learned."),
    "places/hillfoot/records/2024-02-01-old-hill.md": record("Hill in 2024", "2024-02-01", "Hill learned."),
    "places/hillfoot/records/2024-09-01-later-hill.md": record(
        "Hill later in 2024",
        "2024-09-01",
        "See [the market](../../north-quay/records/2025-03-12-market-stall.md).",
    ),
    "places/evil/place.yml": f"""
        name: "{HOSTILE_NAME}"
    """,
    "places/evil/records/2023-06-01-evil.md": record("Evil in 2023", "2023-06-01", "Evil learned."),
    # A place whose id is one of the page's own ids: its headings' ids must still be its own.
    "places/other-questions/place.yml": """
        name: Otherton
    """,
    "places/other-questions/records/2023-03-01-otherton.md": record(
        "Otherton in 2023", "2023-03-01", "Otherton learned."
    ),
    # Network-only: a record of a public place, and a place of its own.
    "places/hillfoot/records/2025-05-05-canary.md": record(
        "CANARYTITLE", "2025-05-05", "CANARYANSWER only the network sees.", "visibility: network"
    ),
    "places/hidden/place.yml": """
        name: CANARYPLACE
        visibility: network
    """,
    "places/hidden/records/2022-01-01-hidden.md": record("CANARYHIDDEN", "2022-01-01", "CANARYHIDDENANSWER"),
    # Guides for the group-size filter.
    "toolkit/two-to-eight.md": """
        ---
        title: Two to eight
        summary: Small groups.
        stage: embodied
        duration: 30
        group_size: [2, 8]
        ---
    """,
    "toolkit/four-to-twelve.md": """
        ---
        title: Four to twelve
        summary: Middling groups.
        stage: embodied
        duration: 30
        group_size: [4, 12]
        ---
    """,
    "toolkit/any-size.md": """
        ---
        title: Any size
        summary: Any group at all.
        stage: integrated
        duration: 30
        ---
    """,
}

# The published answers to 'learning', newest first: (title, place, year).
PUBLIC = [
    ("Conversations at the Saturday market", "North Quay", 2025),
    ("Hill later in 2024", "Hillfoot", 2024),
    ("Quay in 2024", "North Quay", 2024),
    ("Hill in 2024", "Hillfoot", 2024),
    ("Evil in 2023", HOSTILE_NAME, 2023),
    ("Otherton in 2023", "Otherton", 2023),
]
PLACE_IDS = {
    "North Quay": "north-quay",
    "Hillfoot": "hillfoot",
    HOSTILE_NAME: "evil",
    "Otherton": "other-questions",
}
PLACES = sorted(PLACE_IDS, key=str.lower)  # the page's order: by name
YEARS = sorted({y for _, _, y in PUBLIC}, reverse=True)


def count(n: int, noun: str) -> str:
    return f"{n} {noun}{'s' * (n != 1)}"


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Build]:
    root = tmp_path_factory.mktemp("years")
    docs = write_tree(root / "content", TREE)
    built = {
        "public": build_site(docs, root / "public", strict=True),
        "network": build_site(docs, root / "network", visibility="network"),
    }
    for build in built.values():
        assert build.returncode == 0, build.output
    return built


def titles(page: Tag) -> list[str]:
    return [h.get_text(strip=True) for h in page.select(".la-answer__title")]


def headings(page: Tag, level: str) -> list[str]:
    return [h["id"] for h in page.select(f".la-qread__answers {level}[id]")]


def resolve(page_url: str, href: str) -> str:
    """A relative link on `page_url` as a site path."""
    return posixpath.normpath(posixpath.join(page_url, href.partition("#")[0])) + "/"


def question_pages(build: Build) -> list[str]:
    """Every page of the 'learning' question (its own and its year views) and every place's answers."""
    found = []
    for root in ("learning", "places"):
        folder = build.site / "questions" / root
        found += [p.parent.relative_to(build.site).as_posix() + "/" for p in folder.rglob("index.html")]
    return sorted(found)


def shows(site: Build, page_url: str, href: str) -> list[Tag]:
    """The answers a link shows: a whole page's, or those of the section its fragment names."""
    page = article(site, resolve(page_url, href))
    fragment = href.partition("#")[2]
    if not fragment:
        return page.select(".la-answer")
    target = page.select_one(f"[id='{fragment}']")
    assert target is not None and target.name == "h2", f"{page_url}: {href}"
    return target.find_parent("section").select(".la-answer")


def status(page: Tag) -> str:
    return page.select_one(".la-qfilter__now").get_text(" ", strip=True)


def rows(page: Tag) -> list[tuple[str, list[Tag]]]:
    """The filter rows: each label with its chips (links)."""
    return [
        (row.select_one(".la-qfilter__label").get_text(strip=True), row.select("li > a"))
        for row in page.select(".la-qfilter__row")
    ]


def chip_text(chip: Tag) -> tuple[str, int]:
    """A chip's name and its count (the count's hidden "answers" aside)."""
    counted = chip.select_one(".la-count")
    number = int(counted.find(string=True, recursive=False).strip())
    name = "".join(chip.find_all(string=True, recursive=False)).strip()
    return name, number


def test_a_question_page_is_newest_year_first_then_by_place(builds: dict[str, Build]) -> None:
    page = article(builds["public"], "questions/learning")
    assert headings(page, "h2") == ["year-2025", "year-2024", "year-2023", "other-questions"]
    in_2024 = page.select_one("section[aria-labelledby='year-2024']")
    assert [h.get_text(" ", strip=True) for h in in_2024.select("h3[id]")] == ["Hillfoot 2", "North Quay 1"]
    assert [h["id"] for h in in_2024.select("h3[id]")] == ["year-2024-hillfoot", "year-2024-north-quay"]
    assert titles(page) == [
        "Conversations at the Saturday market",
        "Hill later in 2024",
        "Hill in 2024",
        "Quay in 2024",
        "Evil in 2023",
        "Otherton in 2023",
    ]
    assert status(page) == "All years and places · 6 answers from 4 places, newest year first"


def test_the_jump_list_links_to_every_year_and_each_place_within_it(builds: dict[str, Build]) -> None:
    page = article(builds["public"], "questions/learning")
    jump = page.select_one("nav.la-jump")
    targets = [a["href"] for a in jump.select("a")]
    assert targets == [
        "#year-2025",
        "#year-2025-north-quay",
        "#year-2024",
        "#year-2024-hillfoot",
        "#year-2024-north-quay",
        "#year-2023",
        "#year-2023-evil",
        "#year-2023-other-questions",
        "#other-questions",
    ]
    ids = {tag["id"] for tag in page.select("[id]")}
    assert all(target[1:] in ids for target in targets)


def test_every_id_on_a_question_page_is_unique_and_none_is_materials(builds: dict[str, Build]) -> None:
    """A place called "other-questions" keeps its own heading: ours are "year-…" and "place-…"."""
    for url in question_pages(builds["public"]):
        soup = BeautifulSoup(builds["public"].page(url), "html.parser")
        ids = [tag["id"] for tag in soup.select("[id]")]
        assert len(ids) == len(set(ids)), url
        ours = [tag["id"] for tag in soup.select("article [id]")]
        assert not [i for i in ours if i.startswith("__")], url
        fixed = "#all-questions" if url.startswith("questions/places/") else "#other-questions"
        assert soup.select_one(fixed).name == "h2", url
    page = article(builds["public"], "questions/learning/2023")
    assert page.select_one("#place-other-questions").get_text(" ", strip=True) == "Otherton 1 answer"


@pytest.mark.parametrize("year", [2025, 2024, 2023])
def test_a_year_view_lists_exactly_that_years_answers_by_place(builds: dict[str, Build], year: int) -> None:
    page = article(builds["public"], f"questions/learning/{year}")
    expected = [(title, place) for title, place, y in PUBLIC if y == year]
    places = [p for p in PLACES if p in {place for _, place in expected}]
    assert sorted(titles(page)) == sorted(title for title, _ in expected)
    assert [h.get_text(" ", strip=True).rsplit(" ", 2)[0] for h in page.select(".la-qgroup > h2")] == places
    assert headings(page, "h2") == [*(f"place-{PLACE_IDS[p]}" for p in places), "other-questions"]
    assert status(page) == (
        f"{year} · {count(len(expected), 'answer')} from {count(len(places), 'place')} · Show all years"
    )
    back = page.select_one(".la-qfilter__now a")
    assert resolve(f"questions/learning/{year}/", back["href"]) == "questions/learning/"
    assert page.select_one(".la-kicker").get_text(" ", strip=True).endswith(str(year))


@pytest.mark.parametrize("place", ["North Quay", "Hillfoot", HOSTILE_NAME])
def test_a_places_page_lists_its_answers_by_question_then_newest_year_first(
    builds: dict[str, Build], place: str
) -> None:
    url = f"questions/places/{PLACE_IDS[place]}/"
    page = article(builds["public"], url)
    expected = [(title, y) for title, p, y in PUBLIC if p == place]
    years = list(dict.fromkeys(y for _, y in expected))
    assert titles(page) == [title for title, _ in expected]  # every answer in TREE is to 'learning'
    assert headings(page, "h2") == ["question-learning", "all-questions"]
    assert headings(page, "h3") == [f"year-{y}-learning" for y in years]
    assert page.select_one("h1").get_text(strip=True) == f"{place}'s answers to the four questions"
    assert status(page) == (
        f"{place} · {count(len(expected), 'answer')} to 1 question in {count(len(years), 'year')}, "
        "newest first · All questions and places"
    )
    assert resolve(url, page.select_one(".la-qfilter__now a")["href"]) == "questions/"
    assert "has not yet answered" in page.get_text()


def test_each_view_names_its_rows_a_filter_of_views_or_jumps_within_the_page(
    builds: dict[str, Build],
) -> None:
    def shape(url: str) -> list[tuple[str, list[tuple[str, int]], bool]]:
        return [
            (label, [chip_text(c) for c in chips], all(c["href"].startswith("#") for c in chips))
            for label, chips in rows(article(builds["public"], url))
        ]

    years = [("All years", 6), ("2025", 1), ("2024", 3), ("2023", 2)]
    places = [("All places", 6), (HOSTILE_NAME, 1), ("Hillfoot", 2), ("North Quay", 2), ("Otherton", 1)]
    assert shape("questions/learning") == [("Year", years, False), ("Place", places, False)]
    chips = dict(rows(article(builds["public"], "questions/learning")))["Place"]
    assert [c["href"].rpartition("/")[2] for c in chips[1:]] == ["#question-learning"] * 4
    # A year view: the places are that year's, counted for it, and stay on the page.
    assert shape("questions/learning/2024") == [
        ("Year", years, False),
        ("Jump to a place", [("Hillfoot", 2), ("North Quay", 1)], True),
    ]
    # A place's page: the places' pages (each counting all its answers), and its questions.
    assert shape("questions/places/north-quay") == [
        ("Place", places[1:], False),
        ("Jump to a question", [("What are we learning through the work?", 2)], True),
    ]


@pytest.mark.parametrize("build", ["public", "network"])
def test_every_chip_counts_what_its_link_shows(builds: dict[str, Build], build: str) -> None:
    """A chip to a view counts that view's answers; a jump counts the answers of its section."""
    site = builds[build]
    checked = 0
    for url in question_pages(site):
        page = article(site, url)
        for _, chips in rows(page):
            for chip in chips:
                name, number = chip_text(chip)
                href = chip["href"]
                answers = shows(site, url, href)
                if "#" in href:
                    target = article(site, resolve(url, href)).select_one(f"[id='{href.partition('#')[2]}']")
                    text = target.get_text(" ", strip=True)
                    assert name in text or url.startswith("questions/learning"), f"{url}: {href}"
                assert len(answers) == number, f"{url}: {name} says {number}, shows {len(answers)}"
                checked += 1
    assert checked > 40
    # The grid's counts lead to the same sections.
    grid = article(site, "questions")
    cells = grid.select(".la-matrix td a")
    assert cells
    for cell in cells:
        assert "#question-" in cell["href"]
        number = int(cell.select_one(".la-matrix__count").get_text(strip=True))
        assert len(shows(site, "questions/", cell["href"])) == number, cell["href"]


def test_the_chip_of_the_view_shown_is_marked_current_and_no_other(builds: dict[str, Build]) -> None:
    for url in question_pages(builds["public"]):
        page = article(builds["public"], url)
        chips = [c for _, row in rows(page) for c in row]
        current = [chip_text(c)[0] for c in chips if c.get("aria-current") == "page"]
        here = [chip_text(c)[0] for c in chips if "#" not in c["href"] and resolve(url, c["href"]) == url]
        assert current == here and current, url
        assert not page.select(".la-qfilter [aria-current]:not(a)"), url
    assert [
        chip_text(c)[0]
        for _, row in rows(article(builds["public"], "questions/learning"))
        for c in row
        if c.get("aria-current")
    ] == ["All years", "All places"]


def test_every_link_on_the_question_pages_reaches_a_page_of_the_site(builds: dict[str, Build]) -> None:
    site = builds["public"].site
    pages = sorted(
        p.parent.relative_to(site).as_posix() + "/" for p in (site / "questions").rglob("index.html")
    )
    for url in pages:
        page = article(builds["public"], url)
        ids = {tag["id"] for tag in page.select("[id]")}
        for a in page.select(
            "nav.la-qfilter a, nav.la-jump a, .la-answer a, #other-questions + ul a, #all-questions + ul a,"
            " .la-kicker a, .la-empty a, .la-matrix a"
        ):
            href = a["href"]
            if href.startswith("http"):
                continue
            if href.startswith("#"):
                assert href[1:] in ids, f"{url}: {href}"
                continue
            target = resolve(url, href)
            assert (site / target / "index.html").is_file(), f"{url}: {href} → {target}"
            if "#" in href:
                there = article(builds["public"], target)
                assert there.select_one(f"[id='{href.partition('#')[2]}']") is not None, f"{url}: {href}"


def test_views_are_bounded_one_a_question_and_year_and_one_a_place(builds: dict[str, Build]) -> None:
    site = builds["public"].site
    learning = sorted(
        p.relative_to(site / "questions" / "learning").as_posix()
        for p in (site / "questions/learning").rglob("index.html")
    )
    assert learning == ["2023/index.html", "2024/index.html", "2025/index.html", "index.html"]
    places = sorted(p.parent.name for p in (site / "questions/places").rglob("index.html"))
    assert places == ["evil", "hillfoot", "north-quay", "other-questions"]  # no page for no answers
    assert not (site / "questions/places/index.html").exists()
    # A question nobody answered has its page, and no views.
    assert not [p for p in (site / "questions/patterns").rglob("index.html") if p.parent.name != "patterns"]
    assert (
        "No published record answers this question yet"
        in article(builds["public"], "questions/patterns").get_text()
    )


def test_a_network_only_answer_is_in_no_public_filter_view_and_in_the_network_ones(
    builds: dict[str, Build],
) -> None:
    public, network = builds["public"], builds["network"]
    leaks = [p for p, data in public.files().items() if b"CANARY" in data]
    assert leaks == []
    assert not (public.site / "questions/places/hidden").exists()
    assert not (public.site / "questions/learning/2022").exists()
    assert titles(article(public, "questions/places/hillfoot")) == ["Hill later in 2024", "Hill in 2024"]
    assert "CANARYANSWER" in article(network, "questions/places/hillfoot").get_text()
    assert "CANARYANSWER" in article(network, "questions/learning/2025").get_text()
    assert "CANARYHIDDENANSWER" in article(network, "questions/places/hidden").get_text()


def test_an_answers_links_are_rebased_for_each_view(builds: dict[str, Build]) -> None:
    for url in ("questions/learning", "questions/learning/2024", "questions/places/hillfoot"):
        page = article(builds["public"], url)
        answer = next(a for a in page.select(".la-answer") if "Hill later" in a.get_text())
        link = answer.select_one(".la-answer__body a")
        target = resolve(url + "/", link["href"])
        assert target == "places/north-quay/records/2025-03-12-market-stall/", url


def test_a_hostile_place_name_is_text_in_headings_filters_and_jump_links(builds: dict[str, Build]) -> None:
    for url in ("questions/learning", "questions/learning/2023", "questions/places/evil"):
        html = builds["public"].page(url)
        soup = BeautifulSoup(html, "html.parser")
        assert soup.select("img[onerror]") == []
        assert not [a for a in soup.select("a[href]") if a["href"].startswith("javascript")]
        content = soup.select_one("article")
        texts = [
            t.get_text(" ", strip=True)
            for t in content.select(
                ".la-qfilter li, .la-qfilter__now, .la-jump a, .la-qgroup h2, .la-qgroup h3"
            )
        ]
        assert any(HOSTILE_NAME in t for t in texts), url
    assert "<em>" not in str(article(builds["public"], "questions/learning").select_one(".la-qfilter"))


def test_every_chip_leads_to_a_planned_page_or_a_section_of_its_own(tmp_path: Path) -> None:
    """The chips' addresses come from the same helpers that name the planned pages; the words
    saying which view a page is are its Markdown, with a relative `.md` link back that `--strict`
    checks."""
    content, report = load_content(write_tree(tmp_path / "content", TREE))
    published = select(content, "public", report)
    pages = QuestionPlanner(Cards(published, index_published(published)), lambda answer, url: "").pages()
    sources = {page.src_uri for page in pages}
    urls = {posixpath.splitext(src)[0].removesuffix("index").rstrip("/") + "/" for src in sources}
    questions = [
        page
        for page in pages
        if page.template in ("learnaloud/question.html", "learnaloud/question-place.html")
    ]
    assert len(questions) == 4 + 3 + 4  # the four questions' pages; learning's three years; four places
    anchors_of = {
        posixpath.splitext(page.src_uri)[0] + "/": {group.anchor for group in page.view().groups}
        for page in questions
    }
    for page in questions:
        view = page.view()
        anchors = {group.anchor for group in view.groups}
        for row in view.filters:
            for chip in row.chips:
                address, _, fragment = chip.url.partition("#")
                if chip.jump:
                    assert fragment in anchors, chip
                else:
                    assert address in urls and (not fragment or fragment in anchors_of[address]), chip
        assert bool(page.markdown) == bool(view.groups), page.src_uri
        links = re.findall(r"\]\(([^)]*)\)", page.markdown)
        assert len(links) == (page.src_uri.count("/") > 1), page.src_uri  # a view links back
        for link in links:
            assert link.endswith(".md") and not link.startswith(("/", "http")), link
            target = posixpath.normpath(posixpath.join(posixpath.dirname(page.src_uri), link))
            back = (
                "questions/index.md"
                if page.src_uri.startswith("questions/places/")
                else "questions/learning.md"
            )
            assert target == back, f"{page.src_uri}: {link}"


def test_search_finds_the_question_page_and_not_its_filtered_views(builds: dict[str, Build]) -> None:
    index = builds["public"].search_index()
    locations = {doc["location"] for doc in index}
    assert "questions/learning/" in locations
    assert not [loc for loc in locations if loc.startswith(("questions/learning/2", "questions/places/"))]
    for doc in index:
        assert_indexed_as_shown(builds["public"], doc)


def test_markdown_text_shows_exactly_the_text() -> None:
    assert markdown_text("North  Quay") == "North Quay"
    assert "<" not in markdown_text("<b>") and "[" not in markdown_text("[x](y)")
    assert markdown_text("Ünïcode 2") == "Ünïcode 2"


# The toolkit: does it fit 10 people?


def test_the_toolkit_index_gives_each_guide_its_group_size_in_page_order(builds: dict[str, Build]) -> None:
    build = builds["public"]
    index = json.loads((build.site / "toolkit" / "guides.json").read_text())
    assert [f[0] for f in index["facets"]] == ["stage", "scope", "question", "duration"]
    page = article(build, "toolkit")
    order = [li.h3.get_text(strip=True) for li in page.select("[data-item]")]
    sizes = dict(zip(order, index["ranges"][0][1], strict=True))
    assert index["ranges"][0][0] == "people"
    assert sizes == {"Two to eight": [2, 8], "Four to twelve": [4, 12], "Any size": None}


def test_without_javascript_the_toolkit_says_each_guides_group_size(builds: dict[str, Build]) -> None:
    page = article(builds["public"], "toolkit")
    field = page.select_one("fieldset[data-range='people']")
    assert field.select_one("[data-range-field]").has_attr("hidden"), "the box needs JavaScript"
    assert "1 guide names no group size: it fits any number." in field.get_text(" ", strip=True)
    cards = {
        li.h3.get_text(strip=True): li.select_one(".la-card__facts").get_text(" ", strip=True)
        for li in page.select("[data-item]")
    }
    assert "2 to 8 people" in cards["Two to eight"] and "4 to 12 people" in cards["Four to twelve"]
    assert "any group" in cards["Any size"]


@pytest.mark.parametrize(
    ("size", "people", "fit"),
    [
        ((2, 8), 10, False),
        ((4, 12), 10, True),
        (None, 10, True),
        (None, 500, True),
        ((2, 8), 2, True),
        ((2, 8), 8, True),
    ],
)
def test_a_guide_fits_a_number_its_group_size_holds(
    size: tuple[int, int] | None, people: int, fit: bool
) -> None:
    from learnaloud.core.model import Activity
    from learnaloud.core.toolkit import fits

    activity = Activity.model_construct(group_size=size)
    assert fits(activity, people) is fit


def test_docs_describe_reading_across_years() -> None:
    text = (Path(__file__).resolve().parents[2] / "docs" / "reading-the-site.md").read_text(encoding="utf-8")
    assert "questions/<question>/<year>/" in text and "toolkit/?people=10" in text
    assert "questions/places/<place>/" in text and "places" in text


def test_places_cannot_be_a_question_id(tmp_path: Path) -> None:
    """`questions/places/` holds each place's answers: a question with that id is an error."""
    tree = {
        **BASE_TREE,
        "network.yml": """
            name: Test network
            questions:
              - id: places
                text: Which places are we in?
        """,
    }
    _, report = load_content(write_tree(tmp_path / "content", tree))
    assert any("'places' cannot be the id of a question" in d.message for d in report.errors)
