"""Reports: each place's learning report for a year and the network's year in review, checked
against the records they are made from; the reports index; written reports; and that nothing a
public build withholds reaches any of them."""

from __future__ import annotations

import re
import textwrap
from collections.abc import Callable
from pathlib import Path

import markdown
import pytest
import yaml
from bs4 import BeautifulSoup, NavigableString, Tag

from learnaloud.core.analysis.questions import QuestionMatcher, answer_markdown
from learnaloud.core.headings import find_headings
from learnaloud.core.model import DEFAULT_QUESTIONS, Record, Source
from learnaloud.core.source import LineMap
from learnaloud.core.urls import resolve
from tests.helpers import BASE_TREE, Build, article, build_both, build_site, write_tree

QUESTIONS = {q.id: q for q in DEFAULT_QUESTIONS}

TREE: dict[str, str] = {
    **BASE_TREE,
    "network.yml": """
        name: Test Network
        description: A network for tests.
        license: CC-BY-4.0
        private:
          funder_contact: CANARY-PRIVATE-NETWORK
    """,
    "places/north-quay/place.yml": """
        name: North Quay
        region: Tyneside
        private:
          contact: CANARY-PRIVATE-PLACE
    """,
    "places/north-quay/measures.yml": """
        participants:
          2024-12: 30
          2025-01: 34
          2025-02: 41
        private:
          source: CANARY-PRIVATE-MEASURES
    """,
    # Hillfoot reported a figure in 2023 and wrote nothing: a report for 2023 all the same.
    "places/hillfoot/measures.yml": """
        participants:
          2023-06: 12
          2025-01: 20
    """,
    "places/north-quay/records/2025-06-20-two-answers.md": """
        ---
        title: Two answers and a link
        date: 2025-06-20
        summary: A record answering two questions, one of them twice.
        evidence: [reflection]
        themes: [equalising-space]
        learned_from: [hillfoot/2025-04-01-kitchen-tables]
        private:
          notes: CANARY-PRIVATE-RECORD
        ---

        Opening words, not an answer.

        ## patterns

        The evening sessions drew ANSWERNQPATTERNS twice the daytime numbers.

        ### A detail inside the answer

        It held across [the kitchen tables](../../hillfoot/records/2025-04-01-kitchen-tables.md) too.

        ## Something else

        Not an answer at all: NOTANANSWER.

        ## How do we share and amplify our learning to create impact?

        We told the council ANSWERNQSHARE at the ward forum.

        ## share

        And we wrote it up a second time: ANSWERNQSHARESECOND.
    """,
    "places/north-quay/records/2024-09-01-last-year.md": """
        ---
        title: Last year
        date: 2024-09-01
        evidence: [story]
        ---

        ## What are we learning through the work?

        In 2024 we learned ANSWERNQ2024.
    """,
    "places/north-quay/records/2025-07-01-canary-net-record-slug.md": """
        ---
        title: CANARY-NET-RECORD-TITLE
        date: 2025-07-01
        evidence: [setback]
        visibility: network
        ---

        ## What are we learning through the work?

        CANARYNETRECORDANSWER
    """,
    "places/hillfoot/records/2025-05-05-what-we-noticed.md": """
        ---
        title: What we noticed
        date: 2025-05-05
        evidence: [story]
        themes: [relational-approaches]
        ---

        ## What patterns are we observing from the work?

        Neighbours ANSWERHFPATTERNS came in pairs.

        ## adapt

        We moved the tables ANSWERHFADAPT nearer the school.
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

        ## What are we learning through the work?

        CANARYNETPLACEANSWER
    """,
    "places/secret-place/measures.yml": """
        participants:
          2025-01: 987654
          2031-01: 5
    """,
    # An earlier table the March one picks up: the year in review reports its hypotheses as tested.
    "tables/2024-11-the-stall.yml": """
        title: What did the stall teach us?
        date: 2024-11-05
        scope: place
        places: [north-quay]
        insights:
          - text: People stop EARLIERINSIGHT where they wait.
        hypotheses:
          - text: If we use maps, then people fill in the survey.
            status: revised
          - text: If we stay at the stall, then EARLIERHELD more people stop.
            status: held
          - text: If we move indoors, then EARLIERTESTING nothing is lost.
            status: testing
    """,
    "tables/2025-03-across.yml": """
        title: Are we reaching new people?
        date: 2025-03-20
        scope: across-places
        places: [north-quay, hillfoot, secret-place]
        follows: 2024-11-the-stall
        question: Who came for the first time?
        insights:
          - text: People came INSIGHT2025 when asked one by one.
        ground_truth:
          - text: Forty people came to the stall.
            evidence: [north-quay/2025-03-12-market-stall, north-quay/2025-07-01-canary-net-record-slug]
        hypotheses:
          - text: If we invite one by one, then HYPOTHESISHELD more come back.
            status: held
          - text: If we use maps, then HYPOTHESISREVISED people who avoid forms take part.
            status: revised
          - text: If we stop leaflets, then HYPOTHESISOPEN nothing changes.
            status: open
    """,
    "tables/2025-09-secret.yml": """
        title: CANARY-NET-TABLE
        date: 2025-09-01
        scope: national
        hypotheses:
          - text: CANARYNETTABLEHYPOTHESIS
            status: held
        visibility: network
        private:
          facilitator: CANARY-PRIVATE-TABLE
    """,
    "places/north-quay/posts/2025-12-01-our-year.md": """
        ---
        title: Our year at North Quay
        date: 2025-12-01
        authors: [Asha Patel]
        summary: What a year of the stall taught us.
        type: report
        themes: [relational-approaches]
        private:
          draft: CANARY-PRIVATE-POST
        ---

        An introduction.

        ## What we did

        We ran the stall.

        ### Saturdays

        Every Saturday.

        ## What we ask

        ```learning-chart
        measure: participants
        places: [north-quay]
        ```
    """,
    "posts/2025-08-01-secret-post.md": """
        ---
        title: CANARY-NET-POST
        date: 2025-08-01
        type: report
        visibility: network
        ---

        CANARYNETPOSTBODY
    """,
    "places/secret-place/posts/2025-03-01-inside.md": """
        ---
        title: CANARY-NET-PLACE-REPORT
        date: 2025-03-01
        type: report
        ---

        CANARYNETPLACEPOSTBODY
    """,
}

# What a public build never publishes, in any file.
NETWORK_ONLY = [
    "CANARY-NET-RECORD-TITLE",
    "CANARYNETRECORDANSWER",
    "canary-net-record-slug",
    "CANARY-NET-PLACE-NAME",
    "CANARYNETPLACEANSWER",
    "secret-place",
    "987654",
    "987,654",
    # The network-only place's one figure of 2031, as a chart, its numbers or a page would say it
    # (the bare "2031" could be part of a chart's hexadecimal ids).
    "2031-01",
    "January 2031",
    "Jan 2031",
    ">2031<",
    "year-in-review/2031",
    "CANARY-NET-TABLE",
    "CANARYNETTABLEHYPOTHESIS",
    "CANARY-NET-POST",
    "CANARYNETPOSTBODY",
    "CANARY-NET-PLACE-REPORT",
    "CANARYNETPLACEPOSTBODY",
]
PRIVATE = [
    "CANARY-PRIVATE-NETWORK",
    "CANARY-PRIVATE-PLACE",
    "CANARY-PRIVATE-MEASURES",
    "CANARY-PRIVATE-RECORD",
    "CANARY-PRIVATE-NETPLACE",
    "CANARY-PRIVATE-TABLE",
    "CANARY-PRIVATE-POST",
]


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Build]:
    return build_both(tmp_path_factory.mktemp("reports"), TREE)


# -- the records a report is checked against, read from the tree as a contributor wrote them ----


def tree_records(build: str) -> list[Record]:
    """Every record of the tree that a `build` publishes, parsed from its file."""
    public_places = {"north-quay", "hillfoot"}
    found = []
    for path, text in TREE.items():
        match = re.fullmatch(r"places/([^/]+)/records/([^/]+)\.md", path)
        if match is None:
            continue
        _, front, body = textwrap.dedent(text).lstrip("\n").split("---\n", 2)
        meta = yaml.safe_load(front)
        public = match[1] in public_places and meta.get("visibility", "public") == "public"
        if build == "public" and not public:
            continue
        found.append(
            Record(
                id=match[2],
                place=match[1],
                source=Source(path, LineMap({})),
                title=meta["title"],
                date=meta["date"],
                evidence=meta["evidence"],
                body=body,
                headings=find_headings(body),
            )
        )
    return found


def answer_texts(record: Record) -> dict[str, list[str]]:
    """A record's answers as a reader reads them, by question id: each paragraph's text."""
    texts: dict[str, list[str]] = {}
    for answer in QuestionMatcher(DEFAULT_QUESTIONS).answers(record):
        html = markdown.markdown(answer_markdown(answer))
        paragraphs = [
            " ".join(p.get_text().split()) for p in BeautifulSoup(html, "html.parser").find_all("p")
        ]
        texts.setdefault(answer.question.id, []).extend(paragraphs)
    return texts


def between(start: Tag, stop: Callable[[Tag], bool]) -> str:
    """The text after a heading, up to the first tag `stop` accepts."""
    parts = []
    for element in start.next_elements:
        if isinstance(element, Tag):
            if stop(element):
                break
        elif isinstance(element, NavigableString):
            parts.append(str(element))
    return " ".join(" ".join(parts).split())


def next_section(tag: Tag) -> bool:
    """A report's next section: a major heading, or the next question's."""
    return tag.name == "h2" or str(tag.get("id", "")).startswith("question-")


def section_text(page: Tag, anchor: str) -> str:
    """The text of a report's section whose heading has id `anchor`, to the next section."""
    heading = page.find(id=anchor)
    assert isinstance(heading, Tag), anchor
    return between(heading, next_section)


def report_page(build: Build, url: str) -> Tag:
    found = article(build, url).select_one("[data-la-print=report]")
    assert found is not None, f"{url} is not marked for printing"
    return found


# -- place reports --------------------------------------------------------------------------------


@pytest.mark.parametrize("visibility", ["public", "network"])
def test_a_place_report_has_every_answer_of_its_records_that_year(
    builds: dict[str, Build], visibility: str
) -> None:
    build = builds[visibility]
    for place in ["north-quay", "hillfoot"] + (["secret-place"] if visibility == "network" else []):
        for year in (2024, 2025):
            records = [r for r in tree_records(visibility) if r.place == place and r.date.year == year]
            if not records:
                continue
            page = report_page(build, f"places/{place}/reports/{year}")
            for question in DEFAULT_QUESTIONS:
                text = section_text(page, f"question-{question.id}")
                expected = [t for r in records for t in answer_texts(r).get(question.id, [])]
                for paragraph in expected:
                    assert paragraph in text, (place, year, question.id, paragraph)
                if not expected:
                    assert "answered this question" in text
            # Each answer under its record's title, which links to the record.
            for record in records:
                if answer_texts(record):
                    links = page.select(f'.la-answer__title a[href$="records/{record.id}/"]')
                    assert links, record.ref


def test_a_place_report_holds_nothing_else(builds: dict[str, Build]) -> None:
    page = report_page(builds["public"], "places/north-quay/reports/2025")
    text = page.get_text(" ")
    assert "NOTANANSWER" not in text  # a heading that names no question is not an answer
    assert "ANSWERNQ2024" not in text  # another year's
    assert "ANSWERHFPATTERNS" not in text  # another place's
    for canary in NETWORK_ONLY + PRIVATE:
        assert canary not in str(page), canary


def test_a_place_report_shows_its_year(builds: dict[str, Build]) -> None:
    build = builds["public"]
    page = report_page(build, "places/north-quay/reports/2025")
    cover = page.select_one(".la-report__cover")
    assert cover is not None
    assert cover.h1 is not None and cover.h1.get_text() == "North Quay: learning report 2025"
    words = " ".join(cover.get_text(" ").split())
    assert "January to 1 December 2025, so far" in words and "Test Network" in words  # its newest item
    assert "Generated from 2 learning records, 1 post, 1 Emergent Learning table" in words
    # Its themes, counted over the year's records.
    themes = {a.get_text(" ", strip=True) for a in cover.select(".la-report__themes a")}
    assert themes == {"Relational approaches 1", "Equalising space 1"}
    # Its table that year, whole, without the network-only place.
    tables = page.select_one("#tables")
    assert tables is not None and "Are we reaching new people?" in section_text(page, "tables")
    assert "Forty people came to the stall." in page.get_text()
    # Its measure, within the year: January and February, not December 2024.
    measures = page.select_one(".la-report__measures")
    assert measures is not None
    numbers = [th.get_text() for th in measures.select("table.la-figure__table tbody th")]
    assert numbers == ["January 2025", "February 2025"]
    # Learning that travelled: its record drew on Hillfoot's.
    assert "drew on" in section_text(page, "travel") and "Kitchen table conversations" in section_text(
        page, "travel"
    )
    # Its posts and its records, each linked.
    assert page.select('a[href$="posts/2025-12-01-our-year/"]')
    records = page.select("#records ~ ul.la-records li.la-record h3 a")
    assert [a.get_text() for a in records] == [  # newest first, as everywhere else
        "Two answers and a link",
        "Conversations at the Saturday market",
    ]
    # Its figure for the year: a head count (`rollup: none`), so February's, named as February's,
    # with the range over the months it reported, never the months added up (75).
    figure = " ".join(measures.get_text(" ").split())
    assert "41 people in February 2025" in figure
    assert "not the year's" in figure and "Between 34 and 41 a month from January to February 2025" in figure
    assert "75" not in figure
    # The whole network's year, said once.
    more = page.select_one(".la-report__more")
    assert more is not None
    assert "Read 2025: the year in review for the whole network." in " ".join(more.get_text(" ").split())


def description(build: Build, url: str) -> str:
    meta = BeautifulSoup(build.page(url), "html.parser").select_one('meta[name="description"]')
    assert meta is not None, url
    return str(meta["content"])


def test_a_report_is_described_by_what_it_holds(builds: dict[str, Build]) -> None:
    build = builds["public"]
    assert description(build, "places/north-quay/reports/2025") == (
        "North Quay's learning report for 2025: its answers to 3 of the 4 key questions from 2 learning "
        "records, 1 Emergent Learning table, 1 post and its figures for 1 shared measure."
    )
    assert description(build, "places/hillfoot/reports/2023") == (
        "Hillfoot's learning report for 2023: its figures for 1 shared measure."
    )
    assert description(build, "year-in-review/2025") == (
        "What Test Network learned in 2025, question by question and place by place: 4 learning records "
        "from 2 places, 1 Emergent Learning table, 1 written report and the figures of 1 shared measure."
    )


def test_a_year_with_only_figures_has_a_report(builds: dict[str, Build]) -> None:
    page = report_page(builds["public"], "places/hillfoot/reports/2023")
    assert "published no learning record in 2023" in page.get_text()
    assert page.select_one(".la-report__measures") is not None


def test_no_report_for_what_a_public_build_withholds(builds: dict[str, Build]) -> None:
    site = builds["public"].site
    assert not (site / "places/secret-place").exists()
    assert not (site / "year-in-review/2031").exists()
    assert sorted(p.name for p in (site / "year-in-review").iterdir()) == ["2023", "2024", "2025"]
    assert sorted(p.name for p in (site / "places/north-quay/reports").iterdir()) == ["2024", "2025"]
    network = builds["network"].site
    assert (network / "places/secret-place/reports/2025/index.html").is_file()
    assert (network / "year-in-review/2031/index.html").is_file()  # the secret place's figure


# -- the year in review ---------------------------------------------------------------------------


@pytest.mark.parametrize("visibility", ["public", "network"])
def test_the_year_in_review_has_every_answer_of_the_year_by_place(
    builds: dict[str, Build], visibility: str
) -> None:
    build = builds[visibility]
    records = [r for r in tree_records(visibility) if r.date.year == 2025]
    page = report_page(build, "year-in-review/2025")
    for question in DEFAULT_QUESTIONS:
        text = section_text(page, f"question-{question.id}")
        for record in records:
            for paragraph in answer_texts(record).get(question.id, []):
                assert paragraph in text, (question.id, record.ref, paragraph)
                # … under its place's heading
                group = page.find(id=f"{question.id}-{record.place}")
                assert isinstance(group, Tag), (question.id, record.place)
                in_group = between(
                    group, lambda tag: next_section(tag) or "la-report__place" in tag.get("class", [])
                )
                assert paragraph in in_group, (question.id, record.ref)


def test_the_year_in_review_holds_nothing_withheld(builds: dict[str, Build]) -> None:
    page = report_page(builds["public"], "year-in-review/2025")
    for canary in NETWORK_ONLY + PRIVATE:
        assert canary not in str(page), canary
    assert "ANSWERNQ2024" not in page.get_text()
    network = report_page(builds["network"], "year-in-review/2025").get_text()
    assert "CANARYNETRECORDANSWER" in network and "CANARYNETTABLEHYPOTHESIS" in network


def test_the_year_in_review_reports_place_by_place(builds: dict[str, Build]) -> None:
    page = report_page(builds["public"], "year-in-review/2025")
    places = page.select(".la-report__places > li")
    assert [li.h3.get_text() for li in places if li.h3] == ["Hillfoot", "North Quay"]
    north_quay = places[1]
    assert "2 records" in " ".join(north_quay.get_text(" ").split())
    assert north_quay.select('a[href="../../places/north-quay/reports/2025/"]')


def test_the_year_in_review_opens_with_what_the_network_learned(builds: dict[str, Build]) -> None:
    page = report_page(builds["public"], "year-in-review/2025")
    sections = [
        h2["id"]
        for h2 in page.select("h2[id]")
        if not h2.find_parent(class_=["la-report__cover", "la-report__toc"])
    ]
    assert sections[0] == "headlines"
    assert page.select_one(".la-report__toc a")["href"] == "#headlines"  # type: ignore[index]
    # The year's written reports, each with its summary and its address for paper.
    written = page.select(".la-report__written > li")
    assert [li.h4.get_text(strip=True) for li in written if li.h4] == ["Our year at North Quay"]
    assert "What a year of the stall taught us." in written[0].get_text()
    link = written[0].select_one("a[data-la-address]")
    assert link is not None
    assert (
        link["data-la-address"] == "https://example.org/network/places/north-quay/posts/2025-12-01-our-year/"
    )
    # The year's table: its insights, and its hypotheses of every status, each labelled.
    [table] = page.select(".la-report__learning")
    assert "INSIGHT2025" in table.get_text()
    labelled = {
        " ".join(li.get_text(" ").split()).split(" ")[0]: li.get_text()
        for li in table.select(".la-report__hypothesis-list > li")
    }
    assert set(labelled) == {"held", "revised", "open"}
    assert "HYPOTHESISHELD" in labelled["held"] and "HYPOTHESISOPEN" in labelled["open"]
    assert "HYPOTHESISREVISED" in labelled["revised"]
    assert "no later published table gives its new wording" in labelled["revised"]


def test_the_year_in_review_shows_earlier_hypotheses_it_tested(builds: dict[str, Build]) -> None:
    page = report_page(builds["public"], "year-in-review/2025")
    text = section_text(page, "hypotheses")
    assert "What did the stall teach us?" in text and "Tested in 2025 by Are we reaching new people?" in text
    statuses = [
        li.select_one(".la-status")
        for li in page.select("#hypotheses ~ div .la-report__hypothesis-list > li")
    ]
    assert [s.get_text() for s in statuses if s] == ["revised", "held", "testing"]
    # The revised one, with what it became in the March table that picked it up.
    became = page.select_one("#hypotheses ~ div .la-report__became")
    assert became is not None
    assert "HYPOTHESISREVISED" in became.get_text() and became.select('a[href$="tables/2025-03-across/"]')
    assert "EARLIERHELD" in text and "EARLIERTESTING" in text


def test_the_year_in_review_shows_the_network_figures_and_travel(builds: dict[str, Build]) -> None:
    page = report_page(builds["public"], "year-in-review/2025")
    measures = page.select_one(".la-report__measures")
    assert measures is not None
    rows = [
        [cell.get_text() for cell in row.select("th, td")]
        for row in measures.select("table.la-figure__table tbody tr")
    ]
    assert rows == [["January 2025", "54", "2 of 2"], ["February 2025", "41", "1 of 2"]]
    # The figure every place is in, named by its month; the later one only some reported, apart.
    words = " ".join(measures.get_text(" ").split())
    assert "54 people in January 2025" in words
    assert "February 2025 so far: 41, from 1 of 2 places" in words
    # Each place's report, its address printed on paper.
    addresses = [a["data-la-address"] for a in page.select(".la-report__places a[data-la-address]")]
    assert addresses == [
        "https://example.org/network/places/hillfoot/reports/2025/",
        "https://example.org/network/places/north-quay/reports/2025/",
    ]
    travel = section_text(page, "travel")
    assert "North Quay learned from Hillfoot" in travel
    assert "1 record in North Quay's 2025 report" in travel  # the records, a link away
    # Hillfoot's kitchen tables learned from North Quay's market stall: both in 2025.
    assert "Hillfoot learned from North Quay" in travel


# -- the reports index, written reports, links ----------------------------------------------------


def test_the_reports_page_lists_every_report(builds: dict[str, Build]) -> None:
    build = builds["public"]
    page = article(build, "reports")
    hrefs = {resolve("reports/", a["href"]) for a in page.select("a[href]") if isinstance(a["href"], str)}
    for year in (2023, 2024, 2025):
        assert f"year-in-review/{year}/" in hrefs
    for place, year in [("north-quay", 2024), ("north-quay", 2025), ("hillfoot", 2023), ("hillfoot", 2025)]:
        assert f"places/{place}/reports/{year}/" in hrefs
    assert "places/north-quay/posts/2025-12-01-our-year/" in hrefs
    assert not any("secret" in href for href in hrefs)
    nav = BeautifulSoup(build.page(""), "html.parser").select(".md-tabs a, .md-nav a")
    assert any(a.get_text(strip=True) == "Reports" for a in nav)


def test_a_written_report_has_a_cover_and_its_contents(builds: dict[str, Build]) -> None:
    page = report_page(builds["public"], "places/north-quay/posts/2025-12-01-our-year")
    cover = page.select_one(".la-report__cover")
    assert cover is not None
    words = " ".join(cover.get_text(" ").split())
    for expected in [
        "Our year at North Quay",
        "North Quay",
        "1 December 2025",
        "Asha Patel",
        "What a year of the stall taught us.",
    ]:
        assert expected in words
    contents = page.select(".la-report__toc a")
    assert [(a.get_text(), a["href"]) for a in contents] == [
        ("What we did", "#what-we-did"),
        ("Saturdays", "#saturdays"),
        ("What we ask", "#what-we-ask"),
    ]
    assert page.select_one(".la-report__body figure.la-figure svg") is not None  # the live block, drawn


def test_every_link_and_contents_entry_of_a_report_resolves(builds: dict[str, Build]) -> None:
    build = builds["public"]
    site = build.site
    reports = [
        p.parent.relative_to(site).as_posix() + "/" for p in site.glob("places/*/reports/*/index.html")
    ]
    reports += [p.parent.relative_to(site).as_posix() + "/" for p in site.glob("year-in-review/*/index.html")]
    reports += ["reports/", "places/north-quay/posts/2025-12-01-our-year/"]
    for url in reports:
        page = article(build, url.rstrip("/"))
        for link in page.select("a[href]"):
            href = link["href"]
            assert isinstance(href, str)
            if href.startswith(("http:", "https:", "mailto:")):
                continue
            if href.startswith("#"):
                assert page.find(id=href[1:]) is not None, (url, href)
                continue
            target = resolve(url, href).partition("#")[0]
            assert (site / target / "index.html").is_file() or (site / target).is_file(), (url, href)
    # The answer's own link, written relative to its record, still finds the record it names.
    page = article(build, "places/north-quay/reports/2025")
    assert page.select('.la-answer__body a[href="../../../hillfoot/records/2025-04-01-kitchen-tables/"]')


def test_every_report_is_marked_for_printing(builds: dict[str, Build]) -> None:
    site = builds["public"].site
    marked = sorted(
        p.parent.relative_to(site).as_posix()
        for p in site.rglob("index.html")
        if 'data-la-print="report"' in p.read_text(encoding="utf-8")
    )
    assert marked == [
        "places/hillfoot/reports/2023",
        "places/hillfoot/reports/2025",
        "places/north-quay/posts/2025-12-01-our-year",
        "places/north-quay/reports/2024",
        "places/north-quay/reports/2025",
        "year-in-review/2023",
        "year-in-review/2024",
        "year-in-review/2025",
    ]


# -- the canary scan over every output file -------------------------------------------------------


@pytest.mark.parametrize("canary", NETWORK_ONLY + PRIVATE)
def test_no_public_output_file_holds_a_canary(builds: dict[str, Build], canary: str) -> None:
    files = builds["public"].files()
    assert any(path.startswith("year-in-review/") for path in files)  # the reports are scanned
    assert any("/reports/" in path for path in files)
    leaks = [path for path, data in files.items() if canary.encode() in data]
    assert leaks == []


@pytest.mark.parametrize("canary", PRIVATE)
def test_no_network_output_file_holds_a_private_canary(builds: dict[str, Build], canary: str) -> None:
    leaks = [path for path, data in builds["network"].files().items() if canary.encode() in data]
    assert leaks == []


def test_the_scan_would_find_a_leak(builds: dict[str, Build]) -> None:
    """The network build publishes the network-only items: the canaries are where a leak would be."""
    files = builds["network"].files()
    for canary in ["CANARYNETRECORDANSWER", "CANARYNETPLACEANSWER", "CANARYNETTABLEHYPOTHESIS"]:
        assert any(canary.encode() in files[path] for path in files if path.startswith("year-in-review/"))


def test_a_content_page_cannot_take_a_reports_address(tmp_path: Path) -> None:
    docs = write_tree(tmp_path / "content", {**BASE_TREE, "year-in-review/2025.md": "# Mine\n"})
    result = build_site(docs, tmp_path / "site")
    assert result.returncode != 0
    assert (
        "year-in-review/2025.md" in result.output
        and "take the place of the site's own pages" in result.output
    )
